package org.tether.server.push;

import com.google.firebase.ErrorCode;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import java.util.Set;

/**
 * Sends through the Firebase Admin SDK ({@link FirebaseMessaging#send}). Reminders are notifications;
 * location checks are high-priority data messages the app acts on. One call is one request (the SDK
 * does not retry a send on 5xx); transient failures are retried by the outbox with backoff.
 */
public final class FcmPushSender implements PushSender {

    private static final Set<ErrorCode> TRANSIENT = Set.of(ErrorCode.UNAVAILABLE, ErrorCode.INTERNAL,
            ErrorCode.RESOURCE_EXHAUSTED, ErrorCode.DEADLINE_EXCEEDED, ErrorCode.UNKNOWN, ErrorCode.ABORTED,
            ErrorCode.CANCELLED);

    private final FirebaseMessaging messaging;

    public FcmPushSender(FirebaseMessaging messaging) {
        this.messaging = messaging;
    }

    @Override
    public PushOutcome send(String registrationToken, PushMessage m) {
        Message.Builder b = Message.builder().setToken(registrationToken).putAllData(m.data())
                .putData("title", m.title()).putData("body", m.body());
        if (m.highPriority()) {
            // A data message the app handles itself, delivered at once even in Doze.
            b.setAndroidConfig(AndroidConfig.builder().setPriority(AndroidConfig.Priority.HIGH).build())
                    .setApnsConfig(ApnsConfig.builder().putHeader("apns-priority", "10")
                            .setAps(Aps.builder().setContentAvailable(true).build()).build());
        } else {
            b.setNotification(Notification.builder().setTitle(m.title()).setBody(m.body()).build())
                    .setAndroidConfig(AndroidConfig.builder().setPriority(AndroidConfig.Priority.NORMAL).build());
        }
        try {
            return new PushOutcome.Sent(messaging.send(b.build()));
        } catch (FirebaseMessagingException e) {
            return classify(e);
        } catch (RuntimeException e) {
            return new PushOutcome.Transient(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static PushOutcome classify(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        String detail = (code != null ? code.name() : e.getErrorCode().name()) + ": " + e.getMessage();
        if (code == MessagingErrorCode.UNREGISTERED) {
            return new PushOutcome.Unregistered(detail);
        }
        if (code == MessagingErrorCode.UNAVAILABLE || code == MessagingErrorCode.INTERNAL
                || code == MessagingErrorCode.QUOTA_EXCEEDED) {
            return new PushOutcome.Transient(detail);
        }
        if (code == null && TRANSIENT.contains(e.getErrorCode())) {
            return new PushOutcome.Transient(detail);
        }
        return new PushOutcome.Permanent(detail);
    }
}
