#!/usr/bin/env bash
# profile.sh: where one perf-tool pair spends its time, sp4j beside nanomsg in the same configuration.
#
#   bench/profile.sh thr ws 64                 # sp4j pair profiled (CPU), then nanomsg's pair
#   bench/profile.sh lat tcp 64
#   MODE=alloc bench/profile.sh thr tcp 1024   # MODE: cpu (default), alloc, wall, none
#   IMPLS=sp4j REPS=3 MODE=none bench/profile.sh thr ws 64   # CPU per message only, 3 runs
#
# For each implementation in IMPLS (default "sp4j nn") and each of REPS runs it starts the pair
# (bin/spperf local_* / remote_*, or nanomsg's own tools built from ../shared/bench) on
# 127.0.0.1, waits until the messages flow, lets WARM_S seconds pass, and then over WINDOW_S
# seconds of steady state:
#  - profiles each JVM with async-profiler 3.0 (loaded into the running JVM, so start-up and
#    warm-up are left out; MODE cpu samples CPU time every INTERVAL, alloc samples allocations,
#    wall samples every thread whether it runs or not) and each C tool with `perf record -g`
#    (MODE cpu only),
#  - reads every thread's CPU time (user/sys) and context switches from /proc at both ends, and
#    runs `perf stat -p` over the same window.
# CPU per message = CPU time of both processes in the window / (the tool's own rate x window).
# Writes under OUT (default target/profiles/<time>-<kind>-<transport>-<size>/<impl>-<rep>/):
# local.collapsed / remote.collapsed (collapsed stacks, one root frame per thread), a flame graph
# *.html of each, window.json, summary.md (the numbers and the profile categories), the tools'
# output; prints each summary and, at the end, one line per run.
#
# Knobs: COUNT (messages or round trips; default sized to outlast WARM_S + WINDOW_S for the
# slower side), WARM_S (0.5), WINDOW_S (2), INTERVAL (cpu: 1ms, wall: 5ms; alloc: 256k bytes),
# SPPERF_JAVA_OPTS (as bin/spperf; DebugNonSafepoints is added when profiling).
# Needs gcc, libnanomsg-dev, python3, Maven, a JDK and perf (optional: without it no perf stat
# and no C profile). Benchmarks are not tests: nothing fails on a slow result. Only processes
# started here are stopped, by PID.
set -euo pipefail

usage() { sed -n '2,7p' "$0" >&2; exit 2; }
[ $# -eq 3 ] || usage
kind=$1 transport=$2 size=$3
case $kind in thr|lat) ;; *) usage ;; esac
case $transport in ws|tcp) ;; *) usage ;; esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED_BENCH:-$(cd "$root/.." && pwd)/shared/bench}
bin_dir=$root/target/bench
mode=${MODE:-cpu}
impls=${IMPLS:-"sp4j nn"}
reps=${REPS:-1}
warm=${WARM_S:-0.5}
window=${WINDOW_S:-2}
helper=$root/bench/profile.py
out=${OUT:-$root/target/profiles/$(date -u +%Y%m%d-%H%M%S)-$kind-$transport-$size}
case $mode in cpu|alloc|wall|none) ;; *) echo "profile.sh: MODE is cpu, alloc, wall or none" >&2; exit 2 ;; esac

# ---- build what is missing or stale
mkdir -p "$bin_dir" "$out"
out=$(cd "$out" && pwd)
make -s -f "$shared/Makefile" OUT="$bin_dir" >&2
jar=$root/sp4j-bench/target/spperf.jar
if [ ! -f "$jar" ] || [ -n "$(find "$root/sp4j/src/main" "$root/sp4j-bench/src/main" -newer "$jar" -print -quit)" ]; then
  echo "profile.sh: building spperf.jar" >&2
  (cd "$root" && nice -n 15 mvn -q -B -o -DskipTests package -pl sp4j-bench -am >&2)
fi
agent=
if [ "$mode" != none ]; then
  ap_jar=$HOME/.m2/repository/tools/profiler/async-profiler/3.0/async-profiler-3.0.jar
  if [ ! -f "$ap_jar" ]; then
    (cd "$root" && mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:3.0 >&2)
  fi
  agent=$root/target/profiles/lib/libasyncProfiler.so
  if [ ! -f "$agent" ]; then
    mkdir -p "$(dirname "$agent")"
    unzip -q -o -j "$ap_jar" linux-x64/libasyncProfiler.so -d "$(dirname "$agent")"
  fi
fi
have_perf=0
command -v perf >/dev/null && perf stat -e task-clock true >/dev/null 2>&1 && have_perf=1

# ---- counts: enough to outlast start-up, warm-up and the window on this machine
default_count() { # impl -> count (a guess from earlier runs on 2 cores)
  local secs rate
  secs=$(awk -v w="$warm" -v d="$window" 'BEGIN{print w + d + 3}')
  if [ "$kind" = lat ]; then rate=8000; else
    case $size in
      64) rate=$([ "$1" = sp4j ] && echo 1500000 || echo 500000) ;;
      1024) rate=400000 ;;
      65536) rate=15000 ;;
      1048576) rate=1000 ;;
      *) rate=$(( 2000000000 / (size + 1000) )) ;;
    esac
  fi
  awk -v r="$rate" -v s="$secs" 'BEGIN{printf "%d", r * s}'
}

# ---- processes (only ours, by PID)
declare -A running=()
cleanup() { local p; for p in "${!running[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM

port_free() { [ -z "$(ss -Htan "( sport = :$1 or dport = :$1 )" 2>/dev/null)" ]; }
listening() { [ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]; }

base_opts="-XX:+UseParallelGC -Xms512m -Xmx512m -XX:-UsePerfData -Dio.netty.leakDetection.level=disabled -XX:TieredStopAtLevel=1"
java_opts=${SPPERF_JAVA_OPTS:-$base_opts}
[ "$mode" != none ] && java_opts="$java_opts -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"

agent_args() { # side dir -> async-profiler arguments (without start/stop)
  local ev
  case $mode in
    cpu) ev="event=cpu,interval=${INTERVAL:-1ms}" ;;
    wall) ev="event=wall,interval=${INTERVAL:-5ms}" ;;
    alloc) ev="event=alloc,alloc=${INTERVAL:-256k}" ;;
  esac
  echo "$ev,threads,collapsed,file=$2/$1.collapsed"
}

summary_lines=()
run_one() { # impl rep
  local impl=$1 rep=$2 dir port url count lcmd rcmd lpid rpid t0 rate unit watch_args=()
  dir=$out/$impl-$rep
  mkdir -p "$dir"
  port=$(( 20000 + RANDOM % 20000 ))
  while ! port_free "$port"; do port=$((port + 1)); done
  url="$transport://127.0.0.1:$port"
  count=${COUNT:-$(default_count "$impl")}
  if [ "$impl" = sp4j ]; then
    lcmd=("$root/bin/spperf" "local_$kind"); rcmd=("$root/bin/spperf" "remote_$kind")
  else
    lcmd=("$bin_dir/nn-local_$kind"); rcmd=("$bin_dir/nn-remote_$kind")
  fi
  echo "local:  ${lcmd[*]} $url $size $count" >"$dir/cmd"
  echo "remote: ${rcmd[*]} $url $size $count" >>"$dir/cmd"
  SPPERF_JAVA_OPTS=$java_opts timeout -k 5 120 "${lcmd[@]}" "$url" "$size" "$count" \
    >"$dir/local.out" 2>"$dir/local.err" &
  lpid=$!; running[$lpid]=1
  t0=$SECONDS
  until listening "$port"; do
    kill -0 "$lpid" 2>/dev/null || { echo "profile.sh: local side died, see $dir" >&2; return 1; }
    [ $((SECONDS - t0)) -lt 30 ] || { echo "profile.sh: local side does not listen" >&2; return 1; }
    sleep 0.05
  done
  SPPERF_JAVA_OPTS=$java_opts timeout -k 5 120 "${rcmd[@]}" "$url" "$size" "$count" \
    >"$dir/remote.out" 2>"$dir/remote.err" &
  rpid=$!; running[$rpid]=1
  # `timeout` runs the tool as its child; bin/spperf execs java, so the child is the JVM
  local lp rp
  for _ in $(seq 100); do
    lp=$(pgrep -P "$lpid" | head -1 || true); rp=$(pgrep -P "$rpid" | head -1 || true)
    [ -n "$lp" ] && [ -n "$rp" ] && break
    sleep 0.02
  done
  if [ "$mode" != none ]; then
    watch_args+=(--agent "$agent" --agent-local "$(agent_args local "$dir")" \
      --agent-remote "$(agent_args remote "$dir")")
    [ "$mode" = cpu ] && [ $have_perf = 1 ] && watch_args+=(--perf-record local,remote)
  fi
  [ $have_perf = 1 ] && watch_args+=(--perf-stat)
  python3 "$helper" watch --local "$lp" --remote "$rp" --out "$dir" --warm "$warm" \
    --window "$window" "${watch_args[@]}" || true
  wait "$lpid" || echo "profile.sh: local exited with $?" >&2
  unset "running[$lpid]"
  wait "$rpid" || echo "profile.sh: remote exited with $?" >&2
  unset "running[$rpid]"
  for side in local remote; do
    if [ -f "$dir/$side.perf.data" ]; then
      python3 "$helper" perf-collapse "$dir/$side.perf.data" "$dir/$side.collapsed" \
        "$([ $side = local ] && echo "$lp" || echo "$rp")"
    fi
    [ -s "$dir/$side.collapsed" ] && python3 "$helper" flame "$dir/$side.collapsed" \
      "$dir/$side.html" "$impl ${side}_$kind $transport $size B ($mode)"
  done
  if [ "$kind" = thr ]; then
    rate=$(sed -n 's/^throughput: \([0-9]*\) \[msg\/s\].*/\1/p' "$dir/local.out" | head -1); unit=msg
  else
    rate=$(sed -n 's/^average latency: \([0-9.]*\) \[us\].*/\1/p' "$dir/remote.out" | head -1)
    [ -n "$rate" ] && rate=$(awk -v l="$rate" 'BEGIN{printf "%.1f", 1e6 / (2 * l)}'); unit=rt
  fi
  [ -n "$rate" ] || { echo "profile.sh: no result, see $dir" >&2; return 1; }
  echo "== $impl run $rep: $kind $transport $size B ($mode) -> $dir" >&2
  python3 "$helper" summary "$dir" --rate "$rate" --unit "$unit" >&2
  summary_lines+=("$(python3 "$helper" line "$dir" "$impl $rep")")
}

echo "profile.sh: $kind $transport $size B, mode $mode, impls $impls, reps $reps -> $out" >&2
echo "profile.sh: load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for rep in $(seq 1 "$reps"); do
  for impl in $impls; do
    run_one "$impl" "$rep" || summary_lines+=("$impl rep $rep: FAILED")
  done
done
echo "profile.sh: load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
printf '%s\n' "${summary_lines[@]}" | tee "$out/runs.txt"
