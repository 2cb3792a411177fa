#!/usr/bin/env bash
# soak.sh: an hour of mixed load on sp4j while its server process is watched (io.sp4j.bench.soak.Soak).
#
#   bench/soak.sh                          # 60 minutes, report in bench/reports/<date>-soak.md
#   SOAK_MINUTES=10 bench/soak.sh          # 10 minutes, report <date>-soak-10min.md
#   SOAK_MINUTES=10 bench/soak.sh --rate 20 --churn 8   # load knobs pass through (Soak run --help)
#
# Knobs (environment):
#   SOAK_MINUTES      minutes of load (default 60); the first 5 are warm-up, left out of the verdicts
#   SOAK_REPORT       the report's path without .md (default bench/reports/<date>-soak[-<N>min])
#   SOAK_WORK         work directory: CSVs, process logs, certificate (default target/soak/<report name>)
#   SOAK_JAVA         the java to run (default: java on PATH), e.g. a JDK 25's bin/java
#   SOAK_SERVER_JAVA_OPTS, SOAK_CLIENT_JAVA_OPTS   JVM flags of the two processes (defaults in
#                     Soak run --help: the server gets -Xmx256m -XX:MaxDirectMemorySize=256m and
#                     Netty's leak detector at paranoid)
# Load knobs (arguments): --rate, --server-rate, --survey-ms, --clients, --churn-ms, --churn,
#   --raw-cuts, --sample-seconds, --warmup-seconds.
#
# 1. builds sp4j-bench/target/spperf.jar (the soak is in it),
# 2. raises the open-file limit,
# 3. runs Soak run: a server process binding every pattern on tcp, ws, ipc, wss and inproc, a client
#    process with the network clients and their churn; then writes the report and its SVG charts.
#    The CSVs stay in the work directory under target/.
# Loopback only (127.0.0.1); ipc sockets in a temporary directory, removed at the end. Ctrl-C, an
# error or the end stops every process it started.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
minutes=${SOAK_MINUTES:-60}
if [ "$minutes" = 60 ]; then suffix=""; else suffix="-${minutes}min"; fi
report=${SOAK_REPORT:-$root/bench/reports/$(date -u +%F)-soak$suffix}
work=${SOAK_WORK:-$root/target/soak/$(basename "$report")}
java=${SOAK_JAVA:-java}

echo "soak.sh: building spperf.jar" >&2
(cd "$root" && mvn -q -B -DskipTests package -pl sp4j-bench -am >&2)

want=16384
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi

ipc_dir=$(mktemp -d "${TMPDIR:-/tmp}/sp4j-soak.XXXXXX")
runner=""
stop() {
  # The runner's shutdown hook kills its two processes; they also end when its pipes close.
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then
    kill -TERM "$runner" 2>/dev/null || true
    wait "$runner" 2>/dev/null || true
  fi
  rm -rf "$ipc_dir"
}
trap stop EXIT
trap 'exit 130' INT TERM

opts=()
[ -n "${SOAK_SERVER_JAVA_OPTS:-}" ] && opts+=(--server-java-opts "$SOAK_SERVER_JAVA_OPTS")
[ -n "${SOAK_CLIENT_JAVA_OPTS:-}" ] && opts+=(--client-java-opts "$SOAK_CLIENT_JAVA_OPTS")
label=$(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)

echo "soak.sh: $minutes min; open files limit $(ulimit -n); report $report.md; work $work" >&2
"$java" -Xmx256m -cp "$root/sp4j-bench/target/spperf.jar" io.sp4j.bench.soak.Soak run \
  --seconds $((minutes * 60)) --work "$work" --report "$report" --ipc-dir "$ipc_dir" \
  --label "$label" "${opts[@]}" "$@" &
runner=$!
wait "$runner"
