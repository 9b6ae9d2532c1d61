package org.tether.server.registry;

import java.util.Optional;
import org.tether.gateway.auth.CredentialDirectory;
import org.tether.gateway.auth.MqttPrincipal;
import org.tether.gateway.auth.StoredCredential;

/**
 * The embedded broker's view of who may connect: devices and vendors from the live registry snapshot
 * (in memory, swapped whole on change), plus this server's own gateway account.
 */
public final class RegistryCredentialDirectory implements CredentialDirectory {

    private final LiveRegistry registry;
    private final StoredCredential gateway;

    /** @param gateway the server's own ingest client (a service principal) */
    public RegistryCredentialDirectory(LiveRegistry registry, StoredCredential gateway) {
        this.registry = registry;
        this.gateway = gateway;
    }

    @Override
    public Optional<StoredCredential> lookup(String username) {
        if (username == null) {
            return Optional.empty();
        }
        if (username.equals(gateway.principal().username())) {
            return Optional.of(gateway);
        }
        RegistrySnapshot snapshot = registry.current();
        String hash = snapshot.secretHashes().get(username);
        if (hash == null) {
            return Optional.empty();
        }
        if (username.startsWith("vendor:")) {
            return Optional.of(new StoredCredential(new MqttPrincipal.Vendor(username.substring("vendor:".length())), hash));
        }
        return Optional.of(new StoredCredential(new MqttPrincipal.Device(username), hash));
    }

    @Override
    public boolean vendorOwnsDevice(String vendorId, String deviceId) {
        return registry.current().device(deviceId).map(d -> vendorId.equals(d.vendorId())).orElse(false);
    }
}
