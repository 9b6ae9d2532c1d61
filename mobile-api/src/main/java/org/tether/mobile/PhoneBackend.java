package org.tether.mobile;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the phone API needs from the rest of the system; the server implements it. Every method that
 * takes a {@link PhonePrincipal} acts for that principal's person only, and fails with a
 * {@link PhoneProblem} (403) when asked about another person's resource.
 *
 * <p>Officer messages and "my status" are declared in {@link PhoneInbox}, leave requests in {@link PhoneLeaves}.
 */
public interface PhoneBackend extends PhoneInbox {

    /** Redeems a one-time enrolment code (rate-limited by {@code source}, the client's address). */
    Future<Enrolment> enrol(EnrolRequest request, String source);

    /** The enrolled phone behind an API token; empty when unknown, expired or revoked. */
    Future<Optional<PhonePrincipal>> authenticate(String token);

    /** Registers or refreshes the phone's FCM registration token. */
    Future<Void> registerPushToken(PhonePrincipal phone, String pushToken);

    /** A scheduled check-in (定期报到) with a fresh fix. */
    Future<CheckInReceipt> checkIn(PhonePrincipal phone, PhoneFix fix);

    /** Attaches the photo to one of the person's own check-ins. */
    Future<Void> attachPhoto(PhonePrincipal phone, UUID checkInId, Photo photo);

    /** The person's location checks still waiting for an answer (in case a push was missed). */
    Future<List<LocationCheckView>> openLocationChecks(PhonePrincipal phone);

    /** Answers a location check (信息化核查) with a fresh fix. */
    Future<LocationCheckView> answerLocationCheck(PhonePrincipal phone, UUID checkId, PhoneFix fix);

    /**
     * Stores a batch of fixes the phone buffered offline ({@code body}: the JSON v1 fix format, as over MQTT)
     * for the principal's own phone device, through the same ingest path as MQTT; answers after the commit.
     * Fails with a {@link PhoneProblem} naming the field when the batch as a whole is refused.
     */
    Future<FixUploadReceipt> uploadFixes(PhonePrincipal phone, byte[] body);
    /** Leave requests and report-back (外出请假 / 销假). */
    PhoneLeaves leaves();
}
