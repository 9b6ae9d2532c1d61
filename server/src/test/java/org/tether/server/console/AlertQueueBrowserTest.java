package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;
import org.tether.server.support.TestOrg;

/**
 * The live map and the alert queue in headless Chromium, on the real path: a bracelet publishes fixes
 * over MQTT to the embedded broker, the person leaves the inclusion zone while the page is open, and the
 * OUT_OF_AREA alert appears on the map (marker turns red, toast, live list) and in the queue without a
 * reload; its evidence is drawn on a map; the officer acknowledges and resolves it from the queue, which
 * the database then holds. An officer of another justice office sees neither the person nor the alert,
 * in the console or through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertQueueBrowserTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;
    private static String personId;
    private static JsonObject bracelet;
    private static long alertId;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        Map<String, String> config = new HashMap<>(ConsoleBrowser.SERVER_CONFIG);
        // Two outside fixes confirm a departure, no dwell time: the test needs no clock games.
        config.put("TETHER_GEOFENCE_INCLUSION_DWELLFIXES", "2");
        config.put("TETHER_GEOFENCE_INCLUSION_DWELLSECONDS", "0");
        config.put("TETHER_CONSOLE_POSITIONSPOLLSECONDS", "2");
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, config);
        browser = ConsoleBrowser.start();

        String zoneId = squareZone(0.02);
        var person = tether.post("/api/persons", new JsonObject().put("displayName", "张三")
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, person.statusCode(), person.bodyAsString());
        personId = person.bodyAsJsonObject().getString("id");
        tether.approveBraceletOrder(personId);
        var device = tether.post("/api/devices", new JsonObject().put("id", "BR-" + UUID.randomUUID().toString()
                .substring(0, 8)).put("kind", "BRACELET").put("personId", personId));
        assertEquals(201, device.statusCode(), device.bodyAsString());
        bracelet = device.bodyAsJsonObject();
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    @Order(1)
    void anAlertAppearsLiveOnTheMapAndInTheQueue() throws Exception {
        // One connection for all the fixes: a device's sequence numbers go on (a repeated one is a duplicate).
        try (TestDevice device = new TestDevice(bracelet, tether.mqttPort())) {
            anAlertAppearsLive(device);
        }
    }

    private void anAlertAppearsLive(TestDevice device) throws Exception {
        Instant t0 = Instant.now().minusSeconds(900);
        device.sendFix(t0, LAT, LON, 8);
        device.sendFix(t0.plusSeconds(10), LAT + 0.001, LON, 8);
        device.sendFix(t0.plusSeconds(20), LAT + 0.002, LON, 12);
        Await.until("the inside fixes stored", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM positions WHERE person_id = ?::uuid", personId) == 3);

        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        browser.go("#/map");
        String marker = "[data-test='person-marker'][data-person-id='" + personId + "']";
        browser.waitFor(marker + "[data-status='OK']");
        assertEquals("1", browser.text("[data-test='count-OK'] strong"));
        assertEquals("0", browser.text("[data-test='count-ALERT'] strong"));
        // The zone is drawn (an SVG path) and the blank background stands in for the tiles.
        assertEquals("off", browser.waitFor("[data-test='live-map']").getAttribute("data-tiles"));
        assertFalse(browser.all("[data-test='live-map'] path.leaflet-interactive").isEmpty(), "the zone is drawn");
        browser.click(marker);
        assertTrue(browser.text("[data-test='person-card']").contains("张三"));
        String insideFixTime = browser.waitFor(marker).getAttribute("data-fix-time");
        browser.screenshot("map-before-alert");

        // While the page is open: ten minutes later, far outside (2.2 km past the edge), at a plausible speed.
        browser.js("window.tetherTestNoReload = true;");
        device.sendFix(t0.plusSeconds(600), LAT + 0.04, LON, 8);
        device.sendFix(t0.plusSeconds(610), LAT + 0.041, LON, 8);
        device.sendFix(t0.plusSeconds(620), LAT + 0.042, LON, 8);
        browser.waitFor(marker + "[data-status='ALERT']", Duration.ofSeconds(30));
        browser.waitForText("[data-test='toast']", "越界");
        String live = browser.waitForText("[data-test='live-alert']", "越界").getText();
        assertTrue(live.contains("张三"), live);
        alertId = Long.parseLong(browser.waitFor("[data-test='live-alert']").getAttribute("data-alert-id"));
        assertEquals("OUT_OF_AREA", db.text("SELECT type FROM alerts WHERE id = ?", alertId));
        browser.waitForText("[data-test='count-ALERT'] strong", "1");
        // Polling positions?since= moves the marker to the newest fix (outside the zone).
        browser.waitForCount(marker + "[data-status='ALERT']:not([data-fix-time='" + insideFixTime + "'])", n -> n == 1);
        // All of it without a reload: the page's own state from before the fixes is still there.
        assertEquals(Boolean.TRUE, browser.js("return window.tetherTestNoReload === true;"));
        browser.screenshot("map-live-alert");

        // The queue lists it.
        browser.go("#/alerts");
        String row = "[data-test='alert-row'][data-alert-id='" + alertId + "']";
        browser.waitFor(row + "[data-state='OPEN']");
        assertTrue(browser.text(row).contains("张三"));
        assertTrue(browser.text(row).contains("越界"));
        browser.screenshot("queue-open-alert");
    }

    @Test
    @Order(2)
    void theEvidenceIsDrawnOnTheMapWhenTheAlertIsOpened() {
        browser.go("#/alerts");
        String row = "[data-test='alert-row'][data-alert-id='" + alertId + "']";
        browser.waitFor(row + " td:nth-child(2)").click();
        browser.waitFor("[data-test='alert-detail'][data-alert-id='" + alertId + "']");
        // The fixes the alert cites (as stored with it), each drawn with its accuracy circle, and the zone.
        long cited = db.count("SELECT cardinality(evidence_position_ids) FROM alerts WHERE id = ?", alertId);
        assertTrue(cited >= 2, "the alert cites the fixes that confirmed the departure: " + cited);
        browser.waitFor("[data-test='evidence-map'][data-fixes='" + cited + "'][data-zones='1']");
        assertEquals(cited, browser.waitForCount("[data-test='evidence-fix']", n -> n == cited));
        assertFalse(browser.text("[data-test='alert-rule']").endsWith("—"), "the rule is shown");
        browser.screenshot("alert-evidence");
    }

    @Test
    @Order(3)
    void acknowledgeAndResolveFromTheQueue() {
        browser.go("#/alerts");
        String row = "[data-test='alert-row'][data-alert-id='" + alertId + "']";
        browser.click(row + " [data-test='alert-acknowledge']");
        browser.waitFor(row + "[data-state='ACKNOWLEDGED']");
        Await.until("acknowledged in the database", Duration.ofSeconds(10),
                () -> "ACKNOWLEDGED".equals(db.text("SELECT state FROM alerts WHERE id = ?", alertId)));

        browser.click(row + " [data-test='alert-resolve']");
        browser.waitFor("[data-test='resolve-form']");
        new Select(browser.waitFor("[data-test='resolve-resolution']")).selectByValue("FALSE_ALARM");
        browser.click("[data-test='resolve-submit']");
        assertEquals("请填写处置说明。", browser.text("[data-test='resolve-error']"), "a note is required");
        browser.type("[data-test='resolve-note']", "电话核实：对象在医院就诊，已提交证明");
        browser.screenshot("queue-resolve-form");
        browser.click("[data-test='resolve-submit']");
        // Resolved alerts leave the default (not resolved) queue...
        browser.waitGone(row);
        Await.until("resolved in the database", Duration.ofSeconds(10),
                () -> "RESOLVED".equals(db.text("SELECT state FROM alerts WHERE id = ?", alertId)));
        assertEquals("FALSE_ALARM", db.text("SELECT resolution FROM alerts WHERE id = ?", alertId));
        assertEquals("电话核实：对象在医院就诊，已提交证明", db.text("SELECT resolution_note FROM alerts WHERE id = ?", alertId));
        JsonObject viaApi = tether.get("/api/alerts/" + alertId).bodyAsJsonObject();
        assertEquals("RESOLVED", viaApi.getString("state"));
        // ...and are found with the state filter.
        new Select(browser.waitFor("[data-test='filter-state']")).selectByValue("RESOLVED");
        browser.waitFor(row + "[data-state='RESOLVED']");
        new Select(browser.waitFor("[data-test='filter-type']")).selectByValue("TAMPER");
        browser.waitGone(row);
        new Select(browser.waitFor("[data-test='filter-type']")).selectByValue("OUT_OF_AREA");
        browser.waitFor(row);
        browser.screenshot("queue-resolved-filter");
        browser.click("[data-test='filter-reset']");
    }

    @Test
    @Order(4)
    void theQueueInEnglish() {
        browser.go("#/alerts");
        browser.waitFor("[data-test='alert-filters']");
        try {
            browser.click("[data-test='lang-en']");
            browser.waitForText("[data-test='view-alerts'] h1", "Alerts");
            assertEquals("Not resolved", new Select(browser.waitFor("[data-test='filter-state']"))
                    .getFirstSelectedOption().getText());
            assertEquals("Live map", browser.text("[data-test='nav-map']"));
            browser.screenshot("queue-english");
        } finally {
            browser.click("[data-test='lang-zh']");
            browser.waitForText("[data-test='nav-map']", "实时地图");
        }
    }

    @Test
    @Order(5)
    void anOfficerOfAnotherOfficeSeesNeitherThePersonNorTheAlert() {
        String otherOffice = tether.office("JUSTICE_OFFICE", "另一司法所", tether.org().agencyId());
        RunningTether.Session other = tether.staff("officer-other", "OFFICER", otherOffice);
        // Through the API: 404 as for something that does not exist, and nothing in the lists.
        assertEquals(404, other.get("/api/persons/" + personId).statusCode());
        assertEquals(404, other.get("/api/alerts/" + alertId).statusCode());
        assertEquals(0, other.get("/api/positions").bodyAsJsonObject().getJsonArray("items").size());
        assertEquals(0, other.get("/api/alerts?state=RESOLVED").bodyAsJsonObject().getJsonArray("items").size());

        browser.click("[data-test='logout']");
        browser.signIn("officer-other", TestOrg.PASSWORD);
        browser.go("#/map");
        browser.waitFor("[data-test='view-map'][data-ready='true']");
        assertEquals("0", browser.waitFor("[data-test='live-map']").getAttribute("data-persons"));
        assertTrue(browser.all("[data-test='person-marker']").isEmpty());
        browser.screenshot("other-office-map");

        browser.go("#/alerts");
        new Select(browser.waitFor("[data-test='filter-state']")).selectByValue("ALL");
        browser.waitFor("[data-test='alert-queue-empty']");
        assertTrue(browser.all("[data-test='alert-row']").isEmpty());
        browser.go("#/alerts/" + alertId);
        browser.waitForText("[data-test='alert-detail']", "没有这条告警");
        assertTrue(browser.driver().findElements(By.cssSelector("[data-test='evidence-map']")).isEmpty());
        browser.screenshot("other-office-alert");
    }

    private static String squareZone(double half) {
        JsonArray ring = new JsonArray()
                .add(new JsonArray().add(LON - half).add(LAT - half))
                .add(new JsonArray().add(LON + half).add(LAT - half))
                .add(new JsonArray().add(LON + half).add(LAT + half))
                .add(new JsonArray().add(LON - half).add(LAT + half))
                .add(new JsonArray().add(LON - half).add(LAT - half));
        var response = tether.post("/api/zones", new JsonObject().put("name", "测试区县").put("kind", "INCLUSION")
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring))));
        assertEquals(201, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject().getString("id");
    }
}
