"""Stage 4: emphasis signals, as a registry.

Each signal is a module that declares one :class:`~rhetoric.signals.base.Signal`: its evidence
name, a cheap test of the tokens where it may start, its finder (which reads a
:class:`~rhetoric.sentences.Parsed` text and returns :class:`Hit` objects with offsets into the
original text, no entity: attribution adds that), and the counters its hits add up to, with
their labels.  :data:`REGISTRY` lists them in display order; the pipeline, the columns of the
tables, the labels of the tables and charts, the tests and the headlines all follow from it,
so that adding a signal is adding one module and one row here (a configuration may also list
its own: ``Config.make(signals=...)``).
"""

from __future__ import annotations

from . import caps, exclamations, intensifiers, scare_quotes, superlatives, title_case
from .base import Context, Counter, Hit, Signal

#: The signals, in display order.
REGISTRY: tuple[Signal, ...] = (caps.SIGNAL, title_case.SIGNAL, superlatives.SIGNAL, intensifiers.SIGNAL,
                                exclamations.SIGNAL, scare_quotes.SIGNAL)

__all__ = ["REGISTRY", "Context", "Counter", "Hit", "Signal"]
