package org.tether.server.watch;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.function.Function;

/** One statement at a time on a transaction's connection (a connection runs one query at a time anyway). */
final class Sequential {

    private Sequential() {
    }

    /** Applies {@code action} to each row in order; the result is the number of rows. */
    static Future<Integer> forEachRow(RowSet<Row> rows, Function<Row, Future<?>> action) {
        Future<?> chain = Future.succeededFuture();
        for (Row row : rows) {
            chain = chain.compose(v -> action.apply(row));
        }
        return chain.map(v -> rows.size());
    }
}
