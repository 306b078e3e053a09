"""--engine dask: workers read and write their own partitions.  Checked against the local
engine on a 200,000-document corpus of real posts over JSON Lines, CSV and Parquet files, with a
worker killed mid-run, and with the driver killed and the run resumed."""

from __future__ import annotations

import csv
import glob
import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from rhetoric import Config
from rhetoric.batch import BatchOptions, run_batch
from rhetoric.charts import read_table
from rhetoric.cli import app
from rhetoric.readers import Columns, input_files, iter_records
from rhetoric.report import read_evidence

from .conftest import SHARED
from .test_batch_scale import rhetoric_exe

distributed = pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

TWITTER = SHARED / "corpus" / "twitter.jsonl.gz"
TRUTH = SHARED / "corpus" / "truth_social.jsonl.gz"


def real_posts() -> list[dict]:
    posts = []
    for path in (TWITTER, TRUTH):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            posts += [json.loads(line) for line in handle]
    return [p for p in posts if isinstance(p.get("text"), str)]


def repeated(text: str, cycle: int, i: int) -> str:
    """A post's text the ``cycle``-th time it is used: tagged, but for one in 50 left as it was
    (an exact duplicate for --dedupe)."""
    return text if cycle == 0 or i % 50 == 0 else f"{text} #{cycle}"


def write_corpus(folder: Path, documents: int) -> list[Path]:
    """``documents`` real posts (repeated, so --dedupe has work) with ids, dates and a reply
    flag, split over uncompressed and gzip JSON Lines, CSV and Parquet files."""
    posts = real_posts()
    rows = [{"id": f"d{i}", "date": f"{2012 + i % 14}-{1 + i % 12:02d}-{1 + i % 28:02d}",
             "text": repeated(posts[i % len(posts)]["text"], i // len(posts), i), "reply": i % 7 == 0}
            for i in range(documents)]
    rows[5]["text"] = None                    # a document without text: a failure row, not a loss
    folder.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    cut = [0, 0.3, 0.45, 0.55, 0.7, 0.85, 1.0]
    chunks = [rows[int(a * documents):int(b * documents)] for a, b in zip(cut, cut[1:], strict=False)]
    for n, (chunk, kind) in enumerate(zip(chunks, ["jsonl", "jsonl.gz", "csv", "parquet", "jsonl", "parquet"],
                                          strict=True)):
        path = folder / f"{n}-posts.{kind}"
        if kind == "jsonl":
            with open(path, "w", encoding="utf-8") as out:
                out.write("\n")            # a blank line: not a document, but it counts for line numbers
                out.writelines(json.dumps(r) + "\n" for r in chunk)
                out.write("{not json\n")   # a malformed line: a failure row
        elif kind == "jsonl.gz":
            with gzip.open(path, "wt", encoding="utf-8") as out:
                out.writelines(json.dumps(r) + "\n" for r in chunk)
        elif kind == "csv":
            with open(path, "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, ["id", "date", "text", "reply"])
                writer.writeheader()
                writer.writerows(chunk)
        else:
            pq.write_table(pa.Table.from_pylist(chunk), path, row_group_size=4000)
        files.append(path)
    return files


def parts_frame(folder: Path) -> pd.DataFrame:
    files = sorted(glob.glob(str(folder / "part-*")))
    assert files, f"no part files in {folder}"
    if files[0].endswith(".parquet"):
        return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)
    if files[0].endswith(".jsonl"):
        return pd.concat([pd.read_json(f, lines=True, dtype=False) for f in files if os.path.getsize(f)],
                         ignore_index=True)
    return pd.concat([pd.read_csv(f, keep_default_na=False, dtype=str) for f in files], ignore_index=True)


def same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    assert list(a.columns) == list(b.columns)
    assert len(a) == len(b)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("partitions"), 200_000)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_partitions_read_alone_give_the_records_of_one_pass(corpus):
    from rhetoric import partitions

    files = input_files(corpus)
    parts = partitions.plan(files, Columns(), None, 4 * 1024**3, target=2 * 1024**2)
    kinds = {p.kind for p in parts}
    assert kinds == {"lines", "rows", "files"}, kinds   # byte ranges, row groups, whole files
    counts = [partitions.count(p, Columns(), None, 4 * 1024**3) for p in parts]
    starts = partitions.offsets(parts, counts)
    read = [r for p, o in zip(parts, starts, strict=True) for r in partitions.read(p, o, Columns(), None, 4 * 1024**3)]
    assert read == list(iter_records(files))


def test_a_dask_run_of_200k_documents_equals_the_local_run(corpus, tmp_path, cluster):
    options = {"by": "month", "dedupe": True, "keep": ("reply",)}
    config = Config.make()
    local = run_batch(corpus, BatchOptions(output=tmp_path / "local.parquet", jobs=2,
                                           keyness=tmp_path / "local-key.csv", **options), config)
    remote = run_batch(corpus, BatchOptions(output=tmp_path / "dask.parquet", engine="dask",
                                            scheduler=cluster.scheduler_address, partition_bytes=2 * 1024**2,
                                            keyness=tmp_path / "dask-key.csv", **options), config)
    assert (tmp_path / "dask.parquet").is_dir() and len(list((tmp_path / "dask.parquet").iterdir())) > 8
    same_frames(pd.read_parquet(tmp_path / "local.parquet"), parts_frame(tmp_path / "dask.parquet"))
    for name in ("documents", "failed", "duplicates", "filtered", "excluded", "reposts"):
        assert getattr(local, name) == getattr(remote, name), name
    assert local.documents > 180_000 and local.duplicates > 1000 and local.failed == 3
    assert local.failures == remote.failures
    pd.testing.assert_frame_equal(local.summary, remote.summary)
    assert (tmp_path / "local-key.csv").read_bytes() == (tmp_path / "dask-key.csv").read_bytes()
    assert (tmp_path / "dask.parquet.schema.json").exists()


def small_corpus(folder: Path, documents: int = 24_000) -> list[Path]:
    return write_corpus(folder, documents)


def test_a_worker_killed_mid_run_loses_and_doubles_nothing(tmp_path, cluster):
    files = small_corpus(tmp_path / "in")
    local = tmp_path / "local.csv"
    expected = run_batch(files, BatchOptions(output=local, jobs=1, evidence=tmp_path / "local-ev.jsonl", since="2014",
                                             by="reply"), Config.make())
    client = distributed.Client(cluster.scheduler_address)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_one(progress) -> None:  # after the first partition: kill a worker process outright
        if not killed:
            pid = next(iter(pids.values()))
            os.kill(pid, signal.SIGKILL)
            killed.append(pid)

    try:
        report = run_batch(files, BatchOptions(output=tmp_path / "dask.csv", engine="dask", since="2014", by="reply",
                                               scheduler=cluster.scheduler_address, partition_bytes=256 * 1024,
                                               evidence=tmp_path / "dask-ev.jsonl"), Config.make(), progress=kill_one)
        client.wait_for_workers(2, timeout=60)  # the nanny starts the killed worker again
    finally:
        client.close()
    assert killed
    with pytest.raises(ProcessLookupError):
        os.kill(killed[0], 0)
    want = pd.read_csv(local, keep_default_na=False, dtype=str)
    got = parts_frame(tmp_path / "dask.csv")
    same_frames(want, got)
    assert got.loc[got["id"] != "", "id"].is_unique
    pd.testing.assert_frame_equal(expected.summary, report.summary)  # summarized group by group on the workers
    assert list(report.summary["reply"]) == ["False", "True"]
    assert (report.documents, report.failed, report.filtered) == (expected.documents, expected.failed,
                                                                   expected.filtered)
    evidence = b"".join(Path(f).read_bytes() for f in sorted(glob.glob(str(tmp_path / "dask-ev.jsonl" / "part-*"))))
    assert evidence == (tmp_path / "local-ev.jsonl").read_bytes()
    # charts and reports read the folder of parts as the one file
    assert read_table(tmp_path / "dask.csv").equals(read_table(local))
    assert read_evidence(tmp_path / "dask-ev.jsonl").equals(read_evidence(tmp_path / "local-ev.jsonl"))
    assert not list(tmp_path.glob(".*rhetoric-work"))


def test_a_killed_driver_resumes_from_the_partitions_done(tmp_path):
    files = small_corpus(tmp_path / "in")
    local = tmp_path / "local.jsonl"
    run_batch(files, BatchOptions(output=local, jobs=1, dedupe=True), Config.make())
    out = tmp_path / "dask.jsonl"
    work = tmp_path / ".dask.jsonl.rhetoric-work"
    command = [rhetoric_exe(), "batch", *map(str, files), "-o", str(out), "--engine", "dask", "-j", "2",
               "--partition-mb", "0.25", "--dedupe", "--quiet"]
    driver = subprocess.Popen(command, start_new_session=True, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 240
    while time.time() < deadline and len(list((work / "done").glob("part-*.json"))) < 3:
        assert driver.poll() is None, driver.stderr.read() if driver.stderr else ""
        time.sleep(0.05)
    os.killpg(driver.pid, signal.SIGKILL)  # the driver and the workers it started
    driver.wait()
    done = {p.name: p.stat().st_mtime_ns for p in (work / "docs").glob("part-*")}
    total = len(json.loads((work / "plan.json").read_text())["partitions"])
    assert 3 <= len(done) < total, (len(done), total)
    resumed = subprocess.run([*command, "--resume"], capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 1 and "3 documents failed" in resumed.stderr, resumed.stderr  # as locally
    assert b"".join(p.read_bytes() for p in sorted(out.glob("part-*.jsonl"))) == local.read_bytes()
    # the partitions written before the kill were kept, not measured again
    assert all((out / name).stat().st_mtime_ns == mtime for name, mtime in done.items())
    assert not work.exists()


def test_what_a_dask_run_cannot_do_is_a_one_line_error(tmp_path):
    src = tmp_path / "posts.jsonl"
    src.write_text(json.dumps({"text": "Russia wants TRADE."}) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out.sqlite"), "--engine", "dask"])
    assert result.exit_code != 0 and "folder of part files" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["batch", "-", "-o", str(tmp_path / "out.csv"), "--engine", "dask"],
                           input='{"text": "Hi"}\n')
    assert result.exit_code != 0 and "standard input" in result.output
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out.csv"), "--engine", "dask",
                                 "--partition-mb", "0"])
    assert result.exit_code != 0 and "--partition-mb" in result.output
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out.csv"), "--scheduler", "tcp://x:1"])
    assert result.exit_code != 0 and "add --engine dask" in result.output
    (tmp_path / "mine.csv").mkdir()
    (tmp_path / "mine.csv" / "notes.txt").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "mine.csv"), "--engine", "dask",
                                 "--force", "-j", "1"])
    assert result.exit_code != 0 and "other files than rhetoric's parts" in result.output
    assert (tmp_path / "mine.csv" / "notes.txt").exists()


def test_inputs_named_by_fsspec_urls_are_read_by_the_workers(tmp_path, cluster):
    files = small_corpus(tmp_path / "in", 12_000)
    urls = [f"file://{files[0]}", f"file://{tmp_path / 'in'}/[1-5]-posts.*"]  # a file, and a glob
    local = tmp_path / "local.csv"
    run_batch(urls, BatchOptions(output=local, jobs=1), Config.make())
    run_batch(urls, BatchOptions(output=tmp_path / "dask.csv", engine="dask", scheduler=cluster.scheduler_address,
                                 partition_bytes=256 * 1024), Config.make())
    got = parts_frame(tmp_path / "dask.csv")
    same_frames(pd.read_csv(local, keep_default_na=False, dtype=str), got)
    assert got["source"].iloc[0] == f"file://{files[0]}:2"  # line 1 of the file is blank
    # the same documents as the files read by their paths, but for the sources that name them
    paths = tmp_path / "paths.csv"
    run_batch(files, BatchOptions(output=paths, jobs=1), Config.make())
    by_path = pd.read_csv(paths, keep_default_na=False, dtype=str)
    same_frames(by_path.drop(columns="source"), got.drop(columns="source"))


@pytest.mark.parametrize(("url", "message"), [("file:///no/such/file.jsonl", "no such file"),
                                              ("file:///no/such/*.jsonl", "matches no file"),
                                              ("gopher2://host/posts.jsonl", "Protocol not known")])
def test_a_bad_url_is_a_one_line_error(tmp_path, url, message):
    result = CliRunner().invoke(app, ["batch", url, "-o", str(tmp_path / "out.csv")])
    assert result.exit_code != 0 and message in result.output and "Traceback" not in result.output
