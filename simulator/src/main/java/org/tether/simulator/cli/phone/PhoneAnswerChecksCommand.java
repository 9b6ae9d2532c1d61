package org.tether.simulator.cli.phone;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.VersionProvider;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneApi;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneFix;
import org.tether.simulator.tether.TetherApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code phone answer-checks}: answers every open location check once (the app's fallback for a missed push). */
@Command(
        name = "answer-checks",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Answer every open location check (信息化核查) now with a fresh fix.",
        description = {"", "GET /phone/v1/location-checks, then POST /phone/v1/location-checks/{id}/answer for each. "
                + "Prints each answer (in time or late, and the area verdict).", ""})
public final class PhoneAnswerChecksCommand implements Callable<Integer> {

    @Mixin
    PhoneOptions common;

    @Mixin
    FixOptions where;

    @Override
    public Integer call() {
        common.applyVerbosity();
        try {
            where.fix(Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw common.usage(e.getMessage());
        }
        PhoneConsole console = common.console();
        try {
            EnrolledPhone phone = common.enrolledPhone(console);
            PhoneApi api = common.api(phone);
            List<PhoneApi.LocationCheck> open = api.openLocationChecks();
            if (open.isEmpty()) {
                console.info("No open location checks.");
            }
            for (PhoneApi.LocationCheck check : open) {
                PhoneFix fix = where.fix(Clock.systemUTC()); // fresh for each answer
                console.answered(api.answer(check.id(), fix), fix);
            }
            return ExitCodes.OK;
        } catch (PhoneOptions.Exit e) {
            return e.code;
        } catch (TetherApiException e) {
            return PhoneOptions.apiFailure(console, "Answering location checks", e);
        }
    }
}
