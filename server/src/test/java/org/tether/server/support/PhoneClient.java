package org.tether.server.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** The phone app, as a plain HTTP client of {@code /phone/v1}: what a test needs to enrol, check in and answer. */
public final class PhoneClient {

    private final HttpClient http;
    private final String base;
    private final String token;

    public PhoneClient(int port, String token) {
        this(HttpTarget.plain(port), token);
    }

    /** Over the target's scheme (HTTPS when the server runs with TLS). */
    public PhoneClient(HttpTarget target, String token) {
        this.http = target.client();
        this.base = target.base() + "/phone/v1";
        this.token = token;
    }

    /** Redeems the code; the answer as sent (status and body). */
    public static HttpResponse<String> enrol(int port, String code) {
        return enrol(HttpTarget.plain(port), code);
    }

    public static HttpResponse<String> enrol(HttpTarget target, String code) {
        return new PhoneClient(target, null).send("POST", "/enrolment", new JsonObject().put("code", code)
                .put("platform", "ANDROID"));
    }

    /** Enrols or fails the test. */
    public static Enrolled enrolled(int port, String code) {
        return enrolled(HttpTarget.plain(port), code);
    }

    public static Enrolled enrolled(HttpTarget target, String code) {
        HttpResponse<String> r = enrol(target, code);
        if (r.statusCode() != 201) {
            throw new AssertionError("enrolment answered " + r.statusCode() + ": " + r.body());
        }
        JsonObject json = new JsonObject(r.body());
        return new Enrolled(new PhoneClient(target, json.getString("token")), json);
    }

    public record Enrolled(PhoneClient phone, JsonObject answer) {
    }

    public static JsonObject fix(double lat, double lon, double accuracy) {
        return fix(Instant.now(), lat, lon, accuracy);
    }

    public static JsonObject fix(Instant time, double lat, double lon, double accuracy) {
        return new JsonObject().put("fix", new JsonObject().put("time", time.toEpochMilli()).put("lat", lat)
                .put("lon", lon).put("crs", "WGS84").put("accuracy", accuracy).put("source", "GNSS"));
    }

    public HttpResponse<String> send(String method, String path, JsonObject body) {
        HttpRequest.Builder b = request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(method, path, b);
    }

    /** A raw body, as sent: for bodies a JSON object cannot express (malformed, oversize). */
    public HttpResponse<String> postBytes(String path, String contentType, byte[] bytes) {
        return send("POST", path, request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    public HttpResponse<String> putBytes(String path, String contentType, byte[] bytes) {
        return send("PUT", path, request(path).header("Content-Type", contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    /** Sends, and fails the test when the answer is not one the contract declares (see {@link ApiContract}). */
    private HttpResponse<String> send(String method, String path, HttpRequest.Builder b) {
        try {
            HttpResponse<String> answer = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            ApiContract.phone().check(method, path, answer);
            return answer;
        } catch (IOException e) {
            throw new AssertionError("phone request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
