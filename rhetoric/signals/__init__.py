"""Stage 4: emphasis signals.  Each module has a ``find_*`` function that reads a
:class:`~rhetoric.sentences.Parsed` text and returns :class:`Hit` objects with
offsets into the original text.  Hits carry no entity: attribution adds that.
"""

from __future__ import annotations

from typing import NamedTuple


class Hit(NamedTuple):
    """One occurrence of a signal: ``text == original[start:end]``."""

    signal: str          # caps, acronym, shouted, signoff, convention, title_case, superlative, intensifier,
                         # exclamation, scare_quote, topic
    text: str
    start: int
    end: int
    sentence: int
    kind: str | None = None    # superlative / intensifier kind; number of marks for exclamations
    detail: str | None = None  # why (caps, acronym, title_case), or the topic name


#: Signals that count as emphasis in the measures (acronym, shouted, signoff, convention
#: and quantifier superlatives are evidence of what was *excluded*).
COUNTED = frozenset({"caps", "title_case", "superlative", "intensifier", "exclamation", "scare_quote"})
