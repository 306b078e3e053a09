"""Evidence reports: one self-contained HTML file per text or corpus, for an editor to check a
claim before it runs.

:func:`text_report` turns a :class:`~rhetoric.measures.Measurement` into a page with the text,
its sentences shaded by the entities they are about and every evidence span marked (hover or
focus a mark for its signal, kind, entities and how its sentence was attributed; marks set
aside are dashed, with the reason), the tables of both views with the tests and the headlines,
the charts as inline SVG, and the settings that reproduce them.  :func:`corpus_report` does
the same for a batch run: the run, the per-period table with its intervals, the charts, and
the documents with the most of each signal per entity, each opening its marked text.

The pages are rendered by Jinja2 with autoescaping (a post containing ``<script>`` shows as
text) and hold everything they need: no request leaves them (their Content-Security-Policy
forbids it), so they open from an e-mail attachment.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .errors import ConfigError, InputError
from .lexicons import load_lexicons
from .schema import Schema, slug
from .tables import VIEW_TITLES, summary_table
from .version import __version__

if TYPE_CHECKING:
    from .measures import Measurement

#: What an evidence signal counts as, in a tooltip.
SIGNAL_NAMES = {"caps": "ALL-CAPS word", "title_case": "Title-Case word", "superlative": "superlative",
                "intensifier": "intensifier or hyperbole", "exclamation": "exclamation",
                "exclamation_mark": "exclamation mark inside a sentence", "scare_quote": "scare quote",
                "topic": "topic word", "acronym": "acronym", "signoff": "sign-off", "convention":
                "capitals by convention", "shouted": "word of a text or quotation in capitals"}
#: The views, as a headline names them.
VIEW_NAMES = {"all": "All sentences about each entity", "exclusive": "Each entity's own sentences"}
#: Evidence that is shown but not counted: capitals set aside.
ASIDE = frozenset({"acronym", "signoff", "convention", "shouted"})
#: The filters, in order, with the colours of the legend (as in report.css).
FILTERS = (("caps", "ALL-CAPS words", "#ffe08a"), ("title_case", "Title-Case words", "#f6d5e6"),
           ("superlative", "superlatives", "#D55E00"), ("intensifier", "intensifiers", "#d9ecf7"),
           ("exclamation", "exclamations", "#ffc9b8"), ("exclamation_mark", "other exclamation marks", "#ffc9b8"),
           ("scare_quote", "scare quotes", "#dff2d8"), ("topic", "topic words", "#009E73"),
           ("aside", "set aside (dashed)", "#bbbbbb"))


def _environment() -> Environment:
    return Environment(loader=PackageLoader("rhetoric", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)


# -- the marked text ------------------------------------------------------------------------------

def _tip(e: dict[str, Any], sentence_line: str | None) -> list[str]:
    """The lines of a mark's tooltip for one evidence item."""
    name = SIGNAL_NAMES.get(e["signal"], e["signal"])
    if e["signal"] == "topic" and e.get("topic"):
        name = f"{e['topic']} word"
    detail = e.get("kind") if e["signal"] in ("superlative", "intensifier") else None
    if e.get("marks"):
        detail = f"{e['marks']} mark{'s' * (e['marks'] != 1)}"
    head = f"{name}{f' ({detail})' if detail else ''}: “{e['text']}”"
    entities = ", ".join(e.get("entities") or ()) or "no entity"
    if e.get("voice") == "quoted":
        counted = "someone else's words (a repost or a quotation): not counted"
    elif e["signal"] in ASIDE:
        counted = f"set aside, not counted: {e.get('reason') or name}"
    else:
        counted = f"counted for {entities}" if e.get("entities") else "counted in the whole text, about no entity"
    return [head, counted] + ([sentence_line] if sentence_line else [])


def _classes(items: list[dict[str, Any]]) -> tuple[str, str]:
    classes, signals = [], []
    for e in items:
        aside = e["signal"] in ASIDE or e.get("voice") == "quoted"
        classes += ["aside" if aside else "counted", f"s-{e['signal']}"]
        signals.append("aside" if aside else e["signal"])
    return " ".join(dict.fromkeys(classes)), " ".join(dict.fromkeys(signals))


def marked_paragraphs(text: str, sentences: Sequence[dict[str, Any]], evidence: Sequence[dict[str, Any]],
                      prefix: str = "m") -> list[list[dict[str, Any]]]:
    """The text as paragraphs of sentences of segments, each segment the text between two
    boundaries of sentences or evidence spans, with the evidence covering it (a mark).

    ``sentences``: ``number``, ``start``, ``end``, ``paragraph``, ``entities``, ``shade``,
    ``colour``, ``title``, ``line`` (the attribution, for tooltips); ``evidence``: the items of
    :meth:`Evidence.to_dict <rhetoric.measures.Evidence.to_dict>`."""
    cuts = {0, len(text)}
    for s in sentences:
        cuts |= {s["start"], s["end"]}
    for e in evidence:
        cuts |= {e["start"], e["end"]}
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    paragraphs: list[list[dict[str, Any]]] = []
    by_start = sorted(range(len(evidence)), key=lambda i: evidence[i]["start"])
    current: dict[str, Any] | None = None
    counter = 0
    order = iter(sentences)
    upcoming = next(order, None)
    for a, b in zip(points, points[1:], strict=False):
        while upcoming is not None and a >= upcoming["start"]:
            current = {**upcoming, "segments": [], "after": []}
            if not paragraphs or paragraphs[-1][-1]["paragraph"] != current["paragraph"]:
                paragraphs.append([])
            paragraphs[-1].append(current)
            upcoming = next(order, None)
        if current is None:
            continue  # before the first sentence: white space
        covering = [i for i in by_start if evidence[i]["start"] <= a and evidence[i]["end"] >= b]
        segment: dict[str, Any] = {"text": text[a:b], "marks": bool(covering)}
        if covering:
            counter += 1
            items = [evidence[i] for i in covering]
            segment["classes"], segment["signals"] = _classes(items)
            segment["evidence"] = " ".join(map(str, covering))
            segment["id"] = f"{prefix}{counter}"
            segment["tips"] = [line for e in items for line in _tip(e, None)] + \
                ([current["line"]] if current.get("line") else [])
        inside = a < current["end"]
        (current["segments"] if inside else current["after"]).append(segment)
    return paragraphs


def _sentences_of(m: Measurement, colours: dict[str, str]) -> list[dict[str, Any]]:
    rows = []
    mentioned: dict[str, int] = {}
    for s, a in zip(m.sentence_list, m.attribution, strict=False):
        entities = list(a.entities)
        for mention in a.mentions:
            mentioned[mention.name] = s.number
        if not entities:
            shade, line = "", f"Sentence {s.number + 1}: about no entity"
        elif len(entities) > 1:
            shade, line = "several", f"Sentence {s.number + 1}: about {', '.join(entities)}"
        else:
            shade, line = "about", f"Sentence {s.number + 1}: about {entities[0]}"
        if a.via == "carry":
            shade += " carry"
            nearest = [f"{n} (sentence {mentioned[n] + 1})" for n in entities if n in mentioned]
            line += (", carried from an earlier sentence by a pronoun or a phrase that refers back"
                     + (f"; the nearest mention: {', '.join(nearest)}" if nearest else ""))
        elif a.via == "mention":
            names = sorted({mention.text for mention in a.mentions})
            line += f", which it names ({', '.join(names)})"
        colour = colours.get(entities[0]) if len(entities) == 1 else None
        rows.append({"number": s.number, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                     "entities": entities, "shade": shade.strip(), "colour": colour, "title": line, "line": line})
    return rows


# -- one text -------------------------------------------------------------------------------------

def _svg(figure: Any) -> str:
    """The figure as inline SVG; its ids come from a fixed salt, so that the same input gives
    the same page byte for byte."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "rhetoric"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]  # no XML declaration or DOCTYPE inside the page


def _headlines(findings: dict[str, Any]) -> list[dict[str, str]]:
    out = []
    for view, finding in findings.items():
        if finding is None:
            continue
        verdict = f"names {finding.side}" if finding.side else "names no side"
        out.append({"view": VIEW_NAMES[view], "title": finding.title, "verdict": f"{verdict}: {finding.reason}"})
    return out


def _number(value: Any, digits: int = 2, signed: bool = False) -> str:
    if value is None or value != value:
        return "—"
    return f"{round(value, digits) + 0.0:+.{digits}f}" if signed else f"{value:.{digits}f}"


def _view_rows(m: Measurement, view: str) -> dict[str, Any]:
    names = list(m.entities)
    blocks = {n: m.entities[n] if view == "all" else m.entities[n]["exclusive"] for n in names}
    asym = m.asymmetry if view == "all" else m.asymmetry.get("exclusive", {})
    tests = m.tests.get(view, {})
    head = ["signal", *[f"{n} {what}" for n in names for what in ("count", "per 100 words")]]
    paired = m.asymmetry.get("pair") is not None
    if paired:
        head += ["asymmetry", "p"]
    rows = []
    for c in m.schema.counters:
        row = [m.schema.label(c)]
        for n in names:
            row += [f"{blocks[n][c]:,}", "" if c in ("sentences", "words") else _number(blocks[n]["per_100_words"][c])]
        if paired:
            row += [_number(asym.get(c), signed=True), "" if c in ("sentences", "words") else _number(tests.get(c), 3)]
        rows.append(row)
    for t in m.schema.topics:
        row = [f"{t} words"]
        for n in names:
            topic = blocks[n]["topics"][t]
            density = topic["density"]
            row += [f"{topic['words']:,}", _number(None if density is None else 100 * density)]
        if paired:
            row += [_number(asym.get("topics", {}).get(t), signed=True), _number(tests.get("topics", {}).get(t), 3)]
        rows.append(row)
    return {"title": VIEW_TITLES[view], "head": head, "rows": rows}


def _settings(config: Any, command: str | None) -> list[tuple[str, str]]:
    entities = "; ".join(f"{e.name}: {', '.join(a for a, _ in e.aliases)}" for e in config.entities.entities)
    topics = "; ".join(f"{name}: {', '.join(words)}" for name, words in config.topics.topics)
    fingerprints = ", ".join(f"{k} {v}" for k, v in dict(load_lexicons(config.lexicons).fingerprints).items())
    return [("rhetoric", __version__), ("entities", entities), ("pair", " vs ".join(config.pair or ()) or "—"),
            ("topics", topics or "—"), ("pronoun carry", "on" if config.carry else "off"),
            ("someone else's words", "counted" if config.include_quoted else "left out of the counts"),
            ("lexicons", fingerprints), *([("command", command)] if command else [])]


def text_report(m: Measurement, source: str = "<text>", charts: bool = True, command: str | None = None) -> str:
    """The evidence report of one measured text, as a self-contained HTML page."""
    from .charts import entity_colours, measurement_chart

    colours = entity_colours(list(m.entities), m.config)
    evidence = [e.to_dict() for e in m.evidence]
    present = {("aside" if e["signal"] in ASIDE or e.get("voice") == "quoted" else e["signal"]) for e in evidence}
    voices = ""
    if m.voices.repost or m.voices.quoted:
        what = {"native": "a repost", "manual": "a pasted tweet (a manual retweet)"}.get(m.voices.repost or "",
                                                                                       "quoted passages")
        voices = (f"Someone else's words: {what}; {m.quoted_words:,} words and {m.left_out:,} signals left out of "
                  "the counts (dashed marks)" if not m.config.include_quoted else
                  f"Someone else's words: {what}; counted (--include-quoted)")
    figures = []
    if charts:
        pair = m.asymmetry.get("pair") is not None
        for kind, view in (("profile", "all"), ("profile", "exclusive"), *((("asymmetry", "all"),
                                                                               ("asymmetry", "exclusive")) if pair
                                                                              else ())):
            chart = measurement_chart(m, kind, source=source, view=view)
            figures.append({"svg": _svg(chart.figure), "caption": f"{kind}, {VIEW_TITLES[view].lower()}"})
    page = _environment().get_template("text.html.j2").render(
        version=__version__, title=f"Emphasis in {source}",
        summary=f"{m.words:,} words, {m.sentences:,} sentences; entities {', '.join(m.entities)}"
                + ("; the whole text is in capitals, so its capitals are not counted" if m.all_caps_text else ""),
        headlines=_headlines(m.findings()), voices=voices,
        signal_filters=[(key, label) for key, label, _ in FILTERS if key in present],
        entity_names=list(m.entities),
        legend=[{"label": label, "colour": colour} for key, label, colour in FILTERS if key in present]
        + [{"label": f"sentences about {n}", "colour": colours[n] + "40"} for n in m.entities],
        paragraphs=marked_paragraphs(m.text, _sentences_of(m, colours), evidence),
        tables=[_view_rows(m, view) for view in ("all", "exclusive")], pair=m.asymmetry.get("pair"),
        charts=figures, settings=_settings(m.config, command))
    return page


# -- a corpus -------------------------------------------------------------------------------------

def read_evidence(path: str | Path) -> Any:
    """The evidence rows of a batch run (its --evidence file, or the evidence table of its
    SQLite output)."""
    import pandas as pd

    from .charts import read_table

    path = Path(path)
    if path.suffix.lower() in (".sqlite", ".db", ".sqlite3"):
        import sqlite3

        with sqlite3.connect(path) as db:
            return pd.read_sql_query("select * from evidence", db)
    return read_table(path)


def _top_documents(docs: Any, evidence: Any, schema: Schema, per_group: int) -> tuple[list[dict[str, Any]], bool]:
    """Per entity of the pair and headline signal, the documents with the most of it in the
    sentences about the entity, each with its marked text (from evidence rows of signal
    ``document``) or its evidence lines."""
    texts: dict[str, str] = {}
    rows_of: dict[str, list[dict[str, Any]]] = {}
    if evidence is not None and len(evidence):
        for row in evidence.to_dict("records"):
            key = str(row["document"])
            if row["signal"] == "document":
                texts[key] = row["text"]
            else:
                rows_of.setdefault(key, []).append(row)
    groups = []
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    shown = 0
    for name in schema.pair or schema.entities[:2]:
        for c in schema.headline:
            column = f"{slug(name)}_{c}"
            if column not in ok.columns:
                continue
            top = ok[ok[column] > 0].sort_values(column, ascending=False, kind="stable").head(per_group)
            if top.empty:
                continue
            documents = []
            for row in top.to_dict("records"):
                shown += 1
                key = str(row["id"]) if row.get("id") is not None and row["id"] == row["id"] else ""
                items = [_evidence_item(r) for r in rows_of.get(key, [])]
                label = schema.label(c, int(row[column]))
                when = f" · {str(row['date'])[:10]}" if row.get("date") is not None and row["date"] == row["date"] \
                    else ""
                summary = f"{key or row['source']}{when}: {int(row[column]):,} {label} in its sentences about {name}"
                document: dict[str, Any] = {"summary": summary, "paragraphs": None, "lines": []}
                if key in texts:
                    text = texts[key]
                    whole = [{"number": 0, "start": 0, "end": len(text), "paragraph": 0, "entities": [], "shade": "",
                              "colour": None, "title": "", "line": None}]
                    document["paragraphs"] = marked_paragraphs(text, whole, [i for i in items if i["end"] <= len(text)],
                                                               prefix=f"d{shown}-")
                else:
                    document["lines"] = [f"{SIGNAL_NAMES.get(i['signal'], i['signal'])} “{i['text']}” — "
                                         f"{i.get('sentence_text') or ''}" for i in items] or ["(no evidence file)"]
                documents.append(document)
            groups.append({"title": f"{schema.label(c)}: {name}", "documents": documents})
    return groups, bool(texts)


def _evidence_item(row: dict[str, Any]) -> dict[str, Any]:
    entities = row.get("entities")
    return {"signal": row["signal"], "text": row["text"], "start": int(row["start"]), "end": int(row["end"]),
            "kind": row.get("kind") if isinstance(row.get("kind"), str) else None,
            "marks": int(row["marks"]) if row.get("marks") == row.get("marks") and row.get("marks") else None,
            "entities": [e for e in str(entities).split("|") if e] if isinstance(entities, str) else [],
            "via": row.get("via"), "voice": row.get("voice"), "reason": row.get("kind"),
            "sentence_text": row.get("sentence_text")}


def corpus_report(results: str | Path, evidence: str | Path | None = None, keyness: str | Path | None = None,
                  by: str = "month", command: str | None = None, per_group: int = 3) -> str:
    """The evidence report of a batch run, as a self-contained HTML page: ``results`` is its
    documents table; ``evidence`` its evidence file (its SQLite output has one inside);
    ``keyness`` its keyness table."""
    from .asymmetry import summarize, table_schema
    from .charts import read_table, results_chart

    docs = read_table(results)
    if "words" not in docs.columns or not any(c.endswith("_exclusive_words") for c in docs.columns):
        raise InputError(f"{results}: not a documents table of `rhetoric batch`")
    schema = table_schema(docs)
    if schema.pair is None:
        raise ConfigError(f"{results}: the run has fewer than two entities; a report compares a pair")
    if evidence is None and str(results).lower().endswith((".sqlite", ".db", ".sqlite3")):
        evidence = results
    ev = read_evidence(evidence) if evidence is not None else None
    whole = summarize(docs, config=schema).iloc[0]
    periods = summarize(docs, by=by, config=schema)
    tables, notes = [], []
    for view in ("all", "exclusive"):
        table = summary_table(periods, schema, view)
        tables.append({"title": VIEW_TITLES[view] + ": asymmetry with 95% bootstrap interval, or the counts",
                       "head": table.head, "rows": table.rows})
        notes += [f"{VIEW_NAMES[view]}, {n}" for n in table.notes]
    headlines = []
    for view, infix in (("all", ""), ("exclusive", "exclusive_")):
        side = whole.get(f"{infix}headline_side")
        verdict = f"names {side}" if isinstance(side, str) and side else "names no side"
        p = whole.get(f"{infix}headline_p")
        headlines.append({"view": VIEW_NAMES[view], "title": whole.get(f"{infix}headline"),
                          "verdict": f"{verdict} (p = {p:.2g})" if p == p and p is not None else verdict})
    figures = []
    for kind in ("timeseries", "profile", "asymmetry"):
        try:
            chart = results_chart(results, kind, by=by if by in ("week", "month", "year") else "month")
        except ConfigError as exc:  # a run without dates has no time series: say so instead
            figures.append({"svg": "", "caption": f"{kind}: not drawn ({exc})"})
            continue
        figures.append({"svg": _svg(chart.figure), "caption": kind})
    if keyness is not None:
        figures.append({"svg": _svg(results_chart(keyness, "keyness").figure), "caption": "keyness"})
    tops, has_text = _top_documents(docs, ev, schema, per_group)
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    dates = docs["date"].dropna().astype(str) if "date" in docs.columns else []
    span = f"; dated {min(dates)[:10]} to {max(dates)[:10]}" if len(dates) else ""
    settings = [("rhetoric", __version__), ("documents table", str(results)),
                ("evidence", str(evidence) if evidence else "—"), ("keyness", str(keyness) if keyness else "—"),
                ("entities", ", ".join(schema.entities)), ("pair", " vs ".join(schema.pair)),
                ("topics", ", ".join(schema.topics) or "—"), *([("command", command)] if command else [])]
    return _environment().get_template("corpus.html.j2").render(
        version=__version__, title=f"Emphasis in {Path(str(results)).name}",
        summary=f"{len(docs):,} documents ({len(docs) - len(ok):,} failed){span}; "
                f"{int(whole[f'{slug(schema.pair[0])}_documents']):,} about {schema.pair[0]}, "
                f"{int(whole[f'{slug(schema.pair[1])}_documents']):,} about {schema.pair[1]}",
        headlines=headlines, by=by, tables=tables, notes=notes, charts=figures, tops=tops, has_text=has_text,
        settings=settings)


def write_report(html: str, path: str | Path, force: bool = False, inputs: Iterable[str | Path] = ()) -> Path:
    """Write a report (atomically, never over an input)."""
    from .writers import check_outputs, write_atomic

    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"{path}: a report is an .html file")
    check_outputs([path], force, list(inputs))
    write_atomic(path, html)
    return path
