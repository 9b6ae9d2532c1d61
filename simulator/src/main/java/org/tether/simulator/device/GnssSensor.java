package org.tether.simulator.device;

import java.util.random.RandomGenerator;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.geo.Vec2;

/**
 * A satellite receiver: reports the true position with Gaussian error consistent with the accuracy it
 * claims. Accuracy is the 68 % radius of a circular 2-D normal error, i.e. about 1.51 sigma per axis.
 */
public final class GnssSensor {

    /** Radius of the 68 % circle of a 2-D standard normal: sqrt(-2 ln 0.32). */
    static final double SIGMA_PER_68_RADIUS = Math.sqrt(-2 * Math.log(1 - 0.68));

    private final RandomGenerator rng;
    private final double minAccuracyM;
    private final double maxAccuracyM;
    private final double accuracyDriftM;
    private double accuracyM;

    /**
     * @param minAccuracyM   best accuracy ever claimed
     * @param maxAccuracyM   worst accuracy ever claimed
     * @param accuracyDriftM standard deviation of the step-to-step change of claimed accuracy
     */
    public GnssSensor(RandomGenerator rng, double minAccuracyM, double maxAccuracyM, double accuracyDriftM) {
        if (!(minAccuracyM > 0) || maxAccuracyM < minAccuracyM) {
            throw new IllegalArgumentException("need 0 < minAccuracy <= maxAccuracy");
        }
        this.rng = rng;
        this.minAccuracyM = minAccuracyM;
        this.maxAccuracyM = maxAccuracyM;
        this.accuracyDriftM = accuracyDriftM;
        this.accuracyM = minAccuracyM + rng.nextDouble() * (maxAccuracyM - minAccuracyM);
    }

    /** A typical outdoor phone/bracelet receiver: 5..15 m. */
    public static GnssSensor typical(RandomGenerator rng) {
        return new GnssSensor(rng, 5, 15, 1.0);
    }

    /** A noisy reading of {@code truePosition}. */
    public Reading read(LocalFrame frame, Vec2 truePosition) {
        accuracyM = Math.max(minAccuracyM, Math.min(maxAccuracyM, accuracyM + accuracyDriftM * rng.nextGaussian()));
        double sigma = accuracyM / SIGMA_PER_68_RADIUS;
        Vec2 error = new Vec2(sigma * rng.nextGaussian(), sigma * rng.nextGaussian());
        return new Reading(frame.toGeo(truePosition.plus(error)), accuracyM);
    }

    /** What the receiver reports: a position and its claimed accuracy (metres). */
    public record Reading(GeoPoint position, double accuracyM) {
    }
}
