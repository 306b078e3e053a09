"""What the evidence lets rhetoric say: the rule behind every headline it prints.

A headline names a side ("Russia's sentences use ALL-CAPS words more often than Ukraine's":
a comparison of rates, signals per 100 words)
only when all of these hold, for the signal with the strongest evidence of the six
emphasis signals (:data:`HEADLINE_SIGNALS`):

* the test rejects chance at :data:`ALPHA` = 0.05 shared over the six signals (Bonferroni:
  p <= 0.05 / 6 = 0.0083), because the headline looks at six signals and picks one;
  the test is a permutation test (:mod:`rhetoric.significance`): of the sentences' attributions
  for one text, of the documents' sides for a corpus (:func:`rhetoric.asymmetry.summarize`);
* the side named has at least :data:`MIN_COUNT` occurrences of the signal;
* for a corpus, each side has at least :data:`MIN_DOCUMENTS` documents about it.

Otherwise the headline states the counts of that signal without naming a side ("ALL-CAPS
words: Russia 3, Ukraine 1").  ``benchmarks/simulate_claims.py`` generates texts and
corpora in which the signals fall regardless of the entities and counts how often each
rule would name a side anyway; docs/claims.md gives the figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .schema import BASE, Schema
from .signals import REGISTRY

#: The schema of the default signals: names of counters for titles, tables and charts.
_DEFAULT = Schema((), (), None, (), BASE + tuple((c.name, c.label, c.singular) for s in REGISTRY for c in s.counters),
                  tuple(s.counter for s in REGISTRY if s.headline))
#: The signals a headline may be about (the default registry's), in the order that breaks ties.
HEADLINE_SIGNALS = _DEFAULT.headline
#: Names of the default counters: precise, never just "capitals".
LABELS = {name: plural for name, plural, _ in _DEFAULT.labels}
#: ... and of one occurrence ("ALL-CAPS word", "exclamation mark").
SINGULARS = {name: singular for name, _, singular in _DEFAULT.labels}


def label(signal: str, n: int = 2, schema: Schema | None = None) -> str:
    """The name of a counter (``caps_words``: "ALL-CAPS words") or a topic (``topic:trade``:
    "trade words"), singular for one occurrence."""
    return (schema or _DEFAULT).label(signal, n)


def counted(n: int, signal: str, schema: Schema | None = None) -> str:
    """``3 ALL-CAPS words``, ``1 ALL-CAPS word``."""
    return f"{n:,} {label(signal, n, schema)}"


#: The level of the family of tests behind one headline.
ALPHA = 0.05
#: Fewest occurrences of the signal on the side a headline names.  Two ALL-CAPS words are
#: a sentence's worth of typing: removing one word must not turn a headline around.
MIN_COUNT = 3
#: Fewest documents about each side before a corpus headline names one (and below which
#: a summary row is flagged ``low_n``).
MIN_DOCUMENTS = 20


def threshold(signals: int = len(HEADLINE_SIGNALS)) -> float:
    """The p-value a signal must reach for a headline: :data:`ALPHA` shared over ``signals``."""
    return ALPHA / signals


@dataclass(frozen=True)
class Finding:
    """The headline of one comparison of two entities, and the evidence behind it."""

    pair: tuple[str, str]
    view: str                                   # "all" or "exclusive"
    signal: str | None                          # the counter the headline is about; None: no signal at all
    counts: tuple[int, int] = (0, 0)
    p: float | None = None                      # of the test (permutation or bootstrap)
    side: str | None = None                     # the entity named, when the rule clears
    reason: str = ""                            # why the rule clears or not, in words
    documents: tuple[int, int] | None = None    # corpora: documents about each side
    rates: tuple[float | None, float | None] = (None, None)  # per 100 words
    family: int = len(HEADLINE_SIGNALS)         # signals the headline chose among (the Bonferroni divisor)
    missing: str | None = None                  # a side with no words in the view
    schema: Schema = field(default=_DEFAULT, repr=False, compare=False)  # the names of its signals

    @property
    def title(self) -> str:
        """The headline in words."""
        a, b = self.pair
        if self.missing is not None:
            return f"No words about {self.missing}{' alone' if self.view == 'exclusive' else ''} to compare"
        if self.signal is None:
            return f"No emphasis signals in sentences about {a} or {b}"
        name = label(self.signal, schema=self.schema)
        if self.side is not None:
            other = b if self.side == a else a
            whose = "own sentences" if self.view == "exclusive" else "sentences"
            return f"{self.side}'s {whose} use {name} more often than {other}'s"
        if None in self.rates:
            return f"{name[0].upper()}{name[1:]}: {a} {self.counts[0]:,}, {b} {self.counts[1]:,}"
        return (f"{name[0].upper()}{name[1:]}: {a} {self.counts[0]:,} ({self.rates[0]:.1f} per 100 words), "
                f"{b} {self.counts[1]:,} ({self.rates[1]:.1f})")

    def to_dict(self) -> dict[str, Any]:
        return {"view": self.view, "signal": self.signal, "side": self.side, "title": self.title,
                "counts": dict(zip(self.pair, self.counts, strict=True)),
                "per_100_words": dict(zip(self.pair, self.rates, strict=True)), "p": self.p,
                "threshold": threshold(self.family), "reason": self.reason,
                **({"documents": dict(zip(self.pair, self.documents, strict=True))} if self.documents else {})}


def choose(pair: tuple[str, str], view: str, counts: Mapping[str, tuple[int, int]],
           rates: Mapping[str, tuple[float | None, float | None]], pvalues: Mapping[str, float | None],
           documents: tuple[int, int] | None = None, signals: Sequence[str] | None = None,
           schema: Schema | None = None, untested: str | None = None) -> Finding:
    """The headline of a comparison: among ``signals`` with a p-value (default: the headline
    signals of ``schema``, the default registry's without one), the one with the strongest
    evidence (smallest p; ties: more occurrences, then the order of ``signals``), naming a side
    only when the rule of this module clears.  ``untested``: why no signal has a p-value, when
    the caller knows (the default: a side has no sentences or no words)."""
    schema = schema or _DEFAULT
    signals = tuple(signals if signals is not None else schema.headline)
    tested = [s for s in signals if pvalues.get(s) is not None]
    for side in (0, 1):
        if all(rates.get(s, (None, None))[side] is None for s in signals):  # no words about this side
            return Finding(pair, view, None, reason=f"no words about {pair[side]} in this view",
                           documents=documents, family=len(signals), missing=pair[side], schema=schema)
    if not tested:
        some = [s for s in signals if sum(counts.get(s, (0, 0)))]
        if not some:
            return Finding(pair, view, None, reason="no signal in the sentences about either side", schema=schema)
        s = some[0]
        return Finding(pair, view, s, counts[s], None, None,
                       f"no test: {untested or 'a side has no sentences or no words'}", documents, rates[s],
                       len(signals), schema=schema)
    best = min(tested, key=lambda s: (pvalues[s], -sum(counts[s]), signals.index(s)))
    p = float(pvalues[best])  # type: ignore[arg-type]
    count_a, count_b = counts[best]
    rate_a, rate_b = rates[best]
    leader = None if rate_a is None or rate_b is None or rate_a == rate_b else (0 if rate_a > rate_b else 1)
    limit = threshold(len(signals))
    shared = f"{ALPHA} shared by {len(signals)} signals" if len(signals) > 1 else "one test"
    problems = []
    if p > limit:
        problems.append(f"p = {p:.2g}, above {limit:.2g} ({shared})")
    if leader is not None and counts[best][leader] < MIN_COUNT:
        problems.append(f"{pair[leader]} has {counted(counts[best][leader], best, schema)}, fewer than {MIN_COUNT}")
    if documents is not None and min(documents) < MIN_DOCUMENTS:
        problems.append(f"{min(documents)} documents about {pair[documents.index(min(documents))]}, "
                        f"fewer than {MIN_DOCUMENTS}")
    if leader is None:
        problems.append("the rates are equal")
    if problems:
        return Finding(pair, view, best, (count_a, count_b), p, None, "; ".join(problems), documents,
                       (rate_a, rate_b), len(signals), schema=schema)
    reason = (f"p = {p:.2g}, at most {limit:.2g} ({shared}); "
              f"{counted(counts[best][leader], best, schema)}, at least {MIN_COUNT}"  # type: ignore[index]
              + (f"; {min(documents):,} documents or more about each side" if documents else ""))
    return Finding(pair, view, best, (count_a, count_b), p, pair[leader], reason, documents,  # type: ignore[index]
                   (rate_a, rate_b), len(signals), schema=schema)


def one_text(m: Any, view: str = "all") -> Finding | None:
    """The headline of one measured text (a :class:`~rhetoric.measures.Measurement`), or None
    without a pair of entities."""
    pair = m.asymmetry.get("pair")
    if not pair:
        return None
    a, b = (m.entities[n] if view == "all" else m.entities[n]["exclusive"] for n in pair)
    signals = m.schema.headline
    counts = {s: (a[s], b[s]) for s in signals}
    rates = {s: (a["per_100_words"][s], b["per_100_words"][s]) for s in signals}
    return choose(tuple(pair), view, counts, rates, m.tests[view], schema=m.schema)  # type: ignore[arg-type]
