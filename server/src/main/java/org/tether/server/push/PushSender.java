package org.tether.server.push;

/** Sends one push. Blocking (SDK and network): call it on a worker thread, never on an event loop. */
public interface PushSender {

    PushOutcome send(String registrationToken, PushMessage message);
}
