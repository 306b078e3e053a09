"""Corpora: readers for many formats, the batch runner and its engines.

Every document goes through the same per-document function as ``rhetoric measure``
(:func:`rhetoric.measures.measure_text`).  Reading is streamed record by record;
documents are measured in chunks by worker processes (or on a Dask cluster) and
written in input order to parts in a work folder next to the output, so that memory
stays flat, an interrupted run can ``--resume``, and the final file (assembled and
renamed only when complete) is byte-identical to an uninterrupted run's.  A document
that fails becomes a row with its error; nothing is dropped silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import writers
from .config import Config
from .dates import check_date_bounds, document_day
from .engines import ChunkJob, ChunkResult, chunk_size, start_engine
from .errors import ConfigError, InputError
from .readers import MAX_BYTES, Columns, ReadProgress, Record, _record, check_columns, input_files, iter_records
from .schema import Schema, slug


def measure_many(texts: Iterable[str] | Any, *, text_col: str = "text", id_col: str | None = None,
                 date_col: str | None = None, config: Config | None = None, entities: Any = None,
                 topics: Any = None, carry: bool = True, pair: Any = None):  # -> pandas.DataFrame
    """Measure many texts (an iterable of strings, or a DataFrame) into one row per document
    (for a DataFrame, with its index: ``frame.join(docs, rsuffix="_rhetoric")`` keeps its other
    columns, for ``summarize(..., by="platform")``).

    >>> frame = measure_many(["Russia wants TRADE.", "Ukraine can be GREAT.", None])
    >>> frame["russia_caps_words"].tolist()[:2], frame["ukraine_caps_words"].tolist()[:2], frame.loc[2, "error"]
    ([1.0, 0.0], [0.0, 1.0], 'missing text')
    """
    import pandas as pd

    config = config or Config.make(entities, topics, carry, pair)
    pipeline = config.prepare()
    records: Iterable[Record]
    if isinstance(texts, pd.DataFrame):
        cols = Columns(text_col if text_col in texts.columns else None, id_col, date_col)
        cols = cols.resolve(list(texts.columns), "DataFrame")
        records = (_record(i, row, cols, "DataFrame") for i, row in enumerate(texts.to_dict("records")))
    else:
        records = (Record(i, str(i), None, "<texts>", t if isinstance(t, str) else None,
                          None if isinstance(t, str) else ("missing text" if t is None
                                                           else f"text is not a string (got {type(t).__name__})"))
                   for i, t in enumerate(texts))
    rows = [pipeline.document(r).row for r in records]
    # a DataFrame's own index, so that ``frame.join(docs)`` puts the measures beside its other columns
    index = texts.index if isinstance(texts, pd.DataFrame) else None
    return pd.DataFrame(rows, columns=pipeline.schema.document_columns(), index=index)


# -- the batch runner -----------------------------------------------------------------------

@dataclass(frozen=True)
class BatchOptions:
    output: Path
    evidence: Path | None = None
    keyness: Path | None = None
    summary: Path | None = None
    by: str | None = None
    seed: int = 20250519
    jobs: int = 0
    resume: bool = False
    force: bool = False
    dedupe: bool = False
    since: str | None = None
    until: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    quiet: bool = False
    escape_formulas: bool = True
    #: Most documents per task sent to a worker (see :func:`chunk_size`): 2,048 rather than 256
    #: cut the main process's CPU with 2 jobs from 1.8 to 1.3 s (benchmarks/throughput.py: 2
    #: jobs 1.64x -> 1.71x one job)
    chunk_docs: int = 2048
    part_docs: int = 10_000
    max_bytes: int = MAX_BYTES


@dataclass
class BatchReport:
    documents: int = 0
    failed: int = 0
    duplicates: int = 0
    filtered: int = 0
    unread_dates: int = 0  # with --since/--until: documents kept because their date cannot be read
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    summary: Any = None
    keyness: Any = None


def _work_dir(output: Path) -> Path:
    return output.with_name(f".{output.name}.rhetoric-work")


def _state(work: Path) -> dict:
    path = work / "state.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _save_state(work: Path, state: dict) -> None:
    tmp = work / "state.json.tmp"
    tmp.write_text(json.dumps(state, sort_keys=True), encoding="utf-8")
    os.replace(tmp, work / "state.json")


def _date_verdict(rec: Record, options: BatchOptions) -> str:
    """With --since/--until: "out" (dated outside them), "unread" (a date that cannot be read:
    kept, and counted), or "" (kept).  A failed document is judged by its date too."""
    day = document_day(rec.date)
    if day is None:
        # undated documents (and dates that do not parse) are kept, summarized under no period
        return "unread" if rec.date is not None and str(rec.date).strip() else ""
    since, until = options.since, options.until  # compared at their own precision: 2025, 2025-05, 2025-05-19
    return "out" if (since and day[:len(since)] < since) or (until and day[:len(until)] > until) else ""


def run_batch(inputs: Sequence[str | Path], options: BatchOptions, config: Config, columns: Columns | None = None,
              encoding: str | None = None, progress_to: Any = None) -> BatchReport:
    """Measure every document of ``inputs`` into ``options.output`` (see module docstring)."""
    columns = columns or Columns()
    started = time.perf_counter()
    check_date_bounds(options.since, options.until)
    if encoding:
        from .text import check_encoding

        check_encoding(encoding, "--encoding: ")
    if options.jobs < 0:
        raise ConfigError(f"--jobs {options.jobs}: give the number of worker processes, or 0 for all cores")
    output = options.output
    writer = writers.writer_for(output, options.escape_formulas)
    ev_writer = writers.writer_for(options.evidence, options.escape_formulas) if options.evidence else None
    from .writers import check_outputs

    files = input_files(inputs)  # folders walked once: the checks, the fingerprint and the reading share it
    # never over an input, nor one file twice, nor (without --force or --resume) over an existing file
    check_outputs([p for p in (output, options.evidence, options.keyness, options.summary) if p is not None],
                  options.force or options.resume, files)
    check_columns(files, replace(columns, group=group_column(options)), encoding)
    work = _work_dir(output)
    state = _state(work) if options.resume else {}
    if options.resume and not state:
        raise InputError(f"{output}: nothing to resume (no work folder {work.name}); run without --resume")
    fingerprint = _fingerprint(files, options, config, columns)
    if state and state.get("fingerprint") != fingerprint:
        raise InputError(f"{output}: the interrupted run had other inputs or options; rerun without --resume")
    if not state:
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        state = {"fingerprint": fingerprint, "done": 0, "parts": 0, "failed": 0, "duplicates": 0,
                 "filtered": 0, "unread_dates": 0, "failures": []}
        _save_state(work, state)
    pipeline = config.prepare()
    names = pipeline.schema.document_columns(group_column(options))
    columns = replace(columns, group=group_column(options))
    report = BatchReport()
    progress = ReadProgress()
    bar = _Progress(progress, options.quiet, progress_to)
    seen: set[bytes] = set()
    records = iter_records(files, columns, encoding, progress, options.max_bytes)
    want_keyness = options.keyness is not None
    want_evidence = ev_writer is not None or writer.name == "sqlite"
    job = ChunkJob(pipeline, want_evidence, want_keyness, group_column(options), writer, tuple(names))
    engine = start_engine(options.engine, job, options.jobs, options.scheduler)

    def chunks() -> Iterator[tuple[tuple[int, int, int, int] | None, list[Record]]]:
        """Chunks of records to measure; the last chunk of each part carries the part's
        (records, duplicates, filtered, unread dates) so the writer knows where parts end."""
        dated = bool(options.since or options.until)
        judge = (lambda rec: _date_verdict(rec, options)) if dated else None
        for part_records in _parts(records, state["done"], options.part_docs, seen, options.dedupe, judge):
            kept, duplicates, filtered, unread = [], 0, 0, 0
            for rec, duplicate, verdict in part_records:
                if duplicate:
                    duplicates += 1
                elif verdict == "out":
                    filtered += 1
                else:
                    unread += verdict == "unread"
                    kept.append(rec)
            size = chunk_size(len(kept), options.jobs, options.chunk_docs)
            pieces = [kept[i:i + size] for i in range(0, len(kept), size)] or [[]]
            for k, piece in enumerate(pieces):
                yield ((len(part_records), duplicates, filtered, unread) if k == len(pieces) - 1 else None), piece

    try:
        results: list[ChunkResult] = []
        for meta, measured in engine.stream(chunks()):
            results.append(measured)
            if meta is None:
                continue
            part_size, duplicates, filtered, unread = meta
            failures = [f for r in results for f in r.failures]
            number = state["parts"] + 1
            writer.write_part([row for r in results for row in r.rows], names, work / f"docs-{number:06d}",
                              "".join(r.text for r in results))
            if want_evidence:
                writers.write_text_part("".join(r.evidence for r in results), work / f"evidence-{number:06d}")
            if want_keyness:
                a: Counter = Counter()
                b: Counter = Counter()
                for r in results:
                    if r.keyness:
                        a.update(r.keyness[0])
                        b.update(r.keyness[1])
                (work / f"keyness-{number:06d}.json").write_text(json.dumps([a, b]), encoding="utf-8")
            state.update(done=state["done"] + part_size, parts=number,
                         failed=state["failed"] + len(failures), duplicates=state["duplicates"] + duplicates,
                         filtered=state["filtered"] + filtered,
                         unread_dates=state.get("unread_dates", 0) + unread,
                         failures=(state["failures"] + failures)[:1000])
            _save_state(work, state)
            bar.update(state["done"])
            results = []
    finally:
        bar.close()
        closer = getattr(engine, "close", None)
        if closer:
            closer()
    report = _finish(work, state, options, config, names, writer, ev_writer)
    report.seconds = time.perf_counter() - started
    return report


def _fingerprint(files: list[Path], options: BatchOptions, config: Config, columns: Columns) -> str:
    from . import __version__

    stats = [(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files]
    key = replace(options, resume=False, force=False, quiet=False, jobs=0, engine="", scheduler=None)
    settings = (config.entities, config.topics, config.carry, config.pair, config.lexicons,
                tuple(s.name for s in config.signals))  # not the signals' functions: their repr holds addresses
    return hashlib.sha256(repr((__version__, _code_digest(), stats, key, settings, columns)).encode()).hexdigest()


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of rhetoric's code and lexicons: a run interrupted under other rules (the version
    number alone stays the same between commits) is not resumed under these."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".tsv", ".toml") and p.is_file()):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _parts(records: Iterator[Record], skip: int, size: int, seen: set[bytes], dedupe: bool,
           judge: Callable[[Record], str] | None = None) -> Iterator[list[tuple[Record, bool, str]]]:
    """Records in parts of ``size`` (the last may be shorter), after skipping ``skip`` already done;
    each with whether it duplicates an earlier text kept and the ``judge``'s verdict on its date
    (:func:`_date_verdict`; a text "out" of the dates is not kept, so its copy inside them is no
    duplicate)."""
    part: list[tuple[Record, bool, str]] = []
    for rec in records:
        duplicate = False
        verdict = judge(rec) if judge else ""
        if dedupe and rec.text and not rec.text.isspace() and verdict != "out":
            # empty texts (media-only posts) are no reposts
            digest = hashlib.blake2b(rec.text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
            duplicate = digest in seen
            seen.add(digest)
        if rec.position < skip:
            continue
        part.append((rec, duplicate, verdict))
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


# -- engines ---------------------------------------------------------------------------------


def group_column(options: BatchOptions) -> str | None:
    """The input column named by ``--by``, unless --by is a period."""
    return options.by if options.by and options.by not in ("week", "month", "year") else None


# -- finishing ---------------------------------------------------------------------------------

def _finish(work: Path, state: dict, options: BatchOptions, config: Config, names: list[str],
            writer: Any, ev_writer: Any) -> BatchReport:
    from .asymmetry import summarize
    from .keyness import keyness

    parts = [work / f"docs-{n:06d}" for n in range(1, state["parts"] + 1)]
    ev_parts = [work / f"evidence-{n:06d}" for n in range(1, state["parts"] + 1)]
    report = BatchReport(documents=state["done"] - state["duplicates"] - state["filtered"], failed=state["failed"],
                         duplicates=state["duplicates"], filtered=state["filtered"],
                         unread_dates=state.get("unread_dates", 0),
                         failures=[tuple(f) for f in state["failures"]])
    summary = None
    if options.by or writer.name == "sqlite" or options.summary:
        wanted = {"date", "error", "words", *([group_column(options)] if group_column(options) else [])}
        counted = ("words", *Schema.of(config).rated, *(f"{t}_words" for t in config.topics.names))
        wanted |= {f"{slug(e)}_{view}{c}" for e in config.entities.names for view in ("", "exclusive_")
                   for c in counted}
        docs = writer.read_parts(parts, names, [n for n in names if n in wanted])
        summary = summarize(docs, by=options.by, config=config, seed=options.seed)
        report.summary = summary
    if options.keyness is not None:
        a: Counter = Counter()
        b: Counter = Counter()
        for n in range(1, state["parts"] + 1):
            ka, kb = json.loads((work / f"keyness-{n:06d}.json").read_text(encoding="utf-8"))
            a.update(ka)
            b.update(kb)
        report.keyness = keyness(a, b, config.pair or ("A", "B"))
        writers.write_frame(report.keyness, options.keyness, options.escape_formulas)
    if options.summary is not None and summary is not None:
        writers.write_frame(summary, options.summary, options.escape_formulas)
    tmp = options.output.with_name(f".{options.output.name}.tmp")
    writer.finalize(parts, names, tmp, evidence_parts=ev_parts if writer.name == "sqlite" else None,
                    summary=summary)
    os.replace(tmp, options.output)
    if ev_writer is not None and options.evidence is not None:
        ev_tmp = options.evidence.with_name(f".{options.evidence.name}.tmp")
        ev_writer.finalize_rows(writers.read_jsonl_parts(ev_parts), writers.EVIDENCE_COLUMNS, ev_tmp)
        os.replace(ev_tmp, options.evidence)
    shutil.rmtree(work, ignore_errors=True)
    return report


class _Progress:
    """Documents, documents per second and ETA on stderr, when it is a terminal."""

    def __init__(self, progress: ReadProgress, quiet: bool, stream: Any = None):
        self.stream = stream or sys.stderr
        self.enabled = not quiet and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.progress, self.start, self.first = progress, time.perf_counter(), None
        self.shown = False

    def update(self, done: int) -> None:
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.start
        rate = done / elapsed if elapsed else 0.0
        fraction = self.progress.done / self.progress.total if self.progress.total else 0.0
        eta = elapsed * (1 - fraction) / fraction if fraction > 0.01 else None
        eta_text = f"  ETA {int(eta) // 60}:{int(eta) % 60:02d}" if eta is not None else ""
        self.stream.write(f"\r  {done:,} documents  {rate:,.0f} docs/s  {100 * fraction:.0f}%{eta_text}   ")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.enabled and self.shown:
            self.stream.write("\n")
            self.stream.flush()
