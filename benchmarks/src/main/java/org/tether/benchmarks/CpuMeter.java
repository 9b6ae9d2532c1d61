package org.tether.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed, for throughput figures that hold up on a shared machine: JMH's scores are wall-clock,
 * and when other processes compete for the cores they measure the share of CPU the benchmark was given as
 * much as the code. Ops per CPU-second still include cache and memory stalls (and the cache pollution of
 * neighbours), but not the time spent descheduled.
 *
 * <p>Reads the calling thread's CPU time, this JVM's CPU time (all threads: GC and JIT included) and,
 * optionally, another local process's CPU time from {@code /proc/<pid>/stat} (a PostgreSQL backend).
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every Linux configuration in use. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private CpuMeter() {
    }

    static long threadNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    static long processNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /** User + system CPU time of a local process, or -1 when it cannot be read (not Linux, remote server). */
    static long otherProcessNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may contain spaces: count from after it.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return (long) (ticks / CLOCK_TICKS_PER_SECOND * 1e9);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
