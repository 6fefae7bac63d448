#!/usr/bin/env bash
# clang-format (check only) over our sources, then clang-tidy with .clang-tidy over src/ using the
# compile database of the given preset (default: debug, configured if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-debug}"
files=$(git ls-files '*.cc' '*.h' | grep -E '^(src|tests|bench)/')
clang-format --dry-run -Werror $files
# A configure-only tree for clang-tidy: GCC's precompiled headers (.gch) are unreadable to clang,
# and GCC-only warning flags are unknown to it.
tidy_dir="build/tidy-$preset"
[ -f "$tidy_dir/compile_commands.json" ] ||
  cmake --preset "$preset" -B "$tidy_dir" -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON >/dev/null
srcs=$(git ls-files 'src/*.cc')
clang-tidy -p "$tidy_dir" --quiet --extra-arg=-Wno-unknown-warning-option $srcs 2>&1 |
  grep -E 'warning:|error:' && exit 1 || true
echo "lint: clean"
