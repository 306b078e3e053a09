"""Exclamations and exclamation marks.

An **exclamation** (evidence ``exclamation``, counter ``exclamations``) is a sentence whose last
mark (ignoring closing quotes, brackets and emoji after it) is a run containing ``!``, or a run
with ``!`` inside a sentence that goes on after a comma or semicolon ("(and EVERYTHING ELSE!),
but ...").  Every other run of marks with a ``!`` the author typed ("so g8t!!! enjoy",
"episodes !!!! this show", "Yahoo!") is evidence ``exclamation_mark``: no exclamation, but its
marks count.  ``kind`` holds the number of ``!`` in a run ("!!!" -> 3, "?!" -> 1), which the
``exclamation_marks`` counter adds up over both, so that it counts every "!" typed outside a
link.
"""

from __future__ import annotations

from ..lexicons import Lexicons
from ..sentences import CLOSERS, CONTINUING_PUNCT, Parsed
from .base import Context, Counter, Hit, Signal


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
        name = "exclamation"
        if i not in finals:  # inside a sentence: an exclamation when the sentence goes on after a comma or semicolon
            k = i + 1
            while k < n and toks[k].text in CLOSERS:
                k += 1
            if k >= n or toks[k].text not in CONTINUING_PUNCT or sentence_of[k] != sentence_of[i]:
                name = "exclamation_mark"
        hits.append(Hit(name, t.text, ends[i] - len(t.text), ends[i], sentence_of[i], str(t.text.count("!")),
                        None if name == "exclamation" else "inside a sentence"))
    return hits


def _is_candidate(kind: str, text: str, norm: str, lex: Lexicons) -> bool:
    return kind == "punct" and "!" in text


def _find(parsed: Parsed, context: Context, candidates: list[int], facts: dict) -> list[Hit]:
    return find_exclamations(parsed, candidates)


def _marks(hit: Hit) -> int:
    return int(hit.kind or 0)


def _exclamation(hit: Hit) -> int:
    return hit.signal == "exclamation"


SIGNAL = Signal("exclamation", _is_candidate, _find,
                (Counter("exclamations", "exclamations", "exclamation", _exclamation),
                 Counter("exclamation_marks", "exclamation marks", "exclamation mark", _marks)))
