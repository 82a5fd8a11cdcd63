#!/usr/bin/env python3
"""Writes an import file (docs/import-format.md) with N procedures x 14
languages, built from the bundled sample texts so sizes are realistic.

usage: bench/gen-procedures.py [N] > procedures.json
"""
import json
import sys
from pathlib import Path

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
# 13 shipped page languages plus a 14th content language. Easy Japanese
# (issue 5) has no tag here yet; ja-Hira (Japanese in hiragana) stands in.
LANGS = ["ja", "en", "vi", "zh-Hans", "zh-Hant", "ko", "fil", "ne", "id",
         "pt-BR", "es", "th", "my", "ja-Hira"]

root = Path(__file__).resolve().parent.parent
samples = json.loads((root / "assets/samples/procedures.json").read_text())["procedures"]

procedures = []
for i in range(N):
    sample = samples[i % len(samples)]
    texts = {}
    for lang in LANGS:
        base = sample["texts"].get(lang) or sample["texts"]["en"]
        text = dict(base)
        text["revision"] = sample["revision"]
        text.pop("updated", None)
        text["title"] = f"{base['title']} #{i}"
        texts[lang] = text
    procedures.append({
        # Z0000 … Z0999: valid Crockford codes, clear of the samples.
        "code": f"Z{i:04d}",
        "status": "published",
        "category": sample["category"],
        "revision": sample["revision"],
        "texts": texts,
    })

json.dump({"format": "madoguchi-procedures", "version": 1, "procedures": procedures},
          sys.stdout, ensure_ascii=False)
