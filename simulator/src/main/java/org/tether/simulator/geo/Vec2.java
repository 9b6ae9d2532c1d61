package org.tether.simulator.geo;

/**
 * A displacement in a local tangent plane, in metres: {@code east} and {@code north}.
 * Headings are compass bearings: degrees clockwise from north.
 */
public record Vec2(double east, double north) {

    public static final Vec2 ZERO = new Vec2(0, 0);

    /** The unit vector pointing along a compass bearing (degrees clockwise from north). */
    public static Vec2 unit(double bearingDeg) {
        double rad = Math.toRadians(bearingDeg);
        return new Vec2(Math.sin(rad), Math.cos(rad));
    }

    /** A vector of the given length along a compass bearing. */
    public static Vec2 polar(double lengthM, double bearingDeg) {
        return unit(bearingDeg).times(lengthM);
    }

    public Vec2 plus(Vec2 other) {
        return new Vec2(east + other.east, north + other.north);
    }

    public Vec2 minus(Vec2 other) {
        return new Vec2(east - other.east, north - other.north);
    }

    public Vec2 times(double factor) {
        return new Vec2(east * factor, north * factor);
    }

    public double dot(Vec2 other) {
        return east * other.east + north * other.north;
    }

    public double length() {
        return Math.hypot(east, north);
    }

    public double distanceTo(Vec2 other) {
        return minus(other).length();
    }

    /** Compass bearing of this vector, 0..360 (0 for the zero vector). */
    public double bearingDeg() {
        if (east == 0 && north == 0) {
            return 0;
        }
        return Geodesy.normalizeBearing(Math.toDegrees(Math.atan2(east, north)));
    }

    /** This vector scaled to length 1; the zero vector stays zero. */
    public Vec2 normalized() {
        double len = length();
        return len == 0 ? ZERO : times(1 / len);
    }
}
