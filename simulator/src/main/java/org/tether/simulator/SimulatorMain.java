package org.tether.simulator;

import org.tether.simulator.cli.SimulatorCommand;

/** Entry point of {@code tether-simulator.jar}. */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(SimulatorCommand.commandLine().execute(args));
    }
}
