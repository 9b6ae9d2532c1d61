package org.tether.benchmarks.gateway;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Linux {@code /proc} readings for the load tests: CPU time, resident memory and open file descriptors of a
 * process, processes by name, the machine's CPU counters and load average. Nothing here forks a process, so
 * sampling every few seconds costs nothing measurable. Every method answers -1 (or an empty list) where
 * {@code /proc} has no answer, e.g. the process ended.
 */
final class Proc {

    /** USER_HZ: clock ticks per second of the CPU times in /proc (100 on every Linux architecture we run on). */
    static final long CLK_TCK = 100;

    private Proc() {
    }

    /** User + system CPU time of the process in clock ticks. */
    static long cpuTicks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** User + system CPU time of one thread of the process in clock ticks. */
    static long cpuTicks(long pid, long tid) {
        return ticks(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "stat"));
    }

    private static long ticks(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Sum of {@link #cpuTicks} over processes; ended ones count 0. */
    static long cpuTicks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Math.max(0, cpuTicks(pid));
        }
        return sum;
    }

    /** Resident set size in KiB (VmRSS). */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Threads of the process. */
    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** Open file descriptors (entries of /proc/pid/fd). */
    static int fdCount(long pid) {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path ignored : fds) {
                n++;
            }
            return n;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The soft limit of open files of the process ("Max open files" in /proc/pid/limits). */
    static long maxOpenFiles(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /** Processes whose command name ({@code /proc/pid/comm}) is {@code comm}. */
    static List<Long> pidsByName(String comm) {
        List<Long> out = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : dirs) {
                try {
                    if (Files.readString(dir.resolve("comm")).trim().equals(comm)) {
                        out.add(Long.parseLong(dir.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc
        }
        return out;
    }

    /** {@code [busy, total]} jiffies of all CPUs since boot, from the first line of /proc/stat. */
    static long[] machineCpu() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = line.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    static long memTotalKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.substring(9).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return -1;
    }

    /**
     * CPU use of a set of processes between two calls of {@link #sample()}, in percent of one core (so 200 %
     * is both cores of a 2-core machine).
     */
    static final class CpuMeter {
        private final java.util.function.Supplier<List<Long>> pids;
        private java.util.Map<Long, Long> last = new java.util.HashMap<>();
        private long lastNanos;

        /** Per process: a process seen for the first time after construction counts with all its CPU time. */
        CpuMeter(java.util.function.Supplier<List<Long>> pids) {
            this.pids = pids;
            for (long pid : pids.get()) {
                last.put(pid, Math.max(0, cpuTicks(pid)));
            }
            this.lastNanos = System.nanoTime();
        }

        static CpuMeter of(long pid) {
            return new CpuMeter(() -> List.of(pid));
        }

        /** Percent of one core since the previous call (or construction). */
        double sample() {
            java.util.Map<Long, Long> now = new java.util.HashMap<>();
            long delta = 0;
            for (long pid : pids.get()) {
                long t = cpuTicks(pid);
                if (t < 0) {
                    continue;
                }
                now.put(pid, t);
                delta += Math.max(0, t - last.getOrDefault(pid, 0L));
            }
            long nanos = System.nanoTime();
            double seconds = (nanos - lastNanos) / 1e9;
            last = now;
            lastNanos = nanos;
            return seconds <= 0 ? 0 : 100.0 * delta / CLK_TCK / seconds;
        }
    }

    /** Busy share of all CPUs of the machine between two calls, in percent of one core. */
    static final class MachineCpuMeter {
        private long[] last = machineCpu();

        double sample() {
            long[] now = machineCpu();
            long dt = now[1] - last[1];
            double pct = dt <= 0 ? 0 : 100.0 * (now[0] - last[0]) / dt * Runtime.getRuntime().availableProcessors();
            last = now;
            return pct;
        }
    }
}
