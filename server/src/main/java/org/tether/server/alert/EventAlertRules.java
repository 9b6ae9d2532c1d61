package org.tether.server.alert;

import java.util.Optional;
import org.tether.gateway.decode.DeviceEventType;
import org.tether.server.registry.DeviceKind;

/**
 * Which device events open an alert and which end its condition. One open alert per device and
 * type; an ending event marks the condition cleared but leaves the alert for an officer to close —
 * a tamper that "cleared itself" is still shown.
 */
public final class EventAlertRules {

    /** Open ({@code raise}) or clear the condition of an alert of {@code type}. */
    public record Action(AlertType type, boolean raise) {
    }

    private EventAlertRules() {
    }

    public static Optional<Action> forEvent(DeviceEventType event, DeviceKind device) {
        return Optional.ofNullable(switch (event) {
            case STRAP_CUT, CASE_OPENED -> new Action(AlertType.TAMPER, true);
            case STRAP_RESTORED, CASE_CLOSED -> new Action(AlertType.TAMPER, false);
            case BATTERY_LOW, BATTERY_CRITICAL -> new Action(AlertType.BATTERY_LOW, true);
            case CHARGER_ON -> new Action(AlertType.BATTERY_LOW, false);
            case BLE_LINK_LOST -> new Action(AlertType.SEPARATION, true);
            case BLE_LINK_RESTORED -> new Action(AlertType.SEPARATION, false);
            case POWER_OFF -> new Action(AlertType.DEVICE_POWER_OFF, true);
            case POWER_ON, ONLINE -> new Action(AlertType.DEVICE_POWER_OFF, false);
            // Phones drop their connection all the time to save battery; only a bracelet's lost
            // connection means something.
            case CONNECTION_LOST -> device == DeviceKind.BRACELET ? new Action(AlertType.DEVICE_POWER_OFF, true) : null;
            case CHARGER_OFF, SOS -> null;
        });
    }
}
