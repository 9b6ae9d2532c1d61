package org.tether.simulator.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerAddressTest {

    @Test
    void parsesTcpUrls() {
        assertEquals(new BrokerAddress("127.0.0.1", 1883), BrokerAddress.parse("tcp://127.0.0.1:1883"));
        assertEquals(new BrokerAddress("broker.example", 11883), BrokerAddress.parse("tcp://broker.example:11883"));
        assertEquals(new BrokerAddress("broker.example", 1883), BrokerAddress.parse("tcp://broker.example"));
        assertEquals(new BrokerAddress("broker.example", 1883), BrokerAddress.parse("mqtt://broker.example:1883/"));
        assertEquals(new BrokerAddress("localhost", 1884), BrokerAddress.parse("localhost:1884"));
        assertEquals(new BrokerAddress("::1", 1883), BrokerAddress.parse("tcp://[::1]:1883"));
        assertEquals("tcp://[::1]:1883", BrokerAddress.parse("tcp://[::1]:1883").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ssl://host:8883", "ws://host:80", "tcp://:1883", "tcp://host:99999", "tcp://host:1883/x"})
    void rejectsWhatItCannotUse(String text) {
        assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse(text));
    }

    @Test
    void fixTopicFollowsTheContract() {
        assertEquals("tether/v1/devices/BR-0001/fixes", Topics.fixes("BR-0001"));
        assertThrows(IllegalArgumentException.class, () -> Topics.fixes("a/b"));
        assertThrows(IllegalArgumentException.class, () -> Topics.fixes("#"));
    }

    @Test
    void credentialsNeverShowThePassword() {
        MqttCredentials c = MqttCredentials.of("device", "s3cret");
        assertFalse(c.toString().contains("s3cret"));
        assertEquals(MqttCredentials.NONE, MqttCredentials.of(null, ""));
    }
}
