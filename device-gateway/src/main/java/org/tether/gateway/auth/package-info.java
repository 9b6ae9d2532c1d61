/**
 * Authentication and authorization of the device broker's MQTT clients.
 *
 * <ul>
 *   <li>{@link org.tether.gateway.auth.CredentialHasher}: PBKDF2-HMAC-SHA256 secret hashes
 *       ({@code pbkdf2-sha256[-pepper]$iterations$salt$hash}) and secret generation.</li>
 *   <li>{@link org.tether.gateway.auth.MqttPrincipal}: device, vendor bridge or service account, with the
 *       user name and client identifier conventions.</li>
 *   <li>{@link org.tether.gateway.auth.CredentialDirectory} / {@link org.tether.gateway.auth.StoredCredential}:
 *       what the server implements from its registry (in-memory snapshot, thread-safe, non-blocking).</li>
 *   <li>{@link org.tether.gateway.auth.TopicPolicy}: the permission table.</li>
 *   <li>{@link org.tether.gateway.auth.DeviceAuthExtension}: the embedded HiveMQ extension that enforces all of
 *       it; pass it to {@code EmbeddedBroker.create(settings, Optional.of(extension))}.</li>
 * </ul>
 */
package org.tether.gateway.auth;
