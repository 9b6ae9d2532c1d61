package org.tether.simulator.run;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tether.simulator.scenario.DemoPlan;
import org.tether.simulator.scenario.PersonPlan;
import org.tether.simulator.scenario.Role;
import org.tether.simulator.tether.Alert;
import org.tether.simulator.tether.TetherApi;

/**
 * What the person running the demo reads on standard output: where to look, alerts as they come,
 * progress and a summary. (Diagnostics go to the log, on standard error.)
 */
public final class DemoConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final PrintStream out;
    private final ZoneId zone;
    private final Clock clock;

    public DemoConsole(PrintStream out, ZoneId zone, Clock clock) {
        this.out = out;
        this.zone = zone;
        this.clock = clock;
    }

    public void plan(DemoOptions options, DemoPlan plan) {
        PersonPlan first = plan.persons().get(0);
        PersonPlan last = plan.persons().get(plan.persons().size() - 1);
        out.printf(Locale.ROOT, "Tether simulator — demo (seed %d)%n", options.scenario().seed());
        out.printf(Locale.ROOT, "  Zone     \"%s\": inclusion zone, radius %.2f km around %.6f, %.6f%n",
                plan.zoneName(), plan.zoneRadiusM() / 1000, plan.frame().origin().lat(), plan.frame().origin().lon());
        out.printf(Locale.ROOT, "  Persons  %d, devices %s%s, one fix every %s s each%n",
                plan.persons().size(), first.deviceId(),
                plan.persons().size() > 1 ? " … " + last.deviceId() : "", seconds(options.intervalSeconds()));
        plan.persons().stream().filter(p -> p.role() == Role.WALKER_OUT).findFirst().ifPresent(p ->
                out.printf(Locale.ROOT, "  %s %s%n", "#" + p.index() + " " + p.displayName(), p.role().description()));
        out.flush();
    }

    public void whereToLook(TetherApi api) {
        out.printf("Alerts: %s  (live: %s)%n", api.alertsUri(), api.alertStreamUri());
        out.flush();
    }

    public void running(DemoOptions options) {
        out.println(options.runsUntilStopped()
                ? "Simulating; press Ctrl-C to stop."
                : "Simulating for " + options.duration().toSeconds() + " s; press Ctrl-C to stop earlier.");
        out.flush();
    }

    public void alert(Alert alert, Map<String, SimulatedPerson> personsById) {
        Optional<SimulatedPerson> person = Optional.ofNullable(alert.personId()).map(personsById::get);
        String who = person.map(p -> p.label() + (p.plan().role() == Role.WALKER_OUT ? " (the walker-out)" : "")
                        + " [person " + p.personId() + "]")
                .orElse("person " + alert.personId() + " (not from this run)");
        String when = alert.timeIfKnown().map(this::time).orElse(time(clock.instant()) + " (received)");
        out.printf("%s  ALERT %-12s %-9s %s  at %s  [alert %s]%n",
                time(clock.instant()), orDash(alert.type()), orDash(alert.state()), who, when, orDash(alert.id()));
        out.flush();
    }

    public void leftZone(SimulatedPerson person, double distanceM, double radiusM) {
        out.printf(Locale.ROOT, "%s  %s has left the zone (%.0f m from the centre, radius %.0f m); "
                        + "an alert should follow%n", time(clock.instant()), person.label(), distanceM, radiusM);
        out.flush();
    }

    public void progress(long elapsedS, PublishStats.Snapshot stats, Optional<SimulatedPerson> walker,
                         double radiusM) {
        String where = walker.map(w -> {
            double d = w.mover().current().distanceFromCentreM();
            return String.format(Locale.ROOT, "; %s is %.0f m from the centre (%s)", w.label(), d,
                    d > radiusM ? String.format(Locale.ROOT, "%.0f m outside", d - radiusM)
                            : String.format(Locale.ROOT, "%.0f m inside", radiusM - d));
        }).orElse("");
        out.printf(Locale.ROOT, "%s  +%ds: %d fixes sent, %d acknowledged%s%s%n", time(clock.instant()), elapsedS,
                stats.sent(), stats.acknowledged(), stats.failed() > 0 ? ", " + stats.failed() + " failed" : "", where);
        out.flush();
    }

    public void summary(PublishStats.Snapshot stats, int devices, long alertsSeen) {
        out.printf(Locale.ROOT, "Done: %d fixes sent from %d devices (%d acknowledged, %d failed); %d alert event%s seen.%n",
                stats.sent(), devices, stats.acknowledged(), stats.failed(), alertsSeen, alertsSeen == 1 ? "" : "s");
        out.flush();
    }

    public void error(String message, List<String> hints) {
        out.println("ERROR: " + message);
        hints.forEach(h -> out.println("  " + h));
        out.flush();
    }

    private String time(Instant instant) {
        return TIME.format(instant.atZone(zone));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    private static String seconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
