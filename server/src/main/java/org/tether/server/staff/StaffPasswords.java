package org.tether.server.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.tether.gateway.auth.CredentialHasher;

/**
 * Staff passwords: PBKDF2 ({@link CredentialHasher}) on a worker thread, never on an event loop. A
 * login for an unknown user name still pays one verification, so response times do not tell which
 * user names exist.
 */
public final class StaffPasswords {

    public static final int MIN_LENGTH = 12;

    private final Vertx vertx;
    private final CredentialHasher hasher;
    private final String dummyHash;

    public StaffPasswords(Vertx vertx, int iterations) {
        this.vertx = vertx;
        this.hasher = new CredentialHasher(iterations, null);
        this.dummyHash = hasher.hash(CredentialHasher.generateSecret().toCharArray());
    }

    public Future<String> hash(String password) {
        return vertx.executeBlocking(() -> hasher.hash(password.toCharArray()), false);
    }

    /** @param storedHash null for an unknown user: answers false after the same work */
    public Future<Boolean> verify(String password, String storedHash) {
        return vertx.executeBlocking(() -> {
            boolean ok = hasher.verify(password.toCharArray(), storedHash == null ? dummyHash : storedHash);
            return ok && storedHash != null;
        }, false);
    }
}
