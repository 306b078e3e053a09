"""Is a difference between two entities more than chance?  Permutation tests for one text and
for a corpus.

**One text.**  The null hypothesis: among the sentences about either side, a signal falls
regardless of which side a sentence is about.  Under it the sentences about A or B keep their
words and their signals, and any arrangement of their attributions is as likely as the one
observed.  So the attributions are shuffled among those sentences (sentences about neither
side take no part: they would test "about A or B, or not", another question), and each time
the difference of the two sides' rates (signals per word) is recomputed.  The view of the
sentences about each side alone shuffles only the sentences about one side alone.

**A corpus.**  A document's sentences share its author's mood, so documents are the units of
chance.  The statistic is the difference of the two sides' pooled rates over its standard
error, clustered by document (a document about both sides enters with both parts), and its
null distribution is that of the same statistic in documents drawn with replacement, centred
on the observed difference (a bootstrap-t test: Hall & Wilson 1991).  It stays near its level
where a permutation of the sides does not: a side of a few short posts against one of many
long ones (a permutation of the raw difference rejected 38% of such null corpora at 0.05), and
documents about both sides, whose two parts are not independent.  It needs
:data:`MIN_EXPECTED` occurrences a side at the pooled rate; when the smaller side has
:data:`NORMAL_UNITS` documents or more, the statistic is read against the normal law.

p-values are two-sided, with the observed arrangement counted (Phipson & Smyth 2010: a Monte
Carlo p-value is never below ``1 / (permutations + 1)``, and the test never rejects more often
than its level under the null).  A p-value within three Monte Carlo standard errors of a
threshold a headline reads (:data:`THRESHOLDS`) is computed again with ten times the shuffles,
so that the seed does not decide a headline.  Shuffles come from a fixed seed: the same input
gives the same p-values on every run.

The one-text test is pure Python, without numpy, because ``rhetoric measure`` prints its
result and should start fast: the counts of every sentence are packed into one integer (a
field per counter, wide enough for the text's totals), so that summing the sentences of a side
is one loop of integer additions whatever the number of signals.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import Any

#: Shuffles per test.  1,999 resolves p-values to 0.0005, ten times finer than the 0.0083 of
#: the headline rule (0.05 over six signals, see :mod:`rhetoric.claims`).
PERMUTATIONS = 1999
#: The seed of the shuffles, of the bootstrap and of every simulation (the day of the post
#: that started the project).
SEED = 20250519
#: p-values a headline compares with (0.05 over six signals; 0.05): a p-value near one of
#: them is computed again with ten times the shuffles.
THRESHOLDS = (0.05 / 6, 0.05)
#: Fewest documents on the smaller side for the normal law instead of resamples (corpora): the
#: studentized difference of pooled rates is close to normal with 500 documents a side (its
#: standard deviation 1.00 and 5.1% beyond 1.96 in 1,000 simulated null corpora of 600 and 700),
#: and resampling a million documents 2,000 times would take minutes.
NORMAL_UNITS = 500

#: Fewest occurrences each side would have at the pooled rate for a corpus test: with fewer,
#: the standard error of a side's rate rests on a handful of occurrences and the test is left
#: undefined ("too few to test"; the headline rule needs 3 occurrences on the side it names).
MIN_EXPECTED = 10.0

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
    result: dict[str, dict[str, float | None]] = {}
    for view, (side_a, side_b) in zip(VIEWS, ((1, 2), (4, 8)), strict=True):
        taking = [k for k, f in enumerate(flags) if f & (side_a | side_b)]  # the sentences shuffled
        cells = [packed[k] for k in taking]
        labels = [flags[k] & (side_a | side_b) for k in taking]
        observed = _differences(cells, labels, side_a, side_b, len(names), bits)
        p = _shuffled(observed, cells, labels, side_a, side_b, len(names), bits, permutations, seed)
        result[view] = dict(zip(names, p, strict=True))
    return result


def _shuffled(observed: list[float | None], cells: list[int], labels: list[int], side_a: int, side_b: int,
              counters: int, bits: int, permutations: int, seed: int) -> list[float | None]:
    """The p-values of ``observed`` against shuffles of ``labels`` (computed again with ten times
    the shuffles where one lies near a threshold)."""
    rng = random.Random(seed)
    tested = [c for c, value in enumerate(observed) if value]  # a difference of exactly 0 has p = 1
    extreme = [0] * counters
    done = 0
    for total in (permutations, 10 * permutations + 9):
        shuffled = list(labels)
        for _ in range(total - done):
            rng.shuffle(shuffled)
            trial = _differences(cells, shuffled, side_a, side_b, counters, bits)
            for c in tested:
                value = trial[c]
                if value is not None and abs(value) >= abs(observed[c]) - 1e-12:  # type: ignore[arg-type]
                    extreme[c] += 1
        done = total
        if not any(_near((extreme[c] + 1) / (done + 1), done) for c in tested):
            break
    return [None if value is None else 1.0 if not value else (extreme[c] + 1) / (done + 1)
            for c, value in enumerate(observed)]


def _near(p: float, permutations: int) -> bool:
    """Within three Monte Carlo standard errors of a threshold."""
    error = 3 * (p * (1 - p) / permutations) ** 0.5
    return any(abs(p - t) < error for t in THRESHOLDS)


def _flags(names: set[str], a: str, b: str) -> int:
    """Bits of a sentence's attribution: about A, about B, about A alone, about B alone."""
    return (1 if a in names else 0) | (2 if b in names else 0) | (4 if names == {a} else 0) \
        | (8 if names == {b} else 0)


def _pack(values: Sequence[int], bits: int) -> int:
    packed = 0
    for k, value in enumerate(values):
        packed |= int(value) << (k * bits)
    return packed


def _differences(cells: Sequence[int], labels: Sequence[int], side_a: int, side_b: int, counters: int,
                 bits: int) -> list[float | None]:
    """Per counter: rate of A minus rate of B over the sentences labelled for each (None when a
    side has no words or neither side has the signal)."""
    sum_a = sum_b = 0
    for value, label in zip(cells, labels, strict=True):
        if label & side_a:
            sum_a += value
        if label & side_b:
            sum_b += value
    mask = (1 << bits) - 1
    words_a, words_b = sum_a & mask, sum_b & mask
    out: list[float | None] = []
    for c in range(1, counters + 1):
        ca = (sum_a >> (c * bits)) & mask
        cb = (sum_b >> (c * bits)) & mask
        out.append(None if not words_a or not words_b or not (ca or cb) else ca / words_a - cb / words_b)
    return out


# -- corpora ------------------------------------------------------------------------------------

def corpus_pvalue(counts_a: Any, words_a: Any, counts_b: Any, words_b: Any, rng: Any,
                  resamples: int = PERMUTATIONS) -> float | None:
    """Two-sided p-value of the difference between two sides' pooled rates over a corpus (numpy
    arrays, one value per document; a document not about a side has 0 words for it), by the
    document bootstrap-t of the module's docstring.  None when a side has no words, or would
    have fewer than :data:`MIN_EXPECTED` occurrences at the pooled rate."""
    import numpy as np

    ca, wa, cb, wb = (np.asarray(x, float) for x in (counts_a, words_a, counts_b, words_b))
    about = (wa > 0) | (wb > 0)
    ca, wa, cb, wb = ca[about], wa[about], cb[about], wb[about]
    total, side_words = ca.sum() + cb.sum(), min(wa.sum(), wb.sum())
    if not side_words or not total or side_words * total / (wa.sum() + wb.sum()) < MIN_EXPECTED:
        return None
    difference, error = _studentized(np.ones((1, len(ca))), ca, wa, cb, wb)
    if not error[0] > 0:
        return 1.0 if not difference[0] else None
    observed = float(difference[0] / error[0])
    if not observed:
        return 1.0
    if min(int((wa > 0).sum()), int((wb > 0).sum())) >= NORMAL_UNITS:
        return 2 * NormalDist().cdf(-abs(observed))
    n = len(ca)
    extreme, done = 0, 0
    for target in (resamples, 10 * resamples + 9):
        step = max(1, min(target - done, 2_000_000 // n))
        while done < target:
            size = min(step, target - done)
            weights = rng.multinomial(n, np.full(n, 1 / n), size=size).astype(float)  # documents drawn
            d, e = _studentized(weights, ca, wa, cb, wb)
            with np.errstate(divide="ignore", invalid="ignore"):
                t = (d - difference[0]) / e  # centred on the observed difference: the null's shape
            extreme += int((np.abs(t[np.isfinite(t)]) >= abs(observed) - 1e-12).sum())
            done += size
        if not _near((extreme + 1) / (done + 1), done):
            break
    return (extreme + 1) / (done + 1)


def _studentized(weights: Any, ca: Any, wa: Any, cb: Any, wb: Any) -> tuple[Any, Any]:
    """Per row of ``weights`` (how many times each document is drawn): the difference of the
    two sides' pooled rates and its standard error clustered by document (the linearized
    variance of a ratio: a document's part about A and its part about B enter together)."""
    import numpy as np

    n = weights.shape[1]
    with np.errstate(divide="ignore", invalid="ignore"):
        sum_wa, sum_wb = weights @ wa, weights @ wb
        ra, rb = (weights @ ca) / sum_wa, (weights @ cb) / sum_wb
        z = (ca - ra[:, None] * wa) / sum_wa[:, None] - (cb - rb[:, None] * wb) / sum_wb[:, None]
        return ra - rb, np.sqrt((weights * z * z).sum(1) * n / (n - 1))
