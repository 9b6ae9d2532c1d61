package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.RunningTether.Session;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestDevice;
import org.tether.server.support.TestOrg;

/**
 * The person page (#/persons/{id}) and its trail playback in headless Chromium, against the real server,
 * database and broker: a person with an EM order and a bracelet that reported 20 fixes over MQTT. The
 * page shows the masked ID number, the bracelet's battery, the order and the zone; opening the trail asks
 * for the purpose first (cancelling sends nothing), then draws the 20 positions with a slider and a play
 * button; the read is in the audit trail with that purpose — through the #/audit view and the API. An
 * officer of another office is told the person is not found. The page switches to English.
 */
class PersonTrailBrowserTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;
    private static final int FIXES = 20;

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;
    private static String personId;
    private static JsonObject person;
    private static String deviceId;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, ConsoleBrowser.SERVER_CONFIG);
        String zoneId = tether.inclusionCircle("县域活动范围", LON, LAT, 5000);
        var created = tether.post("/api/persons", new JsonObject().put("displayName", "轨迹测试对象")
                .put("caseType", "PAROLE").put("tier", "STRICT").put("idCardNumber", "11010519491231002X")
                .put("correctionStartsOn", LocalDate.now().minusMonths(3).toString())
                .put("correctionEndsOn", LocalDate.now().plusMonths(9).toString())
                .put("zoneIds", new JsonArray().add(zoneId)));
        assertEquals(201, created.statusCode(), created.bodyAsString());
        person = created.bodyAsJsonObject();
        personId = person.getString("id");
        tether.approveBraceletOrder(personId);
        deviceId = "BR-TRAIL-" + UUID.randomUUID().toString().substring(0, 6);
        var device = tether.post("/api/devices", new JsonObject().put("id", deviceId).put("kind", "BRACELET")
                .put("personId", personId));
        assertEquals(201, device.statusCode(), device.bodyAsString());
        // A walk north-east over the last two hours, well inside the zone (no alert).
        Instant t0 = Instant.now().minus(Duration.ofHours(2));
        try (TestDevice bracelet = new TestDevice(device.bodyAsJsonObject(), tether.mqttPort())) {
            for (int i = 0; i < FIXES; i++) {
                bracelet.sendFix(t0.plusSeconds(300L * i), LAT + i * 0.0004, LON + i * 0.0005, 8);
            }
        }
        Await.until("the fixes stored", Duration.ofSeconds(30),
                () -> db.count("SELECT count(*) FROM positions WHERE device_id = ?", deviceId) == FIXES);
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    void thePersonPageShowsProfileDeviceOrderAndZoneThenTheTrailIsReadForAPurposeThatTheAuditShows() {
        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        browser.go("#/persons/" + personId);
        assertEquals("轨迹测试对象", browser.text("[data-test='person-name']"));
        String masked = person.getString("idCardNumber");
        assertNotEquals("11010519491231002X", masked);
        assertEquals(masked, browser.text("[data-test='person-id-card']"), "the ID number exactly as the API masks it");
        assertTrue(browser.text("[data-test='person-profile']").contains("假释"));
        // The bracelet with its battery (from the fixes) and the order in force.
        WebElement device = browser.waitFor("[data-test='device-row']");
        assertTrue(device.getText().contains(deviceId), device.getText());
        assertEquals("80%", device.findElement(By.cssSelector("[data-test='device-battery']")).getText());
        assertEquals("执行中", browser.text("[data-test='em-state']"));
        assertTrue(browser.text("[data-test='person-zones']").contains("县域活动范围"));
        browser.waitFor("[data-test='person-map'] path.leaflet-interactive");
        browser.screenshot("person-page");

        long readsBefore = trailReads();
        // Cancelling the purpose dialog sends nothing.
        browser.click("[data-test='trail-open']");
        browser.waitFor("[data-test='trail-purpose-dialog']");
        browser.click("[data-test='trail-purpose-dialog-cancel']");
        browser.waitGone("[data-test='trail-purpose-dialog']");
        assertEquals(readsBefore, trailReads(), "no trail read without a purpose");

        // An empty purpose is not accepted by the form.
        browser.click("[data-test='trail-open']");
        browser.waitFor("[data-test='trail-purpose-dialog']");
        browser.click("[data-test='trail-purpose-dialog-submit']");
        assertTrue(browser.waitFor("[data-test='trail-purpose-dialog']").isDisplayed(), "still asking");
        assertEquals(readsBefore, trailReads());
        String purpose = "核查越界报警 " + UUID.randomUUID().toString().substring(0, 8);
        browser.type("[data-test='trail-purpose']", purpose);
        browser.screenshot("person-trail-purpose");
        browser.click("[data-test='trail-purpose-dialog-submit']");

        assertEquals(FIXES + " 个定位点", browser.text("[data-test='trail-count']"));
        browser.waitFor("path.vk-trail-line");
        WebElement slider = browser.waitFor("[data-test='trail-slider']");
        assertEquals(String.valueOf(FIXES - 1), slider.getAttribute("max"));
        String first = browser.text("[data-test='trail-time']");
        browser.click("[data-test='trail-play']");
        browser.waitForText("[data-test='trail-play']", "播放"); // back to "play" at the end
        assertEquals(String.valueOf(FIXES - 1), slider.getAttribute("value"));
        assertNotEquals(first, browser.text("[data-test='trail-time']"), "the head moved along the trail");
        browser.screenshot("person-trail-played");

        // Written to the audit trail with the purpose, in the same transaction as the read.
        assertEquals(readsBefore + 1, trailReads());
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'person.trail.read' AND target_id = ?"
                + " AND detail->>'purpose' = ? AND actor_username = ?", personId, purpose, TestOrg.OFFICER));

        // Through the API, as the county supervisor (officers do not read the audit trail).
        Session supervisor = tether.supervisor();
        JsonArray entries = supervisor.get("/api/audit?targetType=person&targetId=" + personId).bodyAsJsonObject()
                .getJsonArray("items");
        JsonObject entry = entries.stream().map(JsonObject.class::cast)
                .filter(e -> "person.trail.read".equals(e.getString("action"))).findFirst().orElse(null);
        assertNotNull(entry, entries.encodePrettily());
        assertEquals(purpose, entry.getJsonObject("detail").getString("purpose"));
        assertEquals(FIXES, entry.getJsonObject("detail").getInteger("points"));

        // An officer sees that the audit view is not theirs.
        browser.go("#/audit");
        browser.waitFor("[data-test='audit-forbidden']");

        // Through the #/audit view, as the county supervisor.
        browser.click("[data-test='logout']");
        browser.waitFor("[data-test='signin-form']");
        browser.signIn(TestOrg.SUPERVISOR, TestOrg.PASSWORD);
        browser.go("#/audit?targetType=person&targetId=" + personId);
        WebElement row = browser.waitFor("[data-test='audit-row'][data-action='person.trail.read']");
        assertTrue(row.getText().contains(TestOrg.OFFICER), row.getText());
        assertEquals("事由：" + purpose, row.findElement(By.cssSelector("[data-test='audit-purpose']")).getText());
        assertTrue(row.getText().contains("查看轨迹"));
        browser.screenshot("audit-trail-read");
        browser.click("[data-test='logout']");
        browser.waitFor("[data-test='signin-form']");
    }

    @Test
    void anOfficerOfAnotherOfficeIsToldThePersonIsNotFound() {
        String otherOffice = tether.office("JUSTICE_OFFICE", "另一司法所", tether.org().agencyId());
        tether.staff("trail-other-officer", "OFFICER", otherOffice);
        try (ConsoleBrowser other = ConsoleBrowser.start()) {
            other.open(tether, "#/signin").signIn("trail-other-officer", TestOrg.PASSWORD);
            other.go("#/persons/" + personId);
            other.waitFor("[data-test='person-not-found']");
            assertTrue(other.all("[data-test='trail-open']").isEmpty());
            other.go("#/persons");
            other.waitFor("[data-test='person-none']");
            other.screenshot("person-other-office");
        }
        assertEquals(0, db.count("SELECT count(*) FROM audit_log WHERE actor_username = 'trail-other-officer'"
                + " AND action = 'person.trail.read'"));
    }

    @Test
    void thePersonPageSwitchesToEnglish() {
        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        browser.go("#/persons");
        browser.waitFor("[data-test='person-link']").click();
        browser.waitForText("[data-test='person-profile'] h2", "基本信息");
        try {
            browser.click("[data-test='lang-en']");
            browser.waitForText("[data-test='person-profile'] h2", "Profile");
            assertTrue(browser.text("[data-test='person-profile']").contains("Parole"));
            assertEquals("Show trail", browser.text("[data-test='trail-open']"));
            assertEquals("In force", browser.text("[data-test='em-state']"));
            browser.screenshot("person-english");
        } finally {
            browser.click("[data-test='lang-zh']");
            browser.waitForText("[data-test='person-profile'] h2", "基本信息");
            browser.click("[data-test='logout']");
            browser.waitFor("[data-test='signin-form']");
        }
    }

    private static long trailReads() {
        return db.count("SELECT count(*) FROM audit_log WHERE action = 'person.trail.read' AND target_id = ?", personId);
    }
}
