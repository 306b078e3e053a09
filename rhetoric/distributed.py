"""A batch run on a Dask cluster where the workers read and write their own partitions
(``--engine dask``).  The driver plans the partitions (:mod:`rhetoric.partitions`) and sees only
small results per partition; the workers do everything that grows with the input:

1. **count**: each partition's records and lines (no JSON is parsed), so that every record
   gets the position and source a reading of the whole input gives it;
2. **dedupe** (``--dedupe``): each partition's text digests (of the records the options keep),
   in buckets by digest, meet in one task per bucket that keeps a digest's first occurrence in
   input order and names the later ones, so no process sees every text or every digest;
3. **measure**: each partition is read, judged (dates, filters, reposts, duplicates), measured
   by the same per-document function as the local engine, and written by its worker as part
   files of the outputs (``part-00000.parquet`` ...), with its counts and failures in a small
   ``done-*.json`` file and its keyness counts beside;
4. the keyness counts of every partition are summed on a worker.

A partition's files are written under a temporary name and renamed, so a task run again
(its worker died) writes the same bytes once; ``--resume`` skips the partitions whose done
file exists.  See docs/distributed.md.
"""

from __future__ import annotations

import json
import os
import uuid
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import partitions, writers
from .asymmetry import group_summary, summary_frame
from .dates import group_keys
from .engines import ChunkJob, measure_chunk
from .errors import ConfigError, InputError
from .partitions import Count, Offsets, Partition
from .readers import STDIN, Columns
from .selection import PartCounts, Selection, digest, sort_out

#: Digest buckets of ``--dedupe``: one task each.
BUCKETS = 16


@dataclass(frozen=True)
class Task:
    """What every partition's tasks share (sent to each worker once)."""

    columns: Columns
    encoding: str | None
    max_bytes: int
    selection: Selection
    job: ChunkJob
    work: str                   # the work folder on the shared storage
    evidence: Any = None        # the evidence writer, when evidence is written


@dataclass(frozen=True)
class SummarySpec:
    """What the summary of a run needs: the documents-table columns it reads, the grouping
    (``--by``), the schema, the bootstrap's seed and ``--at-least``."""

    columns: list[str]
    by: str | None
    schema: Any
    seed: int
    at_least: tuple[int, ...]


@dataclass
class Outcome:
    """What the driver learns of a partitioned run."""

    counts: PartCounts = PartCounts(0, 0, 0, 0, 0, 0)
    failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    keyness: tuple[Counter, Counter] | None = None
    partitions: int = 0
    summary: Any = None


def part_name(number: int) -> str:
    return f"part-{number:05d}"


# -- the workers' tasks -----------------------------------------------------------------------

def _count(part: Partition, task: Task) -> Count:
    return partitions.count(part, task.columns, task.encoding, task.max_bytes)


def _digests(part: Partition, offsets: Offsets, task: Task) -> list[list[tuple[bytes, int]]]:
    """The partition's (digest, index in the partition) pairs, in :data:`BUCKETS` buckets."""
    buckets: list[list[tuple[bytes, int]]] = [[] for _ in range(BUCKETS)]
    judge = task.selection.verdict if task.selection.judged else None
    records = partitions.read(part, offsets, task.columns, task.encoding, task.max_bytes)
    for i, rec in enumerate(records):
        key = digest(rec, judge(rec) if judge else "")
        if key is not None:
            buckets[key[0] % BUCKETS].append((key, i))
    return buckets


def _bucket(buckets: list[list[tuple[bytes, int]]], b: int) -> list[tuple[bytes, int]]:
    return buckets[b]


def _duplicates(numbers: Sequence[int], *buckets: list[tuple[bytes, int]]) -> dict[int, list[int]]:
    """One bucket of every partition (in input order): the records whose text came before."""
    seen: set[bytes] = set()
    found: dict[int, list[int]] = {}
    for number, pairs in zip(numbers, buckets, strict=True):
        for key, i in pairs:
            if key in seen:
                found.setdefault(number, []).append(i)
            seen.add(key)
    return found


def _write(work: Path, folder: str, name: str, write: Callable[[Path], Any]) -> None:
    """Write a file through a name of this attempt's own, then rename it into place."""
    target = work / folder / name
    tmp = work / folder / f".{name}.{uuid.uuid4().hex}.tmp"
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _measure(part: Partition, offsets: Offsets, task: Task, *duplicates: dict[int, list[int]]) -> dict[str, Any]:
    """Read, judge, measure and write one partition; its small result (also in its done file)."""
    job, work = task.job, Path(task.work)
    dropped = {i for found in duplicates for i in found.get(part.number, ())}
    judge = task.selection.verdict if task.selection.judged else None
    records = partitions.read(part, offsets, task.columns, task.encoding, task.max_bytes)
    kept, counts = sort_out((rec, i in dropped, judge(rec) if judge else "") for i, rec in enumerate(records))
    result = measure_chunk(kept, job)
    names = list(job.names)
    name = part_name(part.number)
    _write(work, "docs", name + job.writer.suffix, lambda tmp: job.writer.write_file(result.rows, names, tmp,
                                                                                       result.text))
    if task.evidence is not None:
        rows = (json.loads(line) for line in result.evidence.split("\n") if line)
        _write(work, "evidence", name + task.evidence.suffix,
               lambda tmp: task.evidence.finalize_rows(rows, writers.EVIDENCE_COLUMNS, tmp))
    if result.keyness is not None:
        _write(work, "keyness", name + ".json", lambda tmp: tmp.write_text(json.dumps(result.keyness)))
    done = {"number": part.number, "counts": list(counts), "failed": len(result.failures),
            "failures": result.failures[:KEPT_FAILURES], "size": part.size}
    _write(work, "done", name + ".json", lambda tmp: tmp.write_text(json.dumps(done)))
    return done


def _keyness(work: str, numbers: Sequence[int], *_done: Any) -> tuple[Counter, Counter]:
    """The keyness counts of every partition, summed (on a worker, after every partition)."""
    a: Counter = Counter()
    b: Counter = Counter()
    for n in numbers:
        path = Path(work) / "keyness" / f"{part_name(n)}.json"
        if path.exists():
            ka, kb = json.loads(path.read_text(encoding="utf-8"))
            a.update(ka)
            b.update(kb)
    return a, b


def _bucket_of(key: Any) -> int:
    """A group's bucket: the same in every process (``hash`` of a string is not)."""
    return zlib.crc32(str(key).encode("utf-8", "surrogatepass")) % BUCKETS


def _summary_split(number: int, task: Task, spec: SummarySpec) -> tuple[list[str], list[dict]]:
    """A partition's columns the summary reads (from the part its worker wrote), split by group
    into :data:`BUCKETS` buckets; and the groups that have a measured document."""
    job = task.job
    frame = job.writer.read_parts([Path(task.work) / "docs" / part_name(number)], list(job.names), spec.columns,
                                  header=True)
    keys = group_keys(frame, spec.by)
    measured = sorted(set(keys[frame["error"].isna()].dropna()))
    buckets: list[dict] = [{} for _ in range(BUCKETS)]
    for key, group in frame.groupby(keys, sort=False):
        buckets[_bucket_of(key)][key] = group
    return measured, buckets


def _summary_keys(split: tuple[list[str], list[dict]]) -> list[str]:
    return split[0]


def _summary_bucket(split: tuple[list[str], list[dict]], b: int) -> dict:
    return split[1][b]


def _summarize(numbers: dict[str, int], spec: SummarySpec, *slices: dict) -> list[tuple[int, dict[str, Any]]]:
    """The summary rows of one bucket's groups, from their documents in every partition (in
    input order), each numbered as in the sorted groups of the whole run (its bootstrap seed)."""
    import pandas as pd

    frames: dict[Any, list[Any]] = {}
    for found in slices:
        for key, frame in found.items():
            frames.setdefault(key, []).append(frame)
    rows = []
    for key, pieces in frames.items():
        if key not in numbers:  # only failed documents: no row, as in summarize()
            continue
        group = pd.concat(pieces, ignore_index=True) if len(pieces) > 1 else pieces[0]
        ok = group[group["error"].isna()]
        failed = int(group["error"].notna().sum())
        rows.append((numbers[key], group_summary(ok, key, numbers[key], failed, spec.schema, spec.by, spec.seed,
                                                 at_least=spec.at_least)))
    return rows


def _summary(parts: Sequence[Partition], shared: Any, client: Any, spec: SummarySpec) -> Any:
    """The run's summary, every group on a worker: the driver sees the groups' names and rows."""
    numbers_of = [p.number for p in parts]
    splits = client.map(_summary_split, numbers_of, task=shared, spec=spec, pure=False)
    keys = sorted(set().union(*client.gather(client.map(_summary_keys, splits, pure=False))))
    numbers = {key: n for n, key in enumerate(keys)}
    buckets = [client.submit(_summarize, numbers, spec, *client.map(_summary_bucket, splits, b=b, pure=False),
                             pure=False) for b in range(BUCKETS)]
    rows = sorted((r for found in client.gather(buckets) for r in found), key=lambda r: r[0])
    return summary_frame([row for _, row in rows], spec.by)


#: Most failures a run keeps with their messages (every failure is a row of the output).
KEPT_FAILURES = 1000


# -- the driver -------------------------------------------------------------------------------

def check(options: Any, files: Sequence[Path]) -> None:
    """Refuse, before any work, what the partitioned run cannot read or write."""
    if STDIN in files:
        raise InputError("-: --engine dask reads files the workers can open; save standard input to a file")
    for path in (options.output, options.evidence):
        if path is not None and writers.writer_for(path).name == "sqlite":
            raise ConfigError(f"{path}: --engine dask writes a folder of part files; "
                              "use .parquet, .csv, .tsv or .jsonl")


def client_for(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """A client of the cluster at ``scheduler``, or of a new ``LocalCluster`` of ``workers``
    worker processes (one thread each: the work holds the GIL), and that cluster (to close)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ConfigError("--engine dask needs dask.distributed: pip install 'rhetoric[dask]'") from None
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as exc:
            raise ConfigError(f"--scheduler {scheduler}: cannot connect ({exc})") from None
    cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def workers(client: Any) -> int:
    return max(1, len(client.scheduler_info().get("workers", {})))


def run(task: Task, parts: list[Partition], client: Any, resume: bool,
        progress: Callable[[int, int], None] | None = None, summary: SummarySpec | None = None) -> Outcome:
    """Count, dedupe, measure and write every partition on the cluster; ``progress(records,
    bytes)`` after each partition done."""
    from distributed import as_completed

    work = Path(task.work)
    for folder in ("docs", "evidence", "keyness", "done"):
        (work / folder).mkdir(parents=True, exist_ok=True)
    shared = client.scatter(task, broadcast=True, hash=False)  # a key of its own: never a released one
    counts = _load_counts(work, parts) if resume else None
    if counts is None:
        counts = client.gather(client.map(_count, parts, task=shared, pure=False))
        (work / "counts.json").write_text(json.dumps([list(c) for c in counts]), encoding="utf-8")
    starts = partitions.offsets(parts, counts)
    duplicates: list[Any] = []
    if task.selection.dedupe:  # every partition's digests, even of those done: a later text may repeat them
        digests = client.map(_digests, parts, starts, task=shared, pure=False)
        numbers = [p.number for p in parts]
        duplicates = [client.submit(_duplicates, numbers, *client.map(_bucket, digests, b=b, pure=False), pure=False)
                      for b in range(BUCKETS)]
    done = _load_done(work) if resume else {}
    todo = [(p, o) for p, o in zip(parts, starts, strict=True) if p.number not in done]
    futures = [client.submit(_measure, p, o, shared, *duplicates, pure=False) for p, o in todo]
    records = sum(d["counts"][0] for d in done.values())
    read = sum(d["size"] for d in done.values())
    # the client's own loop: without it as_completed follows the process's default client, and
    # under a caller's client (a notebook's) it saw each result up to a second late
    for future in as_completed(futures, loop=client.loop):
        result = future.result()
        done[result["number"]] = result
        records += result["counts"][0]
        read += result["size"]
        if progress is not None:
            progress(records, read)
    outcome = Outcome(partitions=len(parts))
    totals = [0] * len(PartCounts._fields)
    for n in sorted(done):
        d = done[n]
        totals = [a + b for a, b in zip(totals, d["counts"], strict=True)]
        outcome.failed += d["failed"]
        room = KEPT_FAILURES - len(outcome.failures)
        outcome.failures += [tuple(f) for f in d["failures"][:max(0, room)]]  # type: ignore[misc]
    outcome.counts = PartCounts(*totals)
    if task.job.keyness:
        outcome.keyness = client.submit(_keyness, task.work, [p.number for p in parts], pure=False).result()
    if summary is not None:
        outcome.summary = _summary(parts, shared, client, summary)
    return outcome


def _load_counts(work: Path, parts: Sequence[Partition]) -> list[Count] | None:
    path = work / "counts.json"
    if not path.exists():
        return None
    counts = [Count(*c) for c in json.loads(path.read_text(encoding="utf-8"))]
    return counts if len(counts) == len(parts) else None


def _load_done(work: Path) -> dict[int, dict[str, Any]]:
    done = {}
    for path in sorted((work / "done").glob("part-*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        done[data["number"]] = data
    return done


def save_plan(work: Path, fingerprint: str, parts: Sequence[Partition]) -> None:
    data = {"fingerprint": fingerprint, "partitions": partitions.to_json(parts)}
    (work / "plan.json").write_text(json.dumps(data), encoding="utf-8")


def load_plan(work: Path, fingerprint: str) -> list[Partition]:
    """The partitions of the interrupted run to resume (planned for its cluster, which may have
    had another number of workers); refuse a run of other inputs or options, or one the local
    engine began."""
    path = work / "plan.json"
    if not path.exists():
        other = " (the interrupted run used the local engine)" if (work / "state.json").exists() else ""
        raise InputError(f"{work.name}: nothing to resume with --engine dask{other}; run without --resume")
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("fingerprint") != fingerprint:
        raise InputError(f"{work.name}: the interrupted run had other inputs or options; rerun without --resume")
    return partitions.from_json(data["partitions"])


def output_parts(folder: Path, suffix: str) -> list[Path]:
    """A partitioned output's part files, in input order."""
    return sorted(folder.glob(f"part-*{suffix}"))


def replace_folder(source: Path, target: Path) -> None:
    """Move a finished folder of parts into place; an older output there (with --force) is
    removed only when it is a file or a folder of part files (one rhetoric wrote)."""
    if target.is_dir():
        if any(not (p.is_file() and p.name.startswith("part-")) for p in target.iterdir()):
            raise InputError(f"{target}: is a folder holding other files than rhetoric's parts; "
                             "choose another output name")
        for p in target.iterdir():
            p.unlink()
        target.rmdir()
    elif target.exists():
        target.unlink()
    os.replace(source, target)
