package org.tether.simulator.run;

import java.util.List;
import java.util.Optional;
import org.tether.simulator.scenario.Role;

/**
 * Reports, after ticks, when the walker-out crosses the zone edge and, every so often, how things
 * stand. Called from the ticker's thread only.
 */
public final class ProgressReporter implements FixTicker.TickListener {

    private final DemoConsole console;
    private final PublishStats stats;
    private final double radiusM;
    private final double intervalS;
    private final long ticksBetweenReports;
    private boolean walkerOutside;

    public ProgressReporter(DemoConsole console, PublishStats stats, double radiusM, double intervalS,
                            double reportEveryS) {
        this.console = console;
        this.stats = stats;
        this.radiusM = radiusM;
        this.intervalS = intervalS;
        this.ticksBetweenReports = Math.max(1, Math.round(reportEveryS / intervalS));
    }

    @Override
    public void afterTick(long tick, List<SimulatedPerson> persons) {
        Optional<SimulatedPerson> walker = persons.stream()
                .filter(p -> p.plan().role() == Role.WALKER_OUT)
                .findFirst();
        walker.ifPresent(w -> {
            double d = w.mover().current().distanceFromCentreM();
            if (!walkerOutside && d > radiusM) {
                walkerOutside = true;
                console.leftZone(w, d, radiusM);
            }
        });
        if (tick > 0 && tick % ticksBetweenReports == 0) {
            console.progress(Math.round(tick * intervalS), stats.snapshot(), walker, radiusM);
        }
    }
}
