#!/usr/bin/env bash
# Installs every Debian package the build, the tests and the benchmarks need.
# Idempotent and non-interactive: packages already present are skipped, `apt-get update` runs once.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config clang-format clang-tidy
  # libraries (ARCHITECTURE.md "Dependencies")
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libssl-dev libsodium-dev libhiredis-dev libsqlite3-dev libpq-dev libyaml-cpp-dev
  prometheus-cpp-dev libspdlog-dev libfmt-dev libcli11-dev libeigen3-dev librust-blake3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # real peers for integration tests and benchmarks
  redis-server postgresql prometheus wrk nginx-light curl jq openssl python3
  # test oracles: b3sum checks our BLAKE3 build (crypto blake3_test)
  b3sum
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# PostgreSQL's server binaries live outside PATH on Debian; the test harness looks them up itself.
echo "install-deps: all ${#PACKAGES[@]} packages present"
