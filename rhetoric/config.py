"""One frozen configuration, passed explicitly to every stage (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .entities import EntitiesLike, Entity, EntitySet, TopicSet, TopicsLike, as_entities, as_topics, parse_inline
from .errors import ConfigError
from .lexicons import LexiconSources


@dataclass(frozen=True)
class Config:
    """What to measure and how.  Build one with :meth:`Config.make`; reuse it across texts.

    ``entities``/``topics``: the sets to look for (default Russia vs Ukraine, trade).
    ``carry``: let a pronoun carry the previous sentence's entity (see attribution).
    ``pair``: the two entities compared by the asymmetry (default: the first two).
    ``lexicons``: replacement or extra lexicon files.
    """

    entities: EntitySet
    topics: TopicSet
    carry: bool = True
    pair: tuple[str, str] | None = None
    lexicons: LexiconSources = field(default_factory=LexiconSources)

    def __post_init__(self) -> None:
        names = self.entities.names
        if len(set(names)) != len(names):
            raise ConfigError("entity names must be unique")
        if self.pair is not None:
            a, b = self.pair
            for name in self.pair:
                self.entities[name]  # raises ConfigError naming the entities
            if a == b:
                raise ConfigError(f"--pair needs two different entities, got {a!r} twice")
        elif len(names) >= 2:
            object.__setattr__(self, "pair", (names[0], names[1]))

    @classmethod
    def make(cls, entities: EntitiesLike = None, topics: TopicsLike = None, carry: bool = True,
             pair: tuple[str, str] | str | None = None, lexicons: LexiconSources | None = None) -> Config:
        """Build a Config from friendly values: paths, mappings, ``"A,B"`` pairs."""
        if isinstance(pair, str):
            parts = [p.strip() for p in pair.split(",")]
            if len(parts) != 2 or not all(parts):
                raise ConfigError(f"--pair {pair!r}: expected two entity names, e.g. Russia,Ukraine")
            pair = (parts[0], parts[1])
        return cls(as_entities(entities), as_topics(topics), carry, pair, lexicons or LexiconSources())


    @classmethod
    def from_options(cls, *, entities: str | None = None, inline_entities: list[str] | tuple[str, ...] = (),
                     topics: str | None = None, inline_topics: list[str] | tuple[str, ...] = (),
                     pair: str | None = None, carry: bool = True,
                     replace_lexicons: list[str] | tuple[str, ...] = (),
                     extend_lexicons: list[str] | tuple[str, ...] = ()) -> Config:
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
        return cls.make(entity_set, topic_set, carry, pair, sources)


def _name_path(spec: str, option: str) -> tuple[str, str]:
    name, sep, path = spec.partition("=")
    if not sep or not name or not path:
        raise ConfigError(f"{option} {spec!r}: expected NAME=PATH, e.g. intensifiers=my_words.tsv")
    return name.strip(), path.strip()


_DEFAULT: Config | None = None


def default_config() -> Config:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Config.make()
    return _DEFAULT
