package org.tether.server.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds the configuration in three layers: the defaults shipped in the jar, an optional YAML file
 * with the same keys, then environment variables ({@code TETHER_} + the key path in upper case
 * joined by '_'). Unknown keys and ill-typed values fail with the key's name: a typo in a
 * supervision system's config must not silently fall back to a default.
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/tether-defaults.yaml";
    private static final String ENV_PREFIX = "TETHER_";
    /** Variables read by scripts, not by the server. */
    private static final List<String> NOT_CONFIG_KEYS = List.of("TETHER_CONFIG", "TETHER_PG_MAJOR");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public TetherConfig load(Optional<Path> file, Map<String, String> env) {
        ObjectNode tree = readDefaults();
        file.ifPresent(f -> merge(tree, readFile(f), ""));
        applyEnvironment(tree, env);
        TetherConfig config = bind(tree);
        validate(config);
        return config;
    }

    private ObjectNode readDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read built-in defaults " + DEFAULTS, e);
        }
    }

    private JsonNode readFile(Path file) {
        try {
            JsonNode node = yaml.readTree(Files.readAllBytes(file));
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": the configuration must be a YAML mapping");
            }
            return node;
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Overlays {@code source} on {@code target}; a key the defaults do not have is an error. */
    private static void merge(ObjectNode target, JsonNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            JsonNode existing = target.get(e.getKey());
            if (existing == null) {
                throw new ConfigException("unknown configuration key '" + key + "'");
            }
            if (existing.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new ConfigException("configuration key '" + key + "' must be a mapping");
                }
                merge((ObjectNode) existing, e.getValue(), key);
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode tree, Map<String, String> env) {
        List<String> leaves = new ArrayList<>();
        collectLeaves(tree, "", leaves);
        Map<String, String> envNames = leaves.stream().collect(Collectors.toMap(ConfigLoader::envName, k -> k));
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (!e.getKey().startsWith(ENV_PREFIX) || NOT_CONFIG_KEYS.contains(e.getKey())) {
                continue;
            }
            String key = envNames.get(e.getKey());
            if (key == null) {
                throw new ConfigException("environment variable " + e.getKey() + " names no configuration key");
            }
            set(tree, key, e.getValue());
        }
    }

    private static void collectLeaves(JsonNode node, String path, List<String> out) {
        node.fields().forEachRemaining(e -> {
            String key = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue().isObject()) {
                collectLeaves(e.getValue(), key, out);
            } else {
                out.add(key);
            }
        });
    }

    static String envName(String key) {
        return ENV_PREFIX + key.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    private static void set(ObjectNode tree, String key, String value) {
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        // A text node: Jackson coerces "8080" to the record's int and reports the key if it cannot.
        node.set(parts[parts.length - 1], TextNode.valueOf(value));
    }

    private TetherConfig bind(ObjectNode tree) {
        try {
            return yaml.treeToValue(tree, TetherConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown configuration key '" + path(e) + "'", e);
        } catch (InvalidFormatException e) {
            throw new ConfigException("configuration key '" + path(e) + "': '" + e.getValue()
                    + "' is not a valid " + e.getTargetType().getSimpleName(), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException("configuration key '" + path(e) + "': " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static void validate(TetherConfig c) {
        port("http.port", c.http().port(), true);
        tls(c.http().tls());
        port("database.port", c.database().port(), false);
        port("mqtt.embedded.port", c.mqtt().embedded().port(), false);
        positive("database.poolSize", c.database().poolSize());
        positive("database.maxWaitQueue", c.database().maxWaitQueue());
        positive("mqtt.receiveMaximum", c.mqtt().receiveMaximum());
        if (c.mqtt().credentialIterations() < 1000) {
            throw new ConfigException("configuration key 'mqtt.credentialIterations' must be at least 1000");
        }
        positive("ingest.commitLanes", c.ingest().commitLanes());
        positive("ingest.maxRowsPerCommit", c.ingest().maxRowsPerCommit());
        if (c.ingest().commitLanes() >= c.database().poolSize()) {
            throw new ConfigException("configuration key 'ingest.commitLanes' (" + c.ingest().commitLanes()
                    + ") must be below database.poolSize (" + c.database().poolSize() + "): the API needs connections too");
        }
        if (c.mqtt().receiveMaximum() > 65_535) {
            throw new ConfigException("configuration key 'mqtt.receiveMaximum' must be at most 65535");
        }
        if (c.mqtt().clientId() == null || c.mqtt().clientId().isBlank()) {
            throw new ConfigException("configuration key 'mqtt.clientId' must not be empty");
        }
        if (!c.mqtt().useEmbedded()) {
            MqttUrl.parse(c.mqtt().url());
        }
        if (c.staff().passwordIterations() < 1000) {
            throw new ConfigException("configuration key 'staff.passwordIterations' must be at least 1000");
        }
        positive("staff.sessionHours", c.staff().sessionHours());
        positive("staff.signIn.maxFailures", c.staff().signIn().maxFailures());
        positive("staff.signIn.lockMinutes", c.staff().signIn().lockMinutes());
        String admin = c.staff().adminPassword();
        if (admin != null && !admin.isEmpty() && admin.length() < 12) {
            throw new ConfigException("configuration key 'staff.adminPassword' must be at least 12 characters");
        }
        positive("geofence.inclusion.dwellFixes", c.geofence().inclusion().dwellFixes());
        positive("geofence.exclusion.dwellFixes", c.geofence().exclusion().dwellFixes());
        positive("geofence.home.dwellFixes", c.geofence().home().dwellFixes());
        if (!(c.geofence().maxSegmentMeters() >= 10)) {
            throw new ConfigException("configuration key 'geofence.maxSegmentMeters' must be at least 10");
        }
        if (!(c.geofence().maxSpeedMetersPerSecond() > 0)) {
            throw new ConfigException("configuration key 'geofence.maxSpeedMetersPerSecond' must be > 0");
        }
        TetherConfig.PhoneConfig ph = c.phone();
        positive("phone.enrolmentCodeSeconds", ph.enrolmentCodeSeconds());
        positive("phone.tokenSeconds", ph.tokenSeconds());
        positive("phone.enrolFailuresAllowed", ph.enrolFailuresAllowed());
        positive("phone.enrolFailureWindowSeconds", ph.enrolFailureWindowSeconds());
        positive("phone.freshFixSeconds", ph.freshFixSeconds());
        positive("phone.locationCheckAnswerSeconds", ph.locationCheckAnswerSeconds());
        positive("phone.reminderBeforeCloseSeconds", ph.reminderBeforeCloseSeconds());
        positive("phone.maxPhotoBytes", ph.maxPhotoBytes());
        TetherConfig.PushConfig pu = c.push();
        positive("push.pollMillis", pu.pollMillis());
        positive("push.maxAttempts", pu.maxAttempts());
        positive("push.retryBaseSeconds", pu.retryBaseSeconds());
        positive("push.timeoutMillis", pu.timeoutMillis());
        procuratorate(c.procuratorate());
        console(c.console());
        TetherConfig.AlertsConfig a = c.alerts();
        positive("alerts.watchIntervalSeconds", a.watchIntervalSeconds());
        positive("alerts.noSignalSeconds.strict", a.noSignalSeconds().strict());
        positive("alerts.noSignalSeconds.normal", a.noSignalSeconds().normal());
        positive("alerts.noSignalSeconds.lenient", a.noSignalSeconds().lenient());
        positive("alerts.abscondingNoContactSeconds", a.abscondingNoContactSeconds());
        positive("alerts.abscondingOutOfAreaSeconds", a.abscondingOutOfAreaSeconds());
        positive("alerts.leaveReturnGraceSeconds", a.leaveReturnGraceSeconds());
        positive("alerts.escalateAfterSeconds", a.escalateAfterSeconds());
        positive("alerts.separationSeconds", a.separationSeconds());
        if (a.batteryLowPercent() < 1 || a.batteryLowPercent() > 99) {
            throw new ConfigException("configuration key 'alerts.batteryLowPercent' must be from 1 to 99");
        }
        if (!(a.separationMeters() >= 10)) {
            throw new ConfigException("configuration key 'alerts.separationMeters' must be at least 10");
        }
        validateLeave(c.leave());
        validatePoints(c.points());
    }

    private static void validatePoints(TetherConfig.PointsConfig p) {
        if (p.passFrom() >= p.goodFrom()) {
            throw new ConfigException("configuration key 'points.passFrom' (" + p.passFrom()
                    + ") must be below points.goodFrom (" + p.goodFrom() + ")");
        }
        if (p.closeDay() < 1 || p.closeDay() > 28) {
            throw new ConfigException("configuration key 'points.closeDay' must be from 1 to 28, was " + p.closeDay());
        }
        for (org.tether.server.alert.AlertType t : org.tether.server.alert.AlertType.values()) {
            Integer v = p.alertPoints().get(t.name());
            if (v == null) {
                throw new ConfigException("configuration key 'points.alertPoints." + t.name() + "' is missing");
            }
            if (v > 0) {
                throw new ConfigException("configuration key 'points.alertPoints." + t.name()
                        + "' must be 0 or negative (a violation never earns points), was " + v);
            }
        }
        for (String kind : List.of("COMMUNITY_SERVICE", "EDUCATION", "COMMENDATION")) {
            Integer v = p.entryPoints().get(kind);
            if (v == null || v < 0) {
                throw new ConfigException("configuration key 'points.entryPoints." + kind + "' must be 0 or more");
            }
        }
        for (String kind : List.of("REPRIMAND", "WARNING", "PUBLIC_SECURITY_PENALTY")) {
            Integer v = p.entryPoints().get(kind);
            if (v == null || v > 0) {
                throw new ConfigException("configuration key 'points.entryPoints." + kind + "' must be 0 or negative");
            }
        }
        positive("points.proposals.failingMonthsForStrict", p.proposals().failingMonthsForStrict());
        positive("points.proposals.goodMonthsForLighter", p.proposals().goodMonthsForLighter());
        positive("points.proposals.reprimandsForWarning", p.proposals().reprimandsForWarning());
        positive("points.proposals.reprimandWindowDays", p.proposals().reprimandWindowDays());
        positive("points.proposals.lostContactDays", p.proposals().lostContactDays());
        if (!List.of("FULL", "MASKED").contains(p.board().names())) {
            throw new ConfigException("configuration key 'points.board.names' must be FULL or MASKED, was '"
                    + p.board().names() + "'");
        }
    }

    private static void validateLeave(TetherConfig.LeaveConfig l) {
        positive("leave.officerMaxDays", l.officerMaxDays());
        positive("leave.maxDays", l.maxDays());
        positive("leave.maxDaysPerYear", l.maxDaysPerYear());
        if (l.officerMaxDays() > l.maxDays()) {
            throw new ConfigException("configuration key 'leave.officerMaxDays' (" + l.officerMaxDays()
                    + ") must not exceed leave.maxDays (" + l.maxDays() + ")");
        }
        if (l.maxDays() > l.maxDaysPerYear()) {
            throw new ConfigException("configuration key 'leave.maxDays' (" + l.maxDays()
                    + ") must not exceed leave.maxDaysPerYear (" + l.maxDaysPerYear() + ")");
        }
        if (l.maxDaysPerYear() > 366) {
            throw new ConfigException("configuration key 'leave.maxDaysPerYear' must be at most 366");
        }
    }

    /** TLS on needs exactly one source of key material, readable now; TLS off must not look configured. */
    private static void tls(TetherConfig.TlsConfig t) {
        boolean cert = set(t.certificateFile());
        boolean key = set(t.keyFile());
        boolean store = set(t.keyStoreFile());
        if (!t.enabled()) {
            if (cert || key || store) {
                throw new ConfigException("configuration key 'http.tls.enabled' is false but "
                        + (store ? "'http.tls.keyStoreFile'" : cert ? "'http.tls.certificateFile'" : "'http.tls.keyFile'")
                        + " is set: turn TLS on, or remove the file setting");
            }
            return;
        }
        if (store && (cert || key)) {
            throw new ConfigException("configuration key 'http.tls.keyStoreFile' and 'http.tls.certificateFile'/"
                    + "'http.tls.keyFile' are both set: give either PEM files or a PKCS#12 keystore");
        }
        if (store) {
            readable("http.tls.keyStoreFile", t.keyStoreFile());
            return;
        }
        if (!cert) {
            throw new ConfigException("configuration key 'http.tls.certificateFile' (with 'http.tls.keyFile') or"
                    + " 'http.tls.keyStoreFile' is required when 'http.tls.enabled' is true");
        }
        if (!key) {
            throw new ConfigException("configuration key 'http.tls.keyFile' is required with 'http.tls.certificateFile'");
        }
        readable("http.tls.certificateFile", t.certificateFile());
        readable("http.tls.keyFile", t.keyFile());
    }

    private static boolean set(String value) {
        return value != null && !value.isBlank();
    }

    private static void readable(String key, String file) {
        if (!Files.isRegularFile(Path.of(file)) || !Files.isReadable(Path.of(file))) {
            throw new ConfigException("configuration key '" + key + "': " + file + " is not a readable file");
        }
    }

    private static void console(TetherConfig.ConsoleConfig c) {
        positive("console.positionsPollSeconds", c.positionsPollSeconds());
        if (c.tileMaxZoom() < 1 || c.tileMaxZoom() > 22 || c.zoom() < 1 || c.zoom() > c.tileMaxZoom()) {
            throw new ConfigException("configuration keys 'console.zoom' and 'console.tileMaxZoom' must be from 1 to 22,"
                    + " zoom at most tileMaxZoom");
        }
        if (Math.abs(c.centerLat()) > 90 || Math.abs(c.centerLon()) > 180) {
            throw new ConfigException("configuration keys 'console.centerLat'/'console.centerLon' must be a WGS-84 position");
        }
        String url = c.tileUrl() == null ? "" : c.tileUrl();
        if (!url.isEmpty() && !(url.startsWith("https://") || url.startsWith("http://")) || url.contains("'")
                || url.contains(" ") || url.contains(";")) {
            // The tile host goes into the console's Content-Security-Policy: it must be a plain URL.
            throw new ConfigException("configuration key 'console.tileUrl' must be empty or an http(s) URL template");
        }
    }

    private static void procuratorate(TetherConfig.ProcuratorateConfig p) {
        positive("procuratorate.pollMillis", p.pollMillis());
        positive("procuratorate.connectTimeoutMillis", p.connectTimeoutMillis());
        positive("procuratorate.timeoutMillis", p.timeoutMillis());
        positive("procuratorate.retryBaseMillis", p.retryBaseMillis());
        positive("procuratorate.rejectedRetryMillis", p.rejectedRetryMillis());
        positive("procuratorate.undeliveredAlertSeconds", p.undeliveredAlertSeconds());
        if (p.retryMaxMillis() < p.retryBaseMillis()) {
            throw new ConfigException("configuration key 'procuratorate.retryMaxMillis' must be at least"
                    + " procuratorate.retryBaseMillis (" + p.retryBaseMillis() + ")");
        }
        if (!p.deliveryOn()) {
            return;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(p.url());
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("configuration key 'procuratorate.url' is not a URL: " + e.getMessage(), e);
        }
        // Notifications name supervised persons: they never travel in clear.
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new ConfigException("configuration key 'procuratorate.url' must be an https:// URL with a host");
        }
        if (p.sharedSecret() == null || p.sharedSecret().length() < 32) {
            throw new ConfigException("configuration key 'procuratorate.sharedSecret' must be at least 32 characters"
                    + " when procuratorate.url is set (give it by TETHER_PROCURATORATE_SHAREDSECRET)");
        }
        if (p.trustCertFile() != null && !p.trustCertFile().isBlank()
                && !Files.isReadable(Path.of(p.trustCertFile()))) {
            throw new ConfigException("configuration key 'procuratorate.trustCertFile': cannot read " + p.trustCertFile());
        }
    }

    private static void port(String key, int port, boolean zeroAllowed) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65_535) {
            throw new ConfigException("configuration key '" + key + "' must be a TCP port, was " + port);
        }
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new ConfigException("configuration key '" + key + "' must be at least 1, was " + value);
        }
    }
}
