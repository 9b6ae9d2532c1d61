package org.tether.simulator.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Encodes fix batches as the UTF-8 JSON devices publish:
 * <pre>{"v":1,"deviceId":"BR-0001","fixes":[{"seq":17,"time":1764064800000,"lat":30.2741,...}]}</pre>
 * Thread-safe.
 */
public final class FixJson {

    private final ObjectWriter writer;

    public FixJson() {
        this(new ObjectMapper());
    }

    public FixJson(ObjectMapper mapper) {
        this.writer = mapper.writerFor(FixBatch.class);
    }

    public byte[] encode(FixBatch batch) {
        try {
            return writer.writeValueAsBytes(batch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode fix batch for " + batch.deviceId(), e);
        }
    }
}
