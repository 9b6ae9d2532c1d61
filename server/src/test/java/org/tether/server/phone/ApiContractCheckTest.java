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
import org.tether.server.support.ApiContract;

/** The checkers every phone and staff test's answers pass through must itself catch answers outside the contract. */
class ApiContractCheckTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aDeclaredProblemPasses() {
        assertDoesNotThrow(() -> ApiContract.phone().check("POST", "/check-ins",
                answer(401, PROBLEM, "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"d\"}")));
    }

    @Test
    void anUndeclaredStatusFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ApiContract.phone().check("POST", "/check-ins", answer(418, PROBLEM, "{}")));
        assertTrue(e.getMessage().contains("status not declared"), e.getMessage());
    }

    @Test
    void aBodyOfTheWrongShapeFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> ApiContract.phone().check("POST", "/check-ins", answer(401, PROBLEM, "{\"status\":\"x\"}")));
        assertTrue(e.getMessage().contains("#/status"), e.getMessage());
    }

    @Test
    void anUndeclaredMediaTypeOrPathFails() {
        assertThrows(AssertionError.class, () -> ApiContract.phone().check("POST", "/check-ins",
                answer(401, "text/html", "<p>no</p>")));
        assertThrows(AssertionError.class, () -> ApiContract.phone().check("GET", "/no-such-thing",
                answer(200, "application/json", "{}")));
    }

    @Test
    void theStaffContractChecksStaffAnswers() {
        String alert = "{\"id\":1,\"personId\":\"fe8134b6-5f8a-4271-ab37-523177d80cec\",\"type\":\"OUT_OF_AREA\","
                + "\"severity\":\"HIGH\",\"state\":\"OPEN\",\"firstSeen\":\"2026-11-05T02:00:00Z\","
                + "\"lastSeen\":\"2026-11-05T02:00:00Z\",\"rule\":\"r\"}";
        assertDoesNotThrow(() -> ApiContract.staff().check("POST", "/api/alerts/1/acknowledge",
                answer(200, "application/json", alert)));
        AssertionError wrongShape = assertThrows(AssertionError.class, () -> ApiContract.staff().check("POST",
                "/api/alerts/1/acknowledge", answer(200, "application/json", alert.replace("\"HIGH\"", "\"SEVERE\""))));
        assertTrue(wrongShape.getMessage().contains("#/severity"), wrongShape.getMessage());
        assertThrows(AssertionError.class, () -> ApiContract.staff().check("POST", "/api/alerts/1/acknowledge",
                answer(418, PROBLEM, "{}")));
    }

    @Test
    void aMissingTokenIsDeclaredOnceForEveryOperationThatNeedsOne() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"d\"}";
        assertDoesNotThrow(() -> ApiContract.staff().check("GET", "/api/zones", answer(401, PROBLEM, problem)));
        // /health needs no token, so a 401 there is not what the contract says.
        assertThrows(AssertionError.class, () -> ApiContract.staff().check("GET", "/health", answer(401, PROBLEM, problem)));
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
