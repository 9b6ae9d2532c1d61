package org.tether.gateway.decode;

import static org.tether.gateway.decode.DecoderContract.CLOCK;
import static org.tether.gateway.decode.DecoderContract.LIMITS;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Coverage-guided fuzzing of {@link JsonFixDecoder} with Jazzer. Without {@code JAZZER_FUZZ} this runs
 * as a regression test on the empty input and the files under
 * {@code src/test/resources/org/tether/gateway/decode/JsonFixDecoderFuzzTestInputs/fuzzDecode/} (seeds
 * and past findings); with {@code JAZZER_FUZZ=1} it fuzzes for {@code maxDuration}.
 */
class JsonFixDecoderFuzzTest {

    private static final DeviceTopic TOPIC = new DeviceTopic("BR-1", DeviceTopic.Channel.FIXES);
    private static final JsonFixDecoder DECODER = new JsonFixDecoder(LIMITS, CLOCK);

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"v\"", "\"deviceId\"", "\"fixes\"", "\"time\"", "\"lat\"", "\"lon\"", "\"accuracy\"",
        "\"crs\"", "\"source\"", "\"seq\"", "\"speed\"", "\"heading\"", "\"altitude\"", "\"battery\"",
        "\"charging\"", "\"BR-1\"", "\"WGS84\"", "\"GCJ02\"", "\"BD09\"", "\"CGCS2000\"", "\"GNSS\"", "\"WIFI\"",
        "\"CELL\"", "1764064800000", "946684800000", "1e400", "-0.0", "18446744073709551617", "null", "true"})
    void fuzzDecode(byte[] payload) {
        DecodedFixes decoded = DecoderContract.decodeOrRefuse(p -> DECODER.decode(TOPIC, p), payload);
        if (decoded == null) {
            return;
        }
        DecoderContract.checkFixes(TOPIC, decoded, FixValidation.MAX_ACCURACY_METERS);
        // every accepted fix carries exactly the values of its entry
        JsonNode fixes = DecoderContract.strictJson(payload).get("fixes");
        List<JsonNode> entries = DecoderContract.acceptedEntries(fixes, "fixes", decoded.rejections(), decoded.fixes().size());
        for (int k = 0; k < entries.size(); k++) {
            JsonNode entry = entries.get(k);
            DeviceFix f = decoded.fixes().get(k);
            DecoderContract.assertExactInteger(entry.get("time"), f.fix().time().toEpochMilli(), "time");
            DecoderContract.assertExactInteger(entry.get("seq"), f.seq(), "seq");
            DecoderContract.assertExactInteger(entry.get("battery"), f.battery() == null ? null : (long) f.battery(), "battery");
            assertEquals(entry.get("lat").asDouble(), f.reported().lat(), "lat");
            assertEquals(entry.get("lon").asDouble(), f.reported().lon(), "lon");
            assertEquals(entry.get("accuracy").asDouble(), f.fix().accuracyMeters(), "accuracy");
        }
    }
}
