"""The furniture every chart shares: the frame (title, subtitle and source line placed, the area
left for the plot), axes with room for their labels, padding around few bars, the light look of
an axis, and the check a graphics editor would make (no text outside the figure, no overlap).
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .style import GREY, INK, LIGHT_GREY, ChartStyle


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


def frame(style: ChartStyle, title: str, subtitle: str, source: str | None,
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


def plot_axes(fig: Figure, box: tuple[float, float, float, float], labels: Sequence[str], fontsize: float,
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


def padding(ax: Any, rows: int, most_inches: float = 0.9) -> float:
    """Extra room (in rows) above and below so that no bar is thicker than ``most_inches``."""
    height = ax.get_position().height * ax.figure.get_figheight()
    return max(0.0, (height / most_inches - rows) / 2)


def clean(ax: Any, grid_axis: str = "x") -> None:
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color(LIGHT_GREY)
    ax.tick_params(colors=GREY, length=0)
    ax.grid(axis=grid_axis, color="#ececec", linewidth=0.8)
    ax.set_axisbelow(True)


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
