package org.tether.server.config;

/** The server's whole configuration, bound from YAML with environment overrides by {@link ConfigLoader}. */
public record TetherConfig(HttpConfig http, DatabaseConfig database, MqttConfig mqtt, IngestConfig ingest,
                           GeofenceConfig geofence, StaffConfig staff) {

    /**
     * Staff sign-in.
     *
     * @param adminUsername      the bootstrap administrator, created at the first start when no administrator exists
     * @param adminPassword      its password (at least 12 characters); empty = no bootstrap administrator
     * @param passwordIterations PBKDF2 iterations for staff passwords (chosen by people, so many)
     * @param sessionHours       how long a bearer token lives
     */
    public record StaffConfig(String adminUsername, String adminPassword, int passwordIterations, int sessionHours) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "StaffConfig[adminUsername=" + adminUsername + ", sessionHours=" + sessionHours + "]";
        }
    }

    /**
     * @param commitLanes group-commit lanes (transactions in flight at once); each person's work stays in one lane
     * @param maxRowsPerCommit upper bound on rows (fixes, events, dead letters) in one transaction
     */
    public record IngestConfig(int commitLanes, int maxRowsPerCommit) {
    }

    public record HttpConfig(String host, int port) {
    }

    public record DatabaseConfig(String host, int port, String name, String user, String password,
                                 int poolSize, int maxWaitQueue) {

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        /** Describes the target without the password, for logs. */
        @Override
        public String toString() {
            return user + "@" + host + ":" + port + "/" + name;
        }
    }

    /**
     * @param url an external broker as {@code tcp://host:port}; blank = start the embedded broker
     */
    public record MqttConfig(String url, EmbeddedBrokerConfig embedded, String clientId, String username,
                             String password, String sharedGroup, long sessionExpirySeconds, int receiveMaximum,
                             int credentialIterations, String credentialPepper) {

        /** Never prints the secrets. */
        @Override
        public String toString() {
            return "MqttConfig[url=" + url + ", clientId=" + clientId + ", username=" + username + "]";
        }

        public boolean useEmbedded() {
            return url == null || url.isBlank();
        }
    }

    /** @param dataFolder where the broker persists sessions; blank = in memory */
    public record EmbeddedBrokerConfig(String host, int port, String dataFolder) {
    }

    public record GeofenceConfig(ZoneRuleConfig inclusion, ZoneRuleConfig exclusion, ZoneRuleConfig home,
                                 double maxSegmentMeters, double maxSpeedMetersPerSecond, long maxFutureSkewSeconds) {
    }

    public record ZoneRuleConfig(double bufferMeters, int dwellFixes, long dwellSeconds) {
    }
}
