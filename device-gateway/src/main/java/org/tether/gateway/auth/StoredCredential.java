package org.tether.gateway.auth;

import java.util.Objects;

/**
 * One login as the server's registry stores it.
 *
 * @param principal  who logs in with this credential; its {@link MqttPrincipal#username()} must equal the user
 *                   name the credential is looked up by
 * @param secretHash the secret as {@link CredentialHasher#hash(char[])} stored it, e.g.
 *                   {@code pbkdf2-sha256$120000$<salt>$<hash>}; never the secret itself
 */
public record StoredCredential(MqttPrincipal principal, String secretHash) {

    public StoredCredential {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(secretHash, "secretHash");
    }

    /** Does not print the hash: hashes of low-entropy secrets can be attacked offline. */
    @Override
    public String toString() {
        return "StoredCredential[principal=" + principal + ", secretHash=<redacted>]";
    }
}
