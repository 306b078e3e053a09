"""Hostile input: other scripts, non-English texts, bad bytes inside records, broken CSV
and Parquet, symlink loops, unreadable files and size limits — each a recorded error."""

from __future__ import annotations

import csv
import json
import os
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from rhetoric import Config, measure_text
from rhetoric.cli import app
from rhetoric.readers import iter_records

runner = CliRunner()


def signals(text):
    return {e.text: e.signal for e in measure_text(text, Config.make()).evidence
            if e.signal in ("caps", "acronym", "shouted")}


def test_cyrillic_and_greek_capitals_work_like_ascii():
    found = signals("Путин сказал, что ЗЕЛЕНСКИЙ должен уйти, а НАТО и США молчат. Это ВОЙНА, сказал он.")
    assert found == {"ЗЕЛЕНСКИЙ": "caps", "НАТО": "acronym", "США": "acronym", "ВОЙНА": "caps"}
    assert signals("Ο ΠΡΩΘΥΠΟΥΡΓΟΣ είπε ότι η ΕΕ και το ΝΑΤΟ συμφωνούν.") == {
        "ΠΡΩΘΥΠΟΥΡΓΟΣ": "caps", "ΕΕ": "acronym", "ΝΑΤΟ": "acronym"}


def test_non_english_text_gets_a_warning_english_does_not():
    russian = measure_text("Путин сказал, что Зеленский должен уйти, а НАТО и США молчат сегодня.", Config.make())
    assert any("may not be English" in str(w) for w in russian.warnings)
    english = measure_text("Russia wants to do largescale TRADE with the United States today.", Config.make())
    assert not any("may not be English" in str(w) for w in english.warnings)


def write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_invalid_utf8_inside_a_jsonl_line_is_recorded(tmp_path):
    src = write(tmp_path / "x.jsonl",
                b'{"id": "1", "text": "Russia wants TRADE"}\n{"id": "2", "text": "bad \xff\xfe"}\n'
                b'{"id": "3", "text": "Ukraine is GREAT"}\n')
    records = list(iter_records([src]))
    assert [r.error is None for r in records] == [True, False, True]
    assert "line 2: not valid UTF-8" in records[1].error


def test_csv_with_unbalanced_quotes_and_embedded_newlines(tmp_path):
    src = write(tmp_path / "x.csv", b'id,text\n1,"Russia wants\nTRADE"\n2,"unbalanced, ok\n3,Ukraine\n')
    records = list(iter_records([src]))
    assert records[0].text == "Russia wants\nTRADE"
    # the quote opened on line 4 never closes: that line is reported, and the lines after it are read again
    assert len(records) == 3 and "line 4" in records[1].error and records[2].text == "Ukraine"


def test_parquet_with_the_wrong_column_types(tmp_path):
    pd.DataFrame({"id": [1, 2], "text": [3, 4]}).to_parquet(tmp_path / "x.parquet")
    records = list(iter_records([tmp_path / "x.parquet"]))
    assert all("not a string" in r.error for r in records)


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks")
def test_symlink_loop_in_an_input_folder_does_not_trap_the_run(tmp_path):
    folder = tmp_path / "posts"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "one.txt").write_text("Russia wants TRADE.", encoding="utf-8")
    os.symlink(folder, folder / "a" / "loop")
    records = list(iter_records([folder]))
    assert [r.text for r in records] == ["Russia wants TRADE."]


@pytest.mark.skipif(sys.platform.startswith("win"), reason="symlinks")
def test_a_link_to_a_file_inside_an_input_folder_is_left_out_but_a_named_link_is_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Ukraine is secret.", encoding="utf-8")
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "one.txt").write_text("Russia wants TRADE.", encoding="utf-8")
    os.symlink(outside, folder / "link.txt")
    assert [r.text for r in iter_records([folder])] == ["Russia wants TRADE."]
    assert [r.text for r in iter_records([folder / "link.txt"])] == ["Ukraine is secret."]


def test_unreadable_file_is_a_recorded_error(tmp_path, monkeypatch):
    """Permissions do not bind root (CI runs as root), so the operating system's refusal is
    simulated at the one call that reads the file; the rest is the real run."""
    from pathlib import Path

    src = tmp_path / "secret.txt"
    src.write_text("Russia", encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Ukraine is GREAT.", encoding="utf-8")
    real = Path.read_bytes

    def refuse(self):
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    records = list(iter_records([src, other]))
    assert "cannot read: Permission denied" in records[0].error
    assert records[1].text == "Ukraine is GREAT."


def test_existing_outputs_are_never_overwritten_without_force(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Russia wants TRADE.", encoding="utf-8")
    for option in ("-o", "--chart"):
        out = tmp_path / ("out.json" if option == "-o" else "chart.png")
        out.write_text("keep")
        result = runner.invoke(app, ["measure", str(post), option, str(out), "-q"])
        assert result.exit_code == 1 and "use --force" in result.stderr and out.read_text() == "keep"
        assert runner.invoke(app, ["measure", str(post), option, str(out), "-q", "--force"]).exit_code == 0


def test_size_limit_is_a_recorded_error_and_the_run_goes_on(tmp_path):
    big = write(tmp_path / "big.jsonl", b'{"text": "Russia wants TRADE."}\n' * 2000)
    small = write(tmp_path / "small.jsonl", b'{"text": "Ukraine is GREAT."}\n')
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(big), str(small), "-o", str(out), "--max-bytes", "10000", "--quiet"])
    assert result.exit_code == 1
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert "--max-bytes" in rows[0]["error"] and rows[-1]["error"] == ""


def test_gzip_bomb_is_stopped_by_the_limit(tmp_path):
    import gzip

    bomb = write(tmp_path / "bomb.jsonl.gz", gzip.compress(b'{"text": "' + b"A" * 5_000_000 + b'"}\n', mtime=0))
    (record,) = list(iter_records([bomb], max_bytes=1_000_000))
    assert "--max-bytes" in record.error


def test_binary_nul_bytes_and_lone_surrogates_in_json(tmp_path):
    src = write(tmp_path / "x.jsonl", json.dumps({"text": "Russia \ud800 wants TRADE \u0000"}).encode() + b"\n")
    (record,) = list(iter_records([src]))
    m = measure_text(record.text, Config.make())
    assert [e.text for e in m.evidence if e.signal == "caps"] == ["TRADE"]
