package org.tether.server.procuratorate;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature the procuratorate checks (docs/procuratorate.md): {@code v1=} + lower-case hex of
 * HMAC-SHA256(shared secret, timestamp + "." + body bytes). The timestamp (Unix seconds, also sent as
 * a header) is signed with the body so a captured request cannot be replayed later with a new date.
 */
public final class NotificationSignature {

    public static final String HEADER = "X-Tether-Signature";
    public static final String TIMESTAMP_HEADER = "X-Tether-Timestamp";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final SecretKeySpec key;

    public NotificationSignature(String sharedSecret) {
        this.key = new SecretKeySpec(sharedSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String sign(long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestampSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "v1=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
