#!/usr/bin/env bash
# Installs what is missing, builds (Release) and runs the main job on the built-in default:
# hover trim at Flight 1's conditions. Extra arguments go to `ingenuity-sim trim`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build/release
./build/release/bin/ingenuity-sim trim "$@"
