#!/bin/sh
# Refresh the vendored YASGUI in src/kuopio_kg/web/static/yasgui/ from the npm registry.
#
# The version is pinned in tools/yasgui/package.json and locked (with its integrity hash)
# in tools/yasgui/package-lock.json. To move to another version, change the pin, run
# `npm install --package-lock-only --ignore-scripts` in tools/yasgui/, then this script,
# and check the UI test (tests/endpoint/test_ui_browser.py) before committing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target=$(cd "$here/.." && pwd)/src/kuopio_kg/web/static/yasgui
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/yasgui/package.json" "$here/yasgui/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
dist="$work/node_modules/@zazuko/yasgui/build"
mkdir -p "$target"
cp "$dist/yasgui.min.js" "$dist/yasgui.min.css" "$target/"
version=$(node -p "require('$work/node_modules/@zazuko/yasgui/package.json').version")
echo "vendored @zazuko/yasgui $version into $target"
