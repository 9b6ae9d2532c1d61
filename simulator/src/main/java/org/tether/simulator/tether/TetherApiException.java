package org.tether.simulator.tether;

import java.net.URI;
import java.util.Optional;

/** A call to the staff API failed: the server answered with an error, or could not be reached. */
public final class TetherApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ApiProblem problem;

    public TetherApiException(String method, URI uri, ApiProblem problem) {
        super(method + " " + uri.getPath() + " failed: " + problem.describe());
        this.problem = problem;
    }

    public TetherApiException(String method, URI uri, Throwable cause) {
        super(method + " " + uri + " failed: " + describe(cause), cause);
        this.problem = null;
    }

    public Optional<ApiProblem> problem() {
        return Optional.ofNullable(problem);
    }

    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        if (t instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "timed out";
        }
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
