package org.tether.server.procuratorate;

/** How one delivery attempt ended, by the endpoint's answer. */
public enum DeliveryOutcome {
    /** 2xx: the procuratorate has it (a repeat of a delivered key is acknowledged too). */
    DELIVERED,
    /** No answer, timeout, connection error, 5xx, 408 or 429: tried again with exponential backoff. */
    RETRY,
    /** Any other status (401 bad signature, 400, 3xx…): a configuration or contract fault a person must fix;
     *  tried again after {@code procuratorate.rejectedRetryMillis}, flagged in the list and logged. */
    REJECTED;

    public static DeliveryOutcome of(Integer status) {
        if (status == null) {
            return RETRY;
        }
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status >= 500 || status == 408 || status == 429) {
            return RETRY;
        }
        return REJECTED;
    }
}
