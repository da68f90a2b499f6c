#!/usr/bin/env bash
# Regenerates the README's hillshades of the built-in (synthetic) Jezero with the CLI:
# docs/hillshade_wright_brothers_field.png and docs/hillshade_seitah.png. Needs a build.
set -euo pipefail
cd "$(dirname "$0")/.."
sim=build/release/bin/ingenuity-sim
[ -x "$sim" ] || { echo "export-docs-hillshades: build first (tools/run.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Wright Brothers Field: 400 m west to 400 m east, 500 m south to 300 m north of it.
"$sim" terrain export --bbox 77.44391,18.43642,77.45813,18.44992 --spacing 0.5 \
  --out "$tmp/wright_brothers_field.tif"
# Seitah: 900 m west of the field to the field, 1300 to 500 m south of it.
"$sim" terrain export --bbox 77.43501,18.42293,77.45102,18.43642 --spacing 0.5 \
  --out "$tmp/seitah.tif"
cp "$tmp/wright_brothers_field_hillshade.png" docs/hillshade_wright_brothers_field.png
cp "$tmp/seitah_hillshade.png" docs/hillshade_seitah.png
echo "export-docs-hillshades: wrote docs/hillshade_wright_brothers_field.png, docs/hillshade_seitah.png"
