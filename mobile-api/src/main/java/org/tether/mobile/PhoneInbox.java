package org.tether.mobile;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * What the phone reads about its own person: officer messages, "my status" (我的状态) and points (量化积分). Every method
 * acts for the principal's person only; another person's message fails with a {@link PhoneProblem} 403.
 */
public interface PhoneInbox {

    /** The person's messages, newest first, at most {@code limit}. */
    Future<List<MessageView>> messages(PhonePrincipal phone, int limit);

    /** The read receipt (idempotent: a second call keeps the first time). */
    Future<MessageView> markRead(PhonePrincipal phone, UUID messageId);

    /** Tier, correction period, check-in window, open location checks, leave, unread messages, points. */
    Future<PhoneStatus> status(PhonePrincipal phone);

    /** This month's points so far and the last {@code months} approved months (newest first). */
    Future<PhonePoints> points(PhonePrincipal phone, int months);
}
