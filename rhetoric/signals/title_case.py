"""Title-case emphasis: an ordinary word capitalized mid-sentence ("on Trade",
"its Country", "a Ceasefire").

A capitalized word of two or more letters counts when all of these hold:
it is not the first word of its sentence (nor the first after a colon, an
opening quote or bracket, a dash, a bullet, an emoji, a mention or a link); its
lower-case form is an ordinary English word and not also a name in the dictionary
(Pope, Bush, Trump are names); it is not a title or institution
capitalized by convention (``lexicons/titles.tsv``: President, Senate); and it
is not part of a multi-word name: no capitalized neighbour that is itself
mid-sentence or a name ("United States", "European Commission", "Prime
Minister Giorgia Meloni"), and no "X of (the) Y" name ("President of France").
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import Parsed
from ..tokens import Tok
from .base import Context, Counter, Hit, Signal, one

_RESTART = frozenset(':"“‘«([—–-•*·|>')
_RESTART_KINDS = frozenset({"emoji", "mention", "url", "hashtag"})


def _titlecase(text: str) -> bool:
    return len(text) >= 2 and text[0].isupper() and text[1:].replace("’", "").replace("'", "").islower()


def is_title_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    """The context-free half of the rule: a title-case ordinary word that is no name or title."""
    return (kind == "word" and _titlecase(text) and len(norm) >= 2 and norm in lex.lower_words
            and norm not in lex.proper_words and norm not in lex.titles)


def find_title_case(parsed: Parsed, lex: Lexicons, candidates: list[int] | None = None) -> list[Hit]:
    """Title-case emphasis among ``candidates`` (indexes that pass :func:`is_title_candidate`;
    default: every token that does)."""
    toks, ends = parsed.toks, parsed.ends
    if candidates is None:
        candidates = [i for i, t in enumerate(toks) if is_title_candidate(t.kind, t.text, t.norm, lex)]
    hits = []
    for i in candidates:
        t = toks[i]
        s = parsed.sentences[parsed.sentence_of[i]]
        if _is_initial(toks, i, s.first_token):
            continue
        if not t.norm.endswith("ly") and _in_name(toks, i, s.first_token, s.end_token, lex):
            continue
        hits.append(Hit("title_case", t.text, ends[i] - len(t.text), ends[i], s.number, None,
                        "ordinary word capitalized mid-sentence"))
    return hits


def _is_initial(toks: list[Tok], i: int, first: int) -> bool:
    """Does token i start its sentence, or a clause where capitals are expected (after a
    colon, an opening quote or bracket, a dash, a bullet, an emoji, a mention or a link)?"""
    for j in range(i - 1, first - 1, -1):
        t = toks[j]
        if t.kind == "word" or t.kind == "abbreviation":
            return False
        if t.kind in _RESTART_KINDS or (t.kind == "punct" and t.text in _RESTART):
            return True
    return True


def _is_name_part(toks: list[Tok], j: int, first: int, lex: Lexicons) -> bool:
    t = toks[j]
    if t.kind != "word" or not t.text[0].isupper() or t.text.isupper() and len(t.text) > 1:
        return False
    if t.norm.endswith("ly") and t.norm in lex.lower_words:
        return False  # "Dollars Globally": an adverb is never part of a name
    if _is_initial(toks, j, first):
        return t.norm in lex.proper_words or t.norm not in lex.lower_words
    return True


def _in_name(toks: list[Tok], i: int, first: int, end: int, lex: Lexicons) -> bool:
    if i - 1 >= first and _is_name_part(toks, i - 1, first, lex):
        return True
    if i + 1 < end and _is_name_part(toks, i + 1, first, lex):
        return True
    # "President of (the) France", "Secretary of State"
    j = i + 1
    if j < end and toks[j].norm == "of":
        k = j + 1 + (j + 1 < end and toks[j + 1].norm == "the")
        if k < end and _is_name_part(toks, k, first, lex):
            return True
    j = i - 1
    if j >= first and toks[j].norm == "the":
        j -= 1
    if j >= first and toks[j].norm == "of" and j - 1 >= first and _is_name_part(toks, j - 1, first, lex):
        return True
    return False


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return text[0].isupper() and is_title_candidate(kind, text, norm, lex)


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_title_case(parsed, context.lex, candidates)


SIGNAL = Signal("title_case", _is_candidate, _find,
                (Counter("title_case_words", "Title-Case words", "Title-Case word", one),))
