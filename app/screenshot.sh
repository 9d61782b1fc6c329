#!/usr/bin/env bash
# Takes the README's screenshot: starts ClusterDeck on a fresh demo lab in a virtual display
# (Xvfb), waits for the main window, and captures the screen with ImageMagick's import.
# Usage: app/screenshot.sh [OUT.png]   (as root it installs xvfb and imagemagick)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
if [[ $(id -u) -eq 0 ]]; then
  for p in xvfb imagemagick libgtk-3-0; do
    dpkg -s "$p" >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null
  done
fi
[[ -f target/clusterdeck.jar ]] || mvn -B -q -ntp package -DskipTests
data=$(mktemp -d)
# the screen is the window's default size, so the window fills it
Xvfb :88 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
DISPLAY=:88 java -jar target/clusterdeck.jar --data-dir "$data" >/dev/null 2>&1 &
app=$!
# wait for the main window (the app logs it), then for the diagram's layout job
for _ in $(seq 1 240); do
  grep -q "main window ready" "$data/clusterdeck.log" 2>/dev/null && break
  sleep 0.5
done
sleep "${SCREENSHOT_WAIT:-6}"
mkdir -p "$(dirname "$out")"
DISPLAY=:88 import -window root "$out"
kill $app 2>/dev/null || true
echo "wrote $out"
