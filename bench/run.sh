#!/usr/bin/env bash
# The guidance page against nginx serving the same bytes, QR rendering,
# and memory with 1,000 procedures x 14 languages. Loopback only, bounded
# (about 5 minutes). Needs Debian's wrk, nginx, curl and python3:
#
#   apt-get install -y wrk nginx curl python3
#   bench/run.sh            # builds --release, prints Markdown to stdout
#   bench/run.sh > bench/RESULTS.md.new
#
# Settings: DURATION (s per run, default 10), ROUNDS (default 3),
# CONNECTIONS (default 32), THREADS (wrk threads, default 1), PROCEDURES
# (default 1000), BIN (a madoguchi binary to use instead of building one).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-1}
PROCEDURES=${PROCEDURES:-1000}

if [ -z "${BIN:-}" ]; then
    cargo build --release --locked >&2
    BIN=$PWD/target/release/madoguchi
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

# Starts madoguchi on DB $1; sets APP_PID and APP_URL.
start_app() {
    local port; port=$(free_port)
    # No QR budget: the load below comes from one address on purpose.
    RUST_LOG=warn "$BIN" serve --addr "127.0.0.1:$port" --db "$1" --qr-per-minute 0 >"$WORK/app.log" 2>&1 &
    APP_PID=$!; PIDS+=("$APP_PID")
    APP_URL="http://127.0.0.1:$port"
    for _ in $(seq 100); do curl -sf "$APP_URL/healthz" >/dev/null && return; sleep 0.1; done
    echo "madoguchi did not start" >&2; cat "$WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# wrk's summary as "requests/s p50 p99" (latencies in ms).
measure() {
    local url=$1; shift
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" "$url" |
        awk '
            function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
            /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) }
            /^Requests\/sec/ { rps = $2 }
            END { printf "%.0f %.2f %.2f\n", rps, p50, p99 }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# --- 1. The guidance page and nginx with the same bytes -----------------
start_app "$WORK/samples.db"
PAGE="/q/K7Q2"
mkdir -p "$WORK/www/q"
curl -sf -H 'Accept-Language: vi' "$APP_URL$PAGE" -o "$WORK/www/q/K7Q2"
BYTES=$(stat -c %s "$WORK/www/q/K7Q2")
GZ_BYTES=$(curl -sf -H 'Accept-Language: vi' -H 'Accept-Encoding: gzip' "$APP_URL$PAGE" | wc -c)
BR_BYTES=$(curl -sf -H 'Accept-Language: vi' -H 'Accept-Encoding: br' "$APP_URL$PAGE" | wc -c)
# A second nginx site serves madoguchi's own gzip bytes with gzip_static:
# compressed once, as madoguchi does, instead of on every request.
mkdir -p "$WORK/www-static/q"
cp "$WORK/www/q/K7Q2" "$WORK/www-static/q/K7Q2"
curl -sf -H 'Accept-Language: vi' -H 'Accept-Encoding: gzip' "$APP_URL$PAGE" -o "$WORK/www-static/q/K7Q2.gz"

NGINX_PORT=$(free_port)
NGINX_STATIC_PORT=$(free_port)
cat >"$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    default_type text/html;
    sendfile on;
    keepalive_requests 100000;
    gzip on; gzip_comp_level 6;
    client_body_temp_path $WORK/ngx; proxy_temp_path $WORK/ngx; fastcgi_temp_path $WORK/ngx;
    uwsgi_temp_path $WORK/ngx; scgi_temp_path $WORK/ngx;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
        location / { charset utf-8; add_header Cache-Control no-cache; }
    }
    server {
        listen 127.0.0.1:$NGINX_STATIC_PORT;
        root $WORK/www-static;
        gzip off; gzip_static on;
        location / { charset utf-8; add_header Cache-Control no-cache; }
    }
}
CONF
mkdir -p "$WORK/ngx"
nginx -c "$WORK/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
NGINX_STATIC_URL="http://127.0.0.1:$NGINX_STATIC_PORT"
for _ in $(seq 50); do curl -sf "$NGINX_URL$PAGE" >/dev/null && break; sleep 0.1; done
cmp <(curl -sf "$NGINX_URL$PAGE") "$WORK/www/q/K7Q2"
cmp <(curl -sf -H 'Accept-Encoding: gzip' "$NGINX_STATIC_URL$PAGE") "$WORK/www-static/q/K7Q2.gz"

# Warm both, then alternate: nginx, madoguchi, nginx, madoguchi, ...
wrk -t1 -c4 -d2s "$NGINX_URL$PAGE" >/dev/null
wrk -t1 -c4 -d2s -H 'Accept-Language: vi' "$APP_URL$PAGE" >/dev/null
: >"$WORK/plain"; : >"$WORK/gzip"; : >"$WORK/gzip-static"
for round in $(seq "$ROUNDS"); do
    for enc in plain gzip gzip-static; do
        extra=(); [ "$enc" != plain ] && extra=(-H 'Accept-Encoding: gzip')
        nginx_url=$NGINX_URL; [ "$enc" = gzip-static ] && nginx_url=$NGINX_STATIC_URL
        echo "nginx $(measure "$nginx_url$PAGE" "${extra[@]}")" >>"$WORK/$enc"
        echo "madoguchi $(measure "$APP_URL$PAGE" -H 'Accept-Language: vi' "${extra[@]}")" >>"$WORK/$enc"
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

# --- 3. Memory with 1,000 procedures x 14 languages ----------------------
python3 bench/gen-procedures.py "$PROCEDURES" >"$WORK/big.json"
IMPORT_START=$(date +%s.%N)
MADOGUCHI_DB="$WORK/big.db" "$BIN" import "$WORK/big.json" >/dev/null 2>&1
IMPORT_S=$(printf %.1f "$(echo "$(date +%s.%N) - $IMPORT_START" | bc)")
start_app "$WORK/big.db"
RSS_START=$(rss_kb "$APP_PID")
# Every procedure in every page language: 13,000 pages, past the cache's
# bound of 4,096 pages, so this is the most the cache holds.
python3 - "$APP_URL" "$PROCEDURES" >"$WORK/urls" <<'PY'
import sys
langs = ["ja", "en", "vi", "zh-Hans", "zh-Hant", "ko", "fil", "ne", "id", "pt-BR", "es", "th", "my"]
for i in range(int(sys.argv[2])):
    for l in langs:
        print(f'url = "{sys.argv[1]}/q/Z{i:04d}?lang={l}"\noutput = "/dev/null"')
PY
FILL_START=$(date +%s.%N)
curl -s -K "$WORK/urls"
FILL_S=$(printf %.1f "$(echo "$(date +%s.%N) - $FILL_START" | bc)")
RSS_FULL=$(rss_kb "$APP_PID")
BIG_PAGE=$(measure "$APP_URL/q/Z$(printf %04d $((PROCEDURES / 2)))" -H 'Accept-Language: ne')
stop_app

# --- Report --------------------------------------------------------------
summary() { # file server -> "rps_median p50_median p99_median"
    local rps p50 p99
    rps=$(awk -v s="$2" '$1 == s { print $2 }' "$1" | median)
    p50=$(awk -v s="$2" '$1 == s { print $3 }' "$1" | median)
    p99=$(awk -v s="$2" '$1 == s { print $4 }' "$1" | median)
    echo "$rps $p50 $p99"
}
row() { # label file
    read -r n_rps n_p50 n_p99 <<<"$(summary "$2" nginx)"
    read -r m_rps m_p50 m_p99 <<<"$(summary "$2" madoguchi)"
    ratio=$(printf %.2f "$(echo "scale=4; $m_rps / $n_rps" | bc)")
    echo "| $1 | $n_rps | $n_p50 / $n_p99 | $m_rps | $m_p50 / $m_p99 | **$ratio** |"
}
qr_first() { grep "^$1 " "$WORK/qr-first" | awk '{ printf "%.1f\n", $2 * 1000 }' | median; }
read -r png_rps png_p50 png_p99 <<<"$QR_PNG"
read -r svg_rps svg_p50 svg_p99 <<<"$QR_SVG"
read -r big_rps big_p50 big_p99 <<<"$BIG_PAGE"

cat <<MD
## Run of $(date -u +%Y-%m-%dT%H:%MZ)

Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores,
$(free -g | awk '/^Mem/ {print $2}') GB RAM, $(uname -sr); $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2).
Load: \`wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency\` from a second process on
loopback, nginx and madoguchi alternated, $ROUNDS rounds each; medians shown.
The page: \`$PAGE\` in Vietnamese, $BYTES bytes ($GZ_BYTES gzip, $BR_BYTES brotli);
nginx serves the same bytes from a file (\`sendfile on\`, \`gzip on\` level 6: it
compresses on every request), and in the last row madoguchi's own gzip bytes with
\`gzip_static on\` (compressed once, as madoguchi keeps them).

| $PAGE | nginx req/s | nginx p50 / p99 ms | madoguchi req/s | madoguchi p50 / p99 ms | ratio |
|---|---|---|---|---|---|
$(row "plain" "$WORK/plain")
$(row "gzip" "$WORK/gzip")
$(row "gzip, nginx gzip_static" "$WORK/gzip-static")

QR codes: first request after start (drawn; later ones come from the render cache),
median of the 7 samples: PNG $(qr_first png) ms, SVG $(qr_first svg) ms; under load
PNG $png_rps req/s (p50 $png_p50 ms, p99 $png_p99 ms), SVG $svg_rps req/s
(p50 $svg_p50 ms, p99 $svg_p99 ms).

Memory (VmRSS): with the 7 samples after the runs above $((APP_RSS_SAMPLES / 1024)) MB.
$PROCEDURES procedures x 14 languages (\`bench/gen-procedures.py\`, imported in ${IMPORT_S} s):
$((RSS_START / 1024)) MB after start, $((RSS_FULL / 1024)) MB after all $((PROCEDURES * 13))
page/language combinations were requested once (${FILL_S} s, one curl, keep-alive),
which fills the page cache (bounded at 4,096 pages). A page of that database under load:
$big_rps req/s (p50 $big_p50 ms, p99 $big_p99 ms).

Raw (server req/s p50 p99):

\`\`\`
plain: $(tr '\n' ';' <"$WORK/plain")
gzip:  $(tr '\n' ';' <"$WORK/gzip")
gzip_static: $(tr '\n' ';' <"$WORK/gzip-static")
\`\`\`
MD
