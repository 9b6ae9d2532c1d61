package org.tether.server.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A plain (blocking) HTTP client of the staff API, signed in as one staff member: for tests whose
 * server runs in another process, and to set up the test organisation ({@link TestOrg}).
 */
public final class StaffClient {

    private final HttpClient http;
    private final String base;
    private final String token;

    private StaffClient(HttpTarget target, String token) {
        this.http = target.client();
        this.base = target.base();
        this.token = token;
    }

    /** Signs in; fails the test if that is refused. */
    public static StaffClient signIn(int port, String username, String password) {
        return signIn(HttpTarget.plain(port), username, password);
    }

    /** Signs in over the target's scheme (HTTPS when the server runs with TLS). */
    public static StaffClient signIn(HttpTarget target, String username, String password) {
        StaffClient anonymous = new StaffClient(target, null);
        HttpResponse<String> r = anonymous.send("POST", "/api/session",
                new JsonObject().put("username", username).put("password", password));
        if (r.statusCode() != 201) {
            throw new AssertionError("sign-in as " + username + " answered " + r.statusCode() + ": " + r.body());
        }
        return new StaffClient(target, new JsonObject(r.body()).getString("token"));
    }

    /** Signs in with the test organisation's officer (created on first use). */
    public static StaffClient officer(int port) {
        TestOrg.ensure(port);
        return signIn(port, TestOrg.OFFICER, TestOrg.PASSWORD);
    }

    public String token() {
        return token;
    }

    /** POSTs and returns the created resource; fails the test on any other status. */
    public JsonObject create(String path, JsonObject body) {
        HttpResponse<String> r = send("POST", path, body);
        if (r.statusCode() != 201) {
            throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return new JsonObject(r.body());
    }

    /** Any call; the body may be null. */
    public HttpResponse<String> send(String method, String path, JsonObject body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.encode()));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Environment for a server under test: the bootstrap administrator and cheap password hashing. */
    public static Map<String, String> serverEnv() {
        return Map.of("TETHER_STAFF_ADMINPASSWORD", TestOrg.ADMIN_PASSWORD, "TETHER_STAFF_PASSWORDITERATIONS", "1000");
    }
}
