package org.tether.server.message;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;
import org.tether.mobile.MessageView;
import org.tether.mobile.PhoneInbox;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhonePoints;
import org.tether.mobile.PhoneStatus;
import org.tether.server.status.MyStatusReader;

/** The server's side of {@link PhoneInbox}: officer messages, "my status" and the person's own points. */
public final class PhoneInboxService implements PhoneInbox {

    private final OfficerMessages messages;
    private final MyStatusReader status;

    public PhoneInboxService(OfficerMessages messages, MyStatusReader status) {
        this.messages = messages;
        this.status = status;
    }

    @Override
    public Future<List<MessageView>> messages(PhonePrincipal phone, int limit) {
        return messages.forPhone(phone.personId(), limit);
    }

    @Override
    public Future<MessageView> markRead(PhonePrincipal phone, UUID messageId) {
        return messages.markRead(phone, messageId);
    }

    @Override
    public Future<PhoneStatus> status(PhonePrincipal phone) {
        return status.read(phone);
    }

    @Override
    public Future<PhonePoints> points(PhonePrincipal phone, int months) {
        return status.points(phone, months);
    }
}
