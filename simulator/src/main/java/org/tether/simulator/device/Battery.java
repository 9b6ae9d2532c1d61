package org.tether.simulator.device;

/** A battery that drains steadily while the device runs. Not thread-safe. */
public final class Battery {

    private final double drainPercentPerHour;
    private double percent;

    public Battery(double initialPercent, double drainPercentPerHour) {
        if (initialPercent < 0 || initialPercent > 100 || drainPercentPerHour < 0) {
            throw new IllegalArgumentException("need 0 <= initial <= 100 and drain >= 0");
        }
        this.percent = initialPercent;
        this.drainPercentPerHour = drainPercentPerHour;
    }

    public void run(double seconds) {
        percent = Math.max(0, percent - drainPercentPerHour * seconds / 3600.0);
    }

    public int percent() {
        return (int) Math.round(percent);
    }

    public boolean charging() {
        return false;
    }
}
