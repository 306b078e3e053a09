"""Partitions of a corpus that a worker reads by itself (``--engine dask``): byte ranges of a
JSON Lines file (cut at line ends, as ``dask.bytes.read_bytes`` cuts them), row groups of a
Parquet file, and whole files for the rest (gzip streams, which cannot be entered midway; CSV,
where a quoted field may hold a line end, so a cut cannot be placed without reading from the
start; JSON arrays), and groups of text files.

The driver plans the partitions from file sizes, Parquet footers and each file's first object
(its column names); a worker reads a partition's bytes itself, through fsspec, so a path may be
any URL the workers can open.  A partition read alone yields the same records, with the same
sources (``file:line``, ``file#row``) and positions, as the whole input read in one pass
(:func:`rhetoric.readers.iter_records`), once it is told how many records and lines come before
it (:class:`Offsets`, from a first counting pass)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .errors import InputError
from .readers import (
    Columns,
    Record,
    _jsonl_records,
    _kind,
    as_input,
    column_names,
    iter_records,
    open_binary,
    parquet_records,
)

#: Bytes of input per partition (``--partition-mb``): enough work per task that the scheduler's
#: cost per task is small, few enough that two workers get several partitions each.
PARTITION_BYTES = 32 * 1024**2

#: Most text files (.txt/.md, one document each) per partition.
TEXT_FILES = 2000

_new = tuple.__new__


@dataclass(frozen=True)
class Partition:
    """A part of the input one worker reads: ``kind`` "lines" (bytes ``start`` to ``stop`` of a
    JSON Lines file, cut at line ends), "rows" (row groups ``start`` to ``stop`` of a Parquet
    file, whose first row is row ``first_row``), or "files" (whole files, read as the local
    engine reads them)."""

    number: int
    kind: str
    paths: tuple[str, ...]
    size: int                     # bytes of input, for progress
    start: int = 0
    stop: int = 0
    first_row: int = 0
    first_of_file: bool = True
    columns: Columns | None = None  # the file's resolved columns ("lines" after the file's first)


class Offsets(NamedTuple):
    """What comes before a partition: records of the input (positions) and lines of its file."""

    position: int = 0
    line: int = 0


class Count(NamedTuple):
    """A partition's records and (for "lines") physical lines."""

    records: int
    lines: int


def plan(files: Sequence[Path], columns: Columns, encoding: str | None, max_bytes: int,
         target: int = PARTITION_BYTES) -> list[Partition]:
    """The partitions of ``files``, in input order."""
    parts: list[Partition] = []
    texts: list[Path] = []

    def add(kind: str, paths: Sequence[Path | str], size: int, **more: Any) -> None:
        parts.append(Partition(len(parts), kind, tuple(map(str, paths)), size, **more))

    def flush_texts() -> None:
        for i in range(0, len(texts), TEXT_FILES):
            group = texts[i:i + TEXT_FILES]
            add("files", group, sum(p.stat().st_size for p in group))
        texts.clear()

    for path in files:
        kind = _kind(path)
        if kind == "text":
            texts.append(path)
            continue
        flush_texts()
        size = path.stat().st_size
        gz = path.name.lower().endswith(".gz")
        resolved = _resolved(path, columns, encoding) if kind == "jsonl" and not gz and size > target else None
        if resolved is not None and size <= max_bytes:
            pieces = -(-size // target)  # ranges of equal size, none larger than target
            cuts = [size * k // pieces for k in range(pieces + 1)]
            for k, (start, stop) in enumerate(itertools.pairwise(cuts)):
                add("lines", [path], stop - start, start=start, stop=stop, first_of_file=k == 0, columns=resolved)
        elif kind == "parquet" and size > target and size <= max_bytes:
            parts.extend(_row_groups(path, columns, target, len(parts)))
        else:
            add("files", [path], size)
    flush_texts()
    return parts


def _resolved(path: Path, columns: Columns, encoding: str | None) -> Columns | None:
    """The columns of a JSON Lines file from its first object (None, and the file is read whole
    as the local engine reads it, when they cannot be told or do not resolve)."""
    names = column_names(path, encoding)
    if not names:
        return None
    try:
        return columns.resolve(names, str(path))
    except InputError:
        return None


def _row_groups(path: Path, columns: Columns, target: int, number: int) -> list[Partition]:
    """Runs of row groups of about ``target`` bytes (one whole-file partition when the file
    cannot be read or its columns do not resolve: the reading then records why, as locally)."""
    try:
        import pyarrow.parquet as pq

        with open_binary(path) as raw:
            handle = pq.ParquetFile(raw)
            meta = handle.metadata
            columns.resolve(handle.schema_arrow.names, str(path))
    except Exception:  # noqa: BLE001 - unreadable here: the worker's reading records the error
        return [Partition(number, "files", (str(path),), path.stat().st_size)]
    parts: list[Partition] = []
    start = rows = size = first = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        size += group.total_byte_size
        rows += group.num_rows
        if size >= target or g == meta.num_row_groups - 1:
            parts.append(Partition(number + len(parts), "rows", (str(path),), size, start=start, stop=g + 1,
                                   first_row=first, first_of_file=not parts))
            start, first, size = g + 1, rows, 0
    return parts or [Partition(number, "files", (str(path),), path.stat().st_size)]


def _block(part: Partition) -> bytes:
    """A "lines" partition's bytes: from the first line that starts in its range to the end of
    the last line that starts in it (``fsspec.utils.read_block``, as Dask cuts files)."""
    import fsspec
    from fsspec.utils import read_block

    with fsspec.open(part.paths[0], "rb") as handle:
        return read_block(handle, part.start, part.stop - part.start, b"\n")


def _lines(block: bytes) -> list[bytes]:
    """A block's lines as the local reader iterates a file (split after each ``\\n``)."""
    lines = block.split(b"\n")
    last = lines.pop()
    lines = [line + b"\n" for line in lines]
    if last:
        lines.append(last)
    return lines


def count(part: Partition, columns: Columns, encoding: str | None, max_bytes: int) -> Count:
    """A partition's records and lines, without parsing a JSON line (every line but a blank
    one is a record: a document or the failure to read one)."""
    if part.kind == "lines":
        lines = _lines(_block(part))
        return Count(sum(1 for line in lines if not line.isspace()), len(lines))
    if part.kind == "rows":
        import pyarrow.parquet as pq

        with open_binary(as_input(part.paths[0])) as raw:
            meta = pq.ParquetFile(raw).metadata
        return Count(sum(meta.row_group(g).num_rows for g in range(part.start, part.stop)), 0)
    return Count(sum(1 for _ in iter_records(list(map(as_input, part.paths)), columns, encoding, None, max_bytes)), 0)


def read(part: Partition, offsets: Offsets, columns: Columns, encoding: str | None,
         max_bytes: int) -> Iterator[Record]:
    """The partition's records, numbered as in a reading of the whole input."""
    position = offsets.position
    if part.kind == "lines":
        name = part.paths[0]
        cols = None if part.first_of_file else part.columns
        records: Iterator[Record] = _jsonl_records(_lines(_block(part)), name, columns, encoding,
                                                   offsets.line + 1, cols)
    elif part.kind == "rows":
        import pyarrow.parquet as pq

        handle = pq.ParquetFile(open_binary(as_input(part.paths[0])))
        records = parquet_records(handle, part.paths[0], columns, row_groups=range(part.start, part.stop),
                                  first_row=part.first_row)
    else:
        records = iter_records(list(map(as_input, part.paths)), columns, encoding, None, max_bytes)
    for rec in records:
        yield _new(Record, (position, *rec[1:]))
        position += 1


def target_bytes(files: Sequence[Path], most: int, workers: int) -> int:
    """Bytes per partition: at most ``most``, for a number of partitions that is a multiple of
    the workers and at least :data:`PER_WORKER` each (11 partitions of the twitter corpus x8 had
    one of 2 workers measure 6 while the other measured 5: 1.62x one worker; 8 a worker gave
    1.83x: benchmarks/dask_driver.py), and no smaller than :data:`LEAST_BYTES` unless ``most`` is."""
    total = sum(p.stat().st_size for p in files)
    workers = max(1, workers)
    count = max(-(-total // most), PER_WORKER * workers)
    count = -(-count // workers) * workers
    return max(1, min(most, max(LEAST_BYTES, -(-total // count))))


#: Partitions per worker the planning aims at, and the smallest partition it makes for that.
PER_WORKER = 8
LEAST_BYTES = 1024**2


def to_json(parts: Sequence[Partition]) -> list[dict[str, Any]]:
    return [{**p.__dict__, "columns": p.columns.__dict__ if p.columns else None} for p in parts]


def from_json(data: Sequence[dict[str, Any]]) -> list[Partition]:
    """Partitions as :func:`to_json` stored them (the plan a resumed run goes on with)."""
    def columns(c: dict[str, Any] | None) -> Columns | None:
        fields: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in (c or {}).items()}
        return Columns(**fields) if c else None

    return [Partition(**{**d, "paths": tuple(d["paths"]), "columns": columns(d["columns"])}) for d in data]


def offsets(parts: Sequence[Partition], counts: Sequence[Count]) -> list[Offsets]:
    """Each partition's offsets from the counts of those before it."""
    out: list[Offsets] = []
    position = line = 0
    for part, c in zip(parts, counts, strict=True):
        if part.first_of_file:
            line = 0
        out.append(Offsets(position, line))
        position += c.records
        line += c.lines
    return out

