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
 * <p>Later parts of issue 6 ("my status", offline upload of buffered
 * fixes over HTTPS) add methods here and routes in {@link MobileApi}; they reuse the same principal,
 * problems and fix parsing.
 */
public interface PhoneBackend {

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

    /** Leave requests and report-back (外出请假 / 销假). */
    PhoneLeaves leaves();
}
