package org.tether.server.procuratorate;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.server.config.TetherConfig.ProcuratorateConfig;

/**
 * Delivers the notification outbox to the procuratorate: claims due notifications, POSTs each (several
 * at once), logs every attempt and schedules the next one — exponential backoff with jitter after a
 * failure or a 408/429/5xx, {@code rejectedRetryMillis} after any other refusal — until a 2xx. Delivery
 * is at least once: a crash after the endpoint answered and before the outcome was recorded sends the
 * notification again once the claim expires, under the same idempotency key, which the endpoint dedups.
 */
public final class ProcuratorateSender extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(ProcuratorateSender.class);
    private static final int BATCH = 8;
    private static final double CLAIM_MARGIN_SECONDS = 5;

    private final NotificationOutbox outbox;
    private final ProcuratorateClient client;
    private final ProcuratorateConfig config;
    private final Backoff backoff;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private long timer = -1;
    private boolean running;

    public ProcuratorateSender(NotificationOutbox outbox, ProcuratorateClient client, ProcuratorateConfig config) {
        this.outbox = outbox;
        this.client = client;
        this.config = config;
        this.backoff = new Backoff(config.retryBaseMillis(), config.retryMaxMillis());
    }

    @Override
    public Future<?> start() {
        LOG.info("procuratorate delivery is on: notifications go to {}", config.url());
        return outbox.retryRejectedNow()
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("procuratorate: {} notification(s) refused earlier are tried again now", n);
                    }
                })
                .onSuccess(n -> timer = vertx.setPeriodic(config.pollMillis(), t -> round()));
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        client.close();
        return Future.succeededFuture();
    }

    private void round() {
        if (running) {
            return;
        }
        running = true;
        // The claim outlives the slowest attempt (its hard deadline) with room for recording the outcome:
        // nobody else sends the notification meanwhile. Claims are compared with the database's clock only.
        double claimSeconds = client.maxAttemptMillis() / 1000.0 + CLAIM_MARGIN_SECONDS;
        outbox.claim(BATCH, claimSeconds)
                .compose(claimed -> Future.join(claimed.stream().map(this::deliver).toList()))
                .onFailure(e -> LOG.warn("procuratorate outbox round failed: {}", e.getMessage()))
                .onComplete(ar -> running = false);
    }

    private Future<Void> deliver(NotificationOutbox.Claimed c) {
        return client.post(c).compose(attempt -> {
            DeliveryOutcome outcome = DeliveryOutcome.of(attempt.statusCode());
            long after = switch (outcome) {
                case DELIVERED -> 0;
                case RETRY -> backoff.delayMillis(c.attempt(), random);
                case REJECTED -> config.rejectedRetryMillis();
            };
            String what = attempt.statusCode() != null ? "HTTP " + attempt.statusCode() : attempt.error();
            switch (outcome) {
                case DELIVERED -> LOG.info("procuratorate notification {} delivered (attempt {}, {}, {} ms)", c.id(),
                        c.attempt(), what, attempt.durationMillis());
                case RETRY -> LOG.info("procuratorate notification {} not delivered (attempt {}, {}); retry in {} ms",
                        c.id(), c.attempt(), what, after);
                case REJECTED -> LOG.warn("procuratorate notification {} REFUSED by the endpoint (attempt {}, {}):"
                        + " check procuratorate.url and the shared secret; retry in {} ms", c.id(), c.attempt(), what, after);
            }
            return outbox.record(c, attempt, outcome, after);
        }).recover(e -> {
            // The outcome could not be stored (database down): the claim expires and the attempt is repeated.
            LOG.warn("procuratorate notification {}: recording the attempt failed: {}", c.id(), e.getMessage());
            return Future.succeededFuture();
        });
    }
}
