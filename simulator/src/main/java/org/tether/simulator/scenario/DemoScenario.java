package org.tether.simulator.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tether.simulator.device.DeviceKind;
import org.tether.simulator.geo.CirclePolygon;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.geo.Polygon;
import org.tether.simulator.geo.Vec2;
import org.tether.simulator.movement.MovementModel;
import org.tether.simulator.movement.WalkOut;
import org.tether.simulator.movement.Wanderer;

/**
 * The README's first demo: N people share one circular inclusion zone; person #1 leaves it, the
 * others wander inside. Pure: the same settings always give the same plan.
 */
public final class DemoScenario {

    /** Homes lie within this fraction of the wandering boundary. */
    private static final double HOME_FRACTION_OF_BOUNDARY = 0.5;

    private DemoScenario() {
    }

    public static DemoPlan plan(DemoSettings s) {
        SplittableRandom rng = new SplittableRandom(s.seed());
        Polygon zone = CirclePolygon.around(s.center(), s.zoneRadiusM());
        String label = s.devicePrefix().replaceAll("-+$", "");
        String zoneName = "Simulator demo zone" + (label.isEmpty() ? "" : " " + label);

        List<PersonPlan> persons = new ArrayList<>(s.persons());
        for (int n = 1; n <= s.persons(); n++) {
            Role role = n == 1 ? Role.WALKER_OUT : Role.WANDERER;
            MovementModel movement = role == Role.WALKER_OUT
                    ? WalkOut.leaving(s.zoneRadiusM(), rng.nextDouble(360.0), s.walkOutInsideM(), s.walkOutBeyondM(),
                            s.walkOutSpeedMps())
                    : new Wanderer(home(rng, s), s.zoneRadiusM(), s.wander());
            persons.add(new PersonPlan(
                    n,
                    displayName(n),
                    deviceId(s.devicePrefix(), DeviceKind.BRACELET, n),
                    DeviceKind.BRACELET,
                    role,
                    movement,
                    rng.nextLong(),
                    rng.nextLong(),
                    60 + rng.nextDouble(40),
                    5 + rng.nextDouble(15)));
        }
        return new DemoPlan(zoneName, zone, s.zoneRadiusM(), new LocalFrame(s.center()), persons);
    }

    public static String displayName(int n) {
        return "模拟对象 " + n;
    }

    public static String deviceId(String prefix, DeviceKind kind, int n) {
        return prefix + (kind == DeviceKind.BRACELET ? "BR-" : "PH-") + n;
    }

    /** A point uniformly distributed over a disc well inside the wandering boundary. */
    private static Vec2 home(SplittableRandom rng, DemoSettings s) {
        double maxR = HOME_FRACTION_OF_BOUNDARY * s.wander().boundaryFraction() * s.zoneRadiusM();
        return Vec2.polar(maxR * Math.sqrt(rng.nextDouble()), rng.nextDouble(360.0));
    }
}
