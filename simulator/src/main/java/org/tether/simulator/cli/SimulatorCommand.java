package org.tether.simulator.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.tether.simulator.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code tether-simulator} command; the work is done by its subcommands. */
@Command(
        name = "tether-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        header = "Simulates supervised persons and their devices against a running Tether server.",
        description = {
                "",
                "A client of Tether's public interfaces only: it creates zones, persons and devices through the staff "
                        + "HTTP API, publishes position fixes over MQTT as the devices would, and follows the alerts "
                        + "the server raises. 'phone' plays one person's phone app through the phone API.",
                ""},
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DemoCommand.class, org.tether.simulator.cli.phone.PhoneCommand.class,
                CommandLine.HelpCommand.class},
        footer = {
                "",
                "Example (server and broker on this machine):",
                "  java -jar simulator/target/tether-simulator.jar demo",
                "  java -jar simulator/target/tether-simulator.jar phone enrol --code K7QM-2XPA",
                "",
                "Run 'tether-simulator help COMMAND' or 'tether-simulator COMMAND --help' for a command's options."})
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** A configured command line, ready to {@code execute(args)}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SimulatorCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpLongOptionsMaxWidth(32);
        return cli;
    }

    @Override
    public Integer call() {
        // No subcommand given: explain what there is.
        PrintWriter err = spec.commandLine().getErr();
        err.println("Missing a command, e.g. 'demo'.");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }
}
