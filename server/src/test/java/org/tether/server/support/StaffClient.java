package org.tether.server.support;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A plain HTTP client of the staff API, for tests whose server runs in another process. */
public final class StaffClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public StaffClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** POSTs and returns the created resource; fails the test on any other status. */
    public JsonObject create(String path, JsonObject body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            return new JsonObject(r.body());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
