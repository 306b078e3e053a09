"""Stage 5: which entities each sentence is about.

A sentence belongs to the entities it mentions (``via: "mention"``).  A
sentence that mentions none can inherit from the sentence just before it
(``via: "carry"``) when all of these hold:

* a third-person pronoun opens it (after optional connectives, "And", "Likewise,",
  or a short introductory phrase: "In any event, it ..."): "Its potential is
  UNLIMITED."; or, when that finds nothing, he/him/his or they/them/their stands
  further in, in a sentence that names nobody else ("The Fake News Media wanted me
  to excoriate him.");
* the pronoun agrees with an alias in the previous sentence: it/its -> a country
  alias, he/him/his/she/her -> a leader, they/them/their -> a people, or a country
  when the previous sentence names nothing else and the alias does not modify a noun
  ("the Russia Investigation");
* the previous sentence mentions an entity itself (no carrying across a sentence that
  mentions nothing, nor from a carried sentence, but for a chain of "he", and for "he" or
  "she" after the one leader named two sentences back, over a sentence opened by I, we or
  you that names nobody and has no he or she: "President Zelenskyy is not ready for Peace
  ... I want PEACE. He disrespected ...");
* an opening "we" that discussed, talked, spoke or agreed is the speaker and the one leader of
  the nearest conversation frame up to :data:`FRAME_REACH` sentences back ("I just spoke to
  President Zelenskyy of Ukraine. ... We discussed a variety of topics"; "Met with President
  Putin"; "President Zelenskyy called me"), when the frame is not negated and names nobody
  else; the "we" sentence then goes on as a chain of "he";
* "the two parties", "both sides", "both countries" and "both" as a pronoun ("Let both
  claim Victory") go to every entity named earlier in the text, when there are two or more;
* for a singular pronoun exactly one entity agrees (else it is ambiguous);
  subject "it" also needs its antecedent at the start of the previous
  sentence ("Russia wants ... . It has ..."), because "it" is so often the call,
  the war or nothing at all ("It was a great call.").
"Names nobody else" means no @mention and no capitalized word that is a name: a single
capitalized ordinary word (PEACE, "Fake") is emphasis, a quoted term is a term, a month or
a day is a time ("since January"), but a run of capitalized words ("Department of Justice")
is a name.
This is deliberately precise rather than eager: the accuracy suite
(``benchmarks/accuracy.py``) measures what it gains and costs.
"""

from __future__ import annotations

from typing import NamedTuple

from .entities import EntitySet, Mention
from .sentences import Parsed
from .tags import ORDINARY_WORD
from .tokens import Tok

PRONOUNS = {
    "it": "country", "its": "country",
    "he": "leader", "him": "leader", "his": "leader", "she": "leader", "her": "leader",
    "they": "people", "them": "people", "their": "people",
}
_PERSONAL = frozenset({"he", "him", "his", "she", "her"})
#: Subjects of a sentence that a "he" may reach over: the speaker or the reader, not a third
#: person ("My father was a builder. He ..." is about the father).
_SPEAKERS = frozenset({"i", "we", "you"})
_POSSESSIVE = frozenset({"its", "his", "her", "their"})
_CONNECTIVES = frozenset("""and but so also likewise however now still yet then moreover furthermore
meanwhile sadly unfortunately frankly clearly obviously indeed importantly plus""".split())
#: How many words into the previous sentence the antecedent of subject "it" may start.
SUBJECT_WINDOW = 3
#: Longest introductory phrase skipped before the subject ("In any event, it ...").
INTRO_WORDS = 3
_PREPOSITIONS = frozenset({"in", "at", "by", "on", "for", "after", "before", "during", "since", "until"})
_TITLES = frozenset({"i", "president", "prime", "minister", "chancellor", "our", "the"})
#: Capitalized words that name a time, not someone: "They have lost 8,000 soldiers since January."
_CALENDAR = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday christmas easter thanksgiving""".split())
#: Phrases that refer to both entities of the previous sentence.
BOTH_SIDES = ("the two parties", "both parties", "both sides", "the two sides", "both countries",
              "the two countries", "both nations", "the two nations", "both leaders", "the two leaders",
              "both presidents", "from both sides")


#: Words of a conversation in the speaker's sentence that opens a conversation frame ("I just spoke
#: to President Zelenskyy of Ukraine."), and the verbs that make a later opening "we" the two who
#: spoke ("We discussed a variety of topics ..."): the speaker and that leader.
_CONVERSATION = frozenset("""spoke speak speaking talked talking talk talks call calls called meeting meetings
met meet conversation conversations discussion discussions""".split())
_WE_VERBS = frozenset("discussed talked spoke agreed".split())
_WE_ADVERBS = frozenset("also then both all just further".split())
_SPEAKER = frozenset({"i", "me", "we"})
_NEGATIONS = frozenset({"not", "never", "no"})
#: Words before a name that make it someone else the speaker spoke with ("and President Xi").
_PERSON_TITLES = frozenset({"president", "minister", "chancellor", "premier", "king", "queen", "prince", "secretary",
                            "senator", "governor", "leader", "pope", "general"})
#: Words of conversation that take the person as their object ("I called President Xi").
_DIRECT = frozenset({"call", "called", "met", "meet"})
#: How many sentences back the conversation frame of a "we discussed" may be.
FRAME_REACH = 8
#: Tokens between a word of conversation and its "with" / "to" ("speaking, by telephone, with").
FRAME_GAP = 5


#: Verbs after which "both" is a pronoun (the two sides) rather than a determiner ("both Democrats").
_AUXILIARIES = frozenset("will would can could should must may might shall are were have had do did".split())


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
    if opening and opening[1] == "we" and _discussed(parsed, index, opening[0]):
        partner = _partner(parsed, index, by_sentence)
        if partner:
            return partner, "leader"  # "We discussed ... He wants a deal." goes on as a chain of "he"
    tried = [opening[1]] if opening and opening[1] in PRONOUNS else []
    if previous and len({m.name for m in previous}) == 1:
        # a pronoun further in, in a sentence that names nobody else, after a sentence about one entity:
        # "The Fake News Media wanted me to excoriate him.", "All I can say is that they would ..."
        kinds = {m.kind for m in previous}
        if "leader" in kinds:
            tried.append(_pronoun_in(parsed, index, ("he", "him", "his"), opening=True))
        if kinds <= {"country", "people"} and _names_nobody_else(parsed, index - 1, previous):
            tried.append(_pronoun_in(parsed, index, ("they", "them", "their")))
    for pronoun in tried:
        if pronoun:
            found = _resolve(parsed, index, pronoun, previous, order, previous_attribution, previous_kind,
                             by_sentence[index - 2] if index >= 2 else [])
            if found[0]:
                return found
    return (), None


def _resolve(parsed: Parsed, index: int, pronoun: str, previous: list[Mention], order: dict[str, int],
             previous_attribution: Attribution, previous_kind: str | None,
             earlier: list[Mention]) -> tuple[tuple[str, ...], str | None]:
    """The entities of the previous sentence that ``pronoun`` in sentence ``index`` refers to
    (``earlier``: the mentions of the sentence before that)."""
    wanted = PRONOUNS[pronoun]
    if not previous:
        # a chain of the same pronoun: "He has gone CRAZY! He is killing a lot of people."
        if previous_kind == wanted == "leader" and previous_attribution.entities:
            return previous_attribution.entities, wanted
        if wanted == "leader" and earlier and not previous_attribution.entities:
            # "he" for the one leader named two sentences back, over a sentence of the speaker's
            # (I, we, you) that names nobody and has no he/she of its own: "... President
            # Zelenskyy is not ready for Peace ... I want PEACE. He disrespected the United States ..."
            between = _opening_word(parsed, index - 1)
            if len({m.name for m in earlier}) == 1 and any(m.kind == "leader" for m in earlier) \
                    and between is not None and between[1] in _SPEAKERS \
                    and _names_nobody_else(parsed, index - 1, [], opening=True) \
                    and not _has_word(parsed, index - 1, _PERSONAL):
                return (earlier[0].name,), wanted
        return (), None
    agreeing = [m for m in previous if m.kind == wanted]
    if wanted == "people" and not agreeing and _names_nobody_else(parsed, index - 1, previous) \
            and _names_nobody_else(parsed, index, []):
        # "they" for a country, when the previous sentence offers no other antecedent
        agreeing = [m for m in previous if m.kind == "country" and not _modifier(parsed, m)]
    if pronoun == "it":
        start = _opening_word(parsed, index - 1)
        window = start[0] + SUBJECT_WINDOW if start else -1
        agreeing = [m for m in agreeing if m.first_token <= window]
    names = sorted({m.name for m in agreeing}, key=order.__getitem__)
    if len(names) > 1 and pronoun not in ("they", "them", "their"):
        return (), None
    return tuple(names), wanted


def _discussed(parsed: Parsed, index: int, we: int) -> bool:
    """The opening "we" at token ``we`` is the subject of a verb of conversation ("We (also)
    discussed"), not inside a quotation ("“We discussed nothing,” said Biden.")."""
    s = parsed.sentences[index]
    toks = parsed.toks
    if any(toks[k].text in '"“' for k in range(s.first_token, we)):
        return False
    k = we + 1
    while k < s.end_token and toks[k].norm in _WE_ADVERBS:
        k += 1
    return k < s.end_token and toks[k].norm in _WE_VERBS


def _partner(parsed: Parsed, index: int, by_sentence: list[list[Mention]]) -> tuple[str, ...]:
    """The one leader of the nearest earlier conversation frame (:func:`_frame`), at most
    :data:`FRAME_REACH` sentences back; else nothing.  Sentences between may name anyone: "we
    discussed" is still the speaker and the one he spoke with ("I just spoke to President
    Zelenskyy. ... He, like President Putin, wants to make PEACE. We discussed ...")."""
    for j in range(index - 1, max(-1, index - 1 - FRAME_REACH), -1):
        frame = _frame(parsed, j, by_sentence[j])
        if frame is not None:
            return (frame,) if frame else ()
    return ()


def _frame(parsed: Parsed, j: int, found: list[Mention]) -> str | None:
    """Sentence ``j`` as a conversation frame: None when it is not one; the entity of the one
    leader the speaker spoke with ("I just finished speaking, by telephone, with President
    Vladimir Putin", "Met with President Putin", "President Zelenskyy called me"); "" when it is a
    frame with nobody else or somebody more (a negation, "and President Xi", "and Bush")."""
    s = parsed.sentences[j]
    toks = parsed.toks
    words = [k for k in range(s.first_token, s.end_token) if toks[k].kind == "word"]
    norms = [toks[k].norm for k in words]
    conversation = next((n for n, w in enumerate(norms) if w in _CONVERSATION), None)
    if conversation is None or (conversation >= 3 and not _SPEAKER.intersection(norms)):
        return None  # a frame is the speaker's ("I spoke to"), or opens the sentence ("Met with")
    at = words[conversation]
    leaders = [m.first_token for m in found if m.kind == "leader"]
    after = words[conversation + 1:conversation + 1 + FRAME_GAP]
    if after and toks[after[0]].norm == "me":
        partner = any(k < at for k in leaders)  # "President Zelenskyy called me"
    elif norms[conversation] in _DIRECT and after and toks[after[0]].text[0].isupper():
        # "I called President Xi", "Met President Putin"; not "I called President Putin a liar"
        run = next((k for k in after if not toks[k].text[0].isupper()), None)
        if run is not None and toks[run].norm in ("a", "an", "the"):
            return None
        partner = any(at < k < (run if run is not None else s.end_token) for k in leaders)
    else:
        to = next((k for k in after if toks[k].norm in ("with", "to")), None)
        if to is None or any(at < k < to for k in leaders):
            return None
        # the person spoken with comes right after "with"/"to", titles and first names aside
        named = to + 1
        while named < s.end_token and toks[named].kind == "word" and toks[named].text[0].isupper() \
                and named not in leaders:
            named += 1
        if named == to + 1 and named not in leaders:
            return None  # "I spoke to the press about Putin": no one named
        partner = named in leaders
    if not partner:
        return ""  # a conversation with someone else: "Then I called President Xi."
    if any(w in _NEGATIONS or w.endswith(("n't", "n’t")) for w in norms[:conversation]):
        return ""
    inside = {k for m in found for k in range(m.first_token, m.end_token)}
    for k in range(s.first_token + 1, s.end_token):
        if k in inside or toks[k].kind != "word" or not toks[k].text[0].isupper() or toks[k].norm in PRONOUNS:
            continue
        before = toks[k - 1].norm
        if before in _PERSON_TITLES or (before in ("and", "&") and k - 2 in inside) \
                or (k + 2 < s.end_token and toks[k + 1].norm in ("and", "&") and k + 2 in inside):
            return ""  # someone else the speaker spoke with: "and President Xi", "Putin and Bush"
    names = {m.name for m in found}
    return found[0].name if len(names) == 1 and leaders and _names_nobody_else(parsed, j, found) else ""


def _names_nobody_else(parsed: Parsed, index: int, mentions: list[Mention], opening: bool = False) -> bool:
    """Sentence ``index`` names nothing but ``mentions``: no other capitalized word that is a
    name rather than an ordinary word ("Fake News", PEACE, "I" and titles aside; the opening
    word counts only with ``opening``, for a singular pronoun: "Obama ... his"), no @mention,
    and, given mentions, no plural pronoun of its own."""
    s = parsed.sentences[index]
    inside = {k for m in mentions for k in range(m.first_token, m.end_token)}
    toks = parsed.toks
    quoted = False  # inside “...”: a quoted term (“Secondary Sanctions”), not someone named
    for k in range(s.first_token, s.end_token):
        t = toks[k]
        if t.kind == "punct" and t.text in '“”"':
            quoted = t.text == "“" or (t.text == '"' and not quoted)
            continue
        if k in inside:
            continue
        if t.kind == "mention" or (mentions and t.norm in ("they", "them", "their")):
            return False
        if t.kind != "word" or not t.text[0].isupper() or t.norm in _TITLES or t.norm in PRONOUNS \
                or t.norm in _CALENDAR \
                or not (opening or k > s.first_token) or quoted:
            continue
        if not t.word & ORDINARY_WORD:
            return False  # a name
        if (k + 1 < s.end_token and k + 1 not in inside and _capitalized(toks[k + 1])) or \
                (k + 2 < s.end_token and toks[k + 1].norm == "of" and _capitalized(toks[k + 2])):
            return False  # capitalized ordinary words in a row: an institution ("Department of Justice")
    return True


def _capitalized(t: Tok) -> bool:
    return t.kind == "word" and t.text[0].isupper() and t.norm not in PRONOUNS


def _modifier(parsed: Parsed, m: Mention) -> bool:
    """The alias modifies a capitalized noun: "the Russia Investigation", "Russia Hoax"."""
    j = m.end_token
    return j < len(parsed.toks) and parsed.toks[j].kind == "word" and parsed.toks[j].text[0].isupper() \
        and parsed.sentence_of[j] == parsed.sentence_of[m.first_token]


def _pronoun_in(parsed: Parsed, index: int, pronouns: tuple[str, ...], opening: bool = False) -> str:
    """The first of ``pronouns`` in sentence ``index``, if the sentence names nobody else, else ""."""
    if not _names_nobody_else(parsed, index, [], opening):
        return ""
    s = parsed.sentences[index]
    return next((t.norm for t in parsed.toks[s.first_token:s.end_token] if t.norm in pronouns), "")


def _has_word(parsed: Parsed, index: int, norms: frozenset[str]) -> bool:
    """Sentence ``index`` has one of the words ``norms``."""
    s = parsed.sentences[index]
    return any(t.norm in norms for t in parsed.toks[s.first_token:s.end_token])


def _refers_to_both(parsed: Parsed, index: int) -> bool:
    """The sentence names the two sides without naming them: "the two parties", "both sides",
    or "both" as a pronoun ("Let both claim Victory", "BOTH WILL THEN START ...")."""
    s = parsed.sentences[index]
    norms = [t.norm for t in parsed.toks[s.first_token:s.end_token]]
    words = " ".join(norms)
    if any(phrase in words for phrase in BOTH_SIDES):
        return True
    return any(w == "both" and ((k + 1 < len(norms) and norms[k + 1] in _AUXILIARIES) or (k and norms[k - 1] == "let"))
               for k, w in enumerate(norms))
