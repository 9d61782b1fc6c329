#!/usr/bin/env bash
# ClusterDeck's HTTP load engine side by side with wrk against nginx on 127.0.0.1.
# Usage: bench/http-vs-wrk.sh [--check] [ROUNDS=5] [DURATION=10s] [CONNECTIONS=100] [THREADS=2]
#   --check: build the jar, find the tools and serve one request through nginx, without measuring
# Needs: nginx (Debian nginx-light), wrk, java 17, curl, python3; builds target/clusterdeck.jar if missing.
# Traffic goes to 127.0.0.1 only. Prints requests/s of each per round, the medians and their ratio.
cd "$(dirname "$0")/.."
source bench/lib.sh
((CHECK)) && shift

ROUNDS=${1:-5}
DURATION=${2:-10s}
CONNECTIONS=${3:-100}
THREADS=${4:-2}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR="$HERE/target/clusterdeck.jar"

require nginx nginx-light
require curl curl
require python3 python3
peer wrk wrk
app_jar

step "starting nginx on 127.0.0.1"
WORK=$(mktemp -d /tmp/http-vs-wrk.XXXXXX)
chmod 755 "$WORK"
mkdir -p "$WORK/www" "$WORK/data"
head -c 612 /dev/zero | tr '\0' 'x' > "$WORK/www/index.html"   # the size of nginx's default page
chmod -R a+rX "$WORK/www"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/body;
    proxy_temp_path $WORK/proxy;
    fastcgi_temp_path $WORK/fastcgi;
    uwsgi_temp_path $WORK/uwsgi;
    scgi_temp_path $WORK/scgi;
    keepalive_requests ${KEEPALIVE_REQUESTS:-1000};
    server {
        listen 127.0.0.1:$PORT;
        root $WORK/www;
    }
}
CONF
nginx -p "$WORK" -c "$WORK/nginx.conf" -e "$WORK/error.log"
trap 'kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; sleep 0.3; rm -rf "$WORK"' EXIT
URL="http://127.0.0.1:$PORT/index.html"
for _ in $(seq 50); do curl -sf -o /dev/null "$URL" 2>/dev/null && break; sleep 0.1; done
step "fetching $URL once"
curl -sf -o /dev/null "$URL"
checked
step "measuring"

# C1 only: on 2 cores shared with nginx, C2's compile work during a 10 s run costs more than its
# faster code gains (measured: ~12 vs ~21 us of CPU per request, start-up included). Override freely.
JAVA_OPTS=${JAVA_OPTS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms128m -Xmx256m"}
CD_EXTRA=${CD_EXTRA:-}   # more 'bench run' options, e.g. "--warmup 3s" (warm-up requests are not counted)
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on $URL; $CONNECTIONS connections, $DURATION per run, $ROUNDS rounds, $THREADS threads each"
echo "wrk:         wrk -t$THREADS -c$CONNECTIONS -d$DURATION $URL"
echo "ClusterDeck: java $JAVA_OPTS -jar $JAR bench run $URL -c $CONNECTIONS -d $DURATION --threads $THREADS --no-save --json $CD_EXTRA"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %14s %16s %8s\n' round wrk_req_s clusterdeck_req_s ratio
wrk_all=(); cd_all=()
for r in $(seq "$ROUNDS"); do
    w=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$URL" | awk '/Requests\/sec/ {print $2}')
    c=$(java $JAVA_OPTS -jar "$JAR" --data-dir "$WORK/data" bench run "$URL" -c "$CONNECTIONS" -d "$DURATION" \
            --threads "$THREADS" --no-save --json $CD_EXTRA | python3 -c 'import json,sys; print(json.load(sys.stdin)["requestsPerSecond"])')
    wrk_all+=("$w"); cd_all+=("$c")
    printf '%-6s %14.0f %16.0f %8.3f\n' "$r" "$w" "$c" "$(python3 -c "print($c/$w)")"
done
python3 - "${wrk_all[*]}" "${cd_all[*]}" <<'PY'
import statistics, sys
w = [float(x) for x in sys.argv[1].split()]
c = [float(x) for x in sys.argv[2].split()]
print(f"median  {statistics.median(w):14.0f} {statistics.median(c):16.0f} {statistics.median(c)/statistics.median(w):8.3f}")
# rounds alternate, so each round's pair saw similar machine load: the median of the paired ratios
print(f"median of per-round ratios: {statistics.median(b / a for a, b in zip(w, c)):.3f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
