package org.tether.server.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the procuratorate's HTTPS endpoint, written from docs/procuratorate.md (not from
 * our sender's code): it checks the timestamp and the HMAC-SHA256 signature with its own copy of the
 * shared secret (401 when they do not match), stores each notification once by its {@code Idempotency-Key}
 * and acknowledges repeats with 200 without storing them again. A script decides how the next requests
 * are answered: fail (5xx), hang (stored, never answered: the sender times out), answer slowly (stored,
 * answered after a delay), or drop the answer (stored, connection closed: the sender never learns).
 * It also notices two requests for one key in flight at the same time.
 */
public final class FakeProcuratorate implements AutoCloseable {

    /** How one request is answered. */
    public sealed interface Behaviour {
    }

    /** Answer at once with this status (without storing when it is not 2xx). */
    public record Status(int code) implements Behaviour {
    }

    /** Store, then never answer. */
    public record Hang() implements Behaviour {
    }

    /** Store, then answer 200 after this delay. */
    public record Slow(long millis) implements Behaviour {
    }

    /** Store, then close the connection without answering. */
    public record DropAnswer() implements Behaviour {
    }

    public static final String PASSWORD = "changeit";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Deque<Behaviour> script = new ArrayDeque<>();
    private volatile Behaviour otherwise = new Status(200);
    private volatile String secret;
    private final Map<String, JsonObject> stored = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByKey = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final List<String> concurrentKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();

    public FakeProcuratorate(String secret) {
        this.secret = secret;
        Certificate cert = Certificate.get();
        server = Await.result(vertx.createHttpServer(new HttpServerOptions().setSsl(true)
                        .setKeyCertOptions(new PfxOptions().setPath(cert.keyStore().toString()).setPassword(PASSWORD)))
                .requestHandler(this::handle).listen(0, "127.0.0.1"));
    }

    /** The self-signed certificate (for 127.0.0.1) the stand-in serves, made once per test JVM with keytool. */
    public record Certificate(Path keyStore, Path pem) {

        private static final class Holder {
            static final Certificate CERT = create();
        }

        public static Certificate get() {
            return Holder.CERT;
        }

        private static Certificate create() {
            try {
                Path dir = Files.createTempDirectory("fake-procuratorate-");
                Path ks = dir.resolve("server.p12");
                Path pem = dir.resolve("server.pem");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                run(keytool, "-genkeypair", "-alias", "procuratorate", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-validity", "3", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD);
                run(keytool, "-exportcert", "-rfc", "-alias", "procuratorate", "-keystore", ks.toString(),
                        "-storepass", PASSWORD, "-file", pem.toString());
                return new Certificate(ks, pem);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot make the test certificate", e);
            }
        }

        private static void run(String... command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        }
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            requests.incrementAndGet();
            String key = req.getHeader("Idempotency-Key");
            String timestamp = req.getHeader("X-Tether-Timestamp");
            String signature = req.getHeader("X-Tether-Signature");
            if (!"POST".equals(req.method().name()) || key == null || timestamp == null || signature == null) {
                req.response().setStatusCode(400).end("{\"error\":\"missing header\"}");
                return;
            }
            if (!verified(timestamp, signature, body.getBytes())) {
                badSignatures.incrementAndGet();
                req.response().setStatusCode(401).end("{\"error\":\"bad signature\"}");
                return;
            }
            requestsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
            if (!inFlight.add(key)) {
                concurrentKeys.add(key);
            }
            Behaviour b = next();
            if (b instanceof Status s && (s.code() < 200 || s.code() >= 300)) {
                inFlight.remove(key);
                req.response().setStatusCode(s.code()).end("{\"error\":\"scripted\"}");
                return;
            }
            boolean duplicate = store(key, body.toJsonObject());
            String answer = new JsonObject().put("received", key).put("duplicate", duplicate).encode();
            if (b instanceof Hang || b instanceof Slow) {
                // The sender gave up (timeout) when it closes the connection: no longer in flight.
                req.connection().closeHandler(v -> inFlight.remove(key));
            }
            if (b instanceof Hang) {
                return;
            } else if (b instanceof Slow slow) {
                vertx.setTimer(slow.millis(), t -> {
                    inFlight.remove(key);
                    req.response().setStatusCode(200).end(answer);
                });
            } else if (b instanceof DropAnswer) {
                inFlight.remove(key);
                req.connection().close();
            } else {
                inFlight.remove(key);
                req.response().setStatusCode(((Status) b).code()).putHeader("Content-Type", "application/json").end(answer);
            }
        });
    }

    /** The documented scheme: |now - timestamp| ≤ 300 s; v1= hex HMAC-SHA256(secret, timestamp + "." + body). */
    private boolean verified(String timestamp, String signature, byte[] body) {
        try {
            long ts = Long.parseLong(timestamp);
            if (Math.abs(System.currentTimeMillis() / 1000 - ts) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    private boolean store(String key, JsonObject notification) {
        return stored.putIfAbsent(key, notification) != null;
    }

    private Behaviour next() {
        synchronized (script) {
            Behaviour b = script.poll();
            return b != null ? b : otherwise;
        }
    }

    /** The next requests (with a valid signature) are answered so, in order; then {@link #otherwise}. */
    public FakeProcuratorate then(Behaviour... behaviours) {
        synchronized (script) {
            script.addAll(List.of(behaviours));
        }
        return this;
    }

    /** How requests beyond the script are answered (default 200). */
    public void otherwise(Behaviour b) {
        otherwise = b;
    }

    public void secret(String secret) {
        this.secret = secret;
    }

    public String url() {
        return "https://127.0.0.1:" + server.actualPort() + "/notifications";
    }

    /** The notifications stored, once per idempotency key. */
    public Map<String, JsonObject> stored() {
        return Map.copyOf(stored);
    }

    /** Validly signed requests carrying this key (1 = delivered once, more = repeats the endpoint dedups). */
    public int requests(String key) {
        AtomicInteger n = requestsByKey.get(key);
        return n == null ? 0 : n.get();
    }

    public int requests() {
        return requests.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** Requests stored but not answered yet (slow or hanging answers). */
    public int inFlight() {
        return inFlight.size();
    }

    /** Keys a second request arrived for while the first was still being answered. */
    public List<String> concurrentKeys() {
        return List.copyOf(concurrentKeys);
    }

    /** Environment for a Tether server delivering here. */
    public Map<String, String> serverEnv(String serverSecret) {
        return Map.of("TETHER_PROCURATORATE_URL", url(),
                "TETHER_PROCURATORATE_SHAREDSECRET", serverSecret,
                "TETHER_PROCURATORATE_TRUSTCERTFILE", Certificate.get().pem().toString(),
                "TETHER_PROCURATORATE_POLLMILLIS", "100",
                "TETHER_PROCURATORATE_CONNECTTIMEOUTMILLIS", "5000",
                "TETHER_PROCURATORATE_TIMEOUTMILLIS", "1000",
                "TETHER_PROCURATORATE_RETRYBASEMILLIS", "200",
                "TETHER_PROCURATORATE_RETRYMAXMILLIS", "1000");
    }

    @Override
    public void close() {
        Await.result(vertx.close());
    }
}
