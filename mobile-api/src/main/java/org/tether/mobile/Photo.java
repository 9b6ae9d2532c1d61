package org.tether.mobile;

import java.util.Objects;

/** A check-in photo: its type as recognised from its first bytes (not as claimed), and the bytes. */
public record Photo(String contentType, byte[] bytes) {

    public Photo {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }
}
