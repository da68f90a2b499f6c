#!/usr/bin/env bash
# Installs what is missing, builds (Release) and runs the main job on the built-in default:
# flies the Flight 1 scenario over the built-in Jezero and prints its summary (outputs in
# out/flight_01/). Extra arguments go to `ingenuity-sim fly`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build/release
./build/release/bin/ingenuity-sim fly scenarios/flight_01.yaml "$@"
