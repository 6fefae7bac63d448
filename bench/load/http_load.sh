#!/usr/bin/env bash
# tars vs nginx on loopback (issue #2 item 16): the same JSON body, one tars I/O thread vs one
# nginx worker, both pinned to CPU 0; wrk -t1 -c50 pinned to CPU 1; alternating runs. Prints each
# run, the medians, and the ratios tars/nginx (requests/s and p99 latency).
#
# Usage: bench/load/http_load.sh [path] (default /health)
#   RUNS=3 DURATION=10s CONNECTIONS=50 TARS=build/release/src/app/tars
# Needs: wrk, nginx (scripts/install-deps.sh), a release build of tars.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
path="${1:-/health}"
runs="${RUNS:-3}"
duration="${DURATION:-10s}"
conns="${CONNECTIONS:-50}"
tars="${TARS:-$root/build/release/src/app/tars}"
[ -x "$tars" ] || { echo "http_load: $tars missing; cmake --build --preset release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "http_load: wrk missing; scripts/install-deps.sh" >&2; exit 1; }
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$nginx_bin" ] || { echo "http_load: nginx missing; scripts/install-deps.sh" >&2; exit 1; }

# shellcheck source=bench/load/lib.sh
source "$root/bench/load/lib.sh"

wait_http() { for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$1$2" && return 0; sleep 0.05; done; echo "no answer on $1" >&2; return 1; }

tars_port="$(free_port)"
TARS_LOG_LEVEL=warn TARS_SERVER_THREADS=1 taskset -c 0 "$tars" serve --port "$tars_port" \
  --data-dir "$work/tars-data" >"$work/tars.log" 2>&1 &
pids+=($!)
wait_http "$tars_port" "$path"
body="$(curl -fsS "http://127.0.0.1:$tars_port$path")"

nginx_port="$(free_port)"
# Same body as tars' answer; single quotes escaped for nginx's string syntax.
nginx_body="${body//\'/\\\'}"
mkdir -p "$work/nginx"
{ nginx_conf_head; cat <<CONF
  server {
    listen 127.0.0.1:$nginx_port;
    location = $path { default_type application/json; return 200 '$nginx_body'; }
  }
}
CONF
} >"$work/nginx/nginx.conf"
taskset -c 0 "$nginx_bin" -c "$work/nginx/nginx.conf" -p "$work/nginx" 2>"$work/nginx/stderr" &
pids+=($!)
wait_http "$nginx_port" "$path"

run_wrk() { # name port → "rps p99_ms"
  local out
  out="$(taskset -c 1 wrk -t1 -c"$conns" -d"$duration" --latency "http://127.0.0.1:$2$path")"
  local rps p99
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")"
  local errors
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  echo "$1 run: ${rps} req/s, p99 ${p99} ms ${errors:+($errors)}" >&2
  echo "$rps $p99"
}


: >"$work/tars.res"; : >"$work/nginx.res"
for i in $(seq "$runs"); do
  run_wrk tars "$tars_port" >>"$work/tars.res"
  run_wrk nginx "$nginx_port" >>"$work/nginx.res"
done

t_rps="$(cut -d' ' -f1 "$work/tars.res" | median)"; t_p99="$(cut -d' ' -f2 "$work/tars.res" | median)"
n_rps="$(cut -d' ' -f1 "$work/nginx.res" | median)"; n_p99="$(cut -d' ' -f2 "$work/nginx.res" | median)"
echo "path $path, wrk -t1 -c$conns -d$duration, $runs alternating runs each (medians):"
printf 'tars   %10.0f req/s  p99 %7.3f ms\n' "$t_rps" "$t_p99"
printf 'nginx  %10.0f req/s  p99 %7.3f ms\n' "$n_rps" "$n_p99"
awk -v a="$t_rps" -v b="$n_rps" -v c="$t_p99" -v d="$n_p99" \
  'BEGIN {printf "ratio  tars/nginx requests/s %.3f, p99 %.3f\n", a/b, c/d}'
