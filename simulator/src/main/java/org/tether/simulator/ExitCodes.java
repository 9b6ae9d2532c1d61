package org.tether.simulator;

/** Process exit codes of the simulator. */
public final class ExitCodes {

    /** Ran as asked. */
    public static final int OK = 0;
    /**
     * Could not set up or the server refused a request: server not healthy or unreachable, API error (the
     * problem's field and reason are printed), broker unreachable.
     */
    public static final int SETUP_FAILED = 1;
    /** Bad command line (picocli's default). */
    public static final int USAGE = 2;
    /**
     * A simulated phone is not enrolled: no usable state file, or the server no longer accepts its token
     * (revoked by a newer enrolment or an unbinding, or expired). Enrol again with a new code.
     */
    public static final int NOT_ENROLLED = 3;
    /** Stopped by Ctrl-C before finishing setup (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
