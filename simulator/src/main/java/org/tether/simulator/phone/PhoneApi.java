package org.tether.simulator.phone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tether.simulator.tether.ApiProblem;
import org.tether.simulator.tether.TetherApiException;

/**
 * Client of the phone app's HTTP API ({@code /phone/v1}, contract {@code mobile-openapi.yaml}) — what a real
 * app sends, nothing more. Errors carry the server's problem JSON (status, field, detail). Thread-safe.
 */
public final class PhoneApi {

    public static final String PREFIX = "/phone/v1";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String JSON = "application/json";

    private final String base;
    private final String token;
    private final HttpClient http;
    private final ObjectMapper json;

    /** @param token the bearer token from enrolment; null before enrolling */
    public PhoneApi(URI server, String token, HttpClient http, ObjectMapper json) {
        String scheme = server.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || server.getHost() == null) {
            throw new IllegalArgumentException("server must be an http(s) URL such as http://127.0.0.1:8080, got '"
                    + server + "'");
        }
        String text = server.toString();
        this.base = (text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + PREFIX;
        this.token = token;
        this.http = http;
        this.json = json;
    }

    public static PhoneApi create(URI server, String token, ObjectMapper json) {
        return new PhoneApi(server, token, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).build(), json);
    }

    /** What {@code POST /enrolment} answers: the token and the MQTT login are shown once. */
    public record Enrolment(String personId, String deviceId, String token, String expiresAt, String mqttUsername,
                            String mqttPassword, String fixTopic) {

        @Override
        public String toString() {
            return "Enrolment[personId=" + personId + ", deviceId=" + deviceId + ", token=***, mqttUsername="
                    + mqttUsername + ", mqttPassword=***, fixTopic=" + fixTopic + "]";
        }
    }

    /** {@code POST /enrolment}: redeems a one-time code. */
    public Enrolment enrol(String code, String platform, String pushToken) throws TetherApiException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        if (platform != null) {
            body.put("platform", platform);
        }
        if (pushToken != null) {
            body.put("pushToken", pushToken);
        }
        JsonNode answer = sendJson("POST", "/enrolment", body);
        JsonNode mqtt = answer.path("mqtt");
        Enrolment e = new Enrolment(text(answer, "personId"), text(answer, "deviceId"), text(answer, "token"),
                text(answer, "expiresAt"), text(mqtt, "username"), text(mqtt, "password"), text(mqtt, "fixTopic"));
        if (e.deviceId() == null || e.token() == null || e.mqttUsername() == null || e.mqttPassword() == null) {
            throw new TetherApiException("POST", uri("/enrolment"), new IllegalStateException(
                    "the enrolment answer lacks deviceId, token or the MQTT login"));
        }
        return e;
    }

    /** {@code PUT /push-token}: registers or refreshes the FCM registration token. */
    public void registerPushToken(String pushToken) throws TetherApiException {
        sendJson("PUT", "/push-token", Map.of("token", pushToken));
    }

    /** What {@code POST /check-ins} answers. */
    public record CheckInReceipt(String id, boolean inWindow, String area) {
    }

    /** {@code POST /check-ins}: a scheduled check-in with a fresh fix. */
    public CheckInReceipt checkIn(PhoneFix fix) throws TetherApiException {
        JsonNode r = sendJson("POST", "/check-ins", Map.of("fix", fix));
        return new CheckInReceipt(text(r, "id"), r.path("inWindow").asBoolean(false), text(r, "area"));
    }

    /** {@code PUT /check-ins/{id}/photo}: the raw image. */
    public void attachPhoto(String checkInId, Photo photo) throws TetherApiException {
        send(request("/check-ins/" + checkInId + "/photo").header("Content-Type", photo.contentType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(photo.bytes())), "PUT", "/check-ins/" + checkInId + "/photo");
    }

    /** A location check (信息化核查) as the phone sees it. */
    public record LocationCheck(String id, Instant requestedAt, Instant dueAt, Instant answeredAt, boolean late,
                                String area) {
    }

    /** {@code GET /location-checks}: the checks still waiting for an answer. */
    public List<LocationCheck> openLocationChecks() throws TetherApiException {
        JsonNode r = send(request("/location-checks").GET(), "GET", "/location-checks");
        List<LocationCheck> checks = new ArrayList<>();
        for (JsonNode item : r.path("items")) {
            checks.add(check(item));
        }
        return checks;
    }

    /** {@code POST /location-checks/{id}/answer}: answers with a fresh fix. */
    public LocationCheck answer(String checkId, PhoneFix fix) throws TetherApiException {
        return check(sendJson("POST", "/location-checks/" + checkId + "/answer", Map.of("fix", fix)));
    }

    /** Whether the server refused the token (unknown, expired or revoked: enrol again). */
    public static boolean notEnrolled(TetherApiException e) {
        return e.problem().map(p -> p.status() == 401).orElse(false);
    }

    private static LocationCheck check(JsonNode n) {
        return new LocationCheck(text(n, "id"), instant(n, "requestedAt"), instant(n, "dueAt"),
                instant(n, "answeredAt"), n.path("late").asBoolean(false), text(n, "area"));
    }

    private JsonNode sendJson(String method, String path, Object body) throws TetherApiException {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new TetherApiException(method, uri(path), e);
        }
        return send(request(path).header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes)),
                method, path);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT).header("Accept", JSON);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private JsonNode send(HttpRequest.Builder request, String method, String path) throws TetherApiException {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TetherApiException(method, uri(path), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherApiException(method, uri(path), e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new TetherApiException(method, uri(path), ApiProblem.from(status, response.body(), json));
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new TetherApiException(method, uri(path), e);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode node, String name) {
        String t = text(node, name);
        return t == null ? null : java.time.OffsetDateTime.parse(t).toInstant();
    }
}
