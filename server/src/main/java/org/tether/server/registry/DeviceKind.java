package org.tether.server.registry;

/** 手机 (our app) or 电子定位装置 (ankle bracelet). */
public enum DeviceKind {
    PHONE,
    BRACELET
}
