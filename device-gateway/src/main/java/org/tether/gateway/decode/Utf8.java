package org.tether.gateway.decode;

/**
 * Strict UTF-8 validation (RFC 3629) of a JSON payload before Jackson parses it.
 *
 * <p>Jackson's byte parser does not validate a field name it finds in its symbol table, which a
 * long-lived {@code ObjectMapper} shares across messages; and it pads names of 1–3 trailing bytes with
 * 0xFF, a byte valid UTF-8 never contains. So once any message had the field {@code "ime"}, the
 * invalid name {@code "\xFFime"} in a later message is read as {@code "ime"} (likewise
 * {@code "\xFFlat"} as {@code "lat"}): invalid input accepted, and whether it is depends on what
 * earlier messages contained. Found by fuzzing (jackson-core 2.18.2). Validating first makes invalid
 * UTF-8 a {@link RejectReason#MALFORMED_JSON} every time.
 *
 * <p>Stateless; thread-safe.
 */
public final class Utf8 {

    private Utf8() {}

    /**
     * The offset of the first byte that does not begin a well-formed UTF-8 sequence (a stray
     * continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, a byte C0, C1 or
     * F5..FF, or a sequence cut short), or -1 when all of {@code bytes} is well-formed UTF-8.
     */
    public static int firstInvalidByte(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (i < n) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            int continuations;
            int secondMin = 0x80;
            int secondMax = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                continuations = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                continuations = 2;
                if (b == 0xE0) {
                    secondMin = 0xA0; // overlong below U+0800
                } else if (b == 0xED) {
                    secondMax = 0x9F; // U+D800..U+DFFF are surrogates
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                continuations = 3;
                if (b == 0xF0) {
                    secondMin = 0x90; // overlong below U+10000
                } else if (b == 0xF4) {
                    secondMax = 0x8F; // above U+10FFFF
                }
            } else {
                return i; // continuation byte without a lead, C0/C1 (overlong ASCII), F5..FF
            }
            if (i + continuations >= n) {
                return i;
            }
            int second = bytes[i + 1] & 0xFF;
            if (second < secondMin || second > secondMax) {
                return i;
            }
            for (int k = 2; k <= continuations; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += continuations + 1;
        }
        return -1;
    }
}
