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
* "the two parties", "both sides", "both countries" go to every entity named earlier
  in the text, when there are two or more;
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
#: Longest introductory phrase skipped before the subject ("In any event, it ...").
INTRO_WORDS = 3
_PREPOSITIONS = frozenset({"in", "at", "by", "on", "for", "after", "before", "during", "since", "until"})
_TITLES = frozenset({"i", "president", "prime", "minister", "chancellor", "our", "the"})
#: Phrases that refer to both entities of the previous sentence.
BOTH_SIDES = ("the two parties", "both parties", "both sides", "the two sides", "both countries",
              "the two countries", "both nations", "the two nations", "both leaders", "the two leaders",
              "both presidents", "from both sides")


class Attribution(NamedTuple):
    """The entities of one sentence and how they were assigned."""

    sentence: int
    entities: tuple[str, ...]
    via: str | None            # "mention", "carry" or None
    mentions: tuple[Mention, ...]


def attribute(parsed: Parsed, mentions: list[Mention], entities: EntitySet, carry: bool = True) -> list[Attribution]:
    if not mentions:  # nothing named, so nothing to carry either
        return [Attribution(s.number, (), None, ()) for s in parsed.sentences]
    order = {name: k for k, name in enumerate(entities.names)}
    by_sentence: list[list[Mention]] = [[] for _ in parsed.sentences]
    for m in mentions:
        by_sentence[parsed.sentence_of[m.first_token]].append(m)
    result: list[Attribution] = []
    carried_kind: str | None = None  # alias kind that carried the previous sentence, if it was carried
    for s, found in zip(parsed.sentences, by_sentence, strict=True):
        names = tuple(sorted({m.name for m in found}, key=order.__getitem__))
        if names:
            result.append(Attribution(s.number, names, "mention", tuple(found)))
            carried_kind = None
            continue
        carried: tuple[str, ...] = ()
        kind: str | None = None
        if carry and s.number > 0:
            carried, kind = _carry(parsed, s.number, by_sentence, order, result[-1], carried_kind)
        result.append(Attribution(s.number, carried, "carry" if carried else None, ()))
        carried_kind = kind if carried else None
    return result


def _opening_word(parsed: Parsed, sentence: int) -> tuple[int, str] | None:
    """Index and normalized form of the first word after connectives and an introductory
    phrase of up to :data:`INTRO_WORDS` words closed by a comma ("Actually, he ...",
    "In any event, it ..."), or None."""
    s = parsed.sentences[sentence]
    toks = parsed.toks
    i = s.first_token
    comma = next((k for k in range(i, min(s.end_token, i + INTRO_WORDS + 1)) if toks[k].text == ","), None)
    if comma is not None and all(toks[k].kind == "word" for k in range(i, comma)):
        i = comma + 1
    elif i < s.end_token and toks[i].norm in _PREPOSITIONS:
        # "In the meantime they ...", "At the right time he ...": a short opening phrase without a comma
        pronoun = next((k for k in range(i + 1, min(s.end_token, i + INTRO_WORDS + 2)) if toks[k].norm in PRONOUNS),
                       None)
        if pronoun is not None and all(toks[k].kind == "word" and toks[k].text.islower()
                                       for k in range(i + 1, pronoun)):
            return pronoun, toks[pronoun].norm
    for k in range(i, s.end_token):
        t = toks[k]
        if t.kind == "punct" and t.text in ",;:—–-\"“‘(":
            continue
        if t.kind != "word":
            return None
        if t.norm in _CONNECTIVES or (len(t.norm) >= 6 and t.norm.endswith("ly")):
            continue  # "And", "Likewise", "Ultimately", "Hopefully"
        return k, t.norm
    return None


def _carry(parsed: Parsed, index: int, by_sentence: list[list[Mention]], order: dict[str, int],
           previous_attribution: Attribution, previous_kind: str | None) -> tuple[tuple[str, ...], str | None]:
    """(entities carried onto sentence ``index``, the alias kind that carried them)."""
    previous = by_sentence[index - 1]
    if _refers_to_both(parsed, index):
        earlier = sorted({m.name for found in by_sentence[:index] for m in found}, key=order.__getitem__)
        if len(earlier) >= 2:
            return tuple(earlier), "both"
    opening = _opening_word(parsed, index)
    pronoun = opening[1] if opening else ""
    if PRONOUNS.get(pronoun) is None and previous and {m.kind for m in previous} == {"leader"} \
            and len({m.name for m in previous}) == 1:
        pronoun = _leader_pronoun(parsed, index)  # "The Fake News Media wanted me to excoriate him."
    wanted = PRONOUNS.get(pronoun)
    if wanted is None:
        return (), None
    if not previous:
        # a chain of the same pronoun: "He has gone CRAZY! He is killing a lot of people."
        if previous_kind == wanted == "leader" and previous_attribution.entities:
            return previous_attribution.entities, wanted
        return (), None
    agreeing = [m for m in previous if m.kind == wanted]
    if pronoun == "it":
        start = _opening_word(parsed, index - 1)
        window = start[0] + SUBJECT_WINDOW if start else -1
        agreeing = [m for m in agreeing if m.first_token <= window]
    names = sorted({m.name for m in agreeing}, key=order.__getitem__)
    if len(names) > 1 and pronoun not in ("they", "them", "their"):
        return (), None
    return tuple(names), wanted


def _leader_pronoun(parsed: Parsed, index: int) -> str:
    """he/him/his anywhere in a sentence that names nobody else (no capitalized word but
    its first, "I" and titles), else ""."""
    s = parsed.sentences[index]
    found = ""
    for k in range(s.first_token, s.end_token):
        t = parsed.toks[k]
        if t.kind == "mention" or (k > s.first_token and t.kind == "word" and t.text[0].isupper()
                                   and not t.text.isupper() and t.norm not in _TITLES):
            return ""
        if not found and t.norm in ("he", "him", "his"):
            found = t.norm
    return found


def _refers_to_both(parsed: Parsed, index: int) -> bool:
    """The sentence names the two sides without naming them: "the two parties", "both sides"."""
    s = parsed.sentences[index]
    words = " ".join(t.norm for t in parsed.toks[s.first_token:s.end_token])
    return any(phrase in words for phrase in BOTH_SIDES)
