package org.tether.simulator;

/** Process exit codes of the simulator. */
public final class ExitCodes {

    /** Ran as asked. */
    public static final int OK = 0;
    /** Could not set up: server not healthy, API error, broker unreachable. */
    public static final int SETUP_FAILED = 1;
    /** Bad command line (picocli's default). */
    public static final int USAGE = 2;
    /** Stopped by Ctrl-C before finishing setup (128 + SIGINT). */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
