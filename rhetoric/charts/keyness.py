"""The keyness chart: the words that most set the sentences about one entity apart from those
about the other, as a two-sided bar chart of z-scores."""

from __future__ import annotations

from typing import Any

from matplotlib.figure import Figure

from ..errors import ConfigError
from .data import KEYNESS_MIN_COUNT, KEYNESS_MIN_Z
from .layout import clean, frame, padding
from .style import DEFAULT_STYLE, GREY, INK, ChartStyle, entity_colours

#: Words left out of the keyness chart (not of the table): they rarely tell a reader anything.
FUNCTION_WORDS = frozenset("""a an the and or but of to in on at by for from with as is are was were be been being
it its this that these those he she they them his her their we our us you your i me my not no so than then there here
what which who whom whose will would can could should must may might do does did has have had just even very
more most also only all any some about into over out up down if said says say when while because after
before""".split())
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


def draw_keyness(data: Any, style: ChartStyle = DEFAULT_STYLE, colours: dict[str, str] | None = None,
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
    _, probe_box = frame(style, "x", "x " * 40, source, lines_below=1)
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
        title = f"No more words set {a}'s and {b}'s own sentences apart than chance would"
    else:
        title = f"No word sets {a}'s own sentences apart from {b}'s"
    shown = "all shown" if len(rows) == len(passing) else f"the top {top} each side shown"
    subtitle = (f"Words of the sentences about {a} and not {b}, against those about {b} and not {a}: log-odds "
                f"ratio with an informative Dirichlet prior, as a z-score (Monroe et al. 2008); past {threshold}, "
                f"function words left out: {len(passing):,} of the {len(tested):,} tested, where chance alone "
                f"passes about {chance:.0f} (as many or more: p = {beyond:.2g}); {shown}")
    fig, box = frame(style, title, subtitle, source, lines_below=1)
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
    pad = padding(ax, max(len(rows), 1), 0.6)
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
    clean(ax)
    return fig
