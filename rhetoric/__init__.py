"""rhetoric: numbers on emphasis in political text, with the evidence behind them.

>>> import rhetoric
>>> m = rhetoric.measure("Russia wants to do largescale TRADE. Its potential is UNLIMITED.")
>>> [(e.text, e.entities, e.via) for e in m.evidence if e.signal == "caps"]
[('TRADE', ('Russia',), 'mention'), ('UNLIMITED', ('Russia',), 'carry')]

``import rhetoric`` is light: pandas and matplotlib load only when a function
that needs them is called.
"""

from __future__ import annotations

from .api import measure, measure_file, measure_text
from .config import Config
from .entities import EntitySet, TopicSet
from .errors import ConfigError, InputError, InputNotFoundError, RhetoricError, RhetoricWarning
from .lexicons import LexiconSources
from .measures import Evidence, Measurement
from .pipeline import Pipeline
from .text import decode, read_text
from .tokens import Token, tokenize
from .version import __version__


def __getattr__(name: str):  # batch helpers load pandas/numpy only when used
    if name in ("measure_many", "run_batch", "BatchOptions"):
        from . import batch

        return getattr(batch, name)
    if name == "summarize":
        from .asymmetry import summarize

        return summarize
    if name == "keyness":
        from .keyness import keyness

        return keyness
    raise AttributeError(f"module 'rhetoric' has no attribute {name!r}")


__all__ = [
    "Config", "ConfigError", "EntitySet", "Evidence", "InputError", "InputNotFoundError", "LexiconSources",
    "Measurement", "Pipeline", "RhetoricError", "BatchOptions", "keyness", "measure_many", "run_batch", "summarize",
    "RhetoricWarning", "Token", "TopicSet", "decode", "measure",
    "measure_file", "measure_text", "read_text", "tokenize", "__version__",
]
