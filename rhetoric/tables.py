"""Presenting measurements: the text table, CSV rows and JSON.  Rounding happens
here and only here."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .claims import ALPHA
from .errors import ConfigError
from .schema import Schema, slug

if TYPE_CHECKING:
    from .measures import Measurement

#: Evidence signals listed under the table, in this order of importance.
SHOWN = ("caps", "title_case", "superlative", "intensifier", "exclamation", "exclamation_mark", "scare_quote",
         "acronym", "signoff", "convention", "shouted", "topic")
EXCERPT = 90


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    """+0.40, −… ; a value that rounds to zero is "+0.00", never "-0.00"."""
    return "—" if value is None else f"{round(value, 2) + 0.0:+.2f}"


def _pct(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{100 * value:.{digits}f}%"


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
        head += " — the whole text is in capitals, so ALL-CAPS words are not counted as emphasis"
    lines = [head]
    if m.voices.repost or m.voices.quoted:
        what = {"native": "a repost", "manual": "a pasted tweet (manual retweet)"}.get(m.voices.repost or "",
                                                                                     "someone else's words")
        if m.config.include_quoted:
            lines.append(f"Someone else's words: {what}, {len(m.voices.quoted)} passage(s); counted "
                         "(--include-quoted)")
        else:
            lines.append(f"Someone else's words left out: {what}, {m.quoted_words:,} words, "
                         f"{m.left_out:,} signal{'s' * (m.left_out != 1)} (evidence marked quoted; "
                         "--include-quoted counts them)")
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
    rated = m.schema.rated
    for c in m.schema.counters:
        cells = [m.schema.label(c)]
        for n in names:
            rate = blocks[n]["per_100_words"].get(c) if c in rated else None
            cells.append(f"{blocks[n][c]:>5}  {_num(rate) if c in rated else '':>13}")
        if pair:
            cells += [_signed(asym[c]), _p(tests.get(c)) if c in rated else ""]
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
        if e.voice == "quoted":
            label += " [quoted]"
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


#: Most groups whose whole-document counts are printed (more: they are in the summary file).
MAX_DOCUMENT_GROUPS = 12


def _document_lines(summary: Any, schema: Schema, key: str) -> list[str]:
    """Per group, the documents with at least N of each whole-document count (counts and
    shares), for at most :data:`MAX_DOCUMENT_GROUPS` groups."""
    ns = sorted({int(c.rsplit("_", 1)[1][:-4]) for c in summary.columns if "_share_" in c and c.endswith("plus")})
    if not ns:
        return []
    if len(summary) > MAX_DOCUMENT_GROUPS:
        return [f"Whole documents: {len(summary)} groups; the documents with at least {', '.join(map(str, ns))} of "
                "each count are in the summary file (<count>_docs_<n>plus, <count>_share_<n>plus)", ""]
    out = ["Whole documents (the author's own words): documents with at least N of each count"]
    for row in summary.to_dict("records"):
        out.append(f"  {row[key]}: {row['documents']:,} documents, {row['words']:,} words")
        for c in schema.document_counts:
            if not row.get(c):
                continue
            cells = ", ".join(f"{n}+ in {row[f'{c}_docs_{n}plus']:,} ({_pct(row[f'{c}_share_{n}plus'], 1)})"
                              for n in ns)
            label = schema.label(c) if not c.endswith("_words") or c in schema.counters else c.replace("_", " ")
            out.append(f"    {label}: {row[c]:,} in all; {cells}")
    return out + [""]


class SummaryTable(NamedTuple):
    """One view of a summary as cells: the head, a row per group, why intervals are missing
    and the groups whose evidence names a side ("group: note", "group: headline (p = …)")."""

    head: list[str]
    rows: list[list[str]]
    notes: list[str]
    headlines: list[str]


def summary_table(summary: Any, schema: Schema, view: str) -> SummaryTable:
    """Per group: documents, documents about each side, and per headline signal the pair's
    asymmetry with its 95% interval, or the counts ("45 vs 0") where there is none."""
    pair = schema.pair
    assert pair is not None
    key = str(summary.columns[0])
    infix = "" if view == "all" else "exclusive_"
    a, b = (f"{slug(n)}_{infix}" for n in pair)
    head = [key, "docs", f"{pair[0]} docs", f"{pair[1]} docs"] + [schema.label(c) for c in schema.headline]
    rows, notes, headlines = [], [], []
    for row in summary.to_dict("records"):
        group = str(row[key]) + (" (low n)" if row.get(f"{infix}low_n") else "")
        cells = [group, f"{row['documents']:,}", f"{row[f'{a}documents']:,}", f"{row[f'{b}documents']:,}"]
        for c in schema.headline:
            point = row.get(f"asymmetry_{infix}{c}")
            low, high = row.get(f"asymmetry_{infix}{c}_low"), row.get(f"asymmetry_{infix}{c}_high")
            if low is not None and low == low:
                cells.append(f"{_signed(point)} [{_signed(low)}, {_signed(high)}]")
            elif row.get(f"{a}{c}") or row.get(f"{b}{c}"):
                cells.append(f"{row[f'{a}{c}']:,} vs {row[f'{b}{c}']:,}")
            else:
                cells.append("—")
        rows.append(cells)
        note = row.get(f"asymmetry_{infix}note")
        if isinstance(note, str) and note:
            notes.append(f"{row[key]}: {note}")
        side = row.get(f"{infix}headline_side")
        if isinstance(side, str) and side:
            headlines.append(f"{row[key]}: {row[f'{infix}headline']} (p = {row[f'{infix}headline_p']:.2g})")
    return SummaryTable(head, rows, notes, headlines)


def format_summary(summary: Any, config: Any) -> str:  # config: a Config or its Schema
    """The per-group summary as text, one table per view: documents about each side of the
    pair and its asymmetry per signal with 95% intervals (the counts instead, "45 vs 0", where
    there is no interval); then why an interval is missing, and the groups whose evidence names
    a side (:mod:`rhetoric.claims`), with how many chance alone could give."""

    schema = config if isinstance(config, Schema) else Schema.of(config)
    pair = schema.pair
    key = str(summary.columns[0])
    out: list[str] = _document_lines(summary, schema, key)
    for view in ("all", "exclusive"):
        if out:
            out.append("")
        if not pair:
            out.append(VIEW_TITLES[view])
            continue
        out.append(f"{VIEW_TITLES[view]}: asymmetry {pair[0]} vs {pair[1]} (−1 … +1) with 95% bootstrap interval, "
                   "or the counts where there is none")
        table = summary_table(summary, schema, view)
        rows = [table.head, *table.rows]
        widths = [max(len(r[i]) for r in rows) for i in range(len(table.head))]
        out += ["  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(r))
                for r in rows]
        if table.notes:
            out += ["Why an interval is missing:", *(f"  {n}" for n in table.notes)]
        groups = len(table.rows)
        chance = f"with {groups} groups, chance alone could give about {ALPHA * groups:.1f} of them"
        out.append(f"Headlines the evidence supports (claims rule, docs/claims.md; {chance}):" if table.headlines
                   else f"No group's evidence names a side (claims rule, docs/claims.md; {chance}).")
        out += [f"  {h}" for h in table.headlines]
    return "\n".join(out)
