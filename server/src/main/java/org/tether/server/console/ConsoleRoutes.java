package org.tether.server.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URI;
import org.tether.server.config.TetherConfig.ConsoleConfig;

/**
 * The staff console: static files from {@code console/} on the classpath at {@code /console/}, Leaflet and
 * its plugins from their WebJars at {@code /console/vendor/}, the map settings at {@code /console/config.json},
 * and {@code /} redirecting to the console. Nothing here needs a session: the files hold no data, and every
 * call the console makes goes to {@code /api}, which checks the bearer token and the office.
 */
public final class ConsoleRoutes {

    static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist";
    static final String MARKERCLUSTER = "META-INF/resources/webjars/leaflet-markercluster/1.4.1";
    static final String LEAFLET_DRAW = "META-INF/resources/webjars/leaflet-draw/1.0.2/dist";

    private final ConsoleConfig config;
    private final String contentSecurityPolicy;

    public ConsoleRoutes(ConsoleConfig config) {
        this.config = config;
        this.contentSecurityPolicy = contentSecurityPolicy(config.tileUrl());
    }

    /** Adds the console's routes to {@code router} (after the API's: the paths do not overlap) and returns it. */
    public Router mount(Router router) {
        router.get("/").handler(ctx -> ctx.redirect("/console/"));
        // Exactly "/console" (a plain route for it would also match "/console/" and redirect forever).
        router.getWithRegex("/console").handler(ctx -> ctx.redirect("/console/"));
        router.route("/console/*").handler(this::securityHeaders);
        router.get("/console/config.json").handler(this::config);
        // Vendor files never change under a versioned WebJar: cache them; our own files change with each release.
        router.get("/console/vendor/leaflet/*").handler(StaticHandler.create(LEAFLET).setMaxAgeSeconds(86_400));
        router.get("/console/vendor/markercluster/*").handler(StaticHandler.create(MARKERCLUSTER).setMaxAgeSeconds(86_400));
        router.get("/console/vendor/leaflet-draw/*").handler(StaticHandler.create(LEAFLET_DRAW).setMaxAgeSeconds(86_400));
        router.get("/console/*").handler(StaticHandler.create("console").setCachingEnabled(false)
                .setDirectoryListing(false).setIndexPage("index.html"));
        return router;
    }

    private void securityHeaders(RoutingContext ctx) {
        ctx.response().putHeader("Content-Security-Policy", contentSecurityPolicy)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
        ctx.next();
    }

    private void config(RoutingContext ctx) {
        JsonObject json = new JsonObject().put("tileUrl", config.tileUrl() == null ? "" : config.tileUrl())
                .put("tileAttribution", config.tileAttribution()).put("tileMaxZoom", config.tileMaxZoom())
                .put("center", new JsonArray().add(config.centerLat()).add(config.centerLon()))
                .put("zoom", config.zoom()).put("positionsPollSeconds", config.positionsPollSeconds());
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(json.encode());
    }

    /**
     * Scripts, styles and data only from ourselves; images also from the tile server (the host of the
     * template, a {@code {s}} subdomain as a wildcard). No inline script, no framing.
     */
    static String contentSecurityPolicy(String tileUrl) {
        String tiles = tileOrigin(tileUrl);
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:"
                + (tiles.isEmpty() ? "" : " " + tiles)
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
                + " frame-ancestors 'none'";
    }

    static String tileOrigin(String tileUrl) {
        if (tileUrl == null || tileUrl.isBlank()) {
            return "";
        }
        String template = tileUrl.replace("{s}", "subdomain-placeholder");
        int query = template.indexOf('?');
        URI uri = URI.create((query < 0 ? template : template.substring(0, query)).replaceAll("\\{[^}]*}", "0"));
        String host = uri.getHost().replace("subdomain-placeholder", "*");
        return uri.getScheme() + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
