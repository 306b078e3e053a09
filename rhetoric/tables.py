"""Presenting measurements: the text table, CSV rows and JSON.  Rounding happens
here and only here."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .measures import COUNTERS, RATED, Measurement

LABELS = {
    "sentences": "sentences", "words": "words", "caps_words": "ALL-CAPS words",
    "title_case_words": "Title-Case words", "superlatives": "superlatives",
    "intensifiers": "intensifiers/hyperbole", "exclamations": "exclamations",
    "exclamation_marks": "exclamation marks", "scare_quotes": "scare quotes",
}
#: Evidence signals listed under the table, in this order of importance.
SHOWN = ("caps", "title_case", "superlative", "intensifier", "exclamation", "scare_quote", "acronym",
         "signoff", "shouted", "topic")
EXCERPT = 90


def _num(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.0f}%"


def format_table(m: Measurement, source: str = "<text>", evidence: bool = True) -> str:
    """The human-readable report: one column per entity, asymmetry, then the evidence."""
    names = list(m.entities)
    pair = m.asymmetry.get("pair")
    head = f"{source}: {m.words} words, {m.sentences} sentences"
    if m.all_caps_text:
        head += " — the whole text is in capitals, so capitals are not counted as emphasis"
    rows: list[list[str]] = []
    header = ["signal"] + [f"{n}" for n in names] + ([f"asymmetry {pair[0]} vs {pair[1]}"] if pair else [])
    sub = [""] + ["count  per 100 words" for _ in names] + (["(−1 … +1)"] if pair else [])
    for c in COUNTERS:
        cells = [LABELS[c]]
        for n in names:
            count = m.entities[n][c]
            rate = m.entities[n]["per_100_words"].get(c) if c in RATED else None
            cells.append(f"{count:>5}  {_num(rate):>13}" if c in RATED else f"{count:>5}  {'':>13}")
        if pair:
            cells.append(_signed(m.asymmetry[c]))
        rows.append(cells)
    for topic in m.config.topics.names:
        cells = [f"{topic} words (share)"]
        for n in names:
            t = m.entities[n]["topics"][topic]
            cells.append(f"{t['words']:>5}  {_pct(t['share']):>13}")
        if pair:
            cells.append(_signed(m.asymmetry["topics"][topic]) + " (density)")
        rows.append(cells)
    widths = [max(len(r[i]) for r in [header, sub] + rows) for i in range(len(header))]
    lines = [head, ""]
    for r in [header, sub] + rows:
        lines.append("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                               for i, cell in enumerate(r)).rstrip())
    lines.append(f"(words and sentences attributed to each entity; a sentence about several counts for each"
                 f"{'; carry off' if not m.config.carry else ''})")
    if evidence:
        lines += ["", "evidence", *format_evidence(m)]
    return "\n".join(lines)


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
    """One row per entity (all sentences view), with the pair's asymmetry repeated on each row."""
    rows = []
    for name, block in m.entities.items():
        row: dict[str, Any] = {"source": source, "entity": name}
        row.update({c: block[c] for c in COUNTERS})
        row.update({f"{c}_per_100_words": block["per_100_words"][c] for c in RATED})
        for topic, values in block["topics"].items():
            row.update({f"{topic}_{k}": v for k, v in values.items()})
        pair = m.asymmetry.get("pair")
        row["pair"] = "/".join(pair) if pair else ""
        row.update({f"asymmetry_{c}": m.asymmetry.get(c) for c in RATED})
        rows.append(row)
    return rows


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
