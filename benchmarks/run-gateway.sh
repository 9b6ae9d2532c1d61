#!/usr/bin/env bash
# Gateway ingestion load tests (docs/benchmarks.md, "Gateway ingestion"). Builds the server and the benchmarks
# jars, then runs, all against 127.0.0.1 only, each bounded in time and stopping by itself:
#   1. BrokerCeiling  - bare publisher -> broker -> subscriber, Tether's fix payloads at QoS 1, 1,000 publishers:
#        a. the local Mosquitto on 127.0.0.1:1883 as installed (anonymous)
#        b. a private Mosquitto with the limits docs/device-integration.md recommends (free port, stopped after)
#        c. the gateway's embedded HiveMQ CE without the auth extension, in a JVM of its own (-Xmx2g)
#      (~1.5 min each)
#   2. GatewayLoad    - the real server (java -Xmx2g -jar tether-server.jar, fresh database tether_bench_*):
#        100,000 devices over 1,000 vendor connections, RATE fixes/s for DURATION s, geofence evaluation on
#        (~DURATION + 3 min)
#   3. GatewayLoad what-if (WHATIF=1; off by default since the server ships both changes: in-flight window 5,000
#        and a plain subscription on its embedded broker): the server started with HiveMQ's in-flight window forced
#        to 1,000 (~DURATION + 3 min)
#   3b. the batched scenario (BATCH=10, default; 0 = skip): BrokerCeiling on the embedded broker and GatewayLoad, both
#        with BATCH fixes per message (RATE stays in fixes/s, so RATE / BATCH messages/s) (~DURATION + 5 min)
#   4. ConnectionHold - 10,000 authenticated device connections held 60 s on the server's embedded broker (~3 min)
# and prints a summary with the ratio ours / ceiling. Logs and JSON results go to benchmarks/target/gateway/.
#
#   benchmarks/run-gateway.sh [--skip-build]
#
# Environment: RATE (15000), DURATION (300), WHATIF (0), BATCH (10), LOCK (/tmp/tether-bench.lock; "" = no flock), TETHER_DATABASE_HOST / _PORT / _USER / _PASSWORD
#   (127.0.0.1 / 5432 / tether / tether; the role must be allowed to CREATE DATABASE).
# Needs PostgreSQL with PostGIS and Mosquitto (bin/ensure-infra --mosquitto starts them), ~6 GB of free memory.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=benchmarks/target/gateway
RATE=${RATE:-15000}
DURATION=${DURATION:-300}
WHATIF=${WHATIF:-0}
BATCH=${BATCH:-10}
LOCK=${LOCK-/tmp/tether-bench.lock}
DB_HOST=${TETHER_DATABASE_HOST:-127.0.0.1}
DB_PORT=${TETHER_DATABASE_PORT:-5432}

if [ "${1:-}" != "--skip-build" ]; then
  mvn -B -ntp -q -pl server -am package -DskipTests
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
if ! port_open "$DB_HOST" "$DB_PORT" || ! port_open 127.0.0.1 1883; then
  bin/ensure-infra --mosquitto
fi

# 10,000 connections need 10,000 descriptors in the server and in the load generator: raise the limit if we may.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

# Run from copies: a rebuild of benchmarks/ or server/ during a run must not swap classes under a live JVM.
mkdir -p "$OUT/jars"
cp benchmarks/target/tether-benchmarks.jar server/target/tether-server.jar "$OUT/jars/"
JAR=$OUT/jars/tether-benchmarks.jar
SERVER=$OUT/jars/tether-server.jar
PKG=org.tether.benchmarks.gateway

{
  echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "cpu:     $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), nproc $(nproc)"
  echo "memory:  $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "jvm:     $(java -version 2>&1 | sed -n 2p)"
  echo "broker:  $(mosquitto -h 2>/dev/null | head -1)"
  echo "open files: $(ulimit -n)"
} | tee "$OUT/machine.txt"

load() { cut -d' ' -f1-3 /proc/loadavg; }
run() {
  local name=$1; shift
  echo
  echo "== $name (load average before: $(load))"
  # One exclusive hold of the shared machine's benchmark lock per run, released between runs (empty LOCK: none).
  if [ -n "$LOCK" ]; then
    flock -x "$LOCK" java "$@" 2>&1 | tee "$OUT/$name.log" || echo "($name failed; see $OUT/$name.log)"
  else
    java "$@" 2>&1 | tee "$OUT/$name.log" || echo "($name failed; see $OUT/$name.log)"
  fi
}

run ceiling-mosquitto-installed -Xmx1g -cp "$JAR" $PKG.BrokerCeiling --broker mosquitto --host 127.0.0.1 --port 1883
# Mosquitto 2.0.11 with max_inflight_messages 1000 sends more than a receive maximum of 1,000 or 5,000 (the HiveMQ
# client then disconnects), so this subscriber announces the protocol's maximum.
run ceiling-mosquitto-private -Xmx1g -cp "$JAR" $PKG.BrokerCeiling --broker mosquitto --spawn-mosquitto \
  --receive-maximum 65535
run ceiling-embedded -Xmx1g -cp "$JAR" $PKG.BrokerCeiling --broker embedded --broker-heap 2g
run gateway-load -Xmx1g -cp "$JAR" $PKG.GatewayLoad --server-jar "$SERVER" --rate "$RATE" --duration "$DURATION" \
  --drain-timeout 60 --profile-at $((DURATION / 2))
if [ "$WHATIF" = 1 ]; then
  run gateway-load-whatif -Xmx1g -cp "$JAR" $PKG.GatewayLoad --server-jar "$SERVER" --rate "$RATE" \
    --duration "$DURATION" --drain-timeout 60 --profile-at $((DURATION / 2)) \
    --broker-inflight-window 1000 --receive-maximum 1000 --server-env TETHER_MQTT_SHAREDGROUP=
fi
if [ "$BATCH" -gt 1 ]; then
  run ceiling-embedded-batch -Xmx1g -cp "$JAR" $PKG.BrokerCeiling --broker embedded --broker-heap 2g \
    --fixes-per-message "$BATCH"
  run gateway-load-batch -Xmx1g -cp "$JAR" $PKG.GatewayLoad --server-jar "$SERVER" --rate "$RATE" \
    --duration "$DURATION" --drain-timeout 60 --fixes-per-message "$BATCH"
fi
run connection-hold -Xmx2g -cp "$JAR" $PKG.ConnectionHold --server-jar "$SERVER" --devices 10000 --hold 60

value() { sed -n "s/^$2=//p" "$OUT/$1.log" | tail -1; }
M_INST=$(value ceiling-mosquitto-installed CEILING_MSGS_PER_SEC)
M_PRIV=$(value ceiling-mosquitto-private CEILING_MSGS_PER_SEC)
HIVE=$(value ceiling-embedded CEILING_MSGS_PER_SEC)
OURS=$(value gateway-load OURS_COMMITTED_PER_SEC)
WHAT=$( [ "$WHATIF" = 1 ] && value gateway-load-whatif OURS_COMMITTED_PER_SEC || echo 0)
HELD=$(value connection-hold HOLD_CONNECTED)
if [ "$BATCH" -gt 1 ]; then
  echo "batched ($BATCH fixes/message): ceiling $(value ceiling-embedded-batch CEILING_FIXES_PER_SEC) fixes/s," \
    "ours $(value gateway-load-batch OURS_COMMITTED_PER_SEC) fixes/s committed (paced at $RATE)" | tee "$OUT/summary-batch.txt"
fi
GREW=$(grep -q 'backlog.*-> GREW' "$OUT/gateway-load.log" && echo grew || echo "did not grow")

awk -v mi="$M_INST" -v mp="$M_PRIV" -v hv="$HIVE" -v ours="$OURS" -v what="$WHAT" -v held="$HELD" \
    -v rate="$RATE" -v grew="$GREW" 'BEGIN {
  best = mp > hv ? mp : hv
  if (hv <= 0) hv = 1e-9
  if (best <= 0) best = 1e-9
  printf "\n================ Gateway ingestion summary ================\n"
  printf "ceiling, Mosquitto as installed (127.0.0.1:1883)   : %8.0f msgs/s\n", mi
  printf "ceiling, Mosquitto with the guide'"'"'s limits         : %8.0f msgs/s\n", mp
  printf "ceiling, embedded HiveMQ CE (no auth)              : %8.0f msgs/s\n", hv
  printf "ours, fixes committed/s sustained (as shipped)     : %8.0f /s  (backlog %s)\n", ours, grew
  printf "ours / ceiling (embedded HiveMQ)                   : %8.1f %%\n", 100 * ours / hv
  printf "ours / best ceiling                                : %8.1f %%\n", 100 * ours / best
  if (what > 0) printf "what-if (in-flight 1000, plain subscription)       : %8.0f /s  (%.1f %% of the embedded ceiling)\n", what, 100 * what / hv
  printf "connections held 60 s on the embedded broker       : %8d\n", held
  printf "target >= %d fixes/s, no backlog growth          : %s\n", rate, (ours >= rate && grew != "grew") ? "MET" : "NOT MET"
  printf "target ours / ceiling >= 50 %%                      : %s\n", (ours / hv >= 0.5 && ours / best >= 0.5) ? "MET" : "NOT MET"
  printf "target >= 10,000 connections held                  : %s\n", held >= 10000 ? "MET" : "NOT MET"
}' | tee "$OUT/summary.txt"
