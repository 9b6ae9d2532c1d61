package org.tether.gateway.auth;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops a vendor bridge's PUBLISH to {@code tether/v1/vendors/{vendorId}/devices/{deviceId}/…} when the vendor does
 * not own that device ({@link CredentialDirectory#vendorOwnsDevice}). One instance per vendor connection,
 * added by {@link DeviceAuthExtension}'s client initializer; device and service connections get none, so their
 * publishes skip this extra step.
 *
 * <h2>What the client sees</h2>
 * <ul>
 *   <li>MQTT 5, QoS 1/2: PUBACK/PUBREC with reason code NOT_AUTHORIZED (0x87) and a reason string; the
 *       connection stays up, so one stale device does not block the vendor's other devices.</li>
 *   <li>MQTT 3.1.1: a plain PUBACK (the message is silently dropped). HiveMQ would disconnect an MQTT 3 client
 *       for a non-success reason code, and the bridge would re-send the same message after every reconnect,
 *       blocking its whole queue.</li>
 *   <li>QoS 0: nothing (dropped).</li>
 * </ul>
 * Publishes to other topics pass unchanged: HiveMQ runs inbound interceptors <em>before</em> the default
 * permissions, which then refuse anything outside the vendor's own prefix (and disconnect the client).
 */
final class VendorOwnershipInterceptor implements PublishInboundInterceptor {

    private static final Logger log = LoggerFactory.getLogger(VendorOwnershipInterceptor.class);

    private final CredentialDirectory directory;
    private final String vendorId;
    private final AtomicLong dropped;

    VendorOwnershipInterceptor(CredentialDirectory directory, String vendorId, AtomicLong dropped) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.vendorId = Objects.requireNonNull(vendorId, "vendorId");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        final Optional<TopicPolicy.VendorDeviceTopic> parsed =
                TopicPolicy.parseVendorDeviceTopic(input.getPublishPacket().getTopic());
        if (parsed.isEmpty() || !parsed.get().vendorId().equals(vendorId)) {
            return; // not a device topic of this vendor: the default permissions decide
        }
        final String deviceId = parsed.get().deviceId();
        boolean owns;
        try {
            owns = directory.vendorOwnsDevice(vendorId, deviceId);
        } catch (RuntimeException e) {
            log.error("CredentialDirectory.vendorOwnsDevice({}, {}) failed; dropping the publish", vendorId, deviceId, e);
            owns = false;
        }
        if (owns) {
            return;
        }
        dropped.incrementAndGet();
        log.info("Dropped PUBLISH from vendor '{}' (client '{}') for device '{}' it does not own",
                vendorId, input.getClientInformation().getClientId(), deviceId);
        if (input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED,
                    "vendor " + vendorId + " does not own device " + deviceId);
        } else {
            output.preventPublishDelivery(); // SUCCESS: acknowledged and dropped, no disconnect
        }
    }
}
