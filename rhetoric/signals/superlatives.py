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
from . import Hit

#: Words after most/least that make it a quantifier although they are adjectives.
_DETERMINER_LIKE = frozenset("""other others such many few much more all every same several
the a an this that these those his her their our my your its some any no each""".split())
_GRADED = frozenset({"ADJ", "ADV"})


def find_superlatives(parsed: Parsed, lex: Lexicons) -> list[Hit]:
    tokens, norms = parsed.tokens, parsed.norms
    hits = []
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.kind != "word":
            continue
        word = norms[i]
        if word in ("most", "least"):
            kind, end = _most(parsed, i, lex)
            hits.append(Hit("superlative", parsed.text[t.start:tokens[end].end], t.start, tokens[end].end,
                            parsed.sentence_of[i], kind, None))
        elif word in lex.superlatives:
            hits.append(Hit("superlative", t.text, t.start, t.end, parsed.sentence_of[i],
                            lex.superlatives[word], None))
    return hits if n else []


def _most(parsed: Parsed, i: int, lex: Lexicons) -> tuple[str, int]:
    """Kind of most/least at token i, and the index of the hit's last token."""
    tokens, norms = parsed.tokens, parsed.norms
    if i > 0 and norms[i - 1] == "at" and tokens[i - 1].kind == "word":
        return "quantifier", i
    j = i + 1
    if j < len(tokens) and parsed.sentence_of[j] == parsed.sentence_of[i]:
        nxt = tokens[j]
        if nxt.kind == "number":
            return "quantifier", i
        if nxt.kind == "word":
            word = norms[j]
            if word == "of" or word in _DETERMINER_LIKE:
                return "quantifier", i
            pos = lex.adjectives.get(word)
            if pos and pos & _GRADED and not (nxt.text[0].isupper() and j > 0 and word in lex.proper_words):
                return "periphrastic", j
            if pos is None and word in lex.lower_words:
                return "quantifier", i
            if nxt.text[0].isupper():
                return "quantifier", i
            return "quantifier", i
    return "irregular", i
