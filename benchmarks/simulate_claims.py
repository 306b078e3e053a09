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

Corpora: documents about each side with the words of real documents and counts from a
negative binomial (documents differ in their rates), the same base rate on both sides.
For each number of documents per side it prints how often the 95% bootstrap interval of
rhetoric.asymmetry.bootstrap leaves out the true asymmetry 0 (it should be 5%), and how
often a corpus headline would name a side under the rule (Bonferroni over six signals and
MIN_DOCUMENTS) and without the correction.
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
from rhetoric.significance import corpus_pvalue, permutation_pvalues  # noqa: E402

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
                   permutations: int = 999) -> dict[str, float]:
    """Share of ``n`` texts where each signal's test rejects at 0.05, and where the headline
    names a side (``named``) or names A (``named_a``)."""
    rejected = dict.fromkeys(RATES, 0)
    tested = dict.fromkeys(RATES, 0)
    named = named_a = 0
    for k in range(n):
        words, entities = structures[k % len(structures)] if structures and k % 2 else generated_structure(rng)
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


def simulate_corpora(sizes: list[int], repeats: int, rng: np.random.Generator, side_words: np.ndarray,
                     lift: float = 1.0) -> list[dict[str, float]]:
    """Per documents-per-side size: how often the 95% interval of each signal leaves out 0,
    how often a headline names a side under the rule and without Bonferroni."""
    rows = []
    for n in sizes:
        outside = dict.fromkeys(RATES, 0)
        defined = dict.fromkeys(RATES, 0)
        named = named_plain = 0
        perm_rejects = dict.fromkeys(RATES, 0)
        for _ in range(repeats):
            pvalues, counts, rates, plain = {}, {}, {}, False
            for signal, rate in RATES.items():
                ca, wa = corpus_documents(side_words, n, rng, rate, lift)
                cb, wb = corpus_documents(side_words, n, rng, rate)
                # the documents of a corpus: n about A (no words about B) then n about B
                a = (np.concatenate([ca, np.zeros(n)]), np.concatenate([wa, np.zeros(n)]))
                b = (np.concatenate([np.zeros(n), cb]), np.concatenate([np.zeros(n), wb]))
                point, low, high = bootstrap(a, b, rng, 400)
                counts[signal] = (int(ca.sum()), int(cb.sum()))
                rates[signal] = (100 * ca.sum() / wa.sum(), 100 * cb.sum() / wb.sum())
                pvalues[signal] = corpus_pvalue(a[0], a[1], b[0], b[1], rng, 999)
                if pvalues[signal] is not None and pvalues[signal] <= 0.05:
                    perm_rejects[signal] += 1
                if low is not None and counts[signal][0] and counts[signal][1]:
                    defined[signal] += 1
                    if low > 0 or high < 0:
                        outside[signal] += 1
                        plain = plain or max(counts[signal]) >= claims.MIN_COUNT
            finding = claims.choose(PAIR, "all", counts, rates, pvalues, documents=(n, n))
            named += finding.side is not None
            named_plain += plain
        row = {"documents per side": n}
        row.update({f"outside {s}": outside[s] / defined[s] if defined[s] else float("nan") for s in RATES})
        row.update({f"permutation size {s}": perm_rejects[s] / repeats for s in RATES})
        row["headline (rule)"] = named / repeats
        row["headline (95% interval, no correction)"] = named_plain / repeats
        rows.append(row)
    return rows


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
        print(f"  {'null' if lift == 1 else f'A alone x{lift:g}'}: "
              + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v:,}" for k, v in figures.items()))
    keyness_null = simulate_keyness(max(5, args.corpora // 20), rng)
    print("keyness: words past |z| >= 1.96 when both sides use the same words (8,000 and 3,000 words), mean per "
          "table, by the fewest uses a word needs: "
          + ", ".join(f"{m}+ uses {v:.1f}" for m, v in keyness_null.items()))
    side_words = document_words(structures)
    errors = period_rate_error([1, 2, 3, 5, 8, 10, 20], 2000, rng, side_words)
    print("time series: median relative error of a period's rate (1.5 per 100 words), by its documents: "
          + ", ".join(f"{n} {100 * e:.0f}%" for n, e in errors.items()))
    print(f"corpora: {args.corpora} per size, documents with the words of {len(side_words)} real documents")
    for lift in (1.0, 1.5):
        print(f"  {'null' if lift == 1 else f'A x{lift:g}'}:")
        for row in simulate_corpora([3, 5, 10, 20, 50, 100], args.corpora, rng, side_words, lift):
            print("    " + ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
