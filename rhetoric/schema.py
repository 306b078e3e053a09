"""One schema per configuration: the entities (names, slugs, colours), the pair, the topics and
the signals' counters with their labels, and from them the columns of every table rhetoric
writes.  It is stored with outputs and chart sidecars (``schema.json``), so that a chart drawn
from a documents table names its entities as the run did ("USA", not "Usa") in their colours.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import InputError

#: The views of the measures: every sentence about an entity, or only those about it alone.
VIEWS = ("all", "exclusive")
#: The topic fields of a flat row (share of words and the ratio are sums' ratios: summaries
#: compute them from the ``words`` columns).
FLAT_TOPIC_FIELDS = ("words", "share", "density")
#: The base counters, before the signals': every sentence and word, whatever its signals.
#: The name and version of the stored schema's format.
FORMAT = "rhetoric.schema/1"
BASE = (("sentences", "sentences", "sentence"), ("words", "words", "word"))


def slug(name: str) -> str:
    """Column-safe lower-case name: ``"South Korea"`` -> ``"south_korea"``."""
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in name).strip("_")
    return out or "entity"


@dataclass(frozen=True)
class Schema:
    """What the tables and charts of one configuration are made of."""

    entities: tuple[str, ...]
    colours: tuple[str | None, ...]
    pair: tuple[str, str] | None
    topics: tuple[str, ...]
    #: (counter, label, singular) of every counter, the base ones first
    labels: tuple[tuple[str, str, str], ...]
    #: the counters of the signals a headline chooses among
    headline: tuple[str, ...]

    @classmethod
    def of(cls, config: Any) -> Schema:
        """The schema of a :class:`~rhetoric.config.Config`."""
        signal_labels = tuple((c.name, c.label, c.singular) for s in config.signals for c in s.counters)
        return cls(tuple(config.entities.names), tuple(e.colour for e in config.entities.entities),
                   tuple(config.pair) if config.pair else None, tuple(config.topics.names),
                   (*BASE, *signal_labels), tuple(s.counter for s in config.signals if s.headline))

    @cached_property
    def slugs(self) -> tuple[str, ...]:
        return tuple(slug(n) for n in self.entities)

    @cached_property
    def counters(self) -> tuple[str, ...]:
        """Every counter, in display order: ``sentences``, ``words``, then the signals'."""
        return tuple(name for name, _, _ in self.labels)

    @cached_property
    def rated(self) -> tuple[str, ...]:
        """The counters that get a rate per 100 words and an asymmetry on that rate."""
        return self.counters[len(BASE):]

    def label(self, counter: str, n: int = 2) -> str:
        """The name of a counter (``caps_words``: "ALL-CAPS words", one: "ALL-CAPS word") or a
        topic (``topic:trade``: "trade words")."""
        if counter.startswith("topic:"):
            return f"{counter[6:]} word{'s' * (n != 1)}"
        for name, plural, singular in self.labels:
            if name == counter:
                return singular if n == 1 else plural
        return counter.replace("_", " ")

    @cached_property
    def document_counts(self) -> tuple[str, ...]:
        """The whole text's counts in a row, each with a ``_per_100_words`` rate: every signal's
        counters, then each topic's ``<topic>_words``."""
        return (*self.rated, *(f"{t}_words" for t in self.topics))

    def flat_columns(self) -> tuple[str, ...]:
        """The measures of a documents-table row, in order: the whole text's (the words counted,
        sentences, whether it is written in capitals, the kind of repost, the words of someone
        else left out, its counts and their rates), then per entity both views, then the pair's
        asymmetry in both views."""
        names = ["words", "sentences", "all_caps_text", "repost", "quoted_words", *self.document_counts,
                 *(f"{c}_per_100_words" for c in self.document_counts)]
        for e in self.slugs:
            for view in ("", "_exclusive"):
                names += [f"{e}{view}_{c}" for c in self.counters]
                names += [f"{e}{view}_{c}_per_100_words" for c in self.rated]
                names += [f"{e}{view}_{t}_{k}" for t in self.topics for k in FLAT_TOPIC_FIELDS]
        if self.pair is not None:
            for prefix in ("asymmetry", "asymmetry_exclusive"):
                names += [f"{prefix}_{c}" for c in self.counters]
                names += [f"{prefix}_{t}_density" for t in self.topics]
        return tuple(names)

    def document_columns(self, group: str | None = None, keep: Sequence[str] = ()) -> list[str]:
        """The columns of the documents table (``group``: a --by column copied from the input;
        ``keep``: the columns copied with --keep)."""
        copied = [c for c in dict.fromkeys(([group] if group else []) + list(keep))]
        return ["id", "date", "source", *copied, *self.flat_columns(), "error"]

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, **asdict(self)}, ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Schema:
        if data.get("format", FORMAT) != FORMAT:
            raise ValueError(f"format {data.get('format')!r}, expected {FORMAT!r}")
        return cls(tuple(data["entities"]), tuple(data["colours"]), tuple(data["pair"]) if data["pair"] else None,
                   tuple(data["topics"]), tuple(tuple(x) for x in data["labels"]), tuple(data["headline"]))


def schema_path(table: Path) -> Path:
    """Where the schema of a table is stored: ``out.csv`` -> ``out.csv.schema.json``."""
    return table.with_name(f"{table.name}.schema.json")


def write_schema(schema: Schema, table: Path) -> Path:
    """Store ``schema`` beside ``table`` (written whole, then renamed)."""
    path = schema_path(table)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(schema.to_json() + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_schema(table: Path) -> Schema | None:
    """The schema stored beside ``table``, or None when there is none (a table from an older
    run, or copied without it).  One that cannot be read is an InputError."""
    path = schema_path(table)
    if not path.exists():
        return None
    try:
        return Schema.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a schema written by rhetoric batch ({exc})") from None
