"""Charts for articles: the only package that imports matplotlib (object API, no pyplot).

Every chart is drawn from a tidy table (a pandas DataFrame, also written as the chart's
``.csv`` sidecar) by a ``draw_*`` function that returns a :class:`matplotlib.figure.Figure`;
``*_data`` functions build those tables from a :class:`~rhetoric.measures.Measurement` or
from batch outputs.  One job a module:

- :mod:`.style`: the house style (sizes, type, colours; :class:`ChartStyle`);
- :mod:`.layout`: the frame every chart shares (title, subtitle, source line), axes, the bounds check;
- :mod:`.titles`: the labels, and the title from the numbers by the rule of :mod:`rhetoric.claims`;
- :mod:`.data`: the tables, from a Measurement and from batch outputs;
- :mod:`.profile`, :mod:`.asymmetry`, :mod:`.topics`, :mod:`.text`, :mod:`.timeseries`,
  :mod:`.keyness`: one drawer each;
- :mod:`.files`: saving a chart with its sidecars, and reading them back;
- here: :class:`Chart`, the drawer of each kind (:data:`DRAW`), and the charts of a measured
  text, of batch results and of a sidecar (:func:`measurement_chart`, :func:`results_chart`,
  :func:`redraw`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from matplotlib.figure import Figure

from ..config import Config
from ..dates import BREAK, all_periods
from ..errors import ConfigError
from ..lexicons import load_lexicons
from ..schema import Schema
from ..significance import SEED
from .asymmetry import draw_asymmetry
from .data import (
    KEYNESS_MIN_COUNT,
    KEYNESS_MIN_Z,
    VIEW_PHRASES,
    asymmetry_data,
    check_view,
    corpus_asymmetry_data,
    corpus_profile_data,
    corpus_topics_data,
    entity_slugs,
    keyness_data,
    profile_data,
    read_table,
    text_data,
    timeseries_data,
    topics_data,
)
from .files import chart_files, read_sidecars, save
from .keyness import draw_keyness
from .layout import text_bounds_ok
from .profile import draw_profile
from .style import DEFAULT_STYLE, DPI, FIT, PALETTE, SIZES, ChartStyle, entity_colours
from .text import draw_text, excerpt_hint, fitting_height
from .timeseries import MAX_TICKS, draw_timeseries
from .topics import draw_topics

__all__ = [
    "BREAK", "DPI", "DRAW", "FIT", "KEYNESS_MIN_COUNT", "KEYNESS_MIN_Z", "KINDS", "MAX_TICKS", "PALETTE", "SIZES",
    "TEXT_KINDS", "VIEW_PHRASES", "Chart", "ChartStyle", "all_periods", "asymmetry_data", "chart_files",
    "check_text_kind", "corpus_asymmetry_data", "corpus_profile_data", "corpus_topics_data", "draw_asymmetry",
    "draw_keyness", "draw_profile", "draw_text", "draw_timeseries", "draw_topics", "entity_colours",
    "excerpt_hint", "fitting_height", "keyness_data", "measurement_chart", "profile_data", "read_table",
    "redraw", "results_chart", "save", "text_bounds_ok", "text_data", "timeseries_data", "topics_data",
]

#: Every chart kind (:data:`DRAW` holds the drawer of each).
KINDS = ("profile", "asymmetry", "topics", "text", "timeseries", "keyness")
#: The chart kinds of one measured text.
TEXT_KINDS = ("profile", "asymmetry", "topics", "text")


@dataclass
class Chart:
    """A drawn chart with the table it was drawn from and its provenance."""

    figure: Figure
    data: Any
    kind: str
    style: ChartStyle
    meta: dict[str, Any] = field(default_factory=dict)


DRAW = {"profile": draw_profile, "asymmetry": draw_asymmetry, "topics": draw_topics, "text": draw_text,
        "timeseries": draw_timeseries, "keyness": draw_keyness}


def check_text_kind(kind: str) -> None:
    """A chart kind of one text, or a one-line error (raised before anything is measured)."""

    if kind not in TEXT_KINDS:
        raise ConfigError(f"--chart-kind {kind!r}: choose profile, asymmetry, topics or text for one text "
                          "(timeseries and keyness come from `rhetoric batch` results via `rhetoric chart`)")


def measurement_chart(m: Any, kind: str = "profile", style: ChartStyle = DEFAULT_STYLE,
                      sentences: tuple[int, int] | None = None, source: str | None = None,
                      view: str = "all") -> Chart:
    """A chart of one measured text (``view``: ``all`` sentences about each entity, or
    ``exclusive``, those about it alone; the text chart shows every sentence)."""

    check_text_kind(kind)
    check_view(view)
    builders = {"profile": profile_data, "asymmetry": asymmetry_data, "topics": topics_data}
    if kind == "asymmetry" and m.asymmetry.get("pair") is None:
        raise ConfigError("the asymmetry chart needs two entities")
    data = text_data(m, sentences) if kind == "text" else builders[kind](m, view)
    colours = entity_colours(list(m.entities), m.config)
    if kind == "text" and style.size == FIT and style.height is None:
        style = replace(style, height=fitting_height(data, style, colours, source))
    elif style.size == FIT:
        style = replace(style, size="web")
    figure = DRAW[kind](data, style, colours, source)
    meta = {"colours": colours, "source": source, "lexicons": _fingerprints(m.config)}
    return Chart(figure, data, kind, style, meta)


def results_chart(path: str | Path, kind: str, style: ChartStyle = DEFAULT_STYLE, config: Any = None,
                  by: str = "month", signal: str = "caps_words", events: Sequence[tuple[str, str]] = (),
                  source: str | None = None, seed: int = SEED, view: str = "all",
                  min_z: float = KEYNESS_MIN_Z, min_count: int = KEYNESS_MIN_COUNT,
                  pair: tuple[str, str] | None = None, whole: bool = False, share: bool = False) -> Chart:
    """A chart of batch results: a documents table, or a keyness table for ``kind="keyness"``
    (drawn past ``min_z`` and ``min_count``).  The entities' names, colours, pair and topics are
    the run's, from the schema stored beside the table; ``config`` (the run's entity options)
    is needed only for a table without one; ``pair`` chooses two of the entities.  ``whole``
    and ``share``: a time series of the whole documents (see :func:`timeseries_data`)."""
    if (whole or share) and kind != "timeseries":
        raise ConfigError("--whole and --share draw a time series: add --kind timeseries")

    check_view(view)
    table = read_table(path)
    schema = _results_schema(table, config, pair)
    slugs = list(schema.slugs)
    if kind == "keyness":
        if view != "all":
            raise ConfigError("--view: a keyness table compares the sentences about one side and not the other; "
                              "it has no views")
        if "z" not in table.columns:
            raise ConfigError(f"{path}: not a keyness table (from rhetoric batch --keyness)")
        data = keyness_data(table, schema.pair if (pair or "schema" in table.attrs or config) else None,
                            min_z, min_count)
    elif "low_n" in table.columns and "documents" in table.columns and "sentences" not in table.columns:
        raise ConfigError(f"{path}: a summary table (rhetoric batch --by); charts are drawn from the documents "
                          "table, the file given to rhetoric batch with -o")
    elif "words" not in table.columns or not entity_slugs(table):
        raise ConfigError(f"{path}: not a documents table of `rhetoric batch`")
    elif any(f"{e}_words" not in table.columns for e in slugs):
        missing = [n for n, e in zip(schema.entities, slugs, strict=True) if f"{e}_words" not in table.columns]
        raise ConfigError(f"{path}: has no columns for {', '.join(missing)}; pass the --entities or --entity of "
                          f"the batch run (its entities: {', '.join(entity_slugs(table))})")
    elif table.empty or ("error" in table.columns and table["error"].notna().all()):
        raise ConfigError(f"{path}: no measured documents to chart (did --since/--until leave any?)")
    elif not whole and not any(table[f"{e}_sentences"].fillna(0).sum() for e in slugs
                               if f"{e}_sentences" in table.columns):
        raise ConfigError(f"{path}: no document mentions any of the entities, so there is nothing to compare")
    elif kind == "timeseries":
        if "date" not in table.columns or table["date"].isna().all():
            raise ConfigError(f"{path}: the documents have no dates; a time series needs --date-col in the batch run")
        data = timeseries_data(table, by, signal, schema, view, whole, share)
    elif kind == "profile":
        data = corpus_profile_data(table, schema, view, seed)
    elif kind == "asymmetry":
        if schema.pair is None:
            raise ConfigError("the asymmetry chart needs two entities")
        data = corpus_asymmetry_data(table, schema, seed, view)
    elif kind == "topics":
        data = corpus_topics_data(table, schema, view, seed)
    else:
        raise ConfigError(f"--kind {kind!r}: choose one of {', '.join(k for k in KINDS if k != 'text')} for batch "
                          "results (the text chart is for one text: rhetoric measure FILE --chart-kind text)")
    names = list(dict.fromkeys(data["entity"])) if "entity" in data.columns else list(schema.pair or ())
    colours = entity_colours(names, config if config is not None else schema)
    extra = {"events": list(events)} if kind == "timeseries" else {}
    figure = DRAW[kind](data, style, colours, source, **extra)
    meta = {"colours": colours, "source": source, "results": str(path), "schema": json.loads(schema.to_json()),
            **({"lexicons": _fingerprints(config)} if config is not None else {}), **extra}
    return Chart(figure, data, kind, style, meta)


def _results_schema(table: Any, config: Any, pair: tuple[str, str] | None) -> Schema:
    """The schema a chart of ``table`` uses: the run's (stored beside the table), else that of
    ``config`` (or of the default configuration) with the table's own topics; ``pair`` in
    place of its pair, when given."""
    stored = table.attrs.get("schema")
    if stored is not None:  # the run's (--entities given again may only restyle them: colours)
        schema = stored
        if config is not None and set(config.entities.names) != set(stored.entities):
            raise ConfigError(f"the batch run measured {', '.join(stored.entities)}; drop --entities/--entity "
                              "to chart them, or run the batch again with these entities")
    else:
        schema = Schema.of(config if config is not None else Config.make())
    if stored is None and schema.slugs and f"{schema.slugs[0]}_words" in table.columns:
        first = schema.slugs[0]  # a run with --topic war=... has russia_war_share, not russia_trade_share
        topics = tuple(c[len(first) + 1:-len("_share")] for c in table.columns if c.startswith(f"{first}_")
                       and c.endswith("_share") and not c.startswith(f"{first}_exclusive_"))
        schema = replace(schema, topics=topics)
    if pair is not None:
        for name in pair:
            if name not in schema.entities:
                raise ConfigError(f"--pair: {name!r} is not one of the run's entities ({', '.join(schema.entities)})")
        if pair[0] == pair[1]:
            raise ConfigError(f"--pair needs two different entities, got {pair[0]!r} twice")
        schema = replace(schema, pair=tuple(pair))
    return schema


def _fingerprints(config: Any) -> dict[str, str]:
    return dict(load_lexicons(config.lexicons).fingerprints)


def redraw(csv_path: str | Path, settings: dict[str, Any] | None = None) -> Chart:
    """Draw a chart again from its ``.csv`` sidecar and the ``.json`` beside it; ``settings``
    (fields of :class:`ChartStyle`: a new title, another size) replace the saved ones."""

    data, meta = read_sidecars(csv_path)
    style = ChartStyle(**{**meta["style"], **(settings or {})})
    extra = {"events": [tuple(e) for e in meta.get("events", [])]} if meta["kind"] == "timeseries" else {}
    figure = DRAW[meta["kind"]](data, style, meta.get("colours"), meta.get("source"), **extra)
    rest = {k: v for k, v in meta.items() if k not in ("kind", "style", "rhetoric", "matplotlib", "data")}
    return Chart(figure, data, meta["kind"], style, rest)
