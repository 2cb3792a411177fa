#!/usr/bin/env bash
# startup.sh: how long one-shot runs take, nanocat beside bin/spcat and bin/spperf, for the `java`
# on PATH. Prints a Markdown table: median wall time, CPU time (user + sys) and max RSS of RUNS runs.
#
#   bench/startup.sh                     # RUNS=9, tcp:// and ws://
#   RUNS=15 TRANSPORTS=ws bench/startup.sh
#   PATH=/path/to/jdk-25/bin:$PATH bench/startup.sh
#
# Rows: a one-shot REQ (`--req --connect URL --data ping`) of nanocat, of bin/spcat with its class
# archive (bin/lib/archive.sh; the first run records it, outside the timing) and of bin/spcat with
# SP4J_ARCHIVE=off, each against a nanocat REP; then a short spperf latency pair (local_lat and
# remote_lat, 100 round trips of 64 B, the two timed together) with and without the archive.
# Needs nanocat and GNU time (/usr/bin/time). Benchmarks are not tests: nothing fails on a slow
# result. Uses 127.0.0.1 only; stops only the processes it starts.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${RUNS:-9}
work=$(mktemp -d)
peers=()
trap 'for p in "${peers[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Runs "$@" once; appends "wall_ms cpu_ms rss_kb" to $work/samples. Fails on a wrong reply.
sample() {
  local start end
  start=$(date +%s%N)
  /usr/bin/time -o "$work/time" -f '%U %S %M' "$@" >"$work/out" 2>"$work/err" || {
    echo "startup.sh: failed: $* ($(tail -1 "$work/err"))" >&2; return 1; }
  end=$(date +%s%N)
  read -r user sys rss <"$work/time"
  awk -v w=$(((end - start) / 1000000)) -v u="$user" -v s="$sys" -v r="$rss" \
    'BEGIN { printf "%d %d %d\n", w, (u + s) * 1000, r }' >>"$work/samples"
}

# Prints one table row: name, then the medians of the samples of `runs` runs of "$@".
row() {
  local name=$1
  shift
  : >"$work/samples"
  for _ in $(seq "$runs"); do sample "$@"; done
  for col in 1 2 3; do
    sort -n -k"$col" "$work/samples" | awk -v c="$col" -v m=$(((runs + 1) / 2)) 'NR == m { print $c }'
  done | paste -sd' ' | awk -v n="$name" '{ printf "| %s | %d ms | %d ms | %.1f MB |\n", n, $1, $2, $3 / 1024 }'
}

# Both spperf latency tools at once; one sample covers the pair.
perf_pair() {
  local url="tcp://127.0.0.1:$(free_port)"
  "$root/bin/spperf" local_lat "$url" 64 100 >/dev/null &
  local local_pid=$!
  "$root/bin/spperf" remote_lat "$url" 64 100
  wait "$local_pid"
}

"$root/bin/spcat" --help >/dev/null # builds the jar and records the archive once
"$root/bin/spperf" >/dev/null 2>&1 || true

echo "one-shot runs, $(java -version 2>&1 | head -1), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), medians of $runs"
echo
echo "| run | wall | CPU | max RSS |"
echo "|---|---:|---:|---:|"
for tr in ${TRANSPORTS:-tcp ws}; do
  url="$tr://127.0.0.1:$(free_port)"
  nanocat --rep --bind "$url" --data pong --ascii >/dev/null &
  peers+=($!)
  # The first run waits for the REP to listen (it redials); it is not timed.
  "$root/bin/spcat" --req --connect "$url" --data ping --ascii --recv-timeout 10 >/dev/null
  row "$tr nanocat --req" nanocat --req --connect "$url" --data ping --ascii
  row "$tr bin/spcat --req" "$root/bin/spcat" --req --connect "$url" --data ping --ascii
  row "$tr bin/spcat --req, no archive" env SP4J_ARCHIVE=off "$root/bin/spcat" --req --connect "$url" --data ping --ascii
done
export -f perf_pair free_port
export root
row "tcp spperf local_lat + remote_lat, 100 x 64 B" bash -c perf_pair
row "the same, no archive" env SP4J_ARCHIVE=off bash -c perf_pair
