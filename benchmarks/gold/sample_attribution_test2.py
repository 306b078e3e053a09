"""Sample sentence runs for the FRESH held-out test set of the entity-attribution gold (test2).

Deterministic (seed 20261201).  Same corpus, segmentation and record format as
`sample_attribution.py` (imported from it), but only posts that are in neither
`attribution.jsonl` nor `attribution_dev2.jsonl` (by post id AND by exact duplicate
text), nor in `sample_attribution.py`'s FIXES, nor the repository's example posts
(corpus/SOURCES.tsv); bare links are dropped.  Unlike dev2 the draw is close to a
random sample: the pool is shuffled with the seed, posts are taken whole (<= 7
sentences) or as a 6-sentence window whose start is chosen by the seed among the
sentences that name an entity, and the only stratification is that posts with a
pronoun right after a named sentence are taken first until about a third of each
platform's sentences come from such posts.
Writes one JSON object per sampled sentence (post id, offsets, sampling hints; NO post text).

    python benchmarks/gold/sample_attribution_test2.py --out /tmp/test2_sample.jsonl
    # print the sampled sentences with their text, for the annotator (stdout only)
    python benchmarks/gold/sample_attribution_test2.py --show [--context]
    # check the gold file: keys, ids, offsets, segmentation, runs, split, no overlap with the
    # other two sets, and that the file covers exactly the sample
    python benchmarks/gold/sample_attribution_test2.py --check benchmarks/gold/attribution_test2.jsonl

The alias/pronoun patterns below are ONLY a sampling device.  Labels in
attribution_test2.jsonl were assigned by an annotator reading each post; see
attribution_test2_GUIDE.md.
"""
from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sample_attribution as base  # noqa: E402  (segmentation, aliases, loader)

SEED = 20261201
EXCLUDE_FILES = (HERE / "attribution.jsonl", HERE / "attribution_dev2.jsonl")
# The repository's example posts (corpus/SOURCES.tsv; the developers run the tool on them) are not fresh either.
EXAMPLES = HERE.parent.parent / "corpus" / "SOURCES.tsv"
TARGET = {"truth_social": 111, "twitter": 74}  # sentences per platform (about 60 % / 40 % of 185)
STRATUM_SHARE = 1 / 3  # share of each platform's target first filled from pronoun-after-name posts
WHOLE_MAX = 7   # posts with <= 7 sentences are taken whole
WINDOW = 6      # longer posts contribute one 6-sentence window
ENTITIES = ("Russia", "Ukraine")
KEYS = ["id", "platform", "sentence_index", "start", "end", "entities", "reference", "split", "doubtful", "note"]

# Hand fixes of the regex segmentation for test2 posts (same format as base.FIXES):
#   "merge": sentence START offsets whose boundary with the previous sentence is removed
#   "split": character offsets where a new sentence starts
FIXES: dict[str, dict[str, list[int]]] = {
    # "... in cooperation with U.S. Government Agencies, ..." is one sentence ("U.S." before a capitalised word)
    "113767012988447810": {"merge": [523]},
    # "The Ukraine Impeachment (of me!) Scam was a far bigger Illegal Hoax ..." is one sentence
    "115361806192142146": {"merge": [33]},
    # "... the ENEMY OF THE PEOPLE…And Elon is NOT BEING BRIEFED ...": new sentence at "And" (no space)
    "114200175082806882": {"split": [1017]},
    # "Will be speaking to President Putin of Russia at 10:00 A.M. Thank you!": new sentence at "Thank"
    "114789577865630441": {"split": [60]},
    # "... should be given a “Quick” (there is no doubt!) Trial, and only awarded THE DEATH PENALTY." is one sentence
    "115180060678818221": {"merge": [173]},
    # "She is a menace to U.S. National Security, ..." and "... the U.S. Government recently stripped her ..."
    "115272758814629814": {"merge": [812, 971]},
}


def segment(post_id: str, text: str) -> list[tuple[int, int]]:
    """base.segment with the test2 FIXES applied (base.FIXES is restored afterwards)."""
    if post_id not in FIXES:
        return base.segment(post_id, text)
    saved = base.FIXES.get(post_id)
    base.FIXES[post_id] = FIXES[post_id]
    try:
        return base.segment(post_id, text)
    finally:
        if saved is None:
            del base.FIXES[post_id]
        else:
            base.FIXES[post_id] = saved


# ---------------------------------------------------- sampling-only features
PRON = re.compile(r"\b(?:it|its|he|his|him|they|them|their|she|her)\b", re.I)
URL = re.compile(r"https?://\S+")


def norm(text: str) -> str:
    return " ".join(text.split())


def hints(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """named: an alias (base.RU / base.UA) occurs; pron_after_named: a pronoun occurs and the
    previous sentence is named."""
    out: list[dict] = []
    for i, (s, e) in enumerate(spans):
        t = text[s:e]
        named = bool(base.RU.search(t) or base.UA.search(t))
        out.append({"named": named, "pron_after_named": bool(PRON.search(t)) and i > 0 and out[i - 1]["named"]})
    return out


def window(post_id: str, h: list[dict]) -> tuple[int, int]:
    """Whole post if <= WHOLE_MAX sentences; else a WINDOW-sentence run starting at a named sentence,
    chosen by a per-post generator seeded with "<SEED>:<post id>" (independent of the pool order).
    If every named sentence is among the last WINDOW - 1, the last WINDOW sentences are taken."""
    n = len(h)
    if n <= WHOLE_MAX:
        return 0, n
    starts = [i for i in range(n - WINDOW + 1) if h[i]["named"]]
    a = random.Random(f"{SEED}:{post_id}").choice(starts) if starts else n - WINDOW
    return a, a + WINDOW


def excluded(posts: list[dict], files: tuple[Path, ...] = EXCLUDE_FILES) -> tuple[set[str], set[str]]:
    """Post ids that are not fresh, and the normalised texts of those posts: the ids of the two earlier
    sets, the ids whose segmentation was inspected for the first set (base.FIXES) and the repository's
    example posts (last path segment of the url column of corpus/SOURCES.tsv)."""
    ids: set[str] = set(base.FIXES)
    for path in files:
        with path.open(encoding="utf-8") as fh:
            ids |= {json.loads(line)["id"] for line in fh}
    with EXAMPLES.open(encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh]
    col = rows[0].index("url")
    ids |= {r[col].rstrip("/").rsplit("/", 1)[-1] for r in rows[1:] if len(r) > col and r[col]}
    return ids, {norm(p["text"]) for p in posts if p["id"] in ids}


def fresh(posts: list[dict], platform: str, ex_ids: set[str], seen: set[str]) -> list[dict]:
    """The platform's non-repost posts that are not excluded, sorted by id, without exact duplicate
    texts (of the excluded posts, in ``seen``, and inside the pool: the lowest id is kept; ``seen``
    grows) and without bare links (no sentence to label)."""
    pool = [p for p in posts if p["platform"] == platform and not p["repost"] and p["id"] not in ex_ids]
    pool.sort(key=lambda p: p["id"])
    out = []
    for p in pool:
        key = norm(p["text"])
        if key in seen:
            continue
        seen.add(key)
        if re.search(r"[A-Za-z]", URL.sub(" ", p["text"])):
            out.append(p)
    return out


def draw(posts: list[dict]) -> list[tuple[dict, int, int, bool]]:
    """(post, a, b, stratum) for every drawn post, in draw order."""
    rng = random.Random(SEED)
    ex_ids, seen = excluded(posts)
    seen = set(seen)
    chosen = []
    for platform in ("truth_social", "twitter"):
        dedup = fresh(posts, platform, ex_ids, seen)
        rng.shuffle(dedup)
        cands = []
        for p in dedup:
            spans = segment(p["id"], p["text"])
            h = hints(p["text"], spans)
            a, b = window(p["id"], h)
            stratum = any(h[i]["pron_after_named"] for i in range(a + 1, b))
            cands.append((p, a, b, stratum))
        # 1) posts with a pronoun right after a named sentence (inside the run), in seeded order,
        #    until a third of the platform target; 2) all remaining posts in seeded order until the target
        quota = math.ceil(TARGET[platform] * STRATUM_SHARE)
        taken: set[str] = set()
        got = 0
        for c in cands:
            if got >= quota:
                break
            if c[3]:
                chosen.append(c)
                taken.add(c[0]["id"])
                got += c[2] - c[1]
        for c in cands:
            if got >= TARGET[platform]:
                break
            if c[0]["id"] not in taken:
                chosen.append(c)
                taken.add(c[0]["id"])
                got += c[2] - c[1]
    return chosen


def sample(posts: list[dict]) -> list[dict]:
    return rows_of(draw(posts), hints)


def rows_of(chosen: list[tuple[dict, int, int, bool]],
            hinter: Callable[[str, list[tuple[int, int]]], list[dict]]) -> list[dict]:
    """One row per sentence of the chosen runs (post, first, end, stratum), by date and post id."""
    rows = []
    for p, a, b, stratum in sorted(chosen, key=lambda c: (c[0]["date"], c[0]["id"])):
        spans = segment(p["id"], p["text"])
        h = hinter(p["text"], spans)
        for i in range(a, b):
            s, e = spans[i]
            rows.append({"id": p["id"], "platform": p["platform"], "date": p["date"][:10], "sentence_index": i,
                         "start": s, "end": e, "n_sentences": len(spans), "stratum": stratum,
                         "hint_named": h[i]["named"], "hint_pron_after_named": h[i]["pron_after_named"]})
    return rows


def check(posts: list[dict], gold_path: Path, split: str = "test2", files: tuple[Path, ...] = EXCLUDE_FILES,
          sampler: Callable[[list[dict]], list[dict]] | None = None) -> int:
    """Check a gold file of ``split`` against the sample that ``sampler`` (default: :func:`sample`)
    draws from the posts not in ``files``."""
    by_id = {p["id"]: p for p in posts}
    ex_ids, ex_texts = excluded(posts, files)
    bad = 0
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    for g in gold:
        if list(g) != KEYS:
            print("bad keys / key order", g)
            bad += 1
            if set(KEYS) - set(g):
                continue
        p = by_id.get(g["id"])
        if p is None:
            print("unknown post", g["id"])
            bad += 1
            continue
        if g["id"] in ex_ids:
            print("post in an earlier set / base.FIXES / corpus examples", g["id"])
            bad += 1
        if norm(p["text"]) in ex_texts:
            print("post text duplicates an excluded post", g["id"])
            bad += 1
        if p["repost"]:
            print("repost", g["id"])
            bad += 1
        if g["platform"] != p["platform"]:
            print("platform mismatch", g["id"])
            bad += 1
        spans = segment(g["id"], p["text"])
        if not (0 <= g["sentence_index"] < len(spans)) or (g["start"], g["end"]) != spans[g["sentence_index"]]:
            print("offset mismatch", g["id"], g["sentence_index"], (g["start"], g["end"]))
            bad += 1
        t = p["text"][g["start"]:g["end"]]
        if not t or t != t.strip():
            print("empty/unstripped slice", g["id"], g["sentence_index"])
            bad += 1
        if g["split"] != split:
            print("split must be", split, g["id"])
            bad += 1
        if set(g["entities"]) - set(ENTITIES) or list(g["entities"]) != [e for e in ENTITIES if e in g["entities"]]:
            print("bad entities", g)
            bad += 1
        if not (isinstance(g["reference"], bool) and isinstance(g["doubtful"], bool) and isinstance(g["note"], str)):
            print("bad reference/doubtful/note type", g)
            bad += 1
        if g["reference"] and not g["entities"]:
            print("reference without entity", g)
            bad += 1
        if g["doubtful"] and not g["note"]:
            print("doubtful without note", g)
            bad += 1
    for pid, grp in groupby(gold, key=lambda g: g["id"]):
        idx = [g["sentence_index"] for g in grp]
        if idx != list(range(idx[0], idx[0] + len(idx))):
            print("non-consecutive run", pid, idx)
            bad += 1
    if len({g["id"] for g in gold}) != len([k for k, _ in groupby(gold, key=lambda g: g["id"])]):
        print("a post contributes more than one run")
        bad += 1
    want = [(r["id"], r["sentence_index"]) for r in (sampler or sample)(posts)]
    have = [(g["id"], g["sentence_index"]) for g in gold]
    if want != have:
        print("gold rows differ from the sample:", sorted(set(want) ^ set(have))[:10])
        bad += 1
    print(f"{len(gold)} rows checked, {bad} problems")
    return 1 if bad else 0


def show(posts: list[dict], rows: list[dict], context: bool,
         hinter: Callable[[str, list[tuple[int, int]]], list[dict]] | None = None) -> None:
    """Print the sampled sentences with their text, for the annotator (with ``context``, also the
    post's other sentences, marked "-").  Flags: N names an entity, p has a pronoun after a named
    sentence (the sampling hints, nothing of rhetoric's)."""
    by_id = {p["id"]: p for p in posts}
    for pid, grp in groupby(rows, key=lambda r: r["id"]):
        grp = list(grp)
        p = by_id[pid]
        spans = segment(pid, p["text"])
        h = (hinter or hints)(p["text"], spans)
        run = {r["sentence_index"] for r in grp}
        print(f"\n=== {pid} {p['platform']} {p['date'][:10]} ({len(spans)} sentences)"
              f"{' [stratum]' if grp[0]['stratum'] else ''}")
        for i, (s, e) in enumerate(spans):
            if i not in run and not context:
                continue
            flag = "N" if h[i]["named"] else ("p" if h[i]["pron_after_named"] else " ")
            mark = " " if i in run else "-"
            print(f" {mark}[{i:2d}] {flag} {p['text'][s:e]!r}")


def write(rows: list[dict], out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def arguments() -> tuple[argparse.Namespace, list[dict]]:
    """The command line shared by the test2 and test3 samplers, and the corpus it names."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/data/corpus/russia_ukraine.jsonl.gz"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--show", action="store_true", help="print sampled sentences with text (stdout only)")
    ap.add_argument("--context", action="store_true", help="with --show: also print sentences outside the run")
    ap.add_argument("--check", type=Path)
    args = ap.parse_args()
    return args, base.load(args.corpus)


def main() -> int:
    args, posts = arguments()
    if args.check:
        return check(posts, args.check)
    rows = sample(posts)
    if args.show:
        show(posts, rows, args.context)
    if args.out:
        write(rows, args.out)
    if not args.show:
        n_str = sum(r["stratum"] for r in rows)
        by_pf = {pf: sum(r["platform"] == pf for r in rows) for pf in TARGET}
        print(f"{len(rows)} sentences from {len({r['id'] for r in rows})} posts {by_pf}; "
              f"{n_str} from pronoun-after-name posts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
