"""The per-document function in the form a corpus run writes it: a record in, a documents-table
row (with its evidence rows and keyness counts) out, never an exception."""

from __future__ import annotations

from collections import Counter
from typing import Any, NamedTuple

from .config import Config
from .keyness import keyness_counts
from .measures import flat_columns, measure_parsed
from .readers import Record


class DocResult(NamedTuple):
    row: tuple[Any, ...]  # values in the order of document_columns()
    evidence: list[dict[str, Any]]
    keyness: tuple[Counter, Counter] | None


def document_columns(config: Config, group: str | None = None) -> list[str]:
    """Column order of the documents table for this configuration (``group``: a --by column)."""
    return ["id", "date", "source", *([group] if group else []), *flat_columns(config), "error"]


def measure_record(rec: Record, config: Config, evidence: bool = False, keyness: bool = False,
                   group: str | None = None) -> DocResult:
    """Measure one record into a row of :func:`document_columns`; a failure becomes a row with
    its error (never an exception)."""
    base = (rec.id, rec.date, rec.source, rec.group) if group else (rec.id, rec.date, rec.source)
    if rec.error is not None or rec.text is None:
        return DocResult(_failed(base, rec.error or "missing text", config), [], None)
    try:
        m, parsed = measure_parsed(rec.text, config)
    except Exception as exc:  # a bug must not lose the document; the row says what happened
        return DocResult(_failed(base, f"internal error: {type(exc).__name__}: {exc}", config), [], None)
    ev = [{"document": rec.id if rec.id is not None else str(rec.position), "position": rec.position,
           **_evidence_row(e)} for e in m.evidence] if evidence else []
    return DocResult((*base, *m.row(), None), ev, keyness_counts(m, parsed) if keyness else None)


def _failed(base: tuple[Any, ...], error: str, config: Config) -> tuple[Any, ...]:
    return (*base, *(None,) * len(flat_columns(config)), error)


def _evidence_row(e: Any) -> dict[str, Any]:
    """An evidence row: ``kind`` is the superlative or intensifier kind, the topic of a topic word,
    or the reason a capitalized word was set aside; ``marks`` the number of "!" of an exclamation."""
    exclamation = e.signal == "exclamation"
    return {"signal": e.signal, "kind": None if exclamation else e.detail if e.signal == "topic" else e.kind,
            "marks": int(e.kind or 0) if exclamation else None, "text": e.text,
            "start": e.start, "end": e.end, "sentence": e.sentence, "entities": "|".join(e.entities),
            "via": e.via}
