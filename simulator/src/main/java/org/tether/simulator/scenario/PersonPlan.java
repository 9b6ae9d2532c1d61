package org.tether.simulator.scenario;

import org.tether.simulator.device.DeviceKind;
import org.tether.simulator.movement.MovementModel;

/**
 * One simulated person, fully determined before anything runs.
 *
 * @param index          1-based number within the run
 * @param displayName    name shown to staff (never anything resembling an identity number)
 * @param deviceId       their device's id
 * @param deviceKind     bracelet or phone
 * @param role           what they do
 * @param movement       how they move
 * @param movementSeed   seed of their movement randomness
 * @param sensorSeed     seed of their device's GNSS error
 * @param batteryPercent battery level at start
 * @param altitudeM      altitude their device reports
 */
public record PersonPlan(int index, String displayName, String deviceId, DeviceKind deviceKind, Role role,
                         MovementModel movement, long movementSeed, long sensorSeed, double batteryPercent,
                         double altitudeM) {
}
