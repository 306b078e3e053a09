"""Lexicons: data files shipped in this folder, loaded once, replaceable per call.

Each lexicon is a UTF-8 TSV file with a header row and a ``source`` column that
says where every entry comes from (see ``README.md`` here for provenance and
licences).  :class:`LexiconSources` names the files to read instead of, or in
addition to, the packaged ones; :func:`load_lexicons` reads them once per
distinct set of sources and returns an immutable :class:`Lexicons`.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import ConfigError
from ..version import __version__

#: Lexicon name -> (packaged file, required columns).  The first column is the key.
LEXICONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "words": ("words.tsv", ("word", "source")),
    "acronyms": ("acronyms.tsv", ("term", "source")),
    "superlatives": ("superlatives.tsv", ("form", "kind", "source")),
    "adjectives": ("adjectives.tsv", ("word", "pos", "source")),
    "intensifiers": ("intensifiers.tsv", ("term", "kind", "source")),
    "titles": ("titles.tsv", ("word", "source")),
}

SUPERLATIVE_KINDS = frozenset({"inflected", "irregular"})
INTENSIFIER_KINDS = frozenset({"intensifier", "hyperbole"})
INTENSIFIER_CONTEXTS = frozenset({"", "before_adjective", "not_after_hedge"})
_FIRST_COLUMN = re.compile(r"^([^\t\n]+)", re.M)
#: Longest entry accepted from a user lexicon, in characters.  Entries are matched
#: token by token (never compiled into a pattern), so length only bounds memory.
MAX_ENTRY_CHARS = 100


@dataclass(frozen=True)
class LexiconSources:
    """Files to read: ``replace`` swaps a packaged lexicon, ``extend`` adds rows to it."""

    replace: tuple[tuple[str, str], ...] = ()
    extend: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        for name, _ in self.replace + self.extend:
            if name not in LEXICONS:
                raise ConfigError(f"unknown lexicon {name!r}; choose one of {', '.join(LEXICONS)}")


Intensifier = tuple[tuple[str, ...], str, str]  # (words, kind, context)


@dataclass(frozen=True)
class Lexicons:
    """Every lexicon, in the shapes the detectors look words up in."""

    lower_words: frozenset[str]
    proper_words: frozenset[str]
    acronyms: frozenset[str]
    superlatives: dict[str, str]
    adjectives: dict[str, frozenset[str]]
    intensifiers: dict[str, tuple[Intensifier, ...]]
    titles: frozenset[str]
    fingerprints: dict[str, str] = field(default_factory=dict)


def _packaged(filename: str) -> str:
    return resources.files(__package__).joinpath(filename).read_text(encoding="utf-8")


def read_tsv(text: str, columns: tuple[str, ...], origin: str, check: bool = True) -> list[dict[str, str]]:
    """Parse TSV ``text`` into rows; a malformed row raises ConfigError naming file and line.

    ``check=False`` skips the per-entry checks (used for the packaged files, which
    the test suite checks once).
    """
    lines = text.split("\n")
    header = lines[0].rstrip("\r").split("\t")
    missing = [c for c in columns if c not in header]
    if missing:
        raise ConfigError(f"{origin}:1: header lacks column(s) {', '.join(missing)} "
                          f"(expected {' '.join(columns)}, tab-separated)")
    width = len(header)
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line or line.isspace():
            continue
        cells = line.rstrip("\r").split("\t")
        if len(cells) != width:
            if len(cells) > width:
                raise ConfigError(f"{origin}:{number}: {len(cells)} cells, header has {width}")
            cells += [""] * (width - len(cells))
        row = dict(zip(header, cells, strict=False))
        if check:
            _check_entry(row[columns[0]], origin, number)
        rows.append(row)
    return rows


def _check_entry(entry: str, origin: str, number: int) -> None:
    if not entry.strip():
        raise ConfigError(f"{origin}:{number}: empty entry")
    if len(entry) > MAX_ENTRY_CHARS:
        raise ConfigError(f"{origin}:{number}: entry longer than {MAX_ENTRY_CHARS} characters")
    if any(ch < " " or ch == "\x7f" for ch in entry):
        raise ConfigError(f"{origin}:{number}: entry contains control characters; "
                          "lexicon entries are plain words or phrases")


def _texts(name: str, sources: LexiconSources) -> list[tuple[str, str, bool]]:
    """(text, origin, is_user_file) for each file making up lexicon ``name``."""
    filename, _ = LEXICONS[name]
    replaced = [(_read_user(p), p, True) for n, p in sources.replace if n == name]
    texts = replaced or [(_packaged(filename), f"lexicons/{filename}", False)]
    return texts + [(_read_user(p), p, True) for n, p in sources.extend if n == name]


def _rows(name: str, sources: LexiconSources) -> tuple[list[dict[str, str]], str]:
    columns = LEXICONS[name][1]
    digest = hashlib.sha256()
    rows: list[dict[str, str]] = []
    for text, origin, user in _texts(name, sources):
        digest.update(text.encode("utf-8"))
        rows += read_tsv(text, columns, origin, check=user)
    return rows, digest.hexdigest()[:12]


def _words(sources: LexiconSources) -> tuple[list[str], str]:
    """The dictionary's first column only: 75,000 rows, read without building dicts."""
    digest = hashlib.sha256()
    words: list[str] = []
    for text, origin, user in _texts("words", sources):
        digest.update(text.encode("utf-8"))
        if user:
            words += [row["word"] for row in read_tsv(text, LEXICONS["words"][1], origin)]
        else:
            words += _FIRST_COLUMN.findall(text)[1:]
    return words, digest.hexdigest()[:12]


def read_config_file(path: str | Path, what: str = "file") -> str:
    """A user's entity, topic or lexicon file as text; ConfigError naming it when unreadable."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(f"{path}: {what} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read {what} ({exc})") from None


def _read_user(path: str) -> str:
    return read_config_file(path, "lexicon file")


#: Bump when the shape of :class:`Lexicons` changes, to invalidate cached copies.
CACHE_FORMAT = 3


def load_lexicons(sources: LexiconSources | None = None) -> Lexicons:
    """Read every lexicon once for this set of sources (``None``: the packaged ones)."""
    return _load(sources or LexiconSources())


@lru_cache(maxsize=8)
def _load(sources: LexiconSources) -> Lexicons:
    """Parsing the 75,000-word dictionary costs about 150 ms, half a short command's
    run, so the parsed lexicons are cached with :mod:`marshal` in
    ``$RHETORIC_CACHE_DIR`` (or ``~/.cache/rhetoric``).  The cache key covers each
    source file's path, size and modification time and the package version, so an
    edited lexicon is never served stale; an unwritable cache is skipped.
    """
    import marshal


    files = [_packaged_path(filename) for filename, _ in LEXICONS.values()]
    files += [Path(p) for _, p in sources.replace + sources.extend]
    digest = hashlib.sha256(f"{CACHE_FORMAT} {__version__} {sources!r}".encode())
    for path in files:
        try:
            stat = path.stat()
            digest.update(f"\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"\0{path}\0missing".encode())
    cache = _cache_dir() / f"lexicons-{digest.hexdigest()[:20]}.marshal"
    try:
        return _from_plain(marshal.loads(cache.read_bytes()))
    except Exception:  # a missing, partial or foreign cache file is rebuilt
        pass
    lexicons = _build(sources)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(_to_plain(lexicons)))
        os.replace(tmp, cache)
    except OSError:
        pass
    return lexicons


def _packaged_path(filename: str) -> Path:
    return Path(str(resources.files(__package__).joinpath(filename)))


def _to_plain(lex: Lexicons) -> tuple:
    """Lexicons as built-in types only (what marshal can store)."""
    return (lex.lower_words, lex.proper_words, lex.acronyms, lex.superlatives,
            {w: " ".join(sorted(p)) for w, p in lex.adjectives.items()},
            lex.intensifiers, lex.titles, lex.fingerprints)


def _from_plain(plain: tuple) -> Lexicons:
    lower, proper, acronyms, superlatives, adjectives, intensifiers, titles, fingerprints = plain
    pos_sets: dict[str, frozenset[str]] = {}
    return Lexicons(lower, proper, acronyms, superlatives,
                    {w: pos_sets.setdefault(p, frozenset(p.split())) for w, p in adjectives.items()},
                    intensifiers, titles, fingerprints)


def _cache_dir() -> Path:
    configured = os.environ.get("RHETORIC_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "rhetoric"


def _build(sources: LexiconSources) -> Lexicons:
    fingerprints = {}
    table = {}
    for name in LEXICONS:
        if name != "words":
            table[name], fingerprints[name] = _rows(name, sources)
    words, fingerprints["words"] = _words(sources)
    lower = {w for w in words if w.islower()}
    caps = {w for w in words if w.isupper()}
    proper = {w.lower() for w in words if w[:1].isupper() and not w.isupper()}
    # SCOWL lists NOW, ACT, SO, ME in capitals as acronyms; in posts those are far more
    # often shouted ordinary words, so a SCOWL-only acronym that is also an ordinary
    # lower-case word is not treated as an acronym.  Curated rows (source "project: ...")
    # such as US, WHO, ICE stay acronyms and are resolved by context in signals/caps.py.
    acronyms = {w for w in caps if w.lower() not in lower}
    for row in table["acronyms"]:
        term = row["term"]
        term = term[:-1] if len(term) > 2 and term.endswith("s") and term[:-1].isupper() else term
        if not (row["source"].startswith("scowl") and term.lower() in lower):
            acronyms.add(term.upper())
    superlatives = {}
    for row in table["superlatives"]:
        _expect(row["kind"], SUPERLATIVE_KINDS, "superlatives kind")
        superlatives[row["form"].lower()] = row["kind"]
    pos_sets: dict[str, frozenset[str]] = {}
    adjectives = {row["word"].lower(): pos_sets.setdefault(row["pos"], frozenset(row["pos"].split()))
                  for row in table["adjectives"]}
    intensifiers: dict[str, list[Intensifier]] = {}
    for row in table["intensifiers"]:
        _expect(row["kind"], INTENSIFIER_KINDS, "intensifiers kind")
        context = row.get("context", "")
        _expect(context, INTENSIFIER_CONTEXTS, "intensifiers context")
        phrase = tuple(row["term"].lower().split())
        intensifiers.setdefault(phrase[0], []).append((phrase, row["kind"], context))
    return Lexicons(
        lower_words=frozenset(lower),
        proper_words=frozenset(proper),
        acronyms=frozenset(acronyms),
        superlatives=superlatives,
        adjectives=adjectives,
        intensifiers={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in intensifiers.items()},
        titles=frozenset(row["word"].lower() for row in table["titles"]),
        fingerprints=fingerprints,
    )


def _expect(value: str, allowed: frozenset[str], what: str) -> None:
    if value not in allowed:
        raise ConfigError(f"{what} {value!r} is not one of {', '.join(sorted(allowed))}")


@lru_cache(maxsize=1)
def load_abbreviations() -> frozenset[str]:
    """Single-dot abbreviations (Mr., Jan.) the tokenizer keeps whole; packaged only."""
    rows = read_tsv(_packaged("abbreviations.tsv"), ("form", "source"), "lexicons/abbreviations.tsv", check=False)
    return frozenset(row["form"] for row in rows)


@lru_cache(maxsize=1)
def load_places() -> frozenset[str]:
    """Names of countries, capitals, cities, regions and seats of government, lower-cased
    (``places.tsv``): an entity alias given without a kind that is a place is a ``country``
    (:func:`rhetoric.entities.infer_kind`); packaged only."""
    rows = read_tsv(_packaged("places.tsv"), ("name", "kind", "source"), "lexicons/places.tsv", check=False)
    return frozenset(row["name"].lower() for row in rows)
