#!/usr/bin/env bash
# Screenshots an HTML report in headless Chromium, to look at it the way a reader's browser lays
# it out. Usage: bench/html-screenshot.sh REPORT.html [OUT.png]
# Make a report with: ./3scale-doctor demo --format html --output report.html
set -euo pipefail
report="${1:?usage: $0 REPORT.html [OUT.png]}"
out="${2:-${report%.html}.png}"
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
timeout 90 "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile" \
  --screenshot="$out" --window-size=1200,1600 "file://$(realpath "$report")" 2>"$profile/stderr" \
  || { cat "$profile/stderr" >&2; exit 1; }
if grep -E "CONSOLE|Failed to load resource|net::ERR_" "$profile/stderr" >&2; then
  echo "the page logged errors (above)" >&2
  exit 1
fi
echo "$out"
