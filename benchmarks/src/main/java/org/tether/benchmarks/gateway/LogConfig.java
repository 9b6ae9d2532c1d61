package org.tether.benchmarks.gateway;

/** Points Logback at this package's configuration (HiveMQ and Netty at WARN) unless one was given. */
final class LogConfig {

    private LogConfig() {
    }

    static void init() {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/tether/benchmarks/gateway/logback-bench.xml");
        }
    }
}
