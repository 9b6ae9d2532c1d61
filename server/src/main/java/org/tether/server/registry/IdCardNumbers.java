package org.tether.server.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Resident identity card numbers (GB 11643-1999): 17 digits and a check character (ISO 7064 MOD 11-2).
 * Shown only masked; never logged.
 */
public final class IdCardNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdCardNumbers() {
    }

    /** The canonical form (upper-case X) if the number is well-formed with a correct check character. */
    public static Optional<String> normalise(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (!s.matches("[0-9]{17}[0-9X]")) {
            return Optional.empty();
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11) == s.charAt(17) ? Optional.of(s) : Optional.empty();
    }

    /** The first three and last four characters, the rest as '*': {@code 110***********123X}. */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() < 8) {
            return "*".repeat(number.length());
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
    }
}
