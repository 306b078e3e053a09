"""Writing outputs: files written atomically and never over an input, and the batch writers
(CSV, TSV, JSON Lines, Parquet, SQLite) with one storage type per column."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .dates import document_moment
from .errors import ConfigError, InputError


def check_outputs(outputs: list[Path], force: bool, inputs: Sequence[str | Path] = ()) -> None:
    """Refuse, before any work, to write over an input (even with --force: a chart's data
    sidecar ``keyness.csv`` beside ``keyness.png`` must not replace the ``keyness.csv`` it is
    drawn from; links and hard links count), to write one file twice (``-o x.csv --chart
    x.png``), or, without ``force``, over an existing file."""
    sources = [Path(p) for p in inputs if str(p) != "-"]
    paths = {p.resolve() for p in sources}
    files = {_identity(p) for p in sources} - {None}  # (device, inode): hard links are the same file
    seen: dict[Path, Path] = {}
    for target in outputs:
        resolved = target.resolve()
        if resolved in paths or _identity(target) in files:
            raise InputError(f"{target}: is an input of this command; choose another output name")
        if resolved in seen:
            raise InputError(f"{target}: two outputs of this command would be written to this file (a chart "
                             "also writes NAME.csv and NAME.json); choose other names")
        seen[resolved] = target
        if not force and target.exists():
            raise InputError(f"{target}: exists; use --force to overwrite it")


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _umask() -> int:
    import os

    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: str | bytes, force: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place; with
    ``force=False`` an existing file is an error instead."""
    import os
    import tempfile

    target = Path(path)
    if not force and target.exists():
        raise InputError(f"{target}: exists; use --force to overwrite it")
    if target.is_dir():
        raise InputError(f"{target}: is a directory; give a file name for the output")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.exists():
        raise InputError(f"{directory}: output folder does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())  # the mode a plain open() gives, not mkstemp's private 0600
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


EVIDENCE_COLUMNS = ["document", "position", "signal", "kind", "marks", "text", "start", "end", "sentence", "entities",
                    "via", "voice", "sentence_text"]


_TEXT_COLUMNS = frozenset({"id", "date", "source", "error", "document", "signal", "kind", "text", "entities", "via",
                           "group", "word", "favours", "repost", "voice", "sentence_text"})


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def column_type(name: str) -> str:
    """Storage type of a documents/evidence column, from its name: str, timestamp, bool, float or
    int (``date``: a timestamp in Parquet and SQLite, the input's text in CSV and JSON Lines)."""
    if name == "date":
        return "timestamp"
    if name in _TEXT_COLUMNS:
        return "str"
    if name in ("all_caps_text", "low_n"):
        return "bool"
    if name.endswith(("per_100_words", "_share", "_density", "_low", "_high", "log_odds", "_z")) \
            or name.startswith("asymmetry_") or name == "z":
        return "float"
    return "int"


def frame_types(frame: Any) -> list[str]:
    """Storage types of a small table's columns (a summary, a keyness table), from its dtypes."""
    kinds = []
    for dtype in frame.dtypes:
        kind = getattr(dtype, "kind", "O")
        kinds.append({"b": "bool", "f": "float", "i": "int", "u": "int"}.get(kind, "str"))
    return kinds


def _stored(kinds: list[str], rows: Iterable[Sequence[Any]], coerced: Sequence[int] = ()) -> Iterator[list[Any]]:
    """Rows with their timestamp cells as aware UTC datetimes (None when the date cannot be
    read), and the cells of ``coerced`` columns (copied from the input) made their column's type."""

    dated = [i for i, k in enumerate(kinds) if k == "timestamp"]
    for row in rows:
        values = list(row)
        for i in dated:
            values[i] = document_moment(values[i]) if values[i] is not None else None
        for i in coerced:
            values[i] = coerce(kinds[i], values[i])
        yield values


def value_type(value: Any) -> str:
    """The storage type of a column copied from the input, from a value of it."""
    return "bool" if isinstance(value, bool) else "int" if isinstance(value, int) else \
        "float" if isinstance(value, float) else "str"


def coerce(kind: str, value: Any) -> Any:
    """An input's value as a cell of a column of type ``kind`` (None when it cannot be one)."""
    if value is None:
        return None
    try:
        if kind == "bool":
            return value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1", "yes", "t", "y")
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False) \
        if isinstance(value, (list, dict)) else str(value)


class Typed:
    """Column types beyond those known by name (:func:`column_type`): the ``--by`` column and
    the columns copied from the input with ``--keep``, whose cells are made that type."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}

    def with_types(self, types: dict[str, str]) -> Any:
        self.types = dict(types)
        return self

    def kinds(self, names: Sequence[str]) -> list[str]:
        return [self.types.get(n) or column_type(n) for n in names]

    def coerced(self, names: Sequence[str]) -> list[int]:
        return [i for i, n in enumerate(names) if n in self.types]


def defuse(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


Row = Sequence[Any]  # values in the order of the table's column names


class CsvWriter(Typed):
    name = "csv"
    suffix = ".csv"

    def __init__(self, escape_formulas: bool = True, delimiter: str = ","):
        super().__init__()
        self.escape, self.delimiter = escape_formulas, delimiter

    def _rows_text(self, rows: Iterable[Row], names: list[str]) -> str:
        """CSV lines; csv writes None as an empty cell and floats with repr (round-trip)."""
        buffer = io.StringIO()
        # CRLF (RFC 4180): the csv module quotes a field only for characters of the line
        # terminator, so with "\n" alone a bare carriage return in a post would split a row.
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        text = [i for i, k in enumerate(self.kinds(names)) if k in ("str", "timestamp")] if self.escape else []
        for row in rows:
            if any(row[i].__class__ is str and row[i].startswith(_FORMULA_START) for i in text):
                row = [defuse(v) if i in text else v for i, v in enumerate(row)]
            writer.writerow(row)
        return buffer.getvalue()

    def format_rows(self, rows: list[Row], names: list[str]) -> str | None:
        """The rows as they go into the file (None when the writer needs the values instead)."""
        return self._rows_text(rows, names)

    def write_part(self, rows: list[Row], names: list[str], stem: Path, text: str = "") -> None:
        """Rows of one part, or the part already formatted (``text``, by :meth:`format_rows`)."""
        _write_atomic(stem.with_suffix(self.suffix), (text or self._rows_text(rows, names)).encode("utf-8"))

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None,
                   header: bool = False):
        """Columns of the parts (``header``: each part begins with the header line)."""
        import pandas as pd

        frames = [pd.read_csv(p.with_suffix(self.suffix), header=None, names=names, usecols=usecols,
                              skiprows=1 if header else 0,
                              sep=self.delimiter, keep_default_na=False, na_values=[""], dtype={"id": str})
                  for p in parts if p.with_suffix(self.suffix).stat().st_size]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=usecols or names)

    def write_file(self, rows: list[Row], names: list[str], target: Path, text: str = "") -> None:
        """One whole file of rows (a part of a partitioned output): the header, then the rows."""
        with open(target, "wb") as out:
            out.write(self._rows_text([names], names).encode("utf-8"))
            out.write((text or self._rows_text(rows, names)).encode("utf-8"))

    def finalize(self, parts: list[Path], names: list[str], target: Path, **_: Any) -> None:
        with open(target, "wb") as out:
            out.write(self._rows_text([names], names).encode("utf-8"))
            for p in parts:
                with open(p.with_suffix(self.suffix), "rb") as handle:
                    shutil.copyfileobj(handle, out)

    def finalize_rows(self, rows: Iterable[dict[str, Any]], names: list[str], target: Path) -> None:
        with open(target, "w", encoding="utf-8", newline="") as out:
            out.write(self._rows_text([names], names))
            batch: list[Row] = []
            for row in rows:
                batch.append([row.get(n) for n in names])
                if len(batch) == 5000:
                    out.write(self._rows_text(batch, names))
                    batch = []
            out.write(self._rows_text(batch, names))


class JsonlWriter(Typed):
    name = "jsonl"
    suffix = ".jsonl"

    def __init__(self, escape_formulas: bool = True):
        super().__init__()
        self.escape = escape_formulas

    def format_rows(self, rows: list[Row], names: list[str]) -> str | None:
        return jsonl_text([dict(zip(names, row, strict=True)) for row in rows])

    def write_part(self, rows: list[Row], names: list[str], stem: Path, text: str = "") -> None:
        _write_atomic(stem.with_suffix(self.suffix), (text or self.format_rows(rows, names) or "").encode("utf-8"))

    def write_file(self, rows: list[Row], names: list[str], target: Path, text: str = "") -> None:
        """One whole file of rows (a part of a partitioned output)."""
        Path(target).write_bytes((text or self.format_rows(rows, names) or "").encode("utf-8"))

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None,
                   header: bool = False):
        import pandas as pd

        rows = read_jsonl_parts(parts)
        frame = pd.DataFrame.from_records(({c: r.get(c) for c in (usecols or names)} for r in rows),
                                          columns=usecols or names)
        return frame

    def finalize(self, parts: list[Path], names: list[str], target: Path, **_: Any) -> None:
        with open(target, "wb") as out:
            for p in parts:
                with open(p.with_suffix(self.suffix), "rb") as handle:
                    shutil.copyfileobj(handle, out)

    def finalize_rows(self, rows: Iterable[dict[str, Any]], names: list[str], target: Path) -> None:
        with open(target, "w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")


def jsonl_text(rows: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def write_text_part(text: str, stem: Path) -> None:
    """A JSON Lines part already formatted (:func:`jsonl_text`)."""
    _write_atomic(stem.with_suffix(".jsonl"), text.encode("utf-8"))


def read_jsonl_parts(stems: list[Path]) -> Iterator[dict[str, Any]]:
    for stem in stems:
        path = stem.with_suffix(".jsonl")
        if path.exists():
            with open(path, encoding="utf-8") as handle:
                for line in handle:
                    yield json.loads(line)


def _arrow_schema(names: list[str], kinds: list[str] | None = None):
    import pyarrow as pa

    types = {"str": pa.string(), "bool": pa.bool_(), "float": pa.float64(), "int": pa.int64(),
             "timestamp": pa.timestamp("us", tz="UTC")}
    kinds = kinds or [column_type(n) for n in names]
    return pa.schema([(n, types[k]) for n, k in zip(names, kinds, strict=True)])


class ParquetWriter(Typed):
    name = "parquet"
    suffix = ".parquet"

    def __init__(self, escape_formulas: bool = True):
        super().__init__()
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ConfigError("writing Parquet needs pyarrow: pip install 'rhetoric[parquet]'") from None

    def _table(self, rows: list[Row], names: list[str], kinds: list[str] | None = None):
        import pyarrow as pa

        coerced = [] if kinds else self.coerced(names)
        kinds = kinds or self.kinds(names)
        schema = _arrow_schema(names, kinds)
        rows = list(_stored(kinds, rows, coerced))
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        return pa.Table.from_arrays([pa.array(c, type=t.type) for c, t in zip(columns, schema, strict=True)],
                                    schema=schema)

    def format_rows(self, rows: list[Row], names: list[str]) -> str | None:
        return None  # Parquet parts are built from the values

    def write_part(self, rows: list[Row], names: list[str], stem: Path, text: str = "") -> None:
        tmp = stem.with_suffix(".parquet.tmp")
        self.write_file(rows, names, tmp)
        os.replace(tmp, stem.with_suffix(self.suffix))

    def write_file(self, rows: list[Row], names: list[str], target: Path, text: str = "") -> None:
        """One whole file of rows (a part of a partitioned output, or of the work folder)."""
        import pyarrow.parquet as pq

        pq.write_table(self._table(rows, names), target)

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None,
                   header: bool = False):
        import pandas as pd
        import pyarrow.parquet as pq

        frames = [pq.read_table(p.with_suffix(self.suffix), columns=usecols).to_pandas() for p in parts]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=usecols or names)

    def finalize(self, parts: list[Path], names: list[str], target: Path, **_: Any) -> None:
        import pyarrow.parquet as pq

        with pq.ParquetWriter(target, _arrow_schema(names, self.kinds(names))) as out:
            for p in parts:
                out.write_table(pq.read_table(p.with_suffix(self.suffix)))

    def finalize_rows(self, rows: Iterable[dict[str, Any]], names: list[str], target: Path,
                      kinds: list[str] | None = None) -> None:
        import pyarrow.parquet as pq

        with pq.ParquetWriter(target, _arrow_schema(names, kinds)) as out:
            batch: list[Row] = []
            for row in rows:
                batch.append([row.get(n) for n in names])
                if len(batch) == 50_000:
                    out.write_table(self._table(batch, names, kinds))
                    batch = []
            out.write_table(self._table(batch, names, kinds))


class SqliteWriter(JsonlWriter):
    """Tables ``documents``, ``evidence`` and ``summary``, readable by sqlite3 and datasette."""

    name = "sqlite"

    def finalize(self, parts: list[Path], names: list[str], target: Path, evidence_parts: list[Path] | None = None,
                 summary: Any = None, **_: Any) -> None:
        import sqlite3

        if target.exists():
            target.unlink()
        db = sqlite3.connect(target)
        try:
            _sqlite_table(db, "documents", names, read_jsonl_parts(parts), self.kinds(names), self.coerced(names))
            _sqlite_table(db, "evidence", EVIDENCE_COLUMNS, read_jsonl_parts(evidence_parts or []))
            if summary is not None:
                cols = [str(c) for c in summary.columns]
                _sqlite_table(db, "summary", cols, ({c: _plain(v) for c, v in zip(cols, row, strict=True)}
                                                    for row in summary.itertuples(index=False)), frame_types(summary))
            db.commit()
        finally:
            db.close()


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _sqlite_table(db: Any, table: str, names: list[str], rows: Iterable[dict[str, Any]],
                  kinds: list[str] | None = None, coerced: Sequence[int] = ()) -> None:
    """A table of ``rows``; a timestamp column is declared TIMESTAMP and holds SQLite's own
    "YYYY-MM-DD HH:MM:SS" in UTC (``date()`` reads it; Python's sqlite3 with
    ``detect_types=PARSE_DECLTYPES`` returns datetimes)."""
    sql_types = {"str": "TEXT", "bool": "INTEGER", "float": "REAL", "int": "INTEGER", "timestamp": "TIMESTAMP"}
    kinds = kinds or [column_type(n) for n in names]
    columns = ", ".join(f'"{n}" {sql_types[k]}' for n, k in zip(names, kinds, strict=True))
    db.execute(f'CREATE TABLE "{table}" ({columns})')
    marks = ", ".join("?" for _ in names)
    insert = f'INSERT INTO "{table}" VALUES ({marks})'
    batch = []
    for row in _stored(kinds, ([row.get(n) for n in names] for row in rows), coerced):
        batch.append(tuple(v.strftime("%Y-%m-%d %H:%M:%S") if hasattr(v, "strftime") else v for v in row))
        if len(batch) == 10_000:
            db.executemany(insert, batch)
            batch = []
    db.executemany(insert, batch)


def writer_for(path: Path | None, escape_formulas: bool = True) -> Any:
    """The writer for an output file, chosen by its extension."""
    if path is None:
        raise ConfigError("an output path is needed")
    name = path.name.lower()
    if name.endswith(".csv"):
        return CsvWriter(escape_formulas)
    if name.endswith(".tsv"):
        return CsvWriter(escape_formulas, delimiter="\t")
    if name.endswith((".jsonl", ".ndjson")):
        return JsonlWriter(escape_formulas)
    if name.endswith(".parquet"):
        return ParquetWriter(escape_formulas)
    if name.endswith((".sqlite", ".db", ".sqlite3")):
        return SqliteWriter(escape_formulas)
    raise ConfigError(f"{path}: unknown output type; use .csv, .tsv, .parquet, .jsonl or .sqlite")


def write_frame(frame: Any, path: Path, escape_formulas: bool = True) -> None:
    """Write a small table (summary, keyness) by extension, atomically."""
    writer = writer_for(path, escape_formulas)
    names = [str(c) for c in frame.columns]
    kinds = frame_types(frame)
    rows = [{c: _plain(v) for c, v in zip(names, row, strict=True)} for row in frame.itertuples(index=False)]
    tmp = path.with_name(f".{path.name}.tmp")
    if writer.name == "sqlite":
        import sqlite3

        if tmp.exists():
            tmp.unlink()
        db = sqlite3.connect(tmp)
        _sqlite_table(db, path.stem.replace("-", "_"), names, rows, kinds)
        db.commit()
        db.close()
    elif writer.name == "parquet":
        writer.finalize_rows(rows, names, tmp, kinds)
    else:
        writer.finalize_rows(rows, names, tmp)
    os.replace(tmp, path)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
