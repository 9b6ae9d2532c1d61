package org.tether.simulator.tether;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsTheContractFieldsAndKeepsTheRest() throws Exception {
        Alert a = AlertJson.parse(json.readTree("""
                {"id":123,"personId":"6f1c0e5e-0000-4000-8000-000000000001","type":"OUT_OF_AREA","state":"OPEN",
                 "openedAt":"2025-11-25T10:00:00Z","extra":{"x":1}}"""));
        assertEquals("123", a.id());
        assertEquals("6f1c0e5e-0000-4000-8000-000000000001", a.personId());
        assertEquals("OUT_OF_AREA", a.type());
        assertEquals("OPEN", a.state());
        assertEquals(Instant.parse("2025-11-25T10:00:00Z"), a.time());
        assertEquals(1, a.raw().get("extra").get("x").asInt());
    }

    @Test
    void acceptsEpochMillisAndOffsetsAndMissingTimes() throws Exception {
        assertEquals(Instant.ofEpochMilli(1764064800000L),
                AlertJson.parse(json.readTree("{\"id\":\"a\",\"createdAt\":1764064800000}")).time());
        assertEquals(Instant.parse("2025-11-25T02:00:00Z"),
                AlertJson.parse(json.readTree("{\"id\":\"a\",\"updatedAt\":\"2025-11-25T10:00:00+08:00\"}")).time());
        Alert bare = AlertJson.parse(json.readTree("{\"id\":1}"));
        assertNull(bare.time());
        assertTrue(bare.timeIfKnown().isEmpty());
        assertNull(bare.type());
    }

    @Test
    void describesProblems() {
        ApiProblem p = ApiProblem.from(400,
                "{\"title\":\"Invalid request\",\"detail\":\"must not be blank\",\"status\":400,\"field\":\"displayName\"}",
                json);
        assertEquals("400 Invalid request — displayName: must not be blank", p.describe());
        assertEquals("502 — Bad Gateway", ApiProblem.from(502, "Bad Gateway", json).describe());
        assertEquals("500", ApiProblem.from(500, "", json).describe());
    }
}
