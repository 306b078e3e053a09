"""The command line: a thin layer over the Python API.

Each command parses its options, calls one library function, renders the result.
Library errors (:class:`~rhetoric.errors.RhetoricError`) become one-line messages
on stderr here, in one place; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated

import typer

from . import __version__
from .errors import RhetoricError

app = typer.Typer(
    name="rhetoric", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Numbers on emphasis in political text, per entity, with the words behind every number.",
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rhetoric {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Numbers on emphasis in political text, per entity, with the words behind every number."""


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except RhetoricError as exc:
        typer.echo(f"rhetoric: error: {exc}", err=True)
        raise typer.Exit(1) from None


def _warn(source: str, messages: tuple[str, ...] | list[str], quiet: bool) -> None:
    if not quiet:
        for message in messages:
            typer.echo(f"rhetoric: warning: {source}: {message}", err=True)


EntitiesOpt = Annotated[str | None, typer.Option("--entities", help="Entity set as a TOML file (see README).")]
EntityOpt = Annotated[list[str] | None, typer.Option(
    "--entity", help='An entity inline, NAME=alias,alias (kind: prefixes allowed: "China=China,leader:Xi"). '
                     'Repeatable; adds to --entities.')]
TopicsOpt = Annotated[str | None, typer.Option("--topics", help="Topic set as a TOML file.")]
TopicOpt = Annotated[list[str] | None, typer.Option("--topic", help="A topic inline, NAME=word,word. Repeatable.")]
PairOpt = Annotated[str | None, typer.Option(
    "--pair", help="The two entities to compare, A,B (default: first two).")]
CarryOpt = Annotated[bool, typer.Option(
    "--carry/--no-carry", help="Let pronouns carry an entity to the next sentence.")]
LexiconOpt = Annotated[list[str] | None, typer.Option(
    "--lexicon",
    help="Replace a lexicon: NAME=PATH (words, acronyms, superlatives, adjectives, intensifiers, titles).")]
AddLexiconOpt = Annotated[list[str] | None, typer.Option("--add-lexicon", help="Add rows to a lexicon: NAME=PATH.")]


def _config(entities: str | None, entity: list[str] | None, topics: str | None, topic: list[str] | None,
            pair: str | None, carry: bool, lexicon: list[str] | None, add_lexicon: list[str] | None):
    from .config import Config

    return Config.from_options(entities=entities, inline_entities=entity or [], topics=topics,
                               inline_topics=topic or [], pair=pair, carry=carry,
                               replace_lexicons=lexicon or [], extend_lexicons=add_lexicon or [])


@app.command()
def measure(
    files: Annotated[list[str], typer.Argument(help="Text files to measure; - reads standard input.",
                                               metavar="FILE...", show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an input encoding (e.g. cp1252).")] = None,
    entities: EntitiesOpt = None, entity: EntityOpt = None, topics: TopicsOpt = None, topic: TopicOpt = None,
    pair: PairOpt = None, carry: CarryOpt = True, lexicon: LexiconOpt = None, add_lexicon: AddLexiconOpt = None,
    evidence: Annotated[bool, typer.Option(
        "--evidence/--no-evidence", help="List the evidence under the table.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
) -> None:
    """Measure emphasis per entity in one or more texts, with the evidence."""
    from .measures import measure_file
    from .tables import csv_rows, format_table, to_csv, to_json
    from .text import write_atomic

    with _errors():
        config = _config(entities, entity, topics, topic, pair, carry, lexicon, add_lexicon)
        results = []
        for path in files:
            m = measure_file(path, encoding=encoding, config=config)
            source = "<stdin>" if path == "-" else path
            _warn(source, m.warnings, quiet)
            results.append((source, m))
        if fmt is Format.json:
            dicts = [m.to_dict() for _, m in results]
            body = to_json(dicts[0] if len(dicts) == 1 else
                           [{"source": s, **d} for (s, _), d in zip(results, dicts, strict=False)]) + "\n"
        elif fmt is Format.csv:
            body = to_csv([row for s, m in results for row in csv_rows(m, s)])
        else:
            body = "\n\n".join(format_table(m, s, evidence) for s, m in results) + "\n"
        if output:
            write_atomic(output, body)
        else:
            sys.stdout.write(body)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``rhetoric`` command: usage errors in one line (exit 2), Ctrl-C exit 130."""
    try:
        code = app(args=argv, prog_name="rhetoric", standalone_mode=False)
    except typer.Abort:
        typer.echo("rhetoric: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:
        # click's UsageError (vendored inside newer typer releases, so matched by its interface)
        if not (hasattr(exc, "format_message") and getattr(exc, "exit_code", None) == 2):
            raise
        ctx = getattr(exc, "ctx", None)
        command = ctx.info_name if ctx is not None and ctx.info_name not in (None, "rhetoric") else ""
        hint = f" (see: rhetoric {command} --help)" if command else " (see: rhetoric --help)"
        message = " ".join(exc.format_message().split())
        typer.echo(f"rhetoric: error: {message}{hint}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
