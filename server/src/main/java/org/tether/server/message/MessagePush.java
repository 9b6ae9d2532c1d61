package org.tether.server.message;

import java.util.Map;
import java.util.UUID;
import org.tether.server.push.PushKind;
import org.tether.server.push.PushMessage;

/** The push that announces an officer's message on the phone: an FCM notification in Chinese (zh-CN). */
final class MessagePush {

    static final String TITLE = "工作人员消息";
    static final String TITLE_NEEDS_ACK = "工作人员消息（请确认）";
    /** A notification shows a few lines; the app opens the whole message from the list. */
    static final int PREVIEW_LENGTH = 120;

    private MessagePush() {
    }

    static PushMessage of(UUID personId, UUID messageId, String text, boolean needsAck, UUID officer) {
        String preview = text.length() <= PREVIEW_LENGTH ? text
                : text.substring(0, PREVIEW_LENGTH - 1) + "…";
        return new PushMessage(personId, PushKind.MESSAGE, "message:" + messageId, needsAck ? TITLE_NEEDS_ACK : TITLE,
                preview, Map.of("type", "MESSAGE", "messageId", messageId.toString(),
                        "needsAcknowledgement", Boolean.toString(needsAck)), false, officer);
    }
}
