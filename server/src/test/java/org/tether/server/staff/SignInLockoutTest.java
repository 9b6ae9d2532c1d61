package org.tether.server.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestOrg;

/**
 * Sign-in lock-out against the real server and database (limit 3 here): the same answers for an account's
 * name and an unknown one, Retry-After and until when, a success resetting the count, the administrator's
 * unlock, the lock running out, holding on a second instance, and parallel guesses not slipping past it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInLockoutTest {

    private static final Map<String, String> LIMITS = Map.of("TETHER_STAFF_SIGNIN_MAXFAILURES", "3",
            "TETHER_STAFF_SIGNIN_LOCKMINUTES", "15");

    private TestDatabase db;
    private RunningTether tether;
    private String officeId;

    @BeforeAll
    void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, LIMITS);
        officeId = tether.org().officeId();
    }

    @AfterAll
    void stop() {
        try {
            tether.close();
        } finally {
            db.drop();
        }
    }

    @Test
    void anAccountAndAnUnknownNameAreLockedAlikeAndAuditedWithoutCheckingThePassword() {
        tether.staff("lock-victim", "OFFICER", officeId);
        List<HttpResponse<Buffer>> account = new ArrayList<>();
        List<HttpResponse<Buffer>> unknown = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            account.add(signIn("lock-victim", "wrong-" + i));
            unknown.add(signIn("no-such-user", "wrong-" + i));
        }
        for (int i = 0; i < 4; i++) {
            int expected = i < 2 ? 401 : 429;
            assertEquals(expected, account.get(i).statusCode(), account.get(i).bodyAsString());
            assertEquals(expected, unknown.get(i).statusCode(), unknown.get(i).bodyAsString());
            assertEquals(account.get(i).bodyAsJsonObject().fieldNames(), unknown.get(i).bodyAsJsonObject().fieldNames());
            assertEquals(account.get(i).bodyAsJsonObject().getString("title"), unknown.get(i).bodyAsJsonObject().getString("title"));
        }
        HttpResponse<Buffer> locked = account.get(3);
        JsonObject problem = locked.bodyAsJsonObject();
        assertEquals("username", problem.getString("field"));
        Instant until = Instant.parse(problem.getString("lockedUntil"));
        assertTrue(problem.getString("detail").contains(until.toString()), problem.encode());
        assertTrue(Duration.between(Instant.now(), until).toMinutes() >= 14, until.toString());
        long retryAfter = Long.parseLong(locked.getHeader("Retry-After"));
        assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60 + 1, "Retry-After " + retryAfter);
        assertEquals("application/problem+json", locked.getHeader("Content-Type"));

        // The right password does not open a locked name.
        assertEquals(429, signIn("lock-victim", TestOrg.PASSWORD).statusCode());
        assertEquals(3, db.count("SELECT count(*) FROM audit_log WHERE action = 'staff.signin.failed'"
                + " AND actor_username = 'lock-victim'"));
        assertEquals(3, db.count("SELECT count(*) FROM audit_log WHERE action = 'staff.signin.locked'"
                + " AND actor_username = 'lock-victim'"));
        assertEquals(3, db.count("SELECT count(*) FROM audit_log WHERE action = 'staff.signin.failed'"
                + " AND actor_username = 'no-such-user'"));
    }

    @Test
    void aSuccessResetsTheCount() {
        tether.staff("lock-reset", "OFFICER", officeId);
        assertEquals(401, signIn("lock-reset", "wrong").statusCode());
        assertEquals(401, signIn("lock-reset", "wrong").statusCode());
        assertEquals(201, signIn("lock-reset", TestOrg.PASSWORD).statusCode());
        assertEquals(401, signIn("lock-reset", "wrong").statusCode());
        assertEquals(401, signIn("lock-reset", "wrong").statusCode());
        assertEquals(201, signIn("lock-reset", TestOrg.PASSWORD).statusCode());
    }

    @Test
    void anAdministratorUnlocksAndALockRunsOut() {
        tether.staff("lock-admin-case", "OFFICER", officeId);
        for (int i = 0; i < 3; i++) {
            signIn("lock-admin-case", "wrong");
        }
        assertEquals(429, signIn("lock-admin-case", TestOrg.PASSWORD).statusCode());
        String staffId = staffId("lock-admin-case");
        assertEquals(403, tether.officer().post("/api/staff/" + staffId + "/unlock", new JsonObject()).statusCode());
        assertEquals(404, tether.admin().post("/api/staff/" + java.util.UUID.randomUUID() + "/unlock", new JsonObject())
                .statusCode());
        HttpResponse<Buffer> unlocked = tether.admin().post("/api/staff/" + staffId + "/unlock", new JsonObject());
        assertEquals(200, unlocked.statusCode(), unlocked.bodyAsString());
        assertEquals(true, unlocked.bodyAsJsonObject().getBoolean("wasLocked"));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'staff.unlock' AND target_id = ?", staffId));
        assertEquals(201, signIn("lock-admin-case", TestOrg.PASSWORD).statusCode());

        // A lock that has run out: the count starts again from the next attempt.
        for (int i = 0; i < 3; i++) {
            signIn("lock-admin-case", "wrong");
        }
        assertEquals(429, signIn("lock-admin-case", "wrong").statusCode());
        db.count("UPDATE staff_signin_failures SET locked_until = now() - interval '1 second'"
                + " WHERE username = 'lock-admin-case' RETURNING 1");
        assertEquals(401, signIn("lock-admin-case", "wrong").statusCode());
        assertEquals(201, signIn("lock-admin-case", TestOrg.PASSWORD).statusCode());
    }

    @Test
    void theLockHoldsOnEveryInstance() {
        for (int i = 0; i < 3; i++) {
            signIn("roaming-guess", "wrong");
        }
        try (RunningTether second = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, LIMITS)) {
            HttpResponse<Buffer> r = second.anonymous().post("/api/session",
                    new JsonObject().put("username", "roaming-guess").put("password", "wrong"));
            assertEquals(429, r.statusCode(), r.bodyAsString());
            assertNotNull(r.getHeader("Retry-After"));
        }
    }

    @Test
    void parallelGuessesDoNotSlipPastTheLimit() throws Exception {
        List<CompletableFuture<java.net.http.HttpResponse<String>>> guesses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            guesses.add(tether.target().client().sendAsync(HttpRequest.newBuilder(URI.create(tether.target().base()
                            + "/api/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "parallel-guess")
                            .put("password", "guess-" + i).encode())).build(), BodyHandlers.ofString()));
        }
        int checked = 0;
        for (var g : guesses) {
            int status = g.get().statusCode();
            assertTrue(status == 401 || status == 429, "status " + status);
            checked += status == 401 ? 1 : 0;
        }
        // At most the limit (3) had their password checked; every other guess was refused unchecked.
        assertTrue(checked <= 3, checked + " guesses were checked");
        assertEquals(429, signIn("parallel-guess", "again").statusCode());
    }

    private HttpResponse<Buffer> signIn(String username, String password) {
        return tether.anonymous().post("/api/session", new JsonObject().put("username", username).put("password", password));
    }

    private String staffId(String username) {
        return tether.admin().get("/api/staff").bodyAsJsonObject().getJsonArray("items").stream()
                .map(JsonObject.class::cast).filter(s -> username.equals(s.getString("username"))).findFirst()
                .orElseThrow().getString("id");
    }
}
