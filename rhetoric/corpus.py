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

import csv
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import sys
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from .asymmetry import document_day
from .config import Config, default_config
from .errors import ConfigError, InputError
from .measures import Measurement, flat_columns, measure_parsed, slug
from .sentences import Parsed

TEXT_COLUMNS = ("text", "content", "body", "full_text", "tweet", "post", "message")
ID_COLUMNS = ("id", "post_id", "tweet_id", "doc_id", "uuid")
DATE_COLUMNS = ("date", "created_at", "timestamp", "datetime", "time", "published")
TEXT_SUFFIXES = (".txt", ".md")
#: Default largest input file or decompressed stream, in bytes (``--max-bytes``): 4 GiB,
#: some ten million posts, while a gzip bomb stops within seconds of reading.
MAX_BYTES = 4 * 1024**3
csv.field_size_limit(2**31 - 1)


class Record(NamedTuple):
    """One input document, or the failure to read one."""

    position: int
    id: str | None
    date: str | None
    source: str
    text: str | None
    error: str | None = None
    group: str | None = None  # value of the --by column, when grouping by a column


@dataclass
class ReadProgress:
    """Bytes read so far of the inputs' total, for the progress bar's ETA."""

    total: int = 0
    done: int = 0


# -- readers ------------------------------------------------------------------------

def input_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Expand folders (recursively, .txt/.md, sorted) and check files exist."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = []
            for folder, _dirs, names in os.walk(path, followlinks=False):  # a symlink loop cannot trap the walk
                found += [Path(folder) / n for n in names if Path(n).suffix.lower() in TEXT_SUFFIXES]
            # a link inside a folder is not followed either (it may point anywhere: /etc/passwd);
            # a link named on the command line is read like the file it names
            files += sorted(p for p in found if p.is_file() and not p.is_symlink())
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{path}: no such file or folder")
    return files


def _kind(path: Path) -> str:
    name = path.name.lower()
    for suffix, kind in ((".jsonl.gz", "jsonl"), (".ndjson.gz", "jsonl"), (".jsonl", "jsonl"),
                         (".ndjson", "jsonl"), (".json", "json"), (".csv.gz", "csv"), (".csv", "csv"),
                         (".tsv.gz", "tsv"), (".tsv", "tsv"), (".parquet", "parquet"), (".txt", "text"),
                         (".md", "text")):
        if name.endswith(suffix):
            return kind
    raise InputError(f"{path}: unknown input type; use .txt/.md files or a folder, .csv, .tsv, .jsonl, "
                     ".ndjson, .json, .parquet (optionally .gz)")


@dataclass(frozen=True)
class Columns:
    """Which fields hold the text, id and date (None: detect from the usual names)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    group: str | None = None

    def resolve(self, names: Sequence[str], source: str) -> Columns:
        lower = {n.lower(): n for n in names}

        def pick(given: str | None, usual: Sequence[str], what: str, required: bool) -> str | None:
            if given:
                if given not in names:
                    raise InputError(f"{source}: no {what} column {given!r}; columns are {_listed(names)}")
                return given
            found = next((lower[u] for u in usual if u in lower), None)
            if found is None and required:
                raise InputError(f"{source}: no text column found among {_listed(names) or '(none)'}; "
                                 f"name it with --text-col")
            return found

        group = self.group
        if group and group not in names:
            raise InputError(f"{source}: no column {group!r} to group by; columns are {_listed(names)}")
        return Columns(pick(self.text, TEXT_COLUMNS, "text", True), pick(self.id, ID_COLUMNS, "id", False),
                       pick(self.date, DATE_COLUMNS, "date", False), group)


def check_columns(files: Sequence[Path], columns: Columns, encoding: str | None = None) -> None:
    """Refuse, before the run, a column named on the command line (``--text-col``,
    ``--id-col``, ``--date-col``, ``--by COLUMN``) that no input file has: each file would
    otherwise become one failed document.  Files whose columns differ are still read one by
    one (a file without the column is a failed document, the run goes on); files whose columns
    cannot be told without reading them all (a JSON array, an unreadable file) count as having it."""
    given = {what: name for what, name in (("--text-col", columns.text), ("--id-col", columns.id),
                                           ("--date-col", columns.date), ("--by", columns.group)) if name}
    if not given:
        return
    seen: list[tuple[Path, list[str]]] = []
    for path in files:
        names = _column_names(path, encoding)
        if names is None or all(name in names for name in given.values()):
            return
        seen.append((path, names))
    for what, name in given.items():
        if all(name not in names for _path, names in seen):
            path, names = next(((p, n) for p, n in seen if n), seen[0])
            problem = "not week, month or year, nor a column of the input" if what == "--by" else \
                "no such column in the input"
            detail = f"{path}: {_listed(names)}" if names else \
                "text files have no columns" if _kind(path) == "text" else f"{path} has no header"
            raise ConfigError(f"{what} {name!r}: {problem} ({detail})")


#: Most bytes of a file's first lines read to learn its column names before the run.
_HEAD_BYTES = 1 << 20
#: The UTF-8 byte order mark.
_BOM = b"\xef\xbb\xbf"


def _column_names(path: Path, encoding: str | None) -> list[str] | None:
    """The column names of a structured input from its header, first object or schema ([]
    for a text file or an empty table; None when they cannot be told from its first
    :data:`_HEAD_BYTES`, which the reading pass then decides)."""
    try:
        kind = _kind(path)
        if kind == "text":
            return []
        if kind == "parquet":
            import pyarrow.parquet as pq

            return list(pq.ParquetFile(path).schema_arrow.names)
        if kind == "json":
            return None
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rb") as handle:
            if kind in ("csv", "tsv"):
                head = handle.readline(_HEAD_BYTES)
                if head and not head.endswith(b"\n") and len(head) == _HEAD_BYTES:
                    return None
                text = head.decode(encoding or "utf-8-sig")
                return next(csv.reader([text], delimiter=_delimiter(path)), [])
            for _ in range(100):  # JSON Lines: the first object among the first lines
                line = handle.readline(_HEAD_BYTES)
                if not line or (not line.endswith(b"\n") and len(line) == _HEAD_BYTES):
                    return None
                try:
                    row = json.loads(line.removeprefix(_BOM))
                except ValueError:
                    continue
                if isinstance(row, dict):
                    return list(row)
    except Exception:  # noqa: BLE001 - unreadable here means: let the reading pass record why
        return None
    return None


def _delimiter(path: Path) -> str:
    return "\t" if _kind(path) == "tsv" else ","


def _listed(names: Sequence[str], most: int = 20, width: int = 40) -> str:
    """Column names for a message: at most ``most``, each cut to ``width`` characters."""
    shown = [n if len(n) <= width else n[:width - 1] + "…" for n in names[:most]]
    return ", ".join(shown) + (f", … ({len(names):,} in all)" if len(names) > most else "")


def _cell(value: Any) -> str | None:
    if value is None or value.__class__ is str:
        return value
    if isinstance(value, float) and value != value:  # NaN from pandas/parquet
        return None
    return value if isinstance(value, str) else str(value)


_new = tuple.__new__


def _record(position: int, row: dict, cols: Columns, source: str) -> Record:
    text = row.get(cols.text) if cols.text else None
    error = None
    if text.__class__ is str:
        pass
    elif text is None or (isinstance(text, float) and text != text):
        error, text = "missing text", None
    elif not isinstance(text, str):
        error, text = f"text is not a string (got {type(text).__name__})", None
    ident = _cell(row.get(cols.id)) if cols.id else None
    date = _cell(row.get(cols.date)) if cols.date else None
    group = _cell(row.get(cols.group)) if cols.group else None
    return _new(Record, (position, ident, date, source, text, error, group))


def iter_records(inputs: Sequence[str | Path], columns: Columns = Columns(), encoding: str | None = None,
                 progress: ReadProgress | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Record]:
    """Stream every document of every input, in order, as :class:`Record` objects."""
    progress = progress or ReadProgress()
    files = input_files(inputs)
    progress.total = sum(p.stat().st_size for p in files)
    position = 0
    for path in files:
        kind = _kind(path)
        reader = {"text": _read_text_file, "jsonl": _read_jsonl, "json": _read_json_array, "csv": _read_csv,
                  "tsv": _read_csv, "parquet": _read_parquet}[kind]
        try:
            if path.stat().st_size > max_bytes:
                raise InputError(f"{path}: larger than --max-bytes ({max_bytes:,} bytes)")
            for rec in reader(path, columns, encoding, progress, max_bytes):
                yield _new(Record, (position, *rec[1:]))  # rec._replace(position=position), faster
                position += 1
        except (InputError, OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
            yield Record(position, None, None, str(path), None, _reason(exc))
            position += 1


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return f"truncated input: {exc or 'compressed stream ended early'}"
    if isinstance(exc, OSError) and not isinstance(exc, InputError):
        return f"cannot read: {exc.strerror or exc}"
    return str(exc)


def _read_text_file(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
                    max_bytes: int) -> Iterator[Record]:
    from .text import decode

    data = path.read_bytes()
    progress.done += len(data)
    try:
        doc = decode(data, encoding, str(path))
        yield Record(0, str(path), None, str(path), doc.text)
    except InputError as exc:
        yield Record(0, str(path), None, str(path), None, str(exc))


class _Lines:
    """Binary lines of a plain or gzip file, counting raw bytes for progress and a size limit."""

    def __init__(self, path: Path, progress: ReadProgress, max_bytes: int):
        self.raw = open(path, "rb")  # noqa: SIM115
        self.path, self.progress, self.max_bytes = path, progress, max_bytes
        self.stream: Any = gzip.GzipFile(fileobj=self.raw) if path.name.lower().endswith(".gz") else self.raw
        self.read = 0
        self.last = 0

    def __iter__(self) -> Iterator[bytes]:
        read, limit = self.read, self.max_bytes
        try:
            for number, line in enumerate(self.stream):
                read += len(line)
                if read > limit:
                    raise InputError(f"{self.path}: more than --max-bytes ({limit:,}) after decompression")
                if not number & 255:
                    self._progress()
                yield line
            self._progress()
        finally:
            self.read = read
            self.raw.close()

    def _progress(self) -> None:
        pos = self.raw.tell()
        self.progress.done += pos - self.last
        self.last = pos


def _json_loaders(encoding: str | None) -> tuple[Callable[[bytes], Any], Callable[[bytes], Any]]:
    """(fast, exact) ``bytes -> object`` for one JSON line; exact is
    ``json.loads(line.decode(encoding))``, fast the same through orjson where it agrees.

    orjson parses a line four times faster than the standard library (batch runs over tweets
    spend more time reading JSON than measuring without it).  It refuses a few things the
    standard library accepts (NaN, lone surrogates, 1e400), and those lines go to the exact
    reader, so results and error messages are the standard library's.  It also reads
    integers beyond 64 bits as floats: a record whose text, id, date or group came back a
    float is read again exactly (see :func:`_read_jsonl`)."""
    def exact(line: bytes) -> Any:
        return json.loads(line.decode(encoding or "utf-8"))

    if encoding not in (None, "utf-8", "utf8", "UTF-8"):
        return exact, exact
    try:
        from orjson import JSONDecodeError, loads
    except ImportError:  # orjson is a dependency, but the reader works without it
        return exact, exact

    def fast(line: bytes) -> Any:
        try:
            return loads(line)
        except JSONDecodeError:
            return exact(line)

    return fast, exact


def _read_jsonl(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
                max_bytes: int) -> Iterator[Record]:
    cols: Columns | None = None
    used: tuple[str, ...] = ()
    number = 0
    name = str(path)
    fast, exact = _json_loaders(encoding)
    for number, line in enumerate(_Lines(path, progress, max_bytes), start=1):
        if not line or line.isspace():
            continue
        if number == 1:
            line = line.removeprefix(_BOM)  # as some Windows tools write
        try:
            row = fast(line)
            if row.__class__ is dict and float in map(type, map(row.get, used)):
                row = exact(line)
        except UnicodeDecodeError as exc:
            yield Record(0, None, None, f"{name}:{number}", None, f"line {number}: not valid UTF-8 at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield Record(0, None, None, f"{name}:{number}", None, f"line {number}: malformed JSON ({exc.msg})")
            continue
        if not isinstance(row, dict):
            yield Record(0, None, None, f"{name}:{number}", None, f"line {number}: not a JSON object")
            continue
        if cols is None:
            cols = columns.resolve(list(row), name)
            used = tuple(c for c in (cols.text, cols.id, cols.date, cols.group) if c)
            if float in map(type, map(row.get, used)):
                row = exact(line)
        yield _record(0, row, cols, f"{name}:{number}")


def _read_json_array(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
                     max_bytes: int) -> Iterator[Record]:
    data = path.read_bytes()
    progress.done += len(data)
    try:
        rows = json.loads(data.decode(encoding or "utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a valid JSON file ({exc})") from None
    if not isinstance(rows, list):
        raise InputError(f"{path}: expected a JSON array of objects")
    cols = None
    for number, row in enumerate(rows):
        where = f"{path}[{number}]"
        if not isinstance(row, dict):
            yield Record(0, None, None, where, None, f"item {number}: not a JSON object")
            continue
        cols = cols or columns.resolve(list(row), str(path))
        yield _record(0, row, cols, where)


def _read_csv(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
              max_bytes: int) -> Iterator[Record]:
    delimiter = _delimiter(path)
    skip = 0  # physical lines already read, when reading again after an unclosed quote
    header: list[str] = []
    while True:
        lines = _Lines(path, progress if not skip else ReadProgress(), max_bytes)
        raw = iter(lines)
        for _ in range(skip):
            next(raw, None)
        text_stream = io.TextIOWrapper(_Iterable(raw),  # type: ignore[type-var]
                                       encoding=encoding or "utf-8-sig", errors="strict", newline="")
        reader = csv.reader(text_stream, delimiter=delimiter, strict=True)  # an unclosed quote is an error
        if not skip:
            try:
                header = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: not valid UTF-8 in the header ({exc.reason}); try --encoding") from None
            cols = columns.resolve(header, str(path))
        width = len(header)
        while True:
            line = skip + reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield Record(0, None, None, f"{path}:{line}", None, f"line {line}: not valid UTF-8 ({exc.reason})")
                return
            except csv.Error as exc:
                if "end of data" in str(exc):
                    # a quote opened on this line is never closed: the reader swallowed the rest of
                    # the file as one field; record this line and read on from the next one
                    yield Record(0, None, None, f"{path}:{line}", None,
                                 f"line {line}: malformed CSV (a quote opens here and is never closed)")
                    skip = line
                    break
                yield Record(0, None, None, f"{path}:{line}", None, f"line {line}: malformed CSV ({exc})")
                continue
            if len(cells) != width:
                yield Record(0, None, None, f"{path}:{line}", None,
                             f"line {line}: {len(cells)} fields, header has {width} (unbalanced quotes?)")
                continue
            yield _record(0, dict(zip(header, cells, strict=True)), cols, f"{path}:{line}")


class _Iterable(io.RawIOBase):
    """A readable binary stream over an iterator of byte lines (for TextIOWrapper)."""

    def __init__(self, lines: Iterator[bytes]):
        self.lines, self.buffer = lines, b""

    def readable(self) -> bool:
        return True

    def readinto(self, b: Any) -> int:
        while not self.buffer:
            try:
                self.buffer = next(self.lines)
            except StopIteration:
                return 0
        n = min(len(b), len(self.buffer))
        b[:n], self.buffer = self.buffer[:n], self.buffer[n:]
        return n


def _read_parquet(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
                  max_bytes: int) -> Iterator[Record]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f"{path}: reading Parquet needs pyarrow: pip install 'rhetoric[parquet]'") from None
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises its own error types for corrupt files
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    cols = columns.resolve(handle.schema_arrow.names, str(path))
    wanted = [c for c in (cols.text, cols.id, cols.date, cols.group) if c]
    size = path.stat().st_size
    rows_total = handle.metadata.num_rows or 1
    n = 0
    for batch in handle.iter_batches(columns=sorted(set(wanted)), batch_size=4096):
        for row in batch.to_pylist():
            n += 1
            yield _record(0, row, cols, f"{path}#{n}")
        progress.done = min(progress.total, progress.done + size * batch.num_rows // rows_total)


# -- the per-document function in batch form ----------------------------------------------

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


def keyness_counts(m: Measurement, parsed: Parsed | None = None) -> tuple[Counter, Counter]:
    """Lower-cased word counts in sentences about A but not B, and about B but not A
    (entity mentions themselves left out).  ``parsed``: the tokens the measurement read,
    if at hand (else the text is parsed again)."""
    from .sentences import parse

    pair = m.config.pair
    a_words: Counter = Counter()
    b_words: Counter = Counter()
    if pair is None:
        return a_words, b_words
    toks = (parsed or parse(m.text)).toks
    for s, att in zip(m.sentence_list, m.attribution, strict=True):
        in_a, in_b = pair[0] in att.entities, pair[1] in att.entities
        if in_a == in_b:
            continue
        mentioned = {k for x in att.mentions for k in range(x.first_token, x.end_token)}
        words = [toks[k].norm for k in range(s.first_token, s.end_token)
                 if toks[k].kind == "word" and any(map(str.isalpha, toks[k].text)) and k not in mentioned]
        (a_words if in_a else b_words).update(words)
    return a_words, b_words


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

    config = config or (default_config() if entities is None and topics is None and carry and pair is None
                        else Config.make(entities, topics, carry, pair))
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
    rows = [measure_record(r, config).row for r in records]
    # a DataFrame's own index, so that ``frame.join(docs)`` puts the measures beside its other columns
    index = texts.index if isinstance(texts, pd.DataFrame) else None
    return pd.DataFrame(rows, columns=document_columns(config), index=index)


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


def run_batch(inputs: Sequence[str | Path], options: BatchOptions, config: Config, columns: Columns = Columns(),
              encoding: str | None = None, progress_to: Any = None) -> BatchReport:
    """Measure every document of ``inputs`` into ``options.output`` (see module docstring)."""
    from . import tables

    started = time.perf_counter()
    check_date_bounds(options.since, options.until)
    if encoding:
        from .text import check_encoding

        check_encoding(encoding, "--encoding: ")
    if options.jobs < 0:
        raise ConfigError(f"--jobs {options.jobs}: give the number of worker processes, or 0 for all cores")
    output = options.output
    writer = tables.writer_for(output, options.escape_formulas)
    ev_writer = tables.writer_for(options.evidence, options.escape_formulas) if options.evidence else None
    from .text import check_outputs

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
    names = document_columns(config, group_column(options))
    columns = replace(columns, group=group_column(options))
    report = BatchReport()
    progress = ReadProgress()
    bar = _Progress(progress, options.quiet, progress_to)
    seen: set[bytes] = set()
    records = iter_records(files, columns, encoding, progress, options.max_bytes)
    want_keyness = options.keyness is not None
    want_evidence = ev_writer is not None or writer.name == "sqlite"
    job = ChunkJob(config, want_evidence, want_keyness, group_column(options), writer, tuple(names))
    engine = _engine(options, job)

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
            pieces = _chunks(kept, chunk_size(len(kept), options)) or [[]]
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
                tables.write_text_part("".join(r.evidence for r in results), work / f"evidence-{number:06d}")
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
    return hashlib.sha256(repr((__version__, _code_digest(), stats, key, config, columns)).encode()).hexdigest()


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

@dataclass(frozen=True)
class ChunkJob:
    """What a worker needs to turn a chunk of records into a :class:`ChunkResult`."""

    config: Config
    evidence: bool
    keyness: bool
    group: str | None
    writer: Any          # formats the rows of text outputs (CSV, TSV, JSON Lines) in the worker
    names: tuple[str, ...]


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
    from . import tables

    results = [measure_record(r, job.config, job.evidence, job.keyness, job.group) for r in chunk]
    rows = [r.row for r in results]
    failures = [(str(row[0] or row[2]), row[-1]) for row in rows if row[-1]]
    text = job.writer.format_rows(rows, list(job.names))
    evidence = tables.jsonl_text([e for r in results for e in r.evidence]) if job.evidence else ""
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

    from .lexicons import load_lexicons

    # Ctrl-C reaches the whole process group: the main process alone handles it (and ends the
    # pool); a worker stopped mid-task by it could leave the pool waiting for ever
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["job"] = job
    load_lexicons(job.config.lexicons)
    gc.freeze()  # the lexicons live as long as the worker: keep them out of every collection


def _measure_columns(columns: tuple[tuple[Any, ...], ...]) -> ChunkResult:
    """:func:`measure_chunk` in a pool worker, on a chunk sent as columns (one tuple per
    field of :class:`Record`): pickled and unpickled in a third of the time of the records."""
    return measure_chunk(list(map(Record._make, zip(*columns, strict=True))), _WORKER["job"])


#: Fewest documents per task: smaller tasks cost more in the main process than they spread.
MIN_CHUNK_DOCS = 256


def chunk_size(documents: int, options: BatchOptions) -> int:
    """Documents per task for a part of ``documents``: ``options.chunk_docs``, but small
    enough that every worker gets two tasks of the part or more (a part of 6,519 posts in
    chunks of 2,048 left one of 2 workers idle a third of the time)."""
    jobs = options.jobs or os.cpu_count() or 1
    return max(MIN_CHUNK_DOCS, min(options.chunk_docs, -(-documents // (2 * jobs))))


def _chunks(records: list[Record], size: int) -> list[list[Record]]:
    return [records[i:i + size] for i in range(0, len(records), size)]


class _LocalEngine:
    """Measure chunks in this process (1 job) or in a pool of processes, in input order."""

    def __init__(self, options: BatchOptions, job: ChunkJob):
        jobs = options.jobs or os.cpu_count() or 1
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


class _DaskEngine:
    """The same per-document function over chunks on a Dask cluster, results in input order."""

    def __init__(self, options: BatchOptions, job: ChunkJob):
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--engine dask needs dask.distributed: pip install 'rhetoric[dask]'") from None
        self.client = Client(options.scheduler) if options.scheduler else Client(processes=False)
        self.job = job

    def stream(self, chunks: Iterator[tuple[Any, list[Record]]]) -> Iterator[tuple[Any, ChunkResult]]:
        """The same ordered, bounded window as the local engine, with futures on the cluster."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        job = self.client.scatter(self.job, broadcast=True)
        yield from _windowed(chunks, lambda chunk: self.client.submit(measure_chunk, chunk, job, pure=False),
                             lambda future: future.result(), WINDOW * workers)

    def close(self) -> None:
        self.client.close()


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


def group_column(options: BatchOptions) -> str | None:
    """The input column named by ``--by``, unless --by is a period."""
    return options.by if options.by and options.by not in ("week", "month", "year") else None


def _engine(options: BatchOptions, job: ChunkJob) -> Any:
    if options.engine == "dask":
        return _DaskEngine(options, job)
    if options.engine != "local":
        raise ConfigError(f"--engine {options.engine!r}: choose local or dask")
    return _LocalEngine(options, job)


# -- finishing ---------------------------------------------------------------------------------

def _finish(work: Path, state: dict, options: BatchOptions, config: Config, names: list[str],
            writer: Any, ev_writer: Any) -> BatchReport:
    from . import tables
    from .asymmetry import keyness, summarize

    parts = [work / f"docs-{n:06d}" for n in range(1, state["parts"] + 1)]
    ev_parts = [work / f"evidence-{n:06d}" for n in range(1, state["parts"] + 1)]
    report = BatchReport(documents=state["done"] - state["duplicates"] - state["filtered"], failed=state["failed"],
                         duplicates=state["duplicates"], filtered=state["filtered"],
                         unread_dates=state.get("unread_dates", 0),
                         failures=[tuple(f) for f in state["failures"]])
    summary = None
    if options.by or writer.name == "sqlite" or options.summary:
        from .measures import RATED

        wanted = {"date", "error", "words", *([group_column(options)] if group_column(options) else [])}
        counted = ("words", *RATED, *(f"{t}_words" for t in config.topics.names))
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
        tables.write_frame(report.keyness, options.keyness, options.escape_formulas)
    if options.summary is not None and summary is not None:
        tables.write_frame(summary, options.summary, options.escape_formulas)
    tmp = options.output.with_name(f".{options.output.name}.tmp")
    writer.finalize(parts, names, tmp, evidence_parts=ev_parts if writer.name == "sqlite" else None,
                    summary=summary)
    os.replace(tmp, options.output)
    if ev_writer is not None and options.evidence is not None:
        ev_tmp = options.evidence.with_name(f".{options.evidence.name}.tmp")
        ev_writer.finalize_rows(tables.read_jsonl_parts(ev_parts), tables.EVIDENCE_COLUMNS, ev_tmp)
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
