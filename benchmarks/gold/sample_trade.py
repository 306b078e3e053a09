"""Sample trade-topic word hits for a precision gold set (trade_hits.jsonl).

Hits are the ``topic`` evidence (detail "trade") that ``rhetoric.measure_text``
finds with the default configuration in NON-REPOST, non-empty posts of
/work/shared/data/corpus.  No randomness is used: wherever a choice is made,
hits are taken in the order of sha256("<corpus>:<id>:<start>").

* Part 1, corpus "russia_ukraine" (our focus): every hit, at most POST_CAP (3)
  per post (a post with more keeps its hits of the rarest words, then by hash).
  The file has only ~125 hits, so this part is a near-census, not half of 400.
* Part 2, corpora "truth_social" + "twitter" (one pool, posts of part 1
  excluded): stratified by lexicon word.  Word w with n_w pool hits gets
  max(min(n_w, 3), round(GENERAL * n_w**0.6 / sum n**0.6)) hits, so frequent
  words get many hits, and every word that occurs appears.  Words are filled
  rarest first, each in hash order, skipping hits of posts that already gave
  POST_CAP hits (across both parts).
* split: "dev" if the first byte of sha256(id) is even, else "test" (all hits of
  a post share a split).
* "word" is the lexicon entry (lower case); start/end span it in the post text
  (a possessive ending that the tool includes in its evidence is left out).

    python benchmarks/gold/sample_trade.py --out /tmp/trade_sample.jsonl
    python benchmarks/gold/sample_trade.py --show > /tmp/trade_show.txt
    python benchmarks/gold/sample_trade.py --check benchmarks/gold/trade_hits.jsonl

--show prints the sampled posts with hits marked [[n:word]] to stdout only:
post text must never be written into the repository.
"""
from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

import rhetoric

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpus"
FOCUS, GENERAL_CORPORA = "russia_ukraine", ("truth_social", "twitter")
GENERAL = 300          # target size of part 2 before the per-word floors
EXPONENT = 0.6         # allocation ~ n_w ** EXPONENT
FLOOR = 3              # every word gets min(n_w, FLOOR) hits
POST_CAP = 3
POSSESSIVE = ("'s", "’s", "'", "’")
FIELDS = ["id", "corpus", "start", "end", "word", "trade", "sense", "split", "doubtful", "note"]
SAMPLE_FIELDS = FIELDS[:5] + ["split"]


def digest(s: str) -> bytes:
    return hashlib.sha256(s.encode("utf-8")).digest()


def split_of(post_id: str) -> str:
    return "dev" if digest(post_id)[0] % 2 == 0 else "test"


#: The word list the sample was drawn with (rhetoric/lexicons/topics.toml before it was
#: tightened on these labels): the sample is reproduced with it, whatever the list is now.
SAMPLED_WORDS = (
    "trade", "trades", "traded", "trading", "trader", "traders", "tariff", "tariffs", "deal", "deals",
    "dealmaking", "jobs", "wealth", "prosperity", "economy", "economies", "economic", "economically",
    "business", "businesses", "investment", "investments", "invest", "investing", "investors", "export",
    "exports", "exporting", "import", "imports", "importing", "market", "markets", "rebuild", "rebuilding",
    "reconstruction", "commerce", "commercial", "minerals", "rare earth", "rare earths",
)


def sampled_config() -> rhetoric.Config:
    return rhetoric.Config.make(topics={"trade": SAMPLED_WORDS})


def lexicon() -> tuple[str, ...]:
    return SAMPLED_WORDS


def posts(corpus: Path, name: str) -> dict[str, str]:
    """id -> text of the non-repost, non-empty posts of one corpus file."""
    out = {}
    with gzip.open(corpus / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if not r.get("repost") and r.get("text"):
                out[str(r["id"])] = r["text"]
    return out


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).lower()


def lexicon_span(text: str, start: int, end: int, words: set[str]) -> tuple[str, int]:
    """(lexicon word, end) of a hit, the possessive ending dropped."""
    s = text[start:end]
    for ending in POSSESSIVE:
        if s.endswith(ending) and norm(s[: -len(ending)]) in words:
            return norm(s[: -len(ending)]), end - len(ending)
    if norm(s) not in words:
        raise ValueError(f"hit {s!r} at {start} is not a lexicon word")
    return norm(s), end


def hits(corpus: Path, name: str, words: set[str]) -> list[dict]:
    """Every trade hit of one corpus file, as sample rows."""
    config, out = sampled_config(), []
    for pid, text in posts(corpus, name).items():
        for e in rhetoric.measure_text(text, config).evidence:
            if e.signal == "topic" and e.detail == "trade":
                word, end = lexicon_span(text, e.start, e.end, words)
                out.append({"id": pid, "corpus": name, "start": e.start, "end": end,
                            "word": word, "split": split_of(pid)})
    return out


def order(h: dict) -> bytes:
    return digest(f"{h['corpus']}:{h['id']}:{h['start']}")


def build(corpus: Path = CORPUS) -> list[dict]:
    words = set(lexicon())
    taken: list[dict] = []
    per_post = collections.Counter()

    focus = hits(corpus, FOCUS, words)
    freq = collections.Counter(h["word"] for h in focus)
    by_post = collections.defaultdict(list)
    for h in focus:
        by_post[h["id"]].append(h)
    for pid, hs in by_post.items():
        for h in sorted(hs, key=lambda h: (freq[h["word"]], order(h)))[:POST_CAP]:
            taken.append(h)
            per_post[pid] += 1

    pool = [h for name in GENERAL_CORPORA for h in hits(corpus, name, words) if h["id"] not in by_post]
    n = collections.Counter(h["word"] for h in pool)
    total = sum(v ** EXPONENT for v in n.values())
    quota = {w: max(min(v, FLOOR), round(GENERAL * v ** EXPONENT / total)) for w, v in n.items()}
    for w in sorted(n, key=lambda w: (n[w], w)):
        got = 0
        for h in sorted((h for h in pool if h["word"] == w), key=order):
            if got == quota[w]:
                break
            if per_post[h["id"]] < POST_CAP:
                taken.append(h)
                per_post[h["id"]] += 1
                got += 1
    order_key = {c: i for i, c in enumerate((FOCUS, *GENERAL_CORPORA))}
    return sorted(taken, key=lambda h: (order_key[h["corpus"]], h["id"], h["start"]))


def check(corpus: Path, path: Path) -> int:
    words = set(lexicon())
    texts = {name: posts(corpus, name) for name in (FOCUS, *GENERAL_CORPORA)}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    bad = 0

    def err(msg: str) -> None:
        nonlocal bad
        bad += 1
        print(msg, file=sys.stderr)

    for i, r in enumerate(rows, 1):
        if list(r) != FIELDS:
            err(f"line {i}: fields {list(r)}")
            continue
        text = texts.get(r["corpus"], {}).get(r["id"])
        if text is None:
            err(f"line {i}: unknown post {r['corpus']} {r['id']}")
        elif r["word"] not in words or norm(text[r["start"]:r["end"]]) != r["word"]:
            err(f"line {i}: offsets do not slice to lexicon word {r['word']!r}")
        if r["split"] != split_of(r["id"]):
            err(f"line {i}: split {r['split']!r} is not {split_of(r['id'])!r}")
        if not isinstance(r["trade"], bool) or not isinstance(r["doubtful"], bool):
            err(f"line {i}: trade/doubtful must be booleans")
        if not isinstance(r["sense"], str) or not r["sense"] or not isinstance(r["note"], str):
            err(f"line {i}: sense must be a non-empty string, note a string")
        if r["doubtful"] and not r["note"]:
            err(f"line {i}: doubtful row without a note")
    sample = build(corpus)
    if [{k: r.get(k) for k in SAMPLE_FIELDS} for r in rows] != sample:
        err("rows (keys, order) are not exactly the reproduced sample")
    print(f"checked {len(rows)} rows against a reproduced sample of {len(sample)}: {bad} problems")
    return 1 if bad else 0


def show(corpus: Path) -> None:
    """Each sampled post once, hits marked [[n:word]], then each hit with its sentence."""
    texts = {name: posts(corpus, name) for name in (FOCUS, *GENERAL_CORPORA)}
    grouped = collections.defaultdict(list)
    for n, h in enumerate(build(corpus), 1):
        grouped[(h["corpus"], h["id"])].append((n, h))
    for (name, pid), hs in grouped.items():
        text = texts[name][pid]
        sents = rhetoric.measure_text(text, sampled_config()).sentence_list
        marked, pos = [], 0
        for n, h in hs:
            marked += [text[pos:h["start"]], f"[[{n}:", text[h["start"]:h["end"]], "]]"]
            pos = h["end"]
        print(f"=== {name} {pid} ({hs[0][1]['split']})")
        print("".join(marked + [text[pos:]]))
        for n, h in hs:
            sent = next((s.text for s in sents if s.start <= h["start"] < s.end), "")
            print(f"  #{n} {h['word']} {h['start']}-{h['end']} | {sent}")
        print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, help="write the unlabeled sample rows to this file")
    ap.add_argument("--show", action="store_true", help="print the sampled hits in context (stdout)")
    ap.add_argument("--check", type=Path, metavar="GOLD", help="verify a labelled gold file")
    a = ap.parse_args()
    if a.check:
        sys.exit(check(a.corpus, a.check))
    if a.show:
        show(a.corpus)
        return
    rows = build(a.corpus)
    out = a.out.open("w", encoding="utf-8") if a.out else sys.stdout
    for r in rows:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.out:
        out.close()
    c = collections.Counter((r["corpus"], r["split"]) for r in rows)
    print(f"sampled {len(rows)} hits from {len({(r['corpus'], r['id']) for r in rows})} posts; "
          + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in sorted(c.items())), file=sys.stderr)


if __name__ == "__main__":
    main()
