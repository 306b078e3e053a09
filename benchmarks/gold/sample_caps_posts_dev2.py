"""Sample a second development set of ALL-CAPS tokens (caps_posts_dev2.jsonl).

Same candidate definition, strata, per-post and per-form caps as
sample_caps_posts.py (whose helpers are imported), but:

* seed 20261125;
* every post id that already occurs in caps_posts.jsonl is excluded;
* 150 tokens per platform (300 in total), the original 40/30/25/25/100
  stratum mix scaled to 27 acronym, 20 name, 17 final_line, 17 allcaps_post,
  69 other, with a sign-off quota of 8 tokens inside final_line;
* "split" is "dev2" on every row.

    python benchmarks/gold/sample_caps_posts_dev2.py \
        --corpus /work/shared/data/corpus --out /tmp/caps_dev2_sample.jsonl
    python benchmarks/gold/sample_caps_posts_dev2.py \
        --corpus /work/shared/data/corpus --check benchmarks/gold/caps_posts_dev2.jsonl

--check verifies that the labelled file holds exactly the sampled tokens
(same platform/id/start/end/form/stratum), that text[start:end] == form,
that split == "dev2", that labels are valid, that no post of
caps_posts.jsonl occurs and that the rows are sorted.

The strata are ONLY a sampling device; labels in caps_posts_dev2.jsonl were
assigned by reading each post (see caps_posts_dev2_GUIDE.md).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_caps_posts  # noqa: E402
from sample_caps_posts import (  # noqa: E402
    PLATFORMS,
    load,
)

SEED = 20261125
SPLIT = "dev2"
TARGET = {"acronym": 27, "name": 20, "final_line": 17, "allcaps_post": 17, "other": 69}
SIGNOFF_QUOTA = 8
LABELS = {"emphasis", "acronym", "signature", "shouted_text", "other"}
FIELDS = ["platform", "id", "start", "end", "form", "stratum", "split",
          "label", "doubtful", "note"]
ORIGINAL = Path(__file__).resolve().parent / "caps_posts.jsonl"


def excluded_ids(path: Path = ORIGINAL) -> set[tuple[str, str]]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.add((r["platform"], str(r["id"])))
    return out


def sort_key(r):
    return (r["platform"], str(r["id"]), r["start"])


def build(corpus: Path):
    """The original procedure (sample_caps_posts.build) with this sample's seed, quotas,
    excluded posts, split and order."""
    return sample_caps_posts.build(corpus, seed=SEED, target=TARGET, signoff_quota=SIGNOFF_QUOTA,
                                   skip=frozenset(excluded_ids()), split=lambda p, i: SPLIT, sort_key=sort_key)


def check(corpus: Path, path: Path) -> int:
    texts = {}
    for platform in PLATFORMS:
        for rec in load(corpus, platform):
            texts[(platform, str(rec["id"]))] = rec["text"]
    skip = excluded_ids()
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
    bad = 0

    def err(msg):
        nonlocal bad
        bad += 1
        print(msg, file=sys.stderr)

    for n, r in enumerate(rows, 1):
        if list(r) != FIELDS:
            err(f"line {n}: fields {list(r)}")
        t = texts.get((r["platform"], r["id"]))
        if t is None or t[r["start"]:r["end"]] != r["form"]:
            err(f"line {n}: text mismatch {r}")
        if r.get("split") != SPLIT:
            err(f"line {n}: split is not {SPLIT}")
        if r.get("label") not in LABELS:
            err(f"line {n}: bad label {r.get('label')}")
        if not isinstance(r.get("doubtful"), bool) or not isinstance(r.get("note"), str):
            err(f"line {n}: bad doubtful/note")
        if r.get("doubtful") and not r.get("note"):
            err(f"line {n}: doubtful without note")
        if (r["platform"], r["id"]) in skip:
            err(f"line {n}: post already in caps_posts.jsonl")
    if [sort_key(r) for r in rows] != sorted(sort_key(r) for r in rows):
        err("rows are not sorted by platform, id (string), start")
    sample, _ = build(corpus)
    key = lambda r: (r["platform"], r["id"], r["start"], r["end"], r["form"], r["stratum"])
    if sorted(map(key, sample)) != sorted(map(key, rows)):
        err("labelled rows differ from the reproduced sample")
    print(f"checked {len(rows)} rows against a reproduced sample of "
          f"{len(sample)}, {bad} problems")
    return 1 if bad else 0


def main():
    sample_caps_posts.main(build, check)


if __name__ == "__main__":
    main()
