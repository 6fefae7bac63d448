#!/usr/bin/env bash
# Newcomer command 2: installs everything the tests need (Debian packages, npm tools), builds and
# runs the whole suite with ctest, for each preset in TARS_TEST_PRESETS (default: release, then
# asan = AddressSanitizer + UndefinedBehaviorSanitizer). Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
npm ci --no-audit --no-fund --loglevel=error
# The server tests open ~2 000 sockets in one process.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
for preset in ${TARS_TEST_PRESETS:-release asan}; do
  echo "== preset $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
  ctest --preset "$preset"
done
