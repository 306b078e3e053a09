"""Engines: where the per-document function runs over chunks of records, in input order: this
process or a pool of worker processes (a Dask cluster's workers run it over partitions they
read themselves: :mod:`rhetoric.distributed`)."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import writers
from .errors import ConfigError
from .pipeline import Pipeline
from .readers import Record


@dataclass(frozen=True)
class ChunkJob:
    """What a worker needs to turn a chunk of records into a :class:`ChunkResult`."""

    pipeline: Pipeline   # pickled as its configuration: a worker of another machine prepares it again
    evidence: bool
    keyness: bool
    group: str | None
    writer: Any          # formats the rows of text outputs (CSV, TSV, JSON Lines) in the worker
    names: tuple[str, ...]
    keep: tuple[int, ...] = ()   # the kept columns' indexes in a record's fields (see Pipeline.document)
    with_text: bool = False      # the evidence holds each document's text once (--with-text)


class ChunkResult(NamedTuple):
    """A measured chunk, formatted where the output allows: a worker sends one string per
    chunk rather than a tuple per document, so that the main process only writes."""

    rows: list[tuple[Any, ...]]   # the rows, when the output format needs values (Parquet)
    text: str                     # else the rows as the output's text
    failures: list[tuple[str, str]]
    evidence: str                 # JSON Lines, "" when not wanted
    keyness: tuple[Counter, Counter] | None


def measure_chunk(chunk: list[Record], job: ChunkJob) -> ChunkResult:
    """The per-document function over a chunk of records, in the form the batch writer wants."""
    document = job.pipeline.document
    results = [document(r, job.evidence, job.keyness, job.group, job.keep, job.with_text) for r in chunk]
    rows = [r.row for r in results]
    failures = [(str(row[0] or row[2]), row[-1]) for row in rows if row[-1]]
    text = job.writer.format_rows(rows, list(job.names))
    evidence = writers.jsonl_text([e for r in results for e in r.evidence]) if job.evidence else ""
    keyness: tuple[Counter, Counter] | None = None
    if job.keyness:
        keyness = (Counter(), Counter())
        for r in results:
            if r.keyness:
                keyness[0].update(r.keyness[0])
                keyness[1].update(r.keyness[1])
    return ChunkResult([] if text is not None else rows, text or "", failures, evidence, keyness)


_WORKER: dict[str, Any] = {}


def _init_worker(job: ChunkJob) -> None:
    """Set up a pool worker (a process of its own, unlike a caller's: its objects are ours)."""
    import gc
    import signal

    # Ctrl-C reaches the whole process group: the main process alone handles it (and ends the
    # pool); a worker stopped mid-task by it could leave the pool waiting for ever
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["job"] = job  # the worker's own state: one job per worker process
    gc.freeze()  # the lexicons live as long as the worker: keep them out of every collection


def _measure_columns(columns: tuple[tuple[Any, ...], ...]) -> ChunkResult:
    """:func:`measure_chunk` in a pool worker, on a chunk sent as columns (one tuple per
    field of :class:`Record`): pickled and unpickled in a third of the time of the records."""
    return measure_chunk(list(map(Record._make, zip(*columns, strict=True))), _WORKER["job"])


#: Fewest documents per task: smaller tasks cost more in the main process than they spread.
MIN_CHUNK_DOCS = 256


def chunk_size(documents: int, jobs: int, most: int) -> int:
    """Documents per task for a part of ``documents``: ``most``, but small
    enough that every worker gets two tasks of the part or more (a part of 6,519 posts in
    chunks of 2,048 left one of 2 workers idle a third of the time)."""
    jobs = jobs or os.cpu_count() or 1
    return max(MIN_CHUNK_DOCS, min(most, -(-documents // (2 * jobs))))



class _LocalEngine:
    """Measure chunks in this process (1 job) or in a pool of processes, in input order."""

    def __init__(self, jobs: int, job: ChunkJob):
        jobs = jobs or os.cpu_count() or 1
        self.pool = None
        self.jobs, self.job = jobs, job
        if jobs > 1:
            import multiprocessing

            context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
            self.pool = context.Pool(jobs, _init_worker, (job,))

    def stream(self, chunks: Iterator[tuple[Any, list[Record]]]) -> Iterator[tuple[Any, ChunkResult]]:
        """Results chunk by chunk, in input order.  With a pool, up to :data:`WINDOW` chunks per
        worker are in flight, so reading the next chunks and writing finished parts overlap
        with measuring, while memory stays bounded."""
        if self.pool is None:  # in this process, which may be a caller's: nothing kept beyond the run
            for meta, chunk in chunks:
                yield meta, measure_chunk(chunk, self.job)
            return
        pool = self.pool
        def submit(chunk: list[Record]) -> Any:
            return pool.apply_async(_measure_columns, (tuple(zip(*chunk, strict=True)),))

        yield from _windowed(chunks, submit, lambda pending: pending.get(), WINDOW * self.jobs)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


#: Chunks in flight per worker.  Enough to keep every worker busy while the main process
#: reads and writes; few enough that memory does not grow with the input.
WINDOW = 4


def _windowed(chunks: Iterator[tuple[Any, list[Record]]], submit: Callable, wait: Callable,
              size: int) -> Iterator[tuple[Any, ChunkResult]]:
    from collections import deque

    pending: deque = deque()
    for meta, chunk in chunks:
        pending.append((meta, submit(chunk) if chunk else None))
        while len(pending) > size:
            done_meta, handle = pending.popleft()
            yield done_meta, wait(handle) if handle is not None else _EMPTY
    while pending:
        done_meta, handle = pending.popleft()
        yield done_meta, wait(handle) if handle is not None else _EMPTY


_EMPTY = ChunkResult([], "", [], "", None)


def start_engine(engine: str, job: ChunkJob, jobs: int = 0) -> _LocalEngine:
    """The local engine: ``jobs`` processes (0 for all cores; 1: this process).  (``--engine
    dask`` is a run of its own, whose workers read and write their partitions:
    :mod:`rhetoric.distributed`.)"""
    if engine != "local":
        raise ConfigError(f"--engine {engine!r}: choose local or dask")
    return _LocalEngine(jobs, job)
