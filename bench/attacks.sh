#!/usr/bin/env bash
# attacks.sh: the long attacks against sp4j, nanomsg and NNG side by side (io.sp4j.attack.AttackBench).
#
#   bench/attacks.sh                                   # every attack, tcp and ws, all three targets
#   bench/attacks.sh --only ping                       # cases whose title contains "ping"
#   bench/attacks.sh --targets sp4j --schemes ws --out /tmp/attacks.md
#   bench/attacks.sh --heap 1g                         # sp4j's heap and direct memory limit (default 512m)
#
# 1. builds sp4j-attack (and sp4j) and writes its class path,
# 2. raises the open-file limit: a storm holds 2,000 connections in the attacking JVM and as many
#    in the target (Java also raises its own soft limit to the hard one),
# 3. runs AttackBench, which starts each target on a free 127.0.0.1 port (sp4j's AttackTarget in
#    its own JVM, nanocat, nngcat), runs each attack against it with a well-behaved client
#    beside, and writes bench/reports/<date>-attacks.md (progress on stderr).
#
# Takes about 25 minutes. Needs nanocat and nngcat on the PATH for their columns (a missing one
# shows as a failed column). Benchmarks are not tests: nothing here fails on a bad number.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

echo "attacks.sh: building sp4j-attack" >&2
mvn -q -B -DskipTests install -pl sp4j-attack -am >&2
cp_file=$root/sp4j-attack/target/attack.classpath
mvn -q -B -pl sp4j-attack dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2

want=20000
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$want" ]; then
  ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
fi
echo "attacks.sh: open files limit $(ulimit -n), somaxconn $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo '?')" >&2

# The jars this build made, not target/classes (a build during the run does not change the
# targets it starts) and not the local repository's sp4j (another checkout may install its own).
attack_jar=$(ls "$root"/sp4j-attack/target/sp4j-attack-*.jar | grep -v -- '-tests.jar' | head -1)
sp4j_jar=$(ls "$root"/sp4j/target/sp4j-*.jar | grep -v -- '-tests.jar' | head -1)
deps=$(tr ':' '\n' <"$cp_file" | grep -v '/io/sp4j/sp4j/' | paste -sd: -)
exec java -Xmx1g -cp "$attack_jar:$sp4j_jar:$deps" io.sp4j.attack.AttackBench "$@"
