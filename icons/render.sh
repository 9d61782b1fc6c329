#!/usr/bin/env bash
# Renders the SVG sources to the PNGs the app loads (icons/png/NAME-SIZE.png).
# Needs rsvg-convert (Debian: librsvg2-bin). The PNGs are committed; run this after editing an SVG.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for svg in *.svg; do
  name=${svg%.svg}
  for size in 16 24 32 48 64; do
    rsvg-convert -w "$size" -h "$size" "$svg" -o "png/$name-$size.png"
  done
done
rsvg-convert -w 256 -h 256 clusterdeck.svg -o png/clusterdeck-256.png
rsvg-convert -w 128 -h 128 clusterdeck.svg -o png/clusterdeck-128.png
echo "rendered $(ls png | wc -l) PNGs"
