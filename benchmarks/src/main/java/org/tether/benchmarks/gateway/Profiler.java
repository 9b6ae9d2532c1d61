package org.tether.benchmarks.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A one-off look at where the server's time goes, taken once during a load run: per-thread CPU over 5 s
 * ({@code top -H}), three thread dumps two seconds apart ({@code jcmd Thread.print}), and 100 samples of the
 * benchmark database's sessions ({@code pg_stat_activity}: state, wait event, statement) over 10 s. Forking
 * top and jcmd costs a little CPU at that moment; nothing runs otherwise.
 */
final class Profiler {

    private Profiler() {
    }

    static void profile(long pid, BenchDatabase database, int atSeconds, Path file) {
        try {
            TimeUnit.SECONDS.sleep(atSeconds);
            StringBuilder sb = new StringBuilder();
            sb.append("== profile of server pid ").append(pid).append(" at ").append(atSeconds).append(" s into the load\n\n");
            Thread pg = new Thread(() -> {
                String s = sessions(database);
                synchronized (sb) {
                    sb.append(s);
                }
            });
            pg.start();
            String top = threadCpu(pid, 5);
            String dumps = "";
            for (int i = 0; i < 3; i++) {
                dumps += "== jcmd Thread.print #" + (i + 1) + "\n"
                        + run(List.of(Path.of(ServerProcess.javaBinary()).resolveSibling("jcmd").toString(), Long.toString(pid),
                        "Thread.print")) + "\n";
                TimeUnit.SECONDS.sleep(2);
            }
            pg.join();
            synchronized (sb) {
                sb.append(top).append('\n').append(dumps);
            }
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            System.out.println("profile written to " + file);
        } catch (Exception e) {
            System.err.println("profiling failed: " + e);
        }
    }

    /** CPU per thread (from /proc/pid/task/tid/stat) over {@code seconds}, busiest first, grouped by thread name. */
    static String threadCpu(long pid, int seconds) throws IOException, InterruptedException {
        Map<Long, Long> before = taskTicks(pid);
        TimeUnit.SECONDS.sleep(seconds);
        Map<Long, Long> after = taskTicks(pid);
        Map<String, Double> byName = new TreeMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            long delta = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (delta <= 0) {
                continue;
            }
            String name;
            try {
                name = Files.readString(Path.of("/proc", Long.toString(pid), "task", e.getKey().toString(), "comm")).trim()
                        .replaceAll("[0-9]+$", "#");
            } catch (IOException ex) {
                name = "?";
            }
            byName.merge(name, 100.0 * delta / Proc.CLK_TCK / seconds, Double::sum);
        }
        StringBuilder sb = new StringBuilder("== CPU per thread group (digits folded into #), % of one core over "
                + seconds + " s\n");
        byName.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                .forEach(e -> sb.append(String.format("%7.1f  %s%n", e.getValue(), e.getKey())));
        return sb.toString();
    }

    private static Map<Long, Long> taskTicks(long pid) throws IOException {
        Map<Long, Long> out = new TreeMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks) {
                long tid = Long.parseLong(t.getFileName().toString());
                out.put(tid, Math.max(0, Proc.cpuTicks(pid, tid)));
            }
        }
        return out;
    }

    private static String sessions(BenchDatabase database) {
        Map<String, Integer> counts = new TreeMap<>();
        int samples = 100;
        try (Connection c = database.connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < samples; i++) {
                try (ResultSet rs = st.executeQuery("SELECT state || ' | ' || coalesce(wait_event_type || ':' || wait_event, 'on CPU')"
                        + " || ' | ' || CASE WHEN state = 'idle' THEN '' ELSE left(regexp_replace(query, '\\s+', ' ', 'g'), 90) END"
                        + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'")) {
                    while (rs.next()) {
                        counts.merge(rs.getString(1), 1, Integer::sum);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        } catch (Exception e) {
            return "pg_stat_activity sampling failed: " + e + "\n";
        }
        StringBuilder sb = new StringBuilder("== pg_stat_activity: sessions of the benchmark database, mean over "
                + samples + " samples 100 ms apart (state | wait | statement)\n");
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> sb.append(String.format("%6.2f  %s%n", e.getValue() / (double) samples, e.getKey())));
        return sb.append('\n').toString();
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
