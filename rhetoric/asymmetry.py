"""Stage 7: asymmetry between two entities.

``asymmetry(a, b) = (a - b) / (a + b)`` on non-negative rates: +1 when only A
has the signal, -1 when only B has it, 0 when equal.  Undefined (None) when
both are zero or either rate is undefined (an entity with no words): no
evidence either way is not the same as balance.  Swapping A and B flips the sign.
"""

from __future__ import annotations

import re
from typing import Any


def asymmetry(a: float | None, b: float | None) -> float | None:
    """Normalized difference of two non-negative numbers, or None when undefined."""
    if a is None or b is None:
        return None
    total = a + b
    if total == 0:
        return None
    return (a - b) / total


# -- corpora: summaries with bootstrap intervals, and keyness ---------------------------------

#: Bootstrap resamples per group.  1,000 gives 95% percentile intervals whose ends move
#: by about 0.01 between seeds on groups of a few hundred documents.
BOOTSTRAP = 1000
#: Groups with fewer documents about a side are flagged ``low_n``: an asymmetry over a handful
#: of posts can swing from -1 to +1 with one post (the same number as claims.MIN_DOCUMENTS).
LOW_N = 20
#: Weight of the informative Dirichlet prior in keyness (Monroe, Colaresi & Quinn 2008), in
#: words.  The prior is the pooled word distribution of both sides; 1,000 words shrinks the
#: log-odds of words seen a handful of times toward zero without flattening frequent ones.
KEYNESS_PRIOR = 1000.0
_PERIODS = {"week": "W", "month": "M", "year": "Y"}


#: Twitter's ``created_at`` ("Mon May 19 17:33:06 +0000 2025"), read without dateutil
#: because archives have a million of them.
_TWITTER = "%a %b %d %H:%M:%S %z %Y"
#: A year (or a year-first or month-first date with two-digit year) somewhere in the text:
#: without one, dateutil would fill in a year of its own ("May 19" -> this year).
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\b\d{1,2}/\d{1,2}/\d{2}\b")


def document_moment(date: Any) -> Any:
    """A document's date and time as an aware UTC ``datetime`` (midnight for a date without a
    time), read as :func:`document_day` reads it, or None: what typed outputs (Parquet, SQLite)
    store."""
    import datetime

    day = document_day(date)
    if day is None:
        return None
    if isinstance(date, datetime.datetime):
        moment = date
    elif isinstance(date, datetime.date):
        moment = datetime.datetime(date.year, date.month, date.day)
    else:
        if isinstance(date, float) and date.is_integer():
            date = int(date)
        moment = _moment(str(date).strip())
    if moment.tzinfo is None:
        return moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC)


def document_day(date: Any) -> str | None:
    """A document's date as YYYY-MM-DD in UTC, or None when it cannot be read: the one
    reading of dates that ``--since``/``--until`` and the summaries share.

    ISO 8601 ("2025-05-19", "2025-05", "2025", "2025-05-19T17:33:06Z", with an offset),
    YYYYMMDD, a Unix time in seconds or milliseconds (9 or 10 digits, 12 or 13), Twitter's ``created_at``, and through
    dateutil anything with a year in it: RFC 2822, "May 19, 2025", "19-May-2025",
    "05/19/2025" (month first), "2025.05.19".  A date without a day is its first day; a
    datetime or date object is taken as it is."""
    import datetime

    try:
        if date is None or date != date:  # None, NaN, NaT
            return None
    except TypeError:  # pandas.NA: "the truth value of NA is ambiguous"
        return None
    try:
        if isinstance(date, datetime.datetime):
            moment = date
        elif isinstance(date, datetime.date):
            return date.isoformat()
        else:
            if isinstance(date, float) and date.is_integer():
                date = int(date)  # 20250521.0 or 1747612800.0: a number column with blanks reads as float
            moment = _moment(str(date).strip())
            if moment is None:
                return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(datetime.UTC)
        return moment.date().isoformat()
    except (ValueError, OverflowError, OSError, TypeError):  # out of range, before year 1, after 9999
        return None


def _moment(text: str) -> Any:
    import datetime

    if not text:
        return None
    if text.isascii() and text.replace(".", "", 1).isdigit():
        whole = text.split(".")[0]  # "20250521.0": a number column written as floats
        if len(whole) == 4:
            return datetime.datetime(int(whole), 1, 1)
        if len(whole) == 8 and whole[:2] in ("19", "20"):
            return datetime.datetime.strptime(whole, "%Y%m%d")
        if len(whole) in (9, 10, 12, 13):  # a Unix time in seconds (1973-2286) or milliseconds
            seconds = float(text)
            return datetime.datetime.fromtimestamp(seconds / 1000 if len(whole) > 10 else seconds, datetime.UTC)
        return None
    try:
        return datetime.datetime.fromisoformat(text if len(text) != 7 else text + "-01")  # "2025-05"
    except ValueError:
        pass
    if text.count(":") == 2 and text[:3].isalpha():
        try:
            return datetime.datetime.strptime(text, _TWITTER)
        except ValueError:
            pass
    if not _HAS_YEAR.search(text):
        return None
    from dateutil import parser

    try:
        return parser.parse(text, default=datetime.datetime(2000, 1, 1))
    except (ValueError, OverflowError, parser.ParserError):
        return None


def _day_period(day: str | None, by: str) -> str | None:
    """The period of a YYYY-MM-DD day: "2025", "2025-05" or the ISO week "2025-W21"."""
    import datetime

    if day is None:
        return None
    if by == "year":
        return day[:4]
    if by == "month":
        return day[:7]
    year, week, _ = datetime.date.fromisoformat(day).isocalendar()
    return f"{year:04d}-W{week:02d}"


def group_keys(docs: Any, by: str | None) -> Any:
    """The summary group of each document: a period of its date (read by
    :func:`document_day`), a column's value, or "all"."""
    import pandas as pd

    if by is None:
        return pd.Series(["all"] * len(docs), index=docs.index)
    if by in _PERIODS:
        keys = {value: _day_period(document_day(value), by) for value in docs["date"].unique()}
        return pd.Series([keys.get(value) or "(no date)" for value in docs["date"]], index=docs.index, dtype="string")
    if by not in docs.columns:
        from .errors import ConfigError

        raise ConfigError(f"--by {by!r}: not week, month, year or a column of the documents "
                          f"({', '.join(map(str, docs.columns))})")
    return docs[by].astype("string").fillna("(none)")


#: The longest run of empty periods drawn as such; a longer one (a hole of years in a monthly
#: series, or a mistyped date in 0202) is one empty period labelled "…", an axis break.
MAX_EMPTY_PERIODS = 12
BREAK = "…"


def all_periods(keys: list[str], by: str) -> list[str]:
    """The periods of ``keys`` (as :func:`group_keys` writes them: "2025",
    "2025-05", "2025-W07") in time order, with the empty periods between them, so that the
    axis keeps time's proportions; a gap of more than :data:`MAX_EMPTY_PERIODS` becomes one
    :data:`BREAK`.  Keys that are not periods of ``by`` are left out."""
    numbered = sorted((n, key) for key in keys if (n := _period_number(key, by)) is not None)
    out: list[str] = []
    for k, (n, key) in enumerate(numbered):
        if k:
            gap = n - numbered[k - 1][0] - 1
            if gap > MAX_EMPTY_PERIODS:
                out.append(BREAK)
            else:
                out += [_period_key(m, by) for m in range(numbered[k - 1][0] + 1, n)]
        out.append(key)
    return out


def _period_number(key: str, by: str) -> int | None:
    """Consecutive periods have consecutive numbers."""
    import datetime

    try:
        if by == "week":
            year, week = key.split("-W")
            return datetime.date.fromisocalendar(int(year), int(week), 1).toordinal() // 7
        if by == "month":
            year, month = key.split("-")
            return int(year) * 12 + int(month) - 1 if 1 <= int(month) <= 12 else None
        return int(key)
    except ValueError:
        return None


def _period_key(number: int, by: str) -> str:
    """The key of a period number, written as group_keys writes it."""
    import datetime

    if by == "week":
        year, week, _ = datetime.date.fromordinal(number * 7 + 1).isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{number // 12:04d}-{number % 12 + 1:02d}"
    return f"{number:04d}"


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
                               "where", "from", "table", "index", "all", "headline", "exclusive_headline"})


def summarize(docs: Any, *, by: str | None = None, config: Any = None, seed: int = 20250519,
              resamples: int = BOOTSTRAP) -> Any:
    """Per group, for both views (every sentence about an entity; ``exclusive_``: sentences
    about it alone): documents, words, per-entity totals and rates, topic shares against the
    share of words, and the pair's asymmetry per signal with a 95% bootstrap interval that
    resamples documents, the p-value of a permutation test and the headline the evidence
    supports (:mod:`rhetoric.claims`).  An interval is left empty, and ``asymmetry_note`` says
    why, when a side has fewer than :data:`MIN_INTERVAL_DOCUMENTS` documents or no occurrence;
    ``low_n`` flags a group with under 20 documents about a side.

    ``docs`` is a documents table as written by ``rhetoric batch`` or :func:`rhetoric.measure_many`.
    """
    import numpy as np
    import pandas as pd

    from .config import default_config

    config = config or default_config()
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    keys = group_keys(ok, by)
    failed = group_keys(docs[docs["error"].notna()], by).value_counts() if "error" in docs.columns else {}
    key_name = summary_key(by)
    rows = []
    for number, (key, frame) in enumerate(ok.groupby(keys, sort=True)):
        row: dict[str, Any] = {key_name: key, "documents": len(frame), "failed": int(failed.get(key, 0)),
                               "words": int(frame["words"].sum())}
        for view in ("all", "exclusive"):
            rng = np.random.default_rng([seed, number, view == "exclusive"])
            row.update(_view_summary(frame, config, view, rng, resamples))
        rows.append(row)
    return pd.DataFrame(rows, columns=None if rows else [key_name, "documents", "failed", "words"])


def _view_summary(frame: Any, config: Any, view: str, rng: Any, resamples: int) -> dict[str, Any]:
    """One group's columns of one view (``exclusive_`` after the entity's slug, and after
    ``asymmetry_``, for the exclusive view)."""
    from .claims import choose
    from .measures import RATED, slug
    from .significance import corpus_pvalue

    infix = "" if view == "all" else "exclusive_"
    topics = config.topics.names
    row: dict[str, Any] = {}
    for name in config.entities.names:
        e = f"{slug(name)}_{infix}"
        words = int(frame[f"{e}words"].sum())
        row[f"{e}documents"] = int((frame[f"{e}words"] > 0).sum())  # documents with a sentence about it
        row[f"{e}words"] = words
        for c in RATED:
            total = int(frame[f"{e}{c}"].sum())
            row[f"{e}{c}"] = total
            row[f"{e}{c}_per_100_words"] = 100 * total / words if words else None
        for t in topics:
            row[f"{e}{t}_words"] = int(frame[f"{e}{t}_words"].sum())
    all_words = sum(row[f"{slug(n)}_{infix}words"] for n in config.entities.names)
    for t in topics:  # shares over the entities, as for one text (measures._topic_shares)
        total = sum(row[f"{slug(n)}_{infix}{t}_words"] for n in config.entities.names)
        for name in config.entities.names:
            e = f"{slug(name)}_{infix}"
            share = row[f"{e}{t}_words"] / total if total else None
            words_share = row[f"{e}words"] / all_words if all_words else None
            row[f"{e}{t}_share"] = share
            row[f"{e}{t}_words_share"] = words_share
            row[f"{e}{t}_ratio"] = share / words_share if share is not None and words_share else None
    if config.pair is None:
        row[f"{infix}low_n"] = len(frame) < LOW_N
        return row
    a, b = (f"{slug(n)}_{infix}" for n in config.pair)
    documents = (row[f"{a}documents"], row[f"{b}documents"])
    signals = [*RATED, *(f"{t}_density" for t in topics)]
    counts, rates, pvalues, notes = {}, {}, {}, []
    few = [f"{n} {d}" for n, d in zip(config.pair, documents, strict=True) if d < MIN_INTERVAL_DOCUMENTS]
    if few:
        notes.append(f"no intervals: under {MIN_INTERVAL_DOCUMENTS} documents about {', '.join(few)}")
    for c in signals:
        column = f"{c[:-len('_density')]}_words" if c.endswith("_density") else c
        ca, wa = frame[f"{a}{column}"].to_numpy(float), frame[f"{a}words"].to_numpy(float)
        cb, wb = frame[f"{b}{column}"].to_numpy(float), frame[f"{b}words"].to_numpy(float)
        point, low, high = bootstrap((ca, wa), (cb, wb), rng, resamples)
        if few:
            low = high = None
        elif low is not None and not (ca.sum() and cb.sum()):
            low = high = None
            notes.append(f"no interval for {c.replace('_', ' ')}: none about "
                         f"{config.pair[0] if not ca.sum() else config.pair[1]}")
        prefix = f"asymmetry_{infix}{c}"
        row[prefix], row[f"{prefix}_low"], row[f"{prefix}_high"] = point, low, high
        row[f"{prefix}_p"] = pvalues[c] = corpus_pvalue(ca, wa, cb, wb, rng)
        counts[c] = (int(ca.sum()), int(cb.sum()))
        rates[c] = (100 * ca.sum() / wa.sum() if wa.sum() else None, 100 * cb.sum() / wb.sum() if wb.sum() else None)
    row[f"asymmetry_{infix}note"] = "; ".join(notes) or None
    row[f"{infix}low_n"] = min(documents) < LOW_N
    finding = choose(tuple(config.pair), view, counts, rates, pvalues, documents)
    row[f"{infix}headline"] = finding.title
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


def keyness(a: Any, b: Any, pair: tuple[str, str], prior: float = KEYNESS_PRIOR, min_count: int = 3) -> Any:
    """Words that set the sentences about A apart from those about B: log-odds ratio with an
    informative Dirichlet prior and its z-score (Monroe, Colaresi & Quinn 2008, "Fightin'
    Words", eq. 16-22).  Positive z favours A.  Words seen fewer than ``min_count`` times in
    all are left out."""
    import numpy as np
    import pandas as pd

    from .measures import slug

    words = sorted(w for w in set(a) | set(b) if a.get(w, 0) + b.get(w, 0) >= min_count)
    columns = ["word", f"{slug(pair[0])}_count", f"{slug(pair[1])}_count", "log_odds", "z", "favours"]
    if not words:
        return pd.DataFrame(columns=columns)
    ya = np.array([a.get(w, 0) for w in words], float)
    yb = np.array([b.get(w, 0) for w in words], float)
    na, nb = float(sum(a.values())), float(sum(b.values()))
    # the prior is the pooled rate of each word over ALL words (rare ones included), so that the
    # prior's total matches the totals na, nb in the odds below; scaling it over the kept words
    # only gave a side with no words of its own large odds, and the wrong sign
    alpha = prior * (ya + yb) / (na + nb)
    delta = (np.log((ya + alpha) / (na + prior - ya - alpha))
             - np.log((yb + alpha) / (nb + prior - yb - alpha)))
    z = delta / np.sqrt(1 / (ya + alpha) + 1 / (yb + alpha))
    # a side with no words of its own gives exactly 0 but for rounding (2e-15): a tie, not a side
    tie = np.abs(z) < 1e-9
    delta, z = np.where(tie, 0.0, delta), np.where(tie, 0.0, z)
    frame = pd.DataFrame({columns[0]: words, columns[1]: ya.astype(int), columns[2]: yb.astype(int),
                          "log_odds": delta, "z": z})
    frame["favours"] = np.where(frame["z"] > 0, pair[0], np.where(frame["z"] < 0, pair[1], ""))
    return frame.sort_values(["z", "word"], ascending=[False, True], ignore_index=True)
