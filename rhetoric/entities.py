"""Entity and topic sets (TOML or inline), and finding their mentions in tokens.

An entity has aliases of four kinds (``country``, ``leader``, ``people``,
``other``) that tell attribution which pronouns can refer back to it.  A topic
is a list of words and phrases.  Both are matched the same way: token by token,
case-insensitively, possessive endings removed, longest alias first, one
dictionary lookup per token.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import ConfigError
from .lexicons import load_places, read_config_file
from .tokens import normalize, tokenize

if TYPE_CHECKING:
    from .sentences import Parsed

ALIAS_KINDS = ("country", "leader", "people", "other")
#: The kind of a phrase that contains an alias but is no mention of the entity ("Russia Hoax",
#: with ``exclude = [...]``): matched like an alias, longest first, then dropped.
EXCLUDED = "excluded"


@dataclass(frozen=True)
class Entity:
    name: str
    aliases: tuple[tuple[str, str], ...]  # (alias, kind)
    colour: str | None = None


@dataclass(frozen=True)
class EntitySet:
    entities: tuple[Entity, ...]
    origin: str = "default"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.entities)

    def __getitem__(self, name: str) -> Entity:
        for entity in self.entities:
            if entity.name == name:
                return entity
        raise ConfigError(f"no entity named {name!r}; entities are {', '.join(self.names)}")


@dataclass(frozen=True)
class TopicSet:
    topics: tuple[tuple[str, tuple[str, ...]], ...]  # (name, words)
    origin: str = "default"
    #: (name, phrases) with a word of the topic that are not about it ("rebuild our military"):
    #: matched like the topic's words, longest first, then dropped
    exclude: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.topics)


class Mention(NamedTuple):
    """One alias (entity) or topic word found in the text."""

    name: str      # entity or topic name
    kind: str      # alias kind, or "topic"
    text: str
    start: int
    end: int
    first_token: int
    end_token: int


# -- loading -----------------------------------------------------------------

def _load_toml(text: str, origin: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{origin}: not valid TOML: {exc}") from None


def _read(path: str | Path) -> str:

    return read_config_file(path)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{where}: expected a list of non-empty strings")
    return tuple(v.strip() for v in value)


def parse_entities(text: str, origin: str = "<entities>") -> EntitySet:
    """Parse an entity TOML document (see ``lexicons/entities.toml``)."""
    table = _load_toml(text, origin).get("entities")
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{origin}: needs [entities.NAME] tables, e.g. [entities.China] country = [\"China\"]")
    entities = []
    for name, spec in table.items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{origin}: entities.{name} must be a table")
        unknown = set(spec) - set(ALIAS_KINDS) - {"colour", "color", "aliases", "exclude"}
        if unknown:
            raise ConfigError(f"{origin}: entities.{name}: unknown key(s) {', '.join(sorted(unknown))}; "
                              f"use {', '.join(ALIAS_KINDS)}, aliases, exclude, colour")
        aliases = [(a, infer_kind(a, name)) for a in _strings(spec.get("aliases", []),
                                                               f"{origin}: entities.{name}.aliases")]
        for kind in ALIAS_KINDS:
            aliases += [(a, kind) for a in _strings(spec.get(kind, []), f"{origin}: entities.{name}.{kind}")]
        if not aliases:
            raise ConfigError(f"{origin}: entities.{name} has no aliases")
        aliases += [(a, EXCLUDED) for a in _strings(spec.get("exclude", []), f"{origin}: entities.{name}.exclude")]
        colour = spec.get("colour", spec.get("color"))
        if colour is not None and not isinstance(colour, str):
            raise ConfigError(f"{origin}: entities.{name}.colour must be a string like \"#0072B2\"")
        entities.append(Entity(name, tuple(aliases), colour))
    return EntitySet(tuple(entities), origin)


def parse_topics(text: str, origin: str = "<topics>") -> TopicSet:
    """Parse a topic TOML document (see ``lexicons/topics.toml``)."""
    table = _load_toml(text, origin).get("topics")
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{origin}: needs [topics.NAME] tables with words = [...]")
    topics, exclude = [], []
    for name, spec in table.items():
        words = spec.get("words") if isinstance(spec, dict) else spec
        topics.append((name, _strings(words, f"{origin}: topics.{name}.words")))
        if isinstance(spec, dict):
            unknown = set(spec) - {"words", "exclude"}
            if unknown:
                raise ConfigError(f"{origin}: topics.{name}: unknown key(s) {', '.join(sorted(unknown))}; "
                                  "use words, exclude")
            if "exclude" in spec:
                exclude.append((name, _strings(spec["exclude"], f"{origin}: topics.{name}.exclude")))
    return TopicSet(tuple(topics), origin, tuple(exclude))


def parse_inline(spec: str, what: str = "entity") -> tuple[str, tuple[tuple[str, str], ...]]:
    """``"China=China,Chinese,leader:Xi"`` -> ("China", (("China", "country"), ("Chinese", "other"),
    ("Xi", "leader"))): an alias without a ``kind:`` prefix gets the kind :func:`infer_kind` reads
    from it, as in an entity file's ``aliases = [...]``."""
    name, sep, rest = spec.partition("=")
    if not sep or not name.strip() or not rest.strip():
        raise ConfigError(f"--{what} {spec!r}: expected NAME=alias,alias,... (e.g. \"China=China,Beijing,leader:Xi\")")
    aliases = []
    for item in rest.split(","):
        kind, colon, alias = item.strip().partition(":")
        if colon and kind in (*ALIAS_KINDS, EXCLUDED) and what == "entity":
            aliases.append((alias.strip(), kind))
        elif item.strip():
            aliases.append((item.strip(), infer_kind(item.strip(), name.strip()) if what == "entity" else "topic"))
    return name.strip(), tuple(aliases)


#: Last words that make an alias a group of people: "they" refers back to it.
_PEOPLE_WORDS = frozenset("people peoples citizens nationals troops soldiers forces".split())
#: First words that make an alias a person: "he" or "she" refers back to it.
_PERSON_TITLES = frozenset("""president prime minister chancellor premier king queen prince princess emperor sultan
ayatollah pope general secretary senator governor leader chairman mr mrs ms dr sir""".split())
#: Endings of demonyms: the adjective (Russian, Chinese, Israeli) is never carried by a pronoun,
#: the plural (Russians, Israelis) is a people.
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "an", "i")
_PLURAL_ENDINGS = ("ians", "eans", "ans", "ites", "is")


def infer_kind(alias: str, entity: str) -> str:
    """The kind of an alias given without one (``--entity NAME=a,b`` or ``aliases = [...]``),
    by its form, so that pronouns carry as a reader expects:

    * ``country`` (it, its): the entity's own name, and places (``lexicons/places.tsv``:
      countries, capitals, cities, regions, seats of government such as the Kremlin);
    * ``people`` (they): a group ("Chinese people", "Russian troops") or a plural demonym
      ("Russians", "Israelis");
    * ``other`` (no pronoun): an adjective demonym ("Russian", "Chinese", "Israeli"), or an
      alias not written as a name;
    * ``leader`` (he, she): a title and a name ("President Xi"), and any other name ("Putin",
      "Vladimir Putin", "Xi").

    >>> [infer_kind(a, "Russia") for a in ("Russia", "Moscow", "Kremlin", "Putin", "Russians", "Russian")]
    ['country', 'country', 'country', 'leader', 'people', 'other']
    """

    words = alias.split()
    lower = [w.lower() for w in words]
    if alias.lower() == entity.lower() or alias.lower() in load_places():
        return "country"
    if lower[-1] in _PEOPLE_WORDS:
        return "people"
    if lower[0] in _PERSON_TITLES:
        return "leader"
    if len(words) == 1 and len(alias) >= 5 and alias[0].isupper():
        if lower[0].endswith(_PLURAL_ENDINGS) and not lower[0].endswith("ss"):
            return "people"
        if lower[0].endswith(_ADJECTIVE_ENDINGS):
            return "other"
    if all(w[:1].isupper() for w in words):
        return "leader"
    return "other"


@lru_cache(maxsize=1)
def default_entities() -> EntitySet:
    text = resources.files("rhetoric.lexicons").joinpath("entities.toml").read_text(encoding="utf-8")
    return parse_entities(text, "default")


@lru_cache(maxsize=1)
def default_topics() -> TopicSet:
    text = resources.files("rhetoric.lexicons").joinpath("topics.toml").read_text(encoding="utf-8")
    return parse_topics(text, "default")


EntitiesLike = EntitySet | str | Path | Mapping[str, Sequence[str]] | None
TopicsLike = TopicSet | str | Path | Mapping[str, Sequence[str]] | None


def as_entities(value: EntitiesLike) -> EntitySet:
    """Accept an EntitySet, a TOML path, or a mapping {name: [aliases]} (kinds as :func:`infer_kind` reads them)."""
    if value is None:
        return default_entities()
    if isinstance(value, EntitySet):
        return value
    if isinstance(value, (str, Path)):
        return parse_entities(_read(value), str(value))
    entities = tuple(Entity(str(k), tuple((a, infer_kind(a, str(k))) for a in _strings(list(v), str(k))))
                     for k, v in value.items())
    if not entities:
        raise ConfigError("entities: the mapping is empty")
    return EntitySet(entities, "mapping")


def as_topics(value: TopicsLike) -> TopicSet:
    if value is None:
        return default_topics()
    if isinstance(value, TopicSet):
        return value
    if isinstance(value, (str, Path)):
        return parse_topics(_read(value), str(value))
    return TopicSet(tuple((str(k), _strings(list(v), str(k))) for k, v in value.items()), "mapping")


# -- matching ----------------------------------------------------------------

PhraseIndex = dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]  # first word -> (words, name, kind)


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(t.text) for t in tokenize(phrase))


def build_index(entries: Iterable[tuple[str, str, str]]) -> PhraseIndex:
    """Index (phrase, name, kind) entries by their first normalized token, longest first."""
    index: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for phrase, name, kind in entries:
        words = _phrase_tokens(phrase)
        if words:
            index.setdefault(words[0], []).append((words, name, kind))
    return {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in index.items()}


@lru_cache(maxsize=32)
def entity_index(entities: EntitySet) -> PhraseIndex:
    return build_index((alias, e.name, kind) for e in entities.entities for alias, kind in e.aliases)


@lru_cache(maxsize=32)
def topic_index(topics: TopicSet) -> PhraseIndex:
    return build_index([*((word, name, "topic") for name, words in topics.topics for word in words),
                        *((phrase, name, EXCLUDED) for name, phrases in topics.exclude for phrase in phrases)])


def find_phrases(parsed: Parsed, index: PhraseIndex, starts: list[int] | None = None,
                 hyphen_parts: bool = False) -> list[Mention]:
    """Every non-overlapping match of the index in the tokens, left to right (``starts``:
    the only token indexes where a match may begin; default: every token).  With
    ``hyphen_parts``, a hyphenated word that is no phrase itself is searched part by part for
    one-word phrases: "the Russia-Ukraine war" names both, "pro-Russia" and "anti-Putin" one;
    so is a hashtag without its "#" ("#Russia")."""
    toks, ends, text = parsed.toks, parsed.ends, parsed.text
    found = []
    covered = -1
    for i in range(len(toks)) if starts is None else starts:
        if i <= covered:
            continue
        for words, name, kind in index.get(toks[i].norm, ()):
            k = len(words)
            if k == 1 or tuple(t.norm for t in toks[i:i + k]) == words:
                start, end = ends[i] - len(toks[i].text), ends[i + k - 1]
                found.append(Mention(name, kind, text[start:end], start, end, i, i + k))
                covered = i + k - 1
                break
        else:  # no phrase starts here: the parts of a hyphenated word or a hashtag
            if hyphen_parts and ("-" in toks[i].norm or toks[i].kind == "hashtag"):
                found += _hyphen_parts(parsed, index, i)
    return found


def _hyphen_parts(parsed: Parsed, index: PhraseIndex, i: int) -> list[Mention]:
    """The one-word phrases among the parts of hyphenated word (or hashtag) ``i``, with their
    own offsets."""
    tok = parsed.toks[i]
    at = parsed.ends[i] - len(tok.text)
    body = tok.text
    if tok.kind == "hashtag":
        at, body = at + 1, body[1:]
    found = []
    for part in body.split("-"):
        match = next(((name, kind) for words, name, kind in index.get(normalize(part), ()) if len(words) == 1), None)
        if match:
            found.append(Mention(match[0], match[1], part, at, at + len(part), i, i + 1))
        at += len(part) + 1
    return found
