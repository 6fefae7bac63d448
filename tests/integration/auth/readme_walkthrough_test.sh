#!/usr/bin/env bash
# Runs the README's identity walkthrough (the shell block after "Log in as a demo user") against a
# fresh `tars serve` on a free loopback port, and checks what each step must print.
# Usage: readme_walkthrough_test.sh TARS_BINARY README
set -euo pipefail
tars=$1
readme=$2
work=$(mktemp -d)
cleanup() {
  [[ -n ${pid:-} ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

env -i PATH="$PATH" TARS_LOG_LEVEL=info "$tars" serve --port 0 --data-dir "$work/data" \
  2>"$work/log" &
pid=$!
port=""
for _ in $(seq 1 100); do
  port=$(grep -o '"ports":"[0-9]*' "$work/log" 2>/dev/null | head -1 | grep -o '[0-9]*$' || true)
  [[ -n $port ]] && break
  sleep 0.1
done
[[ -n $port ]] || { echo "tars did not start"; cat "$work/log"; exit 1; }

# The block itself, with the address of this server.
awk '/^Log in as a demo user/{f=1} f&&/^```sh/{g=1;next} g&&/^```/{exit} g' "$readme" |
  sed "s|^B=http://127.0.0.1:8094|B=http://127.0.0.1:$port|" >"$work/walkthrough.sh"
[[ -s $work/walkthrough.sh ]] || { echo "walkthrough block not found in README"; exit 1; }
bash -euo pipefail "$work/walkthrough.sh" >"$work/out" 2>&1 || { cat "$work/out"; exit 1; }

expect() {
  grep -q -- "$1" "$work/out" || { echo "missing: $1"; cat "$work/out"; exit 1; }
}
expect '"principal_type":"user"'
expect '"principal_type":"service"'
codes=$(grep -oE '[0-9]{3}$' "$work/out" | tr '\n' ' ')
[[ $codes == "401 204 401 " ]] || { echo "status codes: '$codes'"; cat "$work/out"; exit 1; }
[[ $(grep -c '"principal_type":"service"' "$work/out") == 2 ]] || { cat "$work/out"; exit 1; }
echo "README walkthrough OK"
