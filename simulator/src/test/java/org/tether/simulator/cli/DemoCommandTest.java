package org.tether.simulator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.mqtt.BrokerAddress;
import org.tether.simulator.mqtt.MqttCredentials;
import org.tether.simulator.run.DemoOptions;
import picocli.CommandLine;

class DemoCommandTest {

    private static DemoOptions parse(String... args) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Test
    void defaults() {
        DemoOptions o = parse();
        assertEquals(URI.create("http://127.0.0.1:8080"), o.server());
        assertEquals(new BrokerAddress("127.0.0.1", 1883), o.broker());
        assertEquals(MqttCredentials.NONE, o.credentials());
        assertEquals(Duration.ofSeconds(2), o.interval());
        assertTrue(o.runsUntilStopped());
        assertEquals(Duration.ofSeconds(60), o.healthWait());
        assertEquals(5, o.scenario().persons());
        assertEquals(42, o.scenario().seed());
        assertEquals(30.2741, o.scenario().center().lat());
        assertEquals(120.1551, o.scenario().center().lon());
        assertEquals(3000, o.scenario().zoneRadiusM());
        assertTrue(o.scenario().devicePrefix().matches("SIM-[0-9A-Z]{4}-"), o.scenario().devicePrefix());
    }

    @Test
    void repeatedRunsGetDifferentPrefixes() {
        // 32^4 possibilities: two equal draws in a row would be a one-in-a-million event; allow one retry.
        String a = parse().scenario().devicePrefix();
        String b = parse().scenario().devicePrefix();
        assertTrue(!a.equals(b) || !a.equals(parse().scenario().devicePrefix()));
    }

    @Test
    void options() {
        DemoOptions o = parse("--server", "http://tether.local:9000/", "--broker", "tcp://mq.local:11883",
                "--persons", "3", "--interval", "0.5", "--seed", "7", "--duration", "90", "--center-lat", "31.23",
                "--center-lon", "121.47", "--zone-radius-km", "1.5", "--device-prefix", "T1-",
                "--mqtt-username", "u", "--mqtt-password", "p");
        assertEquals(URI.create("http://tether.local:9000/"), o.server());
        assertEquals(new BrokerAddress("mq.local", 11883), o.broker());
        assertEquals(MqttCredentials.of("u", "p"), o.credentials());
        assertEquals(3, o.scenario().persons());
        assertEquals(Duration.ofMillis(500), o.interval());
        assertEquals(Duration.ofSeconds(90), o.duration());
        assertEquals(1500, o.scenario().zoneRadiusM());
        assertEquals("T1-", o.scenario().devicePrefix());
        assertEquals(7, o.scenario().seed());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThrows(CommandLine.ParameterException.class, () -> parse("--persons", "0"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--interval", "0"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--broker", "ssl://x:8883"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--server", "ftp://x"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--center-lat", "95"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--device-prefix", "a/b"));
        assertThrows(CommandLine.ParameterException.class, () -> parse("--duration", "-1"));
    }

    @Test
    void helpWorksAndExitCodesAreAsDocumented() {
        StringWriter out = new StringWriter();
        CommandLine cli = SimulatorCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(ExitCodes.OK, cli.execute("--help"));
        assertTrue(out.toString().contains("demo"));
        assertEquals(ExitCodes.OK, cli.execute("demo", "--help"));
        assertTrue(out.toString().contains("--zone-radius-km"));
        assertEquals(ExitCodes.USAGE, cli.execute());
        assertEquals(ExitCodes.USAGE, cli.execute("demo", "--persons", "0"));
        assertEquals(ExitCodes.USAGE, cli.execute("demo", "--no-such-option"));
    }
}
