package org.tether.gateway.decode;

import java.time.Instant;
import org.tether.geofence.geo.GeoPoint;

/**
 * The acceptance rules every wire format shares, so that a fix means the same whether it came as
 * Tether JSON, OwnTracks JSON or a vendor's binary frame: the time window, latitude/longitude
 * ranges, the (0, 0) no-fix placeholder, and the accuracy range.
 *
 * <p>Each check takes the name of the field as the sender wrote it and, on failure, throws
 * {@link Invalid} whose message starts with that name ({@code "time: … is before …"}); a decoder
 * prefixes it with the fix's index ({@code "fixes[3]."}) to build the {@link Rejection} detail.
 * Used by every fix decoder ({@link JsonFixDecoder}, the OwnTracks and tether-bin decoders) and for
 * event times by {@link JsonEventDecoder}.
 *
 * <p>Stateless; all methods are pure and thread-safe.
 */
public final class FixValidation {

    /** Below this a "millisecond" timestamp is before 1973: almost surely seconds sent by mistake. */
    public static final long SMALLEST_MILLIS = 100_000_000_000L;

    /** Largest accepted accuracy radius in metres; anything coarser is useless for a geofence. */
    public static final double MAX_ACCURACY_METERS = 100_000;

    /**
     * Epoch seconds beyond this (about year 33,000) are out of range however the limits are set;
     * it keeps {@link Instant#ofEpochSecond} and any {@code * 1000} far from overflow.
     */
    private static final long LARGEST_SANE_SECONDS = 1_000_000_000_000L;

    private FixValidation() {}

    /**
     * One field of one fix is unacceptable. Cheap (no stack trace): it is control flow on bad input.
     * The message starts with the field name.
     */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient RejectReason reason;

        public Invalid(RejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public RejectReason reason() {
            return reason;
        }
    }

    /**
     * Checks a fix time given in epoch milliseconds, recognising seconds sent by mistake.
     *
     * @throws Invalid {@link RejectReason#TIMESTAMP_IN_SECONDS} for a value that is a plausible time in
     *     seconds but before 1973 as milliseconds; otherwise as {@link #time}
     */
    public static Instant epochMillis(String field, long millis, Instant now, DecodeLimits limits) throws Invalid {
        if (millis > 0 && millis < SMALLEST_MILLIS && millis * 1000 >= limits.oldest().toEpochMilli()) {
            throw new Invalid(RejectReason.TIMESTAMP_IN_SECONDS,
                    field + ": " + millis + " looks like seconds; send epoch milliseconds");
        }
        return time(field, Instant.ofEpochMilli(millis), now, limits);
    }

    /**
     * Checks a fix time given in epoch seconds (formats whose unit is the second, such as OwnTracks'
     * {@code tst}), recognising milliseconds sent by mistake.
     *
     * @throws Invalid {@link RejectReason#TIMESTAMP_OUT_OF_RANGE}, with a hint when the value would be
     *     in range as milliseconds
     */
    public static Instant epochSeconds(String field, long seconds, Instant now, DecodeLimits limits) throws Invalid {
        Instant latest = now.plus(limits.maxFutureSkew());
        if (seconds > latest.getEpochSecond()) {
            // Milliseconds sent by mistake land thousands of years ahead; say so rather than just "future".
            Instant asMillis = Instant.ofEpochMilli(seconds);
            if (!asMillis.isBefore(limits.oldest()) && !asMillis.isAfter(latest)) {
                throw new Invalid(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                        field + ": " + seconds + " looks like milliseconds; send epoch seconds");
            }
        }
        if (seconds > LARGEST_SANE_SECONDS || seconds < -LARGEST_SANE_SECONDS) {
            throw new Invalid(RejectReason.TIMESTAMP_OUT_OF_RANGE, field + ": " + seconds + " s is out of range");
        }
        return time(field, Instant.ofEpochSecond(seconds), now, limits);
    }

    /**
     * Checks that a fix time lies in {@code [limits.oldest(), now + limits.maxFutureSkew()]}.
     *
     * @throws Invalid {@link RejectReason#TIMESTAMP_OUT_OF_RANGE}
     */
    public static Instant time(String field, Instant time, Instant now, DecodeLimits limits) throws Invalid {
        if (time.isBefore(limits.oldest())) {
            throw new Invalid(RejectReason.TIMESTAMP_OUT_OF_RANGE, field + ": " + time + " is before " + limits.oldest());
        }
        if (time.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new Invalid(RejectReason.TIMESTAMP_OUT_OF_RANGE,
                    field + ": " + time + " is more than " + limits.maxFutureSkew() + " ahead of the server clock");
        }
        return time;
    }

    /**
     * Checks a reported position (in whatever datum the sender uses): latitude in [-90, 90],
     * longitude in [-180, 180], and not the (0, 0) placeholder many devices send when they have no fix.
     *
     * @throws Invalid {@link RejectReason#COORDINATE_OUT_OF_RANGE}
     */
    public static GeoPoint position(String latField, double lat, String lonField, double lon) throws Invalid {
        if (!(lat >= -90 && lat <= 90)) {
            throw new Invalid(RejectReason.COORDINATE_OUT_OF_RANGE, latField + ": " + lat + " is outside [-90, 90]");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw new Invalid(RejectReason.COORDINATE_OUT_OF_RANGE, lonField + ": " + lon + " is outside [-180, 180]");
        }
        if (lat == 0 && lon == 0) {
            // Nobody supervised here is in the Gulf of Guinea.
            throw new Invalid(RejectReason.COORDINATE_OUT_OF_RANGE,
                    latField + "/" + lonField + ": (0, 0) is a no-fix placeholder");
        }
        return new GeoPoint(lat, lon);
    }

    /**
     * Checks an accuracy radius: in (0, {@value #MAX_ACCURACY_METERS}] metres.
     *
     * @throws Invalid {@link RejectReason#INVALID_ACCURACY}
     */
    public static double accuracy(String field, double meters) throws Invalid {
        if (!(meters > 0) || !(meters <= MAX_ACCURACY_METERS)) {
            throw new Invalid(RejectReason.INVALID_ACCURACY,
                    field + ": must be in (0, 100000] metres, was " + meters);
        }
        return meters;
    }

    /**
     * Checks a battery level in percent.
     *
     * @throws Invalid {@link RejectReason#WRONG_TYPE} outside 0..100
     */
    public static int battery(String field, long percent) throws Invalid {
        if (percent < 0 || percent > 100) {
            throw new Invalid(RejectReason.WRONG_TYPE, field + ": must be a percentage 0..100, was " + percent);
        }
        return (int) percent;
    }
}
