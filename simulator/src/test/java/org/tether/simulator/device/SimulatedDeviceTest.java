package org.tether.simulator.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tether.simulator.geo.GeoPoint;
import org.tether.simulator.geo.LocalFrame;
import org.tether.simulator.geo.Vec2;
import org.tether.simulator.movement.MovementState;

class SimulatedDeviceTest {

    private static final LocalFrame FRAME = new LocalFrame(new GeoPoint(30.2741, 120.1551));

    private static SimulatedDevice device(long seed) {
        return new SimulatedDevice("SIM-TEST-BR-1", DeviceKind.BRACELET, GnssSensor.typical(new SplittableRandom(seed)),
                new Battery(90, 2), 12, 1);
    }

    @Test
    void sequenceNumbersIncreaseByOneAndFieldsFollowTheContract() {
        SimulatedDevice d = device(1);
        MovementState s = new MovementState(new Vec2(100, 200), 359.99, 1.3, 1.4, 0);
        for (int i = 0; i < 100; i++) {
            Fix f = d.takeFix(FRAME, s, 1764064800000L + i * 2000L, 2);
            assertEquals(i + 1, f.seq());
            assertEquals(1764064800000L + i * 2000L, f.time());
            assertEquals(Crs.WGS84, f.crs());
            assertEquals(FixSource.GNSS, f.source());
            assertTrue(f.accuracy() >= 5 && f.accuracy() <= 15, "accuracy " + f.accuracy());
            assertTrue(f.heading() >= 0 && f.heading() < 360, "heading " + f.heading());
            assertEquals(1.3, f.speed());
            assertEquals(90, f.battery());
            assertEquals(Boolean.FALSE, f.charging());
        }
    }

    @Test
    void positionErrorIsConsistentWithClaimedAccuracy() {
        SimulatedDevice d = device(2);
        Vec2 truth = new Vec2(-500, 800);
        GeoPoint truePoint = FRAME.toGeo(truth);
        MovementState s = new MovementState(truth, 0, 0, 1.4, 10);
        int within = 0;
        int n = 5000;
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Fix f = d.takeFix(FRAME, s, i, 1);
            double err = FRAME.toLocal(new GeoPoint(f.lat(), f.lon())).distanceTo(FRAME.toLocal(truePoint));
            errors.add(err);
            if (err <= f.accuracy()) {
                within++;
            }
        }
        double share = (double) within / n;
        assertTrue(share > 0.64 && share < 0.72, "share within the claimed accuracy: " + share);
        assertTrue(errors.stream().mapToDouble(Double::doubleValue).max().orElseThrow() < 60, "outlier too far");
    }

    @Test
    void sameSeedSameFixes() {
        SimulatedDevice a = device(5);
        SimulatedDevice b = device(5);
        MovementState s = new MovementState(new Vec2(10, 10), 90, 1.4, 1.4, 0);
        for (int i = 0; i < 20; i++) {
            assertEquals(a.takeFix(FRAME, s, i, 2), b.takeFix(FRAME, s, i, 2));
        }
    }

    @Test
    void batteryDrains() {
        Battery battery = new Battery(50, 3600); // 1 % per second
        battery.run(10);
        assertEquals(40, battery.percent());
        battery.run(100);
        assertEquals(0, battery.percent());
    }
}
