"""Scare quotes: a quoted span of one to :data:`SCARE_MAX_WORDS` words inside a sentence that
has words outside the quotes, with no sentence-ending mark inside ("bloodbath", ‘universal
values’).  Straight, curly and single quotes; a straight quote opens after a space or bracket
and closes before one.  A quoted title of several capitalized words ("Salute to America") is
not a scare quote unless "so-called" precedes it.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import CLOSERS, Parsed
from ..tokens import COUNTED, QUOTE, WORD_KIND, glued
from .base import Context, Counter, Hit, Signal, one

#: Longest scare quote, in words.  Scare quotes label (a word, a name, a short
#: phrase); a longer quotation is reported speech, not a scare quote.
SCARE_MAX_WORDS = 4
_PAIRS = {"“": "”", "‘": "’", '"': '"', "'": "'", "«": "»", "„": "“"}


def find_scare_quotes(parsed: Parsed, quotes: list[int] | None = None) -> list[Hit]:
    """Scare quotes opening at ``quotes`` (indexes of tokens flagged QUOTE; default: all)."""
    toks, text = parsed.toks, parsed.text
    hits: list[Hit] = []
    if quotes is None:
        quotes = [i for i, t in enumerate(toks) if t.flags & QUOTE]
    done = -1
    for i in quotes:
        if i <= done:
            continue
        s = parsed.sentences[parsed.sentence_of[i]]
        close = _closing(parsed, i, s.first_token, s.end_token)
        if close is None:
            continue
        done = close
        inner = toks[i + 1:close]
        if inner and inner[-1].text == "." and _ends_sentence(parsed, close, s.end_token) \
                and not (i > 0 and (toks[i - 1].norm in _SPEECH or toks[i - 1].text in ":,")):
            # the US full stop inside the closing quote: played Biden “like a fiddle.”; but
            # after a verb of saying it closes a quoted sentence: He said “no.”
            inner = inner[:-1]
        words = sum(t.word & COUNTED for t in inner)
        if not 1 <= words <= SCARE_MAX_WORDS or any(t.kind == "punct" and t.text[-1] in ".!?…" for t in inner):
            continue
        outside = any(t.word & WORD_KIND for t in toks[s.first_token:i]) or \
            any(t.word & WORD_KIND for t in toks[close + 1:s.end_token])
        if outside and not (_is_title(inner) and not _so_called(parsed, i)):
            start, end = parsed.start(i), parsed.ends[close]
            hits.append(Hit("scare_quote", text[start:end], start, end, s.number, None, None))
    return hits


#: Verbs of saying: a quotation right after one is reported speech (He said “no.”).
_SPEECH = frozenset("say says said saying tell tells told ask asks asked reply replies replied answer answered "
                    "write writes wrote tweet tweeted state stated declare declared add added".split())


def _ends_sentence(parsed: Parsed, close: int, end: int) -> bool:
    """Nothing but closing marks follows the quote at ``close`` in its sentence."""
    return all(t.kind == "punct" and t.text in CLOSERS for t in parsed.toks[close + 1:end])


def _is_title(inner: list) -> bool:
    """A quoted title ("Salute to America"): several words, every long word capitalized."""
    words = [t.text for t in inner if t.kind == "word"]
    long = [w for w in words if len(w) >= 4]
    return len(words) >= 2 and bool(long) and all(w[0].isupper() for w in long)


def _so_called(parsed: Parsed, i: int) -> bool:
    return i > 0 and parsed.toks[i - 1].norm in ("so-called", "called")


def _closing(parsed: Parsed, i: int, first: int, end: int) -> int | None:
    """Index of the quote closing the one opening at token i, within a few tokens."""
    toks, text = parsed.toks, parsed.text
    t = toks[i]
    closer = _PAIRS.get(t.text)
    if closer is None or t.kind != "punct":
        return None
    start = parsed.start(i)
    if t.text in "\"'" and start > 0 and not (text[start - 1].isspace() or text[start - 1] in "([{"):
        return None
    if i + 1 >= end or not glued(toks[i + 1]):
        return None
    limit = min(end, i + 2 + 2 * SCARE_MAX_WORDS + 2)
    for j in range(i + 1, limit):
        if toks[j].text == closer and toks[j].kind == "punct":
            after = parsed.ends[j]
            if closer in "\"'" and after < len(text) and text[after].isalnum():
                continue
            return j
    return None


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return kind == "punct" and text in _PAIRS


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_scare_quotes(parsed, candidates)


SIGNAL = Signal("scare_quote", _is_candidate, _find, (Counter("scare_quotes", "scare quotes", "scare quote", one),))
