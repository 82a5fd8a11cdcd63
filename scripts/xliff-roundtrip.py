#!/usr/bin/env python3
"""The translators' round trip through a real CAT toolkit (issue #17).

For vi and ja-Hira: `madoguchi translations export` as XLIFF 2.0 from a
database holding the bundled samples, every target changed through
translate-toolkit's XLIFF 2.0 storage (`translate.storage.xliff2`, the way
CAT tools read the file), saved, `madoguchi translations import`ed,
exported again, and compared: every change present, every line break kept,
nothing else changed (other units, notes, sources, the other languages in
the database). Every export madoguchi writes (with and without --pivot) is
validated against the OASIS XLIFF 2.0 core schema in tests/fixtures/xliff/.

Usage: scripts/xliff-roundtrip.py [path/to/madoguchi]  (exit 1 on any difference)
Needs: translate-toolkit, lxml (pip).
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree
from translate.storage import xliff2

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "tests/fixtures/xliff/xliff_core_2.0.xsd"
SAMPLES = ROOT / "assets/samples/procedures.json"
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LANGS = ["vi", "ja-Hira"]

failures = []


def fail(message):
    failures.append(message)
    print(f"FAIL: {message}", file=sys.stderr)


def madoguchi(binary, db, *args):
    out = subprocess.run(
        [binary, "--db", str(db), *args], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode != 0:
        sys.exit(f"madoguchi {' '.join(args)} failed:\n{out.stderr}")
    return out.stdout


def validate(schema, path):
    doc = etree.parse(str(path))
    if not schema.validate(doc):
        for e in schema.error_log:
            fail(f"{path.name}:{e.line}: not valid XLIFF 2.0: {e.message}")


def units(path):
    """unit id → (source, target or None, notes, unit xml:space), read raw."""
    out = {}
    for unit in etree.parse(str(path)).iterfind(".//x:unit", NS):
        seg = unit.find("x:segment", NS)
        target = seg.find("x:target", NS)
        notes = tuple(
            (n.get("category"), n.text or "") for n in unit.iterfind("x:notes/x:note", NS)
        )
        out[unit.get("id")] = (
            seg.find("x:source", NS).text or "",
            None if target is None else (target.text or ""),
            notes,
        )
    return out


# Fields whose text is paragraphs (a line break starts a new one).
PARAGRAPHS = ("-summary", "-notes", "-ended_note")


def edited(uid, text):
    """Every target changed at both ends, its line breaks left as they are;
    a paragraph field also gets a paragraph of its own, as a translator
    adding a line break in the CAT tool would."""
    if uid.endswith(PARAGRAPHS):
        return f"✎ {text}\n✎ added in the CAT tool"
    return f"✎ {text} ✎"


def without(export_json, langs):
    """The database's procedures with the languages under test left out."""
    data = json.loads(export_json)
    for p in data["procedures"]:
        for lang in langs:
            p.get("texts", {}).pop(lang, None)
    return data


def main():
    started = time.monotonic()
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/debug/madoguchi")
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = tmp / "roundtrip.db"
        madoguchi(binary, db, "import", "--create", str(SAMPLES))
        before_db = madoguchi(binary, db, "export")
        for lang in LANGS:
            first = tmp / f"{lang}.xlf"
            madoguchi(binary, db, "translations", "export", "--lang", lang, "-o", str(first))
            validate(schema, first)
            pivot = tmp / f"{lang}-pivot.xlf"
            madoguchi(
                binary, db, "translations", "export", "--lang", lang, "--pivot", "en", "-o", str(pivot)
            )
            validate(schema, pivot)

            # The CAT tool's side: read, change every target, save.
            store = xliff2.Xliff2File.parsefile(str(first))
            raw = units(first)
            expected = {}
            breaks = 0
            for unit in store.units:
                uid = unit.getid()
                source, target, _ = raw[uid]
                if unit.source != source:
                    fail(f"{lang} {uid}: translate-toolkit reads the source as {unit.source!r}, not {source!r}")
                if target is None:
                    continue
                if unit.target != target:
                    fail(f"{lang} {uid}: translate-toolkit reads the target as {unit.target!r}, not {target!r}")
                breaks += target.count("\n")
                expected[uid] = edited(uid, target)
                unit.target = expected[uid]
            if not expected:
                fail(f"{lang}: no translated units to change")
            saved = tmp / f"{lang}-edited.xlf"
            store.savefile(str(saved))

            madoguchi(binary, db, "translations", "import", str(saved))
            second = tmp / f"{lang}-again.xlf"
            madoguchi(binary, db, "translations", "export", "--lang", lang, "-o", str(second))
            validate(schema, second)

            again = units(second)
            if set(again) != set(raw):
                fail(f"{lang}: units differ: {sorted(set(again) ^ set(raw))}")
            for uid, (source, target, notes) in raw.items():
                got = again.get(uid)
                if got is None:
                    continue
                want = (source, expected.get(uid, target), notes)
                if got != want:
                    fail(f"{lang} {uid}: after the round trip\n  got  {got!r}\n  want {want!r}")
            lost = sum(t.count("\n") for _, t, _ in again.values() if t) - sum(
                e.count("\n") for e in expected.values()
            )
            if lost:
                fail(f"{lang}: {lost} line breaks differ")
            added = sum(uid.endswith(PARAGRAPHS) for uid in expected)
            print(
                f"{lang}: {len(expected)} targets changed through translate-toolkit, "
                f"{breaks} line breaks kept, {added} added"
            )
        after_db = madoguchi(binary, db, "export")
        if without(before_db, LANGS) != without(after_db, LANGS):
            fail("the import changed texts of other languages or procedures")
    print(f"xliff round trip: {time.monotonic() - started:.1f} s, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
