package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;
import org.tether.server.support.TestOrg;

/**
 * The zone editor (#/zones) in headless Chromium against the real server and database: an officer draws
 * a polygon with Leaflet.draw's toolbar and real mouse clicks on the map, names it and saves it (stored,
 * seen through the API); renames it (PUT) and retires it (DELETE); imports a GeoJSON file whose
 * self-intersecting polygon the server refuses (the problem beside the form and as a marker on the map)
 * while its valid feature is saved; switches the editor to English.
 */
class ZoneEditorBrowserTest {

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ, ConsoleBrowser.SERVER_CONFIG);
        browser = ConsoleBrowser.start();
        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    void anOfficerDrawsAPolygonOnTheMapSavesItThenRenamesAndRetiresIt() {
        String name = "绘制区域-" + UUID.randomUUID().toString().substring(0, 6);
        openEditor();
        browser.click(".leaflet-draw-draw-polygon");
        WebElement map = browser.waitFor("[data-test='zones-map']");
        // Offsets from the map's centre: a square about 200 px wide.
        Actions mouse = new Actions(browser.driver());
        int[][] corners = {{-100, -80}, {100, -80}, {100, 80}, {-100, 80}};
        for (int[] c : corners) {
            mouse.moveToElement(map, c[0], c[1]).pause(150).click().pause(150).perform();
        }
        browser.waitForCount(".leaflet-marker-icon.leaflet-editing-icon", n -> n >= 4);
        browser.screenshot("zones-drawing-polygon");
        // Leaflet.draw's "完成" (finish) action closes the ring.
        browser.driver().findElements(By.cssSelector(".leaflet-draw-actions a")).stream()
                .filter(a -> a.isDisplayed() && a.getText().equals("完成")).findFirst().orElseThrow().click();

        browser.waitFor("[data-test='zone-form']");
        assertTrue(browser.severeLogEntries().stream().noneMatch(m -> m.contains("Uncaught")), "no script errors");
        assertEquals("形状：多边形", browser.text("[data-test='zone-shape']"));
        browser.type("[data-test='zone-name']", name);
        new org.openqa.selenium.support.ui.Select(browser.waitFor("[data-test='zone-kind']")).selectByValue("EXCLUSION");
        browser.screenshot("zones-new-polygon-form");
        browser.click("[data-test='zone-save']");
        browser.waitForText("[data-test='zone-message']", name);

        // Stored: through the API, as a polygon of the officer's office, and in the database.
        JsonObject zone = zoneNamed(name);
        assertNotNull(zone, "the drawn zone is listed by the API");
        assertEquals("EXCLUSION", zone.getString("kind"));
        assertEquals(tether.org().officeId(), zone.getString("officeId"));
        assertEquals("Polygon", zone.getJsonObject("geometry").getString("type"));
        JsonArray ring = zone.getJsonObject("geometry").getJsonArray("coordinates").getJsonArray(0);
        assertTrue(ring.size() >= 5, "4 corners and the closing point (densified maybe): " + ring);
        assertEquals(1, db.count("SELECT count(*) FROM zones WHERE name = ? AND GeometryType(geom) = 'POLYGON'", name));
        assertEquals(1, db.count("SELECT count(*) FROM audit_log WHERE action = 'zone.create' AND detail->>'name' = ?", name));
        browser.waitForCount("[data-test='zone-item']", n -> n >= 1);
        browser.screenshot("zones-saved");

        // Rename it: the list item opens the form (PUT keeps the id).
        String renamed = name + "-改";
        browser.driver().findElements(By.cssSelector("[data-test='zone-item']")).stream()
                .filter(li -> li.getText().contains(name)).findFirst().orElseThrow().click();
        browser.waitFor("[data-test='zone-form']");
        browser.type("[data-test='zone-name']", renamed);
        browser.click("[data-test='zone-save']");
        browser.waitForText("[data-test='zone-message']", renamed);
        JsonObject changed = zoneNamed(renamed);
        assertNotNull(changed, "renamed through PUT");
        assertEquals(zone.getString("id"), changed.getString("id"));

        // Retire it (a confirmation first).
        browser.driver().findElements(By.cssSelector("[data-test='zone-item']")).stream()
                .filter(li -> li.getText().contains(renamed)).findFirst().orElseThrow().click();
        browser.click("[data-test='zone-retire']");
        browser.driver().switchTo().alert().accept();
        browser.waitFor("[data-test='zone-retired']");
        assertEquals(null, zoneNamed(renamed), "a retired zone is no longer listed");
        assertTrue(browser.all("[data-test='zone-item']").stream().noneMatch(li -> li.getText().contains(renamed)));
    }

    @Test
    void anImportedSelfIntersectingPolygonIsRefusedWithTheProblemShownBesideTheFormAndOnTheMap() throws IOException {
        String good = "导入-良好-" + UUID.randomUUID().toString().substring(0, 6);
        String bowtie = "导入-自相交-" + UUID.randomUUID().toString().substring(0, 6);
        // A bow tie: its edges cross at (120.16, 30.28).
        JsonObject collection = new JsonObject().put("type", "FeatureCollection").put("features", new JsonArray()
                .add(feature(good, "INCLUSION", square(120.10, 30.25, 0.01)))
                .add(feature(bowtie, null, new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray()
                        .add(ring(new double[][] {{120.15, 30.27}, {120.17, 30.29}, {120.17, 30.27}, {120.15, 30.29},
                                {120.15, 30.27}}))))));
        Path file = Files.createTempFile("zones-", ".geojson");
        Files.writeString(file, collection.encodePrettily());
        try {
            openEditor();
            browser.waitFor("[data-test='zone-import-file']").sendKeys(file.toAbsolutePath().toString());
            browser.waitForText("[data-test='import-summary']", "成功 1 个，失败 1 个");
            List<WebElement> rows = browser.all("[data-test='import-row']");
            assertEquals(2, rows.size());
            assertEquals("saved", rows.get(0).getAttribute("data-outcome"));
            assertEquals("refused", rows.get(1).getAttribute("data-outcome"));
            String problem = rows.get(1).findElement(By.cssSelector("[data-test='import-error']")).getText();
            assertTrue(problem.contains(bowtie) || rows.get(1).getText().contains(bowtie), rows.get(1).getText());
            assertTrue(problem.contains("geometry"), "names the field: " + problem);
            assertTrue(problem.contains("边界自相交"), "the validator's reason in Chinese: " + problem);
            assertEquals("422", rows.get(1).findElement(By.cssSelector("[data-test='import-error']")).getAttribute("data-status"));
            // The marker sits where the server found the crossing.
            WebElement marker = browser.waitFor("[data-test='zone-problem-marker']");
            assertNotNull(marker);
            browser.screenshot("zones-import-refused");

            assertNotNull(zoneNamed(good), "the valid feature was saved");
            assertEquals(null, zoneNamed(bowtie), "the invalid one was not");
            assertEquals(0, db.count("SELECT count(*) FROM zones WHERE name = ?", bowtie));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void theEditorSwitchesToEnglish() {
        openEditor();
        try {
            browser.click("[data-test='lang-en']");
            browser.waitForText("[data-test='zones-page'] h1", "Zones");
            assertEquals("Export GeoJSON", browser.text("[data-test='zone-export']"));
            assertEquals("Draw a polygon", browser.waitFor(".leaflet-draw-draw-polygon").getAttribute("title"));
            browser.screenshot("zones-english");
        } finally {
            browser.click("[data-test='lang-zh']");
            browser.waitForText("[data-test='zones-page'] h1", "电子围栏");
        }
    }

    private static void openEditor() {
        browser.go("#/map");
        browser.go("#/zones");
        browser.waitFor("[data-test='zones-map']");
        browser.waitFor(".leaflet-draw-draw-polygon");
    }

    private static JsonObject zoneNamed(String name) {
        JsonArray items = tether.get("/api/zones").bodyAsJsonObject().getJsonArray("items");
        for (Object o : items) {
            JsonObject z = (JsonObject) o;
            if (name.equals(z.getString("name"))) {
                return z;
            }
        }
        return null;
    }

    private static JsonObject feature(String name, String kind, JsonObject geometry) {
        JsonObject props = new JsonObject().put("name", name);
        if (kind != null) {
            props.put("kind", kind);
        }
        return new JsonObject().put("type", "Feature").put("properties", props).put("geometry", geometry);
    }

    private static JsonObject square(double lon, double lat, double size) {
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring(new double[][] {
                {lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}, {lon, lat}})));
    }

    private static JsonArray ring(double[][] points) {
        JsonArray ring = new JsonArray();
        for (double[] p : points) {
            ring.add(new JsonArray().add(p[0]).add(p[1]));
        }
        return ring;
    }
}
