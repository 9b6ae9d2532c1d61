package org.tether.server.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.tether.server.audit.AuditEntry;
import org.tether.server.http.Writes.Audited;
import org.tether.server.message.OfficerMessages;
import org.tether.server.registry.PersonRepository;
import org.tether.server.registry.PersonStatus;
import org.tether.server.staff.StaffPrincipal;

/**
 * Officers' messages to a person's phone app: sending (officers and county supervisors of the person's
 * office; audited, stored with its push in one transaction) and the list with delivery and read state
 * (every role that reads supervision data). Outside the caller's offices: 404.
 */
final class MessageStaffApi {

    private static final int LIST_LIMIT = 200;

    private final Writes writes;
    private final PersonRepository persons;
    private final OfficerMessages messages;

    MessageStaffApi(Writes writes, PersonRepository persons, OfficerMessages messages) {
        this.writes = writes;
        this.persons = persons;
        this.messages = messages;
    }

    void mount(Router router) {
        router.post("/api/persons/:personId/messages").handler(this::send);
        router.get("/api/persons/:personId/messages").handler(this::list);
    }

    /** {@code {text, needsAcknowledgement?}} → 201 the message (delivery PENDING until the push is sent). */
    private void send(RoutingContext ctx) {
        StaffPrincipal who = Access.writer(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        JsonObject body = JsonBodies.object(ctx);
        String text = JsonBodies.requiredText(body, "text", OfficerMessages.MAX_LENGTH);
        boolean needsAck = JsonBodies.optionalBoolean(body, "needsAcknowledgement").orElse(false);
        writes.run(who, tx -> Access.lockPerson(persons, tx, who, personId)
                        .compose(ref -> ref.status() != PersonStatus.IN_SUPERVISION
                                ? Future.failedFuture(new ProblemException(Problem.unprocessable("personId",
                                "the person's supervision has ended")))
                                : messages.send(tx, personId, who.id(), text, needsAck)
                                .map(json -> new Audited<>(json, AuditEntry.of("message.send", "person", personId,
                                        ref.officeId(), new JsonObject().put("messageId", json.getString("id"))
                                                .put("length", text.length()).put("needsAcknowledgement", needsAck))))))
                .onSuccess(json -> Responses.json(ctx, 201, json))
                .onFailure(ctx::fail);
    }

    /** The person's messages, newest first, with delivery (DELIVERED, PENDING, NOT_DELIVERED + reason) and read state. */
    private void list(RoutingContext ctx) {
        StaffPrincipal who = Access.reader(ctx);
        UUID personId = JsonBodies.pathUuid(ctx, "personId");
        Access.person(persons, writes.pool(), who, personId)
                .compose(ref -> OfficerMessages.listForStaff(writes.pool(), personId, LIST_LIMIT))
                .onSuccess(items -> Responses.items(ctx, items))
                .onFailure(ctx::fail);
    }
}
