package org.tether.server.support;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for FCM's HTTP v1 API: the real Firebase Admin SDK talks to it through
 * {@link FirebaseOptions}' HTTP transport (every URL is sent to this server), so no network is needed.
 * It answers by the registration token: {@code gone-*} → 404 UNREGISTERED; {@code flaky<N>-*} → 500 for
 * the first N requests, then success; {@code slow-*} → the first request waits past the client's read
 * timeout, then success; anything else → success {@code {"name": "projects/p/messages/<n>"}}.
 */
public final class FakeFcm implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<JsonObject> messages = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requestsByToken = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    public FakeFcm() {
        server = Await.result(vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            if (!req.path().matches("/v1/projects/p/messages:send")
                    || !"Bearer test-access-token".equals(req.getHeader("Authorization"))) {
                req.response().setStatusCode(400).end("{\"error\":{\"code\":400,\"status\":\"INVALID_ARGUMENT\"}}");
                return;
            }
            JsonObject message = body.toJsonObject().getJsonObject("message");
            String token = message.getString("token");
            // Counted per token and push type: a check-in reminder the watch sends meanwhile (it depends on
            // the time of day) must not use up the failures a test arranged for its location check.
            JsonObject data = message.getJsonObject("data", new JsonObject());
            int n = requestsByToken.computeIfAbsent(token + "|" + data.getString("type"), t -> new AtomicInteger())
                    .incrementAndGet();
            messages.add(message);
            var res = req.response().putHeader("Content-Type", "application/json; charset=UTF-8");
            if (token.startsWith("gone-")) {
                res.setStatusCode(404).end(new JsonObject().put("error", new JsonObject().put("code", 404)
                        .put("message", "Requested entity was not found.").put("status", "NOT_FOUND")
                        .put("details", List.of(new JsonObject()
                                .put("@type", "type.googleapis.com/google.firebase.fcm.v1.FcmError")
                                .put("errorCode", "UNREGISTERED")))).encode());
            } else if (token.startsWith("flaky") && n <= Integer.parseInt(token.substring(5, token.indexOf('-')))) {
                res.setStatusCode(500).putHeader("Retry-After", "0").end(new JsonObject().put("error", new JsonObject()
                        .put("code", 500).put("message", "Internal error encountered.").put("status", "INTERNAL"))
                        .encode());
            } else if (token.startsWith("slow-") && n == 1) {
                vertx.setTimer(3_000, t -> res.end(success()));
            } else {
                res.setStatusCode(200).end(success());
            }
        })).listen(0, "127.0.0.1"));
    }

    private String success() {
        return new JsonObject().put("name", "projects/p/messages/" + ids.incrementAndGet()).encode();
    }

    /** SDK options that send everything here, with a fixed access token and project id {@code p}. */
    public FirebaseOptions options() {
        int port = server.actualPort();
        NetHttpTransport transport = new NetHttpTransport.Builder()
                .setConnectionFactory(url -> (HttpURLConnection) new URL("http", "127.0.0.1", port, url.getFile())
                        .openConnection())
                .build();
        return FirebaseOptions.builder()
                .setCredentials(GoogleCredentials.create(new AccessToken("test-access-token",
                        new Date(System.currentTimeMillis() + 3_600_000))))
                .setProjectId("p")
                .setJsonFactory(com.google.api.client.json.gson.GsonFactory.getDefaultInstance())
                .setHttpTransport(transport)
                .setConnectTimeout(1_000)
                .setReadTimeout(1_000)
                .build();
    }

    /** Every message received (the "message" object of each request), in order. */
    public List<JsonObject> messages() {
        return messages;
    }

    /** Requests for the token, of every type. */
    public int requests(String token) {
        return requestsByToken.entrySet().stream().filter(e -> e.getKey().startsWith(token + "|"))
                .mapToInt(e -> e.getValue().get()).sum();
    }

    /** Requests for the token whose {@code data.type} is {@code type} (e.g. {@code LOCATION_CHECK}). */
    public int requests(String token, String type) {
        AtomicInteger n = requestsByToken.get(token + "|" + type);
        return n == null ? 0 : n.get();
    }

    @Override
    public void close() {
        Await.result(vertx.close());
    }
}
