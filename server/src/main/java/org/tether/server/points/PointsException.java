package org.tether.server.points;

/**
 * A points or assessment request that cannot be done as asked: the HTTP status it answers with, the
 * field at fault (or null) and why. Thrown inside the transaction, which it rolls back.
 */
public final class PointsException extends RuntimeException {

    private final int status;
    private final String field;

    public PointsException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static PointsException notFound(String field, String message) {
        return new PointsException(404, field, message);
    }

    public static PointsException conflict(String field, String message) {
        return new PointsException(409, field, message);
    }

    public static PointsException unprocessable(String field, String message) {
        return new PointsException(422, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
