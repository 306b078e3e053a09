"""Exceptions and warnings raised by rhetoric.

Every error a user can cause subclasses :class:`RhetoricError` *and* the
matching built-in (``ValueError``, ``FileNotFoundError``, ...), so callers can
catch either.  The CLI turns them into one-line messages in one place
(:func:`rhetoric.cli.main`); anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class RhetoricError(Exception):
    """Base class of every error rhetoric raises on purpose."""


class InputError(RhetoricError, ValueError):
    """The input text cannot be read or decoded (binary, undecodable, unreadable)."""


class InputNotFoundError(InputError, FileNotFoundError):
    """An input path does not exist or is not a regular file."""


class ConfigError(RhetoricError, ValueError):
    """An entity, topic or lexicon file, or an option value, is malformed."""


class RhetoricWarning(UserWarning):
    """Base class of rhetoric's warnings: the number is computed, but read it with care."""


class DecodingFallbackWarning(RhetoricWarning):
    """The bytes were not valid UTF-8 and were decoded with a fallback encoding."""


class EmptyTextWarning(RhetoricWarning):
    """The text has no words: every count is zero and every rate is undefined."""


class NoEntityWarning(RhetoricWarning):
    """No sentence mentions any entity: per-entity counts are zero, rates null."""


class LanguageWarning(RhetoricWarning):
    """The text does not look English; the English lexicons were used all the same."""
