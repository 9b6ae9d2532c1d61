package org.tether.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void defaultsAreUsableAndStartTheEmbeddedBroker() {
        TetherConfig c = loader.load(Optional.empty(), Map.of());
        assertEquals(8080, c.http().port());
        assertTrue(c.mqtt().useEmbedded());
        assertEquals("127.0.0.1", c.mqtt().embedded().host());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/tether", c.database().jdbcUrl());
        TetherConfig secret = loader.load(Optional.empty(), Map.of("TETHER_DATABASE_PASSWORD", "s3cr3t"));
        assertFalse(secret.database().toString().contains("s3cr3t"), "password must not reach logs");
    }

    @Test
    void fileOverridesDefaultsAndEnvironmentOverridesFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tether.yaml");
        Files.writeString(file, "http:\n  port: 9000\ndatabase:\n  name: fromfile\n  poolSize: 3\n");
        TetherConfig c = loader.load(Optional.of(file), Map.of("TETHER_DATABASE_NAME", "fromenv",
                "TETHER_MQTT_URL", "tcp://broker.example:1999", "PATH", "/usr/bin"));
        assertEquals(9000, c.http().port());
        assertEquals(3, c.database().poolSize());
        assertEquals("fromenv", c.database().name());
        assertFalse(c.mqtt().useEmbedded());
        assertEquals(new MqttUrl("broker.example", 1999), MqttUrl.parse(c.mqtt().url()));
    }

    @Test
    void signInLockOutDefaultsToFiveFailuresAndFifteenMinutesAndMustBePositive() {
        TetherConfig c = loader.load(Optional.empty(), Map.of());
        assertEquals(5, c.staff().signIn().maxFailures());
        assertEquals(15, c.staff().signIn().lockMinutes());
        TetherConfig changed = loader.load(Optional.empty(), Map.of("TETHER_STAFF_SIGNIN_MAXFAILURES", "3",
                "TETHER_STAFF_SIGNIN_LOCKMINUTES", "60"));
        assertEquals(3, changed.staff().signIn().maxFailures());
        assertEquals(60, changed.staff().signIn().lockMinutes());
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.empty(),
                Map.of("TETHER_STAFF_SIGNIN_MAXFAILURES", "0")));
        assertTrue(e.getMessage().contains("staff.signIn.maxFailures"), e.getMessage());
        assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), Map.of("TETHER_STAFF_SIGNIN_LOCKMINUTES", "-1")));
    }

    @Test
    void camelCaseKeysAreReachableFromTheEnvironment() {
        TetherConfig c = loader.load(Optional.empty(), Map.of("TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "5",
                "TETHER_MQTT_EMBEDDED_DATAFOLDER", ""));
        assertEquals(5, c.geofence().inclusion().dwellSeconds());
        assertEquals("", c.mqtt().embedded().dataFolder());
    }

    @Test
    void procuratorateDeliveryNeedsHttpsAndALongSecretAndNeverPrintsIt() {
        TetherConfig off = loader.load(Optional.empty(), Map.of());
        assertFalse(off.procuratorate().deliveryOn(), "no url: delivery off");
        String secret = "0123456789abcdef0123456789abcdef-secret";
        TetherConfig on = loader.load(Optional.empty(), Map.of("TETHER_PROCURATORATE_URL", "https://jcy.example/notify",
                "TETHER_PROCURATORATE_SHAREDSECRET", secret));
        assertTrue(on.procuratorate().deliveryOn());
        assertFalse(on.procuratorate().toString().contains(secret), "the secret must not reach logs");
        ConfigException plain = assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), Map.of(
                "TETHER_PROCURATORATE_URL", "http://jcy.example/notify", "TETHER_PROCURATORATE_SHAREDSECRET", secret)));
        assertTrue(plain.getMessage().contains("procuratorate.url"), plain.getMessage());
        ConfigException shortSecret = assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), Map.of(
                "TETHER_PROCURATORATE_URL", "https://jcy.example/notify", "TETHER_PROCURATORATE_SHAREDSECRET", "short")));
        assertTrue(shortSecret.getMessage().contains("procuratorate.sharedSecret"), shortSecret.getMessage());
        ConfigException backoff = assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), Map.of(
                "TETHER_PROCURATORATE_RETRYMAXMILLIS", "10", "TETHER_PROCURATORATE_RETRYBASEMILLIS", "100")));
        assertTrue(backoff.getMessage().contains("procuratorate.retryMaxMillis"), backoff.getMessage());
    }

    @Test
    void unknownKeyInFileFailsNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tether.yaml");
        Files.writeString(file, "database:\n  hots: db.example\n");
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.of(file), Map.of()));
        assertTrue(e.getMessage().contains("database.hots"), e.getMessage());
    }

    @Test
    void unknownEnvironmentVariableFailsNamingIt() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_DATABASE_HOTS", "x")));
        assertTrue(e.getMessage().contains("TETHER_DATABASE_HOTS"), e.getMessage());
    }

    @Test
    void illTypedValueFailsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_HTTP_PORT", "eighty")));
        assertTrue(e.getMessage().contains("http.port"), e.getMessage());
    }

    @Test
    void outOfRangeValuesFailNamingTheKey() {
        ConfigException port = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_DATABASE_PORT", "70000")));
        assertTrue(port.getMessage().contains("database.port"), port.getMessage());
        ConfigException url = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_MQTT_URL", "http://broker:1883")));
        assertTrue(url.getMessage().contains("mqtt.url"), url.getMessage());
        ConfigException dwell = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_GEOFENCE_EXCLUSION_DWELLFIXES", "0")));
        assertTrue(dwell.getMessage().contains("geofence.exclusion.dwellFixes"), dwell.getMessage());
    }

    @Test
    void tlsIsOffByDefaultAndNeedsExactlyOneReadableKeySource(@TempDir Path dir) throws IOException {
        assertFalse(loader.load(Optional.empty(), Map.of()).http().tls().enabled());
        Path cert = Files.writeString(dir.resolve("server.crt"), "pem");
        Path key = Files.writeString(dir.resolve("server.key"), "pem");
        Path p12 = Files.writeString(dir.resolve("server.p12"), "p12");
        TetherConfig pem = loader.load(Optional.empty(), Map.of("TETHER_HTTP_TLS_ENABLED", "true",
                "TETHER_HTTP_TLS_CERTIFICATEFILE", cert.toString(), "TETHER_HTTP_TLS_KEYFILE", key.toString()));
        assertTrue(pem.http().tls().usesPem());
        TetherConfig store = loader.load(Optional.empty(), Map.of("TETHER_HTTP_TLS_ENABLED", "true",
                "TETHER_HTTP_TLS_KEYSTOREFILE", p12.toString(), "TETHER_HTTP_TLS_KEYSTOREPASSWORD", "secret-pw"));
        assertFalse(store.http().tls().usesPem());
        assertFalse(store.http().tls().toString().contains("secret-pw"), "password must not reach logs");

        assertTlsRefused(Map.of("TETHER_HTTP_TLS_ENABLED", "true"), "http.tls.certificateFile");
        assertTlsRefused(Map.of("TETHER_HTTP_TLS_ENABLED", "true", "TETHER_HTTP_TLS_CERTIFICATEFILE", cert.toString()),
                "http.tls.keyFile");
        assertTlsRefused(Map.of("TETHER_HTTP_TLS_ENABLED", "true", "TETHER_HTTP_TLS_CERTIFICATEFILE", cert.toString(),
                "TETHER_HTTP_TLS_KEYFILE", key.toString(), "TETHER_HTTP_TLS_KEYSTOREFILE", p12.toString()),
                "http.tls.keyStoreFile");
        assertTlsRefused(Map.of("TETHER_HTTP_TLS_ENABLED", "true", "TETHER_HTTP_TLS_KEYSTOREFILE",
                dir.resolve("missing.p12").toString()), "http.tls.keyStoreFile");
        assertTlsRefused(Map.of("TETHER_HTTP_TLS_CERTIFICATEFILE", cert.toString()), "http.tls.enabled");
    }

    private void assertTlsRefused(Map<String, String> env, String key) {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(Optional.empty(), env));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
    @Test
    void pointsRulesAreConfigurableAndChecked(@TempDir Path dir) throws IOException {
        TetherConfig c = loader.load(Optional.empty(), Map.of("TETHER_POINTS_ALERTPOINTS_TAMPER", "-30",
                "TETHER_POINTS_ENTRYPOINTS_REPRIMAND", "-25", "TETHER_POINTS_BOARD_NAMES", "FULL"));
        assertEquals(-30, c.points().alertPoints().get("TAMPER"));
        assertEquals(-25, c.points().entryPoints().get("REPRIMAND"));
        assertEquals(1, c.points().entryPoints().get("COMMUNITY_SERVICE"));
        assertEquals("FULL", c.points().board().names());
        assertEquals(100, c.points().baseScore());

        ConfigException thresholds = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_POINTS_PASSFROM", "95")));
        assertTrue(thresholds.getMessage().contains("points.passFrom"), thresholds.getMessage());
        ConfigException earning = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_POINTS_ALERTPOINTS_OUT_OF_AREA", "5")));
        assertTrue(earning.getMessage().contains("points.alertPoints.OUT_OF_AREA"), earning.getMessage());
        ConfigException sanction = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_POINTS_ENTRYPOINTS_WARNING", "10")));
        assertTrue(sanction.getMessage().contains("points.entryPoints.WARNING"), sanction.getMessage());
        ConfigException day = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_POINTS_CLOSEDAY", "31")));
        assertTrue(day.getMessage().contains("points.closeDay"), day.getMessage());
        ConfigException names = assertThrows(ConfigException.class,
                () -> loader.load(Optional.empty(), Map.of("TETHER_POINTS_BOARD_NAMES", "INITIALS")));
        assertTrue(names.getMessage().contains("points.board.names"), names.getMessage());
        // An alert type that does not exist is a typo, not a new rule.
        Path file = dir.resolve("tether.yaml");
        Files.writeString(file, "points:\n  alertPoints:\n    OUT_OF_ARAE: -10\n");
        ConfigException typo = assertThrows(ConfigException.class, () -> loader.load(Optional.of(file), Map.of()));
        assertTrue(typo.getMessage().contains("points.alertPoints.OUT_OF_ARAE"), typo.getMessage());
    }

}
