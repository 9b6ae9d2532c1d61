package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.mobile.CheckInReceipt;
import org.tether.mobile.EnrolRequest;
import org.tether.mobile.FixUploadReceipt;
import org.tether.mobile.Enrolment;
import org.tether.mobile.LocationCheckView;
import org.tether.mobile.MessageView;
import org.tether.mobile.PhoneBackend;
import org.tether.mobile.PhoneFix;
import org.tether.mobile.PhoneInbox;
import org.tether.mobile.PhoneLeaves;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhonePoints;
import org.tether.mobile.PhoneStatus;
import org.tether.mobile.Photo;
import org.tether.server.alert.AlertRepository;
import org.tether.server.message.OfficerMessages;
import org.tether.server.message.PhoneInboxService;
import org.tether.server.push.PushOutbox;
import org.tether.server.points.MyPoints;
import org.tether.server.status.MyStatusReader;

/**
 * The server's side of the phone API: enrolment, check-ins and location checks, over PostgreSQL; the
 * offline upload of buffered fixes through the ingest pipeline ({@link FixUploads}).
 */
public final class PhoneService implements PhoneBackend {

    private final Enrolments enrolments;
    private final CheckIns checkIns;
    private final LocationChecks locationChecks;
    private final PhoneInbox inbox;
    private final FixUploads fixUploads;
    private final PhoneLeaves leaves;

    public PhoneService(Enrolments enrolments, CheckIns checkIns, LocationChecks locationChecks, PhoneInbox inbox,
                        FixUploads fixUploads, PhoneLeaves leaves) {
        this.enrolments = enrolments;
        this.checkIns = checkIns;
        this.locationChecks = locationChecks;
        this.inbox = inbox;
        this.fixUploads = fixUploads;
        this.leaves = leaves;
    }

    /** Check-ins and location checks with the shared fix rules. */
    public static PhoneService create(Pool pool, Enrolments enrolments, AlertRepository alerts, PushOutbox outbox,
                                      Duration freshFix, FixUploads fixUploads, Clock clock, PhoneLeaves leaves,
                                      MyPoints myPoints) {
        PhoneFixes fixes = new PhoneFixes(DecodeLimits.defaults(), freshFix);
        LocationChecks checks = new LocationChecks(pool, fixes, alerts, outbox, clock);
        OfficerMessages messages = new OfficerMessages(pool, outbox);
        return new PhoneService(enrolments, new CheckIns(pool, fixes, clock), checks,
                new PhoneInboxService(messages, new MyStatusReader(pool, checks::open, myPoints, clock)), fixUploads, leaves);
    }

    public Enrolments enrolments() {
        return enrolments;
    }

    public LocationChecks locationChecks() {
        return locationChecks;
    }

    @Override
    public Future<Enrolment> enrol(EnrolRequest request, String source) {
        return enrolments.enrol(request, source);
    }

    @Override
    public Future<Optional<PhonePrincipal>> authenticate(String token) {
        return enrolments.authenticate(token);
    }

    @Override
    public Future<Void> registerPushToken(PhonePrincipal phone, String pushToken) {
        return enrolments.registerPushToken(phone, pushToken);
    }

    @Override
    public Future<CheckInReceipt> checkIn(PhonePrincipal phone, PhoneFix fix) {
        return checkIns.checkIn(phone, fix);
    }

    @Override
    public Future<Void> attachPhoto(PhonePrincipal phone, UUID checkInId, Photo photo) {
        return checkIns.attachPhoto(phone, checkInId, photo);
    }

    @Override
    public Future<List<LocationCheckView>> openLocationChecks(PhonePrincipal phone) {
        return locationChecks.open(phone);
    }

    @Override
    public Future<LocationCheckView> answerLocationCheck(PhonePrincipal phone, UUID checkId, PhoneFix fix) {
        return locationChecks.answer(phone, checkId, fix);
    }

    @Override
    public Future<List<MessageView>> messages(PhonePrincipal phone, int limit) {
        return inbox.messages(phone, limit);
    }

    @Override
    public Future<MessageView> markRead(PhonePrincipal phone, UUID messageId) {
        return inbox.markRead(phone, messageId);
    }

    @Override
    public Future<PhoneStatus> status(PhonePrincipal phone) {
        return inbox.status(phone);
    }

    @Override
    public Future<PhonePoints> points(PhonePrincipal phone, int months) {
        return inbox.points(phone, months);
    }

    @Override
    public Future<FixUploadReceipt> uploadFixes(PhonePrincipal phone, byte[] body) {
        return fixUploads.upload(phone, body);
    }

    @Override
    public PhoneLeaves leaves() {
        return leaves;
    }
}
