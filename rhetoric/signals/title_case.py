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
from ..tokens import Token
from . import Hit

_RESTART = frozenset(':"“‘«([—–-•*·|>')
_RESTART_KINDS = frozenset({"emoji", "mention", "url", "hashtag"})


def _titlecase(text: str) -> bool:
    return len(text) >= 2 and text[0].isupper() and text[1:].replace("’", "").replace("'", "").islower()


def find_title_case(parsed: Parsed, lex: Lexicons, upper: list[int] | None = None) -> list[Hit]:
    """Title-case emphasis among ``upper`` (indexes of tokens starting with a capital)."""
    tokens, norms = parsed.tokens, parsed.norms
    if upper is None:
        upper = [i for i, t in enumerate(tokens) if t.text[0].isupper()]
    hits = []
    for i in upper:
        t = tokens[i]
        if t.kind != "word" or not _titlecase(t.text):
            continue
        word = norms[i]
        if len(word) < 2 or word not in lex.lower_words or word in lex.proper_words or word in lex.titles:
            continue
        s = parsed.sentences[parsed.sentence_of[i]]
        if _is_initial(tokens, i, s.first_token):
            continue
        if not word.endswith("ly") and _in_name(tokens, norms, i, s.first_token, s.end_token, lex):
            continue
        hits.append(Hit("title_case", t.text, t.start, t.end, s.number, None,
                        "ordinary word capitalized mid-sentence"))
    return hits


def _is_initial(tokens: list[Token], i: int, first: int) -> bool:
    """Does token i start its sentence, or a clause where capitals are expected (after a
    colon, an opening quote or bracket, a dash, a bullet, an emoji, a mention or a link)?"""
    for j in range(i - 1, first - 1, -1):
        t = tokens[j]
        if t.kind == "word" or t.kind == "abbreviation":
            return False
        if t.kind in _RESTART_KINDS or (t.kind == "punct" and t.text in _RESTART):
            return True
    return True


def _is_name_part(tokens: list[Token], norms: list[str], j: int, first: int, lex: Lexicons) -> bool:
    t = tokens[j]
    if t.kind != "word" or not t.text[0].isupper() or t.text.isupper() and len(t.text) > 1:
        return False
    if norms[j].endswith("ly") and norms[j] in lex.lower_words:
        return False  # "Dollars Globally": an adverb is never part of a name
    if _is_initial(tokens, j, first):
        return norms[j] in lex.proper_words or norms[j] not in lex.lower_words
    return True


def _in_name(tokens: list[Token], norms: list[str], i: int, first: int, end: int, lex: Lexicons) -> bool:
    if i - 1 >= first and _is_name_part(tokens, norms, i - 1, first, lex):
        return True
    if i + 1 < end and _is_name_part(tokens, norms, i + 1, first, lex):
        return True
    # "President of (the) France", "Secretary of State"
    j = i + 1
    if j < end and norms[j] == "of":
        k = j + 1 + (j + 1 < end and norms[j + 1] == "the")
        if k < end and _is_name_part(tokens, norms, k, first, lex):
            return True
    j = i - 1
    if j >= first and norms[j] == "the":
        j -= 1
    if j >= first and norms[j] == "of" and j - 1 >= first and _is_name_part(tokens, norms, j - 1, first, lex):
        return True
    return False
