package org.tether.simulator.cli.phone;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tether.simulator.ExitCodes;
import org.tether.simulator.cli.VersionProvider;
import org.tether.simulator.mqtt.BrokerAddress;
import org.tether.simulator.mqtt.Topics;
import org.tether.simulator.phone.EnrolledPhone;
import org.tether.simulator.phone.PhoneApi;
import org.tether.simulator.phone.PhoneConsole;
import org.tether.simulator.phone.PhoneStateException;
import org.tether.simulator.tether.TetherApiException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code phone enrol}: redeems a one-time code and keeps the token and MQTT login in the state file. */
@Command(
        name = "enrol",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "Redeem a one-time enrolment code; save the API token and MQTT login to the state file.",
        description = {
                "",
                "POST /phone/v1/enrolment with the code. The answer's token and MQTT password are written to --state "
                        + "(created owner-only, 0600) and never printed. Enrolling again for the same person revokes "
                        + "the earlier phone, on the server and for its state file.",
                ""})
public final class PhoneEnrolCommand implements Callable<Integer> {

    @Mixin
    PhoneOptions common;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the Tether server (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--code", paramLabel = "CODE", required = true,
            description = "The one-time enrolment code the officer was shown, e.g. K7QM-2XPA.")
    String code;

    @Option(names = "--broker", paramLabel = "tcp://HOST:PORT",
            description = "The MQTT broker the phone publishes to; the enrolment answer does not say which "
                    + "(default: the server's host, port 1883).")
    String broker;

    @Option(names = "--platform", paramLabel = "ANDROID|IOS", defaultValue = "ANDROID",
            description = "The platform the phone reports (default: ${DEFAULT-VALUE}).")
    String platform;

    @Option(names = "--push-token", paramLabel = "TOKEN",
            description = "An FCM registration token to register with the enrolment (default: none).")
    String pushToken;

    @Override
    public Integer call() {
        common.applyVerbosity();
        URI serverUri = common.httpUrl("--server", server);
        BrokerAddress brokerAddress = brokerAddress(serverUri);
        String platformName = platform.trim().toUpperCase(Locale.ROOT);
        common.require(platformName.equals("ANDROID") || platformName.equals("IOS"),
                "--platform must be ANDROID or IOS, got '" + platform + "'");
        common.require(!code.isBlank(), "--code must not be empty");

        PhoneConsole console = common.console();
        PhoneApi.Enrolment answer;
        try {
            answer = PhoneApi.create(serverUri, null, common.json).enrol(code.trim(), platformName, pushToken);
        } catch (TetherApiException e) {
            return PhoneOptions.apiFailure(console, "Enrolment", e);
        }
        EnrolledPhone phone = new EnrolledPhone(serverUri.toString(), brokerAddress.toString(), answer.personId(),
                answer.deviceId(), answer.token(), answer.expiresAt(), answer.deviceId(), answer.mqttUsername(),
                answer.mqttPassword(), answer.fixTopic() != null ? answer.fixTopic() : Topics.fixes(answer.deviceId()),
                Clock.systemUTC().instant().toString());
        try {
            common.stateFile().write(phone);
        } catch (PhoneStateException e) {
            // Enrolled on the server but the login is lost here: say so, the code is used up.
            console.error(e.getMessage(), java.util.List.of("The phone is enrolled on the server but its token could not "
                    + "be kept: ask for a new code."));
            return ExitCodes.SETUP_FAILED;
        }
        console.enrolled(phone, common.state);
        return ExitCodes.OK;
    }

    private BrokerAddress brokerAddress(URI serverUri) {
        if (broker == null) {
            return new BrokerAddress(serverUri.getHost(), BrokerAddress.DEFAULT_PORT);
        }
        try {
            return BrokerAddress.parse(broker);
        } catch (IllegalArgumentException e) {
            throw common.usage("--broker: " + e.getMessage());
        }
    }
}
