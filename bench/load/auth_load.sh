#!/usr/bin/env bash
# Identity end to end (issue #3 item 16): GET /auth/me with a Bearer token against GET /health on
# the same tars (one I/O thread pinned to CPU 0, wrk -t1 pinned to CPU 1), alternating runs,
# medians and the ratio /auth/me ÷ /health; then POST /auth/refresh end to end, sequentially
# (each refresh token is single-use, so a refresh chain cannot be replayed by wrk).
#
# Every request passes the rate limiter (issue #4 item 10: a rate-limited, authenticated request
# ≥ 0.75 × /health): the classes get limits the load never reaches (10⁶ per second), so each
# request is charged and allowed. RATELIMIT_BACKEND=redis starts a redis-server on loopback and
# charges every request there instead of in memory.
#
# Usage: bench/load/auth_load.sh      RUNS=3 DURATION=10s CONNECTIONS=50 REFRESHES=300
#                                     RATELIMIT_BACKEND=memory|redis
# Needs: wrk, curl, jq, python3 (scripts/install-deps.sh) and a release build of tars.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${RUNS:-3}"
duration="${DURATION:-10s}"
conns="${CONNECTIONS:-50}"
refreshes="${REFRESHES:-300}"
tars="${TARS:-$root/build/release/src/app/tars}"
[ -x "$tars" ] || { echo "auth_load: $tars missing; cmake --build --preset release" >&2; exit 1; }
for tool in wrk curl jq python3; do
  command -v "$tool" >/dev/null || { echo "auth_load: $tool missing; scripts/install-deps.sh" >&2; exit 1; }
done

# shellcheck source=bench/load/lib.sh
source "$root/bench/load/lib.sh"

backend="${RATELIMIT_BACKEND:-memory}"
limits=()
for class in AUTH LOGIN_USER DEFAULT; do
  limits+=("TARS_RATELIMIT_CLASSES_${class}_LIMIT=1000000" "TARS_RATELIMIT_CLASSES_${class}_WINDOW_SECONDS=1")
done
if [ "$backend" = redis ]; then
  redis_port="$(free_port)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$work/redis.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.05; done
  limits+=("TARS_RATELIMIT_BACKEND=redis" "TARS_REDIS_URL=redis://127.0.0.1:$redis_port")
fi
port="$(free_port)"
env "${limits[@]}" TARS_LOG_LEVEL=warn TARS_SERVER_THREADS=1 taskset -c 0 "$tars" serve \
  --port "$port" --data-dir "$work/tars-data" >"$work/tars.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fsS -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.05; done

login="$(curl -fsS "http://127.0.0.1:$port/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"admin123"}')"
token="$(jq -r .access_token <<<"$login")"
curl -fsS -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$port/auth/me"

run_wrk() { # name path [header] → "rps p99_ms"
  local out
  if [ -n "${3:-}" ]; then
    out="$(taskset -c 1 wrk -t1 -c"$conns" -d"$duration" --latency -H "$3" "http://127.0.0.1:$port$2")"
  else
    out="$(taskset -c 1 wrk -t1 -c"$conns" -d"$duration" --latency "http://127.0.0.1:$port$2")"
  fi
  local rps p99 errors
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p99="$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")"
  errors="$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)"
  echo "$1 run: ${rps} req/s, p99 ${p99} ms ${errors:+($errors)}" >&2
  echo "$rps $p99"
}

: >"$work/health.res"; : >"$work/me.res"
for _ in $(seq "$runs"); do
  run_wrk /health /health >>"$work/health.res"
  run_wrk /auth/me /auth/me "Authorization: Bearer $token" >>"$work/me.res"
done
h_rps="$(cut -d' ' -f1 "$work/health.res" | median)"; h_p99="$(cut -d' ' -f2 "$work/health.res" | median)"
m_rps="$(cut -d' ' -f1 "$work/me.res" | median)"; m_p99="$(cut -d' ' -f2 "$work/me.res" | median)"
echo "wrk -t1 -c$conns -d$duration, $runs alternating runs each (medians), tars 1 I/O thread, rate limiter: $backend:"
printf '/health   %10.0f req/s  p99 %7.3f ms\n' "$h_rps" "$h_p99"
printf '/auth/me  %10.0f req/s  p99 %7.3f ms\n' "$m_rps" "$m_p99"
awk -v a="$m_rps" -v b="$h_rps" 'BEGIN {printf "ratio  /auth/me ÷ /health requests/s %.3f (targets: ≥ 0.8 identity, ≥ 0.75 rate-limited)\n", a/b}'

# POST /auth/refresh end to end: a chain of single-use refresh tokens, one connection.
python3 - "$port" "$(jq -r .refresh_token <<<"$login")" "$refreshes" <<'PY'
import http.client, json, sys, time
port, token, n = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
conn = http.client.HTTPConnection("127.0.0.1", port)
lat = []
for _ in range(n):
    body = json.dumps({"refresh_token": token})
    t0 = time.perf_counter()
    conn.request("POST", "/auth/refresh", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    data = r.read()
    lat.append((time.perf_counter() - t0) * 1000)
    if r.status != 200:
        sys.exit(f"refresh failed: {r.status} {data[:200]}")
    token = json.loads(data)["refresh_token"]
lat.sort()
pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"POST /auth/refresh x{n} sequential: mean {sum(lat)/n:.3f} ms, p50 {pct(0.5):.3f} ms, "
      f"p99 {pct(0.99):.3f} ms ({n / (sum(lat) / 1000):.0f}/s on one connection)")
PY
