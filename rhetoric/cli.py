"""The command line: a thin layer over the Python API.

Each command parses its options, calls one library function, renders the result.
Library errors (:class:`~rhetoric.errors.RhetoricError`) become one-line messages
on stderr here, in one place; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from .api import measure_file
from .config import Config, parse_pair
from .dates import check_date_bounds
from .errors import ConfigError, RhetoricError
from .filters import parse_filters
from .lexicons import load_lexicons
from .readers import Columns
from .significance import SEED
from .tables import csv_rows, format_summary, format_table, output_format, to_csv, to_json
from .version import __version__
from .writers import check_outputs, write_atomic

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


def _warn(source: str, messages: Iterable[object], quiet: bool) -> None:
    if not quiet:
        for message in messages:
            typer.echo(f"rhetoric: warning: {source}: {message}", err=True)


EntitiesOpt = Annotated[str | None, typer.Option("--entities", help="Entity set as a TOML file (see README).")]
EntityOpt = Annotated[list[str] | None, typer.Option(
    "--entity", help='An entity inline, NAME=alias,alias (kind: prefixes allowed: "China=China,leader:Xi"). '
                     'Repeatable; replaces the default entities, or adds to those of --entities FILE.')]
TopicsOpt = Annotated[str | None, typer.Option("--topics", help="Topic set as a TOML file.")]
TopicOpt = Annotated[list[str] | None, typer.Option(
    "--topic", help="A topic inline, NAME=word,word. Repeatable; replaces the default topics, or adds to those of "
                    "--topics FILE.")]
PairOpt = Annotated[str | None, typer.Option(
    "--pair", help="The two entities to compare, A,B (default: first two).")]
QuotedOpt = Annotated[bool, typer.Option(
    "--include-quoted/--author-only",
    help="Count someone else's words too (reposts, pasted tweets, quotations); by default only the author's own "
         "words are counted, and the rest is evidence with voice 'quoted'.")]
CarryOpt = Annotated[bool, typer.Option(
    "--carry/--no-carry", help="Let pronouns carry an entity to the next sentence.")]
LexiconOpt = Annotated[list[str] | None, typer.Option(
    "--lexicon",
    help="Replace a lexicon: NAME=PATH (words, acronyms, superlatives, adjectives, intensifiers, titles).")]
AddLexiconOpt = Annotated[list[str] | None, typer.Option("--add-lexicon", help="Add rows to a lexicon: NAME=PATH.")]


class Size(StrEnum):
    web = "web"
    square = "square"
    story = "story"
    column = "column"


TitleOpt = Annotated[str | None, typer.Option("--title", help="Chart title (default: the finding in words).")]
SubtitleOpt = Annotated[str | None, typer.Option("--subtitle", help="Chart subtitle (default: measure and unit).")]
SourceOpt = Annotated[str | None, typer.Option(
    "--source", help='Source line, e.g. "Source: Truth Social, 19 May 2025".')]
CreditOpt = Annotated[str, typer.Option("--credit", help="Credit line.")]
SizeOpt = Annotated[Size | None, typer.Option(
    "--size", help="web 1200x675, square 1080x1080, story 1080x1920, column 600 px (default: web; the text "
                   "chart: 1080 px wide and as tall as the post needs).", show_default=False)]
WidthOpt = Annotated[int | None, typer.Option("--width", help="Width in pixels (overrides the size's).")]
HeightOpt = Annotated[int | None, typer.Option("--height", help="Height in pixels (overrides the size's).")]


def _style(title: str | None, subtitle: str | None, source: str | None, credit: str, size: Size | None,
           width: int | None, height: int | None, kind: str | None = None):
    from .charts import ChartStyle

    chosen = size.value if size else ("fit" if kind == "text" else "web")
    return ChartStyle(title=title, subtitle=subtitle, source=source, credit=credit, size=chosen, width=width,
                      height=height)


def _sentence_range(spec: str | None) -> tuple[int, int] | None:
    if not spec:
        return None

    first, sep, last = spec.partition("-")
    if not (first.isdigit() and (not sep or last.isdigit())):
        raise ConfigError(f"--sentences {spec!r}: expected A-B, e.g. 5-12 (sentences counted from 1)")
    return int(first), int(last or first)


def _config_files(entities: str | None, topics: str | None = None, lexicon: list[str] | None = None,
                  add_lexicon: list[str] | None = None) -> list[str]:
    """The files the configuration options name (inputs that no output may replace)."""
    named = [spec.partition("=")[2] for spec in (lexicon or []) + (add_lexicon or [])]
    return [f for f in (entities, topics, *named) if f]


def _config(entities: str | None, entity: list[str] | None, topics: str | None, topic: list[str] | None,
            pair: str | None, carry: bool, lexicon: list[str] | None, add_lexicon: list[str] | None,
            include_quoted: bool = False):

    return Config.from_options(entities=entities, inline_entities=entity or [], topics=topics,
                               inline_topics=topic or [], pair=pair, carry=carry,
                               replace_lexicons=lexicon or [], extend_lexicons=add_lexicon or [],
                               include_quoted=include_quoted)


def _pair(pair: str | None) -> tuple[str, str] | None:

    return parse_pair(pair) if pair is not None else None


class View(StrEnum):
    all = "all"
    exclusive = "exclusive"


ViewOpt = Annotated[View, typer.Option(
    "--view", help="Chart view: all sentences about each entity, or exclusive (about it alone).")]


@app.command()
def measure(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(help="Text files to measure; - reads standard input.",
                                               metavar="FILE...", show_default=False)],
    fmt: Annotated[Format | None, typer.Option(
        "--format", "-f", help="Output format (default: from the -o extension, .json or .csv, else table).",
        show_default=False)] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force an input encoding (e.g. cp1252).")] = None,
    entities: EntitiesOpt = None, entity: EntityOpt = None, topics: TopicsOpt = None, topic: TopicOpt = None,
    pair: PairOpt = None, carry: CarryOpt = True, lexicon: LexiconOpt = None, add_lexicon: AddLexiconOpt = None,
    include_quoted: QuotedOpt = False,
    evidence: Annotated[bool, typer.Option(
        "--evidence/--no-evidence", help="List the evidence under the table.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
    chart: Annotated[str | None, typer.Option("--chart", help="Also draw a chart: PATH.png, .svg or .pdf.")] = None,
    report: Annotated[str | None, typer.Option(
        "--report", help="Also write the evidence report: PATH.html (one file; open it in a browser).")] = None,
    chart_kind: Annotated[str, typer.Option("--chart-kind", help="profile, asymmetry, topics or text.")] = "profile",
    view: ViewOpt = View.all,
    sentences: Annotated[str | None, typer.Option(
        "--sentences", help="Text chart: an excerpt of sentences A-B (from 1).")] = None,
    title: TitleOpt = None, subtitle: SubtitleOpt = None, source: SourceOpt = None,
    credit: CreditOpt = "Analysis: rhetoric",
    size: SizeOpt = None, width: WidthOpt = None, height: HeightOpt = None,
) -> None:
    """Measure emphasis per entity in one or more texts, with the evidence (and a chart)."""

    with _errors():
        chosen = output_format(fmt.value if fmt else None, output)  # "-o out.csv" writes CSV
        # refuse before measuring, so nothing is printed for a run that cannot finish
        targets = [Path(output)] if output else []
        if report:
            if Path(report).suffix.lower() not in (".html", ".htm"):
                raise ConfigError(f"{report}: a report is an .html file")
            if len(files) != 1:
                raise ConfigError("--report is the report of one text; give one FILE (rhetoric report RESULTS for "
                                  "a batch run)")
            targets.append(Path(report))
        style = None
        if chart:
            from .charts import chart_files, check_text_kind

            targets += chart_files(chart)
            if Path(chart).suffix.lower() not in (".png", ".svg", ".pdf"):
                raise ConfigError(f"{chart}: choose a .png, .svg or .pdf file name for the chart")
            check_text_kind(chart_kind)  # a bad kind, size or excerpt is an error before the table is printed
            style = _style(title, subtitle, source, credit, size, width, height, chart_kind)
            style.pixels()
            _sentence_range(sentences)
            if sentences and chart_kind != "text":
                raise ConfigError("--sentences picks the excerpt of a text chart; add --chart-kind text")
        else:  # chart options without a chart would be ignored without a word
            unused = [f"--{name.replace('_', '-')}" for name in ("chart_kind", "view", "sentences", *_STYLE_OPTIONS)
                      if _given(ctx, name)]
            if unused:
                raise ConfigError(f"{', '.join(unused)}: chart option{'s' * (len(unused) > 1)}; "
                                  "add --chart PATH to draw the chart")
        inputs = [*files, *_config_files(entities, topics, lexicon, add_lexicon)]
        check_outputs(targets, force, inputs)
        if chart and len(files) != 1:
            raise ConfigError("--chart draws one text; give one FILE (use `rhetoric batch` and `rhetoric chart` "
                              "for many)")
        config = _config(entities, entity, topics, topic, pair, carry, lexicon, add_lexicon, include_quoted)
        if chart:
            from .charts import entity_colours

            entity_colours(list(config.entities.names), config)  # a colour that is not one: before the table
        results = []
        for path in files:
            m = measure_file(path, encoding=encoding, config=config)
            results.append(("<stdin>" if path == "-" else path, m))
        drawn = None
        if chart and style is not None:  # drawn before anything is printed: a chart that cannot be drawn prints nothing
            from .charts import measurement_chart

            drawn = measurement_chart(results[0][1], chart_kind, style, _sentence_range(sentences), source,
                                      view.value)
            drawn.meta["command"] = _command_line(ctx)
        for name, m in results:
            _warn(name, m.warnings, quiet)
        if chosen == "json":
            dicts = [m.to_dict() for _, m in results]
            body = to_json(dicts[0] if len(dicts) == 1 else
                           [{"source": s, **d} for (s, _), d in zip(results, dicts, strict=False)]) + "\n"
        elif chosen == "csv":
            body = to_csv([row for s, m in results for row in csv_rows(m, s)])
        else:
            body = "\n\n".join(format_table(m, s, evidence) for s, m in results) + "\n"
        if output:
            write_atomic(output, body, force)
        else:
            sys.stdout.write(body)
        if report:
            from .report import text_report, write_report

            write_report(text_report(results[0][1], results[0][0], command=_command_line(ctx)), report, force,
                         inputs)
            if not quiet:
                typer.echo(f"rhetoric: report {report}", err=True)
        if drawn is not None:
            from .charts import save

            written = save(drawn, chart, force, inputs)  # type: ignore[arg-type]
            if not quiet:
                typer.echo(f"rhetoric: chart {written[0]} (data {written[1]}, settings {written[2]})",
                           err=True)


@app.command("report")
def report_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(
        help="A text (.txt, .md, or - for standard input) or the documents table of `rhetoric batch` "
             "(.csv, .parquet, .jsonl, .sqlite).", metavar="INPUT", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="The report: PATH.html.")],
    evidence_in: Annotated[str | None, typer.Option(
        "--evidence", help="Batch: the run's evidence file (written with --evidence, and --with-text for "
        "whole texts); a .sqlite output has its own.")] = None,
    keyness_in: Annotated[str | None, typer.Option("--keyness", help="Batch: the run's keyness table.")] = None,
    by: Annotated[str, typer.Option("--by", help="Batch: the period of the table (week, month, year).")] = "month",
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force a text's encoding.")] = None,
    entities: EntitiesOpt = None, entity: EntityOpt = None, topics: TopicsOpt = None, topic: TopicOpt = None,
    pair: PairOpt = None, carry: CarryOpt = True, lexicon: LexiconOpt = None, add_lexicon: AddLexiconOpt = None,
    include_quoted: QuotedOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing report.")] = False,
) -> None:
    """An evidence report an editor opens in a browser: one self-contained HTML file for a text
    or a batch run."""
    from .report import corpus_report, text_report, write_report

    with _errors():
        if Path(output).suffix.lower() not in (".html", ".htm"):
            raise ConfigError(f"{output}: a report is an .html file")
        if by not in ("week", "month", "year"):
            raise ConfigError(f"--by {by!r}: choose week, month or year")
        inputs = [source, *(p for p in (evidence_in, keyness_in) if p),
                  *_config_files(entities, topics, lexicon, add_lexicon)]
        check_outputs([Path(output)], force, inputs)
        suffix = Path(source).suffix.lower()
        if source == "-" or suffix in (".txt", ".md", ".text"):
            if evidence_in or keyness_in:
                raise ConfigError("--evidence and --keyness belong to the report of a batch run")
            config = _config(entities, entity, topics, topic, pair, carry, lexicon, add_lexicon, include_quoted)
            m = measure_file(source, encoding=encoding, config=config)
            _warn("<stdin>" if source == "-" else source, m.warnings, quiet)
            html = text_report(m, "<stdin>" if source == "-" else source, command=_command_line(ctx))
        else:
            if entities or entity or topics or topic or lexicon or add_lexicon:
                raise ConfigError("the report of a batch run takes its entities and topics from the run (its "
                                  "schema beside the table); drop --entities/--entity/--topics/--topic")
            html = corpus_report(source, evidence_in, keyness_in, by, command=_command_line(ctx))
        write_report(html, output, force, inputs)
        if not quiet:
            typer.echo(f"rhetoric: report {output} (open it in a browser)", err=True)


class By(StrEnum):
    week = "week"
    month = "month"
    year = "year"


def _freeze_lexicons(config) -> None:  # a Config (not imported at start-up)
    """Load the lexicons and keep them out of every garbage collection from now on: this
    process is the command's own, and they live as long as it does."""
    import gc


    load_lexicons(config.lexicons)
    gc.freeze()


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(
        help="Folders of .txt/.md files, or .csv, .tsv, .jsonl, .ndjson, .json, .parquet files (.gz allowed).",
        metavar="INPUT...", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="Documents table: .csv, .tsv, .parquet, .jsonl "
                                        "or .sqlite (tables documents, evidence, summary); with --engine dask, "
                                        "a folder of part files.")],
    text_col: Annotated[str | None, typer.Option(
        "--text-col", help="Text column (default: text/content/body).")] = None,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Id column (default: id).")] = None,
    date_col: Annotated[str | None, typer.Option(
        "--date-col", help="Date column (default: date/created_at/timestamp).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="Keep documents dated on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(
        "--until", help="Keep documents dated on or before (YYYY-MM-DD).")] = None,
    by: Annotated[str | None, typer.Option(
        "--by", help="Summarize per week, month, year or per value of an input COLUMN.")] = None,
    summary: Annotated[str | None, typer.Option(
        "--summary", help="Write the summary table here (default with --by: OUTPUT's name + .summary.csv).")] = None,
    evidence_out: Annotated[str | None, typer.Option("--evidence", help="Write every evidence row here.")] = None,
    keyness_out: Annotated[str | None, typer.Option(
        "--keyness", help="Write the words that set A's sentences apart from B's here.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = SEED,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (0: all cores).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="local, or dask: a Dask cluster's workers read and write "
                                        "their own partitions (pip install 'rhetoric[dask]').")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="--engine dask: the scheduler of an existing cluster (default: a cluster of --jobs "
        "worker processes on this machine).")] = None,
    partition_mb: Annotated[float, typer.Option(
        "--partition-mb", help="--engine dask: the most input per partition, in MB (less when that gives each "
        "worker 8 partitions or more).")] = 32,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    dedupe: Annotated[bool, typer.Option("--dedupe", help="Drop exact duplicate texts (reposts).")] = False,
    keep: Annotated[list[str] | None, typer.Option(
        "--keep", help="Copy input columns into the documents table: COL[,COL...] (repeatable), or all.")] = None,
    where: Annotated[list[str] | None, typer.Option(
        "--where", help="Keep only documents whose input column matches: COL=VALUE (also !=, <, <=, >, >= for "
        "numbers; true/false, numbers and text compared as such). Repeatable: all must match.")] = None,
    exclude: Annotated[list[str] | None, typer.Option(
        "--exclude", help="Leave out documents whose input column matches COL=VALUE (as --where). Repeatable.")] = None,
    at_least: Annotated[str, typer.Option(
        "--at-least", help="Summaries: count the documents with at least N of each whole-document count, "
        "for each N of a list (e.g. 1,2).")] = "1",
    skip_reposts: Annotated[bool, typer.Option(
        "--skip-reposts", help="Leave out reposts: native (the input's repost flag) and manual (a pasted tweet, "
        "recognised from the text).")] = False,
    repost_col: Annotated[str | None, typer.Option(
        "--repost-col", help="The input's repost flag column (default: repost, is_retweet, retweeted...).")] = None,
    include_quoted: QuotedOpt = False,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="With --evidence: a row per document (signal 'document') holding its text.")] = False,
    escape_formulas: Annotated[bool, typer.Option(
        "--escape-formulas/--no-escape-formulas", help="Defuse CSV cells a spreadsheet would run.")] = True,
    encoding: Annotated[str | None, typer.Option("--encoding", help="Force the input encoding.")] = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes",
        help="Largest input file or decompressed stream; larger ones are a recorded error.")] = 4 * 1024**3,
    entities: EntitiesOpt = None, entity: EntityOpt = None, topics: TopicsOpt = None, topic: TopicOpt = None,
    pair: PairOpt = None, carry: CarryOpt = True, lexicon: LexiconOpt = None, add_lexicon: AddLexiconOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary on stderr.")] = False,
) -> None:
    """Measure a corpus: one row per document, per-period summaries with bootstrap intervals, keyness."""
    from .batch import BatchOptions, run_batch

    with _errors():
        config = _config(entities, entity, topics, topic, pair, carry, lexicon, add_lexicon, include_quoted)
        _freeze_lexicons(config)
        if with_text and not evidence_out:
            raise ConfigError("--with-text writes the texts into the evidence file; add --evidence PATH")
        out = Path(output)
        summary_path = Path(summary) if summary else (out.with_name(out.stem + ".summary.csv") if by else None)

        written = [p for p in (out, evidence_out and Path(evidence_out), keyness_out and Path(keyness_out),
                               summary_path) if p]
        check_outputs(written, True, _config_files(entities, topics, lexicon, add_lexicon))
        options = BatchOptions(
            keep=tuple(c.strip() for spec in keep or [] for c in spec.split(",") if c.strip()),
            filters=parse_filters(where or [], exclude or []), at_least=_at_least(at_least),
            skip_reposts=skip_reposts, with_text=with_text,
            output=out, evidence=Path(evidence_out) if evidence_out else None,
            keyness=Path(keyness_out) if keyness_out else None, summary=summary_path, by=by, seed=seed,
            jobs=jobs, resume=resume, force=force, dedupe=dedupe, since=since, until=until, engine=engine,
            scheduler=scheduler, escape_formulas=escape_formulas, max_bytes=max_bytes,
            partition_bytes=_partition_bytes(partition_mb))
        try:
            with _progress_bar(not quiet) as progress:
                columns = Columns(text_col, id_col, date_col, repost=repost_col, repost_given=repost_col is not None)
                report = run_batch(inputs, options, config, columns, encoding, progress)
        except KeyboardInterrupt:
            typer.echo("rhetoric: interrupted; continue with the same command and --resume", err=True)
            raise typer.Exit(130) from None
        if (by or summary) and report.summary is not None:
            sys.stdout.write(format_summary(report.summary, config) + "\n")
        if not quiet:
            typer.echo(f"rhetoric: {_count(report.documents, 'document')} in {report.seconds:.1f} s "
                       f"({_rate(report.documents, report.seconds)}) -> {out}"
                       + (f"; {report.duplicates:,} duplicates dropped" if dedupe else "")
                       + (f"; {report.filtered:,} outside the dates" if since or until else "")
                       + (f"; {report.excluded:,} left out by --where/--exclude" if where or exclude else "")
                       + (f"; {report.reposts:,} reposts left out" if skip_reposts else "")
                       + (f"; {report.unread_dates:,} kept with a date that cannot be read"
                          if report.unread_dates else ""), err=True)
        if report.failed:
            typer.echo(f"rhetoric: {_count(report.failed, 'document')} failed (see the error column), e.g.:", err=True)
            for ident, message in report.failures[:5]:
                # a file-level error already names its file
                typer.echo(f"  {message}" if message.startswith(f"{ident}:") else f"  {ident}: {message}", err=True)
            raise typer.Exit(1)


def _partition_bytes(megabytes: float) -> int:
    if not megabytes > 0:
        raise ConfigError(f"--partition-mb {megabytes}: give a size above 0 (megabytes of input per partition)")
    return max(1, int(megabytes * 1024**2))


@contextmanager
def _progress_bar(wanted: bool) -> Iterator[Callable[[Any], None] | None]:
    """A progress bar on stderr when it is a terminal: documents, share of the input read, ETA."""
    if not (wanted and sys.stderr.isatty()):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    columns = (TextColumn("{task.fields[documents]:>12,} documents"), BarColumn(), TaskProgressColumn(),
               TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("batch", total=None, documents=0)

        def update(p: Any) -> None:
            bar.update(task, completed=p.bytes_read, total=p.bytes_total or None, documents=p.documents)

        yield update


def _at_least(spec: str) -> tuple[int, ...]:
    """``--at-least 1,2`` -> (1, 2)."""
    try:
        values = tuple(sorted({int(v) for v in spec.split(",") if v.strip()}))
    except ValueError:
        values = ()
    if not values or values[0] < 1:
        raise ConfigError(f"--at-least {spec!r}: give whole numbers of 1 or more, e.g. 1,2")
    return values


def _rate(documents: int, seconds: float) -> str:
    """Documents per second, to two significant figures under 100 ("0.4/s", not "0/s")."""
    rate = documents / seconds if seconds else 0.0
    return f"{rate:,.0f}/s" if rate >= 100 else f"{rate:.2g}/s"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


@app.command("chart")
def chart_command(
    ctx: typer.Context,
    results: Annotated[str, typer.Argument(
        help="A documents table or keyness table of `rhetoric batch` (.csv, .parquet, .jsonl, .sqlite), "
             "or a chart's .csv sidecar to redraw it.", metavar="RESULTS", show_default=False)],
    output: Annotated[str, typer.Option("--output", "-o", help="The chart: .png, .svg or .pdf.")],
    kind: Annotated[str | None, typer.Option(
        "--kind", help="profile, asymmetry, topics, timeseries or keyness (omit to redraw a sidecar; "
        "the options given replace its saved settings).")] = None,
    by: Annotated[By, typer.Option("--by", help="Time series period.")] = By.month,
    signal: Annotated[str, typer.Option("--signal", help="Time series signal, e.g. caps_words.")] = "caps_words",
    whole: Annotated[bool, typer.Option(
        "--whole", help="Time series of the whole documents (the author's own words), not per entity.")] = False,
    share: Annotated[bool, typer.Option(
        "--share", help="With --whole: the share of documents with at least one, not the rate per 100 words.")] = False,
    annotate: Annotated[list[str] | None, typer.Option(
        "--annotate", help='Time series event mark DATE="label" (repeatable).')] = None,
    entities: EntitiesOpt = None, entity: EntityOpt = None, pair: PairOpt = None,
    view: ViewOpt = View.all,
    min_z: Annotated[float, typer.Option("--min-z", help="Keyness: draw words with |z| at least this.")] = 1.96,
    min_count: Annotated[int, typer.Option(
        "--min-count", help="Keyness: draw words used at least this many times (both sides).")] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = SEED,
    title: TitleOpt = None, subtitle: SubtitleOpt = None, source: SourceOpt = None,
    credit: CreditOpt = "Analysis: rhetoric",
    size: SizeOpt = None, width: WidthOpt = None, height: HeightOpt = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No messages on stderr.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing output files.")] = False,
) -> None:
    """Draw a chart for an article from batch results (or redraw one from its .csv sidecar)."""
    from .charts import redraw, results_chart, save

    with _errors():
        style = _style(title, subtitle, source, credit, size, width, height)
        if kind is None:
            ignored = [f"--{n.replace('_', '-')}" for n in ("view", "min_z", "min_count", "by", "signal", "annotate",
                                                             "whole", "share", "entities", "entity", "pair", "seed")
                       if _given(ctx, n)]
            if ignored:
                raise ConfigError(f"{', '.join(ignored)}: a redraw keeps the chart's numbers; give --kind to draw "
                                  "it again from the results")
            given = {name: getattr(style, name) for name in _STYLE_OPTIONS if _given(ctx, name)}
            drawn = redraw(results, given)  # the options given replace the saved settings
        else:
            # the run's entities come with its table (its schema); the options only for an older table
            config = _config(entities, entity, None, None, None, True, None, None) if entities or entity else None
            chosen_pair = _pair(pair)

            events = []
            for spec in annotate or []:
                when, sep, label = spec.partition("=")
                if not sep:
                    raise ConfigError(f'--annotate {spec!r}: expected DATE="label", e.g. 2025-05-19="Putin call"')
                check_date_bounds(when.strip(), None, "--annotate")
                events.append((when.strip(), label.strip()))
            if min_z <= 0 or min_count < 1:
                raise ConfigError("--min-z must be above 0 and --min-count at least 1")
            drawn = results_chart(results, kind, style, config, by.value, signal, events, source, seed, view.value,
                                  min_z, min_count, chosen_pair, whole, share)
        drawn.meta["command"] = _command_line(ctx)
        # a redraw may rewrite its own sidecars in place (the same numbers); a chart drawn from
        # results must not replace them with its sidecar ("keyness.png" beside "keyness.csv")
        written = save(drawn, output, force, _config_files(entities) + ([] if kind is None else [results]))
        if not quiet:
            typer.echo(f"rhetoric: chart {written[0]} (data {written[1]}, settings {written[2]})", err=True)


#: The options of a chart's look (fields of charts.ChartStyle).
_STYLE_OPTIONS = ("title", "subtitle", "source", "credit", "size", "width", "height")


def _given(ctx: typer.Context, name: str) -> bool:
    """The option was given on the command line (not left to its default).  By name: typer
    may bring its own copy of click's ParameterSource."""
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


def _command_line(ctx: typer.Context) -> str:
    """The command as typed (``main`` passes its arguments down as the context's ``obj``)."""
    import shlex

    obj = ctx.find_root().obj
    args = obj["argv"] if isinstance(obj, dict) and "argv" in obj else sys.argv[1:]
    return "rhetoric " + " ".join(shlex.quote(a) for a in args)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``rhetoric`` command: usage errors in one line (exit 2), Ctrl-C exit 130."""
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        code = app(args=args, prog_name="rhetoric", standalone_mode=False, obj={"argv": args})
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
