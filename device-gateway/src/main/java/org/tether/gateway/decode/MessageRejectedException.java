package org.tether.gateway.decode;

/** The whole message is refused (as opposed to single fixes of a batch). */
public final class MessageRejectedException extends Exception {

    private final transient Rejection rejection;

    public MessageRejectedException(Rejection rejection) {
        super(rejection.reason().code() + ": " + rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
