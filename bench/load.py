#!/usr/bin/env python3
"""Mixed load on loopback: residents scanning guidance pages while staff edit
translations through the API, for a fixed time. Bounded in time and in
threads; talks only to 127.0.0.1. Reports requests, 5xx, lost edits and
latency percentiles per kind.

    bench/load.py [--seconds 30] [--readers 8] [--writers 2] [--binary target/release/madoguchi]

It starts its own server on a fresh database (samples loaded), creates a
staff user with `madoguchi user add`, signs in, creates an API token through
the staff page, then runs. Python standard library only.
"""
import argparse, http.cookiejar, json, os, random, re, subprocess, sys, tempfile, threading, time
import urllib.parse, urllib.request, urllib.error

CODES = ["K7Q2", "H3N8", "J5RW", "M9CD", "C4KA", "G2SB", "T6ZX"]
LANGS = ["vi-VN,vi;q=0.9", "zh-TW", "ne-NP", "en-US,en;q=0.9", "ko-KR", "fil-PH", "ja-JP", "pt-BR", "my-MM"]


def start(binary, db):
    p = subprocess.Popen([binary, "serve", "--addr", "127.0.0.1:0", "--db", db, "--no-audio"],
                         stderr=subprocess.PIPE, text=True, env={**os.environ, "RUST_LOG": "warn,madoguchi::cli=info"})
    for line in p.stderr:
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)", line)
        if m:
            threading.Thread(target=lambda: [None for _ in p.stderr], daemon=True).start()
            return p, m.group(1)
    sys.exit("server did not start")


def token(binary, db, base):
    subprocess.run([binary, "user", "add", "loadtest", "--role", "admin", "--db", db],
                   input="load test password\n", text=True, check=True, capture_output=True)
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    csrf = lambda html: re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    page = op.open(base + "/admin/login").read().decode()
    op.open(base + "/admin/login", urllib.parse.urlencode(
        {"csrf": csrf(page), "name": "loadtest", "password": "load test password", "next": "/admin"}).encode())
    page = op.open(base + "/admin/tokens").read().decode()
    page = op.open(base + "/admin/tokens", urllib.parse.urlencode(
        {"csrf": csrf(page), "name": "load", "role": "editor", "langs": ""}).encode()).read().decode()
    return re.search(r"<code>(mdg_[^<]+)</code>", page).group(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--writers", type=int, default=2)
    ap.add_argument("--binary", default="target/release/madoguchi")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    db = os.path.join(tmp, "load.db")
    server, base = start(a.binary, db)
    try:
        secret = token(a.binary, db, base)
        stop = time.time() + a.seconds
        lat = {"scan": [], "edit": []}
        errors = {"scan": 0, "edit": 0}
        conflicts = [0]
        last = {}  # (code, writer) -> last title it saved
        lock = threading.Lock()

        def reader():
            rng = random.Random()
            while time.time() < stop:
                req = urllib.request.Request(f"{base}/q/{rng.choice(CODES)}", headers={"Accept-Language": rng.choice(LANGS)})
                t = time.perf_counter()
                try:
                    urllib.request.urlopen(req, timeout=10).read()
                    ok = True
                except urllib.error.HTTPError as e:
                    ok = e.code < 500
                except Exception:
                    ok = False
                with lock:
                    lat["scan"].append(time.perf_counter() - t)
                    errors["scan"] += 0 if ok else 1

        def writer(n):
            rng = random.Random(n)
            # Two writers per procedure, so their edits really race.
            code = CODES[(n // 2) % len(CODES)]
            i = 0
            while time.time() < stop:
                i += 1
                title = f"Bản dịch {n}-{i}"
                get = urllib.request.Request(f"{base}/api/v1/procedures/{code}", headers={"Authorization": f"Bearer {secret}"})
                t = time.perf_counter()
                ok = True
                try:
                    p = json.loads(urllib.request.urlopen(get, timeout=10).read())
                    body = {"fields": {"title": title, "bring": ["A"]}}
                    if "vi" in p["texts"]:
                        body["base_version"] = p["texts"]["vi"]["version"]
                    put = urllib.request.Request(f"{base}/api/v1/procedures/{code}/texts/vi", data=json.dumps(body).encode(),
                                                 method="PUT", headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"})
                    saved = json.loads(urllib.request.urlopen(put, timeout=10).read())["texts"]["vi"]
                    with lock:
                        if saved["version"] > last.get(code, (0, ""))[0]:
                            last[code] = (saved["version"], title)
                except urllib.error.HTTPError as e:
                    if e.code == 409:
                        with lock:
                            conflicts[0] += 1
                    else:
                        ok = e.code < 500
                except Exception:
                    ok = False
                with lock:
                    lat["edit"].append(time.perf_counter() - t)
                    errors["edit"] += 0 if ok else 1
                time.sleep(rng.uniform(0, 0.02))

        threads = [threading.Thread(target=reader) for _ in range(a.readers)]
        threads += [threading.Thread(target=writer, args=(n,)) for n in range(a.writers)]
        for t in threads: t.start()
        for t in threads: t.join()

        lost = 0
        for code, (_, title) in last.items():
            p = json.loads(urllib.request.urlopen(urllib.request.Request(
                f"{base}/api/v1/procedures/{code}", headers={"Authorization": f"Bearer {secret}"})).read())
            lost += p["texts"]["vi"]["fields"]["title"] != title
        def pct(xs, q):
            xs = sorted(xs); return xs[min(len(xs) - 1, int(q * len(xs)))] * 1000 if xs else 0
        print(f"load: {a.seconds:.0f} s, {a.readers} readers, {a.writers} writers, {base}")
        for k in ("scan", "edit"):
            xs = lat[k]
            print(f"{k}: {len(xs)} requests ({len(xs)/a.seconds:.0f}/s), {errors[k]} 5xx or failures, "
                  f"p50 {pct(xs,.5):.1f} ms, p95 {pct(xs,.95):.1f} ms, p99 {pct(xs,.99):.1f} ms")
        print(f"edits: {conflicts[0]} conflicts answered 409 (shown, not overwritten), {lost} lost of {len(last)} checked")
        sys.exit(1 if errors["scan"] or errors["edit"] or lost else 0)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
