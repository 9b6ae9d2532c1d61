package org.tether.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PerKeySequencerTest {

    @Test
    void tasksOfOneKeyRunInOrderEvenWhenTheFirstIsSlowerAndFails(Vertx vertx, VertxTestContext test) {
        vertx.runOnContext(v -> {
            PerKeySequencer<String> sequencer = new PerKeySequencer<>();
            List<String> log = new ArrayList<>();
            Promise<Void> slow = Promise.promise();
            Future<Void> first = sequencer.submit("a", () -> {
                log.add("a1 start");
                return slow.future().onComplete(x -> log.add("a1 end"));
            });
            Future<Void> second = sequencer.submit("a", () -> {
                log.add("a2 start");
                return Future.succeededFuture();
            });
            Future<Void> other = sequencer.submit("b", () -> {
                log.add("b1 start");
                return Future.succeededFuture();
            });
            // b is not held back by a; a2 waits for a1 even though a1 fails.
            vertx.setTimer(50, t -> slow.fail("boom"));
            Future.join(first, second, other).onComplete(ar -> test.verify(() -> {
                assertEquals(List.of("a1 start", "b1 start", "a1 end", "a2 start"), log);
                assertEquals(0, sequencer.pendingKeys(), "finished keys must not be retained");
                test.completeNow();
            }));
        });
    }
}
