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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from .asymmetry import asymmetry
from .attribution import Attribution, attribute
from .config import Config, default_config
from .entities import EntitiesLike, TopicsLike, entity_index, find_phrases, topic_index
from .errors import EmptyTextWarning, LanguageWarning, NoEntityWarning, RhetoricWarning
from .lexicons import load_lexicons
from .sentences import Parsed, Sentence, parse
from .signals import Hit
from .signals.caps import find_caps
from .signals.intensifiers import find_intensifiers
from .signals.punctuation import find_exclamations, find_scare_quotes
from .signals.superlatives import find_superlatives
from .signals.title_case import find_title_case
from .tokens import WORD_KINDS

#: Every counter, in display order.  ``sentences`` and ``words`` are the base.
COUNTERS = ("sentences", "words", "caps_words", "title_case_words", "superlatives", "intensifiers",
            "exclamations", "exclamation_marks", "scare_quotes")
#: Counters that get a rate per 100 words and an asymmetry on that rate.
RATED = COUNTERS[2:]
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


@dataclass(frozen=True)
class Measurement:
    """The result of measuring one text: counts, rates, asymmetry and the evidence behind them."""

    text: str
    config: Config
    words: int
    all_caps_text: bool
    sentence_list: tuple[Sentence, ...]
    attribution: tuple[Attribution, ...]
    entities: dict[str, dict[str, Any]]
    asymmetry: dict[str, Any]
    evidence: tuple[Evidence, ...]
    totals: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())

    @property
    def sentences(self) -> int:
        return len(self.sentence_list)

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
            "totals": self.totals,
            "evidence": [e.to_dict() for e in self.evidence],
            "warnings": list(self.warnings),
        }

    def flat(self) -> dict[str, Any]:
        """One flat row: ``russia_caps_words``, ``russia_caps_words_per_100_words``, ``asymmetry_caps_words``."""
        row: dict[str, Any] = {"words": self.words, "sentences": self.sentences, "all_caps_text": self.all_caps_text}
        for name, m in self.entities.items():
            row.update(_flat_entity(slug(name), m))
        for key, value in self.asymmetry.items():
            if key == "pair":
                continue
            if key == "topics":
                row.update({f"asymmetry_{t}_density": v for t, v in value.items()})
            else:
                row[f"asymmetry_{key}"] = value
        return row

    def to_frame(self, view: str = "all"):  # -> pandas.DataFrame
        """One row per entity (``view="exclusive"``: sentences about that entity alone)."""
        import pandas as pd

        rows = []
        for name, m in self.entities.items():
            block = m if view == "all" else m["exclusive"]
            row = {"entity": name, **_flat_entity("", block)}
            rows.append({k.lstrip("_"): v for k, v in row.items()})
        return pd.DataFrame(rows).set_index("entity")


def slug(name: str) -> str:
    """Column-safe lower-case name: ``"South Korea"`` -> ``"south_korea"``."""
    out = "".join(ch.lower() if ch.isalnum() else "_" for ch in name).strip("_")
    return out or "entity"


def _flat_entity(prefix: str, m: dict[str, Any]) -> dict[str, Any]:
    row = {f"{prefix}_{c}": m[c] for c in COUNTERS}
    row.update({f"{prefix}_{c}_per_100_words": m["per_100_words"][c] for c in RATED})
    for topic, values in m["topics"].items():
        row.update({f"{prefix}_{topic}_{k}": v for k, v in values.items()})
    return row


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
    from dataclasses import replace

    from .text import read_text

    doc = read_text(path, encoding)
    m = measure_text(doc.text, config or default_config())
    return replace(m, warnings=doc.warnings + m.warnings)


def measure_text(text: str, config: Config) -> Measurement:
    """The per-document function, without emitting warnings (batch runs record them instead)."""
    return measure_parsed(text, config)[0]


def measure_parsed(text: str, config: Config) -> tuple[Measurement, Parsed]:
    """:func:`measure_text` and the tokens and sentences it read, for callers that need both
    (keyness counts words per entity) without tokenizing twice."""
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    lex, features, entity_phrases, topic_phrases = _prepared(config)
    parsed = parse(text)
    found = _candidates(parsed, features)
    upper = found["upper"]
    all_caps, hits = find_caps(parsed, lex, upper)
    hits += find_title_case(parsed, lex, upper)
    hits += find_superlatives(parsed, lex, found[_SUPERLATIVE])
    hits += find_intensifiers(parsed, lex, found[_INTENSIFIER])
    hits += find_exclamations(parsed)
    hits += find_scare_quotes(parsed)
    topic_hits = find_phrases(text, parsed.tokens, parsed.norms, topic_phrases, found[_TOPIC])
    hits += [Hit("topic", m.text, m.start, m.end, parsed.sentence_of[m.first_token], None, m.name)
             for m in topic_hits]
    mentions = find_phrases(text, parsed.tokens, parsed.norms, entity_phrases, found[_ENTITY])
    attribution = attribute(parsed, mentions, config.entities, config.carry)
    return _assemble(parsed, config, all_caps, hits, attribution, lex), parsed


_SUPERLATIVE, _INTENSIFIER, _ENTITY, _TOPIC = 1, 2, 4, 8


_PREPARED: dict[int, tuple[Config, Any]] = {}


def _prepared(config: Config) -> tuple[Any, dict[str, int], Any, Any]:
    """Lexicons, feature dictionary and phrase indexes of a config, cached by identity:
    hashing a Config (nested tuples) on every document would cost more than measuring."""
    cached = _PREPARED.get(id(config))
    if cached is None or cached[0] is not config:
        if len(_PREPARED) > 32:
            _PREPARED.clear()
        prepared = (load_lexicons(config.lexicons), _features(config), entity_index(config.entities),
                    topic_index(config.topics))
        cached = _PREPARED[id(config)] = (config, prepared)
    return cached[1]


@lru_cache(maxsize=16)
def _features(config: Config) -> dict[str, int]:
    """One dictionary for the single lookup per token: word -> which detectors start there."""
    lex = load_lexicons(config.lexicons)
    features: dict[str, int] = {}
    for words, flag in ((lex.superlatives, _SUPERLATIVE), (("most", "least"), _SUPERLATIVE),
                        (lex.intensifiers, _INTENSIFIER), (entity_index(config.entities), _ENTITY),
                        (topic_index(config.topics), _TOPIC)):
        for word in words:
            features[word] = features.get(word, 0) | flag
    return features


def _candidates(parsed: Parsed, features: dict[str, int]) -> dict[Any, list[int]]:
    """Token indexes where each detector may start: one dictionary lookup per token."""
    found: dict[Any, list[int]] = {_SUPERLATIVE: [], _INTENSIFIER: [], _ENTITY: [], _TOPIC: []}
    get = features.get
    for i, norm in enumerate(parsed.norms):
        flags = get(norm)
        if flags:
            for flag in (_SUPERLATIVE, _INTENSIFIER, _ENTITY, _TOPIC):
                if flags & flag:
                    found[flag].append(i)
        elif len(norm) > 3 and norm[-1] == norm[-2] == norm[-3]:
            found[_INTENSIFIER].append(i)  # a stretched word: "sooo"
    found["upper"] = [i for i, t in enumerate(parsed.tokens) if t.text[0].isupper()]
    return found


def _assemble(parsed: Parsed, config: Config, all_caps: bool, hits: list[Hit],
              attribution: list[Attribution], lex: Any) -> Measurement:
    topics = config.topics.names
    columns = _per_sentence(parsed, hits, topics)
    everything = range(len(parsed.sentences))
    topic_totals = {t: sum(columns[t]) for t in topics}
    entities = {}
    for name in config.entities.names:
        mine = [k for k, a in enumerate(attribution) if name in a.entities]
        alone = [k for k in mine if len(attribution[k].entities) == 1]
        block = _block(columns, mine, topics, topic_totals)
        block["exclusive"] = _block(columns, alone, topics, topic_totals)
        entities[name] = block
    totals = _block(columns, everything, topics, topic_totals)
    hits.sort(key=lambda h: (h.start, h.end))
    evidence = tuple(
        Evidence(h.signal, h.text, h.start, h.end, h.sentence, attribution[h.sentence].entities,
                 attribution[h.sentence].via, h.kind, h.detail)
        for h in hits)
    words = totals["words"]
    notes = []
    if words == 0:
        notes.append("empty text: no words, so every count is zero and every rate undefined")
    elif words >= NON_ENGLISH_MIN_WORDS and _english_share(parsed, lex) < NON_ENGLISH_SHARE:
        notes.append(f"the text may not be English (under {100 * NON_ENGLISH_SHARE:.0f}% of its words are in "
                     "the English dictionary); it was measured with the English lexicons")
    if words and not any(a.entities for a in attribution):
        searched = "; ".join(f"{e.name}: {', '.join(a for a, _ in e.aliases)}" for e in config.entities.entities)
        notes.append(f"no sentence mentions any entity (searched {searched})")
    return Measurement(parsed.text, config, words, all_caps, tuple(parsed.sentences), tuple(attribution),
                       entities, _asymmetry(entities, config), evidence, totals, tuple(notes))


#: A text of at least this many words with fewer than this share in the English dictionary
#: gets a warning.  English posts score 0.8-0.95 (names, hashtags and typos are the rest);
#: Russian, Ukrainian or German posts score under 0.2.
NON_ENGLISH_MIN_WORDS = 8
NON_ENGLISH_SHARE = 0.4


def _english_share(parsed: Parsed, lex: Any) -> float:
    words = [n for t, n in zip(parsed.tokens, parsed.norms, strict=True) if t.kind == "word"][:60]
    if not words:
        return 1.0
    known = sum(1 for w in words if w in lex.lower_words or w in lex.proper_words or w.upper() in lex.acronyms)
    return known / len(words)


def _per_sentence(parsed: Parsed, hits: list[Hit], topics: tuple[str, ...]) -> dict[str, list[int]]:
    """Counter -> its value in each sentence (columns rather than rows: summed with C loops)."""
    n = len(parsed.sentences)
    is_word = [t.kind in WORD_KINDS for t in parsed.tokens]
    columns: dict[str, list[int]] = {c: [0] * n for c in (*RATED, *topics)}
    columns["sentences"] = [1] * n
    columns["words"] = [sum(is_word[s.first_token:s.end_token]) for s in parsed.sentences]
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


def _block(columns: dict[str, list[int]], rows: Any, topics: tuple[str, ...],
           topic_totals: dict[str, int]) -> dict[str, Any]:
    """Counters summed over the sentence indexes ``rows``, with rates and topic shares."""
    if not rows:  # an entity the text never mentions: the common case in a corpus
        return {**dict.fromkeys(COUNTERS, 0), "per_100_words": dict.fromkeys(RATED),
                "topics": {t: {"words": 0, "share": 0.0 if topic_totals[t] else None, "density": None}
                           for t in topics}}
    if isinstance(rows, range):
        block: dict[str, Any] = {c: sum(columns[c]) for c in COUNTERS}
    else:
        block = {c: sum(map(columns[c].__getitem__, rows)) for c in COUNTERS}
    words = block["words"]
    block["per_100_words"] = {c: (100 * block[c] / words if words else None) for c in RATED}
    block["topics"] = {}
    for t in topics:
        n = sum(columns[t]) if isinstance(rows, range) else sum(map(columns[t].__getitem__, rows))
        block["topics"][t] = {"words": n,
                              "share": n / topic_totals[t] if topic_totals[t] else None,
                              "density": n / words if words else None}
    return block


def _asymmetry(entities: dict[str, dict[str, Any]], config: Config) -> dict[str, Any]:
    if config.pair is None:
        return {"pair": None}
    a, b = (entities[n] for n in config.pair)
    result: dict[str, Any] = {"pair": list(config.pair)}
    result["sentences"] = asymmetry(a["sentences"], b["sentences"])
    result["words"] = asymmetry(a["words"], b["words"])
    for c in RATED:
        result[c] = asymmetry(a["per_100_words"][c], b["per_100_words"][c])
    result["topics"] = {t: asymmetry(a["topics"][t]["density"], b["topics"][t]["density"])
                        for t in config.topics.names}
    return result
