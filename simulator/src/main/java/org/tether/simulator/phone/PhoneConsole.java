package org.tether.simulator.phone;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What the person running a simulated phone reads: progress on standard output, errors on standard error.
 * Never prints the API token or the MQTT password.
 */
public final class PhoneConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final ZoneId zone;
    private final Clock clock;

    public PhoneConsole(PrintWriter out, PrintWriter err, ZoneId zone, Clock clock) {
        this.out = out;
        this.err = err;
        this.zone = zone;
        this.clock = clock;
    }

    public void enrolled(EnrolledPhone phone, Path stateFile) {
        line("Enrolled phone %s for person %s; MQTT login %s on %s (topic %s)", phone.deviceId(), phone.personId(),
                phone.mqttUsername(), phone.broker(), phone.fixTopic());
        line("Token and MQTT password saved to %s (owner-only); token expires %s", stateFile,
                phone.expiresAt() == null ? "(not said)" : phone.expiresAt());
    }

    public void running(EnrolledPhone phone, PhoneRunOptions o) {
        line("Phone %s (person %s) running: a fix every %s s over MQTT to %s; location checks polled every %s s%s%s",
                phone.deviceId(), phone.personId(), seconds(o.interval()), phone.broker(), seconds(o.checkPoll()),
                o.ignoreChecks() ? ", IGNORED" : ", answered after " + seconds(o.answerDelay()) + " s",
                o.checksIn() ? "; a check-in every " + seconds(o.checkInEvery()) + " s"
                        + (o.photo() == PhotoKind.NONE ? "" : " with a " + o.photo() + " photo") : "");
        line(o.runsUntilStopped() ? "Press Ctrl-C to stop." : "Running for " + o.duration().toSeconds()
                + " s; Ctrl-C stops earlier.");
    }

    public void checkedIn(PhoneApi.CheckInReceipt receipt, PhoneFix fix, boolean withPhoto) {
        line("Checked in [%s] at %.6f, %.6f (±%.0f m): %s the window, area %s%s", receipt.id(), fix.lat(), fix.lon(),
                fix.accuracy(), receipt.inWindow() ? "in" : "OUTSIDE", receipt.area(), withPhoto ? ", photo attached" : "");
    }

    public void checkSeen(PhoneApi.LocationCheck check, boolean ignoring, long answerDelayS) {
        line("Location check %s requested %s, due %s: %s", check.id(), time(check.requestedAt()), time(check.dueAt()),
                ignoring ? "ignoring it (--ignore-checks)" : "answering in " + answerDelayS + " s");
    }

    public void answered(PhoneApi.LocationCheck answered, PhoneFix fix) {
        line("Answered location check %s at %.6f, %.6f (±%.0f m): %s, area %s", answered.id(), fix.lat(), fix.lon(),
                fix.accuracy(), answered.late() ? "LATE" : "in time", answered.area());
    }

    public void summary(PhoneRunStats.Snapshot s) {
        line("Done: fixes sent %d (acknowledged %d, failed %d); check-ins %d (with photo %d); location checks seen "
                        + "%d (answered %d, ignored %d); failed requests %d", s.fixesSent(), s.fixesAcknowledged(),
                s.fixesFailed(), s.checkIns(), s.photos(), s.checksSeen(), s.checksAnswered(), s.checksIgnored(),
                s.requestsFailed());
    }

    public void info(String message) {
        line("%s", message);
    }

    public void warning(String message) {
        err.println("WARNING: " + message);
        err.flush();
    }

    public void error(String message, List<String> hints) {
        err.println("ERROR: " + message);
        hints.forEach(h -> err.println("  " + h));
        err.flush();
    }

    private void line(String format, Object... args) {
        out.println(TIME.format(clock.instant().atZone(zone)) + "  " + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private String time(Instant instant) {
        return instant == null ? "-" : TIME.format(instant.atZone(zone));
    }

    private static String seconds(java.time.Duration d) {
        double s = d.toMillis() / 1000.0;
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }
}
