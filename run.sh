#!/usr/bin/env bash
# Opens ClusterDeck on its demo lab. Installs the Debian packages it needs (when root), builds
# the jar when the sources are newer, and starts it with a class-data-sharing archive made on
# the first start (faster start-ups after that; commands get one archive each, made at their
# first run). Arguments are passed on: ./run.sh hosts list
set -euo pipefail
# hints name commands as the user invokes them: "./run.sh lab up", not a 'clusterdeck' that is not installed
launcher=$0
[[ $launcher == */* ]] || launcher=./$launcher
export CLUSTERDECK_LAUNCHER="${CLUSTERDECK_LAUNCHER:-$launcher}"
cd "$(dirname "$0")"
app/install-deps.sh run
jar=target/clusterdeck.jar
if [[ ! -f $jar || -n "$(find pom.xml src icons/png -newer "$jar" -print -quit)" ]]; then
  echo "Building ClusterDeck (first start only)…" >&2
  mvn -B -q -ntp -Dstyle.color=never package -DskipTests
  rm -rf target/clusterdeck.jsa target/cds
fi
if [[ $# -eq 0 && -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "run.sh: no display to open the window on (DISPLAY is not set)." >&2
  echo "run.sh: run it in a desktop session, or under a virtual one: xvfb-run -a ./run.sh" >&2
  echo "run.sh: the command line works without a display: ./run.sh --help" >&2
  exit 1
fi
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms48m -Xmx512m)
if [[ $# -eq 0 ]]; then # the window: a class-data-sharing archive of its classes, written at the first exit
  if [[ -f target/clusterdeck.jsa ]]; then
    jvm+=(-XX:SharedArchiveFile=target/clusterdeck.jsa)
  else
    jvm+=(-XX:ArchiveClassesAtExit=target/clusterdeck.jsa)
  fi
  jvm+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
else # a command: an archive per command (its first two words, e.g. target/cds/scan-tls.jsa), written at its first run
  words=()
  skip=0
  for a in "$@"; do
    if ((skip)); then skip=0; continue; fi
    case $a in
      --data-dir) skip=1 ;;
      --data-dir=*) ;;
      *) [[ $a =~ ^[a-z][a-z0-9-]*$ ]] || break; words+=("$a"); ((${#words[@]} < 2)) || break ;;
    esac
  done
  archive=target/cds/$(IFS=-; echo "${words[*]:-cli}").jsa
  jvm+=(-Xlog:cds=off -Xlog:cds+dynamic=off)
  if [[ ! -f $archive ]]; then
    # written under a temporary name and moved: a second start never reads a half-written archive
    mkdir -p target/cds
    rc=0
    java "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive.$$" -jar "$jar" "$@" || rc=$?
    if [[ -f $archive.$$ ]]; then mv -f "$archive.$$" "$archive"; fi
    exit "$rc"
  fi
  jvm+=(-XX:SharedArchiveFile="$archive")
fi
exec java "${jvm[@]}" -jar "$jar" "$@"
