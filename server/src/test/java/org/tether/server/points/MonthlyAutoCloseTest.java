package org.tether.server.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.RunningTether;
import org.tether.server.support.TestDatabase;

/**
 * The month just past closes by itself on the close day (the 1st here, so today qualifies), once:
 * the watch never closes it again; an officer still may until approval. Older months stay for officers.
 */
class MonthlyAutoCloseTest {

    @Test
    void theServerClosesTheMonthJustPastOnceOnTheCloseDay() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (RunningTether tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ,
                Map.of("TETHER_ALERTS_WATCHINTERVALSECONDS", "1"))) {
            YearMonth now = YearMonth.now(ZoneId.of("Asia/Shanghai"));
            String office = tether.org().officeId();
            HttpResponse<Buffer> created = tether.post("/api/persons", new JsonObject().put("displayName", "周八")
                    .put("correctionStartsOn", now.minusMonths(3).atDay(1).toString()));
            assertEquals(201, created.statusCode(), created.bodyAsString());
            String person = created.bodyAsJsonObject().getString("id");
            // The person was registered after the first scans may have run: a month closed before is re-closed below.
            String path = "/api/offices/" + office + "/assessments/" + now.minusMonths(1);
            JsonObject closed = null;
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                HttpResponse<Buffer> r = tether.get(path);
                if (r.statusCode() == 200) {
                    closed = r.bodyAsJsonObject();
                    break;
                }
                Thread.sleep(200);
            }
            if (closed == null) {
                throw new AssertionError("the month just past was not closed automatically");
            }
            assertEquals("CLOSED", closed.getString("status"));
            assertNull(closed.getString("closedBy"));
            Thread.sleep(3_000);
            assertEquals(1, tether.get(path).bodyAsJsonObject().getInteger("closings"));
            JsonObject again = tether.post(path + "/close", new JsonObject()).bodyAsJsonObject();
            assertEquals(2, again.getInteger("closings"));
            assertEquals("GOOD", again.getJsonArray("results").stream().map(JsonObject.class::cast)
                    .filter(r -> r.getString("personId").equals(person)).findFirst().orElseThrow().getString("grade"));
            Thread.sleep(2_000);
            assertEquals(2, tether.get(path).bodyAsJsonObject().getInteger("closings"));
            assertEquals(404, tether.get("/api/offices/" + office + "/assessments/" + now.minusMonths(2)).statusCode());
        } finally {
            db.drop();
        }
    }
}
