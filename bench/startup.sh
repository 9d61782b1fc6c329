#!/usr/bin/env bash
# Start-up benchmark: time from launch to the first window under Xvfb, and resident memory
# once the main window is up, for ClusterDeck and for virt-manager (test:///default) in the
# same run, alternating, printed with their ratios.
# Usage: bench/startup.sh [--check] [ROUNDS]   (as root it installs xvfb, x11-utils and virt-manager)
#   --check: build the jar, start it once and find the tools (installs nothing), without measuring
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
rounds=${1:-5}
if [[ $(id -u) -eq 0 ]] && ((!CHECK)); then
  step "installing xvfb, x11-utils and virt-manager (apt-get)"
  need=()
  for p in xvfb x11-utils virt-manager; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
  ((${#need[@]})) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
peer Xvfb xvfb
peer xwininfo x11-utils
peer virt-manager virt-manager
require bc bc
app_jar
checked
step "starting Xvfb"

display=:77
Xvfb $display -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$display
data=$(mktemp -d)
step "creating the demo database"
java -jar target/clusterdeck.jar --data-dir "$data/d" db info >/dev/null   # create and seed once
step "measuring"

# the flags run.sh uses: a small starting heap (the default starts at 1/64 of RAM), C1 only
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms48m -Xmx512m)
# one start to write the class-data-sharing archive, as run.sh does on a first start
timeout 20 java "${jvm[@]}" -XX:ArchiveClassesAtExit=/tmp/clusterdeck-bench.jsa -jar target/clusterdeck.jar --data-dir "$data/d" >/dev/null 2>&1 &
cds=$!
sleep 10; kill "$cds" 2>/dev/null || true; wait "$cds" 2>/dev/null || true

# measure CMD TITLE: prints "<seconds to window> <rss MB 2 s after it>"
measure() {
  local title=$1; shift
  local start end pid rss
  # the previous window must be gone, or it would be measured instead
  for _ in $(seq 1 300); do
    xwininfo -root -tree 2>/dev/null | grep -q "\"$title" || break
    sleep 0.05
  done
  start=$(date +%s.%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do
    if xwininfo -root -tree 2>/dev/null | grep -q "\"$title"; then break; fi
    sleep 0.01
  done
  end=$(date +%s.%N)
  sleep 2
  rss=$(ps -o rss= --ppid "$pid" -p "$pid" 2>/dev/null | awk '{s+=$1} END {print int(s/1024)}')
  kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  echo "$(echo "$end - $start" | bc) $rss"
}

printf "%-6s %-28s %-28s %-28s\n" round "clusterdeck (s, MB)" "clusterdeck+CDS (s, MB)" "virt-manager (s, MB)"
sum() { awk '{t+=$1; m+=$2} END {printf "%.3f %d\n", t/NR, m/NR}'; }
: > /tmp/su-plain; : > /tmp/su-cds; : > /tmp/su-vm
for r in $(seq 1 "$rounds"); do
  a=$(measure "ClusterDeck" java -jar target/clusterdeck.jar --data-dir "$data/d")
  b=$(measure "ClusterDeck" java "${jvm[@]}" -XX:SharedArchiveFile=/tmp/clusterdeck-bench.jsa -jar target/clusterdeck.jar --data-dir "$data/d")
  c=$(measure "Virtual Machine Manager" virt-manager --no-fork --connect test:///default)
  echo "$a" >> /tmp/su-plain; echo "$b" >> /tmp/su-cds; echo "$c" >> /tmp/su-vm
  printf "%-6s %-28s %-28s %-28s\n" "$r" "$a" "$b" "$c"
done
read -r pt pm < <(sum < /tmp/su-plain); read -r ct cm < <(sum < /tmp/su-cds); read -r vt vm < <(sum < /tmp/su-vm)
echo
echo "mean to first window: clusterdeck ${pt}s, with CDS ${ct}s, virt-manager ${vt}s"
echo "mean RSS:             clusterdeck ${pm} MB, with CDS ${cm} MB, virt-manager ${vm} MB"
echo "ratio time (ours/virt-manager): default $(echo "scale=2; $pt / $vt" | bc), CDS $(echo "scale=2; $ct / $vt" | bc)"
echo "ratio RSS  (ours/virt-manager): default $(echo "scale=2; $pm / $vm" | bc), CDS $(echo "scale=2; $cm / $vm" | bc)"
rm -rf "$data"
