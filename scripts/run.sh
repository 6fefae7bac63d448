#!/usr/bin/env bash
# Newcomer command 1: installs the Debian packages, builds the release preset and runs
# `tars serve` on the embedded default (127.0.0.1:8094, data in ./tars-data, development mode).
# Extra arguments go to `tars serve` (e.g. scripts/run.sh --port 9000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target tars
exec build/release/src/app/tars serve "$@"
