package org.tether.gateway.decode.owntracks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.gateway.decode.DecoderContract.CLOCK;
import static org.tether.gateway.decode.DecoderContract.LIMITS;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DecoderContract;
import org.tether.gateway.decode.DeviceFix;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.FixValidation;

/**
 * Coverage-guided fuzzing of {@link OwnTracksDecoder} with Jazzer (regression inputs under
 * {@code OwnTracksDecoderFuzzTestInputs/fuzzDecode/}).
 */
class OwnTracksDecoderFuzzTest {

    private static final DeviceTopic TOPIC = OwnTracksTopic.parse("owntracks/jane/phone").orElseThrow();
    private static final OwnTracksDecoder DECODER = new OwnTracksDecoder(LIMITS, CLOCK);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"_type\"", "\"location\"", "\"tst\"", "\"lat\"", "\"lon\"", "\"acc\"", "\"alt\"", "\"batt\"",
        "\"bs\"", "\"vel\"", "\"cog\"", "\"topic\"", "\"owntracks/jane/phone\"", "\"encrypted\"", "1764064800",
        "946684800", "1e400", "-0.0", "18446744073709551617", "null"})
    void fuzzDecode(byte[] payload) {
        DecodedFixes decoded = DecoderContract.decodeOrRefuse(p -> DECODER.decode(TOPIC, p), payload);
        if (decoded == null) {
            return;
        }
        DecoderContract.checkFixes(TOPIC, decoded, FixValidation.MAX_ACCURACY_METERS);
        for (DeviceFix f : decoded.fixes()) {
            // negative vel and cog are the platforms' "invalid" marker and become unknown
            assertTrue(f.speed() == null || f.speed() >= 0, "speed " + f);
            assertTrue(f.heading() == null || f.heading() >= 0, "heading " + f);
            assertNull(f.seq(), "OwnTracks has no sequence number");
        }
        // every accepted fix carries exactly the values of its location: tst in seconds, batt, lat, lon
        JsonNode root = DecoderContract.strictJson(payload);
        List<JsonNode> entries = root.isArray()
                ? DecoderContract.acceptedEntries(root, "", decoded.rejections(), decoded.fixes().size())
                : decoded.fixes().isEmpty() ? List.of() : List.of(root);
        assertEquals(entries.size(), decoded.fixes().size());
        for (int k = 0; k < entries.size(); k++) {
            JsonNode entry = entries.get(k);
            DeviceFix f = decoded.fixes().get(k);
            assertEquals("location", entry.get("_type").asText());
            assertEquals(0, f.fix().time().getNano(), "tst is whole seconds");
            DecoderContract.assertExactInteger(entry.get("tst"), f.fix().time().getEpochSecond(), "tst");
            DecoderContract.assertExactInteger(entry.get("batt"), f.battery() == null ? null : (long) f.battery(), "batt");
            assertEquals(entry.get("lat").asDouble(), f.reported().lat(), "lat");
            assertEquals(entry.get("lon").asDouble(), f.reported().lon(), "lon");
            assertEquals(entry.get("acc").asDouble(), f.fix().accuracyMeters(), "acc");
        }
    }
}
