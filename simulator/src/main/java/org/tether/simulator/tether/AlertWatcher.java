package org.tether.simulator.tether;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows alert changes: listens on {@code GET /api/alerts/stream} (server-sent events), reconnecting
 * with back-off when the stream drops. Should the server not offer the stream (404/405/501), it
 * polls {@code GET /api/alerts} instead and reports new alerts and state changes.
 * Runs on its own daemon thread; {@link #close()} stops it.
 */
public final class AlertWatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertWatcher.class);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(3);

    private final TetherApi api;
    private final ObjectMapper json;
    private final Consumer<Alert> onAlert;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private final AtomicReference<InputStream> openStream = new AtomicReference<>();
    private final Thread thread;

    public AlertWatcher(TetherApi api, ObjectMapper json, Consumer<Alert> onAlert) {
        this.api = api;
        this.json = json;
        this.onAlert = onAlert;
        this.thread = new Thread(this::run, "alert-watcher");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Waits until the stream (or polling) is first established; false on timeout. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return firstConnect.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        stopped.countDown();
        InputStream in = openStream.getAndSet(null);
        if (in != null) {
            try {
                in.close(); // cancels the exchange and unblocks the reader
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    private void run() {
        SseParser parser = new SseParser();
        Duration backoff = MIN_BACKOFF;
        boolean warned = false;
        while (!isStopped()) {
            try {
                HttpResponse<InputStream> response = api.openAlertStream(parser.lastEventId());
                int status = response.statusCode();
                if (status == 404 || status == 405 || status == 501) {
                    response.body().close();
                    log.warn("The server has no alert stream ({}); polling {} instead", status, api.alertsUri());
                    poll();
                    return;
                }
                if (status != 200) {
                    String body = readAll(response.body());
                    throw new IOException("alert stream answered " + api.problemOf(status, body).describe());
                }
                if (warned) {
                    log.info("Alert stream reconnected");
                }
                warned = false;
                backoff = MIN_BACKOFF;
                firstConnect.countDown();
                readEvents(response.body(), parser);
                if (!isStopped()) {
                    throw new IOException("the server closed the alert stream");
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (isStopped()) {
                    return;
                }
                if (!warned) {
                    log.warn("Alert stream unavailable ({}); retrying", TetherApiException.describe(e));
                    warned = true;
                } else {
                    log.debug("Alert stream retry failed: {}", e.toString());
                }
            } catch (RuntimeException e) {
                log.warn("Alert stream failed unexpectedly; retrying", e);
            }
            if (sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private void readEvents(InputStream body, SseParser parser) throws IOException {
        parser.discardPending();
        openStream.set(body);
        if (isStopped()) {
            body.close();
            return;
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                parser.accept(line).ifPresent(this::handle);
            }
        } finally {
            openStream.set(null);
        }
    }

    private void handle(SseEvent event) {
        if (!event.event().equals("alert")) {
            log.debug("Ignoring '{}' event on the alert stream", event.event());
            return;
        }
        try {
            JsonNode node = json.readTree(event.data());
            onAlert.accept(AlertJson.parse(node));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("Unreadable alert event: {}", e.getMessage());
        }
    }

    /** Polling fallback: reports alerts that are new or whose state changed since the previous poll. */
    private void poll() {
        Map<String, String> seen = null;
        while (!isStopped()) {
            try {
                List<Alert> alerts = api.listAlerts();
                Map<String, String> now = new HashMap<>();
                for (Alert alert : alerts) {
                    String key = Optional.ofNullable(alert.id()).orElse(String.valueOf(alert.raw()));
                    now.put(key, alert.state() + "|" + alert.time());
                    if (seen != null && !now.get(key).equals(seen.get(key))) {
                        onAlert.accept(alert);
                    }
                }
                seen = now;
                firstConnect.countDown();
            } catch (TetherApiException e) {
                log.warn("Polling alerts failed: {}", e.getMessage());
            }
            if (sleep(POLL_INTERVAL)) {
                return;
            }
        }
    }

    /** Sleeps; true if asked to stop meanwhile. */
    private boolean sleep(Duration d) {
        try {
            return stopped.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static String readAll(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(4096);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
