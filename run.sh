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
  rm -f target/clusterdeck.jsa
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
fi
exec java "${jvm[@]}" -jar "$jar" "$@"
