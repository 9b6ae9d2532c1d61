package org.tether.gateway.decode;

/**
 * Turns one message from a device (or a vendor's platform) into validated fixes. One
 * implementation per wire format; each must be safe on any bytes: bad input becomes a
 * {@link Rejection}, never an unchecked exception. Implementations are stateless and thread-safe.
 */
public interface FixDecoder {

    /**
     * @param topic the parsed topic the message arrived on; its device id is the trusted identity
     * @throws MessageRejectedException when nothing in the message can be used
     */
    DecodedFixes decode(DeviceTopic topic, byte[] payload) throws MessageRejectedException;
}
