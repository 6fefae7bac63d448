#!/usr/bin/env bash
# TLS on loopback (issue #5 item 11): tars against nginx with the same ECDSA P-256 certificate
# (from `tars certs generate`), one tars I/O thread and one nginx worker pinned to CPU 0, the
# clients pinned to CPU 1, alternating runs.
#
#   1. Full TLS 1.3 handshakes: `openssl s_time -new -tls1_3` (no request, a new session each time).
#   2. Resumed TLS 1.3 handshakes: `openssl s_time -reuse -tls1_3`.
#   2b. Full mTLS handshakes: `openssl s_time -new -tls1_3` with a client certificate, against a
#      second tars with tls.require_mtls and a second nginx server with ssl_verify_client on (both
#      verify the client's chain against the same CA).
#   For both, handshakes/s as the client saw them and the server's own CPU time per handshake
#   (utime + stime of the serving process from /proc, divided by the handshakes): with one client
#   process on the other core the client may be the bottleneck, so the CPU cost per handshake is
#   the figure that compares the servers; capacity = 1 / cost is what one server thread could do.
#   3. HTTPS keep-alive against plain HTTP on the same tars (the probe port is plain):
#      wrk -t1 -c50 on GET /healthz.
#
# Usage: bench/load/tls_load.sh      RUNS=3 SECONDS_PER_RUN=5 DURATION=5s CONNECTIONS=50
# Needs: openssl, wrk, nginx, curl, python3 (scripts/install-deps.sh) and a release build of tars.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-3}"
secs="${SECONDS_PER_RUN:-5}"
duration="${DURATION:-5s}"
conns="${CONNECTIONS:-50}"
tars="${TARS:-$root/build/release/src/app/tars}"
[ -x "$tars" ] || { echo "tls_load: $tars missing; cmake --build --preset release" >&2; exit 1; }
for tool in openssl wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "tls_load: $tool missing; scripts/install-deps.sh" >&2; exit 1; }
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "tls_load: nginx missing; scripts/install-deps.sh" >&2; exit 1; }

# shellcheck source=bench/load/lib.sh
source "$root/bench/load/lib.sh"

"$tars" certs generate --out "$work/certs" --services auth,hypersync >/dev/null
cert="$work/certs/auth.crt" key="$work/certs/auth.key" ca="$work/certs/ca.crt"
client_cert="$work/certs/hypersync-client.crt" client_key="$work/certs/hypersync-client.key"

tars_port="$(free_port)" probe_port="$(free_port)"
TARS_LOG_LEVEL=warn TARS_SERVER_THREADS=1 TARS_TLS_ENABLED=true TARS_TLS_SERVER_CERT="$cert" \
  TARS_TLS_SERVER_KEY="$key" TARS_SERVER_PROBE_PORT="$probe_port" \
  taskset -c 0 "$tars" serve --port "$tars_port" --data-dir "$work/tars-data" >"$work/tars.log" 2>&1 &
tars_pid=$!
pids+=("$tars_pid")
tars_mtls_port="$(free_port)"
TARS_LOG_LEVEL=warn TARS_SERVER_THREADS=1 TARS_TLS_ENABLED=true TARS_TLS_SERVER_CERT="$cert" \
  TARS_TLS_SERVER_KEY="$key" TARS_TLS_REQUIRE_MTLS=true TARS_TLS_CLIENT_CA_BUNDLE="$ca" \
  taskset -c 0 "$tars" serve --port "$tars_mtls_port" --data-dir "$work/tars-mtls-data" \
  >"$work/tars-mtls.log" 2>&1 &
tars_mtls_pid=$!
pids+=("$tars_mtls_pid")

nginx_port="$(free_port)" nginx_mtls_port="$(free_port)"
mkdir -p "$work/nginx"
{ nginx_conf_head; cat <<CONF
  ssl_protocols TLSv1.2 TLSv1.3;
  ssl_session_cache shared:SSL:10m;
  ssl_session_tickets on;
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    location / { default_type application/json; return 200 '{"status":"OK"}'; }
  }
  server {
    listen 127.0.0.1:$nginx_mtls_port ssl;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    ssl_client_certificate $ca;
    ssl_verify_client on;
    location / { default_type application/json; return 200 '{"status":"OK"}'; }
  }
}
CONF
} >"$work/nginx/nginx.conf"
taskset -c 0 "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/stderr" &
pids+=($!)
nginx_master=$!

for _ in $(seq 100); do
  curl -fsS -o /dev/null --cacert "$ca" "https://localhost:$tars_port/healthz" 2>/dev/null &&
    curl -fsS -o /dev/null --cacert "$ca" "https://localhost:$nginx_port/" 2>/dev/null &&
    curl -fsS -o /dev/null --cacert "$ca" --cert "$client_cert" --key "$client_key" \
      "https://localhost:$tars_mtls_port/healthz" 2>/dev/null && break
  sleep 0.1
done
nginx_worker="$(pgrep -P "$nginx_master" | head -1)"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"

# name port pid mode(-new|-reuse|mtls) → "handshakes_per_s server_us_per_handshake"
# (mtls: -new with the client certificate)
run_stime() {
  local before after t0 t1 out n
  local -a args=("$4")
  [ "$4" = mtls ] && args=(-new -cert "$client_cert" -key "$client_key")
  before="$(cpu_ticks "$3")"; t0="$(date +%s.%N)"
  out="$(taskset -c 1 openssl s_time -connect "127.0.0.1:$2" "${args[@]}" -tls1_3 -time "$secs" 2>&1)"
  t1="$(date +%s.%N)"; after="$(cpu_ticks "$3")"
  n="$(awk '/connections in .* real seconds/ {print $1; exit}' <<<"$out")"
  [ -n "$n" ] && [ "$n" -gt 0 ] || { echo "tls_load: s_time failed against $1: $out" >&2; exit 1; }
  awk -v n="$n" -v t0="$t0" -v t1="$t1" -v b="$before" -v a="$after" -v hz="$hz" -v name="$1" -v mode="$4" \
    'BEGIN { rate = n / (t1 - t0); us = (a - b) / hz * 1e6 / n;
             printf "%s %s: %d handshakes, %.0f/s, server CPU %.1f us each\n", name, mode, n, rate, us > "/dev/stderr";
             printf "%.1f %.2f\n", rate, us }'
}

run_wrk() { # name url → "rps server_us_per_request" (tars' own CPU, from /proc)
  local out rps n before after
  before="$(cpu_ticks "$tars_pid")"
  out="$(taskset -c 1 wrk -t1 -c"$conns" -d"$duration" "$2")"
  after="$(cpu_ticks "$tars_pid")"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  n="$(awk '/requests in/ {print $1}' <<<"$out")"
  echo "$1: $rps req/s $(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)" >&2
  awk -v r="$rps" -v n="$n" -v b="$before" -v a="$after" -v hz="$hz" \
    'BEGIN { printf "%s %.2f\n", r, (a - b) / hz * 1e6 / n }'
}

for mode in -new -reuse mtls; do
  : >"$work/tars$mode"; : >"$work/nginx$mode"
  tp="$tars_port" tpid="$tars_pid" np="$nginx_port"
  [ "$mode" = mtls ] && tp="$tars_mtls_port" tpid="$tars_mtls_pid" np="$nginx_mtls_port"
  for _ in $(seq "$runs"); do
    run_stime tars "$tp" "$tpid" "$mode" >>"$work/tars$mode"
    run_stime nginx "$np" "$nginx_worker" "$mode" >>"$work/nginx$mode"
  done
done
: >"$work/https"; : >"$work/http"
for _ in $(seq "$runs"); do
  run_wrk "tars https keep-alive" "https://127.0.0.1:$tars_port/healthz" >>"$work/https"
  run_wrk "tars http keep-alive" "http://127.0.0.1:$probe_port/healthz" >>"$work/http"
done

echo "openssl s_time -tls1_3 -time $secs (client on CPU 1), $runs alternating runs each (medians):"
for mode in -new -reuse mtls; do
  tr="$(cut -d' ' -f1 "$work/tars$mode" | median)"; tu="$(cut -d' ' -f2 "$work/tars$mode" | median)"
  nr="$(cut -d' ' -f1 "$work/nginx$mode" | median)"; nu="$(cut -d' ' -f2 "$work/nginx$mode" | median)"
  awk -v m="$mode" -v tr="$tr" -v tu="$tu" -v nr="$nr" -v nu="$nu" 'BEGIN {
    printf "%-7s tars  %7.0f/s, %6.1f us server CPU each (capacity %6.0f/s)\n", m, tr, tu, 1e6 / tu;
    printf "%-7s nginx %7.0f/s, %6.1f us server CPU each (capacity %6.0f/s)\n", m, nr, nu, 1e6 / nu;
    printf "%-7s ratio tars/nginx: handshakes/s %.3f, capacity %.3f (target >= 0.9 for -new)\n", m, tr / nr, nu / tu }'
done
hs="$(cut -d' ' -f1 "$work/https" | median)"; hp="$(cut -d' ' -f1 "$work/http" | median)"
hu="$(cut -d' ' -f2 "$work/https" | median)"; pu="$(cut -d' ' -f2 "$work/http" | median)"
awk -v a="$hs" -v b="$hp" -v hu="$hu" -v pu="$pu" 'BEGIN {
  printf "keep-alive GET /healthz: https %.0f req/s, http %.0f req/s, ratio %.3f (target >= 0.8)\n", a, b, a / b;
  printf "server CPU per request: https %.2f us, http %.2f us, capacity ratio %.3f\n", hu, pu, pu / hu }'
