package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.tether.server.support.BrokerKind;
import org.tether.server.support.ConsoleBrowser;
import org.tether.server.support.RunningTether;
import org.tether.server.support.Teardown;
import org.tether.server.support.TestDatabase;

/**
 * Structure, not timing: 5,000 persons of one office, each with a fix, are on the live map as clusters —
 * every person counted once, in clusters or as a single marker, and only a few hundred elements in the
 * DOM instead of 5,000. A person with an open alert colours the cluster that holds them.
 */
class MapClusterBrowserTest {

    private static final int PERSONS = 5000;

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
    void fiveThousandPersonsAreClustered() {
        String office = tether.office("JUSTICE_OFFICE", "大所", tether.org().agencyId());
        tether.staff("officer-big", "OFFICER", office);
        // Seeded in the database directly: 5,000 enrolments and devices through the API would take minutes
        // and test nothing this test is about. Spread over a county-sized square around Hangzhou.
        db.count("""
                WITH p AS (INSERT INTO persons (id, display_name, office_id)
                           SELECT gen_random_uuid(), '对象' || g, ?::uuid FROM generate_series(1, ?) g RETURNING id)
                SELECT count(*) FROM p""", office, PERSONS);
        db.count("""
                WITH d AS (INSERT INTO devices (id, kind, office_id)
                           SELECT 'CL-' || p.id, 'PHONE', p.office_id FROM persons p WHERE p.office_id = ?::uuid
                           RETURNING 1)
                SELECT count(*) FROM d""", office);
        db.count("""
                WITH f AS (INSERT INTO positions (device_id, person_id, fix_time, received_at, geom, reported_lat,
                                                  reported_lon, crs, accuracy_m, source, fix_class)
                           SELECT 'CL-' || p.id, p.id, now() - interval '1 minute', now() - interval '1 minute',
                                  ST_SetSRID(ST_MakePoint(119.9 + random() * 0.5, 30.1 + random() * 0.4), 4326),
                                  30, 120, 'WGS84', 15, 'GNSS', 'ACCEPTED'
                             FROM persons p WHERE p.office_id = ?::uuid
                           RETURNING 1)
                SELECT count(*) FROM f""", office);
        db.count("""
                WITH a AS (INSERT INTO alerts (person_id, type, severity, dedup_key, first_seen, last_seen, rule)
                           SELECT id, 'TAMPER', 'CRITICAL', 'TAMPER', now(), now(), 'strap cut'
                             FROM persons WHERE office_id = ?::uuid ORDER BY id LIMIT 1 RETURNING 1)
                SELECT count(*) FROM a""", office);

        browser.open(tether, "#/signin").signIn("officer-big", org.tether.server.support.TestOrg.PASSWORD);
        browser.go("#/map");
        browser.waitFor("[data-test='view-map'][data-ready='true']");
        assertEquals(String.valueOf(PERSONS), browser.waitFor("[data-test='live-map']").getAttribute("data-persons"));
        assertEquals("4999", browser.text("[data-test='count-OK'] strong"));
        assertEquals("1", browser.text("[data-test='count-ALERT'] strong"));

        // Wait until the chunked loading has put every person into a cluster or a single marker.
        browser.waitForCount("[data-test='person-cluster']", n -> n > 0);
        int[] seen = new int[3];
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(
                browser.driver(), java.time.Duration.ofSeconds(30));
        wait.until(d -> {
            List<WebElement> clusters = browser.all("[data-test='person-cluster']");
            int inClusters = clusters.stream().mapToInt(c -> Integer.parseInt(c.getAttribute("data-count"))).sum();
            int singles = browser.all("[data-test='person-marker']").size();
            seen[0] = inClusters;
            seen[1] = singles;
            seen[2] = clusters.size();
            return inClusters + singles == PERSONS;
        });
        int domMarkers = seen[1] + seen[2];
        assertTrue(domMarkers < 500, "clustered: " + domMarkers + " marker elements for " + PERSONS + " persons");
        assertTrue(seen[2] > 1, "several clusters at county zoom: " + seen[2]);
        // The one alerting person makes exactly one cluster (or marker) red.
        long red = browser.all("[data-test='person-cluster']").stream()
                .filter(c -> !"0".equals(c.getAttribute("data-alerts"))).count()
                + browser.all("[data-test='person-marker'][data-status='ALERT']").size();
        assertEquals(1, red);
        browser.screenshot("map-5000-clustered");
    }
}
