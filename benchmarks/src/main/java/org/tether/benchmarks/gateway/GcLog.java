package org.tether.benchmarks.gateway;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows a child JVM's {@code -Xlog:gc:file=…} log (unified logging, one line per collection, e.g.
 * {@code GC(12) Pause Young (Normal) (G1 Evacuation Pause) 512M->130M(2048M) 5.123ms}) and reports the heap
 * without forking {@code jcmd}: used after the last collection (≈ live data), committed, the peak before a
 * collection, and the pause time per interval.
 */
final class GcLog {

    private static final Pattern LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)\\s+([\\d.]+)ms");

    private final Path file;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    private long usedAfterMb = -1;
    private long committedMb = -1;
    private long maxUsedBeforeMb = -1;
    private long maxUsedAfterMb = -1;
    private long collections;
    private double pauseMsTotal;
    private double pauseMsSinceLastRead;
    private long collectionsSinceLastRead;

    GcLog(Path file) {
        this.file = file;
    }

    /** Reads the lines appended since the last call. */
    synchronized GcLog poll() {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length < offset) {
                offset = 0; // rotated
            }
            if (length == offset) {
                return this;
            }
            in.seek(offset);
            byte[] bytes = new byte[(int) Math.min(length - offset, 16 << 20)];
            in.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return this; // not there yet
        }
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            parse(partial.substring(0, nl));
            partial.delete(0, nl + 1);
        }
        return this;
    }

    private void parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            return;
        }
        long before = Long.parseLong(m.group(1));
        long after = Long.parseLong(m.group(2));
        usedAfterMb = after;
        committedMb = Long.parseLong(m.group(3));
        maxUsedBeforeMb = Math.max(maxUsedBeforeMb, before);
        maxUsedAfterMb = Math.max(maxUsedAfterMb, after);
        double pause = Double.parseDouble(m.group(4));
        collections++;
        collectionsSinceLastRead++;
        pauseMsTotal += pause;
        pauseMsSinceLastRead += pause;
    }

    synchronized long usedAfterMb() {
        return usedAfterMb;
    }

    synchronized long committedMb() {
        return committedMb;
    }

    synchronized long maxUsedBeforeMb() {
        return maxUsedBeforeMb;
    }

    synchronized long maxUsedAfterMb() {
        return maxUsedAfterMb;
    }

    synchronized long collections() {
        return collections;
    }

    synchronized double pauseMsTotal() {
        return pauseMsTotal;
    }

    /** Pause milliseconds since the previous call. */
    synchronized double takePauseMs() {
        double p = pauseMsSinceLastRead;
        pauseMsSinceLastRead = 0;
        collectionsSinceLastRead = 0;
        return p;
    }
}
