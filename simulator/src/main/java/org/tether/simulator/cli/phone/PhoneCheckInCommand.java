package org.tether.simulator.cli.phone;

import java.time.Clock;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.VersionProvider;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneFix;
import org.tether.simulator.phone.PhoneRunStats;
import org.tether.simulator.phone.PhoneRunner;
import org.tether.simulator.phone.Photo;
import org.tether.simulator.phone.PhotoKind;
import org.tether.simulator.tether.TetherApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phone check-in}: one scheduled check-in (定期报到) now, optionally with a generated photo. */
@Command(
        name = "check-in",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Check in once now with a fresh fix (and a generated photo if asked).",
        description = {"", "POST /phone/v1/check-ins, then PUT /phone/v1/check-ins/{id}/photo with --photo. Prints "
                + "whether the check-in fell in a window and where the fix lies against the inclusion area.", ""})
public final class PhoneCheckInCommand implements Callable<Integer> {

    @Mixin
    PhoneOptions common;

    @Mixin
    FixOptions where;

    @Option(names = "--photo", paramLabel = "NONE|JPEG|PNG", defaultValue = "NONE",
            description = "Attach a generated photo in this format (default: ${DEFAULT-VALUE}).")
    PhotoKind photo;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the generated photo (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        common.applyVerbosity();
        PhoneFix fix;
        try {
            fix = where.fix(Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            throw common.usage(e.getMessage());
        }
        PhoneConsole console = common.console();
        try {
            EnrolledPhone phone = common.enrolledPhone(console);
            Optional<Photo> image = photo.generate(new SplittableRandom(seed));
            PhoneRunner.checkIn(common.api(phone), fix, image, new PhoneRunStats(), console);
            return ExitCodes.OK;
        } catch (PhoneOptions.Exit e) {
            return e.code;
        } catch (TetherApiException e) {
            return PhoneOptions.apiFailure(console, "Check-in", e);
        }
    }
}
