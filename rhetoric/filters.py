"""Filters on input columns: ``--where COL=VALUE`` keeps the documents whose column holds the
value, ``--exclude COL=VALUE`` leaves them out.  Comparisons are typed and never evaluate code:
a value is read as a boolean (true/false), a number, or else a string, and so is a cell of a
CSV file (whose cells are all text); a JSON or Parquet cell keeps its own type.  Besides ``=``,
``!=`` and, for numbers only, ``<``, ``<=``, ``>``, ``>=``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from .errors import ConfigError

_SPEC = re.compile(r"^\s*([^=!<>]+?)\s*(!=|>=|<=|=|>|<)\s*(.*?)\s*$", re.S)
_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_ORDERED = (">", ">=", "<", "<=")


class Filter(NamedTuple):
    column: str
    op: str
    value: Any
    keep: bool   # --where (keep the matches) or --exclude (leave them out)

    def __str__(self) -> str:
        return f"--{'where' if self.keep else 'exclude'} {self.column}{self.op}{self.value}"


def typed(value: Any) -> Any:
    """A value as compared: true/false (any case) as booleans, numbers as numbers, other text
    as itself; a JSON or Parquet value keeps its type."""
    if not isinstance(value, str):
        return value
    lowered = value.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    text = value.strip()
    if _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in lowered else number
    return value


def parse_filter(spec: str, keep: bool) -> Filter:
    """``"reply=false"`` -> ``Filter("reply", "=", False, keep)``; a one-line error otherwise."""
    option = "--where" if keep else "--exclude"
    match = _SPEC.match(spec)
    if not match or not match.group(1).strip():
        raise ConfigError(f"{option} {spec!r}: expected COLUMN=VALUE (or !=, <, <=, >, >= for numbers), "
                          "e.g. reply=false")
    column, op, raw = match.group(1).strip(), match.group(2), match.group(3)
    value = typed(raw)
    if op in _ORDERED and (isinstance(value, bool) or not isinstance(value, (int, float))):
        raise ConfigError(f"{option} {spec!r}: {op} compares numbers, and {raw!r} is not a number")
    return Filter(column, op, value, keep)


def parse_filters(where: Sequence[str], exclude: Sequence[str]) -> tuple[Filter, ...]:
    return tuple(parse_filter(s, True) for s in where) + tuple(parse_filter(s, False) for s in exclude)


def _matches(f: Filter, cell: Any) -> bool:
    value = typed(cell)
    if f.op == "=":
        return bool(value == f.value)  # true equals 1 and false 0, as inputs write flags either way
    if f.op == "!=":
        return not _matches(f._replace(op="="), cell)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False  # a cell that is no number is not ordered against one
    return {">": value > f.value, ">=": value >= f.value, "<": value < f.value, "<=": value <= f.value}[f.op]


def passes(filters: Sequence[Filter], cells: Sequence[Any]) -> bool:
    """Whether a document with these cells (one per filter, in order) is kept: it matches every
    --where and no --exclude."""
    return all(_matches(f, cell) == f.keep for f, cell in zip(filters, cells, strict=True))
