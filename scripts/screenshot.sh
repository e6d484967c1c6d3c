#!/usr/bin/env bash
# Draws the bundled sample data as the HTML export and saves a PNG of it, as headless
# Chromium renders it: docs/timeline.png (the picture in the README), or with WIDTH set,
# docs/timeline-WIDTH.png at that window width (390: a phone; 1400: a wide screen).
#
# Needs Debian's chromium (`apt-get install chromium`); nothing is fetched from the network.
set -euo pipefail
cd "$(dirname "$0")/.."
out=timeline${WIDTH:+-$WIDTH}.png
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q --release
./target/release/timeline --db "$work/t.db" ingest data/articles 2>/dev/null
./target/release/timeline --db "$work/t.db" export --format html --title "${TITLE:-US–Russia–Ukraine talks, March 2025}" -o "$work/timeline.html"
# A hover card opened on one mark, so the picture shows what a reader sees on hover.
sed -i 's/<div class="mark" tabindex="0"/<div class="mark" tabindex="0" autofocus/' "$work/timeline.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --hide-scrollbars --window-size=${WIDTH:-1200},${HEIGHT:-720} \
  --screenshot="$PWD/docs/$out" "file://$work/timeline.html" 2>/dev/null
echo "wrote docs/$out"
