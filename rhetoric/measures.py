"""Stage 6: per-entity counts and rates in both views, the pair's asymmetry, and the frozen
:class:`Measurement` that holds them with the evidence behind every number.

Counts are per sentence, then summed over the sentences attributed to an entity: a sentence
about both Russia and Ukraine counts for each (the ``exclusive`` view keeps only sentences
about one entity alone).  Rates are per 100 words of the entity's sentences and are ``None``
when the entity has no words.  Nothing is rounded here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from .attribution import Attribution
from .claims import one_text
from .errors import ConfigError, RhetoricWarning
from .schema import FLAT_TOPIC_FIELDS, VIEWS, Schema
from .sentences import Parsed, Sentence
from .signals import Hit, Signal
from .significance import PERMUTATIONS, SEED, permutation_pvalues
from .voices import NO_VOICES, Voices


def asymmetry(a: float | None, b: float | None) -> float | None:
    """``(a - b) / (a + b)`` on non-negative rates: +1 when only A has the signal, -1 when only B
    has it, 0 when equal; None when both are zero or either is undefined (no evidence either way
    is not balance).  Swapping A and B flips the sign."""
    if a is None or b is None:
        return None
    total = a + b
    if total == 0:
        return None
    return (a - b) / total


class Evidence(NamedTuple):
    """One signal occurrence with the entities of its sentence."""

    signal: str
    text: str
    start: int
    end: int
    sentence: int
    entities: tuple[str, ...]
    via: str | None
    kind: str | None = None
    detail: str | None = None
    voice: str = "author"   # "quoted": someone else's words (counted only with include_quoted)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"signal": self.signal, "text": self.text, "start": self.start, "end": self.end,
                             "sentence": self.sentence, "entities": list(self.entities), "via": self.via,
                             "voice": self.voice}
        if self.signal in ("superlative", "intensifier"):
            d["kind"] = self.kind
        elif self.signal in ("exclamation", "exclamation_mark"):
            d["marks"] = int(self.kind or 0)
        if self.signal == "topic":
            d["topic"] = self.detail
        elif self.detail:
            d["reason"] = self.detail
        return d


class Measurement:
    """The result of measuring one text: counts, rates, asymmetry, tests and the evidence behind
    them.  Frozen: its attributes cannot be set and its mappings cannot be changed
    (``m.entities["Russia"]["caps_words"] = 99`` is a TypeError).  The nested views are built on
    first use, so a batch run that writes one flat row per document never assembles what it does
    not print.
    """

    __slots__ = ("config", "schema", "words", "all_caps_text", "warnings", "voices", "quoted_words", "_parsed",
                 "_found", "_topics", "_attribution", "_tail", "_set_aside", "_quoted", "left_out", "_cache")
    config: Any
    schema: Schema
    words: int                   # the words counted: the author's (all of them with include_quoted)
    all_caps_text: bool
    warnings: tuple[RhetoricWarning, ...]
    voices: Voices               # the repost kind and the spans of someone else's words
    quoted_words: int            # words in those spans, left out of the counts (0 with include_quoted)
    _parsed: Parsed
    _found: tuple[tuple[Signal, list[Hit]], ...]   # the counted hits
    _topics: list[Hit]
    _attribution: list[Attribution] | None
    _tail: tuple[Any, ...]
    _set_aside: tuple[Hit, ...]  # hits in someone else's words, not counted (evidence with voice "quoted")
    _quoted: frozenset[int]      # the tokens in someone else's words, whose words are not counted
    left_out: int                # signal occurrences left out of the counts as someone else's words
    _cache: dict[str, Any]

    def __init__(self, parsed: Parsed, config: Any, schema: Schema, words: int, all_caps_text: bool,
                 found: Sequence[tuple[Signal, list[Hit]]], topic_hits: list[Hit],
                 attribution: list[Attribution] | None, warnings: tuple[RhetoricWarning, ...] = (),
                 tail: tuple[Any, ...] = (), voices: Voices = NO_VOICES, quoted_words: int = 0,
                 set_aside: Sequence[Hit] = (), quoted: frozenset[int] = frozenset(), left_out: int = 0):
        for name, value in (("config", config), ("schema", schema), ("words", words),
                            ("all_caps_text", all_caps_text), ("warnings", warnings), ("voices", voices),
                            ("quoted_words", quoted_words), ("_parsed", parsed),
                            ("_found", tuple(found)), ("_topics", topic_hits), ("_attribution", attribution),
                            ("_tail", tail), ("_set_aside", tuple(set_aside)), ("_quoted", quoted),
                            ("left_out", left_out), ("_cache", {})):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Measurement is frozen: {name} cannot be set")

    def _args(self, warnings: tuple[RhetoricWarning, ...]) -> tuple[Any, ...]:
        return (self._parsed, self.config, self.schema, self.words, self.all_caps_text, self._found, self._topics,
                self._attribution, warnings, self._tail, self.voices, self.quoted_words, self._set_aside,
                self._quoted, self.left_out)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as what it was made of (its views are built again on the other side)."""
        return (Measurement, self._args(self.warnings))

    def __repr__(self) -> str:
        return f"<Measurement: {self.words} words, {self.sentences} sentences, {len(self.evidence)} evidence items>"

    def with_warnings(self, before: tuple[RhetoricWarning, ...]) -> Measurement:
        """The same measurement with ``before`` (decoding notes) ahead of its warnings."""
        return Measurement(*self._args(before + self.warnings))

    @property
    def text(self) -> str:
        return self._parsed.text

    @property
    def sentences(self) -> int:
        return len(self._parsed.sentences)

    @property
    def sentence_list(self) -> tuple[Sentence, ...]:
        return tuple(self._parsed.sentences)

    @property
    def attribution(self) -> tuple[Attribution, ...]:
        """Per sentence: the entities it is about, and how (mention, carry or none)."""
        if self._attribution is None:
            return tuple(Attribution(k, (), None, ()) for k in range(self.sentences))
        return tuple(self._attribution)

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        """Every signal occurrence in text order, with the entities of its sentence."""
        return self._cached("evidence", self._evidence)

    def _evidence(self) -> tuple[Evidence, ...]:
        att = self._attribution
        hits = [h for _, found in self._found for h in found] + self._topics + list(self._set_aside)
        spans = self.voices.quoted
        return tuple(Evidence(h.signal, h.text, h.start, h.end, h.sentence,
                              att[h.sentence].entities if att else (), att[h.sentence].via if att else None,
                              h.kind, h.detail, "quoted" if spans and in_spans(h.start, spans) else "author")
                     for h in sorted(hits, key=_HIT_ORDER))


    @property
    def entities(self) -> Mapping[str, Mapping[str, Any]]:
        """Entity -> counts, ``per_100_words`` rates, ``topics`` and the ``exclusive`` view."""
        return self._cached("entities", lambda: _frozen(_entity_blocks(self._columns(), self._attribution,
                                                                         self.schema)))

    @property
    def totals(self) -> Mapping[str, Any]:
        """The counters over the whole text, whatever the sentences are about."""
        return self._cached("totals", lambda: _frozen(_block(self._columns(), range(self.sentences), self.schema)))

    @property
    def asymmetry(self) -> Mapping[str, Any]:
        """The pair's asymmetry per counter, from -1 (all B) to +1 (all A); None when undefined."""
        return self._cached("asymmetry", lambda: _frozen(_asymmetry(_plain(self.entities), self.schema)))

    @property
    def tests(self) -> Mapping[str, Mapping[str, Any]]:
        """Per view (``all``, ``exclusive``), per counter (and per topic, under ``topics``): the
        two-sided p-value of the permutation test of :mod:`rhetoric.significance` (None where
        undefined: a side without words, or no occurrence on either side)."""
        return self._cached("tests", self._tests)

    def _tests(self) -> Mapping[str, Any]:

        pair, rated, topics = self.schema.pair, self.schema.rated, self.schema.topics
        columns = self._columns()
        if pair is None:
            found: dict[str, dict[str, Any]] = {v: {} for v in VIEWS}
        else:
            counts = {**{c: columns[c] for c in rated}, **{f"topic:{t}": columns[f"topic:{t}"] for t in topics}}
            found = permutation_pvalues(columns["words"], counts, [a.entities for a in self.attribution], pair)
        return _frozen({view: {**{c: p[c] for c in rated if c in p}, "topics": {t: p.get(f"topic:{t}") for t in topics}}
                        for view, p in found.items()})

    def findings(self) -> dict[str, Any]:
        """Per view, the headline the evidence supports (:mod:`rhetoric.claims`)."""

        return {view: one_text(self, view) for view in VIEWS}

    def _columns(self) -> dict[str, list[int]]:
        return self._cached("columns", lambda: _per_sentence(self._parsed, self._found, self._topics, self.schema,
                                                             self._quoted))

    def _cached(self, key: str, make: Any) -> Any:
        cache = self._cache
        if key not in cache:
            cache[key] = make()
        return cache[key]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see README, "JSON output"): plain dicts and lists, fresh each call."""

        return {
            "words": self.words,
            "sentences": self.sentences,
            "all_caps_text": self.all_caps_text,
            "repost": self.voices.repost,
            "quoted": [{"start": a, "end": b, "why": why, "text": self.text[a:b]} for a, b, why in self.voices.quoted],
            "quoted_words": self.quoted_words,
            "left_out": self.left_out,
            "attribution": [
                {"sentence": s.text, "index": s.number, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                 "entities": list(a.entities), "via": a.via,
                 "mentions": [{"entity": m.name, "alias_kind": m.kind, "text": m.text, "start": m.start,
                               "end": m.end} for m in a.mentions]}
                for s, a in zip(self.sentence_list, self.attribution, strict=False)],
            "entities": _plain(self.entities),
            "asymmetry": _plain(self.asymmetry),
            "tests": {"method": "permutation of the sentences' attributions, two-sided, on the difference of rates",
                      "permutations": PERMUTATIONS, "seed": SEED, **_plain(self.tests)},
            "headlines": {view: f.to_dict() if f else None for view, f in self.findings().items()},
            "totals": _plain(self.totals),
            "evidence": [e.to_dict() for e in self.evidence],
            "warnings": [str(w) for w in self.warnings],
        }

    def _repr_html_(self) -> str:
        """The evidence report, for notebooks (:func:`rhetoric.report.text_report`)."""
        from .report import text_report

        return text_report(self)

    def flat(self) -> dict[str, Any]:
        """One flat row: ``russia_caps_words``, ``russia_caps_words_per_100_words``, ``asymmetry_caps_words``."""
        return dict(zip(self.schema.flat_columns(), self.row(), strict=True))

    def row(self) -> tuple[Any, ...]:
        """The values of :meth:`flat`, in the order of :meth:`Schema.flat_columns` (what batch runs write)."""
        head = (self.words, self.sentences, self.all_caps_text, self.voices.repost, self.quoted_words,
                *document_values(self._found, self._topics, self.words, self.schema))
        if self._attribution is None:  # no entity mentioned: the common case in a corpus
            return head + self._tail
        return head + entity_values(_plain(self.entities), _plain(self.asymmetry), self.schema)

    def to_frame(self, view: str = "all"):  # -> pandas.DataFrame
        """One row per entity (``view="exclusive"``: sentences about that entity alone)."""
        import pandas as pd

        if view not in VIEWS:
            raise ConfigError(f"view {view!r}: choose {' or '.join(VIEWS)}")
        rows = []
        for name, m in self.entities.items():
            block = m if view == "all" else m["exclusive"]
            row = {"entity": name, **{c: block[c] for c in self.schema.counters}}
            row.update({f"{c}_per_100_words": block["per_100_words"][c] for c in self.schema.rated})
            for topic, values in block["topics"].items():
                row.update({f"{topic}_{k}": v for k, v in values.items()})
            rows.append(row)
        return pd.DataFrame(rows).set_index("entity")


_HIT_ORDER = itemgetter(2, 3)  # start, end
_WORD = itemgetter(5)


def _frozen(value: Any) -> Any:
    """A read-only copy: mappings as MappingProxyType, all the way down."""
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _plain(value: Any) -> Any:
    """A plain, JSON-ready copy of a frozen mapping."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def entity_values(entities: dict[str, dict[str, Any]], asym: dict[str, Any], schema: Schema) -> tuple[Any, ...]:
    """The per-entity and asymmetry part of a flat row, in the order of :meth:`Schema.flat_columns`."""
    values: list[Any] = []
    for m in entities.values():
        for block in (m, m["exclusive"]):
            values += [block[c] for c in schema.counters]
            values += [block["per_100_words"][c] for c in schema.rated]
            for topic in block["topics"].values():
                values += [topic[k] for k in FLAT_TOPIC_FIELDS]
    if schema.pair is not None:
        for view in (asym, asym["exclusive"]):
            values += [view[c] for c in schema.counters]
            values += list(view["topics"].values())
    return tuple(values)


def document_values(found: Sequence[tuple[Signal, list[Hit]]], topic_hits: list[Hit], words: int,
                    schema: Schema) -> tuple[Any, ...]:
    """The whole text's counts (:attr:`Schema.document_counts`), then their rates per 100 words."""
    names = schema.document_counts
    if not topic_hits and not any(hits for _, hits in found):  # most posts: nothing to count
        return (0,) * len(names) + ((0.0,) if words else (None,)) * len(names)
    counts = dict.fromkeys(names, 0)
    for signal, hits in found:
        if hits:
            for counter in signal.counters:
                counts[counter.name] = sum(map(counter.amount, hits))
    for h in topic_hits:
        counts[f"{h.detail}_words"] += 1
    values = tuple(counts.values())
    return values + tuple(100 * v / words if words else None for v in values)


def in_spans(offset: int, spans: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a character offset falls inside one of the (start, end, why) spans."""
    return any(a <= offset < b for a, b, _ in spans)


def unmentioned(schema: Schema) -> tuple[Any, ...]:
    """The per-entity and asymmetry part of the row of a text that mentions no entity."""
    empty = _entity_blocks({}, None, schema)
    return entity_values(empty, _asymmetry(empty, schema), schema)


def _per_sentence(parsed: Parsed, found: Sequence[tuple[Signal, list[Hit]]], topic_hits: list[Hit],
                  schema: Schema, quoted: frozenset[int] = frozenset()) -> dict[str, list[int]]:
    """Counter -> its value in each sentence (columns rather than rows: summed with C loops);
    a topic's words under ``topic:NAME``; the words of ``quoted`` tokens are not counted."""
    n = len(parsed.sentences)
    words = list(map(_WORD, parsed.toks))
    for i in quoted:
        words[i] = 0
    columns: dict[str, list[int]] = {c: [0] * n for c in (*schema.rated, *(f"topic:{t}" for t in schema.topics))}
    columns["sentences"] = [1] * n
    columns["words"] = [s.end_token - s.first_token - words[s.first_token:s.end_token].count(0)
                        for s in parsed.sentences]
    for signal, hits in found:
        for counter in signal.counters:
            column, amount = columns[counter.name], counter.amount
            for h in hits:
                column[h.sentence] += amount(h)
    for h in topic_hits:
        columns[f"topic:{h.detail}"][h.sentence] += 1
    return columns


def _entity_blocks(columns: dict[str, list[int]], attribution: list[Attribution] | None,
                   schema: Schema) -> dict[str, dict[str, Any]]:
    """Entity -> its block (counters over its sentences), with the ``exclusive`` view (its
    sentences about it alone); topic shares are over the entities, view by view."""
    entities = {}
    for name in schema.entities:
        mine = [k for k, a in enumerate(attribution or ()) if name in a.entities]
        alone = [k for k in mine if len(attribution[k].entities) == 1]  # type: ignore[index]
        block = _block(columns, mine, schema)
        block["exclusive"] = _block(columns, alone, schema)
        entities[name] = block
    for view in (lambda e: e, lambda e: e["exclusive"]):
        _topic_shares([view(e) for e in entities.values()], schema.topics)
    return entities


def _block(columns: dict[str, list[int]], rows: Any, schema: Schema) -> dict[str, Any]:
    """Counters summed over the sentence indexes ``rows``, with rates and topic densities."""
    counters, rated, topics = schema.counters, schema.rated, schema.topics
    if not rows:  # an entity the text never mentions: the common case in a corpus
        return {**dict.fromkeys(counters, 0), "per_100_words": dict.fromkeys(rated),
                "topics": {t: {"words": 0, "density": None} for t in topics}}
    if isinstance(rows, range):
        block: dict[str, Any] = {c: sum(columns[c]) for c in counters}
    else:
        block = {c: sum(map(columns[c].__getitem__, rows)) for c in counters}
    words = block["words"]
    block["per_100_words"] = {c: (100 * block[c] / words if words else None) for c in rated}
    block["topics"] = {}
    for t in topics:
        column = columns[f"topic:{t}"]
        n = sum(column) if isinstance(rows, range) else sum(map(column.__getitem__, rows))
        block["topics"][t] = {"words": n, "density": n / words if words else None}
    return block


def _topic_shares(blocks: list[dict[str, Any]], topics: Sequence[str]) -> None:
    """Each block's ``share`` of a topic's words (over the entities' blocks of one view, a
    sentence about several counting for each in the ``all`` view), its ``words_share`` of their
    words, and ``ratio``, the first over the second: above 1 when its sentences are the more
    topic-heavy.  None where a total is zero."""
    words = sum(b["words"] for b in blocks)
    for t in topics:
        total = sum(b["topics"][t]["words"] for b in blocks)
        for b in blocks:
            topic = b["topics"][t]
            share = topic["words"] / total if total else None
            words_share = b["words"] / words if words else None
            ratio = share / words_share if share is not None and words_share else None
            b["topics"][t] = {"words": topic["words"], "share": share, "words_share": words_share,
                              "ratio": ratio, "density": topic["density"]}


def _asymmetry(entities: dict[str, dict[str, Any]], schema: Schema) -> dict[str, Any]:
    """The pair's asymmetry per counter in the ``all`` view, with the ``exclusive`` view's."""
    if schema.pair is None:
        return {"pair": None}
    a, b = (entities[n] for n in schema.pair)
    result: dict[str, Any] = {"pair": list(schema.pair), **_view_asymmetry(a, b, schema)}
    result["exclusive"] = _view_asymmetry(a["exclusive"], b["exclusive"], schema)
    return result


def _view_asymmetry(a: dict[str, Any], b: dict[str, Any], schema: Schema) -> dict[str, Any]:
    result: dict[str, Any] = {"sentences": asymmetry(a["sentences"], b["sentences"]),
                              "words": asymmetry(a["words"], b["words"])}
    for c in schema.rated:
        result[c] = asymmetry(a["per_100_words"][c], b["per_100_words"][c])
    result["topics"] = {t: asymmetry(a["topics"][t]["density"], b["topics"][t]["density"]) for t in schema.topics}
    return result
