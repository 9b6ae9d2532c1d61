package org.tether.benchmarks.insert;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU counters at one instant: this JVM (all threads, and its Vert.x event-loop threads alone), the PostgreSQL
 * backend serving the method under test (/proc/pid/stat), and the whole machine (/proc/stat), so a run can say
 * how much CPU the client, the event loop and the database spent per row, and how busy everything else was.
 */
record CpuSnapshot(long processNanos, long eventLoopNanos, long backendTicks, long machineBusyTicks,
                   long machineTotalTicks) {

    /** USER_HZ of /proc (100 on every Linux we run on). */
    static final long CLK_TCK = 100;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static CpuSnapshot take(int backendPid) {
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long loop = 0;
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            if (infos[i] != null && infos[i].getThreadName().startsWith("vert.x-eventloop-thread")) {
                loop += Math.max(0, THREADS.getThreadCpuTime(ids[i]));
            }
        }
        long[] machine = machineTicks();
        return new CpuSnapshot(process, loop, processTicks(backendPid), machine[0], machine[1]);
    }

    /** User + system ticks of a process, -1 if unreadable. */
    static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {busy, total} ticks of all CPUs (busy = total − idle − iowait). */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
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

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
