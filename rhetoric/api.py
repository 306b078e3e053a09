"""One text, one call: the shortcuts of the Python API.  Each prepares a configuration for the
text; for many texts, prepare once: ``pipeline = Config.make(...).prepare()``, then
``pipeline.measure(text)``."""

from __future__ import annotations

import warnings as _warnings

from .config import Config
from .entities import EntitiesLike, TopicsLike
from .measures import Measurement
from .text import check_one_text, read_text


def measure(text: str, *, entities: EntitiesLike = None, topics: TopicsLike = None, carry: bool = True,
            pair: tuple[str, str] | str | None = None, config: Config | None = None) -> Measurement:
    """Measure one text.  Issues :class:`~rhetoric.errors.RhetoricWarning` subclasses for
    empty texts and texts that mention no entity (also kept in ``.warnings``).

    >>> m = measure("Russia wants to do largescale TRADE. Ukraine can be a great beneficiary on Trade.")
    >>> m.entities["Russia"]["caps_words"], m.entities["Ukraine"]["title_case_words"]
    (1, 1)
    """
    result = (config or Config.make(entities, topics, carry, pair)).prepare().measure(text)
    for warning in result.warnings:
        _warnings.warn(warning, stacklevel=2)
    return result


def measure_text(text: str, config: Config) -> Measurement:
    """Measure one text with ``config``, without emitting warnings (they are in ``.warnings``)."""
    return config.prepare().measure(text)


def measure_file(path: str, *, encoding: str | None = None, config: Config | None = None) -> Measurement:
    """Read, decode and measure a file (``"-"``: standard input); decoding notes join ``.warnings``.
    A file of many documents (JSON Lines, CSV, Parquet) is refused: ``rhetoric batch`` reads it."""
    check_one_text(path)
    doc = read_text(path, encoding)
    return (config or Config.make()).prepare().measure(doc.text).with_warnings(doc.warnings)
