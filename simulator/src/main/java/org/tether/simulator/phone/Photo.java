package org.tether.simulator.phone;

import java.util.Arrays;

/** An image the phone attaches to a check-in, with its media type ({@code image/jpeg} or {@code image/png}). */
public record Photo(String contentType, byte[] bytes) {

    public Photo {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Photo p && p.contentType.equals(contentType) && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return contentType.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Photo[" + contentType + ", " + bytes.length + " bytes]";
    }
}
