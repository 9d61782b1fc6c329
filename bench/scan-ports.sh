#!/usr/bin/env bash
# Full TCP connect scan of 127.0.0.1 (all 65,535 ports): ClusterDeck's 'scan ports' vs
# 'nmap -sT -p- -T4 -n 127.0.0.1', alternating in one run; each round checks that both found the
# same open ports, then the medians of the wall times (process start to exit) and their ratio.
# ClusterDeck runs as run.sh starts a command (same JVM flags, and a class-data-sharing archive
# target/cds/scan-ports.jsa as run.sh writes at a command's first run: here the one-port check writes
# it); three listeners of its own are up
# (two on ports the kernel picks from the ephemeral range, one sending an SSH-like banner).
# Usage: bench/scan-ports.sh [--check] [ROUNDS=5]
#   --check: build the jar, find the tools and scan one port, without measuring
# Traffic goes to 127.0.0.1 only.
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
ROUNDS=${1:-5}

require python3 python3
require bc bc
peer nmap nmap
if [[ -f target/clusterdeck.jar && -n "$(find pom.xml src -newer target/clusterdeck.jar -print -quit)" ]]; then
    step "rebuilding target/clusterdeck.jar (the sources are newer)"
    mvn -B -q -ntp package -DskipTests >&2
fi
app_jar

# the flags run.sh starts a command with, and its archive for 'scan ports' (written by the one-port scan below)
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms48m -Xmx512m -Xlog:cds=off -Xlog:cds+dynamic=off)
archive=target/cds/scan-ports.jsa
WORK=$(mktemp -d /tmp/scan-ports.XXXXXX)
step "starting three listeners on 127.0.0.1"
python3 - "$WORK/ports" <<'PY' &
import socket, sys, threading
ports = []
def serve(banner):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0)); s.listen(128); ports.append(s.getsockname()[1])
    def loop():
        while True:
            c, _ = s.accept()
            try: c.sendall(banner)
            except OSError: pass
            c.close()
    threading.Thread(target=loop, daemon=True).start()
for b in (b"", b"", b"SSH-2.0-bench\r\n"):
    serve(b)
open(sys.argv[1], "w").write(" ".join(map(str, ports)) + "\n")
threading.Event().wait()
PY
listeners=$!
trap 'kill $listeners 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do [[ -s $WORK/ports ]] && break; sleep 0.1; done
[[ -s $WORK/ports ]] || { STEP="waiting for the listeners"; false; }
echo "$BENCH: listeners on $(cat "$WORK/ports")" >&2

step "scanning one port with clusterdeck (writing its archive, as run.sh does at a command's first run)"
mkdir -p target/cds
rm -f "$archive"
java "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive" -jar target/clusterdeck.jar --data-dir "$WORK/data" scan ports 127.0.0.1 \
    -p "$(cut -d' ' -f3 "$WORK/ports")" --json > "$WORK/one.json"
jvm+=(-XX:SharedArchiveFile="$archive")
python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); assert o["openPorts"] and o["open"][0]["banner"] == "SSH-2.0-bench", o' "$WORK/one.json"
checked

# now: seconds since the epoch, with nanoseconds
now() { date +%s.%N; }
ours=()
theirs=()
same=0
for round in $(seq 1 "$ROUNDS"); do
    step "round $round of $ROUNDS: clusterdeck"
    t0=$(now)
    java "${jvm[@]}" -jar target/clusterdeck.jar --data-dir "$WORK/data" scan ports 127.0.0.1 --json > "$WORK/ours.json"
    t1=$(now)
    step "round $round of $ROUNDS: nmap"
    nmap -sT -p- -T4 -n 127.0.0.1 > "$WORK/nmap.txt"
    t2=$(now)
    o=$(python3 -c 'import json,sys; print(" ".join(map(str, json.load(open(sys.argv[1]))["openPorts"])))' "$WORK/ours.json")
    n=$(grep -E '^[0-9]+/tcp +open ' "$WORK/nmap.txt" | cut -d/ -f1 | sort -n | tr '\n' ' ' | sed 's/ $//')
    a=$(echo "$t1 - $t0" | bc -l)
    b=$(echo "$t2 - $t1" | bc -l)
    ours+=("$a")
    theirs+=("$b")
    if [[ $o == "$n" ]]; then
        same=$((same + 1))
        verdict="same open ports ($o)"
    else
        verdict="DIFFERENT open ports: clusterdeck [$o], nmap [$n] (a server on this machine may have started or stopped)"
    fi
    printf '%s: round %d: clusterdeck %.2f s, nmap %.2f s; %s\n' "$BENCH" "$round" "$a" "$b" "$verdict"
done
read -r mo mn < <(python3 -c 'import statistics,sys; n=int(sys.argv[1]); v=list(map(float, sys.argv[2:])); print(statistics.median(v[:n]), statistics.median(v[n:]))' \
    "$ROUNDS" "${ours[@]}" "${theirs[@]}")
printf '%s: median of %d rounds: clusterdeck %.2f s, nmap %.2f s, ratio %.2f (goal <= 1.00); same open ports in %d of %d rounds; load %s\n' \
    "$BENCH" "$ROUNDS" "$mo" "$mn" "$(echo "$mo / $mn" | bc -l)" "$same" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)"
