"""Sample posts for the "voices" gold: whose words are these?  (voices_GUIDE.md)

Two samples, one row per post, drawn from the shared corpora (never copied here):

  A "repost"  ~500 tweets and truths, stratified by the surface form of the post's opening or of a
              repost marker inside it (FORMS_A): pasted tweets in quotes ('"@user: ...', curly
              quotes, a fan's handle on its own line then the quote), native "RT @" / "RT:",
              ".@user" and "@user" openers (addressing, not reposting), "via @", "RT @"/"MT @"
              inside, quotations attributed "-- @user", other opening quotes, natively flagged
              reposts, plus a random slice of ordinary posts weighted to 2012-2016.
  B "quoted"  ~200 non-repost posts likely to hold someone else's words (FORMS_B): a quoted passage
              of 5+ words, a "Name: " opener, an all-caps opening run before mixed-case text, a
              dash attribution, "statement"/"said"/"quote"/"via", plus ordinary posts as negatives.

A post's stratum is the first form in the list that matches it.  Within a stratum posts are taken
in the order of sha1("voices:<corpus>:<id>") (no randomness), skipping a text already taken; a post
is in at most one sample.  split = dev/test by the parity of sha1("split:<id>").

    python benchmarks/gold/sample_voices.py --show [--sample repost|quoted]   # for the annotator
    python benchmarks/gold/sample_voices.py --out /tmp/voices_sample.jsonl
    python benchmarks/gold/sample_voices.py --check benchmarks/gold/voices.jsonl

The patterns are ONLY a sampling device; the labels come from an annotator reading each post.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpus"
KEYS = ["id", "corpus", "sample", "repost", "quoted", "author", "split", "doubtful", "note"]
Q = "\"“”"
QUOTE5 = re.compile(r"[\"“]([^\"“”]+)[\"”]")
ATTRIB = re.compile(r"(?:^|[\s\"”.])[-–—~]+\s*@?[A-Z][\w.’']+(?: [A-Z][\w.’']+){0,3}\W*$")
NAME_COLON = r"^(?:@\w+|[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}):\s"
CAPS_RUN = r"^[^a-z]*?[A-Z]{2,}(?:\W+[A-Z0-9'’]+){3,}[^a-z]*[a-z]"

# (stratum, corpus or None for both, test on the post, how many)
FORMS_A = [
    ("quote_at", "twitter", lambda p: re.match(rf"[{Q}']\s*\.?@", p["text"]), 150),
    ("handle_line_quote", "twitter", lambda p: re.match(rf"@?\w{{1,15}}:?\s*\n\s*[{Q}]", p["text"]), 20),
    ("rt_open", "twitter", lambda p: re.match(r"RT\b", p["text"]), 30),
    ("rt_at", "truth_social", lambda p: re.match(r"RT @", p["text"]), 25),
    ("rt_link_bare", "truth_social", lambda p: re.fullmatch(r"RT: \S+", p["text"].strip()), 10),
    ("rt_link_comment", "truth_social", lambda p: re.match(r"RT: ", p["text"]), 20),
    ("dot_at", "twitter", lambda p: re.match(r"\.+\s*@", p["text"]), 35),
    ("at_colon", None, lambda p: re.match(r"@\w+:", p["text"]), 10),
    ("reply_at", "twitter", lambda p: re.match(r"@", p["text"]), 35),
    ("rt_mt_inside", "twitter", lambda p: re.search(r"\b[RM]T:? @", p["text"]), 20),
    ("quote_at_inside", "twitter", lambda p: re.search(rf"[{Q}]\.?@\w", p["text"]), 20),
    ("via_at", "twitter", lambda p: re.search(r"\bvia @", p["text"], re.I), 20),
    ("quote_dash_at", "twitter", lambda p: re.search(r"[\"”]\s*[-–—~]+\s*@\w+", p["text"]), 10),
    ("quote_open", None, lambda p: re.match(rf"[{Q}]", p["text"]), 25),
    ("native_flag", None, lambda p: p["repost"], 10),
    ("ordinary_2012_2016", "twitter", lambda p: "2012" <= p["date"][:4] <= "2016", 45),
    ("ordinary_other_years", "twitter", lambda p: True, 15),
    ("ordinary", "truth_social", lambda p: True, 30),
]
FORMS_B = [
    ("name_colon", "truth_social", lambda p: re.match(NAME_COLON, p["text"]), 35),
    ("caps_run", "truth_social", lambda p: re.match(CAPS_RUN, p["text"], re.S), 25),
    ("quote5", "truth_social", lambda p: long_quote(p["text"]), 50),
    ("quote5", "twitter", lambda p: long_quote(p["text"]), 15),
    ("dash_attribution", None, lambda p: ATTRIB.search(p["text"]), 12),
    ("keyword", None, lambda p: re.search(r"\b(?:statement|said|says|quote[sd]?|via)\b", p["text"], re.I), 25),
    ("negative", "truth_social", lambda p: True, 25),
    ("negative", "twitter", lambda p: True, 15),
]


def long_quote(text: str) -> bool:
    return any(len(m.group(1).split()) >= 5 for m in QUOTE5.finditer(text))


def h(s: str) -> str:
    return hashlib.sha1(s.encode()).hexdigest()


def split_of(pid: str) -> str:
    return "dev" if int(h(f"split:{pid}"), 16) % 2 == 0 else "test"


def load(data: Path = DATA) -> list[dict]:
    posts = []
    for corpus in ("twitter", "truth_social"):
        with gzip.open(data / f"{corpus}.jsonl.gz", "rt", encoding="utf-8") as f:
            posts += [dict(json.loads(line), corpus=corpus) for line in f]
    return [p for p in posts if p["text"].strip()]


def draw(posts: list[dict], forms: list, sample: str, taken: set, texts: set) -> list[dict]:
    """Assign each untaken post to its first matching stratum, then take the first n by hash."""
    strata: dict[tuple, list[dict]] = {}
    for p in posts:
        if p["id"] in taken:
            continue
        for i, (_name, corpus, test, _n) in enumerate(forms):
            if corpus in (None, p["corpus"]) and test(p):
                strata.setdefault(i, []).append(p)
                break
    chosen = []
    for i, (name, _corpus, _test, n) in enumerate(forms):
        k = 0
        for p in sorted(strata.get(i, []), key=lambda p: h(f"voices:{p['corpus']}:{p['id']}")):
            if k == n:
                break
            if p["text"] in texts:
                continue
            texts.add(p["text"])
            taken.add(p["id"])
            chosen.append({"id": p["id"], "corpus": p["corpus"], "sample": sample, "stratum": name,
                           "split": split_of(p["id"]), "post": p})
            k += 1
    return chosen


def sample(posts: list[dict]) -> list[dict]:
    taken: set = set()
    texts: set = set()
    a = draw(posts, FORMS_A, "repost", taken, texts)
    b = draw([p for p in posts if not p["repost"]], FORMS_B, "quoted", taken, texts)
    return a + b


def show(rows: list[dict]) -> None:
    """Print each post with the offsets of its quote marks and line breaks, for labelling."""
    for r in rows:
        p, t = r["post"], r["post"]["text"]
        marks = " ".join(f"{c!r}@{i}" for i, c in enumerate(t) if c in Q + "\n")
        print(f"### {r['id']} {r['corpus']} {r['sample']}/{r['stratum']} {r['split']} {p['date'][:10]}"
              f" repost={p['repost']} len={len(t)}\n{t}\n  marks: {marks}\n")


def check(rows: list[dict], path: str) -> int:
    gold = [json.loads(line) for line in open(path, encoding="utf-8")]
    errors = []
    if [(g["id"], g["corpus"], g["sample"]) for g in gold] != [(r["id"], r["corpus"], r["sample"]) for r in rows]:
        errors.append("rows are not exactly the reproduced sample (ids, corpora, samples, order)")
    texts = {(r["corpus"], r["id"]): r["post"]["text"] for r in rows}
    for g in gold:
        key, text = (g["corpus"], g["id"]), texts.get((g["corpus"], g["id"]), "")
        if list(g) != KEYS:
            errors.append(f"{key}: keys {list(g)}")
        if g["split"] != split_of(g["id"]):
            errors.append(f"{key}: split")
        if g["repost"] not in ("native", "manual", "none") or not isinstance(g["doubtful"], bool):
            errors.append(f"{key}: repost/doubtful value")
        for field in ("quoted", "author"):
            spans = g[field]
            if any(not (0 <= s < e <= len(text)) for s, e in spans) or spans != sorted(spans):
                errors.append(f"{key}: {field} spans {spans} outside the text or unsorted")
        spans = sorted(g["quoted"] + g["author"])
        if any(spans[k + 1][0] < spans[k][1] for k in range(len(spans) - 1)):
            errors.append(f"{key}: overlapping spans")
        if g["repost"] == "native" and g["quoted"] != [[0, len(text)]]:
            errors.append(f"{key}: a native repost's quoted span must be the whole text")
        if g["repost"] == "manual" and not g["quoted"]:
            errors.append(f"{key}: a manual repost without a quoted span")
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(gold)} rows, {len(errors)} problems", file=sys.stderr)
    return 1 if errors else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print the sampled posts with offsets (stdout only)")
    ap.add_argument("--sample", choices=["repost", "quoted"], help="with --show: only this sample")
    ap.add_argument("--out", help="write the sample rows (ids, strata, splits; no text)")
    ap.add_argument("--check", metavar="GOLD", help="verify a gold file against the reproduced sample")
    ap.add_argument("--data", type=Path, default=DATA, help="folder of twitter/truth_social.jsonl.gz")
    args = ap.parse_args()
    rows = sample(load(args.data))
    if args.check:
        return check(rows, args.check)
    if args.show:
        show([r for r in rows if args.sample in (None, r["sample"])])
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: r[k] for k in ("id", "corpus", "sample", "stratum", "split")}) + "\n")
    counts: dict = {}
    for r in rows:
        counts[(r["sample"], r["corpus"])] = counts.get((r["sample"], r["corpus"]), 0) + 1
    print(f"{len(rows)} posts: " + ", ".join(f"{s}/{c} {n}" for (s, c), n in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
