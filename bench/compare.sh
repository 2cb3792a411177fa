#!/usr/bin/env bash
# compare.sh: sp4j (bin/spperf) side by side with nanomsg and NNG, in one command.
#
#   bench/compare.sh                 # full run: ws and tcp (where sp4j has it), 4 sizes, 3 reps
#   REPS=5 TARGET_S=4 bench/compare.sh
#   TRANSPORTS=ws THR_SIZES="64 1024" REPS=1 bench/compare.sh   # a quick look
#
# 1. builds the C peers of ../shared/bench (read-only) into target/bench,
# 2. builds sp4j-bench/target/spperf.jar,
# 3. keeps the transports of TRANSPORTS (default "ws tcp") that spperf can run,
# 4. runs ../shared/bench/run-matrix.sh with IMPL_java=bin/spperf and PAIRS (default: nn:nn
#    nng:nng java:java java:nn nn:java java:nng nng:java; local:remote), every other knob of
#    run-matrix.sh passing through (REPS, TARGET_S, THR_SIZES, LAT_SIZE, CALIBRATE, ...),
# 5. writes bench/reports/<date>.md: the ratios to nanomsg against the issue's targets, then
#    run-matrix's own tables. Raw runs and logs stay in target/bench/run-<time>/.
#
# Needs gcc, libnanomsg-dev, libnng-dev, python3, Maven and a JDK. Benchmarks are not tests:
# nothing here fails on a slow result. Only processes started here are stopped (run-matrix.sh).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${SHARED_BENCH:-$(cd "$root/.." && pwd)/shared/bench}
bin_dir=$root/target/bench
stamp=$(date -u +%Y%m%d-%H%M%S)
out_dir=${OUT_DIR:-$bin_dir/run-$stamp}
reports=$root/bench/reports

[ -f "$shared/run-matrix.sh" ] || { echo "compare.sh: no $shared/run-matrix.sh (set SHARED_BENCH)" >&2; exit 2; }

echo "compare.sh: building the C peers into $bin_dir" >&2
mkdir -p "$bin_dir"
make -s -f "$shared/Makefile" OUT="$bin_dir" >&2

echo "compare.sh: building spperf" >&2
(cd "$root" && mvn -q -B -DskipTests package -pl sp4j-bench -am >&2)
spperf="$root/bin/spperf"

# A transport stays when spperf's own pair runs over it (sp4j may not have tcp:// yet).
probe_port=$(( 20000 + RANDOM % 5000 ))
transports=""
for tr in ${TRANSPORTS:-ws tcp}; do
  probe_port=$((probe_port + 1))
  url="$tr://127.0.0.1:$probe_port"
  timeout 30 "$spperf" local_thr "$url" 64 100 >"$bin_dir/probe-$tr.out" 2>&1 &
  lpid=$!
  if timeout 30 "$spperf" remote_thr "$url" 64 100 >>"$bin_dir/probe-$tr.out" 2>&1 \
      && wait "$lpid" && grep -q 'msg/s' "$bin_dir/probe-$tr.out"; then
    transports="$transports $tr"
  else
    kill "$lpid" 2>/dev/null || true
    wait "$lpid" 2>/dev/null || true
    echo "compare.sh: spperf cannot run $tr:// here, skipped (see $bin_dir/probe-$tr.out)" >&2
  fi
done
transports=${transports# }
[ -n "$transports" ] || { echo "compare.sh: no transport to measure" >&2; exit 2; }

pairs=${PAIRS:-"nn:nn nng:nng java:java java:nn nn:java java:nng nng:java"}
mkdir -p "$out_dir"
echo "compare.sh: run-matrix.sh over $transports, pairs $pairs; logs in $out_dir" >&2
(cd "$root" && BIN_DIR="$bin_dir" IMPL_java="$spperf " PAIRS="$pairs" TRANSPORTS="$transports" \
  OUT_DIR="$out_dir" "$shared/run-matrix.sh" >/dev/null)

mkdir -p "$reports"
report=$reports/$(date -u +%Y-%m-%d).md
[ -e "$report" ] && report=$reports/$(date -u +%Y-%m-%d-%H%M).md
commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=$(cd "$root" && git status --porcelain -- sp4j sp4j-bench 2>/dev/null | head -1)
python3 "$root/bench/report.py" "$out_dir" \
  --title "sp4j vs nanomsg and NNG, $(date -u +%Y-%m-%d)" \
  --commit "$commit${dirty:+ (with local changes)}" \
  --command "bench/compare.sh (TRANSPORTS=\"$transports\" PAIRS=\"$pairs\" REPS=${REPS:-3} TARGET_S=${TARGET_S:-2.5})" \
  >"$report"
echo "compare.sh: wrote $report" >&2
echo "$report"
