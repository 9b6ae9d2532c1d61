package org.tether.mobile;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/**
 * What the server recorded for a check-in.
 *
 * @param windowOpensAt the window it counted for; null (with windowClosesAt) when outside every window
 * @param area INSIDE, OUTSIDE, UNCERTAIN (within the accuracy radius of the boundary) or NO_AREA
 */
public record CheckInReceipt(UUID id, Instant receivedAt, Instant windowOpensAt, Instant windowClosesAt, String area) {

    public boolean inWindow() {
        return windowOpensAt != null;
    }

    public JsonObject toJson() {
        return new JsonObject().put("id", id.toString()).put("receivedAt", receivedAt.toString())
                .put("inWindow", inWindow())
                .put("window", inWindow() ? new JsonObject().put("opensAt", windowOpensAt.toString())
                        .put("closesAt", windowClosesAt.toString()) : null)
                .put("area", area);
    }
}
