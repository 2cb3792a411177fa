#!/usr/bin/env bash
# crossed-streams.sh: sp4j's crossed-streams test (io.sp4j.transport.CrossedStreamsTest) for
# longer: hundreds of tcp, ipc and ws connections whose peers close, reset and dial again at
# random while the senders write, so descriptor numbers are reused all the time; every receiver
# must see only its own sender's messages, whole and in order. Runs on native epoll, then on NIO.
#
#   bench/crossed-streams.sh                                  # 10 minutes on each
#   CROSSED_SECONDS=3600 bench/crossed-streams.sh             # an hour on each
#   CROSSED_IO=nio CROSSED_PAIRS=200 CROSSED_SEED=42 bench/crossed-streams.sh
#
# Knobs (environment):
#   CROSSED_SECONDS   how long each run lasts (default 600; the test suite runs 8)
#   CROSSED_PAIRS     sender/receiver pairs per scheme (default 80, so 240 connections at once)
#   CROSSED_SEED      the runs' seed (default: a new one, printed with the result and every failure)
#   CROSSED_IO        "epoll nio" (default), or one of them
#   CROSSED_LEAK      Netty's leak detection level (default simple: paranoid records every buffer
#                     access and slows the run tenfold; the test suite runs it paranoid)
# Exits non-zero on the first broken rule; the test's report is in sp4j/target/surefire-reports.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${CROSSED_SECONDS:-600}
pairs=${CROSSED_PAIRS:-80}
leak=${CROSSED_LEAK:-simple}
seed_arg=()
if [ -n "${CROSSED_SEED:-}" ]; then seed_arg=(-Dsp4j.crossedStreams.seed="$CROSSED_SEED"); fi

want=20000
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi

for io in ${CROSSED_IO:-epoll nio}; do
  case "$io" in
    epoll) profile=() ;;
    nio) profile=(-Pnio) ;;
    *) echo "crossed-streams.sh: CROSSED_IO takes epoll and nio, not '$io'" >&2; exit 2 ;;
  esac
  echo "crossed-streams.sh: $io, $seconds s, $pairs pairs per scheme" >&2
  mvn -q -B -pl sp4j "${profile[@]}" test -Dtest=CrossedStreamsTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dleak.level="$leak" -Dsp4j.crossedStreams.seconds="$seconds" -Dsp4j.crossedStreams.pairs="$pairs" "${seed_arg[@]}"
done
