package org.tether.simulator.cli.phone;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneApi;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneStateException;
import org.tether.simulator.phone.PhoneStateFile;
import org.tether.simulator.tether.TetherApiException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options and helpers every phone subcommand shares (a picocli mixin). */
public final class PhoneOptions {

    public static final String DEFAULT_STATE = "tether-phone.json";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--state", paramLabel = "FILE", defaultValue = DEFAULT_STATE,
            description = "The phone's state file: token and MQTT login, owner-only (default: ${DEFAULT-VALUE}).")
    Path state;

    @Option(names = {"-v", "--verbose"}, description = "Log every fix sent and other details (never the secrets).")
    boolean verbose;

    final ObjectMapper json = new ObjectMapper();

    void applyVerbosity() {
        if (verbose) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.tether.simulator")).setLevel(Level.DEBUG);
        }
    }

    PhoneConsole console() {
        return new PhoneConsole(spec.commandLine().getOut(), spec.commandLine().getErr(), ZoneId.systemDefault(),
                Clock.systemUTC());
    }

    PhoneStateFile stateFile() {
        return new PhoneStateFile(state, json);
    }

    /** The enrolled phone, or {@link Exit} with {@link ExitCodes#NOT_ENROLLED} saying why not. */
    EnrolledPhone enrolledPhone(PhoneConsole console) throws Exit {
        PhoneStateFile file = stateFile();
        try {
            EnrolledPhone phone = file.read();
            file.permissionProblem().ifPresent(console::warning);
            return phone;
        } catch (PhoneStateException e) {
            console.error(e.getMessage(), List.of());
            throw new Exit(ExitCodes.NOT_ENROLLED);
        }
    }

    PhoneApi api(EnrolledPhone phone) {
        return PhoneApi.create(phone.serverUri(), phone.token(), json);
    }

    /** A refused or failed call: printed with the server's problem (status, field, reason); the exit code. */
    static int apiFailure(PhoneConsole console, String what, TetherApiException e) {
        if (PhoneApi.notEnrolled(e)) {
            console.error(what + " failed: " + e.getMessage(), List.of(
                    "The token is unknown, revoked (a newer enrolment or an unbinding) or expired: enrol again."));
            return ExitCodes.NOT_ENROLLED;
        }
        console.error(what + " failed: " + e.getMessage(), List.of());
        return ExitCodes.SETUP_FAILED;
    }

    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    void require(boolean ok, String message) {
        if (!ok) {
            throw usage(message);
        }
    }

    URI httpUrl(String option, String text) {
        try {
            URI uri = new URI(text.trim());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw usage(option + " must be an http(s) URL such as http://127.0.0.1:8080, got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw usage(option + " is not a URL: " + e.getMessage());
        }
    }

    Duration seconds(String option, double value, boolean zeroAllowed) {
        require(Double.isFinite(value) && (zeroAllowed ? value >= 0 : value > 0),
                option + (zeroAllowed ? " must not be negative" : " must be above 0") + ", got " + value);
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    /** Ends a subcommand early with an exit code (the reason is printed already). */
    static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }
}
