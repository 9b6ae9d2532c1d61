package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.tether.gateway.decode.owntracks.OwnTracksTopic;

/**
 * Coverage-guided fuzzing of the topic parsers, {@link DeviceTopic#parse} and {@link OwnTracksTopic#parse},
 * on arbitrary strings: they never throw, and what they accept is a valid, one-to-one identity.
 */
class TopicParsingFuzzTest {

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"tether/v1/devices/", "/fixes", "/events", "/status", "owntracks/", "/", ".", "+", "#"})
    void fuzzParse(byte[] input) {
        // UTF-8 as MQTT topics are; Latin-1 reaches every char 0..255, including what UTF-8 decoding replaces.
        for (String topic : new String[] {new String(input, StandardCharsets.UTF_8),
            new String(input, StandardCharsets.ISO_8859_1)}) {
            Optional<DeviceTopic> tether = DeviceTopic.parse(topic);
            tether.ifPresent(t -> {
                assertTrue(DeviceTopic.isValidDeviceId(t.deviceId()), t.deviceId());
                assertEquals(topic, t.topic(), "a parsed topic prints back as itself");
                assertEquals(tether, DeviceTopic.parse(t.topic()));
            });

            Optional<DeviceTopic> owntracks = OwnTracksTopic.parse(topic);
            owntracks.ifPresent(t -> {
                assertTrue(DeviceTopic.isValidDeviceId(t.deviceId()), t.deviceId());
                assertEquals(DeviceTopic.Channel.FIXES, t.channel());
                // one-to-one: the device id leads back to this very topic, so no other topic maps to it
                assertEquals(Optional.of(topic), OwnTracksTopic.topic(t.deviceId()), t.deviceId());
            });
            if (tether.isPresent() && owntracks.isPresent()) {
                throw new AssertionError("both parsers accept " + topic);
            }
        }
    }
}
