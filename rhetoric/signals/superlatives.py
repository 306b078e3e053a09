"""Superlatives, each with a kind.

* ``inflected`` and ``irregular``: the form is in ``lexicons/superlatives.tsv``,
  derived from lemminflect's inflection tables and kept only where SCOWL attests
  the form (so "honest", "interest", "forest", "Budapest" are never listed).
* ``most`` / ``least`` are read in context:
  ``periphrastic`` before an adjective or adverb ("most beautiful": one hit
  whose span covers both words); ``quantifier`` after "at" ("at least") or
  before a noun, "of", a determiner or a number ("most people", "most of");
  otherwise ``irregular`` (the adverb: "what I want most").
Quantifiers are evidence but not emphasis: the measures do not count them.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import Parsed
from .base import Context, Counter, Hit, Signal

#: Words after most/least that make it a quantifier although they are adjectives.
_DETERMINER_LIKE = frozenset("""other others such many few much more all every same several
the a an this that these those his her their our my your its some any no each""".split())
_GRADED = frozenset({"ADJ", "ADV"})
_SUBJECT_PRONOUNS = frozenset({"i", "you", "we", "they", "he", "she", "who"})
_COORDINATED = frozenset({"best", "worst", "most", "least", "greatest", "biggest"})
_PLURAL_NOUNS = frozenset({"people", "men", "women", "children", "folks"})


def _determined(parsed: Parsed, i: int) -> bool:
    """A determiner or possessive before most/least: "the most", "Russia's most"."""
    toks, sentence_of = parsed.toks, parsed.sentence_of
    sentence = sentence_of[i]
    for k in range(i - 1, max(-1, i - 6), -1):  # "the worst and most dishonest": look past a coordination
        t = toks[k]
        if sentence_of[k] != sentence:
            return False
        prev = t.text.lower()
        if prev in ("the", "its", "his", "her", "their", "our", "my", "your") or prev.endswith(("'s", "’s")):
            return True
        if t.kind == "word" and not (prev in ("and", "or", "but") or t.norm in _COORDINATED):
            return False
    return False


def _plural_noun_follows(parsed: Parsed, j: int) -> bool:
    """The word after the adjective is a plural noun ("most smart people", "most big cities")."""
    toks = parsed.toks
    k = j + 1
    if k >= len(toks) or toks[k].kind != "word" or parsed.sentence_of[k] != parsed.sentence_of[j]:
        return False
    word = toks[k].norm
    return word in _PLURAL_NOUNS or (word.endswith("s") and not word.endswith("ss") and toks[k].text.islower())


def is_superlative_candidate(kind: str, norm: str, lex: Lexicons) -> bool:
    return kind == "word" and (norm in lex.superlatives or norm in ("most", "least"))


def find_superlatives(parsed: Parsed, lex: Lexicons, candidates: list[int] | None = None) -> list[Hit]:
    """Superlatives at ``candidates`` (token indexes; default: every token)."""
    toks, ends = parsed.toks, parsed.ends
    hits = []
    for i in range(len(toks)) if candidates is None else candidates:
        t = toks[i]
        if not is_superlative_candidate(t.kind, t.norm, lex):
            continue
        start = ends[i] - len(t.text)
        if t.norm in ("most", "least"):
            kind, end = _most(parsed, i, lex)
            hits.append(Hit("superlative", parsed.text[start:ends[end]], start, ends[end],
                            parsed.sentence_of[i], kind, None))
        else:
            hits.append(Hit("superlative", t.text, start, ends[i], parsed.sentence_of[i],
                            lex.superlatives[t.norm], None))
    return hits


def _most(parsed: Parsed, i: int, lex: Lexicons) -> tuple[str, int]:
    """Kind of most/least at token i, and the index of the hit's last token."""
    toks, sentence_of = parsed.toks, parsed.sentence_of
    before = toks[i - 1].norm if i > 0 and toks[i - 1].kind == "word" else ""
    if before == "at" or (before == "the" and i > 1 and toks[i - 2].norm == "at"):
        return "quantifier", i  # at least, at most, at the most
    if before in _SUBJECT_PRONOUNS:
        return "irregular", i   # "when I least expect it": the adverb
    j = i + 1
    if j < len(toks) and sentence_of[j] == sentence_of[i]:
        nxt = toks[j]
        if nxt.kind == "number":
            return "quantifier", i
        if nxt.kind == "word":
            word = nxt.norm
            if word == "of" or word in _DETERMINER_LIKE:
                return "quantifier", i
            pos = lex.adjectives.get(word)
            if pos and pos & _GRADED and not (nxt.text[0].isupper() and word in lex.proper_words):
                if _plural_noun_follows(parsed, j) and not _determined(parsed, i):
                    return "quantifier", i  # "most smart people": the majority of
                return "periphrastic", j
            return "quantifier", i
    return "irregular", i


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return is_superlative_candidate(kind, norm, lex)


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_superlatives(parsed, context.lex, candidates)


def _counted(hit: Hit) -> int:
    return hit.kind != "quantifier"  # "most people", "at least": evidence, not emphasis


SIGNAL = Signal("superlative", _is_candidate, _find,
                (Counter("superlatives", "superlatives", "superlative", _counted),))
