"""Sample sentence runs for the human-labelled entity-attribution gold set.

Deterministic (seed 20261124).  Reads the Russia/Ukraine corpus, splits every
non-repost post into sentences (simple regex on . ! ? … and line breaks, then
hand fixes listed in FIXES), picks runs of consecutive sentences and writes one
JSON object per sentence (post id, offsets, sampling hints; NO post text).

    python benchmarks/gold/sample_attribution.py \
        --corpus /work/shared/data/corpus/russia_ukraine.jsonl.gz --out /tmp/attr_sample.jsonl
    # print the sampled sentences with their text, for the annotator (stdout only)
    python benchmarks/gold/sample_attribution.py --corpus ... --show
    # check a gold file against the corpus (offsets, segmentation, coverage)
    python benchmarks/gold/sample_attribution.py --corpus ... --check benchmarks/gold/attribution.jsonl

The alias/pronoun patterns below are ONLY a sampling device (to make sure the
sample contains enough sentences after a named entity that use a pronoun).  The
labels in attribution.jsonl were assigned by a person reading each post; see
attribution_GUIDE.md.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261124
# Taken in full regardless of the random draw: the 19 May 2025 Putin call ("Its potential is UNLIMITED").
FIXED_POSTS = ("114535693441367601",)
# Drawn posts taken in full instead of a MAX_RUN window (hand choice): the 26 Apr 2025 NYT/Crimea post
# has "he" = Putin two sentences after the name and "it" = the war / the deal in between.
WHOLE_IF_DRAWN = ("114404524335638236",)
TARGET = {"truth_social": 150, "twitter": 30}  # sentences per platform (after the fixed posts)
MAX_RUN = 5  # longest run of consecutive sentences taken from one post
ENTITIES = ("Russia", "Ukraine")

# ---------------------------------------------------------------- segmentation
ABBR = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "vs", "Vs",
        "No", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Inc", "Co",
        "U.S", "U.S.A", "U.N", "D.C", "P.M", "A.M"}
DOTTED_COUNTRY = {"U.S", "U.S.A", "D.C"}  # may end a sentence when a capitalised word follows
END = re.compile(r"([.!?…]+[\"”’')\]]*)(\s+)|(\n+)")

# Hand fixes of the regex segmentation, keyed by post id:
#   "merge": sentence START offsets whose boundary with the previous sentence is removed
#   "split": character offsets where a new sentence starts
FIXES: dict[str, dict[str, list[int]]] = {
    # "ON MONDAY, AT 10:00 A.M. THE SUBJECTS OF THE CALL ..." : new sentence at "THE SUBJECTS"
    "114523762104941397": {"split": [97]},
    # "The very unattractive (both inside and out!) Senator from Connecticut, ..." is one sentence
    "115047099758548722": {"merge": [45]},
    # "He is lecturing to our President.Never has our Country ..." (no space after the period)
    "378102285001576448": {"split": [104]},
}


def regex_split(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0

    def push(s: int, e: int) -> None:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))

    for m in END.finditer(text):
        if m.group(3):
            push(start, m.start())
            start = m.end()
            continue
        nxt = text[m.end():m.end() + 1]
        word = re.search(r"([A-Za-z.]+)$", text[start:m.start()])
        if m.group(1).startswith(".") and word:
            w = word.group(1).rstrip(".")
            if w in ABBR or re.fullmatch(r"[A-Z]", w):
                if not (w in DOTTED_COUNTRY and nxt.isupper()):
                    continue
        if nxt and nxt.islower():
            continue
        push(start, m.end(1))
        start = m.end()
    push(start, len(text))
    return out


def segment(post_id: str, text: str) -> list[tuple[int, int]]:
    spans = regex_split(text)
    fix = FIXES.get(post_id)
    if not fix:
        return spans
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s in fix.get("merge", []):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out: list[tuple[int, int]] = []
    for s, e in merged:
        cuts = sorted(c for c in fix.get("split", []) if s < c < e)
        for c in cuts:
            ce = c
            while ce > s and text[ce - 1].isspace():
                ce -= 1
            out.append((s, ce))
            s = c
        out.append((s, e))
    return out


# ---------------------------------------------------- sampling-only features
RU = re.compile(r"\b(?:russia|russian|russians|moscow|kremlin|putin)\b|\brussia['’]s\b|\bputin['’]s\b", re.I)
UA = re.compile(r"\b(?:ukraine|ukrainian|ukrainians|kyiv|kiev|zelensky|zelenskyy|zelenskiy)\b"
                r"|\bukraine['’]s\b|\bzelensk\w*['’]s\b", re.I)
# "Russia, Russia, Russia", "Russia Hoax" etc.: an alias, but rarely followed by a pronoun about Russia
HOAX = re.compile(r"russia,? russia,? russia|russia(?:/\w+)? (?:hoax|witch hunt|investigation|probe|collusion|scam|story|rally)", re.I)
LEAD_PRON = re.compile(r"^\W*(?:he|his|him|she|her|they|their|them|it|its)\b", re.I)
PRON = re.compile(r"\b(?:it|its|it['’]s|he|his|him|they|their|them|she|her|the country|the two)\b", re.I)


def features(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    feats = []
    for i, (s, e) in enumerate(spans):
        t = text[s:e]
        named = bool(RU.search(t) or UA.search(t))
        u = HOAX.sub(" ", t)
        substantive = bool(RU.search(u) or UA.search(u))
        prev_subst = i > 0 and feats[i - 1]["substantive"]
        prev_named = i > 0 and feats[i - 1]["named"]
        feats.append({"named": named, "substantive": substantive,
                      "pron_after_named": (not named) and bool(PRON.search(t)) and prev_named,
                      "pron_after_substantive": (not named) and bool(PRON.search(t)) and prev_subst,
                      "lead_pron_after_substantive": (not named) and bool(LEAD_PRON.search(t)) and prev_subst})
    return feats


def split_of(platform: str, post_id: str) -> str:
    h = hashlib.sha256(f"{platform}:{post_id}".encode()).digest()
    return "dev" if h[0] % 2 == 0 else "test"


def best_run(feats: list[dict]) -> tuple[int, int]:
    """Whole post if short, else the MAX_RUN window with most pronoun-after-name sentences (earliest on ties)."""
    n = len(feats)
    if n <= MAX_RUN + 2:
        return 0, n
    best = (-1, 0)
    for a in range(0, n - MAX_RUN + 1):
        w = feats[a:a + MAX_RUN]
        score = sum(f["lead_pron_after_substantive"] for f in w) * 8 + sum(f["pron_after_substantive"] for f in w) * 4 + sum(f["pron_after_named"] for f in w) * 2 + sum(f["named"] for f in w)
        if score > best[0]:
            best = (score, a)
    return best[1], best[1] + MAX_RUN


def load(corpus: Path) -> list[dict]:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def sample(posts: list[dict]) -> list[dict]:
    rng = random.Random(SEED)
    by_id = {p["id"]: p for p in posts}
    chosen: list[tuple[dict, int, int]] = []
    for pid in FIXED_POSTS:
        p = by_id[pid]
        chosen.append((p, 0, len(segment(pid, p["text"]))))
    for platform in ("truth_social", "twitter"):
        pool = [p for p in posts if p["platform"] == platform and not p["repost"] and p["id"] not in FIXED_POSTS]
        if platform == "truth_social":
            pool = [p for p in pool if p["date"][:4] >= "2025"]
        pool.sort(key=lambda p: p["id"])
        # drop exact re-posts of the same text (keep the earliest id)
        seen = {" ".join(by_id[pid]["text"].split()) for pid in FIXED_POSTS}
        dedup = []
        for p in pool:
            key = " ".join(p["text"].split())
            if key not in seen:
                seen.add(key)
                dedup.append(p)
        pool = dedup
        rng.shuffle(pool)
        # prefer multi-sentence posts that contain a pronoun sentence right after a named one
        def prio(p):
            spans = segment(p["id"], p["text"])
            f = features(p["text"], spans)
            return (0 if any(x["lead_pron_after_substantive"] for x in f)
                    else 1 if any(x["pron_after_substantive"] for x in f)
                    else 2 if any(x["pron_after_named"] for x in f) else 3,
                    0 if len(spans) >= 2 else 1)
        pool.sort(key=prio)  # stable: random order inside each priority class
        got = 0
        for p in pool:
            if got >= TARGET[platform]:
                break
            spans = segment(p["id"], p["text"])
            if len(spans) < 2:
                continue
            a, b = (0, len(spans)) if p["id"] in WHOLE_IF_DRAWN else best_run(features(p["text"], spans))
            chosen.append((p, a, b))
            got += b - a
    chosen.sort(key=lambda c: (c[0]["date"], c[0]["id"]))
    rows = []
    for p, a, b in chosen:
        spans = segment(p["id"], p["text"])
        feats = features(p["text"], spans)
        for i in range(a, b):
            s, e = spans[i]
            rows.append({"id": p["id"], "platform": p["platform"], "date": p["date"][:10], "sentence_index": i,
                         "start": s, "end": e, "n_sentences": len(spans), "split": split_of(p["platform"], p["id"]),
                         "hint_named": feats[i]["named"], "hint_pron_after_named": feats[i]["pron_after_named"],
                         "hint_hoax_only": feats[i]["named"] and not feats[i]["substantive"]})
    return rows


def check(posts: list[dict], gold_path: Path) -> int:
    by_id = {p["id"]: p for p in posts}
    bad = 0
    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    for g in gold:
        p = by_id.get(g["id"])
        if p is None:
            print("unknown post", g["id"]); bad += 1; continue
        spans = segment(g["id"], p["text"])
        if (g["start"], g["end"]) != spans[g["sentence_index"]]:
            print("offset mismatch", g["id"], g["sentence_index"], (g["start"], g["end"]), spans[g["sentence_index"]]); bad += 1
        if set(g["entities"]) - set(ENTITIES) or g["split"] != split_of(g["platform"], g["id"]):
            print("bad entities/split", g); bad += 1
        if g["reference"] and not g["entities"]:
            print("reference without entity", g); bad += 1
    # runs must be consecutive
    from itertools import groupby
    for pid, grp in groupby(gold, key=lambda g: g["id"]):
        idx = [g["sentence_index"] for g in grp]
        if idx != list(range(idx[0], idx[0] + len(idx))):
            print("non-consecutive run", pid, idx); bad += 1
    print(f"{len(gold)} rows checked, {bad} problems")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=Path("/work/shared/data/corpus/russia_ukraine.jsonl.gz"))
    ap.add_argument("--out", type=Path)
    ap.add_argument("--show", action="store_true", help="print sampled sentences with text (stdout only)")
    ap.add_argument("--check", type=Path)
    args = ap.parse_args()
    posts = load(args.corpus)
    if args.check:
        return check(posts, args.check)
    rows = sample(posts)
    if args.show:
        by_id = {p["id"]: p for p in posts}
        last = None
        for r in rows:
            if r["id"] != last:
                print(f"\n=== {r['id']} {r['platform']} {r['date']} ({r['n_sentences']} sentences)")
                last = r["id"]
            t = by_id[r["id"]]["text"][r["start"]:r["end"]]
            flag = ("h" if r["hint_hoax_only"] else "N") if r["hint_named"] else ("p" if r["hint_pron_after_named"] else " ")
            print(f"  [{r['sentence_index']:2d}] {flag} {t!r}")
    if args.out:
        with args.out.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    if not args.show:
        print(f"{len(rows)} sentences from {len({r['id'] for r in rows})} posts", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
