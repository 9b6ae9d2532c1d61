package org.tether.mobile;

import java.util.Objects;
import java.util.UUID;

/** An enrolled phone acting for its person: everything it may touch belongs to {@code personId}. */
public record PhonePrincipal(UUID enrolmentId, UUID personId, String deviceId) {

    public PhonePrincipal {
        Objects.requireNonNull(enrolmentId, "enrolmentId");
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(deviceId, "deviceId");
    }
}
