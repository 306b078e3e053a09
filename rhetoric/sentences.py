"""Stage 3: tokens -> sentences, each with its paragraph.

A sentence ends at ``.`` ``!`` ``?`` ``…`` (closing quotes and brackets right
after the mark, and glued marks such as ``.…``, stay with it), at a blank line
(which also starts a new paragraph), and at a line break unless the line plainly
continues (it ends on a word like "to" or "the", or the next line starts in lower
case).  It does not end after an abbreviation (``Mr.``, ``Jan.``, ``U.S.``:
abbreviation tokens), an initial (``Donald J. Trump``) or before a lower-case
word (``approx. five``, "(and eggs!) down").
Decimals are single number tokens.  A dotted abbreviation followed by a common
sentence opener ("… with the U.S. The call …") does end the sentence.
"""

from __future__ import annotations

from typing import NamedTuple

import regex

from .entities import normalize
from .tokens import Token, tokenize

_TERMINAL = regex.compile(r"[.!?…‽]")
_TERMINAL_CHARS = frozenset(".!?…‽")
_CLOSERS = frozenset({'"', "'", "”", "’", "»", ")", "]", "}"})
_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
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


def split_sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Group ``tokens`` of ``text`` into sentences, in order, covering every token.

    Only tokens that can end a sentence are examined: terminal marks, abbreviations and
    tokens followed by a line break (one pass over the tokens, then a few checks).
    """
    n = len(tokens)
    if not n:
        return []
    candidates = sorted({i for i, t in enumerate(tokens)
                         if (t.kind == "punct" and t.text[0] in _TERMINAL_CHARS) or t.kind == "abbreviation"}
                        | _newline_ends(text, tokens))
    sentences: list[Sentence] = []
    paragraph = 0
    first = 0
    done = -1
    for i in candidates:
        if i <= done:
            continue  # absorbed as a closer of the previous mark
        tok = tokens[i]
        last = i
        if tok.kind == "punct" and tok.text[0] in _TERMINAL_CHARS:
            while last + 1 < n and tokens[last + 1].start == tokens[last].end and (
                    tokens[last + 1].text in _CLOSERS
                    or (tokens[last + 1].kind == "punct" and tokens[last + 1].text[0] in _TERMINAL_CHARS)):
                last += 1  # closing quotes and brackets, and glued marks (".…", "!?") stay with the sentence
        done = last
        if last + 1 >= n:
            break
        nxt = tokens[last + 1]
        gap = text[tokens[last].end:nxt.start]
        if "\n" in gap and _BLANK_LINE.search(gap):
            brk, new_paragraph = True, True
        else:
            new_paragraph = False
            brk = _ends_sentence(tokens, i, nxt, gap)
        if brk:
            sentences.append(_sentence(text, tokens, len(sentences), first, last + 1, paragraph))
            first = last + 1
            paragraph += new_paragraph
    if first < n:
        sentences.append(_sentence(text, tokens, len(sentences), first, n, paragraph))
    return sentences


def _newline_ends(text: str, tokens: list[Token]) -> set[int]:
    """Indexes of tokens followed by a line break before the next token."""
    if "\n" not in text:
        return set()
    from bisect import bisect_right

    starts = [t.start for t in tokens]
    found = set()
    position = text.find("\n")
    while position != -1:
        k = bisect_right(starts, position) - 1
        if k >= 0 and tokens[k].end <= position:
            found.add(k)
        position = text.find("\n", position + 1)
    return found


def _ends_sentence(tokens: list[Token], i: int, nxt: Token, gap: str) -> bool:
    """Does the sentence end after ``tokens[i]`` (and its closers), given the next token?"""
    tok = tokens[i]
    lower_next = nxt.kind == "word" and nxt.text[0].islower()
    if tok.kind == "punct" and _TERMINAL.search(tok.text):
        if lower_next:
            return False  # "(and eggs!) down", "approx. five", "said…and left"
        if "!" in tok.text or "?" in tok.text or "‽" in tok.text:
            return True
        if tok.text == "." and i > 0 and _is_initial(tokens[i - 1], tok) and nxt.kind == "word":
            return False
        return True
    if "\n" in gap:
        if tok.kind == "word" and tok.text.lower() in _CONTINUING:
            return False  # "ski trip to\nAspen": a line cannot end on "to"
        continues = lower_next and tok.kind in ("word", "number", "abbreviation", "punct") \
            and not _TERMINAL.search(tok.text)
        return not continues
    if tok.kind == "abbreviation" and tok.text.count(".") >= 2 and gap:
        return nxt.kind == "word" and nxt.text[0].isupper() and nxt.text.lower() in _OPENERS
    return False


def _is_initial(prev: Token, dot: Token) -> bool:
    """``J`` in ``Donald J. Trump``: one capital letter right before the dot."""
    return prev.kind == "word" and len(prev.text) == 1 and prev.text.isupper() and prev.end == dot.start


def _sentence(text: str, tokens: list[Token], index: int, first: int, end: int, paragraph: int) -> Sentence:
    start, stop = tokens[first].start, tokens[end - 1].end
    return Sentence(index, text[start:stop], start, stop, paragraph, first, end)


class Parsed(NamedTuple):
    """A text after stages 1-3: what every detector reads."""

    text: str
    tokens: list[Token]
    sentences: list[Sentence]
    sentence_of: list[int]  # token index -> sentence index
    norms: list[str]        # token text lower-cased, possessive removed (see entities.normalize)


def parse(text: str) -> Parsed:
    """Tokenize and split ``text`` once, for all detectors."""
    tokens = tokenize(text)
    sentences = split_sentences(text, tokens)
    sentence_of = [0] * len(tokens)
    for s in sentences:
        sentence_of[s.first_token:s.end_token] = [s.number] * (s.end_token - s.first_token)
    norms = [t.text.lower() for t in tokens]
    if "'" in text or "’" in text:
        norms = [normalize(n) if t.kind == "word" and n[-1] in "s'’" else n for t, n in zip(tokens, norms, strict=True)]
    return Parsed(text, tokens, sentences, sentence_of, norms)
