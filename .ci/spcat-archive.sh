#!/usr/bin/env bash
# bin/spcat prints the same bytes (stdout and stderr) with and without its class archive: with
# none, while it records one, and from it; a rebuilt jar gets a new archive and the old one goes.
# Against a nanocat REP over tcp:// and ws://, for the `java` on PATH. Needs the jar built.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
target="$root/sp4j-cli/target"
work=$(mktemp -d)
peers=()
trap 'for p in "${peers[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
archives() { find "$target" -maxdepth 1 \( -name 'spcat-*.jsa' -o -name 'spcat-*.aot' \) | sort; }

spcat_req() { # name url [env...]
  local name=$1 url=$2
  shift 2
  env "$@" "$root/bin/spcat" --req --connect "$url" --data ping --ascii --recv-timeout 10 \
    >"$work/$name.out" 2>"$work/$name.err"
}

for tr in tcp ws; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  url="$tr://127.0.0.1:$port"
  nanocat --rep --bind "$url" --data pong --ascii >/dev/null &
  peers+=($!)
  nanocat --req --connect "$url" --data ping --ascii >"$work/nanocat.out" # waits for the REP

  archives | xargs -r rm -f
  spcat_req none "$url" SP4J_ARCHIVE=off
  [ -z "$(archives)" ] || { echo "FAIL: SP4J_ARCHIVE=off made an archive" >&2; exit 1; }
  spcat_req recording "$url"
  first=$(archives)
  [ -n "$first" ] || { echo "FAIL: no archive recorded" >&2; exit 1; }
  spcat_req archived "$url"
  touch "$target/spcat.jar" # as a rebuild would
  spcat_req rebuilt "$url"
  [ -n "$(archives)" ] && [ "$(archives)" != "$first" ] || { echo "FAIL: the stale archive stayed: $(archives)" >&2; exit 1; }

  for run in recording archived rebuilt; do
    cmp "$work/none.out" "$work/$run.out" && cmp "$work/none.err" "$work/$run.err" || {
      echo "FAIL: $tr: output $run differs from no archive" >&2; exit 1; }
  done
  cmp "$work/nanocat.out" "$work/none.out" || { echo "FAIL: $tr: spcat printed other bytes than nanocat" >&2; exit 1; }
  echo "ok: $tr: spcat prints the same bytes without, while recording and from its archive ($(basename "$(archives)"))"
done
