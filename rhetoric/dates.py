"""Dates and periods: the one reading of a document's date that date filters, summaries,
time series and typed outputs share, and the periods of a time axis."""

from __future__ import annotations

import re
from typing import Any

from .errors import ConfigError

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


_BOUND = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_date_bounds(since: str | None, until: str | None, option: str = "--since") -> None:
    """--since and --until are real dates (YYYY, YYYY-MM or YYYY-MM-DD), in order (``option``:
    the name of the first, for another option that takes such a date, --annotate)."""
    import datetime

    for name, value in ((option, since), ("--until", until)):
        if value is None:
            continue
        parts = value.split("-")
        try:
            if not _BOUND.fullmatch(value):
                raise ValueError
            datetime.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            raise ConfigError(f"{name} {value!r}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-05-19") \
                from None
    if since and until and since[:len(until)] > until:
        raise ConfigError(f"--since {since} is after --until {until}: no document could be kept")
