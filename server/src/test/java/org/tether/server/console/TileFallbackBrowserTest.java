package org.tether.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
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
 * An isolated government network: tiles are configured but cannot be reached. The map stops asking for them
 * after a few failures and keeps working on its blank background — zones are still drawn.
 */
class TileFallbackBrowserTest {

    private static TestDatabase db;
    private static RunningTether tether;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        tether = RunningTether.start(db, BrokerKind.EMBEDDED_HIVEMQ,
                Map.of("TETHER_CONSOLE_TILEURL", "http://127.0.0.1:" + closedPort() + "/{z}/{x}/{y}.png"));
        browser = ConsoleBrowser.start();
    }

    @AfterAll
    static void stop() {
        Teardown.all(browser, tether, db::drop);
    }

    @Test
    void unreachableTilesAreDroppedAndTheZonesStillShow() {
        tether.inclusionCircle("县域", 120.1551, 30.2741, 3000);
        browser.open(tether, "#/signin").signIn(TestOrg.OFFICER, TestOrg.PASSWORD);
        browser.go("#/map");
        browser.waitFor("[data-test='live-map'][data-tiles='failed']");
        assertEquals(0, browser.all("[data-test='live-map'] .leaflet-tile-pane img").size(),
                "the tile layer is gone, so nothing is retried on every pan");
        assertTrue(browser.waitForCount("[data-test='live-map'] .leaflet-overlay-pane path", n -> n >= 1) >= 1,
                "the zone is drawn without tiles");
        browser.screenshot("map-tiles-unreachable");
    }

    /** A port nothing listens on: every tile request is refused at once, as behind a closed firewall. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
