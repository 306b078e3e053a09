"""Which records a batch run measures: the verdict of ``--since/--until``, ``--where/--exclude``
and ``--skip-reposts`` on each record, the text digest ``--dedupe`` compares, and the counts
of what became of the records that were not measured.  Shared by the local runner
(:mod:`rhetoric.batch`) and the partitioned one (:mod:`rhetoric.distributed`), so that both
keep and drop the same documents."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .dates import document_day
from .filters import Filter, passes
from .readers import Record
from .voices import find_voices


class PartCounts(NamedTuple):
    """What became of one part's records besides those measured."""

    records: int      # read (measured or not)
    duplicates: int   # --dedupe
    filtered: int     # outside --since/--until
    unread: int       # kept with a date that cannot be read
    excluded: int     # left out by --where/--exclude
    reposts: int      # left out by --skip-reposts


@dataclass(frozen=True)
class Selection:
    """The options that keep or leave out a record before it is measured."""

    since: str | None = None
    until: str | None = None
    filters: tuple[Filter, ...] = ()
    cells: tuple[int, ...] = ()   # where the filters' columns are in a record's fields
    skip_reposts: bool = False
    dedupe: bool = False

    @property
    def judged(self) -> bool:
        return bool(self.since or self.until or self.filters or self.skip_reposts)

    def verdict(self, rec: Record) -> str:
        """"out" (dated outside --since/--until), "excluded" (by --where/--exclude), "repost"
        (with --skip-reposts), "unread" (a date that cannot be read: kept, and counted), or ""
        (kept).  A failed document is judged too (it has no cells: None)."""
        if self.since or self.until:
            verdict = self._date_verdict(rec)
            if verdict == "out":
                return verdict
        else:
            verdict = ""
        if self.filters:
            fields = rec.fields
            if not passes(self.filters, [fields[i] if fields else None for i in self.cells]):
                return "excluded"
        if self.skip_reposts and rec.text is not None and find_voices(rec.text, rec.repost).repost:
            return "repost"
        return verdict

    def _date_verdict(self, rec: Record) -> str:
        day = document_day(rec.date)
        if day is None:
            # undated documents (and dates that do not parse) are kept, summarized under no period
            return "unread" if rec.date is not None and str(rec.date).strip() else ""
        since, until = self.since, self.until  # compared at their own precision: 2025, 2025-05, 2025-05-19
        return "out" if (since and day[:len(since)] < since) or (until and day[:len(until)] > until) else ""


def digest(rec: Record, verdict: str) -> bytes | None:
    """What ``--dedupe`` compares: a digest of the text of a record the options keep (None for
    a record left out, and for an empty text: media-only posts are no reposts)."""
    if verdict not in ("", "unread") or not rec.text or rec.text.isspace():
        return None
    return hashlib.blake2b(rec.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def sort_out(judged: Iterable[tuple[Record, bool, str]]) -> tuple[list[Record], PartCounts]:
    """The records to measure among (record, duplicate, verdict) triples, and the counts of the others."""
    kept: list[Record] = []
    records = duplicates = filtered = unread = excluded = reposts = 0
    for rec, duplicate, verdict in judged:
        records += 1
        if duplicate:
            duplicates += 1
        elif verdict == "out":
            filtered += 1
        elif verdict == "excluded":
            excluded += 1
        elif verdict == "repost":
            reposts += 1
        else:
            unread += verdict == "unread"
            kept.append(rec)
    return kept, PartCounts(records, duplicates, filtered, unread, excluded, reposts)
