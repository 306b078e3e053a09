"""Sample the THIRD held-out test set of the entity-attribution gold (test3): fresh posts with
likely pronoun references.

test2 was close to a random sample and held no pronoun reference, so the reference target could
be read only on the first test half, which had been read in development.  test3 takes every
fresh post (in none of attribution.jsonl, attribution_dev2.jsonl, attribution_test2.jsonl, by id
or exact duplicate text; nor base.FIXES nor the repository's example posts) in which a sentence
that names no entity has a pronoun (it/its, he/him/his, she/her, they/them/their, we/us/our) one
or two sentences after a sentence that names one.  No randomness: every such post is taken,
whole when it has <= 7 sentences, else the 6 sentences that start at the named sentence before
its first such pronoun.  Segmentation, record format and labelling guide are test2's
(attribution_GUIDE.md), with "split": "test3".

    python benchmarks/gold/sample_attribution_test3.py --out /tmp/test3_sample.jsonl
    python benchmarks/gold/sample_attribution_test3.py --show [--context]   # for the annotator
    python benchmarks/gold/sample_attribution_test3.py --check benchmarks/gold/attribution_test3.jsonl

The alias and pronoun patterns are ONLY a sampling device; the labels come from an annotator
reading each post, blind to rhetoric (attribution_test3_GUIDE.md).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import sample_attribution as base  # noqa: E402
import sample_attribution_test2 as t2  # noqa: E402

SPLIT = "test3"
EXCLUDE_FILES = (*t2.EXCLUDE_FILES, HERE / "attribution_test2.jsonl")
PRON = re.compile(r"\b(?:it|its|he|his|him|they|them|their|she|her|we|us|our)\b", re.I)
REACH = 2  # a pronoun up to two sentences after a named sentence


def hints(text: str, spans: list[tuple[int, int]]) -> list[dict]:
    """named: an alias occurs; pron_after_named: the sentence names none but has a pronoun, and one
    of the REACH sentences before it is named."""
    named = [bool(base.RU.search(text[s:e]) or base.UA.search(text[s:e])) for s, e in spans]
    return [{"named": named[i],
             "pron_after_named": not named[i] and bool(PRON.search(text[s:e])) and any(named[max(0, i - REACH):i])}
            for i, (s, e) in enumerate(spans)]


def run_of(h: list[dict]) -> tuple[int, int] | None:
    """The sentences to label: the whole post (<= WHOLE_MAX sentences), else WINDOW sentences from
    the named sentence before the first candidate pronoun; None without a candidate."""
    first = next((i for i, x in enumerate(h) if x["pron_after_named"]), None)
    if first is None:
        return None
    n = len(h)
    if n <= t2.WHOLE_MAX:
        return 0, n
    a = max(i for i in range(max(0, first - REACH), first) if h[i]["named"])
    a = min(a, n - t2.WINDOW)
    return a, a + t2.WINDOW


def sample(posts: list[dict]) -> list[dict]:
    ex_ids, seen = t2.excluded(posts, EXCLUDE_FILES)
    seen = set(seen)
    chosen = []
    for platform in ("truth_social", "twitter"):
        for p in t2.fresh(posts, platform, ex_ids, seen):
            h = hints(p["text"], t2.segment(p["id"], p["text"]))
            run = run_of(h)
            if run is not None:
                chosen.append((p, *run, True))
    return t2.rows_of(chosen, hints)


def main() -> int:
    args, posts = t2.arguments()
    if args.check:
        return t2.check(posts, args.check, SPLIT, EXCLUDE_FILES, sample)
    rows = sample(posts)
    if args.show:
        t2.show(posts, rows, args.context, hints)
    if args.out:
        t2.write(rows, args.out)
    if not args.show:
        by_pf = {pf: sum(r["platform"] == pf for r in rows) for pf in t2.TARGET}
        print(f"{len(rows)} sentences from {len({r['id'] for r in rows})} posts {by_pf}; "
              f"{sum(r['hint_pron_after_named'] for r in rows)} candidate pronoun sentences", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
