package org.tether.server.push;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.server.config.TetherConfig.PushConfig;

/**
 * Delivers the outbox: claims due messages, sends each on a worker thread (the SDK blocks), and records
 * the outcome — SENT; transient failures retried with exponential backoff up to {@code maxAttempts};
 * UNREGISTERED drops the phone's token; anything else, no token, or push off is FAILED ("not
 * delivered" in the officer's view). Delivery is at least once: a crash between FCM's answer and the
 * update sends that message again after the claim expires.
 */
public final class PushDispatcher extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    private static final int BATCH = 16;

    private final PushOutbox outbox;
    private final Optional<PushSender> sender;
    private final PushConfig config;
    private long timer = -1;
    private boolean running;

    public PushDispatcher(PushOutbox outbox, Optional<PushSender> sender, PushConfig config) {
        this.outbox = outbox;
        this.sender = sender;
        this.config = config;
    }

    @Override
    public Future<?> start() {
        timer = vertx.setPeriodic(config.pollMillis(), t -> round());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    private void round() {
        if (running) {
            return;
        }
        running = true;
        // A claim outlives the slowest send (the SDK's own retries included) with room to spare.
        long claimSeconds = Math.max(60, 6L * config.timeoutMillis() / 1000 + 30);
        outbox.claim(BATCH, claimSeconds)
                .compose(claimed -> Future.join(claimed.stream().map(this::deliver).toList()))
                .onFailure(e -> LOG.warn("push outbox round failed: {}", e.getMessage()))
                .onComplete(ar -> running = false);
    }

    private Future<Void> deliver(PushOutbox.Claimed c) {
        if (sender.isEmpty()) {
            return outbox.failed(c.id(), c.deviceId(), "PUSH_OFF: push is not configured on the server");
        }
        if (c.token() == null) {
            return outbox.failed(c.id(), c.deviceId(), c.enrolmentId() == null
                    ? "NO_PHONE: the person has no enrolled phone" : "NO_PUSH_TOKEN: the phone has registered no push token");
        }
        PushSender s = sender.get();
        return vertx.executeBlocking(() -> s.send(c.token(), c.message()), false)
                .recover(e -> Future.succeededFuture(new PushOutcome.Transient(String.valueOf(e.getMessage()))))
                .compose(outcome -> record(c, outcome));
    }

    private Future<Void> record(PushOutbox.Claimed c, PushOutcome outcome) {
        if (outcome instanceof PushOutcome.Sent s) {
            return outbox.sent(c.id(), c.deviceId(), s.messageId());
        }
        if (outcome instanceof PushOutcome.Unregistered u) {
            LOG.info("push {}: FCM says the token of device {} is unregistered; token removed", c.id(), c.deviceId());
            return outbox.dropToken(c.enrolmentId(), c.token())
                    .compose(v -> outbox.failed(c.id(), c.deviceId(), "UNREGISTERED: " + u.detail()));
        }
        if (outcome instanceof PushOutcome.Transient t && c.attempts() < config.maxAttempts()) {
            long backoff = config.retryBaseSeconds() << Math.min(c.attempts() - 1, 16);
            LOG.info("push {}: transient failure (attempt {}), retry in {} s: {}", c.id(), c.attempts(), backoff,
                    t.detail());
            return outbox.retryLater(c.id(), c.deviceId(), backoff, "RETRYING: " + t.detail());
        }
        if (outcome instanceof PushOutcome.Transient t) {
            return outbox.failed(c.id(), c.deviceId(), "GAVE_UP after " + c.attempts() + " attempts: " + t.detail());
        }
        return outbox.failed(c.id(), c.deviceId(), ((PushOutcome.Permanent) outcome).detail());
    }
}
