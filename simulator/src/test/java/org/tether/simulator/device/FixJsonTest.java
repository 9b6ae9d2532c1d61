package org.tether.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FixJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private static Fix contractExample() {
        return new Fix(17, 1764064800000L, 30.2741, 120.1551, Crs.WGS84, 8.0, FixSource.GNSS, 1.2, 90.0, 12.0, 87,
                false);
    }

    @Test
    void encodesTheContractExample() throws Exception {
        byte[] bytes = new FixJson(mapper).encode(FixBatch.of("BR-0001", List.of(contractExample())));
        JsonNode root = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));

        assertEquals(List.of("v", "deviceId", "fixes"), names(root));
        assertTrue(root.get("v").isInt());
        assertEquals(1, root.get("v").asInt());
        assertTrue(root.get("deviceId").isTextual());
        assertEquals("BR-0001", root.get("deviceId").asText());
        assertTrue(root.get("fixes").isArray());
        assertEquals(1, root.get("fixes").size());

        JsonNode fix = root.get("fixes").get(0);
        assertEquals(Set.of("seq", "time", "lat", "lon", "crs", "accuracy", "source", "speed", "heading", "altitude",
                "battery", "charging"), Set.copyOf(names(fix)));
        assertTrue(fix.get("seq").isIntegralNumber());
        assertEquals(17, fix.get("seq").asLong());
        assertTrue(fix.get("time").isIntegralNumber());
        assertEquals(1764064800000L, fix.get("time").asLong());
        assertTrue(fix.get("lat").isFloatingPointNumber());
        assertEquals(30.2741, fix.get("lat").asDouble());
        assertTrue(fix.get("lon").isFloatingPointNumber());
        assertEquals(120.1551, fix.get("lon").asDouble());
        assertTrue(fix.get("crs").isTextual());
        assertEquals("WGS84", fix.get("crs").asText());
        assertTrue(fix.get("accuracy").isNumber());
        assertEquals(8.0, fix.get("accuracy").asDouble());
        assertEquals("GNSS", fix.get("source").asText());
        assertTrue(fix.get("speed").isNumber());
        assertEquals(1.2, fix.get("speed").asDouble());
        assertEquals(90.0, fix.get("heading").asDouble());
        assertEquals(12.0, fix.get("altitude").asDouble());
        assertTrue(fix.get("battery").isInt());
        assertEquals(87, fix.get("battery").asInt());
        assertTrue(fix.get("charging").isBoolean());
        assertFalse(fix.get("charging").asBoolean());
    }

    @Test
    void isUtf8JsonWithoutNullsForOmittedOptionalFields() throws Exception {
        Fix minimal = new Fix(1, 1764064800000L, 30.0, 120.0, Crs.GCJ02, 25.0, FixSource.CELL, null, null, null,
                null, null);
        byte[] bytes = new FixJson().encode(FixBatch.of("PH-9", List.of(minimal)));
        JsonNode fix = mapper.readTree(bytes).get("fixes").get(0);
        assertEquals(Set.of("seq", "time", "lat", "lon", "crs", "accuracy", "source"), Set.copyOf(names(fix)));
        assertEquals("GCJ02", fix.get("crs").asText());
        assertEquals("CELL", fix.get("source").asText());
    }

    @Test
    void batchesKeepOrderAndAreLimitedToFiveHundred() throws Exception {
        List<Fix> fixes = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            fixes.add(new Fix(i, 1764064800000L + i * 1000L, 30, 120, Crs.WGS84, 5, FixSource.GNSS, null, null, null,
                    null, null));
        }
        JsonNode root = mapper.readTree(new FixJson().encode(FixBatch.of("BR-1", fixes)));
        assertEquals(500, root.get("fixes").size());
        assertEquals(500, root.get("fixes").get(499).get("seq").asLong());

        fixes.add(fixes.get(0));
        assertThrows(IllegalArgumentException.class, () -> FixBatch.of("BR-1", fixes));
        assertThrows(IllegalArgumentException.class, () -> FixBatch.of("BR-1", List.of()));
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return Collections.unmodifiableList(names);
    }
}
