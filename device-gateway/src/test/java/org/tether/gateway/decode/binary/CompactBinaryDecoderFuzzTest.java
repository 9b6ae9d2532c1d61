package org.tether.gateway.decode.binary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tether.gateway.decode.DecoderContract.CLOCK;
import static org.tether.gateway.decode.DecoderContract.LIMITS;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.tether.gateway.decode.DecodedFixes;
import org.tether.gateway.decode.DecoderContract;
import org.tether.gateway.decode.DeviceTopic;
import org.tether.gateway.decode.Rejection;

/**
 * Coverage-guided fuzzing of {@link CompactBinaryDecoder} with Jazzer (regression inputs under
 * {@code CompactBinaryDecoderFuzzTestInputs/fuzzDecode/}, each a frame as sent).
 *
 * <p>A fuzzer cannot guess a CRC-32, so each input is decoded twice: as it is (framing checks) and
 * with its last four bytes replaced by the CRC of the rest (record validation).
 */
class CompactBinaryDecoderFuzzTest {

    private static final DeviceTopic TOPIC = new DeviceTopic("BR-1", DeviceTopic.Channel.FIXES);
    private static final CompactBinaryDecoder DECODER = new CompactBinaryDecoder(LIMITS, CLOCK);
    /** What the format can carry: 65535 decimetres. */
    private static final double MAX_ACCURACY = 6553.5;

    @FuzzTest(maxDuration = "30s")
    void fuzzDecode(byte[] frame) {
        check(frame);
        if (frame.length >= CompactBinaryFormat.CRC_BYTES) {
            byte[] sealed = frame.clone();
            int body = sealed.length - CompactBinaryFormat.CRC_BYTES;
            ByteBuffer.wrap(sealed).putInt(body, (int) CompactBinaryEncoder.crc(sealed, body));
            check(sealed);
        }
    }

    private static void check(byte[] frame) {
        DecodedFixes decoded = DecoderContract.decodeOrRefuse(p -> DECODER.decode(TOPIC, p), frame);
        if (decoded == null) {
            return;
        }
        DecoderContract.checkFixes(TOPIC, decoded, MAX_ACCURACY);
        int records = (frame.length - CompactBinaryFormat.MIN_FRAME_BYTES) / CompactBinaryFormat.RECORD_BYTES;
        assertEquals(CompactBinaryFormat.frameBytes(records), frame.length, "only whole frames are decoded");
        assertEquals(records, decoded.fixes().size() + decoded.rejections().size());
        for (Rejection r : decoded.rejections()) {
            assertTrue(r.detail().startsWith("records["), r.detail());
            assertEquals(CompactBinaryFormat.RECORD_BYTES, r.payload().length);
            int i = Integer.parseInt(r.detail().substring("records[".length(), r.detail().indexOf(']')));
            int from = CompactBinaryFormat.HEADER_BYTES + i * CompactBinaryFormat.RECORD_BYTES;
            byte[] record = new byte[CompactBinaryFormat.RECORD_BYTES];
            System.arraycopy(frame, from, record, 0, record.length);
            assertArrayEquals(record, r.payload(), "a record's rejection carries that record");
        }
    }
}
