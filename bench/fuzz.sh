#!/usr/bin/env bash
# Fuzzes each Jazzer @FuzzTest of the sp4j module in turn, keeps what it learns in the repo's
# corpus, and prints a summary.
#
# Usage:
#   bench/fuzz.sh                      every target, 10 minutes each
#   FUZZ_SECONDS=60 bench/fuzz.sh      every target, 1 minute each
#   bench/fuzz.sh FrameDecoder         only targets whose Class#method contains the text
#
# Environment:
#   FUZZ_SECONDS   time per target (default 600)
#   FUZZ_MAX_LEN   longest input tried, in bytes (default 10240: past HttpHead's 8 KiB limit)
#   FUZZ_KEEP      new corpus inputs copied per target and run, smallest first (default 20)
#   FUZZ_KEEP_MAX  largest input copied, in bytes (default 2048)
#   FUZZ_TIMEOUT   seconds one input may take before it counts as a hang (default 30)
#   FUZZ_HEAP      the fuzzing JVM's heap (default 1g): a decoder that allocates what a header
#                  announces then fails fast with OutOfMemoryError instead of zeroing gigabytes
#                  for every such input, which slowed fuzzing to a few inputs a second
#
# Each target runs alone in its own JVM (Jazzer fuzzes one test per run) with JAZZER_FUZZ=1.
# The targets' JUnit @Timeout bounds each corpus input when `mvn test` replays them; here it
# is off (it would time the whole fuzzing run) and libFuzzer's -timeout bounds each input.
# libFuzzer keeps every input that reached new code in sp4j/.cifuzz-corpus/ (ignored by git);
# afterwards up to FUZZ_KEEP of them that the repo does not have are copied to the target's
# directory under sp4j/src/test/resources (<package>/<Class>Inputs/<method>/), where plain
# `mvn test` replays them. A finding (a crash, a failed invariant, a timeout) is written by
# Jazzer straight into that directory as crash-<sha1> or timeout-<sha1>, so it becomes a
# regression seed at once: rename it after what it shows, and fix the code or report it. A
# finding whose bytes equal a seed the repo already has is dropped (a known failing seed is
# found again at the start of every run). The run goes on after a finding (up to 20 distinct
# ones per target); what each new finding threw is listed after the summary.
#
# Logs: sp4j/target/fuzz/<Class>#<method>.log. Exit status 1 if any target found something.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-600}
max_len=${FUZZ_MAX_LEN:-10240}
keep=${FUZZ_KEEP:-20}
keep_max=${FUZZ_KEEP_MAX:-2048}
heap=${FUZZ_HEAP:-1g}
timeout=${FUZZ_TIMEOUT:-30}
filter=${1:-}
tests=sp4j/src/test/java
resources=sp4j/src/test/resources
logs=sp4j/target/fuzz
mkdir -p "$logs"

# Every Class#method annotated @FuzzTest, as package.Class#method.
targets=()
while IFS= read -r file; do
  class=${file#"$tests"/}
  class=${class%.java}
  class=${class//\//.}
  for method in $(awk '/@FuzzTest/ {found=1} found && /void [a-zA-Z0-9_]+\(/ {
                         match($0, /void [a-zA-Z0-9_]+\(/); print substr($0, RSTART + 5, RLENGTH - 6); found=0 }' "$file"); do
    targets+=("$class#$method")
  done
done < <(grep -rl --include='*.java' '@FuzzTest' "$tests" | sort)

echo "building the module and its tests once"
# Seeds deleted from the repo would live on in target/ and be replayed: copy them afresh.
find sp4j/target/test-classes -type d -name '*Inputs' -prune -exec rm -rf {} + 2>/dev/null
if ! mvn -B -q -pl sp4j -am -DskipTests install >"$logs/build.log" 2>&1; then
  echo "build failed, see $logs/build.log" >&2
  exit 2
fi

summary=()
reports=()
failed=0
for target in "${targets[@]}"; do
  [[ -z "$filter" || "$target" == *"$filter"* ]] || continue
  class=${target%#*}
  method=${target#*#}
  inputs="$resources/${class//.//}Inputs/$method"
  generated="sp4j/.cifuzz-corpus/$class/$method"
  mkdir -p "$inputs"
  known=$(mktemp)
  ls "$inputs" >"$known"
  log="$logs/$target.log"
  echo "fuzzing $target for ${seconds}s"
  JAVA_TOOL_OPTIONS="-Xmx$heap" JAZZER_FUZZ=1 mvn -B -o -pl sp4j surefire:test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.keep_going=20 -Djunit.jupiter.execution.timeout.mode=disabled \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
    -Djazzer.internal.arg.2="-max_len=$max_len" -Djazzer.internal.arg.3="-timeout=$timeout" \
    -Djazzer.internal.arg.4=-print_final_stats=1 >"$log" 2>&1
  executions=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  findings=0
  for found in $(ls "$inputs" | grep -E '^(crash|timeout|oom|leak)-' | grep -vxFf "$known"); do
    duplicate=""
    while IFS= read -r seed; do
      if cmp -s "$inputs/$found" "$inputs/$seed"; then
        duplicate=$seed
        break
      fi
    done <"$known"
    if [ -n "$duplicate" ]; then
      rm "$inputs/$found"
      continue
    fi
    findings=$((findings + 1))
    # What was thrown: the report nearest before the line naming this file (stderr and stdout
    # interleave, so else the first one after it).
    thrown=$(awk -v f="$found" '/^== Java|ALARM: working on the last Unit/ {last=$0; if (named) {print; exit}}
                                index($0, f) && !named {named=1; if (last != "") {print last; exit}}' "$log")
    reports+=("$inputs/$found: ${thrown:0:200}")
  done
  rm -f "$known"
  copied=0
  if [ -d "$generated" ]; then
    while IFS= read -r input; do
      [ "$copied" -lt "$keep" ] || break
      name=$(basename "$input")
      [ -e "$inputs/$name" ] && continue
      cp "$input" "$inputs/$name"
      copied=$((copied + 1))
    done < <(find "$generated" -type f -size -"$((keep_max + 1))"c -printf '%s %p\n' | sort -n | cut -d' ' -f2-)
  fi
  [ "$findings" -eq 0 ] || failed=1
  summary+=("$(printf '%-70s %7s %12s %9s %8s' "$target" "$seconds" "${executions:-?}" "$copied" "$findings")")
done

echo
printf '%-70s %7s %12s %9s %8s\n' target seconds executions corpus+ findings
printf '%s\n' "${summary[@]}"
if [ ${#reports[@]} -gt 0 ]; then
  echo
  echo "new findings (now regression seeds; the log has the whole stack):"
  printf '  %s\n' "${reports[@]}"
fi
exit $failed
