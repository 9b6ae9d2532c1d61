package org.tether.benchmarks.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.tether.geofence.eval.Evaluation;
import org.tether.geofence.eval.FixClass;
import org.tether.geofence.eval.GeofenceEvaluator;
import org.tether.geofence.eval.GeofencePolicy;
import org.tether.geofence.eval.PersonGeofenceState;
import org.tether.geofence.fix.Fix;
import org.tether.geofence.fix.PositionSource;
import org.tether.geofence.geo.GeoPoint;
import org.tether.geofence.geo.Geodesy;
import org.tether.geofence.zone.BoundaryProximity;
import org.tether.geofence.zone.PersonRules;
import org.tether.geofence.zone.PreparedZone;
import org.tether.geofence.zone.Zone;
import org.tether.geofence.zone.ZoneDensifier;
import org.tether.geofence.zone.ZoneKind;
import org.tether.geofence.zone.ZoneSnapshot;

/** Quick checks that the benchmark data is what the benchmark claims it is (a small county population). */
class CountyDatasetTest {

    private static final int PERSONS = 1_000;
    private static final int ROUNDS = 8;
    private static CountyDataset dataset;
    private static PreparedZone county;
    private static ZoneSnapshot snapshot;

    @BeforeAll
    static void generate() {
        dataset = CountyDataset.generate(new CountyDataset.Config(7L, PERSONS, ROUNDS));
        county = new PreparedZone(dataset.countyZone());
        snapshot = dataset.buildSnapshot();
    }

    @Test
    void countyIsAValidIrregularPolygonOfAtLeast2000VerticesAroundHangzhou() {
        Polygon c = dataset.county();
        assertTrue(c.getNumPoints() >= 2_000, "vertices: " + c.getNumPoints());
        assertTrue(new IsValidOp(c).isValid(), () -> String.valueOf(new IsValidOp(c).getValidationError()));
        assertEquals(4326, c.getSRID());
        assertEquals(0, c.getNumInteriorRing());
        double minR = Double.MAX_VALUE;
        double maxR = 0;
        for (var v : c.getCoordinates()) {
            double r = Geodesy.distanceMeters(CountyDataset.COUNTY_CENTRE, new GeoPoint(v.y, v.x));
            minR = Math.min(minR, r);
            maxR = Math.max(maxR, r);
        }
        assertTrue(minR > 20_000 && maxR < 60_000, "radius range " + minR + " .. " + maxR);
        assertTrue(maxR - minR > 5_000, "irregular, not a circle: " + minR + " .. " + maxR);
        assertTrue(county.covers(CountyDataset.COUNTY_CENTRE));
    }

    @Test
    void everyPersonHasAHomeCircleAndThreeValidExclusionPolygonsInsideTheCounty() {
        PreparedGeometry countyPrepared = PreparedGeometryFactory.prepare(dataset.county());
        for (int p = 0; p < PERSONS; p++) {
            GeoPoint home = dataset.home(p);
            assertEquals(BoundaryProximity.INSIDE, county.locate(home, 1_000), "home " + p + " >= 1 km inside");
            for (int j = 0; j < CountyDataset.EXCLUSIONS_PER_PERSON; j++) {
                Polygon ex = dataset.exclusion(p, j);
                int vertices = ex.getNumPoints() - 1;
                assertTrue(vertices >= 20 && vertices <= 200, "vertices " + vertices);
                assertTrue(ex.isValid(), "exclusion " + p + "/" + j);
                assertTrue(countyPrepared.covers(ex), "exclusion " + p + "/" + j + " inside the county");
                if (p < 50) {
                    assertEquals(ex.getNumPoints(), ZoneDensifier.densify(ex, 1_000).getNumPoints(),
                            "already densified");
                }
                PreparedZone z = new PreparedZone(new Zone(UUID.randomUUID(), "x", ZoneKind.EXCLUSION, ex));
                assertEquals(BoundaryProximity.OUTSIDE, z.locate(home, 250), "home clear of exclusion " + p + "/" + j);
                double d = Geodesy.distanceMeters(home, new GeoPoint(ex.getCentroid().getY(), ex.getCentroid().getX()));
                assertTrue(d > 300 && d < 5_600, "exclusion centre " + d + " m from home");
            }
        }
        long homes = dataset.zones().stream().filter(z -> z.kind() == ZoneKind.HOME).count();
        assertEquals(PERSONS, homes);
        assertTrue(dataset.zones().stream().filter(Zone::isCircle)
                .allMatch(z -> z.radiusMeters() == CountyDataset.HOME_RADIUS_METERS && z.kind() == ZoneKind.HOME));
    }

    @Test
    void snapshotPreparesTheCountyOnceAndGivesEveryoneTheirRules() {
        assertEquals(1 + PERSONS * (1 + CountyDataset.EXCLUSIONS_PER_PERSON), snapshot.zoneCount());
        assertEquals(PERSONS, snapshot.personCount());
        PersonRules first = snapshot.zonesFor(dataset.personId(0));
        PersonRules last = snapshot.zonesFor(dataset.personId(PERSONS - 1));
        assertSame(first.inclusion().get(0), last.inclusion().get(0), "county prepared once");
        assertEquals(3, first.exclusion().size());
        assertNotNull(first.home());
        assertNotNull(first.curfew());
        assertEquals(7, first.curfew().windows().size());
    }

    @Test
    void fixMixMatchesTheSpec() {
        CountyDataset.Fixes f = dataset.fixes();
        assertEquals(PERSONS * ROUNDS, f.size());
        int[] kinds = new int[3];
        int wifi = 0;
        for (int i = 0; i < f.size(); i++) {
            kinds[f.kind[i]]++;
            GeoPoint pos = new GeoPoint(f.lat[i], f.lon[i]);
            int p = f.person[i];
            switch (f.kind[i]) {
                case CountyDataset.NEAR_HOME -> assertTrue(
                        Geodesy.distanceMeters(dataset.home(p), pos) <= CountyDataset.NEAR_HOME_METERS + 1);
                case CountyDataset.NEAR_COUNTY_EDGE -> assertTrue(county.boundaryWithin(pos, 101), "fix " + i);
                default -> {
                    boolean near = false;
                    for (int j = 0; j < CountyDataset.EXCLUSIONS_PER_PERSON && !near; j++) {
                        near = new PreparedZone(new Zone(UUID.randomUUID(), "x", ZoneKind.EXCLUSION,
                                dataset.exclusion(p, j))).boundaryWithin(pos, 101);
                    }
                    assertTrue(near, "fix " + i + " near an exclusion edge of person " + p);
                }
            }
            if (f.source(i) == PositionSource.WIFI) {
                wifi++;
                assertTrue(f.accuracy[i] >= 100 && f.accuracy[i] <= 500);
            } else {
                assertEquals(PositionSource.GNSS, f.source(i));
                assertTrue(f.accuracy[i] >= 5 && f.accuracy[i] <= 20);
            }
        }
        double n = f.size();
        assertTrue(Math.abs(kinds[CountyDataset.NEAR_HOME] / n - 0.90) < 0.02, Arrays.toString(kinds));
        assertTrue(Math.abs(kinds[CountyDataset.NEAR_COUNTY_EDGE] / n - 0.05) < 0.015, Arrays.toString(kinds));
        assertTrue(Math.abs(kinds[CountyDataset.NEAR_EXCLUSION_EDGE] / n - 0.05) < 0.015, Arrays.toString(kinds));
        assertTrue(Math.abs(wifi / n - 0.10) < 0.02, "wifi " + wifi);
    }

    @Test
    void everyFixIsAcceptedAndTimesAdvanceAMinutePerPersonAcrossReplays() {
        GeofenceEvaluator evaluator = new GeofenceEvaluator(GeofencePolicy.defaults());
        PersonGeofenceState[] states = new PersonGeofenceState[PERSONS];
        Arrays.fill(states, PersonGeofenceState.INITIAL);
        long[] lastSecond = new long[PERSONS];
        String[] devices = dataset.deviceIds();
        CountyDataset.Fixes f = dataset.fixes();
        int changes = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < f.size(); i++) {
                int p = f.person[i];
                Fix fix = f.fix(i, pass, devices);
                long s = fix.time().getEpochSecond();
                if (lastSecond[p] != 0) {
                    assertEquals(lastSecond[p] + CountyDataset.FIX_INTERVAL_SECONDS, s, "fix " + i + " pass " + pass);
                }
                lastSecond[p] = s;
                Evaluation ev = evaluator.evaluate(states[p], fix, snapshot.zonesFor(dataset.personId(p)), fix.time());
                assertEquals(FixClass.ACCEPTED, ev.fixClass(), "fix " + i + " pass " + pass);
                states[p] = ev.state();
                changes += ev.changes().size();
            }
        }
        assertTrue(changes > 0, "some violations start and end");
    }

    @Test
    void sameSeedSameData() {
        CountyDataset again = CountyDataset.generate(new CountyDataset.Config(7L, PERSONS, ROUNDS));
        assertTrue(again.county().equalsExact(dataset.county()));
        assertEquals(dataset.personId(PERSONS - 1), again.personId(PERSONS - 1));
        assertTrue(again.exclusion(PERSONS - 1, 2).equalsExact(dataset.exclusion(PERSONS - 1, 2)));
        assertArrayEquals(dataset.fixes().lat, again.fixes().lat);
        assertArrayEquals(dataset.fixes().person, again.fixes().person);
    }
}
