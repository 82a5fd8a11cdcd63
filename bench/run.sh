#!/usr/bin/env bash
# The guidance page against nginx serving the same bytes, QR rendering,
# and memory with 1,000 procedures x 14 languages. Loopback only, bounded
# (about 6 minutes with ROUNDS=3 DURATION=5). Needs Debian's wrk, nginx, curl and python3:
#
#   apt-get install -y wrk nginx libnginx-mod-http-brotli-static curl python3 bc
#   bench/run.sh            # builds --release, prints Markdown to stdout
#   bench/run.sh > bench/RESULTS.md.new
#
# Settings: DURATION (s per run, default 10), ROUNDS (default 3),
# THREADS (wrk threads, default 1), PROCEDURES
# (default 1000), BIN (a madoguchi binary to use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS:-1}
PROCEDURES=${PROCEDURES:-1000}

if [ -z "${BIN:-}" ]; then
    cargo build --release --locked >&2
    BIN=$PWD/target/release/madoguchi
fi
# Bare hyper answering the same bytes: the floor of madoguchi's stack.
if [ -z "${HYPER_BIN:-}" ]; then
    cargo build --release --locked --example hyper_floor >&2
    HYPER_BIN=$PWD/target/release/examples/hyper_floor
fi
WORK=$(mktemp -d)
# nginx workers run as an unprivileged user: let them read the page.
chmod 755 "$WORK"
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts madoguchi on DB $1 (more serve options after it); sets APP_PID,
# APP_URL and METRICS_URL.
start_app() {
    local port mport db=$1; shift
    port=$(free_port); mport=$(free_port)
    # No QR budget: the load below comes from one address on purpose.
    RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --metrics-addr "127.0.0.1:$mport" --db "$db" \
        --qr-per-minute 0 --no-audio "$@" >"$WORK/app.log" 2>&1 &
    APP_PID=$!; PIDS+=("$APP_PID")
    APP_URL="http://127.0.0.1:$port"
    METRICS_URL="http://127.0.0.1:$mport/metrics"
    for _ in $(seq 100); do curl -sf "$APP_URL/healthz" >/dev/null && return; sleep 0.1; done
    echo "madoguchi did not start" >&2; cat "$WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# wrk's summary as "requests/s p50 p99" (latencies in ms).
measure() {
    local url=$1; shift
    wrk -t"$THREADS" -c32 -d"${DURATION}s" --latency "$@" "$url" |
        awk '
            function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
            /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
            /^Requests\/sec/ { rps = $2 }
            END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- 1. The guidance page: nginx, bare hyper and madoguchi, same bytes ---
start_app "$WORK/samples.db"
PAGE="/q/K7Q2"
# madoguchi's own bytes in each coding, served by nginx with gzip_static and
# brotli_static (compressed once, as madoguchi keeps them) and by bare hyper.
mkdir -p "$WORK/www/q"
for enc in identity gzip br; do
    suffix=; [ "$enc" = gzip ] && suffix=.gz; [ "$enc" = br ] && suffix=.br
    curl -sf -H 'Accept-Language: vi' -H "Accept-Encoding: $enc" "$APP_URL$PAGE" -o "$WORK/www/q/K7Q2$suffix"
done
chmod -R a+rX "$WORK/www"
BYTES=$(stat -c %s "$WORK/www/q/K7Q2")
GZ_BYTES=$(stat -c %s "$WORK/www/q/K7Q2.gz")
BR_BYTES=$(stat -c %s "$WORK/www/q/K7Q2.br")

NGINX_PORT=$(free_port)
BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
cat >"$WORK/nginx.conf" <<CONF
$( [ -f "$BROTLI_MODULE" ] && echo "load_module $BROTLI_MODULE;" )
# One worker per core, as deployed.
worker_processes $(nproc);
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/ngx; proxy_temp_path $WORK/ngx; fastcgi_temp_path $WORK/ngx;
    uwsgi_temp_path $WORK/ngx; scgi_temp_path $WORK/ngx;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        gzip off; gzip_static on;
        $( [ -f "$BROTLI_MODULE" ] && echo "brotli_static on;" )
        location / { charset utf-8; add_header Cache-Control no-cache; }
    }
}
CONF
mkdir -p "$WORK/ngx"
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"

HYPER_PORT=$(free_port)
"$HYPER_BIN" "127.0.0.1:$HYPER_PORT" "$WORK/www/q/K7Q2" >"$WORK/hyper.log" 2>&1 &
HYPER_PID=$!; PIDS+=("$HYPER_PID")
HYPER_URL="http://127.0.0.1:$HYPER_PORT"
for _ in $(seq 50); do curl -sf "$NGINX_URL$PAGE" >/dev/null && curl -sf "$HYPER_URL$PAGE" >/dev/null && break; sleep 0.1; done

# Every server must answer 200 with madoguchi's bytes in every coding
# before it is timed (a 403 from a folder nginx cannot read looks fast).
for enc in identity gzip br; do
    suffix=; [ "$enc" = gzip ] && suffix=.gz; [ "$enc" = br ] && suffix=.br
    for url in "$NGINX_URL" "$HYPER_URL" "$APP_URL"; do
        status=$(curl -s -o "$WORK/check" -w '%{http_code}' -H 'Accept-Language: vi' -H "Accept-Encoding: $enc" "$url$PAGE")
        if [ "$status" != 200 ] || ! cmp -s "$WORK/check" "$WORK/www/q/K7Q2$suffix"; then
            echo "$url$PAGE ($enc) answered $status, not the same bytes: refusing to time it" >&2
            exit 1
        fi
    done
done

# CPU time (user + system, in clock ticks) of a server's processes.
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
TICK=$(getconf CLK_TCK)
NGINX_PIDS=$(pgrep -P "$NGINX_PID" | tr '\n' ' ')
# wrk's summary plus the server's CPU µs per request: "rps p50 p99 us".
measure_cpu() {
    local url=$1 conns=$2 pids=$3; shift 3
    local before after out requests
    before=$(cpu_ticks $pids)
    out=$(wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --latency "$@" "$url")
    after=$(cpu_ticks $pids)
    requests=$(echo "$out" | awk '/requests in/ { print $1 }')
    echo "$out" | awk -v cpu="$(( (after - before) * 1000000 / TICK ))" -v n="$requests" '
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
        /^Requests\/sec/ { rps = $2 }
        END { printf "%.0f %.2f %.2f %.1f\n", rps, p50, p99, cpu / n }'
}

for s in nginx hyper madoguchi; do
    url=$NGINX_URL; [ $s = hyper ] && url=$HYPER_URL; [ $s = madoguchi ] && url=$APP_URL
    wrk -t1 -c8 -d2s -H 'Accept-Language: vi' -H 'Accept-Encoding: gzip' "$url$PAGE" >/dev/null
done
: >"$WORK/runs"
for round in $(seq "$ROUNDS"); do
    for conns in 32 256; do
        for enc in identity gzip br; do
            # Alternated within the round, so drift hits all three alike.
            echo "$conns $enc nginx $(measure_cpu "$NGINX_URL$PAGE" "$conns" "$NGINX_PIDS" -H 'Accept-Language: vi' -H "Accept-Encoding: $enc")" >>"$WORK/runs"
            echo "$conns $enc hyper $(measure_cpu "$HYPER_URL$PAGE" "$conns" "$HYPER_PID" -H 'Accept-Language: vi' -H "Accept-Encoding: $enc")" >>"$WORK/runs"
            echo "$conns $enc madoguchi $(measure_cpu "$APP_URL$PAGE" "$conns" "$APP_PID" -H 'Accept-Language: vi' -H "Accept-Encoding: $enc")" >>"$WORK/runs"
        done
    done
    echo "round $round done" >&2
done
APP_RSS_SAMPLES=$(rss_kb "$APP_PID")

# --- 2. QR codes: the first request renders, the rest come from the cache ---
: >"$WORK/qr-first"
for code in K7Q2 H3N8 J5RW M9CD C4KA G2SB T6ZX; do
    for ext in png svg; do
        curl -sf -o /dev/null -w "$ext %{time_total}\n" "$APP_URL/qr/$code.$ext" >>"$WORK/qr-first"
    done
done
QR_PNG=$(measure "$APP_URL/qr/K7Q2.png")
QR_SVG=$(measure "$APP_URL/qr/K7Q2.svg")
stop_app

# --- 3. Cold pages and memory: 1,000 procedures x 14 languages ---------
python3 bench/gen-procedures.py "$PROCEDURES" >"$WORK/big.json"
IMPORT_START=$(date +%s.%N)
MADOGUCHI_DB="$WORK/big.db" "$BIN" import --create "$WORK/big.json" >/dev/null
IMPORT_S=$(printf %.1f "$(echo "$(date +%s.%N) - $IMPORT_START" | bc)")
# Every procedure in every page language, each asked for once: every
# request renders a page never rendered before (and compresses it in the
# coding asked for), 16 at a time, on a fresh server per coding.
LANGS="ja ja-Hira en vi zh-Hans zh-Hant ko fil ne id pt-BR es th my"
PAGES=$((PROCEDURES * $(wc -w <<<"$LANGS")))
for enc in identity gzip br; do
    start_app "$WORK/big.db"
    rss_start=$(rss_kb "$APP_PID")
    for i in $(seq 0 $((PROCEDURES - 1))); do
        for l in $LANGS; do printf 'url = "%s/q/Z%04d?lang=%s"\noutput = "/dev/null"\n' "$APP_URL" "$i" "$l"; done
    done >"$WORK/urls"
    coding=(); [ "$enc" = identity ] || coding=(-H "Accept-Encoding: $enc")
    before=$(cpu_ticks "$APP_PID"); start=$(date +%s.%N)
    curl -s --no-progress-meter -Z --parallel-max 16 "${coding[@]}" -K "$WORK/urls"
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    ticks=$(($(cpu_ticks "$APP_PID") - before))
    # One more request makes the cache report its size.
    sleep 0.6; curl -s -o /dev/null "$APP_URL/q/Z0000"
    cache=$(curl -s "$METRICS_URL" | awk '/^madoguchi_page_cache_bytes/ { printf "%.1f", $2 / 1048576 }')
    echo "$enc $(printf %.0f "$(echo "$PAGES / $seconds" | bc -l)") $((ticks * 1000000 / $(getconf CLK_TCK) / PAGES)) $((rss_start / 1024)) $(($(rss_kb "$APP_PID") / 1024)) $cache" >>"$WORK/cold"
    if [ "$enc" = br ]; then
        BIG_PAGE=$(measure "$APP_URL/q/Z$(printf %04d $((PROCEDURES / 2)))" -H 'Accept-Language: ne' -H 'Accept-Encoding: br')
    fi
    stop_app
done

# --- Report --------------------------------------------------------------
# Medians of a server's runs at one setting: "rps p50 p99 cpu_us".
median_of() { # conns enc server
    local col out=""
    for col in 4 5 6 7; do
        out="$out $(awk -v c="$1" -v e="$2" -v s="$3" -v k="$col" '$1 == c && $2 == e && $3 == s { print $k }' "$WORK/runs" | median)"
    done
    echo "$out"
}
row() { # conns enc
    read -r n_rps n_p50 n_p99 n_cpu <<<"$(median_of "$1" "$2" nginx)"
    read -r h_rps h_p50 h_p99 h_cpu <<<"$(median_of "$1" "$2" hyper)"
    read -r m_rps m_p50 m_p99 m_cpu <<<"$(median_of "$1" "$2" madoguchi)"
    ratio=$(printf %.2f "$(echo "scale=4; $m_rps / $n_rps" | bc)")
    echo "| $2, -c$1 | $n_rps · $n_cpu µs · $n_p99 ms | $h_rps · $h_cpu µs · $h_p99 ms | $m_rps · $m_cpu µs · $m_p99 ms | **$ratio** |"
}
qr_first() { grep "^$1 " "$WORK/qr-first" | awk '{ printf "%.1f\n", $2 * 1000 }' | median; }
read -r png_rps png_p50 png_p99 <<<"$QR_PNG"
read -r svg_rps svg_p50 svg_p99 <<<"$QR_SVG"
read -r big_rps big_p50 big_p99 <<<"$BIG_PAGE"

cat <<MD
## Run of $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores,
$(free -g | awk '/^Mem/ {print $2}') GB RAM, $(uname -sr); $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2).
Load: \`wrk -t$THREADS -c32\` and \`-c256\`, ${DURATION} s a run, from a second process on
loopback; nginx, bare hyper and madoguchi alternated within each of $ROUNDS rounds;
medians shown. The page: \`$PAGE\` in Vietnamese, $BYTES bytes ($GZ_BYTES gzip,
$BR_BYTES brotli). nginx ($(nproc) workers, one per core) serves madoguchi's own bytes
with \`sendfile\`, \`gzip_static\` and \`brotli_static\`; bare hyper
(\`examples/hyper_floor.rs\`) answers the same bytes from memory. Each was checked
to answer 200 with those bytes in every coding before it was timed. Cells: req/s ·
server CPU µs per request (user + system, \`/proc/PID/stat\`) · p99 latency.

| $PAGE | nginx | bare hyper | madoguchi | madoguchi / nginx |
|---|---|---|---|---|
$(row 32 identity)
$(row 32 gzip)
$(row 32 br)
$(row 256 identity)
$(row 256 gzip)
$(row 256 br)

QR codes: first request after start (drawn; later ones come from the render cache),
median of the 7 samples: PNG $(qr_first png) ms, SVG $(qr_first svg) ms; under load
PNG $png_rps req/s (p50 $png_p50 ms, p99 $png_p99 ms), SVG $svg_rps req/s
(p50 $svg_p50 ms, p99 $svg_p99 ms).

Memory (VmRSS): with the 7 samples after the runs above $((APP_RSS_SAMPLES / 1024)) MB.

Cold pages: $PROCEDURES procedures (\`bench/gen-procedures.py\`, imported in ${IMPORT_S} s) x 14
page languages = $PAGES pages, each asked for once, 16 at a time (\`curl -Z\`), on a fresh
server per coding (default \`--page-cache-mb\`): every request reads the procedure, composes
and renders a page never made before, and compresses it in the coding asked for.

| coding | cold pages/s | server CPU µs/page | RSS after start | RSS after all $PAGES | cache holds |
|---|---|---|---|---|---|
$(awk '{ printf "| %s | %s | %s | %s MB | %s MB | %s MB |\n", $1, $2, $3, $4, $5, $6 }' "$WORK/cold")

A page of that database under load (ready, brotli): $big_rps req/s (p50 $big_p50 ms, p99 $big_p99 ms).

Raw (connections coding server req/s p50 p99 cpu-µs):

\`\`\`
$(cat "$WORK/runs")
\`\`\`
MD
