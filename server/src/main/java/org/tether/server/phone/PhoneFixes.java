package org.tether.server.phone;

import java.time.Duration;
import java.time.Instant;
import org.tether.gateway.decode.DecodeLimits;
import org.tether.gateway.decode.FixValidation;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.CoordinateConverter;
import org.tether.geofence.geo.CoordinateSystem;
import org.tether.geofence.geo.GeoPoint;
import org.tether.mobile.PhoneFix;
import org.tether.mobile.PhoneProblem;

/**
 * The value rules for a fix the app sends over HTTP: the same as for MQTT fixes ({@link FixValidation}),
 * plus freshness — a check-in or an answer proves where the person is now, so the fix may be at most
 * {@code freshFixSeconds} old.
 */
public final class PhoneFixes {

    private final DecodeLimits limits;
    private final Duration fresh;

    public PhoneFixes(DecodeLimits limits, Duration fresh) {
        this.limits = limits;
        this.fresh = fresh;
    }

    public ValidFix validate(PhoneFix f, Instant now) {
        CoordinateSystem crs = CoordinateSystem.parse(f.crs()).orElseThrow(() -> PhoneProblem.badRequest("fix.crs",
                "'fix.crs' must be one of WGS84, GCJ02, BD09, CGCS2000"));
        PositionSource source = PositionSource.parse(f.source()).orElseThrow(() -> PhoneProblem.badRequest("fix.source",
                "'fix.source' must be one of GNSS, WIFI, CELL, UNKNOWN"));
        try {
            Instant time = FixValidation.time("fix.time", f.time(), now, limits);
            GeoPoint reported = FixValidation.position("fix.lat", f.lat(), "fix.lon", f.lon());
            double accuracy = FixValidation.accuracy("fix.accuracy", f.accuracyMeters());
            if (time.isBefore(now.minus(fresh))) {
                throw PhoneProblem.unprocessable("fix.time", "fix.time: the fix is older than " + fresh.toSeconds()
                        + " s; send a fresh position");
            }
            return new ValidFix(time, CoordinateConverter.toWgs84(reported, crs), reported, crs, accuracy, source);
        } catch (FixValidation.Invalid e) {
            String message = e.getMessage();
            String field = message.substring(0, Math.max(message.indexOf(':'), 0));
            throw PhoneProblem.badRequest(field.contains("/") ? "fix.lat" : field, message);
        }
    }
}
