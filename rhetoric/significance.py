"""Is a difference between two entities more than chance?  A permutation test for one text.

The null hypothesis: a signal falls on sentences regardless of which entity they are
about.  Under it, the text's sentences keep their words and their signals, and any
arrangement of the sentences' attributions is as likely as the one observed.  So the
attributions (the set of entities of each sentence) are shuffled across the sentences
:data:`PERMUTATIONS` times, and each time the difference of the two entities' rates
(signals per word of the sentences about each) is recomputed.  The p-value is the share
of arrangements, the observed one included, whose difference is at least as large in
absolute value as the observed one (two-sided; Phipson & Smyth 2010 on the ``+ 1``: a
Monte Carlo p-value never below ``1 / (PERMUTATIONS + 1)``, and the test never rejects
more often than its level under the null).

Both views are tested from the same shuffles: all sentences about an entity (a sentence
about both counts for each) and sentences about one entity alone.  The shuffles come from
a fixed seed, so the same text gives the same p-values on every run.

Pure Python, without numpy, because ``rhetoric measure`` prints the result and should start
fast: the counts of every sentence are packed into one integer (a field per counter, wide
enough for the text's totals), so that summing the sentences of a side is one loop of
integer additions whatever the number of signals.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

#: Shuffles per test.  1,999 resolves p-values to 0.0005, ten times finer than the 0.0083 of
#: the headline rule (0.05 over six signals, see :mod:`rhetoric.claims`); the Monte Carlo
#: error of a p-value near that threshold is about 0.002.  A 300-word post takes about 40 ms.
PERMUTATIONS = 1999
#: The seed of the shuffles (the day of the post that started the project).
SEED = 20250519

#: The views: every sentence about an entity, and sentences about that entity alone.
VIEWS = ("all", "exclusive")


def permutation_pvalues(words: Sequence[int], counts: Mapping[str, Sequence[int]],
                        entities: Sequence[Sequence[str]], pair: tuple[str, str],
                        permutations: int = PERMUTATIONS, seed: int = SEED) -> dict[str, dict[str, float | None]]:
    """View -> counter -> two-sided permutation p-value of the difference between the pair's
    rates (``None`` where the test is undefined: a side without sentences or without words,
    or no signal on either side).

    ``words[k]`` and ``counts[c][k]``: the words and the counter ``c`` of sentence ``k``;
    ``entities[k]``: the entities sentence ``k`` is about.

    >>> p = permutation_pvalues([10] * 6, {"caps": [3, 2, 4, 0, 0, 0]},
    ...                         [("A",), ("A",), ("A",), ("B",), ("B",), ("B",)], ("A", "B"))
    >>> p["all"]["caps"] == p["exclusive"]["caps"] and round(p["all"]["caps"], 2)
    0.1
    """
    a, b = pair
    flags = [_flags(set(names), a, b) for names in entities]
    names = list(counts)
    bits = max([sum(words), *(sum(counts[c]) for c in names)], default=0).bit_length() + 1  # no field overflows
    packed = [_pack([words[k], *(counts[c][k] for c in names)], bits) for k in range(len(words))]
    observed = _differences(_sums(packed, flags), len(names), bits)
    result: dict[str, dict[str, float | None]] = {view: dict.fromkeys(names) for view in VIEWS}
    tested = [(v, c) for v in range(len(VIEWS)) for c in range(len(names)) if observed[v][c] is not None]
    if not tested:
        return result
    extreme = dict.fromkeys(tested, 0)
    rng = random.Random(seed)
    shuffled = list(flags)
    for _ in range(permutations):
        rng.shuffle(shuffled)
        trial = _differences(_sums(packed, shuffled), len(names), bits)
        for key in tested:
            v, c = key
            value = trial[v][c]
            if value is not None and abs(value) >= abs(observed[v][c]) - 1e-12:  # type: ignore[arg-type]
                extreme[key] += 1
    for (v, c), n in extreme.items():
        result[VIEWS[v]][names[c]] = (n + 1) / (permutations + 1)
    return result


def _flags(names: set[str], a: str, b: str) -> int:
    """Bits of a sentence's attribution: about A, about B, about A alone, about B alone."""
    return (1 if a in names else 0) | (2 if b in names else 0) | (4 if names == {a} else 0) \
        | (8 if names == {b} else 0)


def _pack(values: Sequence[int], bits: int) -> int:
    packed = 0
    for k, value in enumerate(values):
        packed |= int(value) << (k * bits)
    return packed


def _sums(packed: Sequence[int], flags: Sequence[int]) -> tuple[int, int, int, int]:
    """The packed sums over the sentences about A, about B, about A alone, about B alone."""
    all_a = all_b = only_a = only_b = 0
    for value, f in zip(packed, flags, strict=True):
        if f:
            if f & 1:
                all_a += value
            if f & 2:
                all_b += value
            if f & 4:
                only_a += value
            elif f & 8:
                only_b += value
    return all_a, all_b, only_a, only_b


def _differences(sums: tuple[int, int, int, int], counters: int, bits: int) -> list[list[float | None]]:
    """Per view, per counter: rate of A minus rate of B (None when a side has no words or
    neither side has the signal)."""
    mask = (1 << bits) - 1
    out = []
    for sum_a, sum_b in ((sums[0], sums[1]), (sums[2], sums[3])):
        words_a, words_b = sum_a & mask, sum_b & mask
        row: list[float | None] = []
        for c in range(1, counters + 1):
            ca = (sum_a >> (c * bits)) & mask
            cb = (sum_b >> (c * bits)) & mask
            row.append(None if not words_a or not words_b or not (ca or cb) else ca / words_a - cb / words_b)
        out.append(row)
    return out


#: Largest number of (document, side) units for the Monte Carlo permutation of a corpus;
#: beyond it the permutation distribution is replaced by its normal approximation.
MONTE_CARLO_UNITS = 4000


def corpus_pvalue(counts_a: Any, words_a: Any, counts_b: Any, words_b: Any, rng: Any,
                  permutations: int = PERMUTATIONS) -> float | None:
    """Two-sided p-value of the difference between two sides' pooled rates over a corpus
    (numpy arrays, one value per document; a document not about a side has 0 words for it).

    The units are the (document, side) pairs with words about that side; under the null the
    side labels are exchangeable among them, and they are shuffled :data:`PERMUTATIONS`
    times (up to :data:`MONTE_CARLO_UNITS` units; beyond, the permutation distribution of the
    sum of the side's residuals ``counts - pooled rate * words`` is taken as normal, with its
    exact mean and variance for sampling without replacement).  None when a side has no
    words or neither has the signal."""
    import numpy as np

    keep_a, keep_b = words_a > 0, words_b > 0
    counts = np.concatenate([counts_a[keep_a], counts_b[keep_b]])
    words = np.concatenate([words_a[keep_a], words_b[keep_b]])
    n_a, n = int(keep_a.sum()), len(counts)
    if n_a == 0 or n_a == n or not counts.sum():
        return None
    if n > MONTE_CARLO_UNITS:
        return _normal_pvalue(counts, words, n_a)
    total_c, total_w = counts.sum(), words.sum()

    def difference(ca: Any, wa: Any) -> Any:
        with np.errstate(divide="ignore", invalid="ignore"):
            return ca / wa - (total_c - ca) / (total_w - wa)

    observed = difference(counts[:n_a].sum(), words[:n_a].sum())
    extreme = 0
    step = max(1, min(permutations, 2_000_000 // n))
    for start in range(0, permutations, step):
        size = min(step, permutations - start)
        chosen = np.argsort(rng.random((size, n)), axis=1)[:, :n_a]  # the units labelled A
        trial = difference(counts[chosen].sum(1), words[chosen].sum(1))
        extreme += int((np.abs(trial[np.isfinite(trial)]) >= abs(observed) - 1e-12).sum())
    return (extreme + 1) / (permutations + 1)


def _normal_pvalue(counts: Any, words: Any, n_a: int) -> float:
    """The large-sample permutation test: residuals around the pooled rate, the sum over the
    first ``n_a`` units against its permutation mean (0) and variance."""
    from statistics import NormalDist

    residuals = counts - counts.sum() / words.sum() * words
    n = len(residuals)
    variance = n_a * (n - n_a) / (n * (n - 1)) * float(((residuals - residuals.mean()) ** 2).sum())
    if variance <= 0:
        return 1.0
    z = float(residuals[:n_a].sum()) / variance ** 0.5
    return 2 * NormalDist().cdf(-abs(z))
