#!/usr/bin/env bash
# Writes every screen of ClusterDeck (main window panes, dialogs, wizard steps, tabs) as PNG files
# for a person to look at in one place: OUT_DIR/<screen>-<width>x<height>-<light|dark|presentation>.png,
# plus one file per extra window (dialog, wizard) named after its title. The screens come from
# WindowTourTest (headless, no display needed), which also lists any text that is cut or elided.
# Usage: app/gallery.sh OUT_DIR [SCREEN_REGEX]     e.g. app/gallery.sh /tmp/gallery 'vm-wizard.*'
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -lt 1 ]]; then
  echo "usage: app/gallery.sh OUT_DIR [SCREEN_REGEX]" >&2
  exit 2
fi
out=$(realpath -m "$1")
mkdir -p "$out"
status=0
mvn -B -q -ntp -Dstyle.color=never test -Dtest=WindowTourTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dclusterdeck.gallery="$out" -Dtour.only="${2:-.*}" || status=$?
count=$(find "$out" -name '*.png' | wc -l)
echo "gallery.sh: $count screens in $out"
if [[ $status -ne 0 ]]; then
  echo "gallery.sh: WindowTourTest found text that is cut or elided (listed above, and in" >&2
  echo "gallery.sh: target/surefire-reports/org.clusterdeck.ui.main.WindowTourTest.txt); the PNG files are written anyway." >&2
fi
[[ $count -gt 0 ]] || { echo "gallery.sh: no screens were written; see the Maven output above." >&2; exit 1; }
exit $status
