package org.tether.server.support;

/** Ends what a test class started, in order, each step even when an earlier one failed. */
public final class Teardown {

    private Teardown() {
    }

    /** Closes every non-null part in the given order; the first failure is rethrown with the rest suppressed. */
    public static void all(AutoCloseable... parts) {
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            if (part == null) {
                continue;
            }
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
