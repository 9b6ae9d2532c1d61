package org.tether.simulator.cli;

import java.util.random.RandomGenerator;

/**
 * A short random label for one run ("7K2Q"), so device ids of repeated runs do not collide. Deliberately
 * not derived from --seed: the same seed must still give fresh ids.
 */
public final class RunId {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; // Crockford base 32
    private static final int LENGTH = 4;

    private RunId() {
    }

    public static String random(RandomGenerator rng) {
        StringBuilder sb = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            sb.append(ALPHABET.charAt(rng.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
