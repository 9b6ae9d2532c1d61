package org.tether.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.tether.server.TetherServer;
import org.tether.server.config.ConfigLoader;
import org.tether.server.config.TetherConfig;

/**
 * A real Tether server for a test: real database, real broker, real HTTP, on free ports. Each
 * instance uses its own MQTT client id and shared-subscription group so tests never steal each
 * other's messages on a shared Mosquitto.
 */
public final class RunningTether implements AutoCloseable {

    private final Vertx vertx;
    private final TetherServer server;
    private final TestCertificate tls;
    private final HttpTarget target;
    private final WebClient http;
    private final TestOrg org;
    private final Session officer;
    /** Created on first use by {@link #office} / {@link #staff}. */
    private Session setupAdmin;

    /** @param tls the server's certificate when it serves HTTPS; null for plain HTTP */
    private RunningTether(Vertx vertx, TetherServer server, TestCertificate tls) {
        this.vertx = vertx;
        this.server = server;
        this.tls = tls;
        this.target = tls == null ? HttpTarget.plain(server.httpPort()) : HttpTarget.tls(server.httpPort(), tls);
        WebClientOptions options = new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(server.httpPort());
        if (tls != null) {
            options.setSsl(true).setTrustOptions(tls.trustOptions());
        }
        this.http = WebClient.create(vertx, options);
        this.org = TestOrg.ensure(target);
        this.officer = session(TestOrg.OFFICER, TestOrg.PASSWORD);
    }

    /** Calls as one signed-in staff member. */
    public final class Session {

        private final String token;

        private Session(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }

        public HttpResponse<Buffer> post(String path, JsonObject body) {
            return checked("POST", path, auth(http.post(path)).sendJsonObject(body));
        }

        public HttpResponse<Buffer> put(String path, JsonObject body) {
            return checked("PUT", path, auth(http.put(path)).sendJsonObject(body));
        }

        public HttpResponse<Buffer> patch(String path, JsonObject body) {
            return checked("PATCH", path, auth(http.patch(path)).sendJsonObject(body));
        }

        public HttpResponse<Buffer> get(String path) {
            return checked("GET", path, auth(http.get(path)).send());
        }

        public HttpResponse<Buffer> delete(String path) {
            return checked("DELETE", path, auth(http.delete(path)).send());
        }

        public HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
            return checked("POST", path, auth(http.post(path)).putHeader("Content-Type", contentType).sendBuffer(Buffer.buffer(body)));
        }

        /** Every staff answer a test receives must be one the staff contract declares ({@link ApiContract}). */
        private HttpResponse<Buffer> checked(String method, String path, io.vertx.core.Future<HttpResponse<Buffer>> sent) {
            HttpResponse<Buffer> answer = Await.result(sent);
            ApiContract.staff().check(method, path, answer.statusCode(), answer.getHeader("Content-Type"),
                    answer.body() == null ? null : answer.bodyAsString());
            return answer;
        }

        private io.vertx.ext.web.client.HttpRequest<Buffer> auth(io.vertx.ext.web.client.HttpRequest<Buffer> r) {
            return token == null ? r : r.putHeader("Authorization", "Bearer " + token);
        }
    }

    /** Signs in (through the API). */
    public Session session(String username, String password) {
        return new Session(StaffClient.signIn(target, username, password).token());
    }

    /** No token at all. */
    public Session anonymous() {
        return new Session(null);
    }

    public Session officer() {
        return officer;
    }

    public Session supervisor() {
        return session(TestOrg.SUPERVISOR, TestOrg.PASSWORD);
    }

    public Session admin() {
        return session(TestOrg.ADMIN, TestOrg.ADMIN_PASSWORD);
    }

    public TestOrg org() {
        return org;
    }

    /**
     * The scoping tests' usual organisation: a county agency with two justice offices, an officer in each, and
     * the county's supervisor and procurator (user names start with {@code key}).
     */
    public record County(String id, String officeA, String officeB, Session officerA, Session officerB,
                         Session supervisor, Session procurator) {
    }

    /** Creates a {@link County}; {@code key} (ASCII) names its offices and staff apart from other tests'. */
    public County county(String key) {
        String county = office("COUNTY_AGENCY", key + "县", null);
        String officeA = office("JUSTICE_OFFICE", key + "甲所", county);
        String officeB = office("JUSTICE_OFFICE", key + "乙所", county);
        return new County(county, officeA, officeB, staff(key + "-officer-a", "OFFICER", officeA),
                staff(key + "-officer-b", "OFFICER", officeB), staff(key + "-supervisor", "COUNTY_SUPERVISOR", county),
                staff(key + "-procurator", "PROCURATOR", county));
    }

    /** Creates an office (COUNTY_AGENCY or JUSTICE_OFFICE) as the administrator; its id. */
    public String office(String kind, String name, String parentId) {
        HttpResponse<Buffer> r = asAdmin().post("/api/offices", new JsonObject().put("kind", kind).put("name", name)
                .put("parentId", parentId));
        if (r.statusCode() != 201) {
            throw new AssertionError("office not created: " + r.statusCode() + " " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("id");
    }

    /** Creates a staff account as the administrator and signs it in. */
    public Session staff(String username, String role, String officeId) {
        HttpResponse<Buffer> r = asAdmin().post("/api/staff", TestOrg.staff(username, role, officeId));
        if (r.statusCode() != 201) {
            throw new AssertionError("staff not created: " + r.statusCode() + " " + r.bodyAsString());
        }
        return session(username, TestOrg.PASSWORD);
    }

    /** One administrator session for the setup helpers (signing in hashes a password: not once per call). */
    private Session asAdmin() {
        if (setupAdmin == null) {
            setupAdmin = admin();
        }
        return setupAdmin;
    }

    /** The test county's supervisor approves an electronic-monitoring order, so a bracelet may be bound. */
    public String approveBraceletOrder(String personId) {
        HttpResponse<Buffer> r = supervisor().post("/api/persons/" + personId + "/em-orders", TestOrg.emOrder());
        if (r.statusCode() != 201) {
            throw new AssertionError("em-order answered " + r.statusCode() + ": " + r.bodyAsString());
        }
        return r.bodyAsJsonObject().getString("id");
    }

    public static RunningTether start(TestDatabase db, BrokerKind broker, Map<String, String> extraConfig) {
        return start(db, broker, extraConfig, Optional.empty());
    }

    /**
     * Serving HTTPS only, with the certificate's PKCS#12 keystore unless {@code extraConfig} configures TLS
     * itself (e.g. {@link TestCertificate#pemEnv()}); every client here trusts just that certificate.
     */
    public static RunningTether startTls(TestDatabase db, BrokerKind broker, Map<String, String> extraConfig,
                                         TestCertificate certificate) {
        Map<String, String> env = new HashMap<>(extraConfig);
        if (!env.containsKey("TETHER_HTTP_TLS_ENABLED")) {
            env.putAll(certificate.keyStoreEnv());
        }
        return start(db, broker, env, Optional.empty(), certificate);
    }

    /** @param push Firebase options for the server's push (e.g. {@link FakeFcm#options()}); empty = from configuration */
    public static RunningTether start(TestDatabase db, BrokerKind broker, Map<String, String> extraConfig,
                                      Optional<com.google.firebase.FirebaseOptions> push) {
        return start(db, broker, extraConfig, push, null);
    }

    private static RunningTether start(TestDatabase db, BrokerKind broker, Map<String, String> extraConfig,
                                       Optional<com.google.firebase.FirebaseOptions> push, TestCertificate tls) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(db.configOverrides());
        env.put("TETHER_HTTP_PORT", "0");
        env.put("TETHER_MQTT_CLIENTID", "tether-test-" + run);
        env.put("TETHER_MQTT_SHAREDGROUP", "test" + run);
        env.put("TETHER_MQTT_SESSIONEXPIRYSECONDS", "120");
        if (broker == BrokerKind.EMBEDDED_HIVEMQ) {
            env.put("TETHER_MQTT_EMBEDDED_HOST", "127.0.0.1");
            env.put("TETHER_MQTT_EMBEDDED_PORT", Integer.toString(FreePort.find()));
            env.put("TETHER_MQTT_EMBEDDED_DATAFOLDER", "");
        } else {
            env.put("TETHER_MQTT_URL", "tcp://127.0.0.1:1883");
        }
        env.putAll(StaffClient.serverEnv());
        env.putAll(extraConfig);
        TetherConfig config = new ConfigLoader().load(Optional.empty(), env);
        Vertx vertx = Vertx.vertx();
        try {
            TetherServer server = Await.result(TetherServer.start(vertx, config, Clock.systemUTC(), push));
            return new RunningTether(vertx, server, tls);
        } catch (AssertionError e) {
            vertx.close();
            throw e;
        }
    }

    public int httpPort() {
        return server.httpPort();
    }

    /** The scheme, port and a client that trusts the server (HTTPS when started with {@link #startTls}). */
    public HttpTarget target() {
        return target;
    }

    public int mqttPort() {
        return server.mqttPort();
    }

    /** Creates an office-wide INCLUSION circle (the "county" most phone tests use) and returns its id. */
    public String inclusionCircle(String name, double lon, double lat, double radiusMeters) {
        var z = post("/api/zones", new JsonObject().put("name", name).put("kind", "INCLUSION").put("circle",
                new JsonObject().put("center", new io.vertx.core.json.JsonArray().add(lon).add(lat))
                        .put("radiusMeters", radiusMeters)));
        if (z.statusCode() != 201) {
            throw new AssertionError("zone not created: " + z.statusCode() + " " + z.bodyAsString());
        }
        return z.bodyAsJsonObject().getString("id");
    }

    /** As the test office's officer. */
    public HttpResponse<Buffer> post(String path, JsonObject body) {
        return officer.post(path, body);
    }

    public HttpResponse<Buffer> put(String path, JsonObject body) {
        return officer.put(path, body);
    }

    public HttpResponse<Buffer> postRaw(String path, String contentType, String body) {
        return officer.postRaw(path, contentType, body);
    }

    public HttpResponse<Buffer> get(String path) {
        return path.startsWith("/api/") ? officer.get(path) : Await.result(http.get(path).send());
    }

    /** Opens the alert stream; every {@code data:} line of an {@code alert} event lands in the queue. */
    public BlockingQueue<JsonObject> openAlertStream() {
        return openAlertStream(officer);
    }

    public BlockingQueue<JsonObject> openAlertStream(Session as) {
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        HttpClient client = tls == null ? vertx.createHttpClient() : vertx.createHttpClient(
                new io.vertx.core.http.HttpClientOptions().setSsl(true).setTrustOptions(tls.trustOptions()));
        HttpClientResponse response = Await.result(client
                .request(HttpMethod.GET, server.httpPort(), "127.0.0.1", "/api/alerts/stream")
                .compose(req -> req.putHeader("Authorization", "Bearer " + as.token()).send()));
        if (response.statusCode() != 200) {
            throw new AssertionError("alert stream answered " + response.statusCode());
        }
        RecordParser lines = RecordParser.newDelimited("\n", line -> {
            String text = line.toString();
            if (text.startsWith("data: ")) {
                events.add(new JsonObject(text.substring("data: ".length())));
            }
        });
        response.handler(lines);
        return events;
    }

    /**
     * Waits for the first alert on the stream that satisfies {@code wanted}. The stream carries committed
     * states; changes committed together (a raise and its clearing in one batch) arrive as one.
     */
    public static JsonObject awaitAlert(BlockingQueue<JsonObject> stream, java.util.function.Predicate<JsonObject> wanted,
                                        java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject alert = stream.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (alert != null && wanted.test(alert)) {
                return alert;
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            Await.result(server.stop());
        } finally {
            Await.result(vertx.close());
        }
    }
}
