"""The pipeline of one configuration, prepared once: text -> tokens -> sentences -> signals ->
attribution -> measures.

:class:`Pipeline` (``Config.prepare()``) holds what every text of a configuration shares: the
lexicons, a token memo whose records carry this configuration's tags (where each signal may
start, entity and topic words: computed once per distinct token text), the phrase indexes and
the schema of its tables.  ``measure(text)`` returns a frozen :class:`~rhetoric.measures.Measurement`;
``row(text)`` only the documents-table row, doing only the work the row needs (a text that
mentions no entity skips attribution and the per-entity views); ``document``
turns an input record into a row with its evidence rows and keyness counts, never raising.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate, compress, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from .attribution import attribute
from .entities import EXCLUDED, entity_index, find_phrases, topic_index
from .errors import EmptyTextWarning, LanguageWarning, NoEntityWarning, RhetoricWarning
from .keyness import keyness_counts
from .lexicons import load_lexicons
from .measures import Measurement, document_values, in_spans, unmentioned
from .readers import Record
from .schema import Schema
from .sentences import Parsed, split_sentences
from .signals import Context, Hit, Signal
from .tags import ENTITY, FIRST_SIGNAL, KNOWN_WORD, ORDINARY_WORD, TOPIC
from .tokens import TAGGER_FLAGS, WORD_KIND, TokenTable, normalize
from .voices import Voices, find_voices

if TYPE_CHECKING:
    from .config import Config

#: A text of at least this many words with fewer than this share in the English dictionary
#: gets a warning.  English posts score 0.8-0.95 (names, hashtags and typos are the rest);
#: Russian, Ukrainian or German posts score under 0.2.
NON_ENGLISH_MIN_WORDS = 8
NON_ENGLISH_SHARE = 0.4


class DocResult(NamedTuple):
    """A documents-table row (in the order of ``Schema.document_columns``), its evidence rows
    and its keyness counts (sentences about A and not B, about B and not A)."""

    row: tuple[Any, ...]
    evidence: list[dict[str, Any]]
    keyness: tuple[Counter, Counter] | None


def _tagger(signals: tuple[Signal, ...], bits: tuple[int, ...], lex: Any, entities: Any,
            topics: Any) -> Callable[[str, str, str], tuple[int, int]]:
    """What a configuration makes of a token text (asked once per distinct text): its tags and
    its dictionary word bits."""
    pairs = tuple(zip(signals, bits, strict=True))

    def tag(kind: str, text: str, norm: str) -> tuple[int, int]:
        flags = (ENTITY if norm in entities else 0) | (TOPIC if norm in topics else 0)
        if "-" in norm and kind == "word":  # "Russia-Ukraine", "pro-Russia": find_phrases reads the parts
            flags |= ENTITY if any(normalize(part) in entities for part in norm.split("-")) else 0
        elif kind == "hashtag" and norm[1:] in entities:
            flags |= ENTITY  # "#Russia"
        for signal, bit in pairs:
            if signal.candidate(kind, text, norm, lex):
                flags |= bit
        word = 0
        if kind == "word":
            if norm in lex.lower_words:
                word = KNOWN_WORD | ORDINARY_WORD
            elif norm in lex.proper_words or norm.upper() in lex.acronyms:
                word = KNOWN_WORD
        return flags, word

    return tag


class Pipeline:
    """A configuration prepared to measure texts (see the module docstring)."""

    def __init__(self, config: Config):
        self.config = config
        self.schema = Schema.of(config)
        self.signals: tuple[Signal, ...] = tuple(config.signals)
        self.lexicons = lex = load_lexicons(config.lexicons)
        self.entity_phrases = entity_index(config.entities)
        self.topic_phrases = topic_index(config.topics)
        # one-word aliases written with lower-case letters: names, even in capitals (KYIV); not AUKUS
        names = frozenset(normalize(a) for e in config.entities.entities for a, kind in e.aliases
                          if kind != EXCLUDED and " " not in a and not a.isupper())
        self.context = Context(lex, names)
        self.bits = tuple(FIRST_SIGNAL << k for k in range(len(self.signals)))
        # the tagger holds what it reads, not the pipeline: no cycle (pipeline -> table -> pipeline)
        self.table = TokenTable(_tagger(self.signals, self.bits, lex, self.entity_phrases, self.topic_phrases))
        self.columns = self.schema.flat_columns()
        self.tail = unmentioned(self.schema)  # the row of a text that mentions no entity, after its head
        self.failed = (None,) * len(self.columns)
        searched = "; ".join(f"{e.name}: {', '.join(a for a, k in e.aliases if k != EXCLUDED)}"
                             for e in config.entities.entities)
        self.no_entity = f"no sentence mentions any entity (searched {searched})"

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its configuration: another process prepares it again (without the memo)."""
        return (Pipeline, (self.config,))

    def parse(self, text: str) -> Parsed:
        """Tokens and sentences of ``text``: what every detector reads."""
        toks = self.table.tokens(text)
        ends = list(accumulate(map(_SPAN, toks)))
        marked = list(compress(range(len(toks)), map(_FLAGS, toks)))
        return Parsed(text, toks, ends, marked, split_sentences(text, toks, ends, marked))

    def measure(self, text: str, repost: bool | None = None) -> Measurement:
        """Measure one text, without emitting warnings (they are in ``.warnings``); ``repost``:
        the input's repost flag, when it has one."""
        return self.analyse(text, repost)[0]

    def analyse(self, text: str, repost: bool | None = None) -> tuple[Measurement, Parsed]:
        """:meth:`measure`, with the tokens and sentences it read (keyness counts them)."""
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        parsed = self.parse(text)
        return self._measured(parsed, *self._candidates(parsed), find_voices(text, repost)), parsed

    def _hits(self, parsed: Parsed, candidates: list[list[int]], topic: list[int], voices: Voices) -> _Hits:
        """Each signal's hits (a finder visits only its candidates) and the topic words, those in
        someone else's words set aside (unless the configuration includes them), with the text's
        facts the finders learnt (``all_caps_text``)."""
        facts: dict[str, Any] = {}
        found = [(signal, signal.find(parsed, self.context, candidates[k], facts) if candidates[k] else [])
                 for k, signal in enumerate(self.signals)]
        topic_hits = [Hit("topic", m.text, m.start, m.end, parsed.sentence_of[m.first_token], None, m.name)
                      for m in find_phrases(parsed, self.topic_phrases, topic) if m.kind != EXCLUDED] if topic else []
        spans = voices.quoted
        if not spans or self.config.include_quoted:
            return _Hits(found, topic_hits, facts, [], frozenset(), 0)
        set_aside = [h for _, hits in found for h in hits if in_spans(h.start, spans)]
        left_out = sum(1 for signal, hits in found for h in hits
                       if in_spans(h.start, spans) and any(c.amount(h) for c in signal.counters))
        set_aside += [h for h in topic_hits if in_spans(h.start, spans)]
        if set_aside:
            found = [(signal, [h for h in hits if not in_spans(h.start, spans)]) for signal, hits in found]
            topic_hits = [h for h in topic_hits if not in_spans(h.start, spans)]
        return _Hits(found, topic_hits, facts, set_aside, quoted_tokens(parsed, spans), left_out)

    def _measured(self, parsed: Parsed, candidates: list[list[int]], entity: list[int],
                  topic: list[int], voices: Voices) -> Measurement:
        found, topic_hits, facts, set_aside, quoted, left_out = self._hits(parsed, candidates, topic, voices)
        mentions = [m for m in find_phrases(parsed, self.entity_phrases, entity, hyphen_parts=True)
                    if m.kind != EXCLUDED] if entity else []
        attribution = attribute(parsed, mentions, self.config.entities, self.config.carry) if mentions else None
        words_of = list(map(_WORD, parsed.toks))
        words, quoted_words = _words(words_of, quoted)
        notes = self._notes(words + quoted_words, words_of,
                            attribution is not None and any(a.entities for a in attribution))
        return Measurement(parsed, self.config, self.schema, words, bool(facts.get("all_caps_text")), found,
                           topic_hits, attribution, notes, self.tail, voices, quoted_words, set_aside, quoted,
                           left_out)

    def row(self, text: str, repost: bool | None = None) -> tuple[Any, ...]:
        """The measures of a documents-table row (:meth:`Schema.flat_columns`), by the least
        work: a text with no entity's word skips attribution and the per-entity views, whose
        values are then a cached constant."""
        parsed = self.parse(text)
        candidates, entity, topic = self._candidates(parsed)
        voices = find_voices(text, repost)
        if entity:
            return self._measured(parsed, candidates, entity, topic, voices).row()
        found, topic_hits, facts, _, quoted, _ = self._hits(parsed, candidates, topic, voices)
        words, quoted_words = _words(list(map(_WORD, parsed.toks)), quoted)
        return (words, len(parsed.sentences), bool(facts.get("all_caps_text")), voices.repost, quoted_words,
                *document_values(found, topic_hits, words, self.schema), *self.tail)

    def _candidates(self, parsed: Parsed) -> tuple[list[list[int]], list[int], list[int]]:
        """Per signal, the tokens where it may start; the tokens where an alias or a topic word may."""
        toks = parsed.toks
        candidates: list[list[int]] = [[] for _ in self.bits]
        entity: list[int] = []
        topic: list[int] = []
        bits = self.bits
        for i in parsed.marked:
            f = toks[i].flags
            if f >= TAGGER_FLAGS:
                if f & ENTITY:
                    entity.append(i)
                if f & TOPIC:
                    topic.append(i)
                for k, bit in enumerate(bits):
                    if f & bit:
                        candidates[k].append(i)
        return candidates, entity, topic

    def _notes(self, words: int, words_of: list[int], mentioned: bool) -> tuple[RhetoricWarning, ...]:
        if words == 0:
            return (EmptyTextWarning("empty text: no words, so every count is zero and every rate undefined"),)
        notes: list[RhetoricWarning] = []
        if words >= NON_ENGLISH_MIN_WORDS:
            first = list(islice(filter(_IS_WORD_KIND, words_of), 60))  # the first 60 tokens of kind "word"
            if first and sum(1 for w in first if w & KNOWN_WORD) < NON_ENGLISH_SHARE * len(first):
                notes.append(LanguageWarning(
                    f"the text may not be English (under {100 * NON_ENGLISH_SHARE:.0f}% of its words are in the "
                    "English dictionary); it was measured with the English lexicons"))
        if not mentioned:
            notes.append(NoEntityWarning(self.no_entity))
        return tuple(notes)

    def document(self, rec: Record, evidence: bool = False, keyness: bool = False,
                 group: str | None = None, keep: Sequence[int] = (), with_text: bool = False) -> DocResult:
        """A record as a documents-table row (``Schema.document_columns(group, kept)``), with its
        evidence rows and keyness counts when asked; a failure is a row with its error, never an
        exception.  ``keep``: the indexes in ``rec.fields`` of the kept columns that follow the
        group column (a kept column that is the group column is not repeated)."""
        base = (rec.id, rec.date, rec.source, rec.group) if group else (rec.id, rec.date, rec.source)
        if keep:
            fields = rec.fields
            base += tuple(fields[i] for i in keep) if fields else (None,) * len(keep)
        if rec.error is not None or rec.text is None:
            return DocResult((*base, *self.failed, rec.error or "missing text"), [], None)
        try:
            if not evidence and not keyness:
                return DocResult((*base, *self.row(rec.text, rec.repost), None), [], None)
            m, parsed = self.analyse(rec.text, rec.repost)
        except Exception as exc:  # a bug must not lose the document; the row says what happened
            return DocResult((*base, *self.failed, f"internal error: {type(exc).__name__}: {exc}"), [], None)
        rows = []
        if evidence:
            document = rec.id if rec.id is not None else str(rec.position)
            sentences = m.sentence_list
            if with_text:
                rows.append({"document": document, "position": rec.position, "signal": "document",
                             "text": rec.text, "start": 0, "end": len(rec.text), "voice": None})
            rows += [{"document": document, "position": rec.position, **evidence_row(e),
                      "sentence_text": sentences[e.sentence].text} for e in m.evidence]
        return DocResult((*base, *m.row(), None), rows, keyness_counts(m, parsed) if keyness else None)


def evidence_row(e: Any) -> dict[str, Any]:
    """An evidence row: ``kind`` is the superlative or intensifier kind, the topic of a topic word,
    or the reason a capitalized word was set aside; ``marks`` the number of "!" of an exclamation."""
    exclamation = e.signal in ("exclamation", "exclamation_mark")
    return {"signal": e.signal, "kind": None if exclamation else e.detail if e.signal == "topic" else e.kind,
            "marks": int(e.kind or 0) if exclamation else None, "text": e.text,
            "start": e.start, "end": e.end, "sentence": e.sentence, "entities": "|".join(e.entities),
            "via": e.via, "voice": e.voice}


class _Hits(NamedTuple):
    found: list[tuple[Signal, list[Hit]]]   # counted
    topics: list[Hit]                      # counted
    facts: dict[str, Any]
    set_aside: list[Hit]                   # in someone else's words
    quoted: frozenset[int]                 # the tokens in someone else's words
    left_out: int                          # counted occurrences among set_aside


def quoted_tokens(parsed: Parsed, spans: Sequence[tuple[int, int, str]]) -> frozenset[int]:
    """The tokens that start inside one of the (start, end, why) character spans."""
    ends, toks = parsed.ends, parsed.toks
    inside = set()
    for a, b, _ in spans:
        i = bisect_right(ends, a)  # the first token ending after a
        while i < len(toks) and ends[i] - len(toks[i].text) < b:
            if ends[i] - len(toks[i].text) >= a:
                inside.add(i)
            i += 1
    return frozenset(inside)


def _words(words_of: list[int], quoted: frozenset[int]) -> tuple[int, int]:
    """The words counted, and those in someone else's words (left out)."""
    total = len(words_of) - words_of.count(0)
    quoted_words = sum(1 for i in quoted if words_of[i]) if quoted else 0
    return total - quoted_words, quoted_words


_SPAN = itemgetter(4)
_FLAGS = itemgetter(3)
_WORD = itemgetter(5)
_IS_WORD_KIND = WORD_KIND.__and__
