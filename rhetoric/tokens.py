"""Stage 2: text -> tokens, with kind and offsets into the original text.

One compiled pattern, scanned once.  Every alternative either consumes a
bounded amount of text or is guarded so that a failed attempt can not be retried
inside the same run of characters, so scanning is linear in the input: 3 MB of
one unbroken word, or of ``A.A.A.``, is a single pass (see
``benchmarks/linearity.py``).  Possessive quantifiers (``*+``, ``++``) forbid
backtracking where it could only waste time.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import regex

from .lexicons import load_abbreviations

#: Token kinds, in the order the pattern tries them.
KINDS = ("url", "mention", "hashtag", "abbreviation", "number", "word", "emoji", "punct",
         "symbol", "other")

#: Kinds that count as words in every rate ("per 100 words").
WORD_KINDS = frozenset({"word", "abbreviation", "number"})


class Token(NamedTuple):
    """One token: ``text == original[start:end]``."""

    kind: str
    text: str
    start: int
    end: int


_TEMPLATE = r"""
  (?P<url>
      (?:https?://|www\.)[^\s<>"“”‘’]*           # scheme or www., then anything but space and quotes
      (?<![.,;:!?)\]'])                          # ... but trailing punctuation belongs to the sentence
    | (?<![\p{L}\p{N}.\-@])                      # a bare domain: WhiteHouse.gov, DonaldJTrump.com
      (?:[\p{L}\p{N}\-]{1,63}\.){1,3}            #   (bounded repeats keep this linear)
      (?:com|org|net|gov|edu|io|us|news|tv)(?![\p{L}\p{N}])
      (?:/[^\s<>"“”‘’]*(?<![.,;:!?)\]']))?
  )
| (?P<mention> (?<![\p{L}\p{N}_])@[\p{L}\p{N}_]++ )          # @realDonaldTrump
| (?P<hashtag> (?<![\p{L}\p{N}_&])\#[\p{N}_]*+\p{L}[\p{L}\p{M}\p{N}_]*+ )   # #MAGA, #2A (needs a letter)
| (?P<abbreviation>
      (?<![\p{L}\p{N}.])(?:\p{L}\.){2,}+(?![\p{L}\p{N}])     # dotted initials: U.S., U.S.A., P.T., e.g.
    | (?<![\p{L}\p{M}\p{N}])(?:ABBREVIATIONS)(?![\p{Ll}\p{N}])  # Mr., Dr., Jan. (lexicons/abbreviations.tsv),
                                                               # also glued to a name: Pres.Obama
  )
| (?P<number>
      (?<![\p{L}\p{N}])[$€£¥]?\p{N}++            # 2025, $500
      (?:[.,:]\p{N}++)*+                         # 1,000  25.5  10:30
      (?:%|(?:st|nd|rd|th|s|k|K|M|B|bn)(?![\p{L}\p{N}]))?   # 2%  1st  1990s  $5B
  )
| (?P<word>
      \p{L}[\p{L}\p{M}\p{N}]*+                   # letters, combining marks, digits: G7
      (?:['’\-&][\p{L}\p{N}][\p{L}\p{M}\p{N}]*+)*+   # inner ' ’ - &: Russia’s, large-scale, AT&T
  )
| (?P<emoji>
      \p{RI}\p{RI}                               # flags: two regional indicators
    | \p{Extended_Pictographic}[\p{EMod}\uFE0F\u20E3]*+             # 👍🏻
      (?:\u200D\p{Extended_Pictographic}[\p{EMod}\uFE0F]*+)*+      # ZWJ sequences: 👨‍👩‍👧
  )
| (?P<punct>
      [!?‽]++                                    # !!!  ?!  (a run is one token)
    | \.{2,}+ | …++                              # ...  …
    | \p{P}                                      # any other punctuation, one at a time
  )
| (?P<symbol> \p{S} )                            # + = © and lone currency signs
| (?P<other> [^\s] )                             # anything else that is not white space
"""


@lru_cache(maxsize=1)
def token_pattern() -> regex.Pattern[str]:
    """The compiled tokenizer pattern (built once, with the abbreviation lexicon)."""
    forms = sorted(load_abbreviations(), key=len, reverse=True)
    alternation = "|".join(regex.escape(f) for f in forms) or "(?!)"
    return regex.compile(_TEMPLATE.replace("ABBREVIATIONS", alternation), regex.VERBOSE | regex.V0)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; white space is not a token.

    >>> [(t.kind, t.text) for t in tokenize("Russia’s TRADE is up 2%!!!")]
    [('word', 'Russia’s'), ('word', 'TRADE'), ('word', 'is'), ('word', 'up'), ('number', '2%'), ('punct', '!!!')]
    """
    return [Token(m.lastgroup, m.group(), m.start(), m.end()) for m in token_pattern().finditer(text)]
