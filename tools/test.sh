#!/usr/bin/env bash
# Installs what is missing, builds and runs every test through ctest.
#   tools/test.sh             Release build in build/release
#   tools/test.sh --sanitize  AddressSanitizer + UndefinedBehaviorSanitizer build in build/asan
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
if [ "${1:-}" = "--sanitize" ]; then
  dir=build/asan
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINGENUITY_SANITIZE=ON \
    -DINGENUITY_BUILD_BENCH=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
  export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
  dir=build/release
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$dir"
ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$(nproc)"
