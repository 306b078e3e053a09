"""Simulations behind the claims rules (docs/claims.md): how often would rhetoric name a
side when the signals fall regardless of the entities, and how often does it find a real
difference?

    python benchmarks/simulate_claims.py [--texts 2000] [--corpora 400] [--seed 1]

One text: texts are built on the sentence structure of real posts (the words and the
attribution of each sentence of every post of russia_ukraine.jsonl.gz with a sentence about
each side, or, without ../shared, of generated posts), and each sentence gets signal counts
drawn from a Poisson law whose rate depends on the sentence's length and on a sentence
"mood" (a gamma factor with shape 0.5: signals cluster, as ALL-CAPS words do in a shouted
sentence), never on the entities.  The permutation test of rhetoric.significance and the
headline rule of rhetoric.claims run on each; the script prints the share of texts where a
signal's test rejects at 0.05 (the test's size) and where the headline names a side (the
rule's false claims), then the power against a real difference (side A's sentences with
three times the rate).

Corpora: documents with the words of real documents (or short against long ones, or about both
sides) and counts from a negative binomial (documents differ in their rates), the same base rate
on both sides (the null) or 1.5 times on A.  For each design and number of documents it prints
how often the document bootstrap-t of rhetoric.significance rejects at 0.05, how often the 95%
bootstrap interval of rhetoric.asymmetry.bootstrap leaves out the true asymmetry 0, and how
often a corpus headline would name a side under the rule (Bonferroni over six signals, 3
occurrences, MIN_DOCUMENTS) and, for comparison, under any 95% interval leaving out 0.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rhetoric import claims  # noqa: E402
from rhetoric.asymmetry import bootstrap  # noqa: E402
from rhetoric.significance import PERMUTATIONS, corpus_pvalue, permutation_pvalues  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "corpus"
#: Signals per 100 words in the posts (ALL-CAPS words, Title-Case words, superlatives,
#: intensifiers, exclamations, scare quotes): roughly their rates in russia_ukraine.jsonl.gz.
RATES = {"caps_words": 1.5, "title_case_words": 2.0, "superlatives": 0.5, "intensifiers": 2.5,
         "exclamations": 2.0, "scare_quotes": 0.2}
PAIR = ("A", "B")


def real_structures() -> list[tuple[list[int], list[tuple[str, ...]]]]:
    """(words per sentence, entities per sentence) of every post with a sentence about each
    side, from the sample corpus; generated ones without it."""
    import rhetoric

    path = SHARED / "russia_ukraine.jsonl.gz"
    if not path.exists():
        return []
    config = rhetoric.Config.make()
    rename = {"Russia": "A", "Ukraine": "B"}
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record.get("repost") or not record.get("text"):
                continue
            m = rhetoric.measure_text(record["text"], config)
            entities = [tuple(rename[e] for e in a.entities) for a in m.attribution]
            if any("A" in e for e in entities) and any("B" in e for e in entities):
                out.append((list(m._columns()["words"]), entities))
    return out


def generated_structure(rng: np.random.Generator) -> tuple[list[int], list[tuple[str, ...]]]:
    """A post of 3 to 40 sentences of 4 to 60 words, each about A, B, both or neither."""
    n = int(rng.integers(3, 41))
    words = [int(w) for w in rng.integers(4, 61, size=n)]
    kinds = [("A",), ("B",), ("A", "B"), ()]
    entities = [kinds[k] for k in rng.choice(4, size=n, p=[0.3, 0.25, 0.1, 0.35])]
    entities[0], entities[-1] = ("A",), ("B",)
    return words, entities


def counts_for(words: list[int], entities: list[tuple[str, ...]], rng: np.random.Generator,
               lift: float = 1.0) -> dict[str, list[int]]:
    """Signal counts per sentence: rate x words x a clustered mood, times ``lift`` on the
    sentences about A alone (1: the null)."""
    out = {}
    for signal, rate in RATES.items():
        mood = rng.gamma(0.5, 2.0, size=len(words))
        factor = np.array([lift if e == ("A",) else 1.0 for e in entities])
        out[signal] = [int(c) for c in rng.poisson(np.array(words) * rate / 100 * mood * factor)]
    return out


def one_text(words: list[int], entities: list[tuple[str, ...]], counts: dict[str, list[int]],
             permutations: int) -> tuple[dict[str, float | None], claims.Finding]:
    p = permutation_pvalues(words, counts, entities, PAIR, permutations=permutations)["exclusive"]
    a = [k for k, e in enumerate(entities) if e == ("A",)]
    b = [k for k, e in enumerate(entities) if e == ("B",)]
    wa, wb = sum(words[k] for k in a), sum(words[k] for k in b)
    tally = {s: (sum(c[k] for k in a), sum(c[k] for k in b)) for s, c in counts.items()}
    rates = {s: (100 * ca / wa if wa else None, 100 * cb / wb if wb else None) for s, (ca, cb) in tally.items()}
    return p, claims.choose(PAIR, "exclusive", tally, rates, p)


def simulate_texts(n: int, rng: np.random.Generator, structures: list, lift: float = 1.0,
                   permutations: int = PERMUTATIONS, only: bool = False) -> dict[str, float]:
    """Share of ``n`` texts where each signal's test rejects at 0.05, and where the headline
    names a side (``named``) or names A (``named_a``); half the texts on ``structures`` and half
    generated, or all on ``structures`` (``only``)."""
    rejected = dict.fromkeys(RATES, 0)
    tested = dict.fromkeys(RATES, 0)
    named = named_a = 0
    for k in range(n):
        words, entities = structures[k % len(structures)] if structures and (k % 2 or only) \
            else generated_structure(rng)
        p, finding = one_text(words, entities, counts_for(words, entities, rng, lift), permutations)
        for s, value in p.items():
            if value is not None:
                tested[s] += 1
                rejected[s] += value <= 0.05
        named += finding.side is not None
        named_a += finding.side == "A"
    out = {f"size {s}": rejected[s] / tested[s] for s in RATES if tested[s]}
    out["size, all signals"] = sum(rejected.values()) / max(1, sum(tested.values()))
    out["tests run"] = sum(tested.values())
    out["headline names a side"] = named / n
    out["headline names A"] = named_a / n
    return out


def corpus_documents(side_words: np.ndarray, n: int, rng: np.random.Generator, rate: float,
                     lift: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """``n`` documents' (counts, words) about one side: words of real documents, counts from a
    negative binomial around ``rate`` (documents differ: gamma shape 1)."""
    words = rng.choice(side_words, size=n)
    mean = words * rate / 100 * lift * rng.gamma(1.0, 1.0, size=n)
    return rng.poisson(mean).astype(float), words.astype(float)


def design_documents(design: str, n: int, rng: np.random.Generator, side_words: np.ndarray, rate: float,
                     lift: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A corpus of one design as (counts_a, words_a, counts_b, words_b), one value per document:

    * ``equal``: n documents about each side, with the words of real documents;
    * ``unequal``: n documents of 5 to 15 words about A, 300 of 100 to 200 about B (a side of
      short posts against one of long ones: the case a plain permutation test gets wrong);
    * ``shared``: 200 documents about both sides (each document's two parts share its mood)
      and n about each side alone;
    * ``large``: n and n + 100 documents (the normal law instead of shuffles past 500)."""
    if design == "unequal":
        wa, wb = rng.integers(5, 16, size=n).astype(float), rng.integers(100, 201, size=300).astype(float)
    elif design == "large":
        wa, wb = rng.choice(side_words, size=n).astype(float), rng.choice(side_words, size=n + 100).astype(float)
    else:
        wa, wb = rng.choice(side_words, size=n).astype(float), rng.choice(side_words, size=n).astype(float)
    ca = rng.poisson(wa * rate / 100 * lift * rng.gamma(1.0, 1.0, size=len(wa))).astype(float)
    cb = rng.poisson(wb * rate / 100 * rng.gamma(1.0, 1.0, size=len(wb))).astype(float)
    za, zb = np.zeros(len(wb)), np.zeros(len(wa))
    out = [np.concatenate([ca, za]), np.concatenate([wa, za]), np.concatenate([zb, cb]), np.concatenate([zb, wb])]
    if design == "shared":
        pa, pb = rng.choice(side_words, size=200).astype(float), rng.choice(side_words, size=200).astype(float)
        mood = rng.gamma(1.0, 1.0, size=200)
        parts = (rng.poisson(pa * rate / 100 * lift * mood), pa, rng.poisson(pb * rate / 100 * mood), pb)
        out = [np.concatenate([x, y.astype(float)]) for x, y in zip(out, parts, strict=True)]
    return out[0], out[1], out[2], out[3]


def simulate_corpora(design: str, sizes: list[int], repeats: int, rng: np.random.Generator,
                     side_words: np.ndarray, lift: float = 1.0, permutations: int = 499,
                     resamples: int = 400) -> list[dict[str, float]]:
    """Per size: how often each signal's test rejects at 0.05 (of the tests run), how often the
    95% interval leaves out 0 (the true value under the null), and how often a headline names a
    side under the rule, and, for comparison, under any 95% interval leaving out 0."""
    rows = []
    for n in sizes:
        rejected, tested, outside, defined = (dict.fromkeys(RATES, 0) for _ in range(4))
        named = named_plain = 0
        for _ in range(repeats):
            pvalues, counts, rates, plain = {}, {}, {}, False
            for signal, rate in RATES.items():
                ca, wa, cb, wb = design_documents(design, n, rng, side_words, rate, lift)
                _point, low, high = bootstrap((ca, wa), (cb, wb), rng, resamples)
                counts[signal] = (int(ca.sum()), int(cb.sum()))
                rates[signal] = (100 * ca.sum() / wa.sum(), 100 * cb.sum() / wb.sum())
                pvalues[signal] = p = corpus_pvalue(ca, wa, cb, wb, rng, permutations)
                if p is not None:
                    tested[signal] += 1
                    rejected[signal] += p <= 0.05
                if low is not None and min(counts[signal]) >= claims.MIN_COUNT:
                    defined[signal] += 1
                    if low > 0 or high < 0:
                        outside[signal] += 1
                        plain = True
            documents = (int((wa > 0).sum()), int((wb > 0).sum()))
            named += claims.choose(PAIR, "all", counts, rates, pvalues, documents=documents).side is not None
            named_plain += plain
        rows.append({"documents": n,
                     "test rejects at 0.05": sum(rejected.values()) / max(1, sum(tested.values())),
                     "tests run": sum(tested.values()) / (repeats * len(RATES)),
                     "95% interval leaves out 0": sum(outside.values()) / max(1, sum(defined.values())),
                     "headline (rule)": named / repeats, "headline (any 95% interval)": named_plain / repeats})
    return rows


def interval_widths(sizes: list[int], repeats: int, rng: np.random.Generator, side_words: np.ndarray,
                    rate: float = 1.5) -> dict[int, tuple[float, float]]:
    """Per documents-per-side size: the median width of the 95% interval, and the share of
    corpora where a side has no occurrence (no interval can bound it)."""
    out = {}
    for n in sizes:
        widths, empty = [], 0
        for _ in range(repeats):
            ca, wa, cb, wb = design_documents("equal", n, rng, side_words, rate, 1.0)
            if not ca.sum() or not cb.sum():
                empty += 1
                continue
            _point, low, high = bootstrap((ca, wa), (cb, wb), rng, 400)
            widths.append(high - low)
        out[n] = (float(np.median(widths)) if widths else float("nan"), empty / repeats)
    return out


def document_words(structures: list) -> np.ndarray:
    """Words about one side per document, from the structures (generated ones without data)."""
    words = [sum(w for w, e in zip(ws, es, strict=True) if "A" in e) for ws, es in structures]
    return np.array([w for w in words if w] or list(range(10, 120)))


def simulate_keyness(repeats: int, rng: np.random.Generator, sizes: tuple[int, int] = (8000, 3000),
                     min_counts: tuple[int, ...] = (3, 5, 10, 20), min_z: float = 1.96) -> dict[int, float]:
    """Mean number of words past |z| >= ``min_z`` (used at least m times) when both sides' words
    are drawn from one distribution (the words of russia_ukraine.jsonl.gz, or a Zipf law): every
    such word is a false "key" word."""
    import rhetoric
    from rhetoric.keyness import keyness

    path = SHARED / "russia_ukraine.jsonl.gz"
    if path.exists():
        from collections import Counter

        pool: Counter = Counter()
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                text = json.loads(line).get("text") or ""
                pool.update(t.text.lower() for t in rhetoric.tokenize(text) if t.kind == "word")
        words, freq = zip(*pool.items(), strict=True)
        p = np.array(freq, float) / sum(freq)
    else:
        words = tuple(f"w{k}" for k in range(5000))
        p = 1 / np.arange(1, 5001)
        p /= p.sum()
    found = dict.fromkeys(min_counts, 0.0)
    for _ in range(repeats):
        a = rng.multinomial(sizes[0], p)
        b = rng.multinomial(sizes[1], p)
        table = keyness({w: int(n) for w, n in zip(words, a, strict=True) if n},
                        {w: int(n) for w, n in zip(words, b, strict=True) if n}, ("A", "B"), min_count=1)
        total = table["a_count"] + table["b_count"]
        for m in min_counts:
            found[m] += float(((table["z"].abs() >= min_z) & (total >= m)).sum()) / repeats
    return found


def period_rate_error(sizes: list[int], repeats: int, rng: np.random.Generator, side_words: np.ndarray,
                      rate: float = 1.5) -> dict[int, float]:
    """Median relative error of a period's rate (signals per 100 words over its documents)
    against the true rate, by the number of documents in the period: the time series draws a
    rate from fewer than MIN_POINT_DOCUMENTS documents hollow."""
    out = {}
    for n in sizes:
        errors = []
        for _ in range(repeats):
            counts, words = corpus_documents(side_words, n, rng, rate)
            errors.append(abs(100 * counts.sum() / words.sum() - rate) / rate)
        out[n] = float(np.median(errors))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--corpora", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    structures = real_structures()
    print(f"one text: {args.texts:,} texts ({len(structures)} real post structures, half generated)")
    for lift in (1.0, 3.0):
        figures = simulate_texts(args.texts, rng, structures, lift)
        print(f"  {'null' if lift == 1 else f'A alone x{lift:g}'}: " + _row(figures))
    padded = [(w + [12] * 30, e + [()] * 30) for w, e in
              ([[12] * 16, [("A",)] * 8 + [("B",)] * 8] for _ in range(1))]
    print("  null, 8 sentences about each side and 30 about neither: "
          + _row(simulate_texts(max(200, args.texts // 4), rng, padded, only=True)))
    keyness_null = simulate_keyness(max(5, args.corpora // 20), rng)
    print("keyness: words past |z| >= 1.96 when both sides use the same words (8,000 and 3,000 words), mean per "
          "table, by the fewest uses a word needs: "
          + ", ".join(f"{m}+ uses {v:.1f}" for m, v in keyness_null.items()))
    side_words = document_words(structures)
    errors = period_rate_error([1, 2, 3, 4, 5, 8, 10, 20], 2000, rng, side_words)
    print("time series: median relative error of a period's rate (1.5 per 100 words), by its documents: "
          + ", ".join(f"{n} {100 * e:.0f}%" for n, e in errors.items()))
    widths = interval_widths([3, 5, 8, 10, 15, 20], max(100, args.corpora), rng, side_words)
    print("intervals (1.5 per 100 words): median width, and corpora with a side without an occurrence, by documents "
          "per side: " + ", ".join(f"{n} {w:.2f} ({100 * e:.0f}%)" for n, (w, e) in widths.items()))
    print(f"corpora: {args.corpora} per size, documents with the words of {len(side_words)} real documents")
    for design, sizes, lift in (("equal", [5, 10, 20, 50, 100], 1.0), ("equal", [20, 50, 100], 1.5),
                                ("unequal", [60, 120, 240], 1.0), ("shared", [20], 1.0), ("large", [600], 1.0)):
        print(f"  {design}, {'null' if lift == 1 else f'A x{lift:g}'}:")
        for row in simulate_corpora(design, sizes, args.corpora, rng, side_words, lift):
            print("    " + _row(row))


def _row(figures: dict) -> str:
    return ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v:,}" for k, v in figures.items())


if __name__ == "__main__":
    main()
