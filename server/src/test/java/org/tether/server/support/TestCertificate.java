package org.tether.server.support;

import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate made at test time with the JDK's {@code keytool} (RSA 2048, names
 * 127.0.0.1 and localhost), as a PKCS#12 keystore and as PEM certificate + PKCS#8 key files, so a test
 * can run the server over HTTPS either way and trust exactly this certificate.
 */
public final class TestCertificate implements AutoCloseable {

    public static final String PASSWORD = "test-keystore-password";
    private static final String ALIAS = "tether";

    private final Path dir;
    private final Path keyStore;
    private final Path certificatePem;
    private final Path keyPem;
    private final Certificate certificate;

    private TestCertificate(Path dir, Path keyStore, Path certificatePem, Path keyPem, Certificate certificate) {
        this.dir = dir;
        this.keyStore = keyStore;
        this.certificatePem = certificatePem;
        this.keyPem = keyPem;
        this.certificate = certificate;
    }

    public static TestCertificate generate() {
        try {
            Path dir = Files.createTempDirectory("tether-tls");
            Path p12 = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "2", "-dname", "CN=127.0.0.1", "-ext",
                    "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", p12.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            Certificate cert = ks.getCertificate(ALIAS);
            Path certPem = dir.resolve("server.crt");
            Path keyPem = dir.resolve("server.key");
            Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", ks.getKey(ALIAS, PASSWORD.toCharArray()).getEncoded()));
            return new TestCertificate(dir, p12, certPem, keyPem, cert);
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("could not make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public Path keyStore() {
        return keyStore;
    }

    public Path certificatePem() {
        return certificatePem;
    }

    public Path keyPem() {
        return keyPem;
    }

    /** Server configuration: HTTPS from the PKCS#12 keystore. */
    public Map<String, String> keyStoreEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("TETHER_HTTP_TLS_ENABLED", "true");
        env.put("TETHER_HTTP_TLS_KEYSTOREFILE", keyStore.toString());
        env.put("TETHER_HTTP_TLS_KEYSTOREPASSWORD", PASSWORD);
        return env;
    }

    /** Server configuration: HTTPS from the PEM files. */
    public Map<String, String> pemEnv() {
        return Map.of("TETHER_HTTP_TLS_ENABLED", "true", "TETHER_HTTP_TLS_CERTIFICATEFILE", certificatePem.toString(),
                "TETHER_HTTP_TLS_KEYFILE", keyPem.toString());
    }

    /** A client context that trusts this certificate only. */
    public SSLContext sslContext() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** For Vert.x clients. */
    public PemTrustOptions trustOptions() {
        return new PemTrustOptions().addCertPath(certificatePem.toString());
    }

    @Override
    public void close() {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
