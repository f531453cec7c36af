# Shared by the scripts: find the project, install Debian packages only when they are missing.
# shellcheck shell=bash

ms_root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"

# The JVM options every launcher uses (METRICSNIFF_JAVA_OPTS replaces them). A bounded heap keeps
# peak memory bounded (the flow table and buffers have their own limits): 288m holds the path index
# at its 5 M-path limit (~165 MB) beside the 48 MiB packet ring, with peak RSS under 384 MB.
# SerialGC: on this 2-core machine ParallelGC's threads only took CPU from the capture and
# processing threads (2 M-path bench capture, 5 runs alternated: wall 6.82 -> 6.63 s, CPU 10.1 ->
# 9.4 s, peak RSS 253 -> 206 MB; 1 k paths CPU 6.26 -> 5.32 s); its longest pause at 5 M paths, 58 ms,
# is well within what the live packet ring holds.
ms_java_opts="-Xms64m -Xmx288m -XX:+UseSerialGC"

# ms_need_debs PKG...: installs the packages that dpkg does not know as installed.
# As root through apt-get; otherwise prints the exact command and fails.
ms_need_debs() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "metricsniff: installing ${missing[*]} (apt-get)" >&2
    if [ -z "${MS_APT_UPDATED:-}" ]; then
      apt-get update -qq >&2 || true
      export MS_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  else
    echo "metricsniff: missing Debian packages; run: sudo apt-get install ${missing[*]}" >&2
    return 2
  fi
}

# ms_build_jar: builds target/metricsniff.jar when it is missing or older than pom.xml or src/main.
ms_build_jar() {
  local jar="$ms_root/target/metricsniff.jar"
  if [ -f "$jar" ] && [ -z "$(find "$ms_root/pom.xml" "$ms_root/src/main" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  command -v mvn >/dev/null || ms_need_debs maven || return 2
  echo "metricsniff: building $jar" >&2
  (cd "$ms_root" && mvn -q -B -DskipTests package >&2) || { echo "metricsniff: build failed" >&2; return 2; }
}

# ms_class_archive JAR: prints the JVM options that use the class-data archive beside JAR
# (JAR's name with .jsa), made first when missing or older than JAR by one run over a bundled
# capture (JDK 17's dynamic AppCDS). It holds the classes and method-handle forms a run loads, so
# a run starts ~0.15 s sooner and the JIT does not compile the JDK's class generator (measured:
# 7.21 -> 6.70 s median on the 2 M-path bench capture). Prints nothing when it cannot be made (a
# read-only directory); the JVM ignores, silently, an archive of another jar or JDK.
ms_class_archive() {
  local jar=$1 jsa="${1%.jar}.jsa" tmp
  if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
    tmp="$jsa.$$"
    java -XX:ArchiveClassesAtExit="$tmp" -Xlog:cds=off,cds+dynamic=off -jar "$jar" \
        -I "$ms_root/captures/collectd-carbon.pcap" >/dev/null 2>&1 && mv -f "$tmp" "$jsa" 2>/dev/null
    rm -f "$tmp"
  fi
  if [ -f "$jsa" ]; then echo "-XX:SharedArchiveFile=$jsa -Xlog:cds=off,cds+dynamic=off"; fi
}
