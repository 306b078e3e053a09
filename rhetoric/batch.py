"""The batch runner: a corpus in, a documents table (and evidence, keyness, summaries) out.

Every document goes through the pipeline's per-document function (:meth:`Pipeline.document
<rhetoric.pipeline.Pipeline.document>`), the same measures as ``rhetoric measure``.  Records are
streamed from the readers (:mod:`rhetoric.readers`), measured in chunks by an engine
(:mod:`rhetoric.engines`: this process, worker processes or a Dask cluster) and written in
input order to parts in a work folder next to the output, with the run's state
(:class:`RunState`) after each part, so that memory stays flat, an interrupted run can
``--resume``, and the final file (assembled and renamed only when complete) is byte-identical
to an uninterrupted run's.  A document that fails becomes a row with its error; nothing is
dropped silently.  :func:`run_batch` is a few named steps: check, open the state, measure the
chunks, write each part, finish.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import distributed, partitions, writers
from .asymmetry import summarize
from .config import Config
from .dates import check_date_bounds
from .engines import ChunkJob, ChunkResult, chunk_size, start_engine
from .errors import ConfigError, InputError
from .filters import Filter
from .keyness import keyness
from .partitions import PARTITION_BYTES
from .pipeline import Pipeline
from .readers import (
    MAX_BYTES,
    STDIN,
    Columns,
    ReadProgress,
    Record,
    _record,
    check_columns,
    column_names,
    input_files,
    iter_records,
)
from .schema import schema_path, write_schema
from .selection import PartCounts, Selection, digest, sort_out
from .significance import SEED
from .text import check_encoding
from .version import __version__


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
    seed: int = SEED
    jobs: int = 0
    resume: bool = False
    force: bool = False
    dedupe: bool = False
    since: str | None = None
    until: str | None = None
    #: --where/--exclude filters on input columns (rhetoric.filters)
    filters: tuple[Filter, ...] = ()
    #: input columns copied into the documents table (--keep)
    keep: tuple[str, ...] = ()
    #: summaries: the documents with at least n of each whole-document count, for each n
    at_least: tuple[int, ...] = (1,)
    #: leave out reposts, native (the input's flag) or manual (rhetoric.voices)
    skip_reposts: bool = False
    #: the evidence holds each document's text once (a row with signal "document")
    with_text: bool = False
    engine: str = "local"
    scheduler: str | None = None
    escape_formulas: bool = True
    #: Most documents per task sent to a worker (see :func:`chunk_size`): 2,048 rather than 256
    #: cut the main process's CPU with 2 jobs from 1.8 to 1.3 s (benchmarks/throughput.py: 2
    #: jobs 1.64x -> 1.71x one job)
    chunk_docs: int = 2048
    part_docs: int = 10_000
    #: --engine dask: bytes of input per partition (see rhetoric.partitions)
    partition_bytes: int = PARTITION_BYTES
    max_bytes: int = MAX_BYTES


@dataclass
class BatchReport:
    documents: int = 0
    failed: int = 0
    duplicates: int = 0
    filtered: int = 0
    unread_dates: int = 0  # with --since/--until: documents kept because their date cannot be read
    excluded: int = 0      # left out by --where/--exclude
    reposts: int = 0       # left out by --skip-reposts
    failures: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    summary: Any = None
    keyness: Any = None

    @classmethod
    def of(cls, counts: PartCounts, failed: int, failures: list[tuple[str, str]]) -> BatchReport:
        """The report of a run whose records became ``counts``: the documents measured are those
        read, less the duplicates and those the dates, filters or --skip-reposts left out."""
        return cls(documents=counts.records - counts.duplicates - counts.filtered - counts.excluded - counts.reposts,
                   failed=failed, duplicates=counts.duplicates, filtered=counts.filtered, unread_dates=counts.unread,
                   excluded=counts.excluded, reposts=counts.reposts, failures=failures)


class Progress(NamedTuple):
    """What a progress callback is told after each part: documents done, input bytes read of
    the total (for an ETA) and seconds since the run started."""

    documents: int
    bytes_read: int
    bytes_total: int
    seconds: float


#: Most failures a run keeps with their messages (every failure is a row of the output).
KEPT_FAILURES = 1000


@dataclass
class RunState:
    """How far a run has got, saved after every part (``state.json`` in the work folder) so
    that ``--resume`` goes on from the last part written."""

    fingerprint: str
    done: int = 0           # records read (kept, duplicate or filtered)
    parts: int = 0
    failed: int = 0
    duplicates: int = 0
    filtered: int = 0
    unread_dates: int = 0
    excluded: int = 0
    reposts: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def load(cls, work: Path) -> RunState | None:
        path = work / "state.json"
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        data["failures"] = [tuple(f) for f in data.get("failures", [])]
        return cls(**data)

    def save(self, work: Path) -> None:
        tmp = work / "state.json.tmp"
        tmp.write_text(json.dumps(asdict(self), sort_keys=True), encoding="utf-8")
        os.replace(tmp, work / "state.json")

    def add_part(self, counts: PartCounts, failures: list[tuple[str, str]]) -> None:
        self.done += counts.records
        self.parts += 1
        self.failed += len(failures)
        self.duplicates += counts.duplicates
        self.filtered += counts.filtered
        self.unread_dates += counts.unread
        self.excluded += counts.excluded
        self.reposts += counts.reposts
        self.failures = (self.failures + failures)[:KEPT_FAILURES]


def _work_dir(output: Path) -> Path:
    return output.with_name(f".{output.name}.rhetoric-work")


def run_batch(inputs: Sequence[str | Path], options: BatchOptions, config: Config, columns: Columns | None = None,
              encoding: str | None = None, progress: Callable[[Progress], None] | None = None) -> BatchReport:
    """Measure every document of ``inputs`` into ``options.output`` (see module docstring);
    ``progress`` is called after every part written.  With ``engine="dask"`` the workers read
    and write their own partitions, and the outputs are folders of part files
    (:mod:`rhetoric.distributed`)."""
    started = time.perf_counter()
    columns = replace(columns or Columns(), group=group_column(options),
                      filtered=tuple(f.column for f in options.filters))
    files, columns = _check(inputs, options, columns, encoding)
    fingerprint = _fingerprint(files, options, config, columns)
    pipeline = config.prepare()
    if options.engine == "dask":
        report = _run_partitioned(files, options, pipeline, columns, encoding, fingerprint, progress, started)
        report.seconds = time.perf_counter() - started
        return report
    work = _work_dir(options.output)
    state = _open_state(work, options, fingerprint)
    read = ReadProgress()
    records = iter_records(files, columns, encoding, read, options.max_bytes)
    first = next(records, None)  # the types of the kept columns are those of the first document's values
    records = itertools.chain([first] if first else [], records)
    job = _job(pipeline, options, columns, first)
    engine = start_engine(options.engine, job, options.jobs)
    selection = selection_of(options, columns.extra)
    try:
        pending: list[ChunkResult] = []
        for meta, measured in engine.stream(_chunks(records, state, options, selection)):
            pending.append(measured)
            if meta is not None:  # the last chunk of a part: write the part
                _write_part(work, state, pending, meta, job)
                pending = []
                if progress is not None:
                    progress(Progress(state.done, read.done, read.total, time.perf_counter() - started))
    finally:
        engine.close()
    report = _finish(work, state, options, pipeline, list(job.names), job.writer)
    report.seconds = time.perf_counter() - started
    return report


def _job(pipeline: Pipeline, options: BatchOptions, columns: Columns, first: Record | None) -> ChunkJob:
    """What a worker needs to measure and format records: the pipeline, the output's writer
    (with the kept columns typed as the first document's values) and the column names."""
    kept = [k for k in columns.keep if k != columns.group]  # a kept --by column is there once
    # a kept column named like one of rhetoric's ("repost", "words") is written as input_<name>
    ours = set(pipeline.schema.document_columns(columns.group))
    kept_names = [f"input_{k}" if k in ours else k for k in kept]
    names = pipeline.schema.document_columns(columns.group, kept_names)
    extra = columns.extra
    writer = writers.writer_for(options.output, options.escape_formulas).with_types(
        {**({columns.group: "str"} if columns.group else {}),
         **{n: writers.value_type(first.fields[extra.index(k)] if first and first.fields else "")
            for k, n in zip(kept, kept_names, strict=True)}})
    return ChunkJob(pipeline, options.evidence is not None or writer.name == "sqlite", options.keyness is not None,
                    columns.group, writer, tuple(names), tuple(extra.index(k) for k in kept), options.with_text)


def _run_partitioned(files: list[Path], options: BatchOptions, pipeline: Pipeline, columns: Columns,
                     encoding: str | None, fingerprint: str, progress: Callable[[Progress], None] | None,
                     started: float) -> BatchReport:
    """The run on a Dask cluster whose workers read and write their own partitions."""
    distributed.check(options, files)
    head = iter_records(files, columns, encoding, ReadProgress(), options.max_bytes)
    job = _job(pipeline, options, columns, next(head, None))  # the driver reads the first document only
    del head  # closes the file
    work = _work_dir(options.output)
    if options.resume:
        parts = distributed.load_plan(work, fingerprint)
    client, cluster = distributed.client_for(options.scheduler, options.jobs)
    try:
        if not options.resume:
            target = partitions.target_bytes(files, options.partition_bytes, distributed.workers(client))
            parts = partitions.plan(files, columns, encoding, options.max_bytes, target)
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            distributed.save_plan(work, fingerprint, parts)
        evidence = writers.writer_for(options.evidence, options.escape_formulas) if options.evidence else None
        task = distributed.Task(columns, encoding, options.max_bytes, selection_of(options, columns.extra), job,
                                str(work), evidence)
        total = sum(p.size for p in parts)

        def tell(records: int, read: int) -> None:
            if progress is not None:
                progress(Progress(records, read, total, time.perf_counter() - started))

        wanted = summary_columns(options, pipeline, job.writer)
        spec = None if wanted is None else distributed.SummarySpec(wanted, options.by, pipeline.schema,
                                                                    options.seed, options.at_least)
        outcome = distributed.run(task, parts, client, options.resume, tell, spec)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report = BatchReport.of(outcome.counts, outcome.failed, outcome.failures)
    report.summary = outcome.summary
    if outcome.summary is not None:
        _write_summary(outcome.summary, options)
    if outcome.keyness is not None:
        report.keyness = _write_keyness(*outcome.keyness, options, pipeline)
    distributed.replace_folder(work / "docs", options.output)
    write_schema(pipeline.schema, options.output)
    if options.evidence is not None:
        distributed.replace_folder(work / "evidence", options.evidence)
    shutil.rmtree(work, ignore_errors=True)
    return report


def _check(inputs: Sequence[str | Path], options: BatchOptions, columns: Columns, encoding: str | None
           ) -> tuple[list[Path], Columns]:
    """The input files and the columns to read (with the kept ones), once every option and
    output has been checked (before any work)."""
    check_date_bounds(options.since, options.until)
    if encoding:

        check_encoding(encoding, "--encoding: ")
    if options.jobs < 0:
        raise ConfigError(f"--jobs {options.jobs}: give the number of worker processes, or 0 for all cores")
    if options.engine != "dask" and (options.scheduler or options.partition_bytes != PARTITION_BYTES):
        raise ConfigError("--scheduler and --partition-mb are options of --engine dask; add --engine dask")
    for path in (options.output, options.evidence):
        if path is not None:
            writers.writer_for(path, options.escape_formulas)  # an unknown output type fails here
    files = input_files(inputs)  # folders walked once: the checks, the fingerprint and the reading share it
    if options.resume and STDIN in files:
        raise ConfigError("--resume: a run that reads standard input cannot be resumed; save the input to a file")
    # never over an input, nor one file twice, nor (without --force or --resume) over an existing file
    outputs = [p for p in (options.output, options.evidence, options.keyness, options.summary) if p is not None]
    outputs += [schema_path(p) for p in (options.output, options.keyness) if p is not None]
    writers.check_outputs(outputs, options.force or options.resume, files)
    columns = replace(columns, keep=_kept(options.keep, files, columns, encoding))
    check_columns(files, columns, encoding)
    return files, columns


def _open_state(work: Path, options: BatchOptions, fingerprint: str) -> RunState:
    """The state of the interrupted run to resume, or a new one in a clean work folder."""
    if options.resume:
        state = RunState.load(work)
        if state is None:
            raise InputError(f"{options.output}: nothing to resume (no work folder {work.name}); run without --resume")
        if state.fingerprint != fingerprint:
            raise InputError(f"{options.output}: the interrupted run had other inputs or options; "
                             "rerun without --resume")
        return state
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    state = RunState(fingerprint)
    state.save(work)
    return state


def _chunks(records: Iterator[Record], state: RunState, options: BatchOptions, selection: Selection
            ) -> Iterator[tuple[PartCounts | None, list[Record]]]:
    """Chunks of records to measure; the last chunk of each part carries the part's counts
    (:class:`PartCounts`) so the writer knows where parts end."""
    judge = selection.verdict if selection.judged else None
    seen: set[bytes] = set()
    for part_records in _parts(records, state.done, options.part_docs, seen, selection.dedupe, judge):
        kept, counts = sort_out(part_records)
        size = chunk_size(len(kept), options.jobs, options.chunk_docs)
        pieces = [kept[i:i + size] for i in range(0, len(kept), size)] or [[]]
        for k, piece in enumerate(pieces):
            yield (counts if k == len(pieces) - 1 else None), piece


def _kept(keep: Sequence[str], files: Sequence[Path], columns: Columns, encoding: str | None) -> tuple[str, ...]:
    """The columns --keep names; ``all``: every column of the first input file but its text,
    id and date (which the table has)."""
    if list(keep) != ["all"]:
        if "all" in keep:
            raise ConfigError("--keep all: give it alone, or name the columns")
        return tuple(keep)
    names = column_names(files[0], encoding) or []
    resolved = columns.resolve(names, str(files[0])) if names else columns
    return tuple(n for n in names if n not in (resolved.text, resolved.id, resolved.date))


def _write_part(work: Path, state: RunState, results: list[ChunkResult], meta: PartCounts,
                job: ChunkJob) -> None:
    """Write one part's documents (and evidence, keyness counts) to the work folder, then its state."""
    number = state.parts + 1
    job.writer.write_part([row for r in results for row in r.rows], list(job.names), work / f"docs-{number:06d}",
                          "".join(r.text for r in results))
    if job.evidence:
        writers.write_text_part("".join(r.evidence for r in results), work / f"evidence-{number:06d}")
    if job.keyness:
        a: Counter = Counter()
        b: Counter = Counter()
        for r in results:
            if r.keyness:
                a.update(r.keyness[0])
                b.update(r.keyness[1])
        (work / f"keyness-{number:06d}.json").write_text(json.dumps([a, b]), encoding="utf-8")
    state.add_part(meta, [f for r in results for f in r.failures])
    state.save(work)


def _fingerprint(files: list[Path], options: BatchOptions, config: Config, columns: Columns) -> str:

    # standard input is read once: a run from it is never resumed (a fresh token each run)
    stats = [(str(p), *_size_and_time(p)) if p != STDIN else os.urandom(8).hex() for p in files]
    key = replace(options, resume=False, force=False, jobs=0, engine="", scheduler=None)
    settings = (config.entities, config.topics, config.carry, config.pair, config.lexicons,
                tuple(s.name for s in config.signals))  # not the signals' functions: their repr holds addresses
    return hashlib.sha256(repr((__version__, _code_digest(), stats, key, settings, columns)).encode()).hexdigest()


def _size_and_time(path: Path) -> tuple[int, int]:
    """One stat of an input (a URL's costs a request to its store)."""
    st = path.stat()
    return st.st_size, st.st_mtime_ns


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
    (:meth:`Selection.verdict`; a text "out" of the dates is not kept, so its copy inside them is no
    duplicate)."""
    part: list[tuple[Record, bool, str]] = []
    for rec in records:
        duplicate = False
        verdict = judge(rec) if judge else ""
        if dedupe:
            key = digest(rec, verdict)
            if key is not None:
                duplicate = key in seen
                seen.add(key)
        if rec.position < skip:
            continue
        part.append((rec, duplicate, verdict))
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


# -- engines ---------------------------------------------------------------------------------


def selection_of(options: BatchOptions, extra: Sequence[str]) -> Selection:
    """The options that keep or leave out records (``extra``: the columns a record's fields hold)."""
    return Selection(options.since, options.until, options.filters,
                     tuple(extra.index(f.column) for f in options.filters), options.skip_reposts, options.dedupe)


def group_column(options: BatchOptions) -> str | None:
    """The input column named by ``--by``, unless --by is a period."""
    return options.by if options.by and options.by not in ("week", "month", "year") else None


# -- finishing ---------------------------------------------------------------------------------

def summary_columns(options: BatchOptions, pipeline: Pipeline, writer: Any) -> list[str] | None:
    """The documents-table columns a summary reads, when --by, --summary or a SQLite output
    asks for one (else None)."""
    if not (options.by or writer.name == "sqlite" or options.summary):
        return None
    schema = pipeline.schema
    group = group_column(options)
    wanted = {"date", "error", "words", *([group] if group else [])}
    counted = ("words", *schema.rated, *(f"{t}_words" for t in schema.topics))
    wanted |= {f"{e}_{view}{c}" for e in schema.slugs for view in ("", "exclusive_") for c in counted}
    wanted |= set(schema.document_counts)
    return [n for n in schema.document_columns(group) if n in wanted]


def _summary(read: Callable[[list[str]], Any], options: BatchOptions, pipeline: Pipeline, writer: Any) -> Any:
    """The summary table (also written to ``options.summary``) from the documents table's
    columns it needs (``read(columns)``), when one is asked for."""
    wanted = summary_columns(options, pipeline, writer)
    if wanted is None:
        return None
    summary = summarize(read(wanted), by=options.by, config=pipeline.config, seed=options.seed,
                        at_least=options.at_least)
    _write_summary(summary, options)
    return summary


def _write_summary(summary: Any, options: BatchOptions) -> None:
    if options.summary is not None:
        writers.write_frame(summary, options.summary, options.escape_formulas)


def _write_keyness(a: Counter, b: Counter, options: BatchOptions, pipeline: Pipeline) -> Any:
    """The keyness table from the word counts of A's and B's sentences, written to ``options.keyness``."""
    assert options.keyness is not None
    table = keyness(a, b, pipeline.config.pair or ("A", "B"))
    writers.write_frame(table, options.keyness, options.escape_formulas)
    write_schema(pipeline.schema, options.keyness)
    return table


def _finish(work: Path, state: RunState, options: BatchOptions, pipeline: Pipeline, names: list[str],
            writer: Any) -> BatchReport:
    """Assemble the parts into the outputs (each written beside, then renamed), with the schema
    of the documents and keyness tables beside them, and remove the work folder."""

    schema = pipeline.schema
    parts = [work / f"docs-{n:06d}" for n in range(1, state.parts + 1)]
    ev_parts = [work / f"evidence-{n:06d}" for n in range(1, state.parts + 1)]
    counts = PartCounts(state.done, state.duplicates, state.filtered, state.unread_dates, state.excluded,
                        state.reposts)
    report = BatchReport.of(counts, state.failed, list(state.failures))
    summary = report.summary = _summary(lambda wanted: writer.read_parts(parts, names, wanted), options,
                                        pipeline, writer)
    if options.keyness is not None:
        a: Counter = Counter()
        b: Counter = Counter()
        for n in range(1, state.parts + 1):
            ka, kb = json.loads((work / f"keyness-{n:06d}.json").read_text(encoding="utf-8"))
            a.update(ka)
            b.update(kb)
        report.keyness = _write_keyness(a, b, options, pipeline)
    tmp = options.output.with_name(f".{options.output.name}.tmp")
    writer.finalize(parts, names, tmp, evidence_parts=ev_parts if writer.name == "sqlite" else None,
                    summary=summary)
    os.replace(tmp, options.output)
    write_schema(schema, options.output)
    if options.evidence is not None:
        ev_writer = writers.writer_for(options.evidence, options.escape_formulas)
        ev_tmp = options.evidence.with_name(f".{options.evidence.name}.tmp")
        ev_writer.finalize_rows(writers.read_jsonl_parts(ev_parts), writers.EVIDENCE_COLUMNS, ev_tmp)
        os.replace(ev_tmp, options.evidence)
    shutil.rmtree(work, ignore_errors=True)
    return report
