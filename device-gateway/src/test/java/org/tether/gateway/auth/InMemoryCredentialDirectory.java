package org.tether.gateway.auth;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The test stand-in for the server's registry snapshot. */
final class InMemoryCredentialDirectory implements CredentialDirectory {

    private final Map<String, StoredCredential> credentials = new ConcurrentHashMap<>();
    private final Set<String> ownership = ConcurrentHashMap.newKeySet();

    void put(MqttPrincipal principal, String secretHash) {
        credentials.put(principal.username(), new StoredCredential(principal, secretHash));
    }

    /** Stores a credential under a user name other than the principal's (a broken registry). */
    void putUnderUsername(String username, MqttPrincipal principal, String secretHash) {
        credentials.put(username, new StoredCredential(principal, secretHash));
    }

    void remove(String username) {
        credentials.remove(username);
    }

    void giveDevice(String vendorId, String deviceId) {
        ownership.add(vendorId + "\n" + deviceId);
    }

    @Override
    public Optional<StoredCredential> lookup(String username) {
        return Optional.ofNullable(credentials.get(username));
    }

    @Override
    public boolean vendorOwnsDevice(String vendorId, String deviceId) {
        return ownership.contains(vendorId + "\n" + deviceId);
    }
}
