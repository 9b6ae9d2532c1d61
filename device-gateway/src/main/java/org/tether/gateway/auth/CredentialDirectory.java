package org.tether.gateway.auth;

import java.util.Optional;

/**
 * What the broker's {@link DeviceAuthExtension} needs to know about devices, vendors and service accounts;
 * implemented by the server from its registry.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>In memory and non-blocking.</b> Both methods are called on HiveMQ's extension threads for every
 *       CONNECT ({@link #lookup}) and for every vendor PUBLISH ({@link #vendorOwnsDevice}). They must answer
 *       from a snapshot the server keeps in memory (e.g. an immutable map swapped atomically when the registry
 *       changes), never from the database, and must not take locks that database work also holds.</li>
 *   <li><b>Thread-safe.</b> Called concurrently from several threads.</li>
 *   <li><b>Fresh enough.</b> A revoked device must disappear from {@link #lookup} within the snapshot's refresh
 *       interval. Revocation affects new connections only: disconnect an already connected client through the
 *       broker when revoking it (not part of this interface).</li>
 *   <li><b>No exceptions for unknown names.</b> Return {@link Optional#empty()} / {@code false}. An exception is
 *       treated as "no": the connection is refused, the publish is dropped.</li>
 * </ul>
 *
 * <h2>User names</h2>
 * Devices log in with their device id, vendors with {@code vendor:{vendorId}}, services with
 * {@code service:{name}}; an OwnTracks phone with our device id {@code {user}.{device}} (see
 * {@link MqttPrincipal} and {@link TopicPolicy}). {@link #lookup} must return a credential whose
 * {@linkplain MqttPrincipal#username() principal's user name} equals the requested user name; the extension
 * refuses the login otherwise.
 */
public interface CredentialDirectory {

    /** The credential for an MQTT user name, or empty when there is none (unknown, disabled, revoked). */
    Optional<StoredCredential> lookup(String username);

    /** Whether the vendor's platform may report for this device right now. */
    boolean vendorOwnsDevice(String vendorId, String deviceId);
}
