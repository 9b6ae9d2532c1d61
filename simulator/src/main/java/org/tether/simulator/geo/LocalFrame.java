package org.tether.simulator.geo;

/**
 * A local east/north frame in metres centred on an origin. Conversions go through great-circle
 * geodesy, so distances from the origin are exact on the sphere (a vector of length 3 000 m lands
 * 3 000 m from the origin whatever its bearing).
 */
public record LocalFrame(GeoPoint origin) {

    public GeoPoint toGeo(Vec2 offset) {
        double d = offset.length();
        if (d == 0) {
            return origin;
        }
        return Geodesy.destination(origin, offset.bearingDeg(), d);
    }

    public Vec2 toLocal(GeoPoint point) {
        double d = Geodesy.distanceM(origin, point);
        if (d == 0) {
            return Vec2.ZERO;
        }
        return Vec2.polar(d, Geodesy.bearingDeg(origin, point));
    }
}
