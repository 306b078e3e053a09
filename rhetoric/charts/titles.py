"""The words of a chart: each signal's label, and the title a chart states, found by the rule of
:mod:`rhetoric.claims` from the numbers the chart draws, with the subtitle's note on why it
names a side (or why not).
"""

from __future__ import annotations

from typing import Any

from ..claims import HEADLINE_SIGNALS, LABELS, SINGULARS, Finding, choose
from .data import as_float, as_int

#: The emphasis signals the profile and asymmetry charts show, in order (the headline's six).
SIGNALS = HEADLINE_SIGNALS
SIGNAL_LABELS = {s: LABELS[s][0].upper() + LABELS[s][1:] for s in (*SIGNALS, "exclamation_marks")}
#: A signal's name for one occurrence, as a sentence reads it ("an exclamation mark").
SINGULAR_LABELS = {s: SINGULARS[s] for s in (*SIGNALS, "exclamation_marks")}


def labels_of(data: Any) -> dict[str, str]:
    """Signal -> its label on the chart (from the table, else the default signals')."""
    if "label" in data.columns:
        return dict(zip(data["signal"], data["label"], strict=True))
    return {s: SIGNAL_LABELS.get(s, s) for s in data["signal"]}


def finding_of(data: Any, signal_column: str = "signal") -> Finding | None:
    """The headline of a profile or asymmetry table (or a topics table, per topic), by the
    rule of :mod:`rhetoric.claims`, from the numbers the chart draws."""
    if "entity_a" in data.columns:  # asymmetry: one row per signal
        a, b = data["entity_a"].iloc[0], data["entity_b"].iloc[0]
        if not isinstance(a, str) or not isinstance(b, str):
            return None
        rows = {r.signal: r for r in data.itertuples(index=False)}
        counts = {s: (as_int(r.count_a), as_int(r.count_b)) for s, r in rows.items()}
        rates = {s: (_rate(r.count_a, r.words_a), _rate(r.count_b, r.words_b)) for s, r in rows.items()}
        pvalues = {s: as_float(r.p) for s, r in rows.items()}
        documents = documents_of(data)
        signals = tuple(rows)
    else:  # profile or topics: one row per entity and signal (or topic); the pair in its column
        pair = str(data["pair"].iloc[0]) if "pair" in data.columns and isinstance(data["pair"].iloc[0], str) else ""
        if "|" not in pair:
            return None
        a, b = pair.split("|", 1)
        signals = tuple(dict.fromkeys(data[signal_column]))
        counts, rates, pvalues = {}, {}, {}
        for s in signals:
            part = data[data[signal_column] == s].set_index("entity")
            key = f"topic:{s}" if signal_column == "topic" else s
            count_column = "words" if signal_column == "topic" else "count"
            counts[key] = (as_int(part.loc[a, count_column]), as_int(part.loc[b, count_column]))
            rates[key] = (as_float(part.loc[a, "rate"]), as_float(part.loc[b, "rate"]))
            pvalues[key] = as_float(part.loc[a, "p"])
        signals = tuple(counts)
        documents = None
        if "documents" in data.columns and data["documents"].notna().any():
            per = data.drop_duplicates("entity").set_index("entity")["documents"]
            documents = (as_int(per[a]), as_int(per[b]))
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    return choose((a, b), view, counts, rates, pvalues, documents, signals)


def _rate(count: Any, words: Any) -> float | None:
    words = as_float(words)
    return 100 * as_int(count) / words if words else None


def documents_of(data: Any) -> tuple[int, int] | None:
    """The documents about each side, from a corpus's asymmetry table (None from one text's)."""
    if "documents_a" in data.columns and data["documents_a"].notna().any():
        return as_int(data["documents_a"].iloc[0]), as_int(data["documents_b"].iloc[0])
    return None


def verdict(finding: Finding | None) -> str:
    """The subtitle's note on the rule behind the title: why it names a side, or why not."""
    if finding is None or finding.signal is None:
        return ""
    return f"; {'names ' + finding.side if finding.side else 'names no side'}: {finding.reason}"
