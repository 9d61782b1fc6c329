#!/usr/bin/env bash
# Lab benchmark: 'clusterdeck lab up --cluster' until all five hosts (lb1, web1, web2, db1, db2:
# booted systemd-nspawn containers) answer SSH, the memory they use together (PSS of their
# processes, as 'lab status' reports it), and 'lab down'. Goals: up <= 60 s, memory <= 1.5 GB,
# down <= 10 s. Times include the CLI's own start (JVM, database), as a user sees them; that start
# is measured too ('lab status' of no lab), since on a loaded machine it dominates 'lab down'.
# Usage (as root): bench/lab.sh [--check]   (--check: verify the set-up only, start nothing)
set -euo pipefail
cd "$(dirname "$0")/.."
check=false
[[ ${1:-} == --check ]] && check=true

problems=()
[[ $(id -u) -eq 0 ]] || problems+=("needs root (containers, mounts and routes)")
for tool in systemd-nspawn ssh java mvn ip; do
  command -v "$tool" >/dev/null || problems+=("missing $tool (see app/packages-test.txt)")
done
if ((${#problems[@]})); then
  printf 'bench/lab.sh: %s\n' "${problems[@]}" >&2
  exit 1
fi
jar=target/clusterdeck.jar
if [[ ! -f $jar || -n "$(find pom.xml src -newer "$jar" -print -quit)" ]]; then
  $check && { echo "bench/lab.sh: set-up ok (the jar will be built on the first real run)"; exit 0; }
  mvn -B -q -ntp package -DskipTests
fi
if $check; then
  echo "bench/lab.sh: set-up ok ($jar, systemd-nspawn $(systemd-nspawn --version | head -1 | awk '{print $2}'))"
  exit 0
fi

# its own data directory and lab index (90): never the user's lab (1) nor a test lab (100-199)
data=$(mktemp -d)
export CLUSTERDECK_LAB_INDEX=90
cd_() { java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" --data-dir "$data" "$@"; }
trap 'cd_ lab down >/dev/null 2>&1 || true; rm -rf "$data"' EXIT
cd_ lab down >/dev/null

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

cd_ lab status --json >"$data/status.json"
mem=$(grep -o '"memoryMb" : "\?[0-9]*' "$data/status.json" | grep -o '[0-9]*$' | awk '{s += $1} END {print s + 0}')
hosts=$(grep -c '"state" : "running"' "$data/status.json" || true)
# the hosts' own layers (RAM too where /run is a tmpfs, as on most machines)
upper=$(du -scm /run/clusterdeck-lab/lab90/h*/upper | tail -1 | cut -f1)

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
