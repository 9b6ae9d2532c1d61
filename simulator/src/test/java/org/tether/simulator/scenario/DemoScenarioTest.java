package org.tether.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tether.simulator.device.DeviceKind;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.movement.Mover;
import org.tether.simulator.movement.WalkOut;
import org.tether.simulator.movement.Wanderer;

class DemoScenarioTest {

    private static DemoSettings settings(long seed) {
        return DemoSettings.withDefaults(5, seed, new GeoPoint(30.2741, 120.1551), 3000, "SIM-7K2Q-");
    }

    @Test
    void personOneWalksOutTheOthersWander() {
        DemoPlan plan = DemoScenario.plan(settings(42));
        assertEquals(5, plan.persons().size());
        PersonPlan first = plan.persons().get(0);
        assertEquals(Role.WALKER_OUT, first.role());
        assertInstanceOf(WalkOut.class, first.movement());
        for (PersonPlan p : plan.persons().subList(1, 5)) {
            assertEquals(Role.WANDERER, p.role());
            assertInstanceOf(Wanderer.class, p.movement());
        }
    }

    @Test
    void namesAndDeviceIds() {
        DemoPlan plan = DemoScenario.plan(settings(42));
        for (PersonPlan p : plan.persons()) {
            assertEquals("模拟对象 " + p.index(), p.displayName());
            assertEquals("SIM-7K2Q-BR-" + p.index(), p.deviceId());
            assertEquals(DeviceKind.BRACELET, p.deviceKind());
            assertTrue(p.batteryPercent() >= 60 && p.batteryPercent() <= 100);
        }
        assertEquals("Simulator demo zone SIM-7K2Q", plan.zoneName());
        assertEquals(65, plan.zone().exteriorRing().size());
    }

    @Test
    void sameSeedSamePlanAndSameTracks() {
        DemoPlan a = DemoScenario.plan(settings(42));
        DemoPlan b = DemoScenario.plan(settings(42));
        assertEquals(a, b);
        for (int i = 0; i < a.persons().size(); i++) {
            PersonPlan pa = a.persons().get(i);
            PersonPlan pb = b.persons().get(i);
            assertEquals(new Mover(pa.movement(), new SplittableRandom(pa.movementSeed())).track(500, 2),
                    new Mover(pb.movement(), new SplittableRandom(pb.movementSeed())).track(500, 2));
        }
        assertNotEquals(a, DemoScenario.plan(settings(43)));
    }

    @Test
    void walkerOutLeavesWithinAMinuteAtDefaultSettings() {
        PersonPlan walker = DemoScenario.plan(settings(42)).persons().get(0);
        var track = new Mover(walker.movement(), new SplittableRandom(walker.movementSeed())).track(30, 2);
        assertTrue(track.get(0).distanceFromCentreM() < 3000);
        assertTrue(track.get(30).distanceFromCentreM() > 3000, "still inside after 60 s");
    }

    @Test
    void aSinglePersonIsTheWalkerOut() {
        DemoPlan plan = DemoScenario.plan(DemoSettings.withDefaults(1, 1, new GeoPoint(0, 0), 1000, ""));
        assertEquals(1, plan.persons().size());
        assertEquals(Role.WALKER_OUT, plan.persons().get(0).role());
        assertEquals("BR-1", plan.persons().get(0).deviceId());
        assertEquals("Simulator demo zone", plan.zoneName());
    }
}
