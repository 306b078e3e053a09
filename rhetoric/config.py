"""One frozen configuration, passed explicitly to every stage (no globals); ``prepare()``
makes the :class:`~rhetoric.pipeline.Pipeline` that measures texts with it."""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities import EntitiesLike, Entity, EntitySet, TopicSet, TopicsLike, as_entities, as_topics, parse_inline
from .errors import ConfigError
from .lexicons import LexiconSources
from .pipeline import Pipeline
from .schema import Schema, slug
from .signals import REGISTRY, Signal


@dataclass(frozen=True)
class Config:
    """What to measure and how.  Build one with :meth:`Config.make`; reuse it across texts.

    ``entities``/``topics``: the sets to look for (default Russia vs Ukraine, trade).
    ``carry``: let a pronoun carry the previous sentence's entity (see attribution).
    ``pair``: the two entities compared by the asymmetry (default: the first two).
    ``lexicons``: replacement or extra lexicon files.
    ``signals``: the signals to find (default: :data:`rhetoric.signals.REGISTRY`).
    """

    entities: EntitySet
    topics: TopicSet
    carry: bool = True
    pair: tuple[str, str] | None = None
    lexicons: LexiconSources = field(default_factory=LexiconSources)
    signals: tuple[Signal, ...] = REGISTRY
    #: count someone else's words too (reposts, pasted tweets, quotations: rhetoric.voices);
    #: by default only the author's own words are counted
    include_quoted: bool = False

    def __post_init__(self) -> None:
        names = self.entities.names
        if len(set(names)) != len(names):
            raise ConfigError("entity names must be unique")
        if len({slug(n) for n in names}) != len(names):
            raise ConfigError(f"entity names {', '.join(names)}: two of them make the same column name")
        counters = {c.name for s in self.signals for c in s.counters} | {"sentences", "words"}
        for topic in self.topics.names:
            if f"{topic}_words" in counters or not topic.strip():
                raise ConfigError(f"topic {topic!r}: its columns would clash with a counter; choose another name")
        if self.pair is not None:
            a, b = self.pair
            for name in self.pair:
                self.entities[name]  # raises ConfigError naming the entities
            if a == b:
                raise ConfigError(f"--pair needs two different entities, got {a!r} twice")
        elif len(names) >= 2:
            object.__setattr__(self, "pair", (names[0], names[1]))
        columns = Schema.of(self).flat_columns()
        if len(set(columns)) != len(columns):  # an entity named "Caps" would write caps_words twice
            twice = sorted({c for c in columns if columns.count(c) > 1})
            raise ConfigError(f"the entities and topics make a column twice ({', '.join(twice[:5])}); "
                              "rename the entity or topic")

    def prepare(self) -> Pipeline:
        """The pipeline of this configuration (lexicons, token memo, indexes, schema): make it once
        and measure many texts with it."""
        return Pipeline(self)

    @classmethod
    def make(cls, entities: EntitiesLike = None, topics: TopicsLike = None, carry: bool = True,
             pair: tuple[str, str] | str | None = None, lexicons: LexiconSources | None = None,
             signals: tuple[Signal, ...] = REGISTRY, include_quoted: bool = False) -> Config:
        """Build a Config from friendly values: paths, mappings, ``"A,B"`` pairs."""
        if isinstance(pair, str):
            pair = parse_pair(pair)
        return cls(as_entities(entities), as_topics(topics), carry, pair, lexicons or LexiconSources(),
                   tuple(signals), include_quoted)


    @classmethod
    def from_options(cls, *, entities: str | None = None, inline_entities: list[str] | tuple[str, ...] = (),
                     topics: str | None = None, inline_topics: list[str] | tuple[str, ...] = (),
                     pair: str | None = None, carry: bool = True,
                     replace_lexicons: list[str] | tuple[str, ...] = (),
                     extend_lexicons: list[str] | tuple[str, ...] = (), include_quoted: bool = False) -> Config:
        """Build a Config from command-line style strings (what the CLI passes)."""
        entity_set = as_entities(entities) if entities or not inline_entities else None
        if inline_entities:
            extra = tuple(Entity(name, aliases) for name, aliases in (parse_inline(s) for s in inline_entities))
            base = entity_set.entities if entity_set else ()
            entity_set = EntitySet(base + extra, "inline")
        topic_set = as_topics(topics) if topics or not inline_topics else None
        if inline_topics:
            extra_topics = tuple((name, tuple(a for a, _ in aliases))
                                 for name, aliases in (parse_inline(s, "topic") for s in inline_topics))
            topic_set = TopicSet((topic_set.topics if topic_set else ()) + extra_topics, "inline")
        sources = LexiconSources(tuple(_name_path(s, "--lexicon") for s in replace_lexicons),
                                 tuple(_name_path(s, "--add-lexicon") for s in extend_lexicons))
        return cls.make(entity_set, topic_set, carry, pair, sources, include_quoted=include_quoted)


def _name_path(spec: str, option: str) -> tuple[str, str]:
    name, sep, path = spec.partition("=")
    if not sep or not name or not path:
        raise ConfigError(f"{option} {spec!r}: expected NAME=PATH, e.g. intensifiers=my_words.tsv")
    return name.strip(), path.strip()


def parse_pair(pair: str) -> tuple[str, str]:
    """``"Russia,Ukraine"`` -> ``("Russia", "Ukraine")``."""
    parts = [p.strip() for p in pair.split(",")]
    if len(parts) != 2 or not all(parts):
        raise ConfigError(f"--pair {pair!r}: expected two entity names, e.g. Russia,Ukraine")
    return parts[0], parts[1]
