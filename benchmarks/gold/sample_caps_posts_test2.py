"""Sample a fresh held-out test set of ALL-CAPS tokens (caps_posts_test2.jsonl).

Same candidate definition, strata, URL/mention masking and per-form caps as
sample_caps_posts.py (whose build() is reused), but:

* seed 20261201;
* every post that occurs in caps_posts.jsonl or caps_posts_dev2.jsonl is
  excluded, and so is every post whose text (stripped) is an exact duplicate
  of the text of such a post; among the remaining posts, a text that occurs
  more than once is kept only once (first by platform, then id as a string);
* 200 tokens per platform (400 in total): 60 acronym (so that the acronym
  stratum supplies 120 tokens), 17 name (all that the per-form cap lets the
  Truth Social name pool give after the exclusions: TRUMP and DONALD 4 each,
  TRUMP'S, GOD 3 each, three single forms), and the remaining 123 in the
  original 25/25/100 mix: 21 final_line, 20 allcaps_post, 82 other; the
  sign-off quota inside final_line is 10 tokens;
* at most 2 tokens per post overall (the original allows 3);
* "split" is "test2" on every row.

    python benchmarks/gold/sample_caps_posts_test2.py --out /tmp/caps_test2_sample.jsonl
    python benchmarks/gold/sample_caps_posts_test2.py --show > /tmp/caps_test2_show.txt
    python benchmarks/gold/sample_caps_posts_test2.py --check benchmarks/gold/caps_posts_test2.jsonl

--show prints every sampled post once, with its sampled tokens marked
[[n:TOKEN]] and listed below it (the stratum is deliberately not shown), to
stdout only: post texts must never be written into the repository.

--check verifies the ten fields in order, text[start:end] == form,
split == "test2", valid labels, a note on every doubtful row, the sort order,
that no post (id or duplicate text) of caps_posts.jsonl / caps_posts_dev2.jsonl
occurs, at most 2 tokens per post, the stratum requirements (>= 120 acronym
tokens; allcaps_post, name and sign-off tokens present) and that the rows are
exactly the tokens the sampler reproduces.

The strata are ONLY a sampling device; labels in caps_posts_test2.jsonl were
assigned by reading each post (see caps_posts_test2_GUIDE.md).
"""
from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sample_caps_posts  # noqa: E402
from sample_caps_posts import (  # noqa: E402
    PLATFORMS,
    SIGNOFF,
    final_segment_start,
    load,
    upper_share,
)

SEED = 20261201
SPLIT = "test2"
TARGET = {"acronym": 60, "name": 17, "final_line": 21, "allcaps_post": 20, "other": 82}
SIGNOFF_QUOTA = 10
POST_CAP = 2
MIN_ACRONYM = 120
LABELS = {"emphasis", "acronym", "signature", "shouted_text", "other"}
FIELDS = ["platform", "id", "start", "end", "form", "stratum", "split",
          "label", "doubtful", "note"]
HERE = Path(__file__).resolve().parent
OTHER_SETS = (HERE / "caps_posts.jsonl", HERE / "caps_posts_dev2.jsonl")


def posts(corpus: Path):
    """(platform, id) -> text of every post the sampler may use (non-repost, non-empty)."""
    out = {}
    for platform in PLATFORMS:
        for rec in load(corpus, platform):
            if rec.get("repost") or not rec.get("text"):
                continue
            out[(platform, str(rec["id"]))] = rec["text"]
    return out


def other_set_ids() -> set[tuple[str, str]]:
    out = set()
    for path in OTHER_SETS:
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            out.add((r["platform"], str(r["id"])))
    return out


def excluded(corpus: Path) -> frozenset:
    """Posts the sample must not use: those of the other two sets, exact
    duplicates (stripped text, either platform) of their texts, and all but the
    first copy of any text that occurs more than once among the rest."""
    texts = posts(corpus)
    used = other_set_ids()
    used_texts = {texts[k].strip() for k in used if k in texts}
    skip = set(used)
    seen = set()
    for key in sorted(texts):
        t = texts[key].strip()
        if key in used:
            continue
        if t in used_texts or t in seen:
            skip.add(key)
        seen.add(t)
    return frozenset(skip)


def sort_key(r):
    return (r["platform"], str(r["id"]), r["start"])


def build(corpus: Path):
    """The original procedure (sample_caps_posts.build) with this sample's seed, quotas,
    excluded posts, split and order, and a per-post cap of 2.  build() reads the per-post
    cap from the module global POST_CAP, so it is set for the call and restored after."""
    saved = sample_caps_posts.POST_CAP
    sample_caps_posts.POST_CAP = POST_CAP
    try:
        return sample_caps_posts.build(corpus, seed=SEED, target=TARGET, signoff_quota=SIGNOFF_QUOTA,
                                       skip=excluded(corpus), split=lambda p, i: SPLIT, sort_key=sort_key)
    finally:
        sample_caps_posts.POST_CAP = saved


def is_signoff_token(text: str, start: int) -> bool:
    """The token lies in a closing segment of sign-off shape (as the sampler's quota)."""
    fstart = final_segment_start(text)
    return fstart is not None and start >= fstart and bool(SIGNOFF.match(text[fstart:]))


def check(corpus: Path, path: Path) -> int:
    texts = posts(corpus)
    skip = excluded(corpus)
    used = other_set_ids()
    used_texts = {texts[k].strip() for k in used if k in texts}
    rows = [json.loads(l) for l in path.read_text(encoding="utf-8").splitlines()]
    bad = 0

    def err(msg):
        nonlocal bad
        bad += 1
        print(msg, file=sys.stderr)

    for n, r in enumerate(rows, 1):
        if list(r) != FIELDS:
            err(f"line {n}: fields {list(r)}")
            continue
        key = (r["platform"], r["id"])
        t = texts.get(key)
        if t is None or t[r["start"]:r["end"]] != r["form"]:
            err(f"line {n}: text mismatch {r}")
        if r["split"] != SPLIT:
            err(f"line {n}: split is not {SPLIT}")
        if r["label"] not in LABELS:
            err(f"line {n}: bad label {r['label']}")
        if not isinstance(r["doubtful"], bool) or not isinstance(r["note"], str):
            err(f"line {n}: bad doubtful/note")
        if r["doubtful"] and not r["note"]:
            err(f"line {n}: doubtful without note")
        if key in used:
            err(f"line {n}: post already in caps_posts.jsonl or caps_posts_dev2.jsonl")
        if t is not None and t.strip() in used_texts:
            err(f"line {n}: post text duplicates a post of caps_posts.jsonl or caps_posts_dev2.jsonl")
        if key in skip:
            err(f"line {n}: post is excluded from the sample")
    if [sort_key(r) for r in rows] != sorted(sort_key(r) for r in rows):
        err("rows are not sorted by platform, id (string), start")
    per_post = collections.Counter((r["platform"], r["id"]) for r in rows)
    for k, v in per_post.items():
        if v > POST_CAP:
            err(f"post {k}: {v} tokens (at most {POST_CAP})")
    strata = collections.Counter(r.get("stratum") for r in rows)
    if strata["acronym"] < MIN_ACRONYM:
        err(f"acronym stratum has {strata['acronym']} tokens (at least {MIN_ACRONYM})")
    for st in ("allcaps_post", "name"):
        if not strata[st]:
            err(f"no token of stratum {st}")
    if not any(r.get("stratum") == "final_line" and (r["platform"], r["id"]) in texts
               and is_signoff_token(texts[(r["platform"], r["id"])], r["start"]) for r in rows):
        err("no sign-off token")
    sample, _ = build(corpus)
    k = lambda r: (r["platform"], r["id"], r["start"], r["end"], r["form"], r["stratum"])
    if sorted(map(k, sample)) != sorted(map(k, rows)):
        err("labelled rows differ from the reproduced sample")
    print(f"checked {len(rows)} rows against a reproduced sample of "
          f"{len(sample)}, {bad} problems")
    return 1 if bad else 0


def show(corpus: Path) -> None:
    """Print each sampled post once with its tokens marked, for labelling (stdout only)."""
    texts = posts(corpus)
    rows, _ = build(corpus)
    by_post = collections.defaultdict(list)
    for n, r in enumerate(rows, 1):
        by_post[(r["platform"], r["id"])].append((n, r))
    for key, toks in by_post.items():
        text = texts[key]
        marked, pos = [], 0
        for n, r in toks:
            marked += [text[pos:r["start"]], f"[[{n}:", r["form"], "]]"]
            pos = r["end"]
        marked.append(text[pos:])
        share = upper_share(text)
        share = "n/a" if share is None else f"{share:.2f}"
        print(f"=== {key[0]} {key[1]}  len={len(text)}  upper_share={share}")
        print("".join(marked))
        for n, r in toks:
            print(f"  #{n} {r['start']}-{r['end']} {r['form']}")
        print()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/data/corpus"))
    ap.add_argument("--out", type=Path, help="write the sampled rows (no labels, no text) to this file")
    ap.add_argument("--show", action="store_true", help="print the sampled posts for labelling (stdout)")
    ap.add_argument("--check", type=Path, help="verify a labelled file")
    a = ap.parse_args()
    if a.check:
        sys.exit(check(a.corpus, a.check))
    if a.show:
        show(a.corpus)
        return
    rows, sizes = build(a.corpus)
    for k, v in sorted(sizes.items()):
        print(f"pool {k[0]:13s} {k[1]:13s} {v}", file=sys.stderr)
    out = a.out.open("w", encoding="utf-8") if a.out else sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.out:
        out.close()
    print(f"sampled {len(rows)}", file=sys.stderr)


if __name__ == "__main__":
    main()
