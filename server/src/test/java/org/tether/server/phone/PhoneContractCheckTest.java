package org.tether.server.phone;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.tether.server.support.PhoneContract;

/** The checker every phone test's answers pass through must itself catch answers outside the contract. */
class PhoneContractCheckTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aDeclaredProblemPasses() {
        assertDoesNotThrow(() -> PhoneContract.get().check("POST", "/check-ins",
                answer(401, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"d\"}")));
    }

    @Test
    void anUndeclaredStatusFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PhoneContract.get().check("POST", "/check-ins", answer(418, PROBLEM, "{}")));
        assertTrue(e.getMessage().contains("status not declared"), e.getMessage());
    }

    @Test
    void aBodyOfTheWrongShapeFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PhoneContract.get().check("POST", "/check-ins", answer(401, PROBLEM, "{\"status\":\"x\"}")));
        assertTrue(e.getMessage().contains("#/status"), e.getMessage());
    }

    @Test
    void anUndeclaredMediaTypeOrPathFails() {
        assertThrows(AssertionError.class, () -> PhoneContract.get().check("POST", "/check-ins",
                answer(401, "text/html", "<p>no</p>")));
        assertThrows(AssertionError.class, () -> PhoneContract.get().check("GET", "/no-such-thing",
                answer(200, "application/json", "{}")));
    }

    private static HttpResponse<String> answer(int status, String contentType, String body) {
        return new HttpResponse<>() {
            @Override public int statusCode() { return status; }
            @Override public HttpRequest request() { return null; }
            @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
            @Override public HttpHeaders headers() {
                return HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (a, b) -> true);
            }
            @Override public String body() { return body; }
            @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
            @Override public URI uri() { return URI.create("http://127.0.0.1/phone/v1"); }
            @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }
}
