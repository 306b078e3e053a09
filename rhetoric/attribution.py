"""Stage 5: which entities each sentence is about.

A sentence belongs to the entities it mentions (``via: "mention"``).  A
sentence that mentions none can inherit from the sentence just before it
(``via: "carry"``) when all of these hold:

* it opens with a third-person pronoun in subject position (after optional
  connectives: "And", "Likewise,", "But"): "Its potential is UNLIMITED.";
* the pronoun agrees with an alias in the previous sentence: it/its -> a
  country alias, he/him/his/she/her -> a leader, they/them/their -> a people;
* the previous sentence mentions an entity itself (no carrying across a
  sentence that mentions nothing, nor from a carried sentence);
* for a singular pronoun exactly one entity agrees (else it is ambiguous);
  subject "it" also needs its antecedent at the start of the previous
  sentence ("Russia wants ... . It has ..."), because "it" is so often the call,
  the war or nothing at all ("It was a great call.").
This is deliberately precise rather than eager: the accuracy suite
(``benchmarks/accuracy.py``) measures what it gains and costs.
"""

from __future__ import annotations

from typing import NamedTuple

from .entities import EntitySet, Mention
from .sentences import Parsed

PRONOUNS = {
    "it": "country", "its": "country",
    "he": "leader", "him": "leader", "his": "leader", "she": "leader", "her": "leader",
    "they": "people", "them": "people", "their": "people",
}
_SUBJECT_ONLY = frozenset({"it", "he", "she", "they"})
_POSSESSIVE = frozenset({"its", "his", "her", "their"})
_CONNECTIVES = frozenset("""and but so also likewise however now still yet then moreover furthermore
meanwhile sadly unfortunately frankly clearly obviously indeed importantly plus""".split())
#: How many words into the previous sentence the antecedent of subject "it" may start.
SUBJECT_WINDOW = 3


class Attribution(NamedTuple):
    """The entities of one sentence and how they were assigned."""

    sentence: int
    entities: tuple[str, ...]
    via: str | None            # "mention", "carry" or None
    mentions: tuple[Mention, ...]


def attribute(parsed: Parsed, mentions: list[Mention], entities: EntitySet, carry: bool = True) -> list[Attribution]:
    order = {name: k for k, name in enumerate(entities.names)}
    by_sentence: list[list[Mention]] = [[] for _ in parsed.sentences]
    for m in mentions:
        by_sentence[parsed.sentence_of[m.first_token]].append(m)
    result = []
    for s, found in zip(parsed.sentences, by_sentence, strict=False):
        names = tuple(sorted({m.name for m in found}, key=order.__getitem__))
        if names:
            result.append(Attribution(s.number, names, "mention", tuple(found)))
            continue
        carried = _carry(parsed, s.number, by_sentence, order) if carry and s.number > 0 else ()
        result.append(Attribution(s.number, carried, "carry" if carried else None, ()))
    return result


def _opening_word(parsed: Parsed, sentence: int) -> tuple[int, str] | None:
    """Index and normalized form of the first word after connectives, or None."""
    s = parsed.sentences[sentence]
    for i in range(s.first_token, s.end_token):
        t = parsed.tokens[i]
        if t.kind == "punct" and t.text in ",;:—–-\"“‘(":
            continue
        if t.kind != "word":
            return None
        word = parsed.norms[i]
        if word in _CONNECTIVES:
            continue
        return i, word
    return None


def _carry(parsed: Parsed, index: int, by_sentence: list[list[Mention]], order: dict[str, int]) -> tuple[str, ...]:
    opening = _opening_word(parsed, index)
    if opening is None:
        return ()
    _, pronoun = opening
    wanted = PRONOUNS.get(pronoun)
    previous = by_sentence[index - 1]
    if wanted is None or not previous:
        return ()
    agreeing = [m for m in previous if m.kind == wanted]
    if pronoun == "it":
        start = _opening_word(parsed, index - 1)
        window = start[0] + SUBJECT_WINDOW if start else -1
        agreeing = [m for m in agreeing if m.first_token <= window]
    names = sorted({m.name for m in agreeing}, key=order.__getitem__)
    if len(names) > 1 and pronoun not in ("they", "them", "their"):
        return ()
    return tuple(names)
