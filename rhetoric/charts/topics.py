"""The topics chart: each entity's share of a topic's words beside its share of all the words."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from .data import VIEW_PHRASES, as_float, as_int
from .layout import clean, frame, padding, plot_axes
from .style import DEFAULT_STYLE, GREY, INK, LIGHT_GREY, ChartStyle, entity_colours
from .titles import finding_of, verdict


def draw_topics(data: Any, style: ChartStyle = DEFAULT_STYLE, colours: dict[str, str] | None = None,
                source: str | None = None) -> Figure:
    """Per topic and entity, its share of the topic's words (in its colour) beside its share of
    all the words (grey): the entity whose first bar is longer than its second has the more
    topic-heavy sentences."""
    topics = list(dict.fromkeys(data["topic"]))
    names = list(dict.fromkeys(data["entity"]))
    colours = colours or entity_colours(names)
    finding = finding_of(data, "topic")
    title = finding.title if finding else f"{topics[0].capitalize()} words in sentences about each entity"
    view = str(data["view"].iloc[0]) if "view" in data.columns else "all"
    subtitle = (f"Each entity's share of the {' and '.join(topics)} words (colour) and of all the words (grey) in "
                f"{VIEW_PHRASES[view]}{verdict(finding)}")
    fig, box = frame(style, title, subtitle, source, lines_below=1)
    _, _, l_pt, _ = style.fonts()
    labels = [f"{n}, {t}" if len(topics) > 1 else n for t in topics for n in names]
    ax = plot_axes(fig, box, labels, l_pt * 0.85, right_room=0.0)
    font = l_pt * 0.72
    for y, row in enumerate(r for t in topics for r in data[data["topic"] == t].itertuples(index=False)):
        share, words_share = as_float(row.share), as_float(row.words_share)
        ax.barh(y - 0.14, share or 0, height=0.4, color=colours[row.entity], gid=f"bar-{row.entity}-{row.topic}")
        ax.barh(y + 0.2, words_share or 0, height=0.2, color=LIGHT_GREY, gid=f"words-{row.entity}-{row.topic}")
        text = "no words" if share is None else f"{100 * share:.0f}% of the {row.topic} words ({as_int(row.words):,})"
        ax.text((share or 0) + 0.015, y - 0.14, text, va="center", ha="left", fontsize=font, color=INK, gid="label")
        text = "no words" if words_share is None else \
            f"{100 * words_share:.0f}% of all words ({as_int(row.entity_words):,})"
        ax.text((words_share or 0) + 0.015, y + 0.2, text, va="center", ha="left", fontsize=font * 0.9, color=GREY,
                gid="label")
    pad = padding(ax, len(labels), 1.1)
    ax.set_ylim(len(labels) - 0.5 + pad, -0.5 - pad)
    ax.set_yticks(range(len(labels)), labels, fontsize=l_pt * 0.85, color=INK)
    ax.set_xlim(0, 1.55)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"], fontsize=l_pt * 0.7)
    clean(ax)
    return fig
