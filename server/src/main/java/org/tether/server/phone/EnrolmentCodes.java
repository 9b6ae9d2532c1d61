package org.tether.server.phone;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import org.tether.server.staff.SessionTokens;

/**
 * One-time enrolment codes: 8 characters from 31 that cannot be mistaken for one another (no 0/O, 1/I/L),
 * about 40 bits, shown as {@code XXXX-XXXX}. Only their SHA-256 is stored; redemption attempts are
 * rate-limited per address and codes expire, so 40 bits are plenty.
 */
public final class EnrolmentCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EnrolmentCodes() {
    }

    /** A new code, formatted for reading out ({@code K7QM-2XPA}). */
    public static String generate() {
        StringBuilder b = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The code as typed, without case, spaces or dashes; empty when it cannot be a code. */
    public static Optional<String> normalise(String typed) {
        String s = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (s.length() != LENGTH || s.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** SHA-256 of the normalised code. */
    public static byte[] hash(String normalised) {
        return SessionTokens.hash(normalised);
    }
}
