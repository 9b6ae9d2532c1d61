package org.tether.server.push;

/** What FCM said about one message. */
public sealed interface PushOutcome {

    /** Accepted by FCM; {@code messageId} is its name ({@code projects/p/messages/…}). */
    record Sent(String messageId) implements PushOutcome {
    }

    /** The registration token is no longer valid (app uninstalled, token rotated): drop the token. */
    record Unregistered(String detail) implements PushOutcome {
    }

    /** Worth retrying later: 5xx, quota, timeouts, network. */
    record Transient(String detail) implements PushOutcome {
    }

    /** Will not succeed by retrying (a malformed message, a rejected sender). */
    record Permanent(String detail) implements PushOutcome {
    }
}
