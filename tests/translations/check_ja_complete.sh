#!/usr/bin/env bash
# Fails when a console string is missing from translations/mamori_ja.ts or
# left unfinished: lupdate runs over the sources into a temporary copy, so
# the checked-in file is never touched.
set -euo pipefail
src=${1:?source dir}
lupdate=${2:-/usr/lib/qt6/bin/lupdate}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src/translations/mamori_ja.ts" "$tmp/ja.ts"
"$lupdate" -no-obsolete -locations none -I "$src" "$src/app" "$src/ui" "$src/widgets" -ts "$tmp/ja.ts" >"$tmp/log" 2>&1 \
  || { cat "$tmp/log"; exit 1; }
unfinished=$(grep -c 'type="unfinished"' "$tmp/ja.ts" || true)
if [ "$unfinished" -gt 0 ]; then
  echo "mamori_ja.ts: $unfinished strings are missing or unfinished:"
  grep -B3 'type="unfinished"' "$tmp/ja.ts" | grep '<source>' | head -50
  exit 1
fi
echo "mamori_ja.ts covers every console string"
