"""Exclamations: a sentence whose last mark (ignoring closing quotes, brackets and emoji
after it) is a run containing ``!``, and a run with ``!`` inside a sentence that goes on after
a comma or semicolon ("(and EVERYTHING ELSE!), but ..."); ``kind`` holds the number of ``!``
in the run ("!!!" -> 3, "?!" -> 1), which the ``exclamation_marks`` counter adds up.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import CLOSERS, CONTINUING_PUNCT, Parsed
from .base import Context, Counter, Hit, Signal, one


def find_exclamations(parsed: Parsed, marks: list[int] | None = None) -> list[Hit]:
    """``marks``: the indexes of the tokens with a "!" (flag EXCLAMATION), if already known."""
    toks, ends, sentence_of = parsed.toks, parsed.ends, parsed.sentence_of
    if marks is None:
        marks = [i for i, t in enumerate(toks) if t.kind == "punct" and "!" in t.text]
    finals = set()
    for s in parsed.sentences:
        j = s.end_token - 1
        while j > s.first_token and (toks[j].kind == "emoji" or toks[j].text in CLOSERS):
            j -= 1
        finals.add(j)
    hits = []
    n = len(toks)
    for i in marks:
        t = toks[i]
        if t.kind != "punct" or "!" not in t.text:
            continue
        if i not in finals:  # inside a sentence: counts when the sentence goes on after a comma or semicolon
            k = i + 1
            while k < n and toks[k].text in CLOSERS:
                k += 1
            if k >= n or toks[k].text not in CONTINUING_PUNCT or sentence_of[k] != sentence_of[i]:
                continue
        hits.append(Hit("exclamation", t.text, ends[i] - len(t.text), ends[i], sentence_of[i],
                        str(t.text.count("!")), None))
    return hits


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return kind == "punct" and "!" in text


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_exclamations(parsed, candidates)


def _marks(hit: Hit) -> int:
    return int(hit.kind or 0)


SIGNAL = Signal("exclamation", _is_candidate, _find,
                (Counter("exclamations", "exclamations", "exclamation", one),
                 Counter("exclamation_marks", "exclamation marks", "exclamation mark", _marks)))
