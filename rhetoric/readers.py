"""Reading corpora: files and folders in many formats streamed record by record, each document
or the failure to read one becoming a :class:`Record` (nothing is dropped silently)."""

from __future__ import annotations

import csv
import gzip
import io
import itertools
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NamedTuple, cast

from .errors import ConfigError, InputError
from .text import decode

TEXT_COLUMNS = ("text", "content", "body", "full_text", "tweet", "post", "message")


ID_COLUMNS = ("id", "post_id", "tweet_id", "doc_id", "uuid")


DATE_COLUMNS = ("date", "created_at", "timestamp", "datetime", "time", "published")


#: The usual names of a platform's repost flag (``--repost-col`` names another).
REPOST_COLUMNS = ("repost", "is_repost", "is_retweet", "retweeted", "is_reblog", "reblog")


TEXT_SUFFIXES = (".txt", ".md")


#: Default largest input file or decompressed stream, in bytes (``--max-bytes``): 4 GiB,
#: some ten million posts, while a gzip bomb stops within seconds of reading.
MAX_BYTES = 4 * 1024**3


class Record(NamedTuple):
    """One input document, or the failure to read one."""

    position: int
    id: str | None
    date: str | None
    source: str
    text: str | None
    error: str | None = None
    group: str | None = None  # value of the --by column, when grouping by a column
    #: the values of ``Columns.extra`` (kept and filtered columns), as the input typed them
    fields: tuple[Any, ...] = ()
    #: the input's repost flag (None: the input has none)
    repost: bool | None = None


@dataclass
class ReadProgress:
    """Bytes read so far of the inputs' total, for the progress bar's ETA."""

    total: int = 0
    done: int = 0


#: The input ``-``: standard input, JSON Lines or plain text (one document a line).
STDIN = Path("-")


class Url(str):
    """An input named by an fsspec URL (``s3://bucket/posts.jsonl``, ``gs://…``,
    ``file:///…``), read through fsspec (with the protocol's package installed: s3fs, gcsfs)
    wherever a local file is read with ``open``: the readers, the planning of partitions and
    the workers of ``--engine dask``."""

    __slots__ = ()

    @property
    def name(self) -> str:
        return self.rstrip("/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix

    def stat(self) -> Any:
        """Size and a modification stamp (``st_mtime_ns``: the store's time, else a hash of its ETag)."""
        import fsspec

        fs, path = fsspec.core.url_to_fs(str(self))
        info = fs.info(path)
        stamp = info.get("mtime") or info.get("LastModified") or info.get("updated") or info.get("created")
        if hasattr(stamp, "timestamp"):
            stamp = stamp.timestamp()
        try:
            mtime_ns = int(float(stamp) * 1e9)
        except (TypeError, ValueError):
            mtime_ns = hash(str(info.get("ETag") or info.get("etag") or stamp))
        return SimpleNamespace(st_size=int(info.get("size") or 0), st_mtime_ns=mtime_ns)

    def read_bytes(self) -> bytes:
        with open_binary(self) as handle:
            return handle.read()


def is_url(item: str | Path) -> bool:
    return isinstance(item, str) and "://" in item


def as_input(item: str | Path) -> Path:
    """An input file as the readers take it: a :class:`Url` for an fsspec URL (which stands in
    for a Path wherever the readers use one), else a Path."""
    return cast(Path, Url(item)) if is_url(item) else Path(item)


def open_binary(path: Path | Url) -> Any:
    """A binary file object for a local path or a :class:`Url`."""
    if isinstance(path, Url):
        import fsspec

        return fsspec.open(str(path), "rb").open()
    return open(path, "rb")  # noqa: SIM115


def _expand_url(url: str) -> list[Path]:
    """The files a URL names: itself, or those a glob matches (``s3://bucket/posts/*.jsonl``), sorted."""
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(url)
        if any(c in path for c in "*?["):
            protocol = url.split("://", 1)[0]
            found = sorted(fs.glob(path))
            if not found:
                raise InputError(f"{url}: matches no file")
            return [as_input(f"{protocol}://{p}") for p in found]
        if not fs.exists(path):
            raise InputError(f"{url}: no such file")
        if fs.isdir(path):
            raise InputError(f"{url}: a folder URL; name its files, or a glob such as {url.rstrip('/')}/*.jsonl")
    except InputError:
        raise
    except ImportError as exc:  # fsspec says which package: "Install s3fs to access S3"
        raise InputError(f"{url}: {exc}") from None
    except (ValueError, OSError) as exc:  # an unknown protocol, a store that cannot be reached
        raise InputError(f"{url}: {exc}") from None
    return [as_input(url)]


def input_files(inputs: Sequence[str | Path]) -> list[Path]:
    """Expand folders (recursively, .txt/.md, sorted) and check files exist (``-``: standard
    input, once)."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if is_url(item):
            files += _expand_url(str(item))
        elif str(item) == "-":
            if STDIN in files:
                raise InputError("-: standard input can be read once")
            files.append(STDIN)
        elif path.is_dir():
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
    if path == STDIN:
        return "stdin"
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
    """Which fields hold the text, id and date (None: detect from the usual names), the --by
    column, the columns kept in the output and read by filters, and the repost flag."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    group: str | None = None
    keep: tuple[str, ...] = ()
    filtered: tuple[str, ...] = ()   # the columns --where/--exclude read
    repost: str | None = None        # None: the first of REPOST_COLUMNS the input has, if any
    repost_given: bool = False       # --repost-col: the column must exist

    @property
    def extra(self) -> tuple[str, ...]:
        """The columns whose values a record carries in ``fields``, in this order."""
        return tuple(dict.fromkeys((*self.keep, *self.filtered)))

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
        repost = pick(self.repost, (), "repost", False) if self.repost_given else \
            next((lower[u] for u in REPOST_COLUMNS if u in lower), None)
        return Columns(pick(self.text, TEXT_COLUMNS, "text", True), pick(self.id, ID_COLUMNS, "id", False),
                       pick(self.date, DATE_COLUMNS, "date", False), group, self.keep, self.filtered, repost,
                       self.repost_given)


def check_columns(files: Sequence[Path], columns: Columns, encoding: str | None = None) -> None:
    """Refuse, before the run, a column named on the command line (``--text-col``,
    ``--id-col``, ``--date-col``, ``--by COLUMN``) that no input file has: each file would
    otherwise become one failed document.  Files whose columns differ are still read one by
    one (a file without the column is a failed document, the run goes on); files whose columns
    cannot be told without reading them all (a JSON array, an unreadable file) count as having it."""
    given = [(what, name) for what, name in (("--text-col", columns.text), ("--id-col", columns.id),
                                             ("--date-col", columns.date), ("--by", columns.group),
                                             ("--repost-col", columns.repost if columns.repost_given else None))
             if name]
    given += [("--keep/--where/--exclude", name) for name in columns.extra]
    if not given:
        return
    seen: list[tuple[Path, list[str]]] = []
    for path in files:
        names = column_names(path, encoding)
        if names is None or all(name in names for _what, name in given):
            return
        seen.append((path, names))
    for what, name in given:
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


def column_names(path: Path, encoding: str | None) -> list[str] | None:
    """The column names of a structured input from its header, first object or schema ([]
    for a text file or an empty table; None when they cannot be told from its first
    :data:`_HEAD_BYTES`, which the reading pass then decides)."""
    try:
        kind = _kind(path)
        if kind == "text":
            return []
        if kind == "stdin":
            return None  # not read before the run: the reading pass decides
        if kind == "parquet":
            import pyarrow.parquet as pq

            with open_binary(path) as raw:
                return list(pq.ParquetFile(raw).schema_arrow.names)
        if kind == "json":
            return None
        with open_binary(path) as raw, (gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz")
                                        else raw) as handle:
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
    fields = tuple(map(row.get, cols.extra)) if cols.keep or cols.filtered else ()
    repost = flag(row.get(cols.repost)) if cols.repost else None
    return _new(Record, (position, ident, date, source, text, error, group, fields, repost))


def flag(value: Any) -> bool | None:
    """A repost flag as inputs write it: true/false, 1/0, yes/no, "True"; None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value == value and bool(value)
    return str(value).strip().lower() in ("true", "1", "yes", "y", "t")


def iter_records(inputs: Sequence[str | Path], columns: Columns = Columns(), encoding: str | None = None,
                 progress: ReadProgress | None = None, max_bytes: int = MAX_BYTES) -> Iterator[Record]:
    """Stream every document of every input, in order, as :class:`Record` objects."""
    progress = progress or ReadProgress()
    files = input_files(inputs)
    progress.total = sum(p.stat().st_size for p in files if p != STDIN)
    position = 0
    for path in files:
        kind = _kind(path)
        reader = {"text": _read_text_file, "jsonl": _read_jsonl, "json": _read_json_array, "csv": _read_csv,
                  "tsv": _read_csv, "parquet": _read_parquet, "stdin": _read_stdin}[kind]
        try:
            if path != STDIN and path.stat().st_size > max_bytes:
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
        self.raw = open_binary(path)
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
    return _jsonl_records(_Lines(path, progress, max_bytes), str(path), columns, encoding)


def _jsonl_records(lines: Iterable[bytes], name: str, columns: Columns, encoding: str | None, first: int = 1,
                   resolved: Columns | None = None) -> Iterator[Record]:
    """Records of JSON Lines whose first is line ``first`` of the file ``name``; ``resolved``:
    the file's columns when these lines do not start it (see :mod:`rhetoric.partitions`)."""
    cols: Columns | None = resolved
    used: tuple[str, ...] = tuple(c for c in (cols.text, cols.id, cols.date, cols.group) if c) if cols else ()
    fast, exact = _json_loaders(encoding)
    for number, line in enumerate(lines, start=first):
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


def _read_stdin(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
                max_bytes: int) -> Iterator[Record]:
    """Standard input: JSON Lines when its first line that is not blank opens a JSON object,
    else plain text, one document a line (blank lines are no documents)."""
    lines = _limited(sys.stdin.buffer, max_bytes, progress)
    head: list[bytes] = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    stream = itertools.chain(head, lines)
    if head and head[-1].lstrip().removeprefix(_BOM).startswith(b"{"):
        yield from _jsonl_records(stream, "<stdin>", columns, encoding)
        return
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        source = f"<stdin>:{number}"
        try:
            text = line.decode(encoding or "utf-8").removeprefix("\ufeff").rstrip("\r\n")
        except (UnicodeDecodeError, LookupError) as exc:
            yield Record(0, None, None, source, None, f"line {number}: not valid {encoding or 'UTF-8'} ({exc})")
            continue
        yield Record(0, str(number), None, source, text)


def _limited(stream: Any, max_bytes: int, progress: ReadProgress) -> Iterator[bytes]:
    read = 0
    for line in stream:
        read += len(line)
        if read > max_bytes:
            raise InputError(f"-: more than --max-bytes ({max_bytes:,}) on standard input")
        progress.done += len(line)
        yield line


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
    # a post may be longer than the csv module's default field limit (128 KiB); the limit is the
    # process's, so it is raised only while this file is read
    previous = csv.field_size_limit(2**31 - 1)
    try:
        yield from _read_csv_rows(path, columns, encoding, progress, max_bytes)
    finally:
        csv.field_size_limit(previous)


def _read_csv_rows(path: Path, columns: Columns, encoding: str | None, progress: ReadProgress,
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
        handle = pq.ParquetFile(open_binary(path))
    except Exception as exc:  # pyarrow raises its own error types for corrupt files
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from None
    yield from parquet_records(handle, str(path), columns, progress, path.stat().st_size)


def parquet_records(handle: Any, name: str, columns: Columns, progress: ReadProgress | None = None, size: int = 0,
                    row_groups: Sequence[int] | None = None, first_row: int = 0) -> Iterator[Record]:
    """The records of an open ``pyarrow.parquet.ParquetFile`` (of ``row_groups`` only, whose first
    row is row ``first_row`` of the file: see :mod:`rhetoric.partitions`)."""
    cols = columns.resolve(handle.schema_arrow.names, name)
    wanted = [c for c in (cols.text, cols.id, cols.date, cols.group, cols.repost, *cols.extra) if c]
    rows_total = handle.metadata.num_rows or 1
    n = first_row
    for batch in handle.iter_batches(columns=sorted(set(wanted)), batch_size=4096, row_groups=row_groups):
        for row in batch.to_pylist():
            n += 1
            yield _record(0, row, cols, f"{name}#{n}")
        if progress is not None:
            progress.done = min(progress.total, progress.done + size * batch.num_rows // rows_total)
