#!/usr/bin/env bash
# clang-format (check only) over our sources, then clang-tidy with .clang-tidy over src/ using the
# compile database of the given preset (default: debug, configured if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-debug}"
files=$(git ls-files '*.cc' '*.h' | grep -E '^(src|tests|bench)/')
clang-format --dry-run -Werror $files
[ -f "build/$preset/compile_commands.json" ] || cmake --preset "$preset" >/dev/null
srcs=$(git ls-files 'src/*.cc')
clang-tidy -p "build/$preset" --quiet $srcs 2>&1 | grep -E 'warning:|error:' && exit 1 || true
echo "lint: clean"
