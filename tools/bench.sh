#!/usr/bin/env bash
# Builds (Release) and runs the benchmarks; prints each against its baseline as a ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build/release --target physics_step_bench terrain_bench
./build/release/bin/physics_step_bench "$@"
./build/release/bin/terrain_bench "$@"
