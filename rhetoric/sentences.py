"""Stage 3: tokens -> sentences, each with its paragraph.

A sentence ends at ``.`` ``!`` ``?`` ``…`` (closing quotes and brackets right
after the mark, and glued marks such as ``.…``, stay with it), at a blank line
(which also starts a new paragraph), and at a line break unless the line plainly
continues (it ends on a word like "to" or "the", or the next line starts in lower
case).  It does not end after an abbreviation (``Mr.``, ``Jan.``, ``U.S.``:
abbreviation tokens), an initial (``Donald J. Trump``) or before a lower-case
word (``approx. five``, "(and eggs!) down") or a comma or semicolon ("(… if I was
President!), it is …").
Decimals are single number tokens.  A dotted abbreviation followed by a common
sentence opener ("… with the U.S. The call …") does end the sentence.
"""

from __future__ import annotations

from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

import regex

from .tokens import ABBREVIATION, BLANK_LINE, NEWLINE, TERMINAL, Tok, Token, TokenTable, glued

_TERMINAL = regex.compile(r"[.!?…‽]")
#: Punctuation after which the sentence goes on, even after a terminal mark ("(… President!), it is").
CONTINUING_PUNCT = frozenset({",", ";"})
#: Closing quotes and brackets: they stay with the mark before them.
CLOSERS = frozenset({'"', "'", "”", "’", "»", ")", "]", "}"})
#: Words that open a sentence often enough that a dotted abbreviation before them
#: ("the U.S. The") is taken as the end of a sentence.  Pronouns, determiners and
#: conjunctions: never the second half of a name, unlike "U.S. Army".
_OPENERS = frozenset("""the this that these those there it its he she we they i you our my his her
their a an in on at but and so if when what why how as after before now today also however""".split())


#: Words after which a line break cannot end a sentence.
_CONTINUING = frozenset("""a an the to of in on at by for from with and or but nor as than that my our your his
her its their this these those is are was were be will would can could should must""".split())


class Sentence(NamedTuple):
    """A sentence: ``text == original[start:end]``; tokens ``[first_token, end_token)``."""

    number: int  # position in the text, from 0
    text: str
    start: int
    end: int
    paragraph: int
    first_token: int
    end_token: int


def split_sentences(text: str, toks: list[Tok], ends: list[int], marked: list[int]) -> list[Sentence]:
    """Group the tokens of ``text`` into sentences, in order, covering every token
    (``marked``: the indexes of the tokens with any :attr:`~rhetoric.tokens.Tok.flags`).

    Only tokens that can end a sentence are examined: terminal marks, abbreviations and
    tokens followed by a line break (found by their flags), then a few checks each.
    """
    n = len(toks)
    if not n:
        return []
    candidates: list[int] = []  # in order, each once
    for i in marked:
        f = toks[i].flags
        if f & NEWLINE and i and (not candidates or candidates[-1] != i - 1):
            candidates.append(i - 1)  # the token before a line break
        if f & _ENDS:
            candidates.append(i)
    sentences: list[Sentence] = []
    paragraph = 0
    first = 0
    done = -1
    for i in candidates:
        if i <= done:
            continue  # absorbed as a closer of the previous mark
        last = i
        if toks[i].flags & TERMINAL:
            while last + 1 < n and glued(toks[last + 1]) and (
                    toks[last + 1].text in CLOSERS or toks[last + 1].flags & TERMINAL):
                last += 1  # closing quotes and brackets, and glued marks (".…", "!?") stay with the sentence
        done = last
        if last + 1 >= n:
            break
        nxt = toks[last + 1]
        new_paragraph = bool(nxt.flags & BLANK_LINE)
        if new_paragraph or _ends_sentence(toks, i, nxt):
            sentences.append(_sentence(text, toks, ends, len(sentences), first, last + 1, paragraph))
            first = last + 1
            paragraph += new_paragraph
    if first < n:
        sentences.append(_sentence(text, toks, ends, len(sentences), first, n, paragraph))
    return sentences


_FLAGS = itemgetter(3)
_SPAN = itemgetter(4)
_ENDS = TERMINAL | ABBREVIATION


def _ends_sentence(toks: list[Tok], i: int, nxt: Tok) -> bool:
    """Does the sentence end after ``toks[i]`` (and its closers), given the next token?"""
    tok = toks[i]
    lower_next = nxt.kind == "word" and nxt.text[0].islower()
    if tok.flags & TERMINAL:
        if lower_next or (nxt.kind == "punct" and nxt.text in CONTINUING_PUNCT):
            return False  # "(and eggs!) down", "approx. five", "said…and left", "(if I was President!), it"
        if "!" in tok.text or "?" in tok.text or "‽" in tok.text:
            return True
        if tok.text == "." and i > 0 and is_initial(toks[i - 1], tok) and nxt.kind == "word":
            return False
        return True
    if nxt.flags & NEWLINE:
        if tok.kind == "word" and tok.text.lower() in _CONTINUING:
            return False  # "ski trip to\nAspen": a line cannot end on "to"
        continues = lower_next and tok.kind in ("word", "number", "abbreviation", "punct") \
            and not _TERMINAL.search(tok.text)
        return not continues
    if tok.kind == "abbreviation" and tok.text.count(".") >= 2 and not glued(nxt):
        return nxt.kind == "word" and nxt.text[0].isupper() and nxt.text.lower() in _OPENERS
    return False


def is_initial(prev: Tok, dot: Tok) -> bool:
    """``J`` in ``Donald J. Trump``: one capital letter right before the dot."""
    return prev.kind == "word" and len(prev.text) == 1 and prev.text.isupper() and glued(dot)


def _sentence(text: str, toks: list[Tok], ends: list[int], index: int, first: int, end: int,
              paragraph: int) -> Sentence:
    start, stop = ends[first] - len(toks[first].text), ends[end - 1]
    return Sentence(index, text[start:stop], start, stop, paragraph, first, end)


class Parsed:
    """A text after stages 1-3: what every detector reads.

    ``toks[i]`` is token i (kind, text, norm, flags), ``ends[i]`` its end offset and
    :meth:`start` its start; ``sentence_of[i]`` the index of its sentence; ``marked`` the
    indexes of the tokens with flags, in order (the only ones any detector starts from).
    """

    __slots__ = ("text", "toks", "ends", "marked", "sentences", "sentence_of")

    def __init__(self, text: str, toks: list[Tok], ends: list[int], marked: list[int], sentences: list[Sentence]):
        self.text, self.toks, self.ends, self.marked, self.sentences = text, toks, ends, marked, sentences
        sentence_of: list[int] = []
        for s in sentences:
            sentence_of += [s.number] * (s.end_token - s.first_token)
        self.sentence_of = sentence_of

    def start(self, i: int) -> int:
        return self.ends[i] - len(self.toks[i].text)

    @property
    def tokens(self) -> list[Token]:
        """The tokens with their offsets, as :func:`~rhetoric.tokens.tokenize` gives them."""
        return [Token(t.kind, t.text, end - len(t.text), end) for t, end in zip(self.toks, self.ends, strict=True)]


_PLAIN = TokenTable()


def parse(text: str, table: TokenTable | None = None) -> Parsed:
    """Tokenize and split ``text`` once, for all detectors (``table``: the token table of a
    configuration, which also sets the detectors' flags)."""
    toks = (table or _PLAIN).tokens(text)
    ends = list(accumulate(map(_SPAN, toks)))
    marked = list(compress(range(len(toks)), map(_FLAGS, toks)))
    return Parsed(text, toks, ends, marked, split_sentences(text, toks, ends, marked))
