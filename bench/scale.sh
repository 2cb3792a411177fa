#!/usr/bin/env bash
# scale.sh: sp4j beside nanomsg with many ws:// peers on one socket (io.sp4j.bench.Scale).
#
#   bench/scale.sh                       # both: fan-out (1,000 SUBs) and idle (10,000 connections)
#   bench/scale.sh fanout --subs 100 --messages 5000
#   bench/scale.sh idle --conns 2000
#   SCALE_JAVA_OPTS="-Xmx4g ..." bench/scale.sh   # JVM flags of the processes it starts
#
# 1. builds the nanomsg peer sp4j-bench/src/main/c/nn-scale.c into target/bench/nn-scale
#    (skipped, and so is the nanomsg side, when gcc or libnanomsg-dev is missing),
# 2. builds sp4j-bench/target/spperf.jar (the runner is in it),
# 3. raises the open-file limit (each run holds up to 10,000 sockets in one process),
# 4. runs Scale, which starts the PUB/PULL, the SUBs and the dialers as separate processes
#    and prints one line per measurement. Write-up: bench/reports/2026-11-25-scale.md.
#
# Benchmarks are not tests: nothing here fails on a slow result. Uses 127.0.0.1 only.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin_dir=$root/target/bench
mkdir -p "$bin_dir"

nn_args=()
if gcc -O2 -Wall -Wextra -o "$bin_dir/nn-scale" "$root/sp4j-bench/src/main/c/nn-scale.c" -lnanomsg >&2; then
  nn_args=(--nn "$bin_dir/nn-scale")
else
  echo "scale.sh: cannot build nn-scale (gcc, libnanomsg-dev?): sp4j only" >&2
fi

echo "scale.sh: building spperf.jar" >&2
(cd "$root" && mvn -q -B -DskipTests package -pl sp4j-bench -am >&2)

want=24000
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
echo "scale.sh: open files limit $(ulimit -n), ephemeral ports $(tr '\t' - </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo '?')" >&2

cmd=${1:-all}
[ $# -gt 0 ] && shift
exec java -Xmx512m -cp "$root/sp4j-bench/target/spperf.jar" io.sp4j.bench.Scale "$cmd" "${nn_args[@]}" "$@"
