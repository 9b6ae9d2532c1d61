#!/usr/bin/env bash
# Geofence engine benchmarks (see docs/benchmarks.md). Builds benchmarks/target/tether-benchmarks.jar, then runs
#   1. GeofenceEvaluationBenchmark - fix evaluations per second on one core, 100,000 persons: in batches of 16
#                                    (evaluateBatch), one at a time (evaluateFix), object path (JMH, ~6 min)
#   2. PostgisCoversBenchmark      - per fix over JDBC, same data: the county-only ST_Covers query and the full
#                                    evaluation in one statement (county, 3 exclusion zones, home) (JMH, ~5 min)
#   3. MemoryFootprint             - heap held per 100,000 persons, twice: as is, and with soft references
#                                    cleared at every collection (~1-2 min each)
# and prints a summary with the measured ratio ours / PostGIS. Logs and CSVs go to benchmarks/target/results/.
#
#   benchmarks/run.sh [--skip-build]
#
# Environment: TETHER_DATABASE_HOST / _PORT / _USER / _PASSWORD (127.0.0.1 / 5432 / tether / tether);
#   JMH_ARGS      extra JMH options for both benchmarks (e.g. "-prof gc");
#   MEMORY_HEAP   heap for MemoryFootprint (default 16g; the 100,000-person snapshot holds about 9 GB).
# Needs ~16 GB of free memory. PostgreSQL with PostGIS is started by bin/ensure-infra if it is not reachable.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=benchmarks/target/results
JAR=benchmarks/target/tether-benchmarks.jar
JMH_ARGS=${JMH_ARGS:-}
MEMORY_HEAP=${MEMORY_HEAP:-16g}
DB_HOST=${TETHER_DATABASE_HOST:-127.0.0.1}
DB_PORT=${TETHER_DATABASE_PORT:-5432}

if [ "${1:-}" != "--skip-build" ]; then
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"
# Run from a private copy: other people rebuilding the module must not swap classes under a running fork.
cp "$JAR" "$OUT/tether-benchmarks.jar"
JAR="$OUT/tether-benchmarks.jar"

load() { cut -d' ' -f1-3 /proc/loadavg; }

{
  echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
  echo "memory:  $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "jvm:     $(java -version 2>&1 | sed -n 2p)"
} | tee "$OUT/machine.txt"

echo
echo "== 1/3 GeofenceEvaluationBenchmark (load average before: $(load))"
LOAD_GEOFENCE=$(load)
# shellcheck disable=SC2086
java -jar "$JAR" 'GeofenceEvaluationBenchmark' -rf csv -rff "$OUT/geofence.csv" $JMH_ARGS | tee "$OUT/geofence.log"

if ! (exec 3<>"/dev/tcp/$DB_HOST/$DB_PORT") 2>/dev/null; then
  bin/ensure-infra
fi
echo
echo "== 2/3 PostgisCoversBenchmark (load average before: $(load))"
LOAD_POSTGIS=$(load)
# shellcheck disable=SC2086
java -jar "$JAR" 'PostgisCoversBenchmark' -rf csv -rff "$OUT/postgis.csv" $JMH_ARGS | tee "$OUT/postgis.log"

echo
echo "== 3/3 MemoryFootprint (load average before: $(load))"
java "-Xms$MEMORY_HEAP" "-Xmx$MEMORY_HEAP" -cp "$JAR" org.tether.benchmarks.MemoryFootprint | tee "$OUT/memory.log"
echo "-- again with soft references cleared at every collection (what stays strongly reachable):"
java "-Xms$MEMORY_HEAP" "-Xmx$MEMORY_HEAP" -XX:SoftRefLRUPolicyMSPerMB=0 -cp "$JAR" org.tether.benchmarks.MemoryFootprint \
  | tee "$OUT/memory-strong.log"

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit",...
score() { awk -F, -v b="$2" '{gsub(/"/, "")} $1 == b {print $5; exit}' "$1"; }
error() { awk -F, -v b="$2" '{gsub(/"/, "")} $1 == b {print $6; exit}' "$1"; }
OURS=$(score "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateBatch)
OURS_ERR=$(error "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateBatch)
ONE=$(score "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateFix)
ONE_ERR=$(error "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateFix)
# Forks run in method order: evaluateBatch, evaluateFix, evaluateFixObjectState; postgisCovers, then
# postgisFullEvaluation.
OURS_CPU=$(sed -n 's/^CPU_OPS_PER_SEC=//p' "$OUT/geofence.log" | sed -n 1p)
OURS_PCPU=$(sed -n 's/^PROCESS_CPU_OPS_PER_SEC=//p' "$OUT/geofence.log" | sed -n 1p)
ONE_CPU=$(sed -n 's/^CPU_OPS_PER_SEC=//p' "$OUT/geofence.log" | sed -n 2p)
ONE_PCPU=$(sed -n 's/^PROCESS_CPU_OPS_PER_SEC=//p' "$OUT/geofence.log" | sed -n 2p)
OBJ=$(score "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateFixObjectState)
OBJ_ERR=$(error "$OUT/geofence.csv" org.tether.benchmarks.GeofenceEvaluationBenchmark.evaluateFixObjectState)
PG_CPU=$(sed -n 's/^PG_CPU_QUERIES_PER_SEC=//p' "$OUT/postgis.log" | head -1)
PGF_CPU=$(sed -n 's/^PG_CPU_QUERIES_PER_SEC=//p' "$OUT/postgis.log" | tail -1)
PGF=$(score "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.postgisFullEvaluation)
PGF_ERR=$(error "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.postgisFullEvaluation)
PG=$(score "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.postgisCovers)
PG_ERR=$(error "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.postgisCovers)
JTS=$(score "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.jtsCountyCovers)
JTS_ERR=$(error "$OUT/postgis.csv" org.tether.benchmarks.PostgisCoversBenchmark.jtsCountyCovers)
MEM=$(sed -n 's/^MEMORY_PER_100K_MB=//p' "$OUT/memory.log")
SNAP=$(sed -n 's/^SNAPSHOT_PER_100K_MB=//p' "$OUT/memory.log")
STATES=$(sed -n 's/^STATES_PER_100K_MB=//p' "$OUT/memory.log")
MEM_STRONG=$(sed -n 's/^MEMORY_PER_100K_MB=//p' "$OUT/memory-strong.log")

awk -v ours="$OURS" -v oe="$OURS_ERR" -v cpu="$OURS_CPU" -v pcpu="$OURS_PCPU" -v pg="$PG" -v pe="$PG_ERR" \
    -v one="$ONE" -v onee="$ONE_ERR" -v onecpu="$ONE_CPU" -v onepcpu="$ONE_PCPU" \
    -v pgcpu="${PG_CPU:-0}" -v jts="$JTS" -v je="$JTS_ERR" -v obj="$OBJ" -v obje="$OBJ_ERR" \
    -v pgf="$PGF" -v pgfe="$PGF_ERR" -v pgfcpu="${PGF_CPU:-0}" \
    -v mem="$MEM" -v snap="$SNAP" -v states="$STATES" -v strong="$MEM_STRONG" \
    -v lg="$LOAD_GEOFENCE" -v lp="$LOAD_POSTGIS" 'BEGIN {
  ratio = ours / pg
  fratio = ours / pgf
  printf "\n================ Geofence engine benchmark summary ================\n"
  printf "engine, full evaluation, batches of 16 (1 thread): %9.0f ± %.0f fixes/s   (load avg before: %s)\n", ours, oe, lg
  printf "  per CPU-second of the benchmark thread     : %12.0f fixes/s\n", cpu
  printf "  per CPU-second of the JVM (GC, JIT incl.)  : %12.0f fixes/s\n", pcpu
  printf "engine, full evaluation, one fix at a time   : %12.0f ± %.0f fixes/s\n", one, onee
  printf "  per CPU-second of the benchmark thread     : %12.0f fixes/s\n", onecpu
  printf "  per CPU-second of the JVM (GC, JIT incl.)  : %12.0f fixes/s\n", onepcpu
  printf "PostGIS ST_Covers(county) per fix over JDBC  : %12.0f ± %.0f queries/s (load avg before: %s)\n", pg, pe, lp
  if (pgcpu > 0)
    printf "  per CPU-second of client JVM + backend     : %12.0f queries/s\n", pgcpu
  printf "engine, object path (UUID lookup, immutable state): %7.0f ± %.0f fixes/s\n", obj, obje
  printf "PostGIS full evaluation per fix (1 statement): %12.0f ± %.0f queries/s\n", pgf, pgfe
  if (pgfcpu > 0)
    printf "  per CPU-second of client JVM + backend     : %12.0f queries/s\n", pgfcpu
  printf "engine PreparedZone.covers(county) only      : %12.0f ± %.0f ops/s\n", jts, je
  printf "RATIO engine / PostGIS full evaluation       : %12.1f x  (like for like; wall-clock scores of this run; batches)\n", fratio
  printf "  one fix at a time / PostGIS full evaluation: %12.1f x\n", one / pgf
  if (pgfcpu > 0)
    printf "  same ratio per CPU-second (JVM / client+backend): %7.1f x\n", pcpu / pgfcpu
  printf "ratio engine / PostGIS county-only ST_Covers : %12.1f x  (generous to PostGIS)\n", ratio
  if (pgcpu > 0)
    printf "  same ratio per CPU-second (JVM / client+backend): %7.1f x\n", pcpu / pgcpu
  printf "memory per 100,000 persons (snapshot+states) : %12.1f MB  (snapshot %.1f MB, states %.1f MB)\n", mem, snap, states
  printf "  of which strongly reachable                : %12.1f MB  (the rest: soft-referenced caches)\n", strong
  printf "target >= 1,000,000 fixes/s on one core      : %s in batches of 16; %s one fix at a time\n", \
    ours >= 1000000 ? "MET" : "NOT MET", one >= 1000000 ? "MET" : "NOT MET"
  printf "target >= 100x PostGIS (full evaluation)     : %s\n", fratio >= 100 ? "MET" : "NOT MET"
}' | tee "$OUT/summary.txt"
