#!/bin/sh
# Refresh the vendored JavaScript of the /explore views (and the entity pages' map) in
# src/kuopio_kg/web/static/explore/ from the npm registry.
#
# The versions are pinned in tools/explore/package.json and locked (with their integrity
# hashes) in tools/explore/package-lock.json. To move to other versions, change the pins, run
# `npm install --package-lock-only --ignore-scripts` in tools/explore/, then this script, and
# check the browser test (tests/web/explore/test_explore_browser.py) before committing.
#
# Besides the built files it writes iso3166-numeric.json, the ISO 3166-1 alpha-2 → numeric
# table (from pycountry, pinned below) that joins the graph's kkg:countryCode to the
# world-atlas shapes, whose ids are the numeric codes; and it copies the licence of every
# package whose code the bundles hold into licenses/.
set -eu
PYCOUNTRY=26.2.16
here=$(cd "$(dirname "$0")" && pwd)
target=$(cd "$here/.." && pwd)/src/kuopio_kg/web/static/explore
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/explore/package.json" "$here/explore/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
modules="$work/node_modules"
rm -rf "$target"
mkdir -p "$target/licenses" "$target/images"
cp "$modules/graphology/dist/graphology.umd.min.js" \
   "$modules/graphology-library/dist/graphology-library.min.js" \
   "$modules/sigma/dist/sigma.min.js" \
   "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" \
   "$modules/topojson-client/dist/topojson-client.min.js" \
   "$modules/world-atlas/countries-50m.json" \
   "$modules/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js" \
   "$modules/vis-timeline/styles/vis-timeline-graph2d.min.css" \
   "$target/"
cp "$modules/leaflet/dist/images/"*.png "$target/images/"
# The licence files of every package in the lock (the bundles carry their dependencies).
(cd "$modules" && for package in $(ls -d */ @*/*/ | grep -v '^@types/'); do
  for licence in "$package"LICEN[CS]E* "$package"COPYING*; do
    [ -f "$licence" ] || continue
    name=$(echo "${package%/}" | tr '/' '_')
    cp "$licence" "$target/licenses/$name-$(basename "$licence")"
  done
done)
python3 -m venv "$work/py"
"$work/py/bin/pip" install --quiet "pycountry==$PYCOUNTRY"
"$work/py/bin/python" - "$target/iso3166-numeric.json" <<'PY'
import json, sys
import pycountry
table = {country.alpha_2: country.numeric for country in pycountry.countries}
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump(dict(sorted(table.items())), out, separators=(",", ":"))
    out.write("\n")
PY
(cd "$modules" && for package in graphology graphology-library sigma leaflet topojson-client world-atlas vis-timeline; do
  echo "$package $(node -p "require('./$package/package.json').version")"
done; echo "pycountry $PYCOUNTRY") > "$target/VERSIONS.txt"
echo "vendored into $target:"
cat "$target/VERSIONS.txt"
