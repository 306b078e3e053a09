"""The asymmetry chart: each signal's asymmetry between the pair, as bars diverging from zero
toward the entity with more emphasis."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from .data import VIEW_PHRASES, as_int
from .layout import clean, frame, padding, plot_axes
from .style import DEFAULT_STYLE, GREY, INK, ChartStyle, entity_colours
from .titles import documents_of, finding_of, labels_of, verdict


def draw_asymmetry(data: Any, style: ChartStyle = DEFAULT_STYLE, colours: dict[str, str] | None = None,
                   source: str | None = None) -> Figure:
    """Diverging bars from -1 to +1 per signal toward the entity with more emphasis."""
    a, b = data["entity_a"].iloc[0], data["entity_b"].iloc[0]
    colours = colours or entity_colours([a, b])
    finding = finding_of(data)
    title = finding.title if finding else f"Emphasis in sentences about {a} and {b}"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = f"Asymmetry of each signal's rate per 100 words in {VIEW_PHRASES[view]}; counts {a} vs {b}"
    if (data["low"] < data["high"]).any():
        subtitle += "; lines: 95% bootstrap intervals"
    documents = documents_of(data)
    if documents:
        subtitle += f"; documents: {documents[0]:,} about {a}, {documents[1]:,} about {b}"
    subtitle += verdict(finding)
    fig, box = frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    ax = plot_axes(fig, box, list(labels_of(data).values()), l_pt * 0.85)
    ys = list(range(len(data)))
    ax.set_xlim(-1.05, 1.05)
    for y, row in zip(ys, data.itertuples(index=False), strict=True):
        v = row.value
        tally = f"{as_int(row.count_a):,} vs {as_int(row.count_b):,}"
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
    pad = padding(ax, len(ys), 0.6)
    ax.set_ylim(len(ys) - 0.5 + pad, -0.5 - pad)
    ax.set_yticks(ys, list(labels_of(data).values()), fontsize=l_pt * 0.85, color=INK)
    ax.set_xticks([-1, -0.5, 0, 0.5, 1], ["−1", "−0.5", "0", "+0.5", "+1"], fontsize=l_pt * 0.7)
    for x, text, colour, align, gid in ((-1.02, f"← more for {b}", colours[b], "left", "entity-b"),
                                        (1.02, f"more for {a} →", colours[a], "right", "entity-a")):
        ax.annotate(text, xy=(x, 0), xycoords=("data", "axes fraction"), xytext=(0, -1.9 * l_pt),
                    textcoords="offset points", ha=align, va="top", fontsize=l_pt * 0.8, color=colour,
                    fontweight="bold", gid=gid)
    clean(ax)
    return fig


def _keep_inside(ax: Any, label: Any, value: float, interval: tuple[float, float] | None) -> None:
    """A bar's label stays on its own side of zero (a label in the other half reads as the
    other entity's): past the plot's edge into the figure's margin if it fits there, else
    inside the bar in white when the bar is long enough, else at the edge, over the whisker."""
    renderer = ax.figure.canvas.get_renderer()
    box, figure = label.get_window_extent(renderer), ax.figure.bbox
    margin = 4.0  # pixels kept from the figure's edge
    if box.x0 >= figure.x0 + margin and box.x1 <= figure.x1 - margin:
        return
    to_data = ax.transData.inverted()
    width = abs(to_data.transform((box.x1, 0))[0] - to_data.transform((box.x0, 0))[0])
    if abs(value) - 0.06 >= width:  # inside the bar
        label.set_x(value - 0.03 if value >= 0 else value + 0.03)
        label.set_horizontalalignment("right" if value >= 0 else "left")
        label.set_color("white")
        return
    edge = to_data.transform((figure.x1 - margin, 0))[0] if value >= 0 else \
        to_data.transform((figure.x0 + margin, 0))[0]
    label.set_x(edge)
    label.set_horizontalalignment("right" if value >= 0 else "left")
