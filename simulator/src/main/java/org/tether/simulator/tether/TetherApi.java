package org.tether.simulator.tether;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Client of Tether's staff HTTP API — only its public, documented endpoints. Thread-safe.
 */
public final class TetherApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final String JSON = "application/json";

    private final URI baseUri;
    private final HttpClient http;
    private final ObjectMapper json;
    /** The staff session's bearer token, once signed in. */
    private volatile String token;

    public TetherApi(URI baseUri, HttpClient http, ObjectMapper json) {
        String scheme = baseUri.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUri.getHost() == null) {
            throw new IllegalArgumentException("server must be an http(s) URL such as http://127.0.0.1:8080, got '"
                    + baseUri + "'");
        }
        String text = baseUri.toString();
        this.baseUri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.http = http;
        this.json = json;
    }

    public static TetherApi create(URI baseUri, ObjectMapper json) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
        return new TetherApi(baseUri, http, json);
    }

    public URI baseUri() {
        return baseUri;
    }

    public URI endpoint(String path) {
        return URI.create(baseUri + path);
    }

    public URI alertsUri() {
        return endpoint("/api/alerts");
    }

    public URI alertStreamUri() {
        return endpoint("/api/alerts/stream");
    }

    /** {@code GET /health}: the reported status ("UP" when ready). */
    public String health() throws TetherApiException {
        JsonNode body = send("GET", endpoint("/health"), null);
        return body.path("status").asText("UNKNOWN");
    }

    /** {@code POST /api/session}: signs in; later calls carry the token. */
    public void signIn(String username, String password) throws TetherApiException {
        JsonNode body = send("POST", endpoint("/api/session"), java.util.Map.of("username", username, "password", password));
        token = body.path("token").asText(null);
        if (token == null) {
            throw new TetherApiException("POST", endpoint("/api/session"),
                    new IllegalStateException("the sign-in response has no token"));
        }
    }

    /** {@code POST /api/offices} (administrator): the new office's id. */
    public String createOffice(String kind, String name, String parentId) throws TetherApiException {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("kind", kind, "name", name));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return idOf("POST", endpoint("/api/offices"), send("POST", endpoint("/api/offices"), body));
    }

    /** {@code POST /api/staff} (administrator): the new account's id. */
    public String createStaff(String username, String role, String officeId, String password) throws TetherApiException {
        return idOf("POST", endpoint("/api/staff"), send("POST", endpoint("/api/staff"), java.util.Map.of(
                "username", username, "displayName", username, "role", role, "officeId", officeId, "password", password)));
    }

    /** {@code POST /api/persons/{id}/em-orders} (county supervisor): an order from now until {@code endsAt}. */
    public String approveEmOrder(String personId, String ground, java.time.OffsetDateTime endsAt) throws TetherApiException {
        URI uri = endpoint("/api/persons/" + personId + "/em-orders");
        return idOf("POST", uri, send("POST", uri, java.util.Map.of("ground", ground, "endsAt", endsAt.toString())));
    }

    /** {@code POST /api/zones}: the new zone's id. */
    public String createZone(NewZone zone) throws TetherApiException {
        return idOf("POST", endpoint("/api/zones"), send("POST", endpoint("/api/zones"), zone));
    }

    /** {@code POST /api/persons}: the new person's id. */
    public String createPerson(NewPerson person) throws TetherApiException {
        return idOf("POST", endpoint("/api/persons"), send("POST", endpoint("/api/persons"), person));
    }

    /** {@code POST /api/devices}: the device's MQTT login, when the server issued one (shown only once). */
    public java.util.Optional<org.tether.simulator.mqtt.MqttCredentials> registerDevice(NewDevice device)
            throws TetherApiException {
        JsonNode body = send("POST", endpoint("/api/devices"), device);
        JsonNode mqtt = body == null ? null : body.path("mqtt");
        if (mqtt == null || !mqtt.path("username").isTextual() || !mqtt.path("password").isTextual()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(org.tether.simulator.mqtt.MqttCredentials.of(mqtt.path("username").asText(),
                mqtt.path("password").asText()));
    }

    /** {@code GET /api/alerts}. */
    public List<Alert> listAlerts() throws TetherApiException {
        JsonNode body = send("GET", alertsUri(), null);
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode item : body.path("items")) {
            alerts.add(AlertJson.parse(item));
        }
        return alerts;
    }

    /**
     * {@code GET /api/alerts/stream}: the open response, whatever its status; the caller reads the
     * event stream from the body and must close it.
     */
    public HttpResponse<InputStream> openAlertStream(Optional<String> lastEventId)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(alertStreamUri())
                .timeout(REQUEST_TIMEOUT) // until the response headers arrive; the stream itself is open-ended
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        lastEventId.ifPresent(id -> request.header("Last-Event-ID", id));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads an error response body as a problem. */
    public ApiProblem problemOf(int status, String body) {
        return ApiProblem.from(status, body, json);
    }

    private JsonNode send(String method, URI uri, Object body) throws TetherApiException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", JSON);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes;
            try {
                bytes = json.writeValueAsBytes(body);
            } catch (IOException e) {
                throw new TetherApiException(method, uri, e);
            }
            request.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new TetherApiException(method, uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TetherApiException(method, uri, e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new TetherApiException(method, uri, problemOf(status, response.body()));
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new TetherApiException(method, uri, e);
        }
    }

    private static String idOf(String method, URI uri, JsonNode body) throws TetherApiException {
        JsonNode id = body.get("id");
        if (id == null || id.isNull() || id.asText().isEmpty()) {
            throw new TetherApiException(method, uri,
                    new IllegalStateException("the response has no \"id\": " + abbreviate(body.toString())));
        }
        return id.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
