package org.tether.server.push;

import com.google.api.client.json.gson.GsonFactory;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tether.server.config.TetherConfig.PushConfig;

/**
 * The Firebase app this server pushes through, or none: without a service-account file push is off,
 * and the server says so at start. Each server gets its own named {@link FirebaseApp} (several may run
 * in one JVM in tests), deleted by {@link #close()}. JSON goes through Gson (any JsonFactory the SDK
 * has on its classpath would do).
 */
public final class FirebasePush implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FirebasePush.class);

    private final FirebaseApp app;
    private final PushSender sender;

    private FirebasePush(FirebaseApp app, PushSender sender) {
        this.app = app;
        this.sender = sender;
    }

    /**
     * Blocking (reads the credentials file): call on a worker thread.
     *
     * @param options given options (tests: a local FCM stand-in), else built from {@code config}
     */
    public static FirebasePush start(PushConfig config, Optional<FirebaseOptions> options) throws IOException {
        Optional<FirebaseOptions> effective = options.isPresent() ? options : fromServiceAccount(config);
        if (effective.isEmpty()) {
            LOG.warn("push is OFF: no push.serviceAccountFile (TETHER_PUSH_SERVICEACCOUNTFILE) is configured;"
                    + " reminders and location-check requests are recorded as not delivered");
            return new FirebasePush(null, null);
        }
        FirebaseApp app = FirebaseApp.initializeApp(effective.get(), "tether-" + UUID.randomUUID());
        LOG.info("push is on: FCM project {}", app.getOptions().getProjectId());
        return new FirebasePush(app, new FcmPushSender(FirebaseMessaging.getInstance(app)));
    }

    private static Optional<FirebaseOptions> fromServiceAccount(PushConfig config) throws IOException {
        String file = config.serviceAccountFile();
        if (file == null || file.isBlank()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return Optional.of(FirebaseOptions.builder().setCredentials(GoogleCredentials.fromStream(in))
                    .setJsonFactory(GsonFactory.getDefaultInstance())
                    .setConnectTimeout(config.timeoutMillis()).setReadTimeout(config.timeoutMillis()).build());
        } catch (IOException e) {
            throw new IOException("push.serviceAccountFile '" + file + "' cannot be read as a Firebase service account: "
                    + e.getMessage(), e);
        }
    }

    /** Empty when push is off. */
    public Optional<PushSender> sender() {
        return Optional.ofNullable(sender);
    }

    @Override
    public void close() {
        if (app != null) {
            app.delete();
        }
    }
}
