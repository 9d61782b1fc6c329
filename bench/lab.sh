#!/usr/bin/env bash
# Lab benchmark: 'clusterdeck lab up --cluster' until all five hosts (lb1, web1, web2, db1, db2:
# booted systemd-nspawn containers) answer SSH, the memory they use together (PSS of their
# processes, as 'lab status' reports it), and 'lab down'. Goals: up <= 60 s, memory <= 1.5 GB,
# down <= 10 s. Times include the CLI's own start (JVM, database), as a user sees them; that start
# is measured too ('lab status' of no lab), since on a loaded machine it dominates 'lab down'.
# Usage (as root): bench/lab.sh [--check]
#   --check: build the jar, start it once and find the tools, without starting the lab
cd "$(dirname "$0")/.."
source bench/lib.sh
needs_root
require systemd-nspawn systemd-container
require ip iproute2
require ssh openssh-client
require awk mawk
jar=target/clusterdeck.jar
if [[ -f $jar && -n "$(find pom.xml src -newer "$jar" -print -quit)" ]]; then
  rm -f "$jar" # older than the sources: app_jar builds it again
fi
app_jar
checked

# its own data directory and lab index (90): never the user's lab (1) nor a test lab (100-199)
data=$(mktemp -d)
export CLUSTERDECK_LAB_INDEX=90
cd_() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --data-dir "$data" "$@"; }
trap 'cd_ lab down >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
cd_ lab down >/dev/null

step "lab up --cluster"
t0=$(date +%s.%N)
cd_ lab up --cluster >"$data/up.txt"
# independently of ClusterDeck: OpenSSH logs in to each host with the lab key, host keys checked
key=$(sed -n 's/.*ssh -i \([^ ]*\) root@.*/\1/p' "$data/up.txt")
for addr in $(awk 'NR>1 && $3 ~ /^[0-9.]+$/ {print $3}' "$data/up.txt"); do
  ip route get "$addr" | grep -q "dev cdlab90 " || { echo "refusing $addr: not on the lab bridge"; exit 1; }
  ssh -q -i "$key" -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$data/known_hosts" \
    "root@$addr" true
done
t1=$(date +%s.%N)
up=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')

step "lab status"
cd_ lab status --json >"$data/status.json"
mem=$(grep -o '"memoryMb" : "\?[0-9]*' "$data/status.json" | grep -o '[0-9]*$' | awk '{s += $1} END {print s + 0}')
hosts=$(grep -c '"state" : "running"' "$data/status.json" || true)
# the hosts' own layers (RAM too where /run is a tmpfs, as on most machines)
upper=$(du -scm /run/clusterdeck-lab/lab90/h*/upper | tail -1 | cut -f1)

step "lab down"
t0=$(date +%s.%N)
cd_ lab down >/dev/null
t1=$(date +%s.%N)
down=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')

# the CLI's own start (JVM, database, preflight) on this machine now: 'lab status' of no lab
t0=$(date +%s.%N)
cd_ lab status >/dev/null
t1=$(date +%s.%N)
cli=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')

verdict() { awk "BEGIN {print ($1) ? \"ok\" : \"MISSED\"}"; }
printf 'lab up --cluster, 5 hosts answering SSH: %.1f s (goal <= 60 s: %s)\n' "$up" "$(verdict "$up <= 60")"
printf 'memory of the %d running hosts (PSS):      %d MB (goal <= 1536 MB: %s)\n' "$hosts" "$mem" "$(verdict "$mem <= 1536")"
printf 'lab down:                                %.1f s, of which the CLI start %.1f s (goal <= 10 s: %s; without the CLI start: %s)\n' \
  "$down" "$cli" "$(verdict "$down <= 10")" "$(verdict "$down - $cli <= 10")"
printf 'their upper layers together:             %d MB (in %s)\n' "$upper" "$(stat -f -c %T /run)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
