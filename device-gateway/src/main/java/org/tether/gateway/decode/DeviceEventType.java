package org.tether.gateway.decode;

/** What a device can report besides positions. */
public enum DeviceEventType {
    /** 防拆/断带: the strap was cut or removed. */
    STRAP_CUT,
    STRAP_RESTORED,
    /** The device's case was opened. */
    CASE_OPENED,
    CASE_CLOSED,
    BATTERY_LOW,
    /** About 30 minutes left. */
    BATTERY_CRITICAL,
    CHARGER_ON,
    CHARGER_OFF,
    POWER_OFF,
    POWER_ON,
    SOS,
    /** 人机分离 as the bracelet sees it: the BLE link to the paired phone is lost. */
    BLE_LINK_LOST,
    BLE_LINK_RESTORED,
    /** The broker published the device's last will: the connection dropped without a goodbye. */
    CONNECTION_LOST,
    /** The device announced itself online on its status topic. */
    ONLINE
}
