#!/usr/bin/env bash
# Opens ClusterDeck on its demo lab. Installs the Debian packages it needs (when root), builds
# the jar when the sources are newer, and starts it with a class-data-sharing archive made on
# the first start (faster start-ups after that). Arguments are passed on: ./run.sh hosts list
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
  rm -f target/clusterdeck.jsa target/clusterdeck-*.jsa
fi
if [[ $# -eq 0 && -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
  echo "run.sh: no display to open the window on (DISPLAY is not set)." >&2
  echo "run.sh: run it in a desktop session, or under a virtual one: xvfb-run -a ./run.sh" >&2
  echo "run.sh: the command line works without a display: ./run.sh --help" >&2
  exit 1
fi
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms48m -Xmx512m)
# a class-data-sharing archive per use: the window's, and one per command ('scan', 'hosts' …), written at the
# first exit after a build and mapped by every start after that (the classes come ready-parsed and verified:
# ~0.3 s less CPU per start). Written under a temporary name and moved into place when complete, so a start
# at the same time never maps half an archive.
archive=
if [[ $# -eq 0 ]]; then
  archive=target/clusterdeck.jsa
else
  args=("$@")
  i=0
  while [[ $i -lt $# && ${args[$i]} == --data-dir* ]]; do
    if [[ ${args[$i]} == --data-dir ]]; then i=$((i + 2)); else i=$((i + 1)); fi
  done
  if [[ $i -lt $# && ${args[$i]} =~ ^[a-z][a-z-]*$ ]]; then
    archive=target/clusterdeck-${args[$i]}.jsa
  fi
fi
if [[ -z $archive ]]; then
  exec java "${jvm[@]}" -jar "$jar" "$@"
elif [[ -f $archive ]]; then
  exec java "${jvm[@]}" -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" "$@"
fi
rc=0
java "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive.$$" -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$jar" "$@" || rc=$?
if [[ -s $archive.$$ ]]; then mv -f "$archive.$$" "$archive"; else rm -f "$archive.$$"; fi
exit $rc
