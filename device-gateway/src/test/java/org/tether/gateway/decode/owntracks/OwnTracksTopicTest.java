package org.tether.gateway.decode.owntracks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.gateway.decode.DeviceTopic;

class OwnTracksTopicTest {

    @ParameterizedTest
    @CsvSource({
        "owntracks/jane/phone, jane.phone",
        "owntracks/jane/pixel.7, jane.pixel.7",
        "owntracks/SQJZ-0042/iPhone_15, SQJZ-0042.iPhone_15",
        "owntracks/u:1/d:2, u:1.d:2",
        "owntracks/a/b, a.b",
    })
    void locationTopicMapsToUserDotDeviceOnTheFixesChannel(String topic, String deviceId) {
        assertEquals(Optional.of(new DeviceTopic(deviceId, DeviceTopic.Channel.FIXES)), OwnTracksTopic.parse(topic));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "owntracks", "owntracks/", "owntracks/jane", "owntracks/jane/", "owntracks//phone", "owntracks//",
        // the app's other topics are not fix topics
        "owntracks/jane/phone/event", "owntracks/jane/phone/cmd", "owntracks/jane/phone/step",
        "owntracks/jane/phone/waypoint", "owntracks/jane/phone/",
        // prefix is exact and case-sensitive, as MQTT topics are
        "OwnTracks/jane/phone", "/owntracks/jane/phone", " owntracks/jane/phone", "owntracksx/jane/phone",
        "tether/v1/devices/BR-1/fixes",
        // characters a device id may not have, MQTT wildcards among them
        "owntracks/ja ne/phone", "owntracks/jane/ph+one", "owntracks/+/+", "owntracks/#", "owntracks/jane/#",
        "owntracks/jane@example/phone", "owntracks/jané/phone", "owntracks/jane/phone\u0000",
        // a dot in the user would make the mapping ambiguous (see the injectivity test)
        "owntracks/j.ane/phone", "owntracks/./phone",
    })
    void otherTopicsAreNotOwnTracksLocationTopics(String topic) {
        assertEquals(Optional.empty(), OwnTracksTopic.parse(topic));
    }

    @Test
    void mappingIsOneToOneSoNoUserCanPublishAsAnother() {
        // With dots allowed in the user, owntracks/a.b/c would also become a.b.c, and user "a"
        // (allowed by the ACL to publish under owntracks/a/#) could send fixes for user "a.b".
        assertEquals("a.b.c", OwnTracksTopic.parse("owntracks/a/b.c").orElseThrow().deviceId());
        assertEquals(Optional.empty(), OwnTracksTopic.parse("owntracks/a.b/c"));
    }

    @Test
    void deviceIdAtMost64CharactersInAll() {
        String user = "u".repeat(31);
        String device = "d".repeat(32);

        assertEquals(64, OwnTracksTopic.parse("owntracks/" + user + "/" + device).orElseThrow().deviceId().length());
        assertEquals(Optional.empty(), OwnTracksTopic.parse("owntracks/" + user + "/" + device + "x"));
        assertEquals(Optional.empty(), OwnTracksTopic.parse("owntracks/" + "u".repeat(64) + "/d"));
    }

    @Test
    void topicIsTheInverseOfDeviceId() {
        assertEquals(Optional.of("owntracks/jane/phone"), OwnTracksTopic.topic("jane.phone"));
        assertEquals(Optional.of("owntracks/jane/pixel.7"), OwnTracksTopic.topic("jane.pixel.7"));
        assertEquals(Optional.empty(), OwnTracksTopic.topic("BR-1"));
        assertEquals(Optional.empty(), OwnTracksTopic.topic(".phone"));
        assertEquals(Optional.empty(), OwnTracksTopic.topic("jane."));
        assertEquals(Optional.empty(), OwnTracksTopic.topic(null));
        for (String t : new String[] {"owntracks/jane/phone", "owntracks/a/b.c", "owntracks/x-1/y_2"}) {
            assertEquals(Optional.of(t), OwnTracksTopic.topic(OwnTracksTopic.parse(t).orElseThrow().deviceId()));
        }
    }

    @Test
    void deviceIdOfUserAndDevice() {
        assertEquals(Optional.of("jane.phone"), OwnTracksTopic.deviceId("jane", "phone"));
        assertEquals(Optional.empty(), OwnTracksTopic.deviceId("ja.ne", "phone"));
        assertEquals(Optional.empty(), OwnTracksTopic.deviceId("", "phone"));
        assertEquals(Optional.empty(), OwnTracksTopic.deviceId("jane", null));
    }

    @Test
    void filterMatchesExactlyTheLocationTopics() {
        assertEquals("owntracks/+/+", OwnTracksTopic.FILTER);
        assertTrue(OwnTracksTopic.parse(OwnTracksTopic.FILTER.replace("+", "x")).isPresent());
    }
}
