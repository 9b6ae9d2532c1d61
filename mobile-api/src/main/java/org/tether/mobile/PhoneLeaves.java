package org.tether.mobile;

import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * Leave from the phone (外出请假 / 销假): what {@link PhoneLeaveRoutes} needs; the server implements it.
 * Every method acts for the principal's person only; another person's leave fails with a 403
 * {@link PhoneProblem}.
 */
public interface PhoneLeaves {

    /** A new request, PENDING until an officer decides. */
    Future<LeaveView> request(PhonePrincipal phone, LeaveRequestInput request);

    /** The person's requests and leaves, newest first. */
    Future<List<LeaveView>> list(PhonePrincipal phone);

    /** Withdraws a request that is still pending (409 otherwise). */
    Future<LeaveView> cancel(PhonePrincipal phone, UUID leaveId);

    /**
     * 销假 with a fresh fix. Recorded either way; refused (422, field {@code fix}) when the fix lies
     * outside the person's inclusion area beyond its accuracy.
     */
    Future<LeaveView> reportBack(PhonePrincipal phone, UUID leaveId, PhoneFix fix);
}
