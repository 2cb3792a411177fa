# Sourced by bin/spcat and bin/spperf: a class-data archive for a jar, so that a run starts with the
# jar's classes already parsed, verified and linked (a one-shot run otherwise spends most of its
# time there). JDK 25 and later get an AOT cache (JEP 483/514), earlier ones a dynamic AppCDS
# archive. The archive sits next to the jar, named for the `java` on PATH (its version) and the jar
# (its mtime and size), so a rebuilt jar or another JDK never uses a stale one. When it is missing,
# one training run of the jar records it (output discarded; a failure only means no archive).
# SP4J_ARCHIVE=off runs without one.
#
#   archive_flags JAR NAME TRAINING_MAIN JVM_FLAGS...   sets the array `archive` to the JVM flags

archive=()

archive_flags() {
  local jar=$1 name=$2 main=$3
  shift 3
  archive=()
  [ "${SP4J_ARCHIVE:-on}" != off ] || return 0
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release" 2>/dev/null) || true
  [ -n "$version" ] || return 0
  local use=-XX:SharedArchiveFile record=-XX:ArchiveClassesAtExit ext=jsa
  if [ "${version%%.*}" -ge 25 ]; then
    use=-XX:AOTCache record=-XX:AOTCacheOutput ext=aot
  fi
  local dir file
  dir=$(dirname "$jar")
  file="$dir/$name-$version-$(stat -c '%Y-%s' "$jar").$ext"
  if [ ! -f "$file" ]; then
    rm -f "$dir/$name-$version-"*".$ext" # made for an older jar
    local tmp="$file.$$.tmp"             # renamed when complete: a concurrent run never reads half
    if java "$record=$tmp" "$@" -cp "$jar" "$main" >/dev/null 2>&1 && [ -s "$tmp" ]; then
      mv -f "$tmp" "$file"
    fi
    rm -f "$tmp" "$tmp.config"
  fi
  [ ! -f "$file" ] || archive=("$use=$file")
}
