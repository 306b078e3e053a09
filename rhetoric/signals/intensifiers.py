"""Intensifiers and hyperbole from ``lexicons/intensifiers.tsv``.

Entries are words or phrases ("very", "tremendous", "like never before", "of
all time"), matched token by token, longest first, without overlaps.  An entry
with context ``before_adjective`` counts only when the next word is an adjective
or adverb ("so beautiful", not "I would say so now"), and not after a form of
*have* ("I have so informed"); "way" not after a determiner, possessive, preposition or
adjective ("on their way home", "the easy way out").  VADER's booster list (Hutto & Gilbert 2014) is
the prior art for the degree adverbs.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import Parsed
from .base import Context, Counter, Hit, Signal, one

_GRADABLE_ADVERBS = frozenset({"much", "many", "well", "often", "long", "hard", "fast", "badly", "few",
                               "little", "quickly", "soon"})
_HEDGES = frozenset({"if", "hardly", "barely", "scarcely", "whether", "rarely", "seldom"})
_HAVE = frozenset({"have", "has", "had", "having"})
#: Words before "way" the noun: determiners, possessives, prepositions.
_BEFORE_NOUN = frozenset("""the a an this that these those his her my our their its your no one any every each
on in by of""".split())


def is_stretched(norm: str) -> bool:
    """A word whose last letter is repeated three times or more: "sooo", "veryyy"."""
    return len(norm) > 3 and norm[-1] == norm[-2] == norm[-3]


def find_intensifiers(parsed: Parsed, lex: Lexicons, candidates: list[int] | None = None) -> list[Hit]:
    """Intensifiers starting at ``candidates`` (token indexes; default: every token)."""
    toks, ends, text = parsed.toks, parsed.ends, parsed.text
    hits = []
    covered = -1
    for i in range(len(toks)) if candidates is None else candidates:
        if i <= covered:
            continue  # inside a phrase already found
        t = toks[i]
        entries = lex.intensifiers.get(t.norm)
        if entries is None and is_stretched(t.norm):
            entries = _elongated(t.norm, lex)  # "sooo", "veryyy"
        if not entries or t.kind == "punct":
            continue
        for words, kind, context in entries:
            k = len(words)
            if k > 1 and (i + 1 >= len(toks) or toks[i + 1].norm != words[1]
                          or tuple(x.norm for x in toks[i:i + k]) != words):
                continue
            if context == "before_adjective" and not _before_adjective(parsed, i, i + k, lex):
                continue
            if context == "not_after_hedge" and i > 0 and toks[i - 1].norm in _HEDGES:
                continue
            start, end = ends[i] - len(t.text), ends[i + k - 1]
            hits.append(Hit("intensifier", text[start:end], start, end, parsed.sentence_of[i], kind, None))
            covered = i + k - 1
            break
    return hits


def _elongated(word: str, lex: Lexicons) -> tuple | None:
    """Entries for a word with a stretched last letter: "sooo" -> "so", "tooo" -> "too"."""
    stem = word.rstrip(word[-1])
    return lex.intensifiers.get(stem + word[-1]) or lex.intensifiers.get(stem + word[-1] * 2)


def _degree_follows(toks: list, j: int, lex: Lexicons) -> bool:
    """A comparative or "too" follows: "way" is then the degree adverb ("a way better fake")."""
    if j >= len(toks):
        return False
    word = toks[j].norm
    return word in ("too", "more", "less", "better", "worse") or (
        word.endswith("er") and "ADJ" in lex.adjectives.get(word, ()))


def _before_adjective(parsed: Parsed, i: int, j: int, lex: Lexicons) -> bool:
    toks = parsed.toks
    if i > 0 and toks[i - 1].norm in _HAVE:
        return False
    before = toks[i - 1].norm if i > 0 else ""
    if toks[i].norm == "way" and before and not _degree_follows(toks, j, lex) and (
            before in _BEFORE_NOUN or lex.adjectives.get(before) == {"ADJ"}
            or (i > 1 and toks[i - 2].norm in _BEFORE_NOUN and "ADJ" in lex.adjectives.get(before, ()))):
        # the noun: "on their way home", "the easy way out", "a long way", "on way back"; not "a way better fake",
        # nor after a word that is also an adverb or a verb ("just way better", "going way UP")
        return False
    if j >= len(toks) or toks[j].kind != "word" or parsed.sentence_of[j] != parsed.sentence_of[i]:
        return False
    if toks[j].text[0].isupper() and not toks[j].text.isupper():
        return False  # "a Real Military Power": part of a name, not a degree ("SO SAD" counts)
    word = toks[j].norm
    pos = lex.adjectives.get(word) or frozenset()
    # adjectives, -ly adverbs and a few gradable adverbs; not "so now", "so far", "too late then"
    return "ADJ" in pos or ("ADV" in pos and word.endswith("ly")) or word in _GRADABLE_ADVERBS


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return norm in lex.intensifiers or is_stretched(norm)


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_intensifiers(parsed, context.lex, candidates)


SIGNAL = Signal("intensifier", _is_candidate, _find,
                (Counter("intensifiers", "intensifiers and hyperbole", "intensifier or hyperbole", one),))
