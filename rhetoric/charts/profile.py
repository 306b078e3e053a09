"""The profile chart: each signal's rate per 100 words for each entity, as grouped bars."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from .data import VIEW_PHRASES
from .layout import clean, frame, plot_axes
from .style import DEFAULT_STYLE, GREY, INK, ChartStyle, entity_colours
from .titles import finding_of, labels_of, verdict


def _subtitle_n(data: Any) -> str:
    parts = []
    for name, g in data.groupby("entity", sort=False):
        sentences, words = int(g["sentences"].iloc[0]), int(g["words"].iloc[0])
        parts.append(f"{name}: {sentences:,} sentence{'s' * (sentences != 1)}, {words:,} word{'s' * (words != 1)}")
    return "; ".join(parts)


def draw_profile(data: Any, style: ChartStyle = DEFAULT_STYLE, colours: dict[str, str] | None = None,
                 source: str | None = None) -> Figure:
    """Grouped horizontal bars: each signal's rate per 100 words for each entity, counts labelled."""
    names = list(dict.fromkeys(data["entity"]))
    colours = colours or entity_colours(names)
    labels = labels_of(data)
    signals = list(labels)
    rates = data.pivot(index="signal", columns="entity", values="rate").reindex(signals)[names]
    counts = data.pivot(index="signal", columns="entity", values="count").reindex(signals)[names]
    finding = finding_of(data)
    title = finding.title if finding else "Emphasis in sentences about each entity"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = f"Signals per 100 words in {VIEW_PHRASES[view]}; {_subtitle_n(data)}{verdict(finding)}"
    fig, box = frame(style, title, subtitle, source)
    _, _, l_pt, _ = style.fonts()
    n = len(names)
    line = l_pt * style.dpi / 72 / (fig.get_figheight() * style.dpi)
    bar_pt = box[3] * fig.get_figheight() * 72 / len(signals) * 0.8 / n
    font = min(l_pt * 0.8, bar_pt * 0.95)
    direct = font >= l_pt * 0.5  # else the bars are too thin to carry their own labels: use a key
    if not direct:
        box = (box[0], box[1], box[2], box[3] - 1.6 * line)
    ax = plot_axes(fig, box, [labels[s] for s in signals], l_pt * 0.85)
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
    clean(ax)
    return fig
