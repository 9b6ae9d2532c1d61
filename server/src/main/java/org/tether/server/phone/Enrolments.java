package org.tether.server.phone;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.gateway.auth.CredentialHasher;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.mobile.EnrolRequest;
import org.tether.mobile.Enrolment;
import org.tether.mobile.PhonePrincipal;
import org.tether.mobile.PhoneProblem;
import org.tether.server.audit.AuditEntry;
import org.tether.server.audit.AuditTrail;
import org.tether.server.registry.DeviceKind;
import org.tether.server.registry.DeviceRepository;
import org.tether.server.registry.LiveRegistry;
import org.tether.server.registry.RegistryChanges;
import org.tether.server.staff.SessionTokens;

/**
 * Enrolment codes and enrolled phones. Redeeming a code creates a PHONE device bound to the person with
 * its own MQTT login (the registry's device creation, binding and credential hashing) and an API token
 * (random, SHA-256 stored, like staff sessions); the person's earlier phone is revoked in the same
 * transaction: its enrolment, its binding and its MQTT login.
 */
public final class Enrolments {

    private static final Logger LOG = LoggerFactory.getLogger(Enrolments.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The settings this needs. */
    public record Settings(Duration codeLifetime, Duration tokenLifetime, int failuresAllowed, Duration failureWindow) {
    }

    private final Vertx vertx;
    private final Pool pool;
    private final DeviceRepository devices;
    private final CredentialHasher hasher;
    private final AuditTrail audit;
    private final LiveRegistry registry;
    private final RegistryChanges changes;
    private final Settings settings;
    private final Clock clock;

    public Enrolments(Vertx vertx, Pool pool, DeviceRepository devices, CredentialHasher hasher, AuditTrail audit,
                      LiveRegistry registry, RegistryChanges changes, Settings settings, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.devices = devices;
        this.hasher = hasher;
        this.audit = audit;
        this.registry = registry;
        this.changes = changes;
        this.settings = settings;
        this.clock = clock;
    }

    /** A code issued by an officer (in the caller's transaction); earlier unused codes of the person are withdrawn. */
    public record IssuedCode(String code, Instant expiresAt) {
    }

    public Future<IssuedCode> issue(SqlClient tx, UUID personId, UUID officer) {
        String code = EnrolmentCodes.generate();
        Instant expires = clock.instant().plus(settings.codeLifetime());
        byte[] hash = EnrolmentCodes.hash(EnrolmentCodes.normalise(code).orElseThrow());
        return tx.preparedQuery("UPDATE enrolment_codes SET withdrawn_at = now()"
                        + " WHERE person_id = $1 AND used_at IS NULL AND withdrawn_at IS NULL")
                .execute(Tuple.of(personId))
                .compose(v -> tx.preparedQuery("INSERT INTO enrolment_codes (code_hash, person_id, issued_by, expires_at)"
                                + " VALUES ($1, $2, $3, $4)")
                        .execute(Tuple.of(Buffer.buffer(hash), personId, officer, expires.atOffset(ZoneOffset.UTC))))
                .map(new IssuedCode(code, expires));
    }

    public Future<Enrolment> enrol(EnrolRequest request, String source) {
        return recentFailures(source).compose(failures -> {
            if (failures >= settings.failuresAllowed()) {
                return Future.failedFuture(PhoneProblem.tooMany("code", "too many wrong codes from this address;"
                        + " try again later", (int) settings.failureWindow().toSeconds()));
            }
            Optional<String> code = EnrolmentCodes.normalise(request.code());
            if (code.isEmpty()) {
                return failure(source, PhoneProblem.notFound("code", "no such enrolment code"));
            }
            String secret = CredentialHasher.generateSecret();
            String deviceId = "phone-" + HexFormat.of().formatHex(randomBytes(6));
            return vertx.executeBlocking(() -> hasher.hash(secret.toCharArray()))
                    .compose(secretHash -> pool.withTransaction(tx -> redeem(tx, code.get(), request, deviceId, secretHash)))
                    .recover(e -> e instanceof PhoneProblem p && p.field() != null && p.field().equals("code")
                            ? failure(source, p) : Future.failedFuture(e))
                    // The broker must know the new login (and forget the old one) before the app connects.
                    .compose(enrolment -> registry.reload().compose(r -> changes.announce())
                            .map(v -> new Enrolment(enrolment.personId(), deviceId, enrolment.token(),
                                    enrolment.expiresAt(), deviceId, secret, DeviceTopic.PREFIX + deviceId + "/fixes")));
        });
    }

    private Future<Long> recentFailures(String source) {
        return pool.preparedQuery("SELECT count(*) AS n FROM enrolment_attempts"
                        + " WHERE source = $1 AND NOT succeeded AND at > now() - make_interval(secs => $2)")
                .execute(Tuple.of(source, (double) settings.failureWindow().toSeconds()))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    private <T> Future<T> failure(String source, PhoneProblem problem) {
        return pool.preparedQuery("INSERT INTO enrolment_attempts (source, succeeded) VALUES ($1, false)")
                .execute(Tuple.of(source))
                .transform(ar -> Future.failedFuture(problem));
    }

    private Future<Enrolment> redeem(SqlClient tx, String code, EnrolRequest request, String deviceId, String secretHash) {
        Instant now = clock.instant();
        return tx.preparedQuery("""
                        SELECT c.person_id, c.expires_at, c.used_at, c.withdrawn_at, p.office_id, p.status
                          FROM enrolment_codes c JOIN persons p ON p.id = c.person_id
                         WHERE c.code_hash = $1 FOR UPDATE OF c""")
                .execute(Tuple.of(Buffer.buffer(EnrolmentCodes.hash(code))))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(PhoneProblem.notFound("code", "no such enrolment code"));
                    }
                    Row r = rows.iterator().next();
                    if (r.getOffsetDateTime("used_at") != null || r.getOffsetDateTime("withdrawn_at") != null) {
                        return Future.failedFuture(gone("the code has been used or replaced by a newer one; ask your officer for a new code"));
                    }
                    if (!r.getOffsetDateTime("expires_at").toInstant().isAfter(now)) {
                        return Future.failedFuture(gone("the code has expired; ask your officer for a new code"));
                    }
                    if (!"IN_SUPERVISION".equals(r.getString("status"))) {
                        return Future.failedFuture(gone("the person's supervision has ended"));
                    }
                    UUID personId = r.getUUID("person_id");
                    UUID officeId = r.getUUID("office_id");
                    return tx.preparedQuery("SELECT id FROM persons WHERE id = $1 FOR NO KEY UPDATE").execute(Tuple.of(personId))
                            .compose(v -> revokePhones(tx, personId))
                            .compose(revoked -> devices.create(tx, deviceId, DeviceKind.PHONE, officeId, null, secretHash)
                                    .compose(v -> devices.bind(tx, deviceId, personId, officeId, null, null))
                                    .compose(v -> createEnrolment(tx, personId, deviceId, request, now))
                                    .compose(token -> tx.preparedQuery("UPDATE enrolment_codes SET used_at = now() WHERE code_hash = $1")
                                            .execute(Tuple.of(Buffer.buffer(EnrolmentCodes.hash(code))))
                                            .compose(v -> audit.record(tx, null, "phone:" + deviceId, "PERSON",
                                                    AuditEntry.of("phone.enrol", "person", personId, officeId,
                                                            new JsonObject().put("deviceId", deviceId)
                                                                    .put("platform", request.platform())
                                                                    .put("revokedDevices", revoked))))
                                            .map(v -> {
                                                LOG.info("phone {} enrolled for person {}", deviceId, personId);
                                                return new Enrolment(personId, deviceId, token,
                                                        now.plus(settings.tokenLifetime()), deviceId, null, null);
                                            })));
                });
    }

    private static PhoneProblem gone(String detail) {
        return new PhoneProblem(410, "Gone", detail, "code", null);
    }

    /** Revokes the person's enrolment and every bound PHONE device: binding ended, MQTT login removed. */
    private Future<String> revokePhones(SqlClient tx, UUID personId) {
        return tx.preparedQuery("UPDATE phone_enrolments SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(personId))
                .compose(v -> tx.preparedQuery("SELECT id FROM devices WHERE person_id = $1 AND kind = 'PHONE' FOR UPDATE")
                        .execute(Tuple.of(personId)))
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    StringBuilder ids = new StringBuilder();
                    for (Row r : rows) {
                        String id = r.getString("id");
                        ids.append(ids.length() == 0 ? "" : ",").append(id);
                        chain = chain.compose(v -> devices.unbind(tx, id, null, "replaced by a new phone enrolment"))
                                .compose(v -> tx.preparedQuery("UPDATE devices SET secret_hash = NULL WHERE id = $1")
                                        .execute(Tuple.of(id)).mapEmpty());
                    }
                    return chain.map(v -> ids.toString());
                });
    }

    private Future<String> createEnrolment(SqlClient tx, UUID personId, String deviceId, EnrolRequest request, Instant now) {
        String token = SessionTokens.generate();
        return tx.preparedQuery("""
                        INSERT INTO phone_enrolments (id, person_id, device_id, token_hash, platform, created_at, expires_at,
                                                      push_token, push_token_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)""")
                .execute(Tuple.tuple().addValue(UUID.randomUUID()).addValue(personId).addValue(deviceId)
                        .addValue(Buffer.buffer(SessionTokens.hash(token))).addValue(request.platform())
                        .addValue(now.atOffset(ZoneOffset.UTC))
                        .addValue(now.plus(settings.tokenLifetime()).atOffset(ZoneOffset.UTC))
                        .addValue(request.pushToken())
                        .addValue(request.pushToken() == null ? null : now.atOffset(ZoneOffset.UTC)))
                .map(token);
    }

    /** A token counts only while its phone is still bound to its person (staff may unbind it at any time). */
    public Future<Optional<PhonePrincipal>> authenticate(String token) {
        return pool.preparedQuery("""
                        SELECT e.id, e.person_id, e.device_id FROM phone_enrolments e JOIN persons p ON p.id = e.person_id
                          JOIN devices d ON d.id = e.device_id AND d.person_id = e.person_id
                         WHERE e.token_hash = $1 AND e.revoked_at IS NULL AND e.expires_at > $2
                           AND p.status = 'IN_SUPERVISION'""")
                .execute(Tuple.of(Buffer.buffer(SessionTokens.hash(token)), clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(principal(rows.iterator().next())));
    }

    private static PhonePrincipal principal(Row r) {
        return new PhonePrincipal(r.getUUID("id"), r.getUUID("person_id"), r.getString("device_id"));
    }

    public Future<Void> registerPushToken(PhonePrincipal phone, String pushToken) {
        return pool.preparedQuery("UPDATE phone_enrolments SET push_token = $2, push_token_at = now()"
                        + " WHERE id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(phone.enrolmentId(), pushToken)).mapEmpty();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
