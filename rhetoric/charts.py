"""Charts for articles: the only module that imports matplotlib (object API, no pyplot).

Every chart is drawn from a tidy table (a pandas DataFrame, also written as the chart's
``.csv`` sidecar) by a ``draw_*`` function that returns a :class:`matplotlib.figure.Figure`;
``*_data`` functions build those tables from a :class:`~rhetoric.measures.Measurement` or
from batch outputs.  The house style follows newsroom charts: the finding as the title, the
measure and unit as the subtitle, both left-aligned; source and credit bottom-left in
small grey type; direct labels; light gridlines; colour-blind-safe colours (Okabe-Ito);
zero-based bars; diverging charts centred on zero with the entities named at the ends.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from .asymmetry import summarize, table_schema
from .claims import HEADLINE_SIGNALS, LABELS, Finding, choose
from .config import Config
from .dates import (  # the periods of a time axis
    BREAK,
    _day_period,
    _period_number,
    all_periods,
    document_day,
    group_keys,
)
from .errors import ConfigError, InputError
from .lexicons import load_lexicons
from .schema import Schema, read_schema, slug
from .significance import SEED
from .version import __version__
from .writers import check_outputs, write_atomic

#: Okabe-Ito colours (colour-blind safe), used for entities without a colour of their own.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
GREY, LIGHT_GREY, INK = "#767676", "#d9d9d9", "#1a1a1a"
#: Size presets in pixels (width, height) at :data:`DPI`.
SIZES = {"web": (1200, 675), "square": (1080, 1080), "story": (1080, 1920), "column": (600, 500)}
#: The text chart's default size: square's width, and the height its text needs (at least square's).
FIT = "fit"
DPI = 200
KINDS = ("profile", "asymmetry", "topics", "text", "timeseries", "keyness")
#: Font sizes in pixels per preset: title, subtitle, labels, source line.  Set so that the
#: story and square presets stay readable on a phone (a 1080 px image shown ~390 pt wide).
FONT_PX = {"web": (40, 28, 25, 20), "square": (46, 32, 29, 22), "story": (50, 34, 31, 24),
           "column": (26, 19, 17, 14)}
#: The emphasis signals the profile and asymmetry charts show, in order (the headline's six).
SIGNALS = HEADLINE_SIGNALS
SIGNAL_LABELS = {s: LABELS[s][0].upper() + LABELS[s][1:] for s in (*SIGNALS, "exclamation_marks")}
#: Words left out of the keyness chart (not of the table): they rarely tell a reader anything.
FUNCTION_WORDS = frozenset("""a an the and or but of to in on at by for from with as is are was were be been being
it its this that these those he she they them his her their we our us you your i me my not no so than then there here
what which who whom whose will would can could should must may might do does did has have had just even very
more most also only all any some about into over out up down if said says say when while because after
before""".split())
#: Smallest type the text chart shrinks to, as a share of the label size: below it the
#: text is unreadable on a phone, so the chart asks for a larger size or an excerpt.
TEXT_MIN_SCALE = 0.62
#: Longest post the text chart draws whole, in words (else pass --sentences A-B).
TEXT_MAX_WORDS = 400


@dataclass(frozen=True)
class ChartStyle:
    """Article settings: the words around the chart and its size."""

    title: str | None = None
    subtitle: str | None = None
    source: str | None = None
    credit: str = "Analysis: rhetoric"
    size: str = "web"
    width: int | None = None
    height: int | None = None
    dpi: int = DPI

    def preset(self) -> str:
        """The size preset whose type sizes apply ("fit", the text chart's own height, uses square's)."""
        return "square" if self.size == FIT else self.size

    def pixels(self) -> tuple[int, int]:

        if self.size not in SIZES and self.size != FIT:
            raise ConfigError(f"--size {self.size!r}: choose one of {', '.join(SIZES)}")
        for name, value in (("--width", self.width), ("--height", self.height)):
            if value is not None and not 200 <= value <= 10_000:
                raise ConfigError(f"{name} {value}: give a size in pixels from 200 to 10000")
        width, height = SIZES[self.preset()]
        return self.width or width, self.height or height

    def fonts(self) -> tuple[float, float, float, float]:
        """Font sizes in points for this size (scaled when --width differs from the preset)."""
        scale = self.pixels()[0] / SIZES[self.preset()][0]
        return tuple(px * scale * 72 / self.dpi for px in FONT_PX[self.preset()])  # type: ignore[return-value]


@dataclass
class Chart:
    """A drawn chart with the table it was drawn from and its provenance."""

    figure: Figure
    data: Any
    kind: str
    style: ChartStyle
    meta: dict[str, Any] = field(default_factory=dict)


# -- frame: titles, source, axes ------------------------------------------------------------

def _wrap(text: str, font_px: float, width_px: float) -> str:
    chars = max(10, int(width_px / (0.52 * font_px)))
    return "\n".join(textwrap.wrap(text, chars)) if text else ""


def _fit(fig: Figure, artist: Any, text: str, width_px: float) -> str:
    """Wrap ``artist``'s ``text`` more tightly until its lines fit ``width_px`` as drawn (the
    estimate of :func:`_wrap` misses on text with many digits and capitals)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    wrapped = artist.get_text()
    chars = max(map(len, wrapped.split("\n")), default=0)
    while text and chars > 10 and artist.get_window_extent(renderer).width > width_px:
        chars = int(chars * 0.92)
        wrapped = "\n".join(textwrap.wrap(text, chars))
        artist.set_text(wrapped)
    return wrapped


def _frame(style: ChartStyle, title: str, subtitle: str, source: str | None,
           lines_below: int = 0) -> tuple[Figure, tuple[float, float, float, float]]:
    """A figure with title, subtitle and source placed; returns it and the free area
    (left, bottom, width, height) in figure fractions for the plot."""
    width_px, height_px = style.pixels()
    fig = Figure(figsize=(width_px / style.dpi, height_px / style.dpi), dpi=style.dpi, facecolor="white")
    FigureCanvasAgg(fig)
    t_pt, s_pt, l_pt, f_pt = style.fonts()
    margin = 0.045 * width_px
    usable = width_px - 2 * margin
    title_text = _wrap(style.title or title, t_pt * style.dpi / 72 * 1.1, usable)  # bold type is wider
    sub_text = _wrap(style.subtitle or subtitle, s_pt * style.dpi / 72, usable)
    y = height_px - margin * 0.8
    title_text = _fit(fig, fig.text(margin / width_px, y / height_px, title_text, fontsize=t_pt, fontweight="bold",
                                    color=INK, ha="left", va="top", gid="title"), style.title or title, usable)
    y -= (title_text.count("\n") + 1) * t_pt * style.dpi / 72 * 1.25 + 0.2 * s_pt * style.dpi / 72
    sub_text = _fit(fig, fig.text(margin / width_px, y / height_px, sub_text, fontsize=s_pt, color="#404040",
                                  ha="left", va="top", gid="subtitle"), style.subtitle or subtitle, usable)
    y -= (sub_text.count("\n") + 1) * s_pt * style.dpi / 72 * 1.3 + 0.6 * l_pt * style.dpi / 72
    foot = " · ".join(x for x in (style.source or source, style.credit) if x)
    foot_text = _wrap(foot, f_pt * style.dpi / 72, usable)
    fig.text(margin / width_px, margin * 0.6 / height_px, foot_text, fontsize=f_pt, color=GREY, ha="left",
             va="bottom", gid="source")
    bottom = margin * 0.6 + (foot_text.count("\n") + 1) * f_pt * style.dpi / 72 * 1.3 \
        + (1.8 + 1.5 * lines_below) * l_pt * style.dpi / 72
    return fig, (margin / width_px, bottom / height_px, usable / width_px, max(0.1, (y - bottom) / height_px))


def _axes(fig: Figure, box: tuple[float, float, float, float], labels: Sequence[str], fontsize: float,
          right_room: float = 0.0) -> Any:
    """Axes in ``box`` with room on the left for the longest y label (and ``right_room``
    figure-fraction on the right for value labels), so that nothing is clipped."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    probe = [fig.text(0, 0, label, fontsize=fontsize) for label in labels]
    widest = max((t.get_window_extent(renderer).width for t in probe), default=0)
    for t in probe:
        t.remove()
    width_px = fig.get_figwidth() * fig.dpi
    room = (widest + 0.6 * fontsize * fig.dpi / 72) / width_px
    left, bottom, width, height = box
    return fig.add_axes((left + room, bottom, max(0.1, width - room - right_room), height))


def _padding(ax: Any, rows: int, most_inches: float = 0.9) -> float:
    """Extra room (in rows) above and below so that no bar is thicker than ``most_inches``."""
    height = ax.get_position().height * ax.figure.get_figheight()
    return max(0.0, (height / most_inches - rows) / 2)


def _clean(ax: Any, grid_axis: str = "x") -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(LIGHT_GREY)
    ax.tick_params(colors=GREY, length=0)
    ax.grid(axis=grid_axis, color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)


def entity_colours(names: Sequence[str], config: Any = None) -> dict[str, str]:
    """Each entity's colour from the entity file (``config``: a Config, or the Schema stored with
    a run), else the palette in order."""
    from matplotlib.colors import is_color_like


    if isinstance(config, Schema):
        given = {n: c for n, c in zip(config.entities, config.colours, strict=True) if c}
        origin = "the run's schema"
    else:
        given = {e.name: e.colour for e in config.entities.entities if e.colour} if config is not None else {}
        origin = config.entities.origin if config is not None else ""
    for name, colour in given.items():
        if not is_color_like(colour):
            raise ConfigError(f"{origin}: entities.{name}.colour {colour!r} is not a colour; "
                              "use a hex code like \"#0072B2\" or a name like \"teal\"")
    free = [c for c in PALETTE if c not in given.values()]
    return {n: given.get(n) or free[i % len(free)] for i, n in enumerate(names)}


# -- data from a Measurement -------------------------------------------------------------------

#: How a chart names each view in its subtitle.
VIEW_PHRASES = {"all": "sentences about each entity (a sentence about both counts for each)",
                "exclusive": "sentences about each entity alone"}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _labels(data: Any) -> dict[str, str]:
    """Signal -> its label on the chart (from the table, else the default signals')."""
    if "label" in data.columns:
        return dict(zip(data["signal"], data["label"], strict=True))
    return {s: SIGNAL_LABELS.get(s, s) for s in data["signal"]}


def _check_view(view: str) -> None:
    if view not in VIEW_PHRASES:

        raise ConfigError(f"--view {view!r}: choose all or exclusive")


def _blocks(m: Any, view: str) -> dict[str, dict[str, Any]]:
    return {n: (b if view == "all" else b["exclusive"]) for n, b in m.entities.items()}


def profile_data(m: Any, view: str = "all"):
    """Per signal and entity: count, words and rate per 100 words in the view, and the
    p-value of the pair's permutation test for the signal (the same on both rows)."""
    import pandas as pd

    _check_view(view)
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

    _check_view(view)
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

    _check_view(view)
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


def _finding(data: Any, signal_column: str = "signal") -> Finding | None:
    """The headline of a profile or asymmetry table (or a topics table, per topic), by the
    rule of :mod:`rhetoric.claims`, from the numbers the chart draws."""
    if "entity_a" in data.columns:  # asymmetry: one row per signal
        a, b = data["entity_a"].iloc[0], data["entity_b"].iloc[0]
        if not isinstance(a, str) or not isinstance(b, str):
            return None
        rows = {r.signal: r for r in data.itertuples(index=False)}
        counts = {s: (_int(r.count_a), _int(r.count_b)) for s, r in rows.items()}
        rates = {s: (_rate(r.count_a, r.words_a), _rate(r.count_b, r.words_b)) for s, r in rows.items()}
        pvalues = {s: _value(r.p) for s, r in rows.items()}
        documents = _documents(data)
        signals = tuple(rows)
    else:  # profile or topics: one row per entity and signal (or topic); the pair in its column
        pair = str(data["pair"].iloc[0]) if "pair" in data.columns and isinstance(data["pair"].iloc[0], str) else ""
        if "|" not in pair:
            return None
        a, b = pair.split("|", 1)
        signals = tuple(dict.fromkeys(data[signal_column]))
        counts, rates, pvalues = {}, {}, {}
        for s in signals:
            part = data[data[signal_column] == s].set_index("entity")
            key = f"topic:{s}" if signal_column == "topic" else s
            count_column = "words" if signal_column == "topic" else "count"
            counts[key] = (_int(part.loc[a, count_column]), _int(part.loc[b, count_column]))
            rates[key] = (_value(part.loc[a, "rate"]), _value(part.loc[b, "rate"]))
            pvalues[key] = _value(part.loc[a, "p"])
        signals = tuple(counts)
        documents = None
        if "documents" in data.columns and data["documents"].notna().any():
            per = data.drop_duplicates("entity").set_index("entity")["documents"]
            documents = (_int(per[a]), _int(per[b]))
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    return choose((a, b), view, counts, rates, pvalues, documents, signals)


def _value(x: Any) -> float | None:
    return None if x is None or x != x else float(x)


def _int(x: Any) -> int:
    return 0 if x is None or x != x else int(x)


def _rate(count: Any, words: Any) -> float | None:
    words = _value(words)
    return 100 * _int(count) / words if words else None


def _documents(data: Any) -> tuple[int, int] | None:
    if "documents_a" in data.columns and data["documents_a"].notna().any():
        return _int(data["documents_a"].iloc[0]), _int(data["documents_b"].iloc[0])
    return None


def _verdict(finding: Finding | None) -> str:
    """The subtitle's note on the rule behind the title: why it names a side, or why not."""
    if finding is None or finding.signal is None:
        return ""
    return f"; {'names ' + finding.side if finding.side else 'names no side'}: {finding.reason}"


def _pair_of(config: Any) -> str | None:  # a Config or a Schema
    """The compared pair as a table column holds it ("Russia|Ukraine")."""
    return "|".join(config.pair) if config.pair else None


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


# -- drawing --------------------------------------------------------------------------------------

def _subtitle_n(data: Any) -> str:
    parts = []
    for name, g in data.groupby("entity", sort=False):
        sentences, words = int(g["sentences"].iloc[0]), int(g["words"].iloc[0])
        parts.append(f"{name}: {sentences:,} sentence{'s' * (sentences != 1)}, {words:,} word{'s' * (words != 1)}")
    return "; ".join(parts)


def draw_profile(data: Any, style: ChartStyle = ChartStyle(), colours: dict[str, str] | None = None,
                 source: str | None = None) -> Figure:
    """Grouped horizontal bars: each signal's rate per 100 words for each entity, counts labelled."""
    names = list(dict.fromkeys(data["entity"]))
    colours = colours or entity_colours(names)
    labels = _labels(data)
    signals = list(labels)
    rates = data.pivot(index="signal", columns="entity", values="rate").reindex(signals)[names]
    counts = data.pivot(index="signal", columns="entity", values="count").reindex(signals)[names]
    finding = _finding(data)
    title = finding.title if finding else "Emphasis in sentences about each entity"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = f"Signals per 100 words in {VIEW_PHRASES[view]}; {_subtitle_n(data)}{_verdict(finding)}"
    fig, box = _frame(style, title, subtitle, source)
    _, _, l_pt, _ = style.fonts()
    n = len(names)
    line = l_pt * style.dpi / 72 / (fig.get_figheight() * style.dpi)
    bar_pt = box[3] * fig.get_figheight() * 72 / len(signals) * 0.8 / n
    font = min(l_pt * 0.8, bar_pt * 0.95)
    direct = font >= l_pt * 0.5  # else the bars are too thin to carry their own labels: use a key
    if not direct:
        box = (box[0], box[1], box[2], box[3] - 1.6 * line)
    ax = _axes(fig, box, [labels[s] for s in signals], l_pt * 0.85)
    height = 0.8 / n
    maximum = max([v for v in rates.to_numpy().ravel() if v == v and v is not None] or [1]) or 1
    for k, name in enumerate(names):
        ys = [i + (k - (n - 1) / 2) * height for i in range(len(signals))]
        values = [0 if v is None or v != v else v for v in rates[name]]
        ax.barh(ys, values, height=height * 0.92, color=colours[name], gid=f"bar-{name}", label=name)
        for y, v, c, raw in zip(ys, values, counts[name], rates[name], strict=True):
            if not direct:
                continue
            label = "no words" if raw is None or raw != raw else f"{v:.1f} ({int(c)})"
            if raw == raw and raw is not None and y == ys[0] and n <= 3:
                label = f"{name}  {label}"
            ax.text(v + maximum * 0.02, y, label, va="center", ha="left", fontsize=font,
                    color=INK if c or y == ys[0] else GREY, gid="label")
    if not direct or n > 3:
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=min(n, 5), frameon=False,
                  fontsize=l_pt * 0.75, handlelength=1, borderaxespad=0.2, columnspacing=1)
    ax.set_yticks(range(len(signals)), [labels[s] for s in signals], fontsize=l_pt * 0.85, color=INK)
    ax.invert_yaxis()
    ax.set_xlim(0, maximum * 1.6)
    ax.tick_params(axis="x", labelsize=l_pt * 0.7)
    _clean(ax)
    return fig


def draw_asymmetry(data: Any, style: ChartStyle = ChartStyle(), colours: dict[str, str] | None = None,
                   source: str | None = None) -> Figure:
    """Diverging bars from -1 to +1 per signal toward the entity with more emphasis."""
    a, b = data["entity_a"].iloc[0], data["entity_b"].iloc[0]
    colours = colours or entity_colours([a, b])
    finding = _finding(data)
    title = finding.title if finding else f"Emphasis in sentences about {a} and {b}"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = f"Asymmetry of each signal's rate per 100 words in {VIEW_PHRASES[view]}; counts {a} vs {b}"
    if (data["low"] < data["high"]).any():
        subtitle += "; lines: 95% bootstrap intervals"
    documents = _documents(data)
    if documents:
        subtitle += f"; documents: {documents[0]:,} about {a}, {documents[1]:,} about {b}"
    subtitle += _verdict(finding)
    fig, box = _frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    ax = _axes(fig, box, list(_labels(data).values()), l_pt * 0.85)
    ys = list(range(len(data)))
    ax.set_xlim(-1.05, 1.05)
    for y, row in zip(ys, data.itertuples(index=False), strict=True):
        v = row.value
        tally = f"{_int(row.count_a):,} vs {_int(row.count_b):,}"
        if v is None or v != v:
            alone = " alone" if view == "exclusive" else ""
            words = {a: getattr(row, "words_a", None), b: getattr(row, "words_b", None)}
            empty = [n for n, w in words.items() if w is not None and w == w and not w]
            text = f"no words about {' or '.join(empty)}{alone}" if empty else f"no signal ({tally})"
            ax.text(0.03, y, text, ha="left", va="center", fontsize=l_pt * 0.75, color=GREY, gid="label")
            continue
        ax.barh(y, v, height=0.6, color=colours[a] if v >= 0 else colours[b], gid=f"bar-{row.signal}")
        if row.low is not None and row.low == row.low:
            ax.plot([row.low, row.high], [y, y], color=INK, linewidth=1.2, gid="interval")
        has_interval = row.low is not None and row.low == row.low
        inside = abs(v) > 0.6 and not has_interval
        end = (max(v, row.high) if v >= 0 else min(v, row.low)) if has_interval else v
        label = ax.text(v - 0.03 * (1 if v >= 0 else -1) if inside else end + 0.03 * (1 if v >= 0 else -1), y,
                        f"{round(v, 2) + 0.0:+.2f}".replace("-", "−") + f" ({tally})",
                        ha=("right" if v >= 0 else "left") if inside else ("left" if v >= 0 else "right"),
                        va="center", fontsize=l_pt * 0.75, color="white" if inside else INK, gid="label")
        if not inside:
            _keep_inside(ax, label, v, (row.low, row.high) if has_interval else None)
    ax.axvline(0, color=INK, linewidth=1)
    pad = _padding(ax, len(ys), 0.6)
    ax.set_ylim(len(ys) - 0.5 + pad, -0.5 - pad)
    ax.set_yticks(ys, list(_labels(data).values()), fontsize=l_pt * 0.85, color=INK)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1], ["−1", "−0.5", "0", "+0.5", "+1"], fontsize=l_pt * 0.7)
    for x, text, colour, align, gid in ((-1.02, f"← more for {b}", colours[b], "left", "entity-b"),
                                        (1.02, f"more for {a} →", colours[a], "right", "entity-a")):
        ax.annotate(text, xy=(x, 0), xycoords=("data", "axes fraction"), xytext=(0, -1.9 * l_pt),
                    textcoords="offset points", ha=align, va="top", fontsize=l_pt * 0.8, color=colour,
                    fontweight="bold", gid=gid)
    _clean(ax)
    return fig


def _keep_inside(ax: Any, label: Any, value: float, interval: tuple[float, float] | None) -> None:
    """A bar's label that would run past the plot's edge (a long whisker, long counts) goes to
    the other side of zero instead, beyond the whisker's other end."""
    renderer = ax.figure.canvas.get_renderer()
    box, area = label.get_window_extent(renderer), ax.get_window_extent(renderer)
    if (value >= 0 and box.x1 > area.x1) or (value < 0 and box.x0 < area.x0):
        if value >= 0:
            label.set_x(min(interval[0], 0) - 0.03 if interval else -0.03)
        else:
            label.set_x(max(interval[1], 0) + 0.03 if interval else 0.03)
        label.set_horizontalalignment("right" if value >= 0 else "left")


def draw_topics(data: Any, style: ChartStyle = ChartStyle(), colours: dict[str, str] | None = None,
                source: str | None = None) -> Figure:
    """Per topic and entity, its share of the topic's words (in its colour) beside its share of
    all the words (grey): the entity whose first bar is longer than its second has the more
    topic-heavy sentences."""
    topics = list(dict.fromkeys(data["topic"]))
    names = list(dict.fromkeys(data["entity"]))
    colours = colours or entity_colours(names)
    finding = _finding(data, "topic")
    title = finding.title if finding else f"{topics[0].capitalize()} words in sentences about each entity"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = (f"Each entity's share of the {' and '.join(topics)} words (colour) and of all the words (grey) in "
                f"{VIEW_PHRASES[view]}{_verdict(finding)}")
    fig, box = _frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    labels = [f"{n}, {t}" if len(topics) > 1 else n for t in topics for n in names]
    ax = _axes(fig, box, labels, l_pt * 0.85, right_room=0.0)
    font = l_pt * 0.72
    for y, row in enumerate(r for t in topics for r in data[data["topic"] == t].itertuples(index=False)):
        share, words_share = _value(row.share), _value(row.words_share)
        ax.barh(y - 0.14, share or 0, height=0.4, color=colours[row.entity], gid=f"bar-{row.entity}-{row.topic}")
        ax.barh(y + 0.2, words_share or 0, height=0.2, color=LIGHT_GREY, gid=f"words-{row.entity}-{row.topic}")
        text = "no words" if share is None else f"{100 * share:.0f}% of the {row.topic} words ({_int(row.words):,})"
        ax.text((share or 0) + 0.015, y - 0.14, text, va="center", ha="left", fontsize=font, color=INK, gid="label")
        text = "no words" if words_share is None else \
            f"{100 * words_share:.0f}% of all words ({_int(row.entity_words):,})"
        ax.text((words_share or 0) + 0.015, y + 0.2, text, va="center", ha="left", fontsize=font * 0.9, color=GREY,
                gid="label")
    pad = _padding(ax, len(labels), 1.1)
    ax.set_ylim(len(labels) - 0.5 + pad, -0.5 - pad)
    ax.set_yticks(range(len(labels)), labels, fontsize=l_pt * 0.85, color=INK)
    ax.set_xlim(0, 1.55)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"], fontsize=l_pt * 0.7)
    _clean(ax)
    return fig


def _light(colour: str, amount: float) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


def draw_text(data: Any, style: ChartStyle = ChartStyle(size="square"), colours: dict[str, str] | None = None,
              source: str | None = None) -> Figure:
    """The post itself: sentences shaded by entity (carried lighter, several entities grey),
    caps bold in the entity's colour, superlatives underlined, intensifiers in italics.
    The type shrinks (to :data:`TEXT_MIN_SCALE` at most) until the text fits the chosen size;
    a text that does not fit even then is an error whose hint names an excerpt holding the
    most evidence."""
    sentences = data[data["row"] == "sentence"]
    words = data[data["row"] == "word"]
    names = list(dict.fromkeys(n for e in sentences["entities"] if e for n in e.split("|")))
    colours = colours or entity_colours(names)
    count = sum(len(t.split()) for t in sentences["text"])
    if count > TEXT_MAX_WORDS:

        raise ConfigError(f"the text has {count} words; the text chart draws at most {TEXT_MAX_WORDS}: "
                          f"choose an excerpt, e.g. {excerpt_hint(data, TEXT_MAX_WORDS // 2)}")
    scale = 0.95
    while True:
        fig, slack = _text_attempt(sentences, words, names, colours, style, source, scale)
        if slack >= 0:
            return fig
        scale *= 0.9
        if scale < TEXT_MIN_SCALE:

            raise ConfigError(f"{count} words do not fit the {style.size} size; leave out --size to let the "
                              f"chart choose its height, or choose an excerpt, e.g. {excerpt_hint(data, 120)}")


#: Height in pixels the text chart grows to, at most, to fit a post at its width.
TEXT_MAX_HEIGHT = 4000


def fitting_height(data: Any, style: ChartStyle, colours: dict[str, str], source: str | None) -> int:
    """The height (pixels) at which the text chart holds the whole excerpt at full type size
    (at least half its width): the text is laid out once on a tall page and the page is cut to
    what it used."""
    sentences = data[data["row"] == "sentence"]
    words = data[data["row"] == "word"]
    names = list(dict.fromkeys(n for e in sentences["entities"] if e for n in e.split("|")))
    width, height = style.pixels()
    tall = replace(style, height=TEXT_MAX_HEIGHT)
    _, slack = _text_attempt(sentences, words, names, colours, tall, source, 0.95)
    return int(min(TEXT_MAX_HEIGHT, max(width // 2, TEXT_MAX_HEIGHT - slack + 8)))


def excerpt_hint(data: Any, most_words: int) -> str:
    """``--sentences A-B``: the run of sentences of at most ``most_words`` words that holds the
    most evidence (ALL-CAPS words, superlatives, intensifiers), the earliest of equals."""
    sentences = data[data["row"] == "sentence"].sort_values("sentence")
    marks = data[data["row"] == "word"]["sentence"].value_counts()
    numbers = sentences["sentence"].tolist()
    sizes = [len(t.split()) for t in sentences["text"]]
    best, best_range = -1, (numbers[0], numbers[0])
    for i in range(len(numbers)):
        total = held = 0
        for j in range(i, len(numbers)):
            total += sizes[j]
            if total > most_words and j > i:
                break
            held += int(marks.get(numbers[j], 0))
            if held > best:
                best, best_range = held, (numbers[i], numbers[j])
    return f"--sentences {best_range[0] + 1}-{best_range[1] + 1}"


def _text_attempt(sentences: Any, words: Any, names: list[str], colours: dict[str, str], style: ChartStyle,
                  source: str | None, scale: float) -> tuple[Figure, float]:
    """The chart at type ``scale``, and the pixels left below the text (negative: it overflows)."""
    total = int(sentences["of"].iloc[0]) if "of" in sentences.columns and len(sentences) else len(sentences)
    first, last = int(sentences["sentence"].min()) + 1, int(sentences["sentence"].max()) + 1
    title = "Where the emphasis falls"
    if (first, last) != (1, total):
        title += f": sentences {first}–{last} of {total}"
    subtitle = ("Sentences shaded by the entity they are about (lighter: through a pronoun; grey: several); "
                "bold: ALL-CAPS; underlined: superlatives; italic: intensifiers")
    fig, box = _frame(style, title, subtitle, source, lines_below=2)
    _, _, l_pt, _ = style.fonts()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width_px, height_px = style.pixels()
    left, bottom, box_w, box_h = box
    x0, x_max = left * width_px, (left + box_w) * width_px
    font = l_pt * scale
    line_h = font * style.dpi / 72 * 1.6
    y = (bottom + box_h) * height_px - line_h * 0.8
    probe = [fig.text(0, 0, "a a", fontsize=font), fig.text(0, 0, "aa", fontsize=font)]
    space = probe[0].get_window_extent(renderer).width - probe[1].get_window_extent(renderer).width
    for t in probe:
        t.remove()
    x, paragraph = x0, None
    rank = {"bold": 0, "underline": 1, "italic": 2}  # a word both ALL-CAPS and hyperbole is drawn bold
    styled: dict[tuple[int, int], tuple[str, str]] = {}
    for w in sorted(words.itertuples(index=False), key=lambda w: -rank.get(w.style, 3)):
        styled[(w.start, w.end)] = (w.style, w.entities)
    used: dict[tuple[str, bool], None] = {}  # the shadings drawn, for the legend: (entity or "several", carried)
    for s in sentences.itertuples(index=False):
        ents = [e for e in s.entities.split("|") if e]
        fill = None
        if ents:
            key = ents[0] if len(ents) == 1 else "several"
            used[(key, s.via == "carry")] = None
            fill = _shade(colours.get(key, "#9e9e9e"), s.via == "carry")
        if paragraph is not None and s.paragraph != paragraph:
            x, y = x0, y - line_h * 1.5
        paragraph = s.paragraph
        for token, start in _words(s.text, s.start):
            look = next((v for (a, b), v in styled.items() if a <= start < b), None)
            kwargs: dict[str, Any] = {"fontsize": font, "color": INK}
            if look and look[0] == "bold":
                # in an entity's colour only when it is one entity's: a word of a sentence about several is ink
                owners = look[1].split("|") if look[1] else []
                kwargs.update(fontweight="bold", color=colours.get(owners[0], INK) if len(owners) == 1 else INK)
            elif look and look[0] == "italic":
                kwargs.update(fontstyle="italic")
            artist = fig.text(x / width_px, y / height_px, token, va="baseline", ha="left", gid="word", **kwargs)
            extent = artist.get_window_extent(renderer)
            if x + extent.width > x_max and x > x0:
                x, y = x0, y - line_h
                artist.set_position((x / width_px, y / height_px))
            if fill is not None:
                fig.patches.append(Rectangle((x / width_px, (y - line_h * 0.27) / height_px),
                                             (extent.width + space) / width_px, line_h * 0.96 / height_px,
                                             transform=fig.transFigure, facecolor=fill, edgecolor="none",
                                             zorder=-1, gid="shade"))
            if look and look[0] == "underline":
                fig.lines.append(Line2D(
                    [x / width_px, (x + extent.width) / width_px], [(y - line_h * 0.1) / height_px] * 2,
                    transform=fig.transFigure, color=INK, linewidth=1.2, gid="underline"))
            x += extent.width + space
    slack = y - line_h * 0.3 - bottom * height_px
    _text_legend(fig, list(used), colours, style, bottom)
    return fig, slack


def _shade(colour: str, carried: bool) -> tuple[float, float, float]:
    """A sentence's background: the entity's colour (grey for several), lighter when carried."""
    if colour == "#9e9e9e":
        return _light(colour, 0.2 if carried else 0.35)
    return _light(colour, 0.18 if carried else 0.38)


def _words(text: str, offset: int):
    import regex

    for m in regex.finditer(r"\S+", text):
        yield m.group(), offset + m.start()


def _text_legend(fig: Figure, used: list[tuple[str, bool]], colours: dict[str, str], style: ChartStyle,
                 bottom: float) -> None:
    """A key to every shading drawn: each entity's (and "several"), named, and lighter "via a
    pronoun" where a sentence was carried."""
    _, _, l_pt, f_pt = style.fonts()
    width_px, height_px = style.pixels()
    x = 0.045 * width_px
    y = (bottom * height_px) - l_pt * style.dpi / 72 * 1.4
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    order = {name: k for k, name in enumerate([*colours, "several"])}
    for key, carried in sorted(used, key=lambda u: (order.get(u[0], 99), u[1])):
        label = ("about several" if key == "several" else key) + (" (via a pronoun)" if carried else "")
        t = fig.text(x / width_px, y / height_px, f" {label} ", fontsize=l_pt * 0.75, color=INK, va="baseline",
                     gid="legend", bbox={"facecolor": _shade(colours.get(key, "#9e9e9e"), carried), "edgecolor": "none",
                                         "pad": 2})
        width = t.get_window_extent(renderer).width
        if x + width > 0.955 * width_px and x > 0.045 * width_px:  # to the next line rather than past the edge
            x, y = 0.045 * width_px, y - l_pt * style.dpi / 72 * 1.5
            t.set_position((x / width_px, y / height_px))
        x += width + 0.02 * width_px


#: A period's rate from fewer documents about the entity is drawn as a hollow dot and does not
#: set the scale of the y-axis: with 4 documents, half of such rates are off the true rate by
#: 54% or more (65% with 3, 100% with 1 or 2; 51% with 5, 37% with 10: benchmarks/simulate_claims.py,
#: docs/claims.md).
MIN_POINT_DOCUMENTS = 5


def draw_timeseries(data: Any, style: ChartStyle = ChartStyle(), colours: dict[str, str] | None = None,
                    source: str | None = None, events: Sequence[tuple[str, str]] = ()) -> Figure:
    """Per-entity rate per period (dots, hollow from fewer than :data:`MIN_POINT_DOCUMENTS`
    documents about the entity, and a line of the rate pooled over three periods), the documents
    about the entities per period as faint bars, and event marks with their labels above the plot.
    The y-axis is set by the lines and the solid dots: a rate from a few documents above it is
    drawn as a hollow triangle at the top."""
    names = list(dict.fromkeys(data["entity"]))
    colours = colours or entity_colours(names)
    # each entity's rows list the periods in order, a break (…) once per hole: read by position
    first = data[data["entity"] == names[0]]
    periods = first["period"].tolist()
    signal = data["signal"].iloc[0]
    label = SIGNAL_LABELS.get(signal, signal)
    about = first["about_documents"].reset_index(drop=True) if "about_documents" in first.columns \
        else first["documents"].reset_index(drop=True)
    every = int(first["period_documents"].sum()) if "period_documents" in first.columns else int(about.sum())
    title = f"{label} over time, by entity"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = (f"{label} per 100 words in {VIEW_PHRASES[view]}, per {data['by'].iloc[0]}; lines: pooled over 3 "
                f"periods (dashed, hollow: fewer than {MIN_POINT_DOCUMENTS} documents); grey bars: documents about "
                f"{_names(names)} ({int(about.sum()):,} of {every:,})")
    skipped = [f"{periods[i - 1]} and {periods[i + 1]}" for i, p in enumerate(periods)
               if p == BREAK and 0 < i < len(periods) - 1]
    if skipped:
        subtitle += f"; dotted line: no documents between {', '.join(skipped)}"
    fig, box = _frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    event_font = l_pt * 0.72
    lines = _event_lines(periods, events, event_font, box[2] * style.pixels()[0] * 0.85, str(data["by"].iloc[0]))
    band = (max(lines, default=-1) + 1) * event_font * 1.35 * style.dpi / 72 / style.pixels()[1]
    box = (box[0], box[1], box[2], max(0.1, box[3] - band))
    ax = _axes(fig, box, [""], l_pt, right_room=0.14)
    back = ax.twinx()
    back.bar(range(len(periods)), about.fillna(0).to_numpy(), color="#ebebeb", width=0.8, gid="documents")
    back.set_ylim(0, max(1, float(about.max() or 1)) * 3)
    back.set_yticks([])
    for side in ("top", "right", "left"):
        back.spines[side].set_visible(False)
    ax.set_zorder(back.get_zorder() + 1)
    ax.patch.set_visible(False)
    parts = {name: data[data["entity"] == name].reset_index(drop=True) for name in names}
    top = 0.0
    for part in parts.values():
        solid = part["rate"].where(part["documents"] >= MIN_POINT_DOCUMENTS)
        for values in (solid, _firm(part)):
            if values.notna().any():
                top = max(top, float(values.max()))
    top = top or max([float(p["rate"].max()) for p in parts.values() if p["rate"].notna().any()] or [1.0])
    y_max = top * 1.12
    ends: list[list[Any]] = []
    xs = list(range(len(periods)))
    for name, part in parts.items():
        rate = part["rate"].to_numpy(float)
        few = (part["documents"] < MIN_POINT_DOCUMENTS).to_numpy()
        high = rate > y_max
        ax.plot([x for x, f, h in zip(xs, few, high, strict=True) if not f and not h],
                [r for r, f, h in zip(rate, few, high, strict=True) if not f and not h], "o", markersize=3,
                color=colours[name], alpha=0.6, gid=f"points-{name}")
        ax.plot([x for x, f, h in zip(xs, few, high, strict=True) if f and not h],
                [r for r, f, h in zip(rate, few, high, strict=True) if f and not h], "o", markersize=3.5,
                markerfacecolor="white", markeredgecolor=colours[name], markeredgewidth=1, gid=f"few-{name}")
        if high.any():
            ax.plot([x for x, h in zip(xs, high, strict=True) if h], [y_max * 0.985] * int(high.sum()), "^",
                    markersize=4.5, markerfacecolor="white", markeredgecolor=colours[name], markeredgewidth=1,
                    clip_on=False, gid=f"beyond-{name}")
        smooth = part["smoothed"].to_numpy(float)
        # the line where its pooled rate rests on enough documents; dashed, thin, where not
        ax.plot(xs, smooth, "--", linewidth=1, color=colours[name], gid=f"thin-{name}")
        ax.plot(xs, _firm(part).to_numpy(float), "-", linewidth=2, color=colours[name], gid=f"line-{name}")
        last = next((i for i in range(len(xs) - 1, -1, -1) if smooth[i] == smooth[i]), None)
        if last is not None:
            ends.append([float(smooth[last]), last, name])
    ax.set_ylim(0, y_max)
    ax.set_xlim(-0.6, len(periods) - 0.4)
    _end_labels(ax, ends, colours, l_pt * 0.85, y_max)
    _events(ax, periods, events, event_font, str(data["by"].iloc[0]), lines)
    for i, p in enumerate(periods):
        if p == BREAK:
            ax.axvline(i, color=GREY, linestyle=":", linewidth=1, gid="break")
    ticks = _time_ticks(ax, [str(p) for p in periods], l_pt * 0.7)
    ax.set_xticks(ticks, [str(periods[i]) for i in ticks], fontsize=l_pt * 0.7)
    ax.tick_params(axis="y", labelsize=l_pt * 0.7)
    _clean(ax, "y")
    return fig


def _firm(part: Any) -> Any:
    """The pooled line where it rests on MIN_POINT_DOCUMENTS documents or more."""
    if "pooled_documents" not in part.columns:
        return part["smoothed"]
    return part["smoothed"].where(part["pooled_documents"] >= MIN_POINT_DOCUMENTS)


def _names(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _event_position(periods: list[Any], when: str, by: str = "month") -> int:
    """The index of the period an event date (YYYY, YYYY-MM or YYYY-MM-DD; a year or month stands
    for its first day) falls in; the break's index for a date in a hole of the corpus; a one-line
    error for a date outside the chart.  Periods are compared as numbers (ISO weeks too)."""

    number = _period_number(_day_period(document_day(when), by) or "", by)
    for i, p in enumerate(periods):
        if p == BREAK or number is None:
            continue
        at = _period_number(str(p), by)
        if at == number:
            return i
        if at is not None and at > number:
            if i and periods[i - 1] == BREAK:
                return i - 1  # in the hole: on the dotted line
            break
    real = [str(p) for p in periods if p != BREAK]
    raise ConfigError(f"--annotate {when}: outside the chart's periods ({real[0]} to {real[-1]})" if real
                      else f"--annotate {when}: the chart has no periods")


def _event_lines(periods: list[Any], events: Sequence[tuple[str, str]], font_pt: float, width_px: float,
                 by: str) -> list[int]:
    """The line (0: the lowest, just above the plot) of each event's label, in date order: the
    first line where it does not touch an earlier label, to the left of its mark near the right
    edge.  Computed before the plot is placed, so that the band above it has room for them."""
    per_period = width_px / max(1, len(periods))
    char = 0.6 * font_pt * 200 / 72 / per_period  # a character's width, in periods (at 200 dpi)
    taken: list[list[tuple[float, float]]] = []  # per line: the spans of its labels, in periods
    lines = []
    for x, text in sorted(((_event_position(periods, when, by), text) for when, text in events), key=lambda e: e[0]):
        width = (len(text) + 1) * char
        span = (x - width, x) if x + 0.4 + width > len(periods) else (x, x + width)
        line = next((k for k, spans in enumerate(taken) if all(span[1] < a or span[0] > b for a, b in spans)),
                    len(taken))
        if line == len(taken):
            taken.append([])
        taken[line].append(span)
        lines.append(line)
    return lines


def _events(ax: Any, periods: list[Any], events: Sequence[tuple[str, str]], font_pt: float, by: str,
            lines: list[int]) -> None:
    """Event marks: a dashed line over the plot, and its label in the band above the plot, on
    the line :func:`_event_lines` chose, so that no label sits on a bar, a dot or a line."""
    ordered = sorted(((_event_position(periods, when, by), text) for when, text in events), key=lambda e: e[0])
    for (x, text), line in zip(ordered, lines, strict=True):
        ax.axvline(x, color=GREY, linestyle="--", linewidth=1, gid="event")
        left = x + 0.4 + (len(text) + 1) * 0.01 > len(periods) and x > len(periods) / 2
        ax.plot([x, x], [1.0, 1.0 + 0.02], color=GREY, linestyle="--", linewidth=1, transform=ax.get_xaxis_transform(),
                clip_on=False)
        ax.annotate(f" {text} " if left else f" {text}", xy=(x, 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 2 + 1.35 * font_pt * line), textcoords="offset points", color=GREY, fontsize=font_pt,
                    ha="right" if left else "left", va="bottom", gid="label", annotation_clip=False)


#: At most this many period labels on a time axis, however wide the chart.
MAX_TICKS = 8


def _time_ticks(ax: Any, labels: list[str], font_pt: float) -> list[int]:
    """The periods to label: the first of each stretch between breaks (so that a reader knows
    where each stretch starts), the breaks (…), and every ``step``-th period after a stretch's
    first, ``step`` chosen so that up to :data:`MAX_TICKS` labels fit the axis' width.  A
    label that would touch its neighbour is left out: a regular one or a break's first, and
    of two stretches' first labels, the shorter stretch's."""
    width_px = ax.get_position().width * ax.figure.get_figwidth() * ax.figure.dpi
    char_px = 0.62 * font_pt * ax.figure.dpi / 72
    per_period = width_px / max(1, len(labels))
    fits = max(2, min(MAX_TICKS, int(width_px // ((max(map(len, labels), default=1) + 2) * char_px))))
    step = max(1, -(-len(labels) // fits))
    must: set[int] = set()
    wanted: set[int] = set()
    length: dict[int, int] = {}  # periods in the stretch that each stretch's first label opens
    first = 0
    for i, label in enumerate(labels):
        if label == BREAK:
            must.add(i)
            first = i + 1
        elif i == first:
            must.add(i)
        elif (i - first) % step == 0:
            wanted.add(i)
        if label != BREAK:
            length[first] = length.get(first, 0) + 1
    kept: list[int] = []

    def clear(a: int, b: int) -> bool:  # labels a and b (a left of b) do not touch
        return (b - a) * per_period >= (len(labels[a]) + len(labels[b])) / 2 * char_px + 2 * char_px

    def weak(i: int) -> bool:  # may give way to a stretch's first label
        return i not in must or labels[i] == BREAK

    ordered = sorted(must | wanted)
    for k, i in enumerate(ordered):
        if weak(i):
            nxt = next((j for j in ordered[k + 1:] if not weak(j)), None)
            if (kept and not clear(kept[-1], i)) or (nxt is not None and not clear(i, nxt)):
                continue
        else:
            while kept and not clear(kept[-1], i) and (weak(kept[-1]) or length[kept[-1]] < length[i]):
                kept.pop()  # two stretches' first labels touch: the longer stretch's stays
            if kept and not clear(kept[-1], i):
                continue
        kept.append(i)
    return kept


def _end_labels(ax: Any, ends: list[list[Any]], colours: dict[str, str], font: float, y_max: float) -> None:
    """Entity names beside the lines' last values, in the margin right of the plot (so they never
    sit on a bar, a dot or a line), pushed apart so they never overlap."""
    height = ax.get_window_extent().height or 1
    gap = font * ax.figure.dpi / 72 * 1.3 / height * y_max
    ends.sort()
    floor = gap * 0.5
    for item in ends:  # upwards, each at least a gap above the one below
        item[0] = max(item[0], floor)
        floor = item[0] + gap
    ceiling = y_max - gap / 2
    for item in reversed(ends):  # then down from the top, where the first step pushed them past it
        item[0] = min(item[0], ceiling)
        ceiling = item[0] - gap
    for y, _x, name in ends:
        ax.annotate(name, xy=(1.0, y), xycoords=("axes fraction", "data"), xytext=(6, 0),
                    textcoords="offset points", color=colours[name], fontsize=font, fontweight="bold", va="center",
                    ha="left", gid="label", annotation_clip=False)


#: Default threshold of the keyness chart: |z| of the log-odds ratio (1.96: p < 0.05 for one
#: word taken alone).
KEYNESS_MIN_Z = 1.96
#: Default fewest uses (both sides together) of a word on the keyness chart.  When both sides
#: draw on the same words, 10 uses leaves about half as many false "key" words past |z| 1.96
#: as 3 (3.8 against 6.7 a table of 8,000 and 3,000 words; benchmarks/simulate_claims.py).
KEYNESS_MIN_COUNT = 10
#: Share of the words tested that pass |z| >= 1.96 by chance alone, at most (5%).
KEYNESS_CHANCE = 0.05


def _binomial_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X binomial(n, p): how likely chance alone makes k or more of n words pass."""
    from math import exp, lgamma, log

    if k <= 0:
        return 1.0
    below = sum(exp(lgamma(n + 1) - lgamma(i + 1) - lgamma(n - i + 1) + i * log(p) + (n - i) * log(1 - p))
                for i in range(min(k, n + 1)))
    return max(0.0, 1.0 - below)


def draw_keyness(data: Any, style: ChartStyle = ChartStyle(), colours: dict[str, str] | None = None,
                 source: str | None = None, top: int = 10) -> Figure:
    """The words past the threshold (|z| of at least ``min_z``, used at least ``min_count``
    times; columns of ``data``, else the defaults) that most set A's sentences apart from B's,
    as a two-sided bar chart of z-scores with the threshold drawn.  The title names the words
    only when more pass than chance would give (:data:`KEYNESS_CHANCE` of the words tested)."""

    if data.empty:
        raise ConfigError("the keyness table has no words: no word is used 3 times or more in the sentences "
                          "about the two entities")
    a, b = data["entity_a"].iloc[0], data["entity_b"].iloc[0]
    colours = colours or entity_colours([a, b])
    min_z = float(data["min_z"].iloc[0]) if "min_z" in data.columns else KEYNESS_MIN_Z
    min_count = int(data["min_count"].iloc[0]) if "min_count" in data.columns else KEYNESS_MIN_COUNT
    counts = [c for c in data.columns if c.endswith("_count") and c != "min_count"][:2]
    uses = data[counts[0]] + data[counts[1]]
    tested = data[(uses >= min_count) & ~data["word"].astype(str).str.lower().isin(FUNCTION_WORDS)]
    passing = tested[tested["z"].abs() >= min_z]
    _, probe_box = _frame(style, "x", "x " * 40, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    rows_fit = int(probe_box[3] * style.pixels()[1] * 72 / style.dpi / (l_pt * 0.68 * 1.5))
    top = max(3, min(top, 12, rows_fit // 2))  # as many words as fit in readable type
    side_a = passing[passing["z"] > 0].nlargest(top, "z")
    side_b = passing[passing["z"] < 0].nsmallest(top, "z")
    rows = list(side_a.itertuples(index=False)) + list(side_b.itertuples(index=False))[::-1]
    chance = KEYNESS_CHANCE * len(tested)
    threshold = f"|z| ≥ {min_z:g}, {min_count}+ uses"
    beyond = _binomial_tail(len(passing), len(tested), KEYNESS_CHANCE)
    if len(passing) and beyond <= 0.05:
        title = f"The words that set {a}'s own sentences apart from {b}'s"
    elif len(passing):
        title = f"No more words pass {threshold} than chance could give"
    else:
        title = f"No word sets {a}'s own sentences apart from {b}'s"
    shown = "all shown" if len(rows) == len(passing) else f"the top {top} each side shown"
    subtitle = (f"Words of the sentences about {a} and not {b}, against those about {b} and not {a}: log-odds "
                f"ratio with an informative Dirichlet prior, as a z-score (Monroe et al. 2008); past {threshold}, "
                f"function words left out: {len(passing):,} of the {len(tested):,} tested, where chance alone "
                f"passes about {chance:.0f} (as many or more: p = {beyond:.2g}); {shown}")
    fig, box = _frame(style, title, subtitle, source, lines_below=1)
    ax = fig.add_axes(box)
    limit = max([abs(r.z) for r in rows] + [min_z * 1.2]) * 1.45
    row_pt = box[3] * fig.get_figheight() * 72 / max(1, len(rows))
    font = min(l_pt * 0.8, row_pt * 0.62)
    for y, r in enumerate(rows):
        colour = colours[a] if r.z > 0 else colours[b]
        ax.barh(y, r.z, height=0.6, color=colour, gid=f"bar-{r.word}")
        ax.text(r.z + (0.02 if r.z > 0 else -0.02) * limit, y, str(r.word), ha="left" if r.z > 0 else "right",
                va="center", fontsize=font, color=INK, gid="label")
    if not rows:
        ax.text(0.5, 0.5, f"No word passes {threshold}", transform=ax.transAxes, ha="center", va="center",
                fontsize=l_pt * 0.85, color=GREY, gid="label")
    ax.axvline(0, color=INK, linewidth=1)
    for x in (-min_z, min_z):
        ax.axvline(x, color=GREY, linestyle="--", linewidth=1, gid="threshold")
    ax.set_xlim(-limit, limit)
    pad = _padding(ax, max(len(rows), 1), 0.6)
    ax.set_ylim(max(len(rows), 1) - 0.5 + pad, -0.5 - pad)
    ax.set_yticks([])
    ax.tick_params(axis="x", labelsize=l_pt * 0.7)
    for x, text, colour, align, gid in ((-limit, f"← {b}", colours[b], "left", "entity-b"),
                                        (limit, f"{a} →", colours[a], "right", "entity-a")):
        ax.annotate(text, xy=(x, 0), xycoords=("data", "axes fraction"), xytext=(0, -1.9 * l_pt),
                    textcoords="offset points", ha=align, va="top", fontsize=l_pt * 0.8, color=colour,
                    fontweight="bold", gid=gid)
    ax.annotate(f"dashed: |z| = {min_z:g}", xy=(0.5, 0), xycoords="axes fraction", xytext=(0, -1.9 * l_pt),
                textcoords="offset points", ha="center", va="top", fontsize=l_pt * 0.7, color=GREY, gid="legend")
    _clean(ax)
    return fig


DRAW = {"profile": draw_profile, "asymmetry": draw_asymmetry, "topics": draw_topics, "text": draw_text,
        "timeseries": draw_timeseries, "keyness": draw_keyness}


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
    name = path.name.lower()
    if name.endswith((".sqlite", ".db", ".sqlite3")):
        import sqlite3

        with sqlite3.connect(path) as db:
            return pd.read_sql_query("select * from documents", db)
    if name.endswith(".parquet"):
        return pd.read_parquet(path)
    if name.endswith((".jsonl", ".ndjson")):
        return pd.read_json(path, lines=True, dtype={"id": str})
    if name.endswith((".csv", ".tsv")):
        try:
            return pd.read_csv(path, sep="\t" if name.endswith(".tsv") else ",", dtype={"id": str})
        except (pd.errors.EmptyDataError, pd.errors.ParserError) as exc:
            raise InputError(f"{path}: not a table of a batch run ({str(exc).splitlines()[0]})") from None
    raise InputError(f"{path}: unknown results type; use the .csv, .parquet, .jsonl or .sqlite of a batch run")


def _entity_slugs(docs: Any) -> list[str]:
    suffix = "_caps_words_per_100_words"
    return [c[: -len(suffix)] for c in docs.columns if c.endswith(suffix) and not c.startswith("asymmetry")]


def _corpus_summary(docs: Any, schema: Schema, seed: int = SEED) -> Any:
    """The one-row summary of a whole documents table (both views, tests, intervals)."""

    return summarize(docs, config=schema, seed=seed).iloc[0]


def corpus_profile_data(docs: Any, config: Any = None, view: str = "all", seed: int = SEED):
    """:func:`profile_data` of a documents table: counts and words summed over the documents,
    the p-value of the pair's permutation test over (document, side) units."""
    import pandas as pd


    _check_view(view)
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
                         "rate": _value(summary[f"{e}{s}_per_100_words"]),
                         "p": _value(summary.get(f"asymmetry_{infix}{s}_p")), "view": view,
                         "documents": int(summary[f"{e}documents"]), "pair": _pair_of(schema)})
    return pd.DataFrame(rows)


def corpus_asymmetry_data(docs: Any, config: Any = None, seed: int = SEED, view: str = "all"):
    """:func:`asymmetry_data` of a documents table, with 95% bootstrap intervals (empty where
    a side has too few documents) and the documents about each side."""
    import pandas as pd


    _check_view(view)
    schema = table_schema(docs, config)
    summary = _corpus_summary(docs, schema, seed)
    infix = "" if view == "all" else "exclusive_"
    if schema.pair is None:
        raise ConfigError("the asymmetry chart needs two entities")
    a, b = schema.pair
    ea, eb = f"{slug(a)}_{infix}", f"{slug(b)}_{infix}"
    return pd.DataFrame([{"signal": s, "label": _capital(schema.label(s)),
                          "value": _value(summary.get(f"asymmetry_{infix}{s}")),
                          "low": _value(summary.get(f"asymmetry_{infix}{s}_low")),
                          "high": _value(summary.get(f"asymmetry_{infix}{s}_high")),
                          "p": _value(summary.get(f"asymmetry_{infix}{s}_p")), "entity_a": a, "entity_b": b,
                          "count_a": int(summary[f"{ea}{s}"]), "count_b": int(summary[f"{eb}{s}"]),
                          "words_a": int(summary[f"{ea}words"]), "words_b": int(summary[f"{eb}words"]),
                          "view": view, "low_n": bool(summary.get(f"{infix}low_n", False)),
                          "documents_a": int(summary[f"{ea}documents"]), "documents_b": int(summary[f"{eb}documents"]),
                          "note": summary.get(f"asymmetry_{infix}note")} for s in schema.headline])


def corpus_topics_data(docs: Any, config: Any = None, view: str = "all", seed: int = SEED):
    """:func:`topics_data` of a documents table (words summed over the documents)."""
    import pandas as pd


    _check_view(view)
    schema = table_schema(docs, config)
    summary = _corpus_summary(docs, schema, seed)
    infix = "" if view == "all" else "exclusive_"
    rows = []
    for topic in schema.topics:
        for name in schema.entities:
            e = f"{slug(name)}_{infix}"
            words = int(summary[f"{e}words"])
            count = int(summary[f"{e}{topic}_words"])
            rows.append({"topic": topic, "entity": name, "words": count, "share": _value(summary[f"{e}{topic}_share"]),
                         "words_share": _value(summary[f"{e}{topic}_words_share"]), "entity_words": words,
                         "rate": 100 * count / words if words else None,
                         "p": _value(summary.get(f"asymmetry_{infix}{topic}_density_p")), "view": view,
                         "documents": int(summary[f"{e}documents"]), "pair": _pair_of(schema)})
    return pd.DataFrame(rows)


def timeseries_data(docs: Any, by: str = "month", signal: str = "caps_words", config: Any = None,
                    view: str = "all"):
    """Per period and entity: the signal's count, the words and the documents about the entity
    in the view, its rate, the rate pooled over the period and its neighbours (with the documents
    pooled), and the documents of the period (all, and about any of the entities)."""
    import pandas as pd


    _check_view(view)
    schema = table_schema(docs, config)
    names = list(schema.entities)
    infix = "" if view == "all" else "exclusive_"
    known = [s for s in (*schema.rated, *(f"{t}_words" for t in schema.topics))
             if f"{slug(names[0])}_{infix}{s}" in docs.columns]
    if signal not in known:
        raise ConfigError(f"--signal {signal!r}: choose one of {', '.join(known)}")
    ok = docs[docs["error"].isna()] if "error" in docs.columns else docs
    keys = group_keys(ok, by)
    dated = keys != "(no date)"
    ok, keys = ok[dated], keys[dated]
    about_any = (ok[[f"{slug(n)}_{infix}words" for n in names]] > 0).any(axis=1)
    rows = []
    grouped = ok.groupby(keys, sort=True)
    # every period from the first to the last, so that the axis keeps time's proportions: a
    # corpus with no posts from 2019 to 2024 shows six empty years, not 2018 beside 2025 (and
    # a longer hole, one marked break)
    periods = all_periods(list(grouped.groups), by)
    counts = grouped.size().reindex(periods, fill_value=0)
    about = about_any.groupby(keys, sort=True).sum().reindex(periods, fill_value=0)
    for name in names:
        e = f"{slug(name)}_{infix}"
        words = grouped[f"{e}words"].sum().reindex(periods, fill_value=0)
        hits = grouped[f"{e}{signal}"].sum().reindex(periods, fill_value=0)
        documents = grouped[f"{e}words"].agg(lambda w: int((w > 0).sum())).reindex(periods, fill_value=0)
        rate = (100 * hits / words.where(words > 0)).astype(float)
        # the rate over each period and its neighbours, pooled (words, not rates, are summed: a
        # month with one short sentence about the entity does not weigh as much as a busy one);
        # none in a period without documents, so that the line breaks at a hole in the corpus
        window = {"center": True, "min_periods": 1}
        pooled_words = words.rolling(3, **window).sum()
        smooth = (100 * hits.rolling(3, **window).sum() / pooled_words.where(pooled_words > 0)).where(counts > 0)
        pooled_documents = documents.rolling(3, **window).sum()
        for k, period in enumerate(periods):  # by position: each break is a period "…" of its own
            rows.append({"period": period, "entity": name, "signal": signal, "by": by, "view": view,
                         "rate": rate.iloc[k], "smoothed": smooth.iloc[k], "count": int(hits.iloc[k]),
                         "words": int(words.iloc[k]), "documents": int(documents.iloc[k]),
                         "pooled_documents": int(pooled_documents.iloc[k]), "about_documents": int(about.iloc[k]),
                         "period_documents": int(counts.iloc[k])})
    return pd.DataFrame(rows)


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


# -- saving, sidecars, redrawing -------------------------------------------------------------------

def chart_files(path: str | Path) -> list[Path]:
    """The files a chart at ``path`` is saved as: the chart, its ``.csv`` and ``.json`` sidecars."""
    path = Path(path)
    return [path, path.with_suffix(".csv"), path.with_suffix(".json")]


def save(chart: Chart, path: str | Path, force: bool = True, inputs: Sequence[str | Path] = ()) -> list[Path]:
    """Write the chart (PNG, SVG or PDF by extension) and its sidecars: ``.csv`` (the numbers
    plotted) and ``.json`` (kind, settings, colours, lexicon fingerprints, version, command).
    PNG, SVG and PDF metadata carry the same description.  None of them may be one of
    ``inputs``, the files the chart was drawn from."""

    path = Path(path)
    check_outputs(chart_files(path), force, inputs)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise ConfigError(f"{path}: choose a .png, .svg or .pdf file name for the chart")
    meta = {"kind": chart.kind, "rhetoric": __version__, "matplotlib": matplotlib.__version__,
            "style": asdict(chart.style), "data": path.with_suffix(".csv").name, **chart.meta}
    description = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    title = chart.style.title or chart.kind
    metadata = {"png": {"Title": title, "Description": description, "Software": f"rhetoric {__version__}"},
                "svg": {"Title": title, "Description": description, "Creator": f"rhetoric {__version__}",
                        "Date": None},
                "pdf": {"Title": title, "Subject": description, "Creator": f"rhetoric {__version__}",
                        "CreationDate": None, "ModDate": None}}[fmt]
    import io

    buffer = io.BytesIO()
    chart.figure.savefig(buffer, format=fmt, dpi=chart.style.dpi, metadata=metadata)
    write_atomic(path, buffer.getvalue())
    csv_path, json_path = path.with_suffix(".csv"), path.with_suffix(".json")
    write_atomic(csv_path, chart.data.to_csv(index=False))
    write_atomic(json_path, json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return [path, csv_path, json_path]


def _read_sidecar_csv(path: Path):
    import pandas as pd

    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    for column in frame.columns:
        values = frame[column].replace("", None)
        try:
            frame[column] = pd.to_numeric(values)
        except (ValueError, TypeError):
            frame[column] = frame[column]
    return frame


def redraw(csv_path: str | Path, settings: dict[str, Any] | None = None) -> Chart:
    """Draw a chart again from its ``.csv`` sidecar and the ``.json`` beside it; ``settings``
    (fields of :class:`ChartStyle`: a new title, another size) replace the saved ones."""

    csv_path = Path(csv_path)
    json_path = csv_path.with_suffix(".json")
    if not json_path.exists():
        raise InputError(f"{csv_path}: no {json_path.name} beside it; redraw needs the chart's .json sidecar")
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    data = _read_sidecar_csv(csv_path)
    style = ChartStyle(**{**meta["style"], **(settings or {})})
    extra = {"events": [tuple(e) for e in meta.get("events", [])]} if meta["kind"] == "timeseries" else {}
    figure = DRAW[meta["kind"]](data, style, meta.get("colours"), meta.get("source"), **extra)
    rest = {k: v for k, v in meta.items() if k not in ("kind", "style", "rhetoric", "matplotlib", "data")}
    return Chart(figure, data, meta["kind"], style, rest)


#: The chart kinds of one measured text.
TEXT_KINDS = ("profile", "asymmetry", "topics", "text")


def check_text_kind(kind: str) -> None:
    """A chart kind of one text, or a one-line error (raised before anything is measured)."""

    if kind not in TEXT_KINDS:
        raise ConfigError(f"--chart-kind {kind!r}: choose profile, asymmetry, topics or text for one text "
                          "(timeseries and keyness come from `rhetoric batch` results via `rhetoric chart`)")


def measurement_chart(m: Any, kind: str = "profile", style: ChartStyle = ChartStyle(),
                      sentences: tuple[int, int] | None = None, source: str | None = None,
                      view: str = "all") -> Chart:
    """A chart of one measured text (``view``: ``all`` sentences about each entity, or
    ``exclusive``, those about it alone; the text chart shows every sentence)."""

    check_text_kind(kind)
    _check_view(view)
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


def results_chart(path: str | Path, kind: str, style: ChartStyle = ChartStyle(), config: Any = None,
                  by: str = "month", signal: str = "caps_words", events: Sequence[tuple[str, str]] = (),
                  source: str | None = None, seed: int = SEED, view: str = "all",
                  min_z: float = KEYNESS_MIN_Z, min_count: int = KEYNESS_MIN_COUNT,
                  pair: tuple[str, str] | None = None) -> Chart:
    """A chart of batch results: a documents table, or a keyness table for ``kind="keyness"``
    (drawn past ``min_z`` and ``min_count``).  The entities' names, colours, pair and topics are
    the run's, from the schema stored beside the table; ``config`` (the run's entity options)
    is needed only for a table without one; ``pair`` chooses two of the entities."""

    _check_view(view)
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
    elif "words" not in table.columns or not _entity_slugs(table):
        raise ConfigError(f"{path}: not a documents table of `rhetoric batch`")
    elif any(f"{e}_words" not in table.columns for e in slugs):
        missing = [n for n, e in zip(schema.entities, slugs, strict=True) if f"{e}_words" not in table.columns]
        raise ConfigError(f"{path}: has no columns for {', '.join(missing)}; pass the --entities or --entity of "
                          f"the batch run (its entities: {', '.join(_entity_slugs(table))})")
    elif table.empty or ("error" in table.columns and table["error"].notna().all()):
        raise ConfigError(f"{path}: no measured documents to chart (did --since/--until leave any?)")
    elif not any(table[f"{e}_sentences"].fillna(0).sum() for e in slugs if f"{e}_sentences" in table.columns):
        raise ConfigError(f"{path}: no document mentions any of the entities, so there is nothing to compare")
    elif kind == "timeseries":
        if "date" not in table.columns or table["date"].isna().all():
            raise ConfigError(f"{path}: the documents have no dates; a time series needs --date-col in the batch run")
        data = timeseries_data(table, by, signal, schema, view)
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
    from dataclasses import replace


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


def text_bounds_ok(fig: Figure) -> list[str]:
    """Problems a graphics editor would send back: text outside the figure, labels overlapping."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width, height = fig.bbox.width, fig.bbox.height
    boxes = []
    problems = []
    artists = list(fig.texts)
    for ax in fig.axes:
        artists += list(ax.texts)
        for axis, (low, high) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            artists += [t.label1 for t in axis.get_major_ticks()
                        if t.label1.get_visible() and low - 1e-9 <= t.get_loc() <= high + 1e-9]
    for artist in artists:
        if not artist.get_visible() or not artist.get_text().strip():
            continue
        box = artist.get_window_extent(renderer)
        if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5:
            problems.append(f"outside the figure: {artist.get_text()[:40]!r}")
        if artist.get_gid() in ("label", "title", "subtitle", "source", "entity-a", "entity-b", "legend"):
            boxes.append((artist.get_text()[:40], box))
    for i, (a_text, a) in enumerate(boxes):
        for b_text, b in boxes[i + 1:]:
            if a.x0 < b.x1 - 1 and b.x0 < a.x1 - 1 and a.y0 < b.y1 - 1 and b.y0 < a.y1 - 1:
                problems.append(f"overlap: {a_text!r} and {b_text!r}")
    return problems
