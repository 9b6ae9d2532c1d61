package org.tether.server.ingest;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The ingest verticle's event loop and its {@link GroupCommitter}, for work that arrives on another
 * loop (the phone's HTTPS upload): such work is handed to the same committer as the MQTT messages,
 * so a person's fixes from both channels take turns in one lane, in arrival order.
 *
 * <p>{@link #bind} is called once, on the ingest context, when the verticle builds its pipeline;
 * {@link #submit} may be called from any thread and completes on the caller's context.
 */
public final class IngestLoop {

    private record Bound(Context context, GroupCommitter committer) {
    }

    private volatile Bound bound;

    /** The committer confined to the current (ingest) context. */
    public GroupCommitter bind(GroupCommitter committer) {
        Context context = Vertx.currentContext();
        if (context == null) {
            throw new IllegalStateException("bind on the ingest verticle's context");
        }
        bound = new Bound(context, committer);
        return committer;
    }

    /** Commits the batch in the ingest pipeline's group committer; fails when ingestion is not running. */
    public Future<CommittedBatch> submit(Object key, IngestBatch batch) {
        Bound b = bound;
        if (b == null) {
            return Future.failedFuture(new IllegalStateException("the ingest pipeline is not running"));
        }
        Context caller = Vertx.currentContext();
        Promise<CommittedBatch> answer = Promise.promise();
        b.context().runOnContext(v -> b.committer().submit(key, batch).onComplete(ar -> {
            // Back to the caller's loop: its continuation (writing an HTTP response) stays on its own thread.
            if (caller == null) {
                answer.handle(ar);
            } else {
                caller.runOnContext(x -> answer.handle(ar));
            }
        }));
        return answer.future();
    }
}
