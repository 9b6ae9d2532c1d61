package org.tether.server.ingest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: batches from many messages are written in one transaction, so throughput does not
 * depend on one commit per message. Work is split into lanes by key (the person, or the device for
 * dead letters); each lane has at most one transaction in flight and takes everything that queued
 * up meanwhile into the next one. So one key's batches commit in arrival order, different lanes run
 * in parallel, and under load the batches grow by themselves — no timer adds latency when idle.
 *
 * <p>An outage is retried until it passes (the messages stay unacknowledged meanwhile: that is the
 * back-pressure). If the database refuses a group for its data, the group is retried one batch at a
 * time so only the offending batch fails.
 *
 * <p>Not thread-safe: use from the ingest event loop.
 */
public final class GroupCommitter {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final IngestStore store;
    private final Retry retry;
    private final Lane[] lanes;
    private final int maxRowsPerCommit;
    private final IngestMetrics metrics;

    public GroupCommitter(IngestStore store, Retry retry, int lanes, int maxRowsPerCommit, IngestMetrics metrics) {
        this.store = store;
        this.retry = retry;
        this.maxRowsPerCommit = maxRowsPerCommit;
        this.metrics = metrics;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane();
        }
    }

    /** @return what the batch came to (the alerts it changed, its classified fixes), once it is durably committed */
    public Future<CommittedBatch> submit(Object key, IngestBatch batch) {
        Promise<CommittedBatch> promise = Promise.promise();
        Lane lane = lanes[Math.floorMod(key == null ? 0 : key.hashCode(), lanes.length)];
        lane.queue.add(new Pending(batch, promise));
        if (!lane.busy) {
            flush(lane);
        }
        return promise.future();
    }

    /** Batches waiting or in flight, for the metrics. */
    public int backlog() {
        int n = 0;
        for (Lane lane : lanes) {
            n += lane.queue.size() + lane.inFlight;
        }
        return n;
    }

    private void flush(Lane lane) {
        List<Pending> group = new ArrayList<>();
        int rows = 0;
        while (!lane.queue.isEmpty() && (group.isEmpty() || rows + lane.queue.peek().batch.size() <= maxRowsPerCommit)) {
            Pending p = lane.queue.poll();
            rows += p.batch.size();
            group.add(p);
        }
        if (group.isEmpty()) {
            return;
        }
        lane.busy = true;
        lane.inFlight = group.size();
        metrics.commitBatch(group.size(), rows);
        List<IngestBatch> batches = group.stream().map(Pending::batch).toList();
        retry.untilSuccess("committing " + group.size() + " ingest batches", () -> store.commit(batches))
                .onSuccess(results -> {
                    for (int i = 0; i < group.size(); i++) {
                        group.get(i).promise.complete(results.get(i));
                    }
                    next(lane);
                })
                .onFailure(e -> {
                    if (group.size() == 1) {
                        group.get(0).promise.fail(e);
                        next(lane);
                    } else {
                        LOG.warn("a group of {} batches was refused ({}); committing them one by one", group.size(),
                                e.getMessage());
                        oneByOne(lane, group, 0);
                    }
                });
    }

    private void oneByOne(Lane lane, List<Pending> group, int index) {
        if (index == group.size()) {
            next(lane);
            return;
        }
        Pending p = group.get(index);
        retry.untilSuccess("committing an ingest batch", () -> store.commit(List.of(p.batch)))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        p.promise.complete(ar.result().get(0));
                    } else {
                        p.promise.fail(ar.cause());
                    }
                    oneByOne(lane, group, index + 1);
                });
    }

    private void next(Lane lane) {
        lane.busy = false;
        lane.inFlight = 0;
        flush(lane);
    }

    private record Pending(IngestBatch batch, Promise<CommittedBatch> promise) {
    }

    private static final class Lane {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean busy;
        private int inFlight;
    }
}
