"""The tables the charts are drawn from: tidy pandas DataFrames (each also written as the
chart's ``.csv`` sidecar), built from a :class:`~rhetoric.measures.Measurement` (one text) or
from the outputs of ``rhetoric batch`` (a documents table, or a keyness table).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..asymmetry import summarize, table_schema
from ..dates import all_periods, group_keys
from ..errors import ConfigError, InputError
from ..schema import Schema, read_schema, slug
from ..significance import SEED

# -- views and cells -------------------------------------------------------------------------------

#: How a chart names each view in its subtitle.
VIEW_PHRASES = {"all": "sentences about each entity (a sentence about both counts for each)",
                "exclusive": "sentences about each entity alone"}


def check_view(view: str) -> None:
    """A view the tables are built in, or a one-line error."""
    if view not in VIEW_PHRASES:
        raise ConfigError(f"--view {view!r}: choose all or exclusive")


def as_float(x: Any) -> float | None:
    """A table cell as a number; None for a missing one (None or NaN)."""
    return None if x is None or x != x else float(x)


def as_int(x: Any) -> int:
    """A table cell as a count; 0 for a missing one (None or NaN)."""
    return 0 if x is None or x != x else int(x)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pair_of(config: Any) -> str | None:  # a Config or a Schema
    """The compared pair as a table column holds it ("Russia|Ukraine")."""
    return "|".join(config.pair) if config.pair else None


def _blocks(m: Any, view: str) -> dict[str, dict[str, Any]]:
    return {n: (b if view == "all" else b["exclusive"]) for n, b in m.entities.items()}


# -- data from a Measurement -------------------------------------------------------------------

def profile_data(m: Any, view: str = "all"):
    """Per signal and entity: count, words and rate per 100 words in the view, and the
    p-value of the pair's permutation test for the signal (the same on both rows)."""
    import pandas as pd

    check_view(view)
    tests = m.tests.get(view, {})
    rows = []
    for name, block in _blocks(m, view).items():
        for s in m.schema.headline:
            rows.append({"entity": name, "signal": s, "label": _capital(m.schema.label(s)), "count": block[s],
                         "words": block["words"],
                         "sentences": block["sentences"], "rate": block["per_100_words"][s], "p": tests.get(s),
                         "view": view, "pair": _pair_of(m.config)})
    return pd.DataFrame(rows)


def asymmetry_data(m: Any, view: str = "all"):
    """Per signal: the pair's asymmetry in the view, the counts and words behind it, and the
    p-value of its permutation test."""
    import pandas as pd

    check_view(view)
    pair = m.asymmetry.get("pair") or [None, None]
    asym = m.asymmetry if view == "all" else m.asymmetry.get("exclusive", {})
    blocks = _blocks(m, view)
    tests = m.tests.get(view, {})
    rows = []
    for s in m.schema.headline:
        a, b = (blocks[p] if p else {} for p in pair)
        rows.append({"signal": s, "label": _capital(m.schema.label(s)), "value": asym.get(s), "low": None,
                     "high": None, "p": tests.get(s),
                     "entity_a": pair[0], "entity_b": pair[1], "count_a": a.get(s), "count_b": b.get(s),
                     "words_a": a.get("words"), "words_b": b.get("words"), "view": view})
    return pd.DataFrame(rows)


def topics_data(m: Any, view: str = "all"):
    """Per topic and entity: its words of the topic, its share of them and its share of all the
    entities' words in the view, the density, and the p-value of the pair's test on density."""
    import pandas as pd

    check_view(view)
    tests = m.tests.get(view, {}).get("topics", {})
    rows = []
    for topic in m.config.topics.names:
        for name, block in _blocks(m, view).items():
            t = block["topics"][topic]
            rows.append({"topic": topic, "entity": name, "words": t["words"], "share": t["share"],
                         "words_share": t["words_share"], "entity_words": block["words"],
                         "rate": None if t["density"] is None else 100 * t["density"], "p": tests.get(topic),
                         "view": view, "documents": None, "pair": _pair_of(m.config)})
    return pd.DataFrame(rows)


def text_data(m: Any, sentences: tuple[int, int] | None = None):
    """Per sentence: its text, entities and how they were assigned; per styled word: its span."""
    import pandas as pd

    count = len(m.sentence_list)
    first, last = sentences or (1, count)
    if not 1 <= first <= last <= max(count, 1):
        raise ConfigError(f"--sentences {first}-{last}: choose A-B with 1 <= A <= B <= {count}; the text has "
                          f"{count} sentence{'s' * (count != 1)}")
    rows = []
    for s, a in zip(m.sentence_list, m.attribution, strict=True):
        if not first <= s.number + 1 <= last:
            continue
        rows.append({"row": "sentence", "sentence": s.number, "start": s.start, "end": s.end, "text": s.text,
                     "entities": "|".join(a.entities), "via": a.via or "", "style": "", "paragraph": s.paragraph,
                     "of": count})
    styles = {"caps": "bold", "superlative": "underline", "intensifier": "italic"}
    for e in m.evidence:
        if e.signal in styles and first <= e.sentence + 1 <= last and not (e.signal == "superlative"
                                                                             and e.kind == "quantifier"):
            rows.append({"row": "word", "sentence": e.sentence, "start": e.start, "end": e.end, "text": e.text,
                         "entities": "|".join(e.entities), "via": e.via or "", "style": styles[e.signal],
                         "paragraph": None})
    return pd.DataFrame(rows)


# -- data from batch outputs ---------------------------------------------------------------------

def read_table(path: str | Path):
    """A batch output (csv, tsv, jsonl, parquet, or the documents table of a sqlite file), with
    the schema stored beside it in ``.attrs["schema"]`` (none for an older table)."""
    table = _read_table(Path(path))
    schema = read_schema(Path(path))
    if schema is not None:
        table.attrs["schema"] = schema
    return table


def _read_table(path: Path):
    import pandas as pd

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    source: Any = path
    if path.is_dir():  # the part files of an --engine dask run, in input order, read as one file
        source = _joined_parts(path)
    name = path.name.lower()
    if name.endswith((".sqlite", ".db", ".sqlite3")):
        import sqlite3

        with sqlite3.connect(path) as db:
            return pd.read_sql_query("select * from documents", db)
    if name.endswith(".parquet"):
        return pd.read_parquet(path)
    if name.endswith((".jsonl", ".ndjson")):
        return pd.read_json(source, lines=True, dtype={"id": str})
    if name.endswith((".csv", ".tsv")):
        try:
            return pd.read_csv(source, sep="\t" if name.endswith(".tsv") else ",", dtype={"id": str},
                               low_memory=False)  # a column's type from all its rows, not chunk by chunk
        except (pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
            raise InputError(f"{path}: not a table of a batch run ({str(exc).splitlines()[0]})") from None
    raise InputError(f"{path}: unknown results type; use the .csv, .parquet, .jsonl or .sqlite of a batch run")


def _joined_parts(folder: Path) -> Any:
    """The part files of a folder (``part-00000.csv`` ...) as one file in memory: CSV and TSV
    parts each begin with the header, kept once (a Parquet folder is read by pandas itself)."""
    import io

    suffix = folder.suffix.lower()
    parts = sorted(p for p in folder.glob("part-*") if p.suffix.lower() == suffix)
    if not parts:
        raise InputError(f"{folder}: a folder without part-*{suffix} files; give a batch output")
    if suffix == ".parquet":
        return folder
    buffer = io.BytesIO()
    for k, part in enumerate(parts):
        data = part.read_bytes()
        if suffix in (".csv", ".tsv") and k:
            data = data.split(b"\n", 1)[1] if b"\n" in data else b""
        buffer.write(data)
    buffer.seek(0)
    return buffer


def entity_slugs(docs: Any) -> list[str]:
    suffix = "_caps_words_per_100_words"
    return [c[: -len(suffix)] for c in docs.columns if c.endswith(suffix) and not c.startswith("asymmetry")]


def _corpus_summary(docs: Any, schema: Schema, seed: int = SEED) -> Any:
    """The one-row summary of a whole documents table (both views, tests, intervals)."""

    return summarize(docs, config=schema, seed=seed).iloc[0]


def corpus_profile_data(docs: Any, config: Any = None, view: str = "all", seed: int = SEED):
    """:func:`profile_data` of a documents table: counts and words summed over the documents,
    the p-value of the pair's permutation test over (document, side) units."""
    import pandas as pd

    check_view(view)
    schema = table_schema(docs, config)
    summary = _corpus_summary(docs, schema, seed)
    infix = "" if view == "all" else "exclusive_"
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    rows = []
    for name in schema.entities:
        e = f"{slug(name)}_{infix}"
        for s in schema.headline:
            rows.append({"entity": name, "signal": s, "label": _capital(schema.label(s)),
                         "count": int(summary[f"{e}{s}"]),
                         "words": int(summary[f"{e}words"]), "sentences": int(ok[f"{e}sentences"].sum()),
                         "rate": as_float(summary[f"{e}{s}_per_100_words"]),
                         "p": as_float(summary.get(f"asymmetry_{infix}{s}_p")), "view": view,
                         "documents": int(summary[f"{e}documents"]), "pair": _pair_of(schema)})
    return pd.DataFrame(rows)


def corpus_asymmetry_data(docs: Any, config: Any = None, seed: int = SEED, view: str = "all"):
    """:func:`asymmetry_data` of a documents table, with 95% bootstrap intervals (empty where
    a side has too few documents) and the documents about each side."""
    import pandas as pd

    check_view(view)
    schema = table_schema(docs, config)
    summary = _corpus_summary(docs, schema, seed)
    infix = "" if view == "all" else "exclusive_"
    if schema.pair is None:
        raise ConfigError("the asymmetry chart needs two entities")
    a, b = schema.pair
    ea, eb = f"{slug(a)}_{infix}", f"{slug(b)}_{infix}"
    return pd.DataFrame([{"signal": s, "label": _capital(schema.label(s)),
                          "value": as_float(summary.get(f"asymmetry_{infix}{s}")),
                          "low": as_float(summary.get(f"asymmetry_{infix}{s}_low")),
                          "high": as_float(summary.get(f"asymmetry_{infix}{s}_high")),
                          "p": as_float(summary.get(f"asymmetry_{infix}{s}_p")), "entity_a": a, "entity_b": b,
                          "count_a": int(summary[f"{ea}{s}"]), "count_b": int(summary[f"{eb}{s}"]),
                          "words_a": int(summary[f"{ea}words"]), "words_b": int(summary[f"{eb}words"]),
                          "view": view, "low_n": bool(summary.get(f"{infix}low_n", False)),
                          "documents_a": int(summary[f"{ea}documents"]), "documents_b": int(summary[f"{eb}documents"]),
                          "note": summary.get(f"asymmetry_{infix}note")} for s in schema.headline])


def corpus_topics_data(docs: Any, config: Any = None, view: str = "all", seed: int = SEED):
    """:func:`topics_data` of a documents table (words summed over the documents)."""
    import pandas as pd

    check_view(view)
    schema = table_schema(docs, config)
    summary = _corpus_summary(docs, schema, seed)
    infix = "" if view == "all" else "exclusive_"
    rows = []
    for topic in schema.topics:
        for name in schema.entities:
            e = f"{slug(name)}_{infix}"
            words = int(summary[f"{e}words"])
            count = int(summary[f"{e}{topic}_words"])
            rows.append({"topic": topic, "entity": name, "words": count,
                         "share": as_float(summary[f"{e}{topic}_share"]),
                         "words_share": as_float(summary[f"{e}{topic}_words_share"]), "entity_words": words,
                         "rate": 100 * count / words if words else None,
                         "p": as_float(summary.get(f"asymmetry_{infix}{topic}_density_p")), "view": view,
                         "documents": int(summary[f"{e}documents"]), "pair": _pair_of(schema)})
    return pd.DataFrame(rows)


#: The name of the line of a time series of the whole documents (not per entity).
WHOLE = "All posts"


def timeseries_data(docs: Any, by: str = "month", signal: str = "caps_words", config: Any = None,
                    view: str = "all", whole: bool = False, share: bool = False):
    """Per period and entity: the signal's count, the words and the documents about the entity
    in the view, its rate, the rate pooled over the period and its neighbours (with the documents
    pooled), and the documents of the period (all, and about any of the entities).

    ``whole``: one line, the whole documents' (the author's own words), named :data:`WHOLE`;
    ``share`` (with ``whole``): the share of the period's documents with at least one, in
    percent, instead of the rate per 100 words."""
    import pandas as pd

    check_view(view)
    if share and not whole:
        raise ConfigError("--share plots the share of whole documents; add --whole")
    if whole and view != "all":
        raise ConfigError("--view: a time series of whole documents has no views (they are about the entities)")
    schema = table_schema(docs, config)
    names = [WHOLE] if whole else list(schema.entities)
    prefixes = {WHOLE: ""} if whole else {n: f"{slug(n)}_{'' if view == 'all' else 'exclusive_'}" for n in names}
    first = prefixes[names[0]]
    known = [s for s in (*schema.rated, *(f"{t}_words" for t in schema.topics)) if f"{first}{s}" in docs.columns]
    if signal not in known:
        raise ConfigError(f"--signal {signal!r}: choose one of {', '.join(known)}"
                          + ("" if known or not whole else " (this documents table has no whole-document counts)"))
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    keys = group_keys(ok, by)
    dated = keys != "(no date)"
    ok, keys = ok[dated], keys[dated]
    about_any = (ok[[f"{prefixes[n]}words" for n in names]] > 0).any(axis=1)
    rows = []
    grouped = ok.groupby(keys, sort=True)
    # every period from the first to the last, so that the axis keeps time's proportions: a
    # corpus with no posts from 2019 to 2024 shows six empty years, not 2018 beside 2025 (and
    # a longer hole, one marked break)
    periods = all_periods(list(grouped.groups), by)
    counts = grouped.size().reindex(periods, fill_value=0)
    about = about_any.groupby(keys, sort=True).sum().reindex(periods, fill_value=0)
    window = {"center": True, "min_periods": 1}
    for name in names:
        e = prefixes[name]
        words = grouped[f"{e}words"].sum().reindex(periods, fill_value=0)
        documents = grouped[f"{e}words"].agg(lambda w: int((w > 0).sum())).reindex(periods, fill_value=0)
        if share:  # documents with at least one, of the period's documents with words of the author's
            hits = grouped[f"{e}{signal}"].agg(lambda c: int((c > 0).sum())).reindex(periods, fill_value=0)
            base = documents
        else:
            hits = grouped[f"{e}{signal}"].sum().reindex(periods, fill_value=0)
            base = words
        rate = (100 * hits / base.where(base > 0)).astype(float)
        # the rate over each period and its neighbours, pooled (words, not rates, are summed: a
        # month with one short sentence about the entity does not weigh as much as a busy one);
        # none in a period without documents, so that the line breaks at a hole in the corpus
        pooled = base.rolling(3, **window).sum()
        smooth = (100 * hits.rolling(3, **window).sum() / pooled.where(pooled > 0)).where(counts > 0)
        pooled_documents = documents.rolling(3, **window).sum()
        for k, period in enumerate(periods):  # by position: each break is a period "…" of its own
            rows.append({"period": period, "entity": name, "signal": signal, "by": by, "view": view,
                         "measure": "share" if share else "rate",
                         "rate": rate.iloc[k], "smoothed": smooth.iloc[k], "count": int(hits.iloc[k]),
                         "words": int(words.iloc[k]), "documents": int(documents.iloc[k]),
                         "pooled_documents": int(pooled_documents.iloc[k]), "about_documents": int(about.iloc[k]),
                         "period_documents": int(counts.iloc[k])})
    return pd.DataFrame(rows)


#: Default threshold of the keyness chart: |z| of the log-odds ratio (1.96: p < 0.05 for one
#: word taken alone).
KEYNESS_MIN_Z = 1.96
#: Default fewest uses (both sides together) of a word on the keyness chart.  When both sides
#: draw on the same words, 10 uses leaves about half as many false "key" words past |z| 1.96
#: as 3 (3.8 against 6.7 a table of 8,000 and 3,000 words; benchmarks/simulate_claims.py).
KEYNESS_MIN_COUNT = 10


def keyness_data(table: Any, pair: tuple[str, str] | None = None, min_z: float = KEYNESS_MIN_Z,
                 min_count: int = KEYNESS_MIN_COUNT):
    """The whole keyness table, with the pair and the chart's thresholds (every word stays in
    the sidecar; the chart draws those past the thresholds)."""

    data = table.copy()
    counts = [c for c in data.columns if c.endswith("_count") and c != "min_count"]
    data["min_z"], data["min_count"] = min_z, min_count
    sides = [c[: -len("_count")] for c in counts[:2]]
    if pair is not None and [slug(n) for n in pair] != sides:
        raise ConfigError(f"the keyness table compares {sides[0]} (positive z) with {sides[1]}; "
                          f"--pair {','.join(pair)} does not match: give --pair in that order")
    if pair is None:
        pair = tuple(s.replace("_", " ").title() for s in sides)  # type: ignore[assignment]
    data["entity_a"], data["entity_b"] = pair[0], pair[1]
    data["favours"] = [pair[0] if z > 0 else pair[1] if z < 0 else "" for z in data["z"]]
    return data
