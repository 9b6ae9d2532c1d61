package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestOrg;

/**
 * The console's shell in headless Chromium: it is served with a strict Content-Security-Policy and its
 * vendor files from the WebJars; a wrong password is shown as an error; signing in shows the navigation
 * and the user; signing out revokes the token; the language switch turns the labels into English and
 * is remembered across a reload.
 */
class SignInBrowserTest {

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, ConsoleBrowser.SERVER_CONFIG);
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    void consoleFilesAreServedWithAStrictPolicyAndTheVendorFilesFromTheWebJars() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(302, root.statusCode());
        assertEquals("/console/", root.headers().firstValue("Location").orElse(null));

        HttpResponse<String> index = get("/console/");
        assertEquals(200, index.statusCode());
        String csp = index.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertFalse(index.body().contains("<script>"), "no inline script in index.html");

        for (String vendor : new String[] {"/console/vendor/leaflet/leaflet.js", "/console/vendor/leaflet/leaflet.css",
                "/console/vendor/markercluster/leaflet.markercluster.js",
                "/console/vendor/leaflet-draw/leaflet.draw.js", "/console/vendor/leaflet/images/marker-icon.png"}) {
            assertEquals(200, get(vendor).statusCode(), vendor);
        }
        HttpResponse<String> config = get("/console/config.json");
        assertEquals(200, config.statusCode());
        JsonObject json = new JsonObject(config.body());
        assertEquals("", json.getString("tileUrl"), "tests run without tiles");
        assertEquals(2, json.getJsonArray("center").size());
        assertTrue(json.getInteger("positionsPollSeconds") > 0);
        assertEquals(404, get("/console/js/views/no-such-view.js").statusCode());
    }

    @Test
    void wrongPasswordIsShownThenSignInAndOutWork() throws Exception {
        browser.open(tether, "#/signin");
        browser.type("[data-test='signin-username']", TestOrg.OFFICER);
        browser.type("[data-test='signin-password']", "not-the-password");
        browser.click("[data-test='signin-submit']");
        String error = browser.waitForText("[data-test='signin-error']", "错误").getText();
        assertEquals("用户名或密码错误。", error);
        browser.screenshot("signin-wrong-password");

        browser.signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        assertTrue(browser.text("[data-test='who']").startsWith(TestOrg.OFFICER));
        assertEquals("实时地图", browser.text("[data-test='nav-map']"));
        browser.waitFor("[data-test='view-map']");
        browser.screenshot("signin-signed-in");
        String token = browser.token();
        assertNotNull(token);
        assertEquals(200, get("/api/session", token).statusCode());

        browser.click("[data-test='logout']");
        browser.waitFor("[data-test='signin-form']");
        assertEquals(null, browser.token());
        assertEquals(401, get("/api/session", token).statusCode(), "signing out revokes the token");
        // A route behind the sign-in sends back to the form.
        browser.go("#/alerts");
        browser.waitFor("[data-test='signin-form']");
        assertTrue(browser.severeLogEntries().stream().noneMatch(m -> m.contains("Content Security Policy")),
                "no CSP violations");
    }

    @Test
    void languageSwitchShowsEnglishLabelsAndIsRemembered() {
        browser.open(tether, "#/signin");
        browser.signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        try {
            browser.click("[data-test='lang-en']");
            browser.waitForText("[data-test='nav-map']", "Live map");
            assertEquals("Alerts", browser.text("[data-test='nav-alerts']"));
            assertEquals("Sign out", browser.text("[data-test='logout']"));
            assertEquals("en", browser.js("return document.documentElement.lang;"));
            browser.screenshot("language-english");
            browser.driver().navigate().refresh();
            browser.waitFor("body[data-ready='true']");
            assertEquals("Live map", browser.text("[data-test='nav-map']"), "the choice survives a reload");
            browser.click("[data-test='lang-zh']");
            browser.waitForText("[data-test='nav-map']", "实时地图");
        } finally {
            browser.js("localStorage.removeItem('tether.lang');");
            browser.click("[data-test='logout']");
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return get(path, null);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(tether.target().base() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
