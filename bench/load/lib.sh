# Sourced by the bench/load scripts: a work dir that is removed (with every process in `pids`
# killed) on exit, free loopback ports, medians, and the common top of an nginx.conf.

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# Prints an nginx.conf head: one worker on CPU 0, everything kept in $work/nginx (make it first),
# no access log;
# the caller appends its own `server { … }` blocks and the closing `}` of `http {`.
nginx_conf_head() {
  cat <<CONF
daemon off;
worker_processes 1;
worker_cpu_affinity 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx;
  proxy_temp_path $work/nginx;
  fastcgi_temp_path $work/nginx;
  uwsgi_temp_path $work/nginx;
  scgi_temp_path $work/nginx;
  keepalive_requests 1000000;
CONF
}
