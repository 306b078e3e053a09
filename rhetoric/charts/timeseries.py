"""The time-series chart: each entity's rate of a signal per period, with the documents per
period and event marks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.figure import Figure

from ..dates import BREAK, _day_period, _period_number, document_day
from ..errors import ConfigError
from .data import VIEW_PHRASES, WHOLE
from .layout import clean, frame, plot_axes
from .style import DEFAULT_STYLE, GREY, ChartStyle, entity_colours
from .titles import SIGNAL_LABELS, SINGULAR_LABELS

#: A period's rate from fewer documents about the entity is drawn as a hollow dot and does not
#: set the scale of the y-axis: with 4 documents, half of such rates are off the true rate by
#: 54% or more (65% with 3, 100% with 1 or 2; 51% with 5, 37% with 10: benchmarks/simulate_claims.py,
#: docs/claims.md).
MIN_POINT_DOCUMENTS = 5


def draw_timeseries(data: Any, style: ChartStyle = DEFAULT_STYLE, colours: dict[str, str] | None = None,
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
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    share = "measure" in data.columns and data["measure"].iloc[0] == "share"
    by = data["by"].iloc[0]
    pooled = f"lines: pooled over 3 periods (dashed, hollow: fewer than {MIN_POINT_DOCUMENTS} documents)"
    if names == [WHOLE]:
        one = SINGULAR_LABELS.get(signal, label.lower())
        title = f"Share of posts with {_article(one)} {one}, by {by}" if share else f"{label} per 100 words, by {by}"
        measured = f"% of posts with at least one {one}" if share else f"{label} per 100 words"
        subtitle = (f"{measured} in the author's own words (reposts and quotations left out); "
                    f"{pooled.replace('documents', 'posts')}; grey bars: posts in the author's own words "
                    f"({int(about.sum()):,} of {every:,}; the tallest counted)")
    else:
        title = f"{label} over time, by entity"
        subtitle = (f"{label} per 100 words in {VIEW_PHRASES[view]}, per {by}; {pooled}; grey bars: documents "
                    f"about {_names(names)} ({int(about.sum()):,} of {every:,}; the tallest counted)")
    skipped = [f"{periods[i - 1]} and {periods[i + 1]}" for i, p in enumerate(periods)
               if p == BREAK and 0 < i < len(periods) - 1]
    if skipped:
        subtitle += f"; dotted line: no documents between {', '.join(skipped)}"
    fig, box = frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    event_font = l_pt * 0.72
    lines = _event_lines(periods, events, event_font, box[2] * style.pixels()[0] * 0.85, str(data["by"].iloc[0]))
    band = (max(lines, default=-1) + 1) * event_font * 1.35 * style.dpi / 72 / style.pixels()[1]
    box = (box[0], box[1], box[2], max(0.1, box[3] - band))
    ax = plot_axes(fig, box, ["100%" if share else "00.0"], l_pt * 0.7, right_room=0.14)  # room for y ticks
    back = ax.twinx()
    back.bar(range(len(periods)), about.fillna(0).to_numpy(), color="#ebebeb", width=0.8, gid="documents")
    back.set_ylim(0, max(1, float(about.max() or 1)) * 3)
    if about.notna().any() and about.max():  # the bars' scale: the tallest one's count
        tallest = int(about.fillna(0).to_numpy().argmax())
        back.text(tallest, float(about.iloc[tallest]), f"{int(about.iloc[tallest]):,}", ha="center", va="bottom",
                  fontsize=l_pt * 0.6, color=GREY, gid="bar-count")
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
    if share:
        ax.yaxis.set_major_formatter(lambda value, _pos: f"{value:.0f}%")
    clean(ax, "y")
    return fig


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


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
