package org.tether.server.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** Assertions on staff API answers that many tests share: the status, and for problems the field named. */
public final class Answers {

    private Answers() {
    }

    /** 201, and the created resource. */
    public static JsonObject created(HttpResponse<Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** 200, and the body. */
    public static JsonObject ok(HttpResponse<Buffer> r) {
        assertEquals(200, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }

    /** A problem JSON with this status naming {@code field} (null: naming none); the problem itself. */
    public static JsonObject problem(HttpResponse<Buffer> r, int status, String field) {
        assertEquals(status, r.statusCode(), r.bodyAsString());
        assertEquals("application/problem+json", r.getHeader("Content-Type"));
        JsonObject p = r.bodyAsJsonObject();
        if (field == null) {
            assertNull(p.getString("field"), p.encode());
        } else {
            assertEquals(field, p.getString("field"), p.encode());
        }
        return p;
    }
}
