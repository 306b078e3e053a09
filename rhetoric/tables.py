"""Presenting measurements: the text table, CSV rows and JSON.  Rounding happens
here and only here."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .claims import LABELS  # noqa: E402  (one name per counter, shared with charts and headlines)
from .errors import ConfigError
from .measures import COUNTERS, RATED, Measurement

#: Evidence signals listed under the table, in this order of importance.
SHOWN = ("caps", "title_case", "superlative", "intensifier", "exclamation", "scare_quote", "acronym",
         "signoff", "convention", "shouted", "topic")
EXCERPT = 90


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    """+0.40, −… ; a value that rounds to zero is "+0.00", never "-0.00"."""
    return "—" if value is None else f"{round(value, 2) + 0.0:+.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def _p(value: float | None) -> str:
    return "—" if value is None else "<0.001" if value < 0.001 else f"{value:.3f}"


#: The two views, as the table heads them.
VIEW_TITLES = {"all": "All sentences about each entity (a sentence about several counts for each)",
               "exclusive": "Sentences about one entity alone"}


def format_table(m: Measurement, source: str = "<text>", evidence: bool = True) -> str:
    """The human-readable report: for each view, one column per entity, the pair's asymmetry
    and the p-value of its permutation test, and the headline the evidence supports; then the
    evidence."""
    head = f"{source}: {m.words} words, {m.sentences} sentences"
    if m.all_caps_text:
        head += " — the whole text is in capitals, so capitals are not counted as emphasis"
    lines = [head]
    findings = m.findings()
    for view in ("all", "exclusive"):
        lines += ["", VIEW_TITLES[view] + ("; carry off" if not m.config.carry else ""), *_view_table(m, view)]
        finding = findings[view]
        if finding is not None:
            verdict = f"names {finding.side}" if finding.side else "names no side"
            lines.append(f"Headline: {finding.title} — {verdict}: {finding.reason}")
    if evidence:
        lines += ["", "evidence", *format_evidence(m)]
    return "\n".join(lines)


def _view_table(m: Measurement, view: str) -> list[str]:
    names = list(m.entities)
    blocks = {n: m.entities[n] if view == "all" else m.entities[n]["exclusive"] for n in names}
    pair = m.asymmetry.get("pair")
    asym = m.asymmetry if view == "all" else m.asymmetry.get("exclusive", {})
    tests = m.tests.get(view, {})
    header = ["signal"] + names + (["asymmetry", "p"] if pair else [])
    sub = [""] + ["count  per 100 words" for _ in names] + (["(−1 … +1)", ""] if pair else [])
    rows: list[list[str]] = []
    for c in COUNTERS:
        cells = [LABELS[c]]
        for n in names:
            rate = blocks[n]["per_100_words"].get(c) if c in RATED else None
            cells.append(f"{blocks[n][c]:>5}  {_num(rate) if c in RATED else '':>13}")
        if pair:
            cells += [_signed(asym[c]), _p(tests.get(c)) if c in RATED else ""]
        rows.append(cells)
    for topic in m.config.topics.names:
        cells = [f"{topic} words"]
        for n in names:
            t = blocks[n]["topics"][topic]
            cells.append(f"{t['words']:>5}  {_num(None if t['density'] is None else 100 * t['density']):>13}")
        if pair:
            cells += [_signed(asym["topics"][topic]), _p(tests.get("topics", {}).get(topic))]
        rows.append(cells)
        shares = [f"  share of the {topic} words", *(f"{_pct(blocks[n]['topics'][topic]['share']):>20}" for n in names)]
        words = ["  share of the words", *(f"{_pct(blocks[n]['topics'][topic]['words_share']):>20}" for n in names)]
        rows += [shares + (["", ""] if pair else []), words + (["", ""] if pair else [])]
    widths = [max(len(r[i]) for r in [header, sub] + rows) for i in range(len(header))]
    return ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r)).rstrip()
            for r in [header, sub] + rows]


def format_evidence(m: Measurement) -> list[str]:
    items = sorted(m.evidence, key=lambda e: (SHOWN.index(e.signal) if e.signal in SHOWN else 99, e.start))
    if not items:
        return ["  (no signals found)"]
    width = max(len(e.text) for e in items)
    width = min(width, 24)
    out = []
    for e in items:
        label = e.signal if e.signal != "topic" else f"topic:{e.detail}"
        if e.kind and e.signal in ("superlative", "intensifier"):
            label += f":{e.kind}"
        who = ", ".join(e.entities) or "—"
        if e.via == "carry":
            who += " (carry)"
        sentence = m.sentence_list[e.sentence]
        excerpt = _excerpt(sentence.text, e.start - sentence.start)
        out.append(f"  {e.text[:24]:<{width}}  {label:<24}  {who:<18}  \"{excerpt}\"")
    return out


def _excerpt(sentence: str, offset: int) -> str:
    sentence = " ".join(sentence.split()) if "\n" in sentence else sentence
    if len(sentence) <= EXCERPT:
        return sentence
    lo = max(0, min(offset - EXCERPT // 3, len(sentence) - EXCERPT))
    piece = sentence[lo:lo + EXCERPT]
    return ("…" if lo else "") + piece + ("…" if lo + EXCERPT < len(sentence) else "")


def csv_rows(m: Measurement, source: str) -> list[dict[str, Any]]:
    """One row per text with the columns of a batch run's documents table (both views)."""
    return [{"source": source, **m.flat()}]


#: The format of ``rhetoric measure -o PATH`` by the extension of PATH (a table for none).
OUTPUT_FORMATS = {".json": "json", ".csv": "csv", ".txt": "table", ".md": "table", "": "table"}


def output_format(fmt: str | None, path: str | None) -> str:
    """The format of a measurement's output: ``fmt`` if given, else from the extension of
    ``path``; an extension that does not hold that format (``-o out.xlsx``) is an error."""
    suffix = Path(path).suffix.lower() if path else ""
    if path and suffix not in OUTPUT_FORMATS:
        raise ConfigError(f"{path}: rhetoric measure writes .txt (the table), .json or .csv; for a spreadsheet, "
                          "write .csv and open it there")
    chosen = fmt or OUTPUT_FORMATS[suffix]
    if path and suffix and OUTPUT_FORMATS[suffix] != chosen:
        raise ConfigError(f"{path}: --format {chosen} does not match the extension {suffix}; "
                          f"name the file .{'txt' if chosen == 'table' else chosen}")
    return chosen


def to_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


# -- files: documents, evidence, summaries --------------------------------------------------

EVIDENCE_COLUMNS = ["document", "position", "signal", "kind", "marks", "text", "start", "end", "sentence", "entities",
                    "via"]
_TEXT_COLUMNS = frozenset({"id", "date", "source", "error", "document", "signal", "kind", "text", "entities", "via",
                           "group", "word", "favours"})
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


def _stored(kinds: list[str], rows: Iterable[Sequence[Any]]) -> Iterator[list[Any]]:
    """Rows with their timestamp cells as aware UTC datetimes (None when the date cannot be read)."""
    from .asymmetry import document_moment

    dated = [i for i, k in enumerate(kinds) if k == "timestamp"]
    for row in rows:
        values = list(row)
        for i in dated:
            values[i] = document_moment(values[i]) if values[i] is not None else None
        yield values


def defuse(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


Row = Sequence[Any]  # values in the order of the table's column names


class CsvWriter:
    name = "csv"
    suffix = ".csv"

    def __init__(self, escape_formulas: bool = True, delimiter: str = ","):
        self.escape, self.delimiter = escape_formulas, delimiter

    def _rows_text(self, rows: Iterable[Row], names: list[str]) -> str:
        """CSV lines; csv writes None as an empty cell and floats with repr (round-trip)."""
        buffer = io.StringIO()
        # CRLF (RFC 4180): the csv module quotes a field only for characters of the line
        # terminator, so with "\n" alone a bare carriage return in a post would split a row.
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        text = [i for i, n in enumerate(names) if column_type(n) in ("str", "timestamp")] if self.escape else []
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

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None):
        import pandas as pd

        frames = [pd.read_csv(p.with_suffix(self.suffix), header=None, names=names, usecols=usecols,
                              sep=self.delimiter, keep_default_na=False, na_values=[""], dtype={"id": str})
                  for p in parts if p.with_suffix(self.suffix).stat().st_size]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=usecols or names)

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


class JsonlWriter:
    name = "jsonl"
    suffix = ".jsonl"

    def __init__(self, escape_formulas: bool = True):
        self.escape = escape_formulas

    def format_rows(self, rows: list[Row], names: list[str]) -> str | None:
        return jsonl_text([dict(zip(names, row, strict=True)) for row in rows])

    def write_part(self, rows: list[Row], names: list[str], stem: Path, text: str = "") -> None:
        _write_atomic(stem.with_suffix(self.suffix), (text or self.format_rows(rows, names) or "").encode("utf-8"))

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None):
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


class ParquetWriter:
    name = "parquet"
    suffix = ".parquet"

    def __init__(self, escape_formulas: bool = True):
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ConfigError("writing Parquet needs pyarrow: pip install 'rhetoric[parquet]'") from None

    def _table(self, rows: list[Row], names: list[str], kinds: list[str] | None = None):
        import pyarrow as pa

        kinds = kinds or [column_type(n) for n in names]
        schema = _arrow_schema(names, kinds)
        rows = list(_stored(kinds, rows))
        columns = list(zip(*rows, strict=True)) if rows else [() for _ in names]
        return pa.Table.from_arrays([pa.array(c, type=t.type) for c, t in zip(columns, schema, strict=True)],
                                    schema=schema)

    def format_rows(self, rows: list[Row], names: list[str]) -> str | None:
        return None  # Parquet parts are built from the values

    def write_part(self, rows: list[Row], names: list[str], stem: Path, text: str = "") -> None:
        import pyarrow.parquet as pq

        tmp = stem.with_suffix(".parquet.tmp")
        pq.write_table(self._table(rows, names), tmp)
        os.replace(tmp, stem.with_suffix(self.suffix))

    def read_parts(self, parts: list[Path], names: list[str], usecols: list[str] | None = None):
        import pandas as pd
        import pyarrow.parquet as pq

        frames = [pq.read_table(p.with_suffix(self.suffix), columns=usecols).to_pandas() for p in parts]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=usecols or names)

    def finalize(self, parts: list[Path], names: list[str], target: Path, **_: Any) -> None:
        import pyarrow.parquet as pq

        with pq.ParquetWriter(target, _arrow_schema(names)) as out:
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
            _sqlite_table(db, "documents", names, read_jsonl_parts(parts))
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
                  kinds: list[str] | None = None) -> None:
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
    for row in _stored(kinds, ([row.get(n) for n in names] for row in rows)):
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


def format_summary(summary: Any, config: Any) -> str:
    """The per-group summary as text, one table per view: documents about each side of the
    pair and its asymmetry per signal with 95% intervals; then why an interval is missing, and
    the groups whose evidence names a side (:mod:`rhetoric.claims`)."""
    from .measures import slug

    pair = config.pair
    key = str(summary.columns[0])
    shown = ("caps_words", "title_case_words", "superlatives", "intensifiers", "exclamations")
    out: list[str] = []
    for view, infix in (("all", ""), ("exclusive", "exclusive_")):
        if out:
            out.append("")
        if not pair:
            out.append(VIEW_TITLES[view])
            continue
        out.append(f"{VIEW_TITLES[view]}: asymmetry {pair[0]} vs {pair[1]} (−1 … +1) with 95% bootstrap interval")
        header = [key, "docs", f"{pair[0]} docs", f"{pair[1]} docs"] + [LABELS[c] for c in shown]
        rows = [header]
        notes, headlines = [], []
        for row in summary.to_dict("records"):
            group = str(row[key]) + (" (low n)" if row.get(f"{infix}low_n") else "")
            cells = [group, f"{row['documents']:,}"] + [f"{row[f'{slug(n)}_{infix}documents']:,}" for n in pair]
            for c in shown:
                point = row.get(f"asymmetry_{infix}{c}")
                low, high = row.get(f"asymmetry_{infix}{c}_low"), row.get(f"asymmetry_{infix}{c}_high")
                if point is None or point != point:
                    cells.append("—")
                else:
                    interval = f" [{_signed(low)}, {_signed(high)}]" if low is not None and low == low else ""
                    cells.append(f"{_signed(point)}{interval}")
            rows.append(cells)
            note = row.get(f"asymmetry_{infix}note")
            if isinstance(note, str) and note:
                notes.append(f"  {row[key]}: {note}")
            headline = row.get(f"{infix}headline")
            if isinstance(headline, str) and headline.endswith(("'s", "’s")):
                headlines.append(f"  {row[key]}: {headline}")
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        out += ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r))
                for r in rows]
        if notes:
            out += ["Why an interval is missing:", *notes]
        out.append("Headlines the evidence supports (claims rule, see docs/claims.md):" if headlines else
                   "No group's evidence names a side (claims rule, see docs/claims.md).")
        out += headlines
    return "\n".join(out)
