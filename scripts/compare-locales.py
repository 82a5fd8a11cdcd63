#!/usr/bin/env python3
"""Checks `madoguchi locales check` against tools nobody here wrote.

For each locale folder given (reference `en`), runs Mozilla's compare-locales
and asserts that our checker reports everything it reports: each warning or
error at its file and line, each missing and obsolete message. Then parses
every `.ftl` file with `fluent.syntax` (the reference Python parser) and
asserts the shipped folder has no Junk. Exit 1 with a list of what we miss.

    pip install compare-locales fluent.syntax
    scripts/compare-locales.py target/debug/madoguchi DIR [DIR …]

The last DIR is taken as the shipped locales: it must be clean for both
tools.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

from fluent.syntax import FluentParser, ast

OURS = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$")
AT = re.compile(r"at line (\d+), column (\d+)")
SPAN = re.compile(r"from line (\d+) column \d+ to line (\d+) column \d+")


def locales_in(folder):
    return sorted(
        d for d in os.listdir(folder) if os.path.isdir(os.path.join(folder, d)) and d != "en"
    )


def theirs(folder):
    """compare-locales' findings: {file: [finding dict]}."""
    with tempfile.TemporaryDirectory() as tmp:
        toml = os.path.join(tmp, "l10n.toml")
        with open(toml, "w", encoding="utf-8") as f:
            # main.ftl in every language; the staff words only where required (ja).
            f.write(
                "locales = {}\n".format(json.dumps(locales_in(folder)))
                + 'basepath = "{}"\n'
                '[env]\n    l = "{{l10n_base}}/{{locale}}/"\n'
                '[[paths]]\n    reference = "en/main.ftl"\n    l10n = "{{l}}main.ftl"\n'
                '[[paths]]\n    reference = "en/admin.ftl"\n    l10n = "{{l}}admin.ftl"\n'
                '    locales = ["ja"]\n'.format(os.path.abspath(folder))
            )
        out = os.path.join(tmp, "out.json")
        subprocess.run(
            ["compare-locales", "--return-zero", "--json", out, toml, os.path.abspath(folder)]
            + locales_in(folder),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
    details = {}
    for entry in report if isinstance(report, list) else [report]:
        for path, findings in entry.get("details", {}).items():
            details.setdefault(path, []).extend(findings)
    return details


def ours(binary, folder):
    """Our findings: {file relative to folder: [(line, severity, message)]}."""
    run = subprocess.run([binary, "locales", "check", folder], capture_output=True, text=True)
    found = {}
    for line in (run.stdout + run.stderr).splitlines():
        m = OURS.match(line.strip())
        if not m:
            continue
        rel = os.path.relpath(m["path"], folder)
        found.setdefault(rel, []).append((int(m["line"]), m["sev"], m["msg"]))
    return found, run.returncode


def compare(binary, folder):
    misses = []
    mine, _ = ours(binary, folder)
    for path, findings in theirs(folder).items():
        # A folder we refuse whole (not a language tag) covers its files.
        refused = mine.get(os.path.dirname(path), [])
        have = mine.get(path, [])
        for finding in findings:
            (kind, text), = finding.items()
            if kind in ("error", "warning"):
                span = SPAN.search(text)
                at = AT.search(text)
                if span:
                    lines = range(int(span[1]), int(span[2]) + 1)
                elif at:
                    lines = [int(at[1])]
                else:
                    lines = None
                # A parse error is reported where the parser stopped, naming
                # the entry it started at.
                ok = any(
                    lines is None
                    or line in lines
                    or any(f"entry starting on line {n})" in msg for n in lines)
                    for line, _, msg in have
                )
            elif kind == "missingEntity":
                ok = any(f"missing message “{text}”" in msg for _, _, msg in have)
            elif kind == "obsoleteEntity":
                ok = any(f"obsolete message “{text}”" in msg for _, _, msg in have)
            elif kind == "missingFile":
                ok = bool(have)
            else:
                ok = True
            ok = ok or bool(refused)
            status = "ok " if ok else "MISSED"
            print(f"{status} {folder}/{path}: compare-locales {kind}: {text.splitlines()[0]}")
            if not ok:
                misses.append((path, kind, text))
    return misses


def junk(folder):
    parser = FluentParser()
    bad = []
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".ftl"):
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    resource = parser.parse(f.read())
                bad += [f"{path}: Junk: {e.content[:60]!r}" for e in resource.body if isinstance(e, ast.Junk)]
    return bad


def main():
    binary, *folders = sys.argv[1:]
    misses = []
    for folder in folders:
        misses += compare(binary, folder)
    shipped = folders[-1]
    problems = junk(shipped)
    _, code = ours(binary, shipped)
    if code != 0:
        problems.append(f"{shipped}: madoguchi locales check exits {code}")
    errors = [
        (p, t)
        for p, fs in theirs(shipped).items()
        for f in fs
        for k, t in f.items()
        if k in ("error", "missingEntity", "missingFile")
    ]
    problems += [f"{shipped}/{p}: compare-locales: {t}" for p, t in errors]
    for p in problems:
        print(p)
    print(f"compare-locales findings we miss: {len(misses)}; problems in {shipped}: {len(problems)}")
    return 1 if misses or problems else 0


if __name__ == "__main__":
    sys.exit(main())
