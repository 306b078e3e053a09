"""The text chart: the post itself, its sentences shaded by the entity they are about and the
styled words marked (ALL-CAPS bold, superlatives underlined, intensifiers in italics)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..errors import ConfigError
from .layout import frame
from .style import INK, ChartStyle, entity_colours

#: Smallest type the text chart shrinks to, as a share of the label size: below it the
#: text is unreadable on a phone, so the chart asks for a larger size or an excerpt.
TEXT_MIN_SCALE = 0.62
#: Longest post the text chart draws whole, in words (else pass --sentences A-B).
TEXT_MAX_WORDS = 400
#: The text chart's default settings (frozen: one instance serves every call).
_SQUARE = ChartStyle(size="square")


def _light(colour: str, amount: float) -> tuple[float, float, float]:
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return (1 - amount * (1 - r), 1 - amount * (1 - g), 1 - amount * (1 - b))


def draw_text(data: Any, style: ChartStyle = _SQUARE, colours: dict[str, str] | None = None,
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
    fig, box = frame(style, title, subtitle, source, lines_below=2)
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
