package org.tether.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.PhoneClient;
import org.tether.server.support.RunningTether;
import org.tether.server.support.StaffClient;
import org.tether.server.support.TestCertificate;
import org.tether.server.support.TestDatabase;

/**
 * The HTTP listener with TLS from PEM files (the PKCS#12 keystore is what {@code FixUploadTest} runs on),
 * and a start that fails, naming the configuration, when the key material cannot be used.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpsListenerTest {

    private TestDatabase db;
    private TestCertificate certificate;

    @BeforeAll
    void create() {
        db = TestDatabase.create();
        certificate = TestCertificate.generate();
    }

    @AfterAll
    void drop() {
        certificate.close();
        db.drop();
    }

    @Test
    void pemCertificateAndKeyServeTheStaffAndPhoneApisOverHttps() {
        try (RunningTether tether = RunningTether.startTls(db, BrokerKind.MOSQUITTO, certificate.pemEnv(), certificate)) {
            assertTrue(tether.target().base().startsWith("https://"));
            assertEquals(200, tether.get("/health").statusCode());
            HttpResponse<String> staff = StaffClient.signIn(tether.target(), "test-officer", "test-staff-password")
                    .send("GET", "/api/persons", null);
            assertEquals(200, staff.statusCode(), staff.body());
            assertEquals(401, new PhoneClient(tether.target(), null).send("GET", "/location-checks", null).statusCode());
        }
    }

    @Test
    void aWrongKeystorePasswordFailsTheStartNamingTheConfiguration() {
        Map<String, String> env = new HashMap<>(certificate.keyStoreEnv());
        env.put("TETHER_HTTP_TLS_KEYSTOREPASSWORD", "not-the-password");
        AssertionError e = assertThrows(AssertionError.class,
                () -> RunningTether.startTls(db, BrokerKind.MOSQUITTO, env, certificate).close());
        assertTrue(causes(e).contains("http.tls"), causes(e));
    }

    private static String causes(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append(" / ");
        }
        return sb.toString();
    }
}
