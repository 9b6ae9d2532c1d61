package org.tether.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tether.gateway.auth.TopicPolicy.Activity;
import org.tether.gateway.auth.TopicPolicy.Rule;
import org.tether.gateway.decode.DeviceTopic;

class TopicPolicyTest {

    private final InMemoryCredentialDirectory directory = new InMemoryCredentialDirectory();

    @Test
    void deviceRules() {
        assertEquals(List.of(
                new Rule(Activity.PUBLISH, "tether/v1/devices/BR-1/fixes", false),
                new Rule(Activity.PUBLISH, "tether/v1/devices/BR-1/events", false),
                new Rule(Activity.PUBLISH, "tether/v1/devices/BR-1/status", false),
                new Rule(Activity.SUBSCRIBE, "tether/v1/devices/BR-1/commands/#", false)),
                TopicPolicy.rulesFor(new MqttPrincipal.Device("BR-1")));
    }

    @Test
    void ownTracksDeviceAlsoGetsItsOwnTracksTopic() {
        final List<Rule> rules = TopicPolicy.rulesFor(new MqttPrincipal.Device("alice.phone"));
        assertTrue(rules.contains(new Rule(Activity.PUBLISH, "owntracks/alice/phone", false)));
        assertTrue(rules.contains(new Rule(Activity.PUBLISH, "owntracks/alice/phone/#", false)));
        assertEquals(6, rules.size());
    }

    @Test
    void vendorAndServiceRules() {
        assertEquals(List.of(
                new Rule(Activity.PUBLISH, "tether/v1/vendors/acme/devices/+/fixes", false),
                new Rule(Activity.PUBLISH, "tether/v1/vendors/acme/devices/+/events", false),
                new Rule(Activity.PUBLISH, "tether/v1/vendors/acme/devices/+/status", false)),
                TopicPolicy.rulesFor(new MqttPrincipal.Vendor("acme")));
        assertEquals(List.of(
                new Rule(Activity.SUBSCRIBE, "tether/#", true),
                new Rule(Activity.SUBSCRIBE, "owntracks/#", true)),
                TopicPolicy.rulesFor(new MqttPrincipal.Service("gateway")));
    }

    @Test
    void ownTracksSplitAtTheFirstDot() {
        assertEquals(Optional.of("owntracks/alice/phone"), TopicPolicy.ownTracksTopic("alice.phone"));
        assertEquals(Optional.of("owntracks/alice/work.phone"), TopicPolicy.ownTracksTopic("alice.work.phone"));
        assertEquals(Optional.empty(), TopicPolicy.ownTracksTopic("BR-000123"));
        assertEquals(Optional.empty(), TopicPolicy.ownTracksTopic(".phone"));
        assertEquals(Optional.empty(), TopicPolicy.ownTracksTopic("alice."));
    }

    @Test
    void parsesVendorDeviceTopics() {
        assertEquals(Optional.of(new TopicPolicy.VendorDeviceTopic("acme", "BR-7", DeviceTopic.Channel.FIXES)),
                TopicPolicy.parseVendorDeviceTopic("tether/v1/vendors/acme/devices/BR-7/fixes"));
        for (String bad : new String[] {
                "tether/v1/vendors/acme/devices/BR-7/commands",
                "tether/v1/vendors/acme/devices/BR-7/fixes/x",
                "tether/v1/vendors/acme/devices//fixes",
                "tether/v1/vendors/acme/things/BR-7/fixes",
                "tether/v1/vendors/ac:me/devices/BR-7/fixes",
                "tether/v1/devices/BR-7/fixes"}) {
            assertEquals(Optional.empty(), TopicPolicy.parseVendorDeviceTopic(bad), bad);
        }
    }

    @Test
    void willTopics() {
        final MqttPrincipal.Device device = new MqttPrincipal.Device("alice.phone");
        assertTrue(TopicPolicy.willAllowed(device, "tether/v1/devices/alice.phone/status", directory));
        assertTrue(TopicPolicy.willAllowed(device, "owntracks/alice/phone", directory));
        assertFalse(TopicPolicy.willAllowed(device, "tether/v1/devices/alice.phone/fixes", directory));
        assertFalse(TopicPolicy.willAllowed(device, "tether/v1/devices/bob.phone/status", directory));
        assertFalse(TopicPolicy.willAllowed(device, "owntracks/alice/phone/event", directory));

        directory.giveDevice("acme", "BR-7");
        final MqttPrincipal.Vendor acme = new MqttPrincipal.Vendor("acme");
        assertTrue(TopicPolicy.willAllowed(acme, "tether/v1/vendors/acme/devices/BR-7/status", directory));
        assertFalse(TopicPolicy.willAllowed(acme, "tether/v1/vendors/acme/devices/BR-8/status", directory));
        assertFalse(TopicPolicy.willAllowed(acme, "tether/v1/vendors/other/devices/BR-7/status", directory));
        assertFalse(TopicPolicy.willAllowed(acme, "tether/v1/vendors/acme/devices/BR-7/fixes", directory));

        assertFalse(TopicPolicy.willAllowed(new MqttPrincipal.Service("gw"), "tether/v1/devices/x/status", directory));
    }

    @Test
    void principalsValidateTheirIds() {
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Device("a/b"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Device("a+"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Device("#"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Device("vendor:acme"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Device("service:gw"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Vendor("ac:me"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Vendor("acme/x"));
        assertThrows(IllegalArgumentException.class, () -> new MqttPrincipal.Service(""));
    }

    @Test
    void usernamesAndClientIds() {
        final MqttPrincipal.Device device = new MqttPrincipal.Device("BR-1");
        assertEquals("BR-1", device.username());
        assertTrue(device.mayUseClientId("BR-1"));
        assertFalse(device.mayUseClientId("BR-10"));
        assertFalse(device.mayUseClientId("BR-1:x"));

        final MqttPrincipal.Vendor vendor = new MqttPrincipal.Vendor("acme");
        assertEquals("vendor:acme", vendor.username());
        assertTrue(vendor.mayUseClientId("vendor:acme"));
        assertTrue(vendor.mayUseClientId("vendor:acme:bridge-2"));
        assertFalse(vendor.mayUseClientId("vendor:acme:"));
        assertFalse(vendor.mayUseClientId("vendor:acmex"));
        assertFalse(vendor.mayUseClientId("BR-1"));

        final MqttPrincipal.Service service = new MqttPrincipal.Service("gateway");
        assertEquals("service:gateway", service.username());
        assertTrue(service.mayUseClientId("service:gateway:node-1"));
        assertFalse(service.mayUseClientId("gateway-1"));
    }
}
