package org.tether.gateway.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tether.gateway.decode.DeviceTopic.Channel;

class DeviceTopicTest {

    private static final String ID_64 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String ID_65 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    @Test
    void parsesFixesTopic() {
        Optional<DeviceTopic> topic = DeviceTopic.parse("tether/v1/devices/BR-1/fixes");

        assertEquals(Optional.of(new DeviceTopic("BR-1", Channel.FIXES)), topic);
    }

    @Test
    void parsesEventsTopic() {
        assertEquals(Optional.of(new DeviceTopic("phone_7", Channel.EVENTS)),
                DeviceTopic.parse("tether/v1/devices/phone_7/events"));
    }

    @Test
    void parsesStatusTopic() {
        assertEquals(Optional.of(new DeviceTopic("imei:860000000000001", Channel.STATUS)),
                DeviceTopic.parse("tether/v1/devices/imei:860000000000001/status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "z", "0", "BR-1", "br.1", "a_b", "x:y", "AZaz09._:-", ID_64})
    void acceptsEveryAllowedCharacterAndLength(String id) {
        Optional<DeviceTopic> topic = DeviceTopic.parse("tether/v1/devices/" + id + "/fixes");

        assertTrue(topic.isPresent(), id);
        assertEquals(id, topic.get().deviceId());
        assertEquals(Channel.FIXES, topic.get().channel());
        assertTrue(DeviceTopic.isValidDeviceId(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // wrong prefix
        "tether/v2/devices/BR-1/fixes",
        "Tether/v1/devices/BR-1/fixes",
        "/tether/v1/devices/BR-1/fixes",
        "tether/v1/device/BR-1/fixes",
        "other/tether/v1/devices/BR-1/fixes",
        "tether/v1/devices",
        "tether/v1/devices/",
        // missing segments
        "tether/v1/devices/BR-1",
        "tether/v1/devices/BR-1/",
        "tether/v1/devices//fixes",
        "tether/v1/devices/fixes",
        // extra segments
        "tether/v1/devices/BR-1/fixes/extra",
        "tether/v1/devices/BR-1/fixes/",
        "tether/v1/devices/BR-1/sub/fixes",
        "tether/v1/devices/BR-1//fixes",
        // unknown or mis-spelt channel
        "tether/v1/devices/BR-1/fix",
        "tether/v1/devices/BR-1/FIXES",
        "tether/v1/devices/BR-1/Fixes",
        "tether/v1/devices/BR-1/commands",
        "tether/v1/devices/BR-1/fixes ",
        "tether/v1/devices/BR-1/+",
        "tether/v1/devices/BR-1/#",
        // bad device ids
        "tether/v1/devices/+/fixes",
        "tether/v1/devices/#/fixes",
        "tether/v1/devices/BR+1/fixes",
        "tether/v1/devices/BR#1/fixes",
        "tether/v1/devices/BR 1/fixes",
        "tether/v1/devices/ BR-1/fixes",
        "tether/v1/devices/BR-1 /fixes",
        "tether/v1/devices/BR\t1/fixes",
        "tether/v1/devices/BR\n1/fixes",
        "tether/v1/devices/BR\u00e91/fixes",
        "tether/v1/devices/\u0661\u0662/fixes",
        "tether/v1/devices/BR\u00001/fixes",
        "tether/v1/devices/BR$1/fixes",
        "tether/v1/devices/BR*1/fixes",
    })
    void rejectsMalformedTopics(String topic) {
        assertEquals(Optional.empty(), DeviceTopic.parse(topic), topic);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsNullAndEmptyTopic(String topic) {
        assertEquals(Optional.empty(), DeviceTopic.parse(topic));
    }

    @Test
    void deviceIdOf64CharactersIsAcceptedAnd65IsNot() {
        assertTrue(DeviceTopic.parse("tether/v1/devices/" + ID_64 + "/fixes").isPresent());
        assertEquals(Optional.empty(), DeviceTopic.parse("tether/v1/devices/" + ID_65 + "/fixes"));
        assertFalse(DeviceTopic.isValidDeviceId(ID_65));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "+", "#", "a+", "a#", "a b", " ", "a\u00e9", ID_65})
    void isValidDeviceIdRejectsBadIds(String id) {
        assertFalse(DeviceTopic.isValidDeviceId(id), id);
    }

    @Test
    void isValidDeviceIdRejectsNull() {
        assertFalse(DeviceTopic.isValidDeviceId(null));
    }

    @Test
    void filterSubscribesToOneChannelOfEveryDevice() {
        assertEquals("tether/v1/devices/+/fixes", DeviceTopic.filter(Channel.FIXES));
        assertEquals("tether/v1/devices/+/events", DeviceTopic.filter(Channel.EVENTS));
        assertEquals("tether/v1/devices/+/status", DeviceTopic.filter(Channel.STATUS));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void filterMatchesTheTopicsOfThatChannelOnly(Channel channel) {
        String filter = DeviceTopic.filter(channel);
        for (Channel other : Channel.values()) {
            String topic = new DeviceTopic("BR-1", other).topic();
            // MQTT '+' matches exactly one level: replace it by the device id and compare.
            boolean matches = filter.replace("+", "BR-1").equals(topic);
            assertEquals(other == channel, matches, filter + " vs " + topic);
        }
        // The filter itself is not a device topic: '+' is not a valid device id.
        assertEquals(Optional.empty(), DeviceTopic.parse(filter));
    }

    @ParameterizedTest
    @EnumSource(Channel.class)
    void topicAndParseRoundTrip(Channel channel) {
        DeviceTopic original = new DeviceTopic("BR-1.a_b:c", channel);

        String text = original.topic();

        assertEquals("tether/v1/devices/BR-1.a_b:c/" + channel.segment(), text);
        assertEquals(Optional.of(original), DeviceTopic.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "tether/v1/devices/BR-1/fixes",
        "tether/v1/devices/x/events",
        "tether/v1/devices/0:1:2/status",
    })
    void parseAndTopicRoundTrip(String text) {
        assertEquals(text, DeviceTopic.parse(text).orElseThrow().topic());
    }

    @Test
    void channelSegmentsAreTheWireNames() {
        assertEquals("fixes", Channel.FIXES.segment());
        assertEquals("events", Channel.EVENTS.segment());
        assertEquals("status", Channel.STATUS.segment());
    }
}
