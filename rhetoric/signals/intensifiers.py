"""Intensifiers and hyperbole from ``lexicons/intensifiers.tsv``.

Entries are words or phrases ("very", "tremendous", "like never before", "of
all time"), matched token by token, longest first, without overlaps.  An entry
with context ``before_adjective`` counts only when the next word is an adjective
or adverb ("so beautiful", not "I would say so now"), and not after a form of
*have* ("I have so informed").  VADER's booster list (Hutto & Gilbert 2014) is
the prior art for the degree adverbs.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import Parsed
from . import Hit

_GRADABLE_ADVERBS = frozenset({"much", "many", "well", "often", "long", "hard", "fast", "badly", "few",
                               "little", "quickly", "soon"})
_HEDGES = frozenset({"if", "hardly", "barely", "scarcely", "whether", "rarely", "seldom"})
_HAVE = frozenset({"have", "has", "had", "having"})


def find_intensifiers(parsed: Parsed, lex: Lexicons, candidates: list[int] | None = None) -> list[Hit]:
    """Intensifiers starting at ``candidates`` (token indexes; default: every token)."""
    tokens, norms, text = parsed.tokens, parsed.norms, parsed.text
    hits = []
    covered = -1
    for i in range(len(tokens)) if candidates is None else candidates:
        if i <= covered:
            continue  # inside a phrase already found
        entries = lex.intensifiers.get(norms[i])
        if entries is None and len(norms[i]) > 3 and norms[i][-1] == norms[i][-2] == norms[i][-3]:
            entries = _elongated(norms[i], lex)  # "sooo", "veryyy"
        if not entries or tokens[i].kind == "punct":
            continue
        for words, kind, context in entries:
            k = len(words)
            if k > 1 and tuple(norms[i:i + k]) != words:
                continue
            if context == "before_adjective" and not _before_adjective(parsed, i, i + k, lex):
                continue
            if context == "not_after_hedge" and i > 0 and norms[i - 1] in _HEDGES:
                continue
            start, end = tokens[i].start, tokens[i + k - 1].end
            hits.append(Hit("intensifier", text[start:end], start, end, parsed.sentence_of[i], kind, None))
            covered = i + k - 1
            break
    return hits


def _elongated(word: str, lex: Lexicons) -> tuple | None:
    """Entries for a word with a stretched last letter: "sooo" -> "so", "tooo" -> "too"."""
    stem = word.rstrip(word[-1])
    return lex.intensifiers.get(stem + word[-1]) or lex.intensifiers.get(stem + word[-1] * 2)


def _before_adjective(parsed: Parsed, i: int, j: int, lex: Lexicons) -> bool:
    tokens, norms = parsed.tokens, parsed.norms
    if i > 0 and norms[i - 1] in _HAVE:
        return False
    if j >= len(tokens) or tokens[j].kind != "word" or parsed.sentence_of[j] != parsed.sentence_of[i]:
        return False
    if tokens[j].text[0].isupper() and not tokens[j].text.isupper():
        return False  # "a Real Military Power": part of a name, not a degree ("SO SAD" counts)
    word = norms[j]
    pos = lex.adjectives.get(word) or frozenset()
    # adjectives, -ly adverbs and a few gradable adverbs; not "so now", "so far", "too late then"
    return "ADJ" in pos or ("ADV" in pos and word.endswith("ly")) or word in _GRADABLE_ADVERBS
