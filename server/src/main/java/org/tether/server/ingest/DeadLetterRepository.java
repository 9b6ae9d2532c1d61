package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Writes dead letters; within the caller's transaction when given one. */
public final class DeadLetterRepository {

    private static final String INSERT = "INSERT INTO dead_letters (received_at, channel, topic, device_id, reason, detail, payload)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7)";

    public Future<Void> store(SqlClient client, List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = new ArrayList<>(letters.size());
        for (DeadLetter d : letters) {
            rows.add(Tuple.of(d.receivedAt().atOffset(ZoneOffset.UTC), d.channel(), d.topic(), d.deviceId(),
                    d.rejection().reason().code(), d.rejection().detail(), Buffer.buffer(d.rejection().payload())));
        }
        return client.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
    }
}
