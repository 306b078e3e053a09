"""The house style of the charts: sizes, type and colours.

The house style follows newsroom charts: the finding as the title, the measure and unit as the
subtitle, both left-aligned; source and credit bottom-left in small grey type; direct labels;
light gridlines; colour-blind-safe colours (Okabe-Ito); zero-based bars; diverging charts
centred on zero with the entities named at the ends.  :class:`ChartStyle` holds an article's
settings (the words around the chart and its size) and turns them into pixels and type sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..schema import Schema

#: Okabe-Ito colours (colour-blind safe), used for entities without a colour of their own.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
GREY, LIGHT_GREY, INK = "#767676", "#d9d9d9", "#1a1a1a"
#: Size presets in pixels (width, height) at :data:`DPI`.
SIZES = {"web": (1200, 675), "square": (1080, 1080), "story": (1080, 1920), "column": (600, 500)}
#: The text chart's default size: square's width, and the height its text needs (at least square's).
FIT = "fit"
DPI = 200
#: Font sizes in pixels per preset: title, subtitle, labels, source line.  Set so that the
#: story and square presets stay readable on a phone (a 1080 px image shown ~390 pt wide).
FONT_PX = {"web": (40, 28, 25, 20), "square": (46, 32, 29, 22), "story": (50, 34, 31, 24),
           "column": (26, 19, 17, 14)}


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


#: The default settings (frozen: one instance serves every call).
DEFAULT_STYLE = ChartStyle()


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
