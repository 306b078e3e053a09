"""Stage 2: text -> tokens, with kind and offsets into the original text.

One compiled pattern defines the tokens (:func:`tokenize`).  Every alternative either
consumes a bounded amount of text or is guarded so that a failed attempt can not be
retried inside the same run of characters, so scanning is linear in the input: 3 MB of
one unbroken word, or of ``A.A.A.``, is a single pass (see ``benchmarks/linearity.py``).
Possessive quantifiers (``*+``, ``++``) forbid backtracking where it could only waste time.

The measuring path gets the same tokens faster (:class:`TokenTable`): a text is cut into
white-space-delimited chunks by one cheap pass, and each chunk's tokens are computed once and
then looked up.  A token knows its kind, its text, its normalized form and structural flags
(a sentence may end here, a line break before it, a quotation mark); what a configuration
makes of its text (a signal may start here, an entity's alias) is the caller's: a *tagger*
given to the table adds its bits to the record, and this module never reads them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import chain, compress, repeat
from operator import is_
from typing import NamedTuple

import regex

from .lexicons import load_abbreviations

#: Kinds that count as words in every rate ("per 100 words").
WORD_KINDS = frozenset({"word", "abbreviation", "number"})


_POSSESSIVE = ("'s", "’s", "'", "’")


def normalize(word: str) -> str:
    """Lower-case and drop a possessive ending: ``Russia’s`` -> ``russia``."""
    word = word.lower()
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


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


@lru_cache(maxsize=1)
def ascii_pattern() -> re.Pattern[str]:
    """:func:`token_pattern` for text without non-ASCII characters, compiled by the standard
    library's ``re`` (twice as fast on such text): each Unicode property class is replaced by
    its ASCII members, so on ASCII input both patterns match the same tokens.  tests/test_tokens.py
    checks this on every ASCII chunk of the sample corpora and on random strings."""
    return re.compile(_ascii_classes(token_pattern().pattern), re.VERBOSE)


def _ascii_classes(pattern: str) -> str:
    """``pattern`` with every ``\\p{...}`` and ``\\s`` spelled as the ASCII characters it matches."""
    ascii_chars = "".join(map(chr, range(128)))
    members: dict[str, str] = {}
    out = []
    inside = False  # within [...]
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            m = re.match(r"\\(p\{\w+\}|s)", pattern[i:])
            if m:
                escape = m.group()
                if escape not in members:
                    members[escape] = "".join(map(re.escape, regex.findall(escape, ascii_chars)))
                found = members[escape]
                out.append(found if inside else f"[{found}]" if found else "(?!)")
                i += m.end()
            else:
                out.append(pattern[i:i + 2])
                i += 2
            continue
        inside = (inside or pattern[i] == "[") and not (inside and pattern[i] == "]")
        out.append(pattern[i])
        i += 1
    return "".join(out)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; white space is not a token.

    >>> [(t.kind, t.text) for t in tokenize("Russia’s TRADE is up 2%!!!")]
    [('word', 'Russia’s'), ('word', 'TRADE'), ('word', 'is'), ('word', 'up'), ('number', '2%'), ('punct', '!!!')]
    """
    return [Token(m.lastgroup, m.group(), m.start(), m.end()) for m in token_pattern().finditer(text)]


# -- the measuring path: tokens memoized per white-space-delimited chunk ------------------------
#
# No token spans white space, and every look-around of the pattern at a token's edge asks
# only "is the neighbour not a letter / digit / dot ...", which white space and the ends of a
# string answer alike.  So the tokens of a text are the tokens of its chunks (runs of
# non-space with the space before them), and a chunk's tokens can be computed once and
# looked up after that.  spaCy's tokenizer rests on the same observation (its cache is keyed
# by the white-space-delimited substring).  Political posts reuse a small vocabulary of
# chunks ("the", "Russia,", "GREAT!"), so after the first few thousand posts almost every
# chunk is a dictionary hit, and one cheap regex pass over the text replaces the full pattern.
# tests/test_tokens.py checks that both paths give the same tokens.

#: White space exactly as the ``regex`` pattern's ``\s`` means it (the stdlib ``re``'s ``\s``
#: also matches the separators U+001C-U+001F, which ``regex`` treats as text).
WHITESPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
#: A chunk: the white space before a run of non-space, and the run.  The look-behind makes a
#: match start only where a run of white space starts, so trailing white space costs one
#: failed attempt, not one per character.
_CHUNK = re.compile(f"(?<![{WHITESPACE}])[{WHITESPACE}]*+[^{WHITESPACE}]++")
_BLANK_GAP = re.compile(f"\n[{WHITESPACE.replace(chr(10), '')}]*\n")  # as sentences' blank line
_TERMINAL_CHARS = frozenset(".!?…‽")

# Flags of a token (bits of :attr:`Tok.flags`), from its text and the white space before it.
# Bits from :data:`TAGGER_FLAGS` up are the tagger's (see :class:`TokenTable`).
TERMINAL = 1 << 0      # punctuation starting with . ! ? … ‽ (a sentence may end here)
ABBREVIATION = 1 << 1  # kind "abbreviation" (a sentence may end here too)
NEWLINE = 1 << 2       # a line break in the white space before the token
BLANK_LINE = 1 << 3    # an empty line in the white space before the token (a new paragraph)
QUOTE = 1 << 4         # an opening quotation mark
EXCLAMATION = 1 << 5   # punctuation with "!"
#: The lowest bit of :attr:`Tok.flags` a tagger may set.
TAGGER_FLAGS = 1 << 8

# Bits of :attr:`Tok.word`; from :data:`TAGGER_WORD` up, the tagger's.  Kept apart from the
# flags: most words would have the tagger's word bits (known to a dictionary), and the
# detectors visit only tokens with flags.
COUNTED = 1     # counts as a word in every rate (WORD_KINDS)
WORD_KIND = 2   # of kind "word"
#: The lowest bit of :attr:`Tok.word` a tagger may set.
TAGGER_WORD = 1 << 2


class Tok(NamedTuple):
    """A token as the measuring path stores it: shared by every occurrence of its chunk, so
    it holds no absolute offset (:class:`~rhetoric.sentences.Parsed` has them)."""

    kind: str
    text: str
    norm: str     # lower-cased; a word without its possessive ending (normalize)
    flags: int    # structural flags, and the tagger's from TAGGER_FLAGS up
    span: int     # characters from the end of the previous token (or chunk start) to its end
    word: int     # COUNTED | WORD_KIND, and the tagger's word bits from TAGGER_WORD up
    case: int     # 2: a word in capitals, 1: a word with a lower-case letter, 0: neither (see caps)


def glued(tok: Tok) -> bool:
    """No white space before the token: it continues the chunk of the token before it."""
    return tok.span == len(tok.text)


#: ``(kind, text, norm) -> (flags, word)``: the bits a caller adds to a token's record (from
#: TAGGER_FLAGS and TAGGER_WORD up); ``None`` adds none.
Tagger = Callable[[str, str, str], tuple[int, int]]

#: Chunks and tokens kept in each generation of a :class:`TokenTable`.  A full generation
#: becomes the old one and a new one starts; what is still in use moves forward from the old
#: one, the rest (most links and @mentions occur once) is dropped with it.  So the table holds
#: at most twice this many chunks (about 120 MB) whatever the size of the corpus.  Both
#: sample corpora together hold 103,693 distinct chunks (the 33,504 tweets: 568,761 chunks,
#: 86,392 distinct, the 50,000 most frequent making 94% of all occurrences), so a leader's
#: archive fits in one generation: measuring it eight times over grew the memory of one
#: process from 82 to 86 MB, and every pass after the first took 2.1 s instead of 3.8 s;
#: with 50,000 chunks per generation the passes stayed at 3.6 s as the generations turned.
TABLE_CHUNKS = 150_000


class TokenTable:
    """Tokens of texts through two memos, one table per set of lexical flags: chunk -> its
    tokens, and token text -> its record (a new chunk such as "Russia," is mostly made of
    tokens seen before, so only the pattern runs on it).  Both are bounded (see
    :data:`TABLE_CHUNKS`)."""

    def __init__(self, tagger: Tagger | None = None, limit: int = TABLE_CHUNKS):
        self.tagger, self.limit = tagger, limit
        self.plain: dict[str, list[tuple[str, str]]] = {}  # punctuation runs -> their tokens
        self.chunks: dict[str, tuple[Tok, ...]] = {}
        self.old_chunks: dict[str, tuple[Tok, ...]] = {}
        self.records: dict[str, Tok] = {}
        self.old_records: dict[str, Tok] = {}
        self.spaced: dict[str, Tok] = {}  # a chunk's first token with its white space, by " " + text

    def tokens(self, text: str) -> list[Tok]:
        """The tokens of ``text``, in order (``accumulate`` their ``span`` for end offsets)."""
        pieces = _CHUNK.findall(text)
        found = list(map(self.chunks.get, pieces))
        if None in found:
            chunks, old = self.chunks, self.old_chunks
            for k in compress(range(len(found)), map(is_, found, repeat(None))):
                piece = pieces[k]
                value = old.get(piece)
                found[k] = chunks[piece] = self._chunk(piece) if value is None else value
            if len(chunks) > self.limit:
                self.old_chunks, self.chunks = chunks, {}
        return list(chain.from_iterable(found))  # type: ignore[arg-type]

    def _chunk(self, piece: str) -> tuple[Tok, ...]:
        core = piece.lstrip(_SPACE_CHARS)
        if core.isascii() and core.isalpha():
            pairs: list[tuple[str, str]] = [("word", core)]  # letters only: no other branch can match
        else:
            pairs = simple_pairs(core, self.plain) or _pattern_pairs(core)
        records = self.records
        out = []
        for kind, text in pairs:
            tok = records.get(text)
            if tok is None or tok.kind != kind:
                tok = self.old_records.get(text)
                if tok is None or tok.kind != kind:
                    tok = self._record(kind, text)
                records[text] = tok
            out.append(tok)
        if len(records) > self.limit:
            self.old_records, self.records, self.spaced = records, {}, {}
        gap = len(piece) - len(core)
        if gap and out:
            # the first token with the white space before it: " the", "\nRussia"
            first = out[0]
            key = piece[:gap + len(first.text)]
            spaced = self.spaced.get(key)
            if spaced is None or spaced.kind != first.kind:
                if len(self.spaced) > self.limit:
                    self.spaced = {}  # bounded like the others (odd white space could fill it)
                space = piece[:gap]
                before = (NEWLINE if "\n" in space else 0) | (BLANK_LINE if _BLANK_GAP.search(space) else 0)
                spaced = self.spaced[key] = Tok(first.kind, first.text, first.norm, first.flags | before,
                                                gap + first.span, first.word, first.case)
            out[0] = spaced
        return tuple(out)

    def _record(self, kind: str, text: str) -> Tok:
        """A token's record as if nothing came before it in its chunk."""
        norm = normalize(text) if kind == "word" else text.lower()
        norm = text if norm == text else norm
        flags = ABBREVIATION if kind == "abbreviation" else 0
        if kind == "punct":
            flags |= (TERMINAL if text[0] in _TERMINAL_CHARS else 0) | (QUOTE if text in _QUOTES else 0) \
                | (EXCLAMATION if "!" in text else 0)
        word = (COUNTED if kind in WORD_KINDS else 0) | (WORD_KIND if kind == "word" else 0)
        if self.tagger is not None:
            tag_flags, tag_word = self.tagger(kind, text, norm)
            flags |= tag_flags
            word |= tag_word
        return Tok(kind, text, norm, flags, len(text), word, _case(kind, text))


def _pattern_pairs(core: str) -> list[tuple[str, str]]:
    """``(kind, text)`` of the tokens of a chunk without its white space, by the pattern."""
    pattern = ascii_pattern() if core.isascii() else token_pattern()
    return [(m.lastgroup or "other", m.group()) for m in pattern.finditer(core)]


# Most chunks the pattern would be asked about are one simple token with punctuation around
# it: "Russia,"  "(TRADE)."  "\"@realDonaldTrump:"  "https://t.co/x)."  "#MAGA!"  These split
# without the pattern.  The punctuation allowed around the token forms the same tokens
# whatever stands next to it: no branch of the pattern but ``punct`` can start at one of these
# characters, or continue through one into a neighbour with no letter or digit.  So the
# punctuation is tokenized on its own (and memoized), and the middle token is what the
# pattern would find there, with two exceptions the caller falls back on: a word that
# opens an abbreviation of the lexicon ("Gov." is one token) and "www" (which may open a
# link).  tests/test_tokens.py checks this against the pattern on every chunk of the corpora.
_PLAIN = "!\"'(),.:;?\\[\\]*“”‘’…-"
_SIMPLE = re.compile(rf"""([{_PLAIN.replace("-", "")}]*+)(?:  # a "-" before the token may open a link ("-.com")
      (?P<word>[A-Za-z][A-Za-z0-9]*+(?:['’&\-][A-Za-z0-9]++)*+)
    | (?P<mention>@[A-Za-z0-9_]++)
    | (?P<hashtag>\#[0-9_]*+[A-Za-z][A-Za-z0-9_]*+)
    | (?P<url>https?://[^\s<>"“”‘’]*)
  )?([{_PLAIN}]*)""", re.VERBOSE)
_URL_END = ".,;:!?)]'"  # what the pattern's look-behind gives back to the sentence


def simple_pairs(core: str, memo: dict[str, list[tuple[str, str]]] | None = None) -> list[tuple[str, str]] | None:
    """The tokens of ``core`` as :func:`_pattern_pairs` finds them, when it is one simple token
    with plain punctuation around it; ``None`` when the pattern must decide (``memo``: the
    tokens of punctuation runs seen before)."""
    memo = {} if memo is None else memo
    m = _SIMPLE.fullmatch(core)
    if m is None:
        return None
    lead, word, mention, hashtag, url, trail = m.groups()
    if word is not None:
        if word == "www" or trail[:1] == "." and word in _abbreviation_stems():
            return None
        middle = [("word", word)]
    elif url is not None:
        kept = url.rstrip(_URL_END)
        middle, trail = [("url", kept)], url[len(kept):] + trail
    elif mention is not None:
        middle = [("mention", mention)]
    elif hashtag is not None:
        middle = [("hashtag", hashtag)]
    else:
        middle = []
    return [*(_plain(lead, memo) if lead else ()), *middle, *(_plain(trail, memo) if trail else ())]


def _plain(text: str, memo: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    found = memo.get(text)
    if found is None:
        found = _pattern_pairs(text)
        if len(memo) < 10_000:  # punctuation runs repeat; a few thousand cover a corpus
            memo[text] = found
    return found


@lru_cache(maxsize=1)
def _abbreviation_stems() -> frozenset[str]:
    """The letters before the dot of each abbreviation of the lexicon ("Gov" of "Gov.")."""
    return frozenset(form.split(".")[0] for form in load_abbreviations())


#: The characters of :data:`WHITESPACE`, for ``str.lstrip``.
_SPACE_CHARS = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) \
    + "\u2028\u2029\u202f\u205f\u3000"


#: Opening quotation marks, where the quote-reading detectors start.
_QUOTES = frozenset({'"', "'", "“", "‘", "«", "„"})


def _case(kind: str, text: str) -> int:
    """How the caps detector counts a word towards "the whole text is in capitals"."""
    if kind != "word":
        return 0
    if text.isascii() and text.isalpha():  # most words: the same answer, sooner
        return 0 if len(text) < 2 else 2 if text.isupper() else 1
    if sum(map(str.isalpha, text)) < 2 or text.isdigit():
        return 0
    core = regex.sub(r"['’][sS]?$", "", text) if "'" in text or "’" in text else text
    if core.isupper():
        return 2
    return 1 if any(ch.islower() for ch in core) else 0
