package org.tether.gateway.decode;

/**
 * Why input was refused. The code is what the dead-letter table and the per-reason metric record,
 * so it is stable: add new ones, never rename.
 */
public enum RejectReason {
    PAYLOAD_TOO_LARGE("payload_too_large"),
    MALFORMED_JSON("malformed_json"),
    UNSUPPORTED_VERSION("unsupported_version"),
    UNKNOWN_TOPIC("unknown_topic"),
    MISSING_FIELD("missing_field"),
    WRONG_TYPE("wrong_type"),
    BATCH_TOO_LARGE("batch_too_large"),
    COORDINATE_OUT_OF_RANGE("coordinate_out_of_range"),
    INVALID_ACCURACY("invalid_accuracy"),
    UNKNOWN_COORDINATE_SYSTEM("unknown_coordinate_system"),
    UNKNOWN_SOURCE("unknown_source"),
    TIMESTAMP_IN_SECONDS("timestamp_in_seconds"),
    TIMESTAMP_OUT_OF_RANGE("timestamp_out_of_range"),
    DEVICE_MISMATCH("device_mismatch"),
    UNKNOWN_DEVICE("unknown_device"),
    UNBOUND_DEVICE("unbound_device"),
    /** The database refused the data itself (not an outage): kept here rather than retried forever. */
    STORAGE_REJECTED("storage_rejected"),
    /**
     * A well-formed message of a kind that carries no fix, such as an OwnTracks {@code _type} other
     * than {@code location} ({@code lwt}, {@code transition}, {@code encrypted}, …).
     */
    UNSUPPORTED_MESSAGE_TYPE("unsupported_message_type"),
    /**
     * A binary frame whose structure is broken: bad magic, truncated or with trailing bytes, CRC
     * mismatch, record count that disagrees with the length or is zero.
     */
    MALFORMED_FRAME("malformed_frame");

    private final String code;

    RejectReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
