package org.tether.simulator.cli.phone;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tether-simulator phone}: one supervised person's phone app, speaking the phone API and MQTT. */
@Command(
        name = "phone",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        header = "Simulates a supervised person's phone app: enrol, publish fixes, check in, answer location checks.",
        description = {
                "",
                "Speaks only the phone API (/phone/v1) and MQTT, as the real app does. 'enrol' redeems the one-time "
                        + "code an officer issued (POST /api/persons/{id}/enrolment-codes) and keeps the API token and "
                        + "the phone's MQTT login in a state file readable only by you (--state, default "
                        + PhoneOptions.DEFAULT_STATE + "); the other commands read it.",
                "",
                "Exit status: 0 done, 1 the server refused a request (its problem is printed: field and reason) or "
                        + "could not be reached, 2 bad command line, 3 not enrolled (no state file, or the server refuses "
                        + "the token or the broker the MQTT login: revoked or expired, enrol again).",
                ""},
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {PhoneEnrolCommand.class, PhoneCheckInCommand.class, PhoneAnswerChecksCommand.class,
                PhoneRunCommand.class, CommandLine.HelpCommand.class},
        footer = {
                "",
                "Example:",
                "  tether-simulator phone enrol --server http://127.0.0.1:8080 --code K7QM-2XPA",
                "  tether-simulator phone run --check-in-every 3600 --photo jpeg"})
public final class PhoneCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("Missing a phone command, e.g. 'enrol' or 'run'.");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
