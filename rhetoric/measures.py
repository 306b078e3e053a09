"""Stage 6: per-entity counts and rates, and :func:`measure`, the per-document
function that every command (``measure``, ``batch``, charts, the accuracy suite)
calls.

Counts are per sentence, then summed over the sentences attributed to an entity:
a sentence about both Russia and Ukraine counts for each (the ``exclusive`` view
keeps only sentences about one entity alone).  Rates are per 100 words of the
entity's sentences and are ``None`` when the entity has no words.  Nothing is
rounded here.
"""

from __future__ import annotations

import warnings as _warnings
import weakref
from collections.abc import Callable
from itertools import islice
from operator import itemgetter
from typing import Any, NamedTuple

from .asymmetry import asymmetry
from .attribution import Attribution, attribute
from .config import Config, default_config
from .entities import EXCLUDED, EntitiesLike, TopicsLike, entity_index, find_phrases, normalize, topic_index
from .errors import ConfigError, EmptyTextWarning, LanguageWarning, NoEntityWarning, RhetoricWarning
from .lexicons import load_lexicons
from .sentences import Parsed, Sentence, parse
from .signals import Hit
from .signals.caps import find_caps, is_caps_token
from .signals.intensifiers import find_intensifiers, is_stretched
from .signals.punctuation import find_exclamations, find_scare_quotes
from .signals.superlatives import find_superlatives
from .signals.title_case import find_title_case, is_title_candidate
from .tokens import (
    CAPS,
    ENTITY,
    EXCLAMATION,
    INTENSIFIER,
    KNOWN,
    KNOWN_WORD,
    ORDINARY,
    QUOTE,
    SUPERLATIVE,
    TITLE,
    TOPIC,
    WORD_KIND,
    TokenTable,
)

#: Every counter, in display order.  ``sentences`` and ``words`` are the base.
COUNTERS = ("sentences", "words", "caps_words", "title_case_words", "superlatives", "intensifiers",
            "exclamations", "exclamation_marks", "scare_quotes")
#: Counters that get a rate per 100 words and an asymmetry on that rate.
RATED = COUNTERS[2:]
#: The views of the measures: every sentence about an entity, or only those about it alone.
VIEWS = ("all", "exclusive")
_COUNTER_OF = {"caps": "caps_words", "title_case": "title_case_words", "superlative": "superlatives",
               "intensifier": "intensifiers", "exclamation": "exclamations", "scare_quote": "scare_quotes"}


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

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"signal": self.signal, "text": self.text, "start": self.start, "end": self.end,
                             "sentence": self.sentence, "entities": list(self.entities), "via": self.via}
        if self.signal in ("superlative", "intensifier"):
            d["kind"] = self.kind
        elif self.signal == "exclamation":
            d["marks"] = int(self.kind or 0)
        if self.signal == "topic":
            d["topic"] = self.detail
        elif self.detail:
            d["reason"] = self.detail
        return d


class Measurement:
    """The result of measuring one text: counts, rates, asymmetry and the evidence behind them.

    Immutable.  What a caller reads is built on first use from the tokens, the signal hits
    and the attribution, so a batch run that writes one flat row per document never
    assembles the nested views (``entities``, ``evidence``, ``to_dict()``) it does not print.
    """

    __slots__ = ("config", "words", "all_caps_text", "warnings", "_parsed", "_prepared", "_hits",
                 "_attribution", "_cache")

    def __init__(self, parsed: Parsed, config: Config, prepared: _Prepared, words: int, all_caps_text: bool,
                 hits: list[Hit], attribution: list[Attribution] | None, warnings: tuple[str, ...] = ()):
        self.config, self.words, self.all_caps_text, self.warnings = config, words, all_caps_text, warnings
        self._parsed, self._prepared, self._hits, self._attribution = parsed, prepared, hits, attribution
        self._cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"<Measurement: {self.words} words, {self.sentences} sentences, {len(self._hits)} hits>"

    def with_warnings(self, before: tuple[str, ...]) -> Measurement:
        """The same measurement with ``before`` (e.g. decoding notes) ahead of its warnings."""
        return Measurement(self._parsed, self.config, self._prepared, self.words, self.all_caps_text,
                           self._hits, self._attribution, before + self.warnings)

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
        if "evidence" not in self._cache:
            att = self._attribution
            self._cache["evidence"] = tuple(
                Evidence(h.signal, h.text, h.start, h.end, h.sentence,
                         att[h.sentence].entities if att else (), att[h.sentence].via if att else None,
                         h.kind, h.detail)
                for h in sorted(self._hits, key=_HIT_ORDER))
        return self._cache["evidence"]  # type: ignore[no-any-return]

    @property
    def entities(self) -> dict[str, dict[str, Any]]:
        """Entity -> counts, ``per_100_words`` rates, ``topics`` and the ``exclusive`` view."""
        if "entities" not in self._cache:
            self._cache["entities"] = _entity_blocks(self._columns(), self._attribution, self.config)
        return self._cache["entities"]  # type: ignore[no-any-return]

    @property
    def totals(self) -> dict[str, Any]:
        """The counters over the whole text, whatever the sentences are about."""
        if "totals" not in self._cache:
            self._cache["totals"] = _block(self._columns(), range(self.sentences), self.config.topics.names)
        return self._cache["totals"]  # type: ignore[no-any-return]

    @property
    def asymmetry(self) -> dict[str, Any]:
        """The pair's asymmetry per counter, from -1 (all B) to +1 (all A); None when undefined."""
        if "asymmetry" not in self._cache:
            self._cache["asymmetry"] = _asymmetry(self.entities, self.config)
        return self._cache["asymmetry"]  # type: ignore[no-any-return]

    @property
    def tests(self) -> dict[str, dict[str, Any]]:
        """Per view (``all``, ``exclusive``), per counter (and per topic, under ``topics``): the
        two-sided p-value of the permutation test of :mod:`rhetoric.significance` (None where
        undefined: a side without words, or no occurrence on either side)."""
        if "tests" not in self._cache:
            from .significance import permutation_pvalues

            pair = self.config.pair
            columns = self._columns()
            topics = self.config.topics.names
            if pair is None:
                found: dict[str, dict[str, Any]] = {v: {} for v in VIEWS}
            else:
                counts = {**{c: columns[c] for c in RATED}, **{f"topic:{t}": columns[t] for t in topics}}
                found = permutation_pvalues(columns["words"], counts, [a.entities for a in self.attribution],
                                            pair)
            self._cache["tests"] = {view: {**{c: p[c] for c in RATED if c in p},
                                           "topics": {t: p.get(f"topic:{t}") for t in topics}}
                                    for view, p in found.items()}
        return self._cache["tests"]  # type: ignore[no-any-return]

    def findings(self) -> dict[str, Any]:
        """Per view, the headline the evidence supports (:mod:`rhetoric.claims`)."""
        from .claims import one_text

        return {view: one_text(self, view) for view in VIEWS}

    def _columns(self) -> dict[str, list[int]]:
        if "columns" not in self._cache:
            self._cache["columns"] = _per_sentence(self._parsed, self._hits, self.config.topics.names)
        return self._cache["columns"]  # type: ignore[no-any-return]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract (see README, "JSON output")."""
        return {
            "words": self.words,
            "sentences": self.sentences,
            "all_caps_text": self.all_caps_text,
            "attribution": [
                {"sentence": s.text, "index": s.number, "start": s.start, "end": s.end, "paragraph": s.paragraph,
                 "entities": list(a.entities), "via": a.via,
                 "mentions": [{"entity": m.name, "alias_kind": m.kind, "text": m.text, "start": m.start,
                               "end": m.end} for m in a.mentions]}
                for s, a in zip(self.sentence_list, self.attribution, strict=False)],
            "entities": self.entities,
            "asymmetry": self.asymmetry,
            "tests": self._tests_dict(),
            "headlines": {view: f.to_dict() if f else None for view, f in self.findings().items()},
            "totals": self.totals,
            "evidence": [e.to_dict() for e in self.evidence],
            "warnings": list(self.warnings),
        }

    def _tests_dict(self) -> dict[str, Any]:
        from .significance import PERMUTATIONS, SEED

        return {"method": "permutation of the sentences' attributions, two-sided, on the difference of rates",
                "permutations": PERMUTATIONS, "seed": SEED, **self.tests}

    def flat(self) -> dict[str, Any]:
        """One flat row: ``russia_caps_words``, ``russia_caps_words_per_100_words``, ``asymmetry_caps_words``."""
        return dict(zip(self._prepared.columns, self.row(), strict=True))

    def row(self) -> tuple[Any, ...]:
        """The values of :meth:`flat`, in the order of :func:`flat_columns` (what batch runs write)."""
        head = (self.words, self.sentences, self.all_caps_text)
        if self._attribution is None:  # no entity mentioned: the common case in a corpus
            return head + self._prepared.unmentioned
        return head + _entity_values(self.entities, self.asymmetry)

    def to_frame(self, view: str = "all"):  # -> pandas.DataFrame
        """One row per entity (``view="exclusive"``: sentences about that entity alone)."""
        import pandas as pd

        if view not in VIEWS:
            raise ConfigError(f"view {view!r}: choose {' or '.join(VIEWS)}")
        rows = []
        for name, m in self.entities.items():
            block = m if view == "all" else m["exclusive"]
            row = {"entity": name, **{c: block[c] for c in COUNTERS}}
            row.update({f"{c}_per_100_words": block["per_100_words"][c] for c in RATED})
            for topic, values in block["topics"].items():
                row.update({f"{topic}_{k}": v for k, v in values.items()})
            rows.append(row)
        return pd.DataFrame(rows).set_index("entity")


def slug(name: str) -> str:
    """Column-safe lower-case name: ``"South Korea"`` -> ``"south_korea"``."""
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in name).strip("_")
    return out or "entity"


def _flat_entity(prefix: str, m: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of an entity's block (``prefix``: ``russia``), both views: the
    ``exclusive`` view's columns carry ``exclusive`` after the prefix."""
    row: dict[str, Any] = {}
    for view, block in (("", m), ("_exclusive", m["exclusive"])):
        row.update({f"{prefix}{view}_{c}": block[c] for c in COUNTERS})
        row.update({f"{prefix}{view}_{c}_per_100_words": block["per_100_words"][c] for c in RATED})
        for topic, values in block["topics"].items():
            row.update({f"{prefix}{view}_{topic}_{k}": values[k] for k in FLAT_TOPIC_FIELDS})
    return row


#: The topic fields of a flat row (share of words and the ratio are sums' ratios: summaries
#: compute them from the ``words`` columns).
FLAT_TOPIC_FIELDS = ("words", "share", "density")


def _entity_values(entities: dict[str, dict[str, Any]], asym: dict[str, Any]) -> tuple[Any, ...]:
    """The per-entity and asymmetry part of a flat row, in column order."""
    values: list[Any] = []
    for m in entities.values():
        for block in (m, m["exclusive"]):
            values += [block[c] for c in COUNTERS]
            values += [block["per_100_words"][c] for c in RATED]
            for topic in block["topics"].values():
                values += [topic[k] for k in FLAT_TOPIC_FIELDS]
    for view in (asym, asym.get("exclusive", {})):
        for key, value in view.items():
            if key == "topics":
                values += value.values()
            elif key not in ("pair", "exclusive"):
                values.append(value)
    return tuple(values)


def flat_columns(config: Config) -> tuple[str, ...]:
    """Column names of :meth:`Measurement.flat` for this configuration."""
    return _prepared(config).columns


# -- the pipeline --------------------------------------------------------------

def measure(text: str, *, entities: EntitiesLike = None, topics: TopicsLike = None, carry: bool = True,
            pair: tuple[str, str] | str | None = None, config: Config | None = None) -> Measurement:
    """Measure one text.  Issues :class:`~rhetoric.errors.RhetoricWarning` subclasses for
    empty texts and texts that mention no entity (also kept in ``.warnings``).

    >>> m = measure("Russia wants to do largescale TRADE. Ukraine can be a great beneficiary on Trade.")
    >>> m.entities["Russia"]["caps_words"], m.entities["Ukraine"]["title_case_words"]
    (1, 1)
    """
    if config is None:
        if entities is None and topics is None and carry and pair is None:
            config = default_config()
        else:
            config = Config.make(entities, topics, carry, pair)
    result = measure_text(text, config)
    for message in result.warnings:
        category = EmptyTextWarning if message.startswith("empty") else \
            NoEntityWarning if message.startswith("no sentence") else \
            LanguageWarning if message.startswith("the text may not be English") else RhetoricWarning
        _warnings.warn(message, category, stacklevel=2)
    return result


def measure_file(path: str, *, encoding: str | None = None, config: Config | None = None) -> Measurement:
    """Read, decode and measure a file (``"-"``: standard input); decoding notes join ``.warnings``."""
    from .text import check_one_text, read_text

    check_one_text(path)
    doc = read_text(path, encoding)
    return measure_text(doc.text, config or default_config()).with_warnings(doc.warnings)


def measure_text(text: str, config: Config) -> Measurement:
    """The per-document function, without emitting warnings (batch runs record them instead)."""
    return measure_parsed(text, config)[0]


def measure_parsed(text: str, config: Config) -> tuple[Measurement, Parsed]:
    """:func:`measure_text` and the tokens and sentences it read, for callers that need both
    (keyness counts words per entity) without tokenizing twice."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    prep = _prepared(config)
    lex = prep.lex
    parsed = parse(text, prep.table)
    toks = parsed.toks
    caps: list[int] = []
    title: list[int] = []
    superlative: list[int] = []
    intensifier: list[int] = []
    entity: list[int] = []
    topic: list[int] = []
    quotes: list[int] = []
    exclamations: list[int] = []
    for i in parsed.marked:
        f = toks[i].flags
        if f & _VISITED:
            if f & CAPS:
                caps.append(i)
            if f & TITLE:
                title.append(i)
            if f & INTENSIFIER:
                intensifier.append(i)
            if f & QUOTE:
                quotes.append(i)
            if f & _RARE:
                if f & SUPERLATIVE:
                    superlative.append(i)
                if f & ENTITY:
                    entity.append(i)
                if f & TOPIC:
                    topic.append(i)
                if f & EXCLAMATION:
                    exclamations.append(i)
    all_caps, hits = find_caps(parsed, lex, caps, quotes, prep.alias_names) if caps else (False, [])
    if title:
        hits += find_title_case(parsed, lex, title)
    if superlative:
        hits += find_superlatives(parsed, lex, superlative)
    if intensifier:
        hits += find_intensifiers(parsed, lex, intensifier)
    if exclamations:
        hits += find_exclamations(parsed, exclamations)
    if quotes:
        hits += find_scare_quotes(parsed, quotes)
    if topic:
        hits += [Hit("topic", m.text, m.start, m.end, parsed.sentence_of[m.first_token], None, m.name)
                 for m in find_phrases(parsed, prep.topic_phrases, topic) if m.kind != EXCLUDED]
    mentions = [m for m in find_phrases(parsed, prep.entity_phrases, entity, hyphen_parts=True)
                if m.kind != EXCLUDED] if entity else []
    attribution = attribute(parsed, mentions, config.entities, config.carry) if mentions else None
    words_of = list(map(_WORD, toks))
    words = len(words_of) - words_of.count(0)
    return Measurement(parsed, config, prep, words, all_caps, hits, attribution,
                       _notes(words, words_of, attribution, prep)), parsed


_WORD = itemgetter(5)
_RARE = SUPERLATIVE | ENTITY | TOPIC | EXCLAMATION
_VISITED = CAPS | TITLE | INTENSIFIER | QUOTE | _RARE


class _Prepared:
    """Everything a configuration needs per document, built once: lexicons, the token table
    with this configuration's flags, phrase indexes, column names and the row tail of a
    document that mentions no entity."""

    def __init__(self, config: Config):
        self._config = weakref.ref(config)  # weak: the state lives and dies with its config
        self.lex = lex = load_lexicons(config.lexicons)
        self.entity_phrases = entity_index(config.entities)
        self.topic_phrases = topic_index(config.topics)
        # one-word aliases written with lower-case letters: names, even in capitals (KYIV); not AUKUS
        self.alias_names = frozenset(normalize(a) for e in config.entities.entities for a, kind in e.aliases
                                     if kind != EXCLUDED and " " not in a and not a.isupper())
        features: dict[str, int] = {}
        for words, flag in ((lex.intensifiers, INTENSIFIER), (self.entity_phrases, ENTITY),
                            (self.topic_phrases, TOPIC)):
            for word in words:
                features[word] = features.get(word, 0) | flag
        self.features = features
        self.table = TokenTable(_lexical_flags(lex, features))  # no reference back: no cycle to wait for
        empty = _entity_blocks({}, None, config)
        names = [k for n in config.entities.names for k in _flat_entity(slug(n), empty[n])]
        asym = _asymmetry(empty, config)
        for prefix, view in (("asymmetry", asym), ("asymmetry_exclusive", asym.get("exclusive", {}))):
            for key, value in view.items():
                if key == "topics":
                    names += [f"{prefix}_{t}_density" for t in value]
                elif key not in ("pair", "exclusive"):
                    names.append(f"{prefix}_{key}")
        self.columns = ("words", "sentences", "all_caps_text", *names)
        #: the row tail of a document that mentions no entity: the common case in a corpus
        self.unmentioned = _entity_values(empty, asym)
        searched = "; ".join(f"{e.name}: {', '.join(a for a, k in e.aliases if k != EXCLUDED)}"
                             for e in config.entities.entities)
        self.no_entity = f"no sentence mentions any entity (searched {searched})"

    @property
    def config(self) -> Config:
        config = self._config()
        assert config is not None, "prepared state outlived its config"
        return config

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its config: unpickling prepares that config again (a measurement sent to
        another process does not carry the token memo with it)."""
        return (_prepared, (self.config,))


def _lexical_flags(lex: Any, features: dict[str, int]) -> Callable[[str, str, str], int]:
    """The lexical flags of a token (computed once per distinct token text)."""

    def flags_of(kind: str, text: str, norm: str) -> int:
        flags = features.get(norm, 0)
        if "-" in norm and kind == "word":
            for part in norm.split("-"):  # "Russia-Ukraine", "pro-Russia": entities.find_phrases reads the parts
                flags |= features.get(normalize(part), 0) & ENTITY
        elif kind == "hashtag":
            flags |= features.get(norm[1:], 0) & ENTITY  # "#Russia"
        if kind == "word" and (norm in lex.superlatives or norm in ("most", "least")):
            flags |= SUPERLATIVE
        if not flags and is_stretched(norm):
            flags |= INTENSIFIER  # a stretched word: "sooo"
        if text[0].isupper():
            if is_caps_token(kind, text):
                flags |= CAPS
            if is_title_candidate(kind, text, norm, lex):
                flags |= TITLE
        if kind == "word" and (norm in lex.lower_words or norm in lex.proper_words or norm.upper() in lex.acronyms):
            flags |= KNOWN
        if kind == "word" and norm in lex.lower_words:
            flags |= ORDINARY
        return flags

    return flags_of


_PREPARED: dict[int, _Prepared] = {}


def _prepared(config: Config) -> _Prepared:
    """The prepared state of a config, cached by identity (hashing a Config, nested tuples, on
    every document would cost more than measuring) for as long as the config lives, so that
    the memory of its token memo goes with it."""
    cached = _PREPARED.get(id(config))
    if cached is None or cached._config() is not config:
        cached = _PREPARED[id(config)] = _Prepared(config)
        weakref.finalize(config, _PREPARED.pop, id(config), None)
    return cached


def _notes(words: int, words_of: list[int], attribution: list[Attribution] | None, prep: _Prepared
           ) -> tuple[str, ...]:
    if words == 0:
        return ("empty text: no words, so every count is zero and every rate undefined",)
    notes = []
    if words >= NON_ENGLISH_MIN_WORDS:
        first = list(islice(filter(_IS_WORD_KIND, words_of), 60))  # the first 60 tokens of kind "word"
        if first and sum(map(_IS_KNOWN, first)) < NON_ENGLISH_SHARE * KNOWN_WORD * len(first):
            notes.append(f"the text may not be English (under {100 * NON_ENGLISH_SHARE:.0f}% of its words are "
                         "in the English dictionary); it was measured with the English lexicons")
    if attribution is None or not any(a.entities for a in attribution):
        notes.append(prep.no_entity)
    return tuple(notes)


_IS_WORD_KIND = WORD_KIND.__and__
_IS_KNOWN = KNOWN_WORD.__and__  # KNOWN_WORD or 0
_HIT_ORDER = itemgetter(2, 3)  # start, end


#: A text of at least this many words with fewer than this share in the English dictionary
#: gets a warning.  English posts score 0.8-0.95 (names, hashtags and typos are the rest);
#: Russian, Ukrainian or German posts score under 0.2.
NON_ENGLISH_MIN_WORDS = 8
NON_ENGLISH_SHARE = 0.4


def _per_sentence(parsed: Parsed, hits: list[Hit], topics: tuple[str, ...]) -> dict[str, list[int]]:
    """Counter -> its value in each sentence (columns rather than rows: summed with C loops)."""
    n = len(parsed.sentences)
    words = list(map(_WORD, parsed.toks))
    columns: dict[str, list[int]] = {c: [0] * n for c in (*RATED, *topics)}
    columns["sentences"] = [1] * n
    columns["words"] = [s.end_token - s.first_token - words[s.first_token:s.end_token].count(0)
                        for s in parsed.sentences]
    for h in hits:
        if h.signal == "topic":
            columns[h.detail][h.sentence] += 1  # type: ignore[index]
        elif h.signal == "superlative" and h.kind == "quantifier":
            continue
        elif h.signal in _COUNTER_OF:
            columns[_COUNTER_OF[h.signal]][h.sentence] += 1
            if h.signal == "exclamation":
                columns["exclamation_marks"][h.sentence] += int(h.kind or 0)
    return columns


def _entity_blocks(columns: dict[str, list[int]], attribution: list[Attribution] | None,
                   config: Config) -> dict[str, dict[str, Any]]:
    """Entity -> its block (counters over its sentences), with the ``exclusive`` view (its
    sentences about it alone); topic shares are over the entities, view by view."""
    topics = config.topics.names
    entities = {}
    for name in config.entities.names:
        mine = [k for k, a in enumerate(attribution or ()) if name in a.entities]
        alone = [k for k in mine if len(attribution[k].entities) == 1]  # type: ignore[index]
        block = _block(columns, mine, topics)
        block["exclusive"] = _block(columns, alone, topics)
        entities[name] = block
    for view in (lambda e: e, lambda e: e["exclusive"]):
        _topic_shares([view(e) for e in entities.values()], topics)
    return entities


def _block(columns: dict[str, list[int]], rows: Any, topics: tuple[str, ...]) -> dict[str, Any]:
    """Counters summed over the sentence indexes ``rows``, with rates and topic densities."""
    if not rows:  # an entity the text never mentions: the common case in a corpus
        return {**dict.fromkeys(COUNTERS, 0), "per_100_words": dict.fromkeys(RATED),
                "topics": {t: {"words": 0, "density": None} for t in topics}}
    if isinstance(rows, range):
        block: dict[str, Any] = {c: sum(columns[c]) for c in COUNTERS}
    else:
        block = {c: sum(map(columns[c].__getitem__, rows)) for c in COUNTERS}
    words = block["words"]
    block["per_100_words"] = {c: (100 * block[c] / words if words else None) for c in RATED}
    block["topics"] = {}
    for t in topics:
        n = sum(columns[t]) if isinstance(rows, range) else sum(map(columns[t].__getitem__, rows))
        block["topics"][t] = {"words": n, "density": n / words if words else None}
    return block


def _topic_shares(blocks: list[dict[str, Any]], topics: tuple[str, ...]) -> None:
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


def _asymmetry(entities: dict[str, dict[str, Any]], config: Config) -> dict[str, Any]:
    """The pair's asymmetry per counter in the ``all`` view, with the ``exclusive`` view's."""
    if config.pair is None:
        return {"pair": None}
    a, b = (entities[n] for n in config.pair)
    result: dict[str, Any] = {"pair": list(config.pair), **_view_asymmetry(a, b, config)}
    result["exclusive"] = _view_asymmetry(a["exclusive"], b["exclusive"], config)
    return result


def _view_asymmetry(a: dict[str, Any], b: dict[str, Any], config: Config) -> dict[str, Any]:
    result: dict[str, Any] = {"sentences": asymmetry(a["sentences"], b["sentences"]),
                              "words": asymmetry(a["words"], b["words"])}
    for c in RATED:
        result[c] = asymmetry(a["per_100_words"][c], b["per_100_words"][c])
    result["topics"] = {t: asymmetry(a["topics"][t]["density"], b["topics"][t]["density"])
                        for t in config.topics.names}
    return result
