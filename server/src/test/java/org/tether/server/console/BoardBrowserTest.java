package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.tether.server.support.Await;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestOrg;

/**
 * The monthly board (#/board) in headless Chromium against the real server: last month is closed for the
 * test office with one education entry (良好) and one reprimand (不合格); the chart shows one bar per
 * person on the published board — the minor never — with the board's scores and grades; a month not
 * assessed says so; the xlsx export goes through the API (audited); the procuratorate log lists the
 * notification of a major event with its delivery state, and its filters work.
 */
class BoardBrowserTest {

    private static final YearMonth LAST_MONTH = YearMonth.now(ZoneId.of("Asia/Shanghai")).minusMonths(1);

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;
    private static JsonObject board;
    private static String zhang;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        Map<String, String> config = new HashMap<>(ConsoleBrowser.SERVER_CONFIG);
        config.put("TETHER_POINTS_AUTOCLOSE", "false");
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, config);
        zhang = person("张三", false);
        String li = person("李四", false);
        person("王五", true);
        created(tether.post("/api/persons/" + zhang + "/points", entry("EDUCATION").put("quantity", 2)));
        created(tether.post("/api/persons/" + li + "/points", entry("REPRIMAND")));
        String office = tether.org().officeId();
        var closed = tether.post("/api/offices/" + office + "/assessments/" + LAST_MONTH + "/close", new JsonObject());
        assertEquals(200, closed.statusCode(), closed.bodyAsString());
        board = tether.get("/api/offices/" + office + "/assessments/" + LAST_MONTH + "/board").bodyAsJsonObject();
        browser = ConsoleBrowser.start();
        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    void theBoardShowsABarPerPublishedPersonWithScoreAndGrade() {
        JsonArray rows = board.getJsonArray("rows");
        assertEquals(2, rows.size(), "the minor is never on the board: " + board.encodePrettily());
        browser.go("#/board");
        assertEquals(LAST_MONTH.toString(), browser.waitFor("[data-test='board-month']").getAttribute("value"));
        browser.waitFor("[data-test='board-chart']");
        List<WebElement> bars = browser.all("[data-test='board-bar']");
        assertEquals(2, bars.size());
        Map<String, String> shown = new HashMap<>();
        for (WebElement bar : bars) {
            shown.put(bar.getAttribute("data-name"), bar.getAttribute("data-score") + "/" + bar.getAttribute("data-grade"));
        }
        for (Object o : rows) {
            JsonObject r = (JsonObject) o;
            assertEquals(r.getInteger("score") + "/" + r.getString("grade"), shown.get(r.getString("name")), shown.toString());
        }
        assertTrue(shown.values().stream().anyMatch(v -> v.endsWith("/FAIL")), "the reprimand fails the month");
        assertTrue(shown.values().stream().anyMatch(v -> v.endsWith("/GOOD")));
        // The better score draws the longer bar.
        double good = width(bars, "GOOD");
        double fail = width(bars, "FAIL");
        assertTrue(good > fail, good + " vs " + fail);
        assertTrue(browser.all("[data-test='board-chart'] line.vk-chart-grid").size() >= 5, "the scale's grid is drawn");
        assertEquals("草稿（未审批）", browser.text("[data-test='board-status']"));
        browser.screenshot("board-chart");

        // The xlsx export goes through the API with the session's token (and is audited there).
        long exports = db.count("SELECT count(*) FROM audit_log WHERE action = 'assessment.board.export'");
        browser.click("[data-test='board-export-xlsx']");
        Await.until("the export audited", Duration.ofSeconds(10),
                () -> db.count("SELECT count(*) FROM audit_log WHERE action = 'assessment.board.export'") == exports + 1);
        assertFalse(browser.waitFor("[data-test='board-export-xlsx']").getAttribute("class").contains("vk-failed"));

        // A month nobody closed says so.
        browser.js("const m = document.querySelector(\"[data-test='board-month']\"); m.value = arguments[0];"
                + " m.dispatchEvent(new Event('change'));", LAST_MONTH.minusMonths(1).toString());
        assertTrue(browser.text("[data-test='board-not-closed']").contains("尚未完成月度考核"));
        assertTrue(browser.all("[data-test='board-bar']").isEmpty());
    }

    @Test
    void theBoardSwitchesToEnglish() {
        browser.go("#/board");
        browser.waitFor("[data-test='board-chart']");
        try {
            browser.click("[data-test='lang-en']");
            browser.waitForText("[data-test='board-page'] h1", "Monthly board");
            assertEquals("Draft (not approved)", browser.text("[data-test='board-status']"));
            assertTrue(browser.text("[data-test='board-chart']").contains("Fail"));
            browser.screenshot("board-english");
        } finally {
            browser.click("[data-test='lang-zh']");
            browser.waitForText("[data-test='board-page'] h1", "晴雨表");
        }
    }

    @Test
    void theProcuratorateLogListsTheNotificationWithItsDeliveryAndFilters() {
        var event = tether.post("/api/persons/" + zhang + "/major-events", new JsonObject().put("kind", "PLACE_CHANGE")
                .put("summary", "经批准变更执行地至邻县").put("occurredAt", java.time.Instant.now().minusSeconds(3600).toString()));
        assertEquals(201, event.statusCode(), event.bodyAsString());
        browser.go("#/map");
        browser.go("#/procuratorate");
        WebElement row = browser.waitFor("[data-test='notification-row'][data-kind='PLACE_CHANGE']");
        assertTrue(row.getText().contains("变更执行地"), row.getText());
        assertTrue(row.getText().contains("第27条"), row.getText());
        assertTrue(row.getText().contains("张三"), row.getText());
        // No endpoint is configured in tests: delivery is off, no attempt made.
        assertEquals("OFF", row.getAttribute("data-state"));
        assertEquals("未配置送达", row.findElement(org.openqa.selenium.By.cssSelector("[data-test='notification-state']")).getText());
        browser.screenshot("procuratorate-log");

        new org.openqa.selenium.support.ui.Select(browser.waitFor("[data-test='notification-kind']")).selectByValue("DEATH");
        browser.waitFor("[data-test='notification-none']");
        new org.openqa.selenium.support.ui.Select(browser.waitFor("[data-test='notification-kind']")).selectByValue("");
        browser.waitFor("[data-test='notification-row'][data-kind='PLACE_CHANGE']");
    }

    private static double width(List<WebElement> bars, String grade) {
        return bars.stream().filter(b -> grade.equals(b.getAttribute("data-grade"))).findFirst()
                .map(b -> Double.parseDouble(b.getAttribute("width"))).orElseThrow();
    }

    private static String person(String name, boolean minor) {
        return created(tether.post("/api/persons", new JsonObject().put("displayName", name).put("caseType", "PROBATION")
                .put("correctionStartsOn", LAST_MONTH.minusMonths(6).atDay(1).toString())
                .put("correctionEndsOn", LAST_MONTH.plusMonths(12).atDay(1).toString()).put("tier", "NORMAL")
                .put("minor", minor))).getString("id");
    }

    private static JsonObject entry(String kind) {
        return new JsonObject().put("kind", kind).put("occurredOn", LAST_MONTH.atDay(10).toString())
                .put("reason", "测试：" + kind).put("evidenceRef", "文书〔2026〕" + kind);
    }

    private static JsonObject created(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> r) {
        assertEquals(201, r.statusCode(), r.bodyAsString());
        return r.bodyAsJsonObject();
    }
}
