package org.tether.server.config;

/** The server's whole configuration, bound from YAML with environment overrides by {@link ConfigLoader}. */
public record TetherConfig(HttpConfig http, DatabaseConfig database, MqttConfig mqtt, IngestConfig ingest,
                           GeofenceConfig geofence, StaffConfig staff, AlertsConfig alerts,
                           PhoneConfig phone, PushConfig push, LeaveConfig leave, PointsConfig points,
                           ProcuratorateConfig procuratorate, ConsoleConfig console) {

    /**
     * The staff console's map (served at {@code /console/config.json}).
     *
     * @param tileUrl Leaflet tile URL template; empty = no tiles, zones and markers on a blank background
     * @param tileAttribution the attribution the tile provider requires
     * @param tileMaxZoom the highest zoom the tiles exist for
     * @param centerLat where the map opens, before it fits the office's persons
     * @param centerLon where the map opens
     * @param zoom the zoom it opens at
     * @param positionsPollSeconds how often the live map asks for moved persons ({@code /api/positions?since=})
     */
    public record ConsoleConfig(String tileUrl, String tileAttribution, int tileMaxZoom, double centerLat,
                                double centerLon, int zoom, int positionsPollSeconds) {
    }

    /**
     * Staff sign-in.
     *
     * @param adminUsername      the bootstrap administrator, created at the first start when no administrator exists
     * @param adminPassword      its password (at least 12 characters); empty = no bootstrap administrator
     * @param passwordIterations PBKDF2 iterations for staff passwords (chosen by people, so many)
     * @param sessionHours       how long a bearer token lives
     * @param signIn             the lock-out after repeated failed sign-ins
     */
    public record StaffConfig(String adminUsername, String adminPassword, int passwordIterations, int sessionHours,
                              SignInConfig signIn) {

        /** Never prints the password. */
        @Override
        public String toString() {
            return "StaffConfig[adminUsername=" + adminUsername + ", sessionHours=" + sessionHours + ", signIn=" + signIn + "]";
        }
    }

    /**
     * Lock-out of a user name after consecutive failed sign-ins (counted in the database: it holds across
     * instances and restarts).
     *
     * @param maxFailures consecutive failures that lock the name
     * @param lockMinutes how long it stays locked
     */
    public record SignInConfig(int maxFailures, int lockMinutes) {
    }


    /**
     * The time-driven alert rules ({@code server.watch}). All durations in seconds.
     *
     * @param watchIntervalSeconds how often the watches scan the database for due conditions
     * @param noSignalSeconds per tier: how long without any fix before NO_SIGNAL
     * @param abscondingNoContactSeconds no fix and no device event for this long: SUSPECTED_ABSCONDING
     * @param abscondingOutOfAreaSeconds out of area (condition still holding) for this long: SUSPECTED_ABSCONDING
     * @param leaveReturnGraceSeconds after a leave ends, how long before an unreported return is LEAVE_OVERDUE
     * @param escalateAfterSeconds a HIGH or CRITICAL alert still unacknowledged after this escalates
     * @param separationMeters phone and bracelet farther apart than this (beyond both accuracy radii)...
     * @param separationSeconds ...continuously for this long: SEPARATION
     * @param batteryLowPercent a fix reporting less than this, not charging: BATTERY_LOW
     */
    public record AlertsConfig(long watchIntervalSeconds, TierDurations noSignalSeconds,
                               long abscondingNoContactSeconds, long abscondingOutOfAreaSeconds,
                               long leaveReturnGraceSeconds, long escalateAfterSeconds,
                               double separationMeters, long separationSeconds, int batteryLowPercent) {
    }

    /**
     * The phone app (issue 6). Durations in seconds.
     *
     * @param enrolmentCodeSeconds how long an enrolment code may be redeemed
     * @param tokenSeconds how long a phone's API token lives (enrolling a new phone revokes it earlier)
     * @param enrolFailuresAllowed failed code redemptions from one address within the window before 429
     * @param enrolFailureWindowSeconds that window
     * @param freshFixSeconds a check-in's or an answer's fix may be at most this old
     * @param locationCheckAnswerSeconds default time to answer an officer's location check
     * @param reminderBeforeCloseSeconds the check-in reminder goes out this long before the window closes
     * @param maxPhotoBytes largest check-in photo
     */
    public record PhoneConfig(long enrolmentCodeSeconds, long tokenSeconds, int enrolFailuresAllowed,
                              long enrolFailureWindowSeconds, long freshFixSeconds, long locationCheckAnswerSeconds,
                              long reminderBeforeCloseSeconds, int maxPhotoBytes) {
    }

    /**
     * Push through FCM (Firebase Admin SDK).
     *
     * @param serviceAccountFile the Firebase service-account JSON; empty = push is off (logged at start)
     * @param pollMillis how often the dispatcher looks for due messages in the outbox
     * @param maxAttempts attempts before a message is given up (FAILED: not delivered)
     * @param retryBaseSeconds backoff after the first transient failure, doubled each time
     * @param timeoutMillis connect and read timeout of one FCM call
     */
    public record PushConfig(String serviceAccountFile, long pollMillis, int maxAttempts, long retryBaseSeconds,
                             int timeoutMillis) {
    }

    /**
     * Points (量化积分) and the monthly assessment (docs/points.md).
     *
     * @param baseScore every person's score before the month's entries
     * @param goodFrom a score from this up is 良好 (GOOD), unless the month holds a sanction
     * @param passFrom a score from this up (below goodFrom) is 合格 (PASS); below it 不合格 (FAIL)
     * @param closeDay month M may be closed from this day of month M+1 on (Asia/Shanghai), 1–28
     * @param autoClose whether the server closes the month just past itself on that day (offices not closed yet)
     * @param alertPoints per alert type: the points of an alert an officer resolved as a confirmed violation
     *     (0 = no entry); every alert type is listed
     * @param entryPoints per manual entry kind: the points of one unit (an hour of community service, an
     *     education session, one commendation or sanction)
     * @param proposals when the close proposes tier changes and sanctions
     * @param board how the 晴雨表 board is published
     */
    public record PointsConfig(int baseScore, int goodFrom, int passFrom, int closeDay, boolean autoClose,
                               java.util.Map<String, Integer> alertPoints, java.util.Map<String, Integer> entryPoints,
                               ProposalConfig proposals, BoardConfig board) {

        public PointsConfig {
            alertPoints = java.util.Map.copyOf(alertPoints);
            entryPoints = java.util.Map.copyOf(entryPoints);
        }
    }

    /**
     * @param failingMonthsForStrict this many consecutive 不合格 months propose 严管
     * @param goodMonthsForLighter this many consecutive 良好 months propose the next lighter tier
     * @param reprimandsForWarning this many 训诫 within reprimandWindowDays propose a 警告
     * @param reprimandWindowDays that window, in days
     * @param lostContactDays a NO_SIGNAL or SUSPECTED_ABSCONDING condition lasting longer proposes a 警告
     */
    public record ProposalConfig(int failingMonthsForStrict, int goodMonthsForLighter, int reprimandsForWarning,
                                 int reprimandWindowDays, int lostContactDays) {
    }

    /**
     * @param names the default for offices that have not chosen: FULL or MASKED names on the board
     * @param pdfFont a TrueType font (or {@code file.ttc,index}) with CJK glyphs, embedded in PDF exports
     */
    public record BoardConfig(String names, String pdfFont) {
    }

    /**
     * Delivery of procuratorate notifications (检察监督; docs/procuratorate.md).
     *
     * @param url the procuratorate's HTTPS endpoint; empty = delivery off (logged at start; notifications are
     *     still recorded and listed)
     * @param sharedSecret the HMAC-SHA256 key both sides hold (at least 32 characters); by environment only
     * @param trustCertFile PEM file of the certificates to trust for the endpoint instead of the JVM's trust
     *     store (a procuratorate's own CA); empty = the JVM's trust store
     * @param pollMillis how often the sender looks for due notifications
     * @param connectTimeoutMillis connect (and TLS) timeout of one attempt
     * @param timeoutMillis an attempt fails when the endpoint sends nothing for this long
     * @param retryBaseMillis backoff after the first failed attempt, doubled each attempt (with jitter)...
     * @param retryMaxMillis ...up to this
     * @param rejectedRetryMillis after a 4xx other than 408/429 (a refusal: bad signature, bad request),
     *     the next attempt waits this long
     * @param undeliveredAlertSeconds a notification still undelivered this long after it was recorded raises
     *     PROCURATORATE_UNDELIVERED
     */
    public record ProcuratorateConfig(String url, String sharedSecret, String trustCertFile, long pollMillis,
                                      int connectTimeoutMillis, int timeoutMillis, long retryBaseMillis,
                                      long retryMaxMillis, long rejectedRetryMillis, long undeliveredAlertSeconds) {

        public boolean deliveryOn() {
            return url != null && !url.isBlank();
        }

        /** Never prints the secret. */
        @Override
        public String toString() {
            return "ProcuratorateConfig[url=" + url + ", trustCertFile=" + trustCertFile + "]";
        }
    }

    /** A duration per supervision tier (严管 strict, 普管 normal, 宽管 lenient), in seconds. */
    public record TierDurations(long strict, long normal, long lenient) {
    }

    /**
     * @param commitLanes group-commit lanes (transactions in flight at once); each person's work stays in one lane
     * @param maxRowsPerCommit upper bound on rows (fixes, events, dead letters) in one transaction
     */
    public record IngestConfig(int commitLanes, int maxRowsPerCommit) {
    }

    /**
     * @param tls HTTPS on {@code port} instead of plain HTTP (off by default: plain HTTP behind a TLS-terminating proxy)
     */
    public record HttpConfig(String host, int port, TlsConfig tls) {
    }

    /**
     * The HTTP listener's TLS. With {@code enabled}, {@code http.port} serves only HTTPS (there is no second,
     * plain port: phone and staff tokens never cross a plain socket). The key comes either as PEM files
     * ({@code certificateFile} + {@code keyFile}) or as a PKCS#12 keystore ({@code keyStoreFile} +
     * {@code keyStorePassword}), not both.
     *
     * @param certificateFile PEM certificate chain, the server's certificate first
     * @param keyFile PEM private key (PKCS#8 {@code BEGIN PRIVATE KEY}, or PKCS#1 {@code BEGIN RSA PRIVATE KEY})
     * @param keyStoreFile PKCS#12 keystore ({@code .p12}/{@code .pfx}) with the key and its chain
     * @param keyStorePassword its password
     */
    public record TlsConfig(boolean enabled, String certificateFile, String keyFile, String keyStoreFile,
                            String keyStorePassword) {

        public boolean usesPem() {
            return certificateFile != null && !certificateFile.isBlank();
        }

        /** Never prints the password. */
        @Override
        public String toString() {
            return "TlsConfig[enabled=" + enabled + ", certificateFile=" + certificateFile + ", keyFile=" + keyFile
                    + ", keyStoreFile=" + keyStoreFile + "]";
        }
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

    /**
     * Leave approval limits (外出请假; {@code server.leave.LeaveLimits}). Days are 24-hour days of the
     * approved period; the year is the calendar year in Asia/Shanghai.
     *
     * @param officerMaxDays the longest leave a justice-office officer (司法所) may approve; longer needs a county supervisor
     * @param maxDays the longest single leave anyone may approve
     * @param maxDaysPerYear the most approved leave per person per calendar year
     */
    public record LeaveConfig(int officerMaxDays, int maxDays, int maxDaysPerYear) {
    }
}
