#!/usr/bin/env bash
# The guidance page on one SQLite node against PostgreSQL behind one and
# two nodes (issue 16), with nginx serving the same bytes as the reference.
# Loopback only, bounded (about 3 minutes with ROUNDS=3 DURATION=5). Needs
# Debian's wrk, nginx, curl, bc and a PostgreSQL server (PG, default
# postgres://postgres@127.0.0.1:5432/test; a schema of its own is made and
# dropped, with psql):
#
#   bench/nodes.sh          # builds --release, prints Markdown to stdout
#
# Two nodes share the machine's cores with each other and with wrk: their
# sum is what the machine gives, and should match one node's (ready
# answers never touch the database). Settings: DURATION (s per run,
# default 5), ROUNDS (default 3), BIN (a madoguchi binary to use).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
PG=${PG:-postgres://postgres@127.0.0.1:5432/test}

if [ -z "${BIN:-}" ]; then
    cargo build --release --locked >&2
    BIN=$PWD/target/release/madoguchi
fi
WORK=$(mktemp -d)
chmod 755 "$WORK"
SCHEMA="bench_$$"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql -q "$PG" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
psql -q "$PG" -c "CREATE SCHEMA $SCHEMA"
PG_DB="$PG?options%5Bsearch_path%5D=$SCHEMA"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# Starts a node on DB $1; prints "pid url".
start_node() {
    local port; port=$(free_port)
    RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --db "$1" --qr-per-minute 0 --no-audio \
        >>"$WORK/app.log" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    echo "$pid http://127.0.0.1:$port"
}
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
TICK=$(getconf CLK_TCK)
PAGE="/q/K7Q2"
HEADERS=(-H 'Accept-Language: vi' -H 'Accept-Encoding: br')

read -r LITE_PID LITE_URL <<<"$(start_node "$WORK/samples.db")"; PIDS+=("$LITE_PID")
read -r PG1_PID PG1_URL <<<"$(start_node "$PG_DB")"; PIDS+=("$PG1_PID")
read -r PG2_PID PG2_URL <<<"$(start_node "$PG_DB")"; PIDS+=("$PG2_PID")

# The reference: nginx, one worker per core, with the page's own bytes.
mkdir -p "$WORK/www/q"
curl -sf "${HEADERS[@]}" "$LITE_URL$PAGE" -o "$WORK/www/q/K7Q2.br"
curl -sf -H 'Accept-Language: vi' "$LITE_URL$PAGE" -o "$WORK/www/q/K7Q2"
chmod -R a+rX "$WORK/www"
NGINX_PORT=$(free_port)
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
[ -f "$BROTLI_MODULE" ] || { echo "needs libnginx-mod-http-brotli-static" >&2; exit 1; }
cat >"$WORK/nginx.conf" <<CONF
load_module $BROTLI_MODULE;
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off; default_type text/html; sendfile on; keepalive_requests 1000000;
    client_body_temp_path $WORK/ngx; proxy_temp_path $WORK/ngx; fastcgi_temp_path $WORK/ngx;
    uwsgi_temp_path $WORK/ngx; scgi_temp_path $WORK/ngx;
    server {
        listen 127.0.0.1:$NGINX_PORT; root $WORK/www;
        brotli_static on;
        location / { charset utf-8; add_header Cache-Control no-cache; }
    }
}
CONF
mkdir -p "$WORK/ngx"
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 50); do curl -sf "$NGINX_URL$PAGE" >/dev/null && break; sleep 0.1; done
NGINX_PIDS=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')

# Every server answers 200 with the same bytes before it is timed.
for url in "$NGINX_URL" "$LITE_URL" "$PG1_URL" "$PG2_URL"; do
    status=$(curl -s -o "$WORK/check" -w '%{http_code}' "${HEADERS[@]}" "$url$PAGE")
    if [ "$status" != 200 ] || ! cmp -s "$WORK/check" "$WORK/www/q/K7Q2.br"; then
        echo "$url$PAGE answered $status, not the same bytes: refusing to time it" >&2
        exit 1
    fi
done

# Two wrk processes at once, 32 connections each, the first against the
# first URL and the second against the last (the same one for a single
# server: the load is made alike for every setup); prints "requests/s
# p99_ms cpu_us_per_request" for the set.
run() { # pids… -- urls…
    local pids=() urls=() seen=0 a
    for a in "$@"; do
        if [ "$a" = -- ]; then seen=1; elif [ $seen = 0 ]; then pids+=("$a"); else urls+=("$a"); fi
    done
    local before after i loads=() targets=("${urls[0]}" "${urls[-1]}")
    before=$(cpu_ticks "${pids[@]}")
    for i in 0 1; do
        wrk -t1 -c32 -d"${DURATION}s" --latency "${HEADERS[@]}" "${targets[$i]}$PAGE" >"$WORK/wrk.$i" &
        loads+=($!)
    done
    wait "${loads[@]}"
    after=$(cpu_ticks "${pids[@]}")
    cat "$WORK"/wrk.* | awk -v cpu="$(( (after - before) * 1000000 / TICK ))" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /requests in/ { n += $1 } /^Requests\/sec/ { rps += $2 }
        /^ +99%/ { p = ms($2); if (p > p99) p99 = p }
        END { printf "%.0f %.2f %.1f\n", rps, p99, cpu / n }'
    rm -f "$WORK"/wrk.*
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for url in "$NGINX_URL" "$LITE_URL" "$PG1_URL" "$PG2_URL"; do
    wrk -t1 -c8 -d1s "${HEADERS[@]}" "$url$PAGE" >/dev/null
done
: >"$WORK/runs"
for round in $(seq "$ROUNDS"); do
    echo "nginx $(run $NGINX_PIDS -- "$NGINX_URL")" >>"$WORK/runs"
    echo "sqlite $(run "$LITE_PID" -- "$LITE_URL")" >>"$WORK/runs"
    echo "pg1 $(run "$PG1_PID" -- "$PG1_URL")" >>"$WORK/runs"
    echo "pg2 $(run "$PG1_PID" "$PG2_PID" -- "$PG1_URL" "$PG2_URL")" >>"$WORK/runs"
    echo "round $round done" >&2
done
cell() { # setup
    local col out=""
    for col in 2 3 4; do out="$out $(awk -v s="$1" -v k="$col" '$1 == s { print $k }' "$WORK/runs" | median)"; done
    read -r rps p99 cpu <<<"$out"
    echo "$rps · $cpu µs · $p99 ms"
}
cat <<MD
## Run of $(date -u +%Y-%m-%dT%H:%MZ): one SQLite node, PostgreSQL behind one and two nodes

Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $(psql -tA "$PG" -c 'SHOW server_version') on the same machine.
\`bench/nodes.sh\`, ROUNDS=$ROUNDS DURATION=$DURATION: \`$PAGE\` in Vietnamese, brotli, two wrk
processes of 32 connections each on loopback (with two nodes, one per node); medians. Every
server was checked to answer 200 with the same bytes first. Cells: req/s (summed over
the nodes) · server CPU µs per request (all nodes) · worst p99.

| nginx ($(nproc) workers) | SQLite, one node | PostgreSQL, one node | PostgreSQL, two nodes |
|---|---|---|---|
| $(cell nginx) | $(cell sqlite) | $(cell pg1) | $(cell pg2) |
MD
