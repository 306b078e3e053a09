"""Stage 7: asymmetry between two entities over a corpus: summaries per group with bootstrap
intervals, tests and the headline the evidence supports.

The asymmetry of two rates is :func:`rhetoric.measures.asymmetry`, ``(a - b) / (a + b)``:
+1 when only A has the signal, -1 when only B has it, 0 when equal, undefined (None) when
both are zero or either rate is undefined (an entity with no words).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .claims import MIN_COUNT, MIN_DOCUMENTS, choose, label
from .config import Config
from .dates import group_keys
from .schema import Schema, slug
from .significance import MIN_EXPECTED, SEED, corpus_pvalue

# -- corpora: summaries with bootstrap intervals, and keyness ---------------------------------

#: Bootstrap resamples per group.  1,000 gives 95% percentile intervals whose ends move
#: by about 0.01 between seeds on groups of a few hundred documents.
BOOTSTRAP = 1000
#: Groups with fewer documents about a side are flagged ``low_n``: an asymmetry over a handful
#: of posts can swing from -1 to +1 with one post (the same number as claims.MIN_DOCUMENTS).
LOW_N = 20


#: Fewest documents about each side of the pair for a bootstrap interval: with fewer, the
#: interval of a signal at a typical rate (1.5 per 100 words) spans the whole scale from −1
#: to +1 in most corpora, and one side has no occurrence at all in a fifth of them
#: (benchmarks/simulate_claims.py; docs/claims.md).
MIN_INTERVAL_DOCUMENTS = 10


def summary_key(by: str | None) -> str:
    """The name of a summary's first column: what it groups by ("month", "platform"), or
    "all" for one row over every document (never ``group``, an SQL keyword)."""
    if by is None:
        return "all"
    return f"by_{by}" if by.lower() in _SUMMARY_RESERVED else by


_SUMMARY_RESERVED = frozenset({"documents", "failed", "words", "low_n", "exclusive_low_n", "group", "select", "order",
                               "headline_side", "headline_p", "exclusive_headline_side", "exclusive_headline_p",
                               "where", "from", "table", "index", "all", "headline", "exclusive_headline"})


def table_schema(docs: Any, config: Any = None) -> Schema:
    """The schema of a documents table: that of ``config`` (a Config or a Schema) when given,
    else the one stored with the table (``docs.attrs["schema"]``, set by the readers of batch
    outputs), else the default configuration's."""
    if isinstance(config, Schema):
        return config
    if config is not None:
        return Schema.of(config)
    stored = getattr(docs, "attrs", {}).get("schema")
    return stored if isinstance(stored, Schema) else Schema.of(Config.make())


def summarize(docs: Any, *, by: str | None = None, config: Any = None, seed: int = SEED,
              resamples: int = BOOTSTRAP, at_least: Sequence[int] = (1,)) -> Any:
    """Per group, for both views (every sentence about an entity; ``exclusive_``: sentences
    about it alone): documents, words, per-entity totals and rates, topic shares against the
    share of words, and the pair's asymmetry per signal with a 95% bootstrap interval that
    resamples documents, the p-value of a permutation test and the headline the evidence
    supports (:mod:`rhetoric.claims`).  An interval is left empty, and ``asymmetry_note`` says
    why, when a side has fewer than :data:`MIN_INTERVAL_DOCUMENTS` documents or fewer than 3
    occurrences (``claims.MIN_COUNT``); ``low_n`` flags a group with under 20 documents about a
    side; ``headline_side`` is the side the headline names (empty when none) and ``headline_p``
    the p-value it rests on.

    Before the views, the whole documents' counts (``caps_words``, ``exclamation_marks``,
    ``trade_words``...): the total, the rate per 100 words, and for each ``n`` of ``at_least``
    the documents with ``n`` or more (``exclamation_marks_docs_2plus``) and their share of the
    group's documents (``exclamation_marks_share_2plus``).

    ``docs`` is a documents table as written by ``rhetoric batch`` or :func:`rhetoric.measure_many`;
    ``config`` (a Config or its Schema) names its entities, pair and topics (see :func:`table_schema`).
    """
    schema = table_schema(docs, config)
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    keys = group_keys(ok, by)
    failed = group_keys(docs[docs["error"].notna()], by).value_counts() if "error" in docs.columns else {}
    rows = [group_summary(frame, key, number, int(failed.get(key, 0)), schema, by, seed, resamples, at_least)
            for number, (key, frame) in enumerate(ok.groupby(keys, sort=True))]
    return summary_frame(rows, by)


def group_summary(frame: Any, key: Any, number: int, failed: int, schema: Schema, by: str | None,
                  seed: int = SEED, resamples: int = BOOTSTRAP, at_least: Sequence[int] = (1,)) -> dict[str, Any]:
    """One group's row of :func:`summarize`: ``frame`` its measured documents, ``number`` its
    place among the groups in sorted order (which seeds its bootstrap), ``failed`` its failed
    documents.  A group's row depends on nothing else, so the groups of a corpus too large for
    one process can be summarized apart (:mod:`rhetoric.distributed`)."""
    import numpy as np

    row: dict[str, Any] = {summary_key(by): key, "documents": len(frame), "failed": failed,
                           "words": int(frame["words"].sum())}
    row.update(_document_summary(frame, schema, at_least))
    for view in ("all", "exclusive"):  # the same resamples for both views: only the view differs
        row.update(_view_summary(frame, schema, view, np.random.default_rng([seed, number]), resamples))
    return row


def summary_frame(rows: list[dict[str, Any]], by: str | None) -> Any:
    """The summary table of :func:`group_summary` rows, in the groups' order."""
    import pandas as pd

    return pd.DataFrame(rows, columns=None if rows else [summary_key(by), "documents", "failed", "words"])


def _document_summary(frame: Any, schema: Schema, at_least: Sequence[int]) -> dict[str, Any]:
    """One group's whole-document counts (a table from before they existed has none)."""
    row: dict[str, Any] = {}
    words = int(frame["words"].sum())
    for c in schema.document_counts:
        if c not in frame.columns:
            continue
        column = frame[c]
        total = int(column.sum())
        row[c] = total
        row[f"{c}_per_100_words"] = 100 * total / words if words else None
        for n in at_least:
            having = int((column >= n).sum())
            row[f"{c}_docs_{n}plus"] = having
            row[f"{c}_share_{n}plus"] = having / len(frame) if len(frame) else None
    return row


def _view_summary(frame: Any, schema: Schema, view: str, rng: Any, resamples: int) -> dict[str, Any]:
    """One group's columns of one view (``exclusive_`` after the entity's slug, and after
    ``asymmetry_``, for the exclusive view)."""
    infix = "" if view == "all" else "exclusive_"
    topics = schema.topics
    row: dict[str, Any] = {}
    for name in schema.entities:
        e = f"{slug(name)}_{infix}"
        words = int(frame[f"{e}words"].sum())
        row[f"{e}documents"] = int((frame[f"{e}words"] > 0).sum())  # documents with a sentence about it
        row[f"{e}words"] = words
        for c in schema.rated:
            total = int(frame[f"{e}{c}"].sum())
            row[f"{e}{c}"] = total
            row[f"{e}{c}_per_100_words"] = 100 * total / words if words else None
        for t in topics:
            row[f"{e}{t}_words"] = int(frame[f"{e}{t}_words"].sum())
    all_words = sum(row[f"{slug(n)}_{infix}words"] for n in schema.entities)
    for t in topics:  # shares over the entities, as for one text (measures._topic_shares)
        total = sum(row[f"{slug(n)}_{infix}{t}_words"] for n in schema.entities)
        for name in schema.entities:
            e = f"{slug(name)}_{infix}"
            share = row[f"{e}{t}_words"] / total if total else None
            words_share = row[f"{e}words"] / all_words if all_words else None
            row[f"{e}{t}_share"] = share
            row[f"{e}{t}_words_share"] = words_share
            row[f"{e}{t}_ratio"] = share / words_share if share is not None and words_share else None
    if schema.pair is None:
        row[f"{infix}low_n"] = min(row[f"{slug(n)}_{infix}documents"] for n in schema.entities) < LOW_N
        return row
    a, b = (f"{slug(n)}_{infix}" for n in schema.pair)
    documents = (row[f"{a}documents"], row[f"{b}documents"])
    signals = [*schema.rated, *(f"{t}_density" for t in topics)]
    counts, rates, pvalues, notes = {}, {}, {}, []
    few = [f"{n} {d}" for n, d in zip(schema.pair, documents, strict=True) if d < MIN_INTERVAL_DOCUMENTS]
    if few:
        notes.append(f"no intervals: under {MIN_INTERVAL_DOCUMENTS} documents about {', '.join(few)}")
    for c in signals:
        column = f"{c[:-len('_density')]}_words" if c.endswith("_density") else c
        ca, wa = frame[f"{a}{column}"].to_numpy(float), frame[f"{a}words"].to_numpy(float)
        cb, wb = frame[f"{b}{column}"].to_numpy(float), frame[f"{b}words"].to_numpy(float)
        point, low, high = bootstrap((ca, wa), (cb, wb), rng, resamples)
        scarce = [(n, int(x.sum())) for n, x in zip(schema.pair, (ca, cb), strict=True) if x.sum() < MIN_COUNT]
        name = label(f"topic:{c[:-len('_density')]}" if c.endswith("_density") else c, schema=schema)
        if few:
            low = high = None
        elif low is not None and scarce:  # an interval would reach +1 or -1 on one or two occurrences
            low = high = None
            notes.append(f"no interval for {name}: " + ", ".join(f"{n} {k}" for n, k in scarce)
                         + f" (fewer than {MIN_COUNT})")
        prefix = f"asymmetry_{infix}{c}"
        row[prefix], row[f"{prefix}_low"], row[f"{prefix}_high"] = point, low, high
        row[f"{prefix}_p"] = pvalues[c] = corpus_pvalue(ca, wa, cb, wb, rng)
        counts[c] = (int(ca.sum()), int(cb.sum()))
        rates[c] = (100 * ca.sum() / wa.sum() if wa.sum() else None, 100 * cb.sum() / wb.sum() if wb.sum() else None)
    row[f"asymmetry_{infix}note"] = "; ".join(notes) or None
    row[f"{infix}low_n"] = min(documents) < LOW_N
    untested = (f"fewer than {MIN_EXPECTED} occurrences expected a side at the pooled rate"
                + (f"; {min(documents)} documents about {schema.pair[documents.index(min(documents))]}"
                   if min(documents) < MIN_DOCUMENTS else "")) if all(documents) else None
    finding = choose(schema.pair, view, counts, rates, pvalues, documents, schema=schema, untested=untested)
    row[f"{infix}headline"] = finding.title
    row[f"{infix}headline_side"] = finding.side
    row[f"{infix}headline_p"] = finding.p
    return row


def bootstrap(a: tuple[Any, Any], b: tuple[Any, Any], rng: Any, resamples: int = BOOTSTRAP
              ) -> tuple[float | None, float | None, float | None]:
    """The asymmetry of two sides' pooled rates over documents, with its 95% percentile
    interval from resampling documents: ``(point, low, high)``.  ``a`` and ``b`` are
    ``(counts, words)`` arrays, one value per document (zeros for a document not about that
    side)."""
    import numpy as np

    def asym(ca: Any, wa: Any, cb: Any, wb: Any) -> Any:
        with np.errstate(divide="ignore", invalid="ignore"):
            ra, rb = ca / wa, cb / wb
            return (ra - rb) / (ra + rb)

    ca, wa = a
    cb, wb = b
    point = asym(ca.sum(), wa.sum(), cb.sum(), wb.sum())
    n = len(ca)
    samples = []
    step = max(1, min(resamples, 2_000_000 // max(n, 1)))
    for start in range(0, resamples, step):
        idx = rng.integers(0, n, size=(min(step, resamples - start), n))
        samples.append(asym(ca[idx].sum(1), wa[idx].sum(1), cb[idx].sum(1), wb[idx].sum(1)))
    values = np.concatenate(samples)
    values = values[np.isfinite(values)]
    point_value = float(point) if np.isfinite(point) else None
    if len(values) == 0:
        return point_value, None, None
    low, high = np.percentile(values, [2.5, 97.5])
    return point_value, float(low), float(high)


