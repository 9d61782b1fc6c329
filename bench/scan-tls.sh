#!/usr/bin/env bash
# TLS scan of one nginx endpoint on 127.0.0.1 (TLS 1.0-1.3, every suite OpenSSL has at security
# level 0: the most work for a scanner): ClusterDeck's 'scan tls' vs 'sslscan', alternating in one
# run; each round checks that both found the same protocols, (protocol, suite id) and (protocol,
# key exchange group) pairs, then the medians of the wall times (process start to exit) and their ratio. testssl.sh, when
# installed (Debian package testssl.sh), is timed once at the end ('-p -E': protocols and each
# suite per protocol); its wall time is reported beside, not compared suite by suite.
# ClusterDeck runs as run.sh starts a command: same JVM flags and the command's class-data-sharing
# archive, which run.sh writes at a command's first run (here: the first, untimed scan). Not through
# run.sh itself, whose package check (app/install-deps.sh) would be timed too.
# Usage: bench/scan-tls.sh [--check] [ROUNDS=5]
#   --check: build the jar, find the tools, start nginx and scan it once, without measuring
# Traffic goes to 127.0.0.1 only.
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift
ROUNDS=${1:-5}

require python3 python3
require bc bc
require openssl openssl
require nginx nginx-light
peer sslscan sslscan
if [[ -f target/clusterdeck.jar && -n "$(find pom.xml src -newer target/clusterdeck.jar -print -quit)" ]]; then
    step "rebuilding target/clusterdeck.jar (the sources are newer)"
    mvn -B -q -ntp package -DskipTests >&2
fi
app_jar

WORK=$(mktemp -d /tmp/scan-tls.XXXXXX)
# the flags run.sh starts a command with, and its archive for 'scan tls' (written by the first scan below)
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms48m -Xmx512m -Xlog:cds=off -Xlog:cds+dynamic=off)
archive=target/cds/scan-tls.jsa
trap 'kill "$(cat "$WORK/nginx.pid" 2>/dev/null)" 2>/dev/null || true; sleep 0.3; rm -rf "$WORK"' EXIT
step "making a certificate and starting nginx on 127.0.0.1"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/k.pem" -out "$WORK/c.pem" -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost 2>/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy; fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
    server {
        listen 127.0.0.1:$PORT ssl;
        ssl_certificate $WORK/c.pem; ssl_certificate_key $WORK/k.pem;
        ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
        ssl_ciphers "ALL:COMPLEMENTOFALL:@SECLEVEL=0";
    }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log"

# pairs FILE KIND: "TLSv1.2 49199" lines, sorted, from our JSON or sslscan's XML
pairs() {
    python3 - "$1" "$2" <<'PY'
import json, re, sys, xml.etree.ElementTree as ET
f, kind = sys.argv[1], sys.argv[2]
if kind == "json":
    o = json.load(open(f))
    out = {f"{p} {int(c['id'], 16)}" for p, l in o["ciphers"].items() for c in l} | {f"{p} protocol" for p in o["protocols"]}
    out |= {f"{p} group {int(g['id'], 16)}" for p, l in o["groups"].items() for g in l}
else:
    # sslscan writes certificate subjects into its XML unescaped: drop control characters first
    r = ET.fromstring(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", open(f).read()))
    out = {f"{c.get('sslversion')} {int(c.get('id'), 16)}" for c in r.iter("cipher")}
    out |= {f"{g.get('sslversion')} group {int(g.get('id'), 16)}" for g in r.iter("group")}
    out |= {("TLSv" if p.get("type") == "tls" else "SSLv") + p.get("version") + " protocol"
            for p in r.iter("protocol") if p.get("enabled") == "1"}
print("\n".join(sorted(out)))
PY
}

step "scanning once with clusterdeck (writing its archive, as run.sh does at a command's first run) and sslscan"
mkdir -p target/cds
rm -f "$archive"
java "${jvm[@]}" -XX:ArchiveClassesAtExit="$archive" -jar target/clusterdeck.jar --data-dir "$WORK/data" scan tls "127.0.0.1:$PORT" --json > "$WORK/ours.json"
jvm+=(-XX:SharedArchiveFile="$archive")
if command -v sslscan >/dev/null 2>&1; then
    sslscan --no-colour --xml=- "127.0.0.1:$PORT" > "$WORK/sslscan.xml"
    [[ "$(pairs "$WORK/ours.json" json)" == "$(pairs "$WORK/sslscan.xml" xml)" ]] || { STEP="comparing with sslscan: results differ"; false; }
fi
echo "$BENCH: $(pairs "$WORK/ours.json" json | grep -v protocol | grep -vc group) accepted (protocol, suite) pairs and $(pairs "$WORK/ours.json" json | grep -c group) (protocol, group) pairs on 127.0.0.1:$PORT" >&2
checked

# now: seconds since the epoch, with nanoseconds
now() { date +%s.%N; }
ours=()
theirs=()
same=0
for round in $(seq 1 "$ROUNDS"); do
    step "round $round of $ROUNDS: clusterdeck"
    t0=$(now)
    java "${jvm[@]}" -jar target/clusterdeck.jar --data-dir "$WORK/data" scan tls "127.0.0.1:$PORT" --json > "$WORK/ours.json"
    t1=$(now)
    step "round $round of $ROUNDS: sslscan"
    sslscan --no-colour --xml=- "127.0.0.1:$PORT" > "$WORK/sslscan.xml"
    t2=$(now)
    a=$(echo "$t1 - $t0" | bc -l)
    b=$(echo "$t2 - $t1" | bc -l)
    ours+=("$a")
    theirs+=("$b")
    if [[ "$(pairs "$WORK/ours.json" json)" == "$(pairs "$WORK/sslscan.xml" xml)" ]]; then
        same=$((same + 1))
        verdict="same protocols, suites and groups"
    else
        verdict="DIFFERENT protocols, suites or groups: diff <(clusterdeck) <(sslscan): $(diff <(pairs "$WORK/ours.json" json) <(pairs "$WORK/sslscan.xml" xml) | grep '^[<>]' | tr '\n' ' ')"
    fi
    printf '%s: round %d: clusterdeck %.2f s, sslscan %.2f s; %s\n' "$BENCH" "$round" "$a" "$b" "$verdict"
done
read -r mo mn < <(python3 -c 'import statistics,sys; n=int(sys.argv[1]); v=list(map(float, sys.argv[2:])); print(statistics.median(v[:n]), statistics.median(v[n:]))' \
    "$ROUNDS" "${ours[@]}" "${theirs[@]}")
printf '%s: median of %d rounds: clusterdeck %.2f s, sslscan %.2f s, ratio %.2f (goal <= 1.00); same results in %d of %d rounds; load %s\n' \
    "$BENCH" "$ROUNDS" "$mo" "$mn" "$(echo "$mo / $mn" | bc -l)" "$same" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)"
TESTSSL=$(command -v testssl.sh || command -v testssl || true) # Debian installs it as /usr/bin/testssl
if [[ -n $TESTSSL ]]; then
    step "testssl.sh -p -E once"
    t0=$(now)
    "$TESTSSL" --quiet --color 0 --warnings off -p -E "127.0.0.1:$PORT" > "$WORK/testssl.txt" 2>&1 || true
    t1=$(now)
    printf '%s: testssl.sh -p -E (protocols, each suite per protocol): %.2f s, once\n' "$BENCH" "$(echo "$t1 - $t0" | bc -l)"
else
    echo "$BENCH: testssl.sh is not installed (Debian package testssl.sh); not measured"
fi
