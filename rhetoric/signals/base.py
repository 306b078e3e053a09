"""What a signal is: the row of the registry (:data:`rhetoric.signals.REGISTRY`) that a signal
module declares, the hits its finder returns and the context it reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # for annotations only: the finders receive these objects
    from ..lexicons import Lexicons
    from ..sentences import Parsed


class Hit(NamedTuple):
    """One occurrence of a signal, or of what it set aside: ``text == original[start:end]``."""

    signal: str          # the evidence name: caps, acronym, shouted, signoff, convention, title_case, superlative,
                         # intensifier, exclamation, scare_quote, topic
    text: str
    start: int
    end: int
    sentence: int
    kind: str | None = None    # superlative / intensifier kind; number of marks for exclamations
    detail: str | None = None  # why (caps, acronym, title_case), or the topic name


@dataclass(frozen=True)
class Context:
    """What a finder reads besides the text: the lexicons, and the one-word entity aliases
    written with lower-case letters (names, even in capitals: KYIV)."""

    lex: Lexicons
    names: frozenset[str] = frozenset()


#: ``(kind, text, norm, lexicons) -> bool``: may the signal start at a token with this text?
#: Asked once per distinct token text, so that the finder visits only those tokens.
Candidate = Callable[[str, str, str, "Lexicons"], bool]
#: ``(parsed, context, candidates, facts) -> hits``: the candidates are the token indexes where
#: the candidate test said yes; ``facts`` takes the text's facts the finder learns
#: (``all_caps_text``).
Finder = Callable[["Parsed", Context, list[int], dict[str, Any]], list[Hit]]


@dataclass(frozen=True)
class Counter:
    """A column the signal's hits add up to: ``amount(hit)`` per hit (0: evidence only)."""

    name: str       # caps_words
    label: str      # ALL-CAPS words
    singular: str   # ALL-CAPS word
    amount: Callable[[Hit], int]


@dataclass(frozen=True)
class Signal:
    """One row of the registry: adding a signal is adding a module that declares one, and
    its row; counters, columns, labels, tests, headlines and charts follow from it."""

    name: str                       # the evidence name of its counted hits
    candidate: Candidate
    find: Finder
    counters: tuple[Counter, ...]   # the first is the signal's own count
    #: one of the emphasis signals a headline chooses among (and a chart shows)
    headline: bool = True

    @property
    def counter(self) -> str:
        return self.counters[0].name


def one(hit: Hit) -> int:
    """Every hit counts once."""
    return 1
