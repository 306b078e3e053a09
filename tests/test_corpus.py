"""Batch runs on real files: formats, failures recorded per document, order, determinism,
dedupe, dates, summaries, keyness, sqlite, and the Python API."""

from __future__ import annotations

import csv
import gzip
import json
import os
import sqlite3

import pandas as pd
import pytest
from typer.testing import CliRunner

from rhetoric import Config
from rhetoric.asymmetry import summarize
from rhetoric.batch import BatchOptions, measure_many, run_batch
from rhetoric.cli import app
from rhetoric.keyness import keyness
from rhetoric.readers import Columns, iter_records
from tests.conftest import CORPUS

runner = CliRunner()
POSTS = [
    {"id": "1", "date": "2025-05-19T17:33:06Z",
     "text": "Russia wants to do largescale TRADE. Its potential is UNLIMITED."},
    {"id": "2", "date": "2025-05-20T10:00:00Z", "text": "Ukraine can be a great beneficiary on Trade!"},
    {"id": "3", "date": "2025-06-02T10:00:00Z", "text": "Putin is BIG. He wants a deal."},
    {"id": "3", "date": "2025-06-03T10:00:00Z", "text": "Zelensky wants PEACE. Russia wants TRADE."},
]


def write_jsonl(path, rows, gz=False):
    data = "".join(json.dumps(r) + "\n" for r in rows).encode()
    path.write_bytes(gzip.compress(data, mtime=0) if gz else data)
    return path


def batch(args):
    result = runner.invoke(app, ["batch", *args, "--quiet"])
    return result


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_jsonl_batch_keeps_input_order_and_duplicate_ids(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out), "-j", "2"])
    assert result.exit_code == 0, result.output
    rows = read_csv(out)
    assert [r["id"] for r in rows] == ["1", "2", "3", "3"]
    assert rows[0]["russia_caps_words"] == "2" and rows[1]["ukraine_title_case_words"] == "1"
    assert rows[0]["error"] == ""


def test_bad_jsonl_line_is_recorded_with_its_number_and_the_run_goes_on(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps(POSTS[0]) + "\n{not json\n" + json.dumps({"id": "x", "text": 5}) + "\n"
                   + json.dumps(POSTS[1]) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out)])
    assert result.exit_code == 1
    rows = read_csv(out)
    assert len(rows) == 4
    assert "line 2: malformed JSON" in rows[1]["error"]
    assert "not a string" in rows[2]["error"]
    assert rows[3]["error"] == "" and rows[3]["ukraine_words"] != ""
    assert "2 documents failed" in result.stderr


def test_truncated_gzip_is_recorded_and_other_inputs_still_run(tmp_path):
    whole = write_jsonl(tmp_path / "a.jsonl.gz", POSTS * 200, gz=True)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    good = write_jsonl(tmp_path / "good.jsonl", POSTS[:1])
    out = tmp_path / "out.jsonl"
    result = batch([str(cut), str(good), "-o", str(out)])
    assert result.exit_code == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert any("truncated" in (r["error"] or "") for r in rows)
    assert rows[-1]["id"] == "1" and rows[-1]["error"] is None


def test_csv_without_text_column_gives_a_clear_error(tmp_path):
    src = tmp_path / "posts.csv"
    src.write_text("id,message_body\n1,Russia wants TRADE\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "no text column found among id, message_body; name it with --text-col" in read_csv(out)[0]["error"]
    assert f"\n  {src}: no text column found" in result.stderr and f"{src}: {src}" not in result.stderr
    assert batch([str(src), "-o", str(out), "--text-col", "message_body", "--force"]).exit_code == 0
    assert read_csv(out)[0]["russia_caps_words"] == "1"


def test_a_named_column_that_no_input_has_is_refused_before_the_run(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl.gz", POSTS, gz=True)
    other = tmp_path / "more.csv"
    other.write_text("id,body,platform\n9,Russia wants TRADE,x\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out), "--text-col", "nope"])
    assert result.exit_code == 1 and not out.exists()
    assert "--text-col 'nope': no such column in the input" in result.stderr
    assert "posts.jsonl.gz: id, date, text" in result.stderr and "Traceback" not in result.output
    result = batch([str(src), "-o", str(out), "--by", "fortnight"])
    assert "--by 'fortnight': not week, month or year, nor a column of the input" in result.stderr
    assert not out.exists()
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Russia wants TRADE.", encoding="utf-8")
    result = batch([str(texts), "-o", str(out), "--by", "platform"])
    assert result.exit_code == 1 and "(text files have no columns)" in result.stderr
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = batch([str(empty), "-o", str(out), "--text-col", "body"])
    assert result.exit_code == 1 and "empty.csv has no header" in result.stderr
    # the check reads at most a megabyte of a first line, and names at most 20 columns
    wide = tmp_path / "wide.csv.gz"
    wide.write_bytes(gzip.compress(b"a" * (3 << 20), mtime=0))
    result = batch([str(wide), "-o", str(out), "--text-col", "body", "--max-bytes", "1000000"])
    assert result.exit_code == 1 and "more than --max-bytes" in result.stderr
    many = tmp_path / "many.csv"
    many.write_text(",".join(f"column{k}" for k in range(500)) + "\n" + ",".join("x" * 500) + "\n", encoding="utf-8")
    result = batch([str(many), "-o", str(out), "--text-col", "body", "--force"])
    assert "… (500 in all)" in result.stderr and len(result.stderr) < 1000
    # a column that one of several inputs has: the others are failed documents, the run goes on
    result = batch([str(src), str(other), "-o", str(out), "--by", "platform", "--force"])
    assert result.exit_code == 1
    rows = read_csv(out)
    assert "no column 'platform' to group by" in rows[0]["error"] and rows[-1]["platform"] == "x"

def test_jsonl_with_a_byte_order_mark_is_read(tmp_path):
    src = tmp_path / "bom.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + json.dumps(POSTS[0]).encode() + b"\n" + json.dumps(POSTS[1]).encode() + b"\n")
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out), "--text-col", "text"])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in read_csv(out)] == ["1", "2"] and read_csv(out)[0]["russia_caps_words"] == "2"


def test_csv_with_embedded_newlines_and_folder_of_texts(tmp_path):
    src = tmp_path / "posts.csv"
    with open(src, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["created_at", "content"])
        writer.writerow(["2025-01-01", "Russia wants TRADE.\n\nPRESIDENT DONALD J. TRUMP"])
    folder = tmp_path / "texts" / "deep"
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text("Ukraine is GREAT.", encoding="utf-8")
    (tmp_path / "texts" / "b.md").write_bytes("Russia’s TRADE".encode("cp1252"))
    out = tmp_path / "out.csv"
    assert batch([str(src), str(tmp_path / "texts"), "-o", str(out)]).exit_code == 0
    rows = read_csv(out)
    assert rows[0]["date"] == "2025-01-01" and rows[0]["russia_caps_words"] == "1"
    assert [r["source"].rsplit("/", 1)[-1] for r in rows[1:]] == ["b.md", "a.txt"]
    assert rows[1]["russia_caps_words"] == "1"  # cp1252 fallback, decoded


def test_all_output_formats_hold_the_same_rows(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    frames = {}
    for ext in ("csv", "tsv", "jsonl", "parquet"):
        out = tmp_path / f"out.{ext}"
        assert batch([str(src), "-o", str(out)]).exit_code == 0
        frames[ext] = {"csv": pd.read_csv, "tsv": lambda p: pd.read_csv(p, sep="\t"),
                       "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[ext](out)
    for ext, frame in frames.items():
        assert frame["russia_caps_words"].tolist() == [2, 0, 1, 1], ext
        assert frame["ukraine_caps_words"].tolist() == [0, 0, 0, 1], ext


def test_sqlite_has_documents_evidence_and_summary(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "out.sqlite"
    assert batch([str(src), "-o", str(out), "--by", "month"]).exit_code == 0
    db = sqlite3.connect(out)
    assert db.execute("select count(*) from documents").fetchone() == (4,)
    assert ("TRADE", "caps", "Russia") in db.execute("select text, signal, entities from evidence").fetchall()
    assert [r[0] for r in db.execute("select month from summary")] == ["2025-05", "2025-06"]  # no SQL keyword


def test_summary_keyness_evidence_dedupe_and_dates(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS + [dict(POSTS[1], id="9")])
    out, key, ev = tmp_path / "out.csv", tmp_path / "key.csv", tmp_path / "ev.jsonl"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--by", "month", "--keyness", str(key),
                                 "--evidence", str(ev), "--dedupe", "--since", "2025-05-20"])
    assert result.exit_code == 0, result.output
    assert "1 duplicates dropped" in result.stderr and "1 outside the dates" in result.stderr
    assert [r["id"] for r in read_csv(out)] == ["2", "3", "3"]
    summary = read_csv(tmp_path / "out.summary.csv")
    assert [s["month"] for s in summary] == ["2025-05", "2025-06"] and summary[0]["low_n"] == "True"
    assert "2025-06" in result.stdout and "bootstrap" in result.stdout
    assert list(read_csv(key)[0]) == ["word", "russia_count", "ukraine_count", "log_odds", "z", "favours"]
    evidence = [json.loads(line) for line in ev.read_text().splitlines()]
    assert [(e["document"], e["signal"], e["text"]) for e in evidence[:2]] == [
        ("2", "intensifier", "great"), ("2", "title_case", "Trade")]


def test_keyness_never_gives_a_side_the_words_it_does_not_use():
    """The prior is the pooled rate over all words: a side with no words of its own gets the
    pooled rate, so no word can favour it (it did, with z -18, when the prior was scaled over the
    kept words only)."""
    a = {"hillary": 5, "the": 17, "hoax": 4, **{f"rare{i}": 1 for i in range(600)}}
    alone = keyness(a, {}, ("Russia", "Ukraine"))
    assert (alone["z"].abs() < 1e-9).all() and set(alone["favours"]) == {""}
    b = {"the": 20, "peace": 9, **{f"other{i}": 1 for i in range(300)}}
    many = {"the": 17, "deal": 9, "isis": 7, **{f"rare{i}": 1 for i in range(637)}}  # rounding gave z 2e-15
    assert set(keyness(many, {}, ("Russia", "Ukraine"))["favours"]) == {""}
    both = keyness(a, b, ("Russia", "Ukraine")).set_index("word")
    assert (both.loc[both["ukraine_count"] == 0, "z"] > 0).all()
    assert (both.loc[both["russia_count"] == 0, "z"] < 0).all()


def test_keyness_table_from_the_cli(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS * 3)
    key = tmp_path / "key.csv"
    assert batch([str(src), "-o", str(tmp_path / "o.csv"), "--keyness", str(key)]).exit_code == 0
    words = {r["word"]: r for r in read_csv(key)}
    assert words["peace"]["favours"] == "Ukraine" and float(words["peace"]["z"]) < 0
    assert words["big"]["favours"] == "Russia" and int(words["big"]["russia_count"]) == 3
    assert "russia" not in words and "putin" not in words  # entity mentions are left out


def test_existing_output_needs_force(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "out.csv"
    out.write_text("keep me")
    result = batch([str(src), "-o", str(out)])
    assert result.exit_code == 1 and "use --force" in result.stderr
    assert out.read_text() == "keep me"


def test_formula_cells_are_defused_by_default(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", [{"id": "=HYPERLINK(1)", "text": "Russia wants TRADE."}])
    out = tmp_path / "out.csv"
    batch([str(src), "-o", str(out)])
    assert read_csv(out)[0]["id"] == "'=HYPERLINK(1)"
    batch([str(src), "-o", str(out), "--force", "--no-escape-formulas"])
    assert read_csv(out)[0]["id"] == "=HYPERLINK(1)"


def test_parquet_and_json_array_inputs(tmp_path):
    pd.DataFrame(POSTS).to_parquet(tmp_path / "posts.parquet")
    (tmp_path / "posts.json").write_text(json.dumps(POSTS), encoding="utf-8")
    records = list(iter_records([tmp_path / "posts.parquet", tmp_path / "posts.json"]))
    assert [r.id for r in records] == ["1", "2", "3", "3"] * 2
    assert [r.position for r in records] == list(range(8))


def test_python_api_measure_many_summarize_keyness():
    frame = pd.DataFrame(POSTS)
    docs = measure_many(frame, text_col="text", date_col="date")
    assert docs["russia_caps_words"].tolist() == [2, 0, 1, 1]
    summary = summarize(docs, by="month", config=Config.make())
    assert summary["documents"].tolist() == [2, 2] and summary["low_n"].all()
    table = keyness({"trade": 30, "big": 10}, {"peace": 25, "trade": 2}, ("Russia", "Ukraine"))
    assert table.iloc[0]["word"] == "trade" and table.iloc[-1]["word"] == "peace"


def test_bootstrap_is_seeded_and_swapping_the_pair_flips_it():
    docs = measure_many([p["text"] for p in POSTS * 10])
    a = summarize(docs, config=Config.make(), seed=1)
    b = summarize(docs, config=Config.make(), seed=1)
    pd.testing.assert_frame_equal(a, b)
    swapped = summarize(docs, config=Config.make(pair="Ukraine,Russia"), seed=1)
    assert swapped["asymmetry_caps_words"][0] == pytest.approx(-a["asymmetry_caps_words"][0])


def test_run_batch_api_on_the_sample_corpus(tmp_path):
    out = tmp_path / "corpus.jsonl"
    report = run_batch([CORPUS], BatchOptions(output=out, jobs=1), Config.make(), Columns())
    assert report.documents == len(list(CORPUS.glob("*.txt"))) and report.failed == 0


def test_date_range_at_month_precision(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", POSTS)
    out = tmp_path / "out.csv"
    assert batch([str(src), "-o", str(out), "--since", "2025-06", "--until", "2025-06"]).exit_code == 0
    assert [r["date"][:7] for r in read_csv(out)] == ["2025-06", "2025-06"]


def test_run_batch_in_the_callers_process_freezes_nothing(tmp_path):
    """With one job the API measures in the caller's process, whose objects are not ours to
    move out of garbage collection (pool workers and the command line freeze the lexicons)."""
    import gc

    from rhetoric.batch import BatchOptions, run_batch

    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in POSTS), encoding="utf-8")
    before = gc.get_freeze_count()
    report = run_batch([src], BatchOptions(output=tmp_path / "out.csv", jobs=1), Config.make())
    assert report.documents == len(POSTS)
    assert gc.get_freeze_count() <= before  # frozen objects may die meanwhile; a freeze would add thousands


def test_run_batch_keeps_nothing_of_the_config_in_the_callers_process(tmp_path):
    """After a one-job run, the prepared pipeline (lexicons, token memo) is gone: no module-level
    reference and no cycle left for the collector, so it is freed by reference counting."""
    import gc

    from rhetoric.batch import BatchOptions, run_batch
    from rhetoric.pipeline import Pipeline

    src = tmp_path / "posts.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in POSTS), encoding="utf-8")
    config = Config.make(entities={"China": ["China"], "India": ["India"]})
    gc.collect()
    gc.disable()
    try:
        report = run_batch([src], BatchOptions(output=tmp_path / "out.csv", jobs=1), config)
        alive = [o for o in gc.get_objects() if isinstance(o, Pipeline)]
    finally:
        gc.enable()
    assert report.documents == len(POSTS)
    assert alive == []


@pytest.mark.parametrize("make_args", [
    lambda d: ["batch", str(d / "p.jsonl"), "-o", str(d / "p.jsonl"), "--force"],
    lambda d: ["batch", str(d / "p.jsonl"), "-o", str(d / "out.csv"), "--keyness", str(d / "out.csv"), "--force"],
    lambda d: ["batch", str(d / "p.jsonl"), "-o", str(d / "e.toml"), "--entities", str(d / "e.toml"), "--force"],
    lambda d: ["measure", str(d / "hard.txt"), "-o", str(d / "t.txt"), "--force"],
    lambda d: ["measure", str(d / "t.txt"), "-f", "csv", "-o", str(d / "x.csv"), "--chart", str(d / "x.png")],
])
def test_no_output_replaces_an_input_or_another_output(tmp_path, make_args):
    (tmp_path / "p.jsonl").write_text(json.dumps(POSTS[0]) + "\n", encoding="utf-8")
    (tmp_path / "e.toml").write_text('[entities.China]\ncountry = ["China"]\n', encoding="utf-8")
    (tmp_path / "t.txt").write_text(POSTS[0]["text"], encoding="utf-8")
    os.link(tmp_path / "t.txt", tmp_path / "hard.txt")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    result = runner.invoke(app, make_args(tmp_path))
    assert result.exit_code == 1
    assert "is an input of this command" in result.stderr or "two outputs of this command" in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_filters_and_summaries_read_every_date_the_same_way(tmp_path):
    """One reading of dates: a Twitter archive's created_at, RFC 2822, YYYYMMDD and Unix time
    are kept by --since and grouped by --by alike (they were dropped, or grouped "(no date)")."""
    from rhetoric.dates import document_day

    dates = ["Mon May 19 17:33:06 +0000 2025", "Tue, 20 May 2025 10:00:00 +0000", "20250521", "1747612800",
             "May 22, 2025", "2025/05/23", "2025-05-31T23:30:00-05:00"]
    assert [document_day(d) for d in dates] == ["2025-05-19", "2025-05-20", "2025-05-21", "2025-05-19",
                                                "2025-05-22", "2025-05-23", "2025-06-01"]
    src = write_jsonl(tmp_path / "dates.jsonl", [{"id": str(i), "created_at": d, "text": "Russia is GREAT"}
                                                 for i, d in enumerate([*dates, "soon"])])
    out = tmp_path / "out.csv"
    result = batch([str(src), "-o", str(out), "--since", "2025-05", "--by", "month"])
    assert result.exit_code == 0, result.stderr
    assert len(read_csv(out)) == 8  # "soon" does not parse: kept, as undated documents are
    summary = {r["month"]: r for r in read_csv(tmp_path / "out.summary.csv")}
    assert summary["2025-05"]["documents"] == "6" and summary["2025-06"]["documents"] == "1"
    assert summary["(no date)"]["documents"] == "1"


@pytest.mark.parametrize("value,day", [
    ("2025", "2025-01-01"), ("2025-05", "2025-05-01"), ("2025-5-9", "2025-05-09"), ("May 2025", "2025-05-01"),
    ("2025-05-19 17:33:06 UTC", "2025-05-19"), ("2025-05-19 17:33:06.000 +0000", "2025-05-19"),
    ("Monday, May 19, 2025", "2025-05-19"), ("19-May-2025", "2025-05-19"), ("2025.05.19", "2025-05-19"),
    ("5/19/25", "2025-05-19"), (20250521.0, "2025-05-21"), ("20250521.0", "2025-05-21"), (1747612800.0, "2025-05-19"),
    # never an exception, and no year made up: None
    ("0001-01-01T00:00:00+01:00", None), ("9999-12-31T23:00:00-05:00", None), ("May 19", None), ("3", None),
    ("Mon May 19 17:33:06 +0000 99999999999", None), (pd.NA, None), (pd.NaT, None), (float("nan"), None),
    ("２０２５０５２１", None), ("2025-02-30", None), ("0000-00-00", None), ("99999999999999999999", None), (" ", None),
])
def test_document_dates_in_the_forms_archives_write_them(value, day):
    from rhetoric.dates import document_day, group_keys

    assert document_day(value) == day
    keys = group_keys(pd.DataFrame({"date": [value, None]}), "month")
    assert list(keys) == [day[:7] if day else "(no date)", "(no date)"]


def test_since_and_until_are_dates(tmp_path):
    """--since/--until must be real dates in order, and documents' dates are read as dates
    (ISO with an offset, US style, Unix time), not compared as text."""
    from rhetoric.dates import document_day

    assert document_day("2025-05-19T23:30:00-05:00") == "2025-05-20"  # UTC, as the summaries group it
    assert document_day("05/19/2025") == document_day("1747612800") == "2025-05-19"
    assert document_day("1747612800000") == "2025-05-19" and document_day("soon") is None
    src = tmp_path / "dates.csv"
    src.write_text("id,date,text\n1,05/19/2025,Russia is GREAT\n2,2025-06-02,Ukraine is BIG\n"
                   "3,1747612800,Russia wants TRADE\n4,2024-12-31,Russia again\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--since", "2025-05-01", "--until", "2025-05",
                                 "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert [r["id"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["1", "3"]
    for args, message in ((["--since", "2025-13-01"], "expected a date"), (["--since", "2025-5-1"], "expected a date"),
                          (["--since", "2025-06-01", "--until", "2025-01-01"], "is after --until")):
        result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "x.csv"), *args])
        assert result.exit_code != 0 and message in result.stderr and len(result.stderr.strip().splitlines()) == 1
        assert not (tmp_path / "x.csv").exists()


def test_outputs_get_the_usual_file_mode(tmp_path):
    """Files written through a temporary file get the mode a plain open() gives (umask
    applied), not the private 0600 of a temporary file."""
    mask = os.umask(0o022)
    try:
        out = tmp_path / "m.txt"
        assert runner.invoke(app, ["measure", str(CORPUS / "putin-call-2025-05-19.txt"), "-o", str(out)]).exit_code == 0
        assert out.stat().st_mode & 0o777 == 0o644
    finally:
        os.umask(mask)


def test_dedupe_keeps_empty_texts_and_jobs_must_not_be_negative(tmp_path):
    src = tmp_path / "posts.jsonl"
    rows = [{"id": "1", "text": "Russia is GREAT"}, {"id": "2", "text": "Russia is GREAT"},
            {"id": "3", "text": ""}, {"id": "4", "text": ""}]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--dedupe"])
    assert "1 duplicate" in result.stderr
    assert [r["id"] for r in csv.DictReader(out.open(encoding="utf-8"))] == ["1", "3", "4"]
    result = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "x.csv"), "-j", "-3"])
    assert result.exit_code != 0 and "--jobs -3" in result.stderr and not (tmp_path / "x.csv").exists()


def test_an_unclosed_quote_in_a_csv_loses_only_its_line(tmp_path):
    """A quote that is never closed made the CSV reader swallow the rest of the file as one
    field; now that line is an error row and every later line is still a document."""
    lines = ["id,text"] + [f"{i},post {i} about Russia" for i in range(1, 201)]
    lines[3] = '3,"unclosed quote about Russia'
    src = tmp_path / "posts.csv"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out)])
    assert result.exit_code == 1
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 200
    errors = [r["error"] for r in rows if r["error"]]
    assert errors == ["line 4: malformed CSV (a quote opens here and is never closed)"]
    assert [r["id"] for r in rows if not r["error"]] == [str(i) for i in range(1, 201) if i != 3]
    assert rows[-1]["source"].endswith(":201")


def test_low_n_counts_the_documents_about_each_side():
    """Thirty posts in a month, two of them about Ukraine: the interval rests on two posts,
    so the group is low_n although it has thirty documents."""
    texts = ["Russia wants TRADE. It is GREAT."] * 28 + ["Ukraine is BIG.", "Ukraine wants PEACE now."]
    docs = measure_many(pd.DataFrame({"text": texts, "date": ["2025-07-01"] * 30}), date_col="date")
    summary = summarize(docs, by="month")
    row = summary.iloc[0]
    assert row["documents"] == 30 and row["russia_documents"] == 28 and row["ukraine_documents"] == 2
    assert bool(row["low_n"])
    enough = summarize(measure_many(pd.DataFrame({"text": ["Russia and Ukraine are BIG."] * 25,
                                                  "date": ["2025-07-01"] * 25}), date_col="date"), by="month")
    assert not bool(enough.iloc[0]["low_n"])


def test_measure_many_keeps_the_index_of_a_dataframe_so_its_columns_join_back():
    frame = pd.DataFrame({"text": ["Russia is GREAT", "Ukraine is BIG", "Russia wants TRADE"],
                          "platform": ["truth_social", "twitter", "truth_social"]}, index=[101, 205, 307])
    docs = measure_many(frame)
    assert docs.index.tolist() == [101, 205, 307]
    assert docs.loc[205, "ukraine_caps_words"] == 1
    summary = summarize(frame[["platform"]].join(docs), by="platform")
    assert dict(zip(summary["platform"], summary["documents"], strict=True)) == {"truth_social": 2, "twitter": 1}


def test_since_filters_failed_documents_by_their_date_and_counts_dates_it_cannot_read(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", [
        {"id": "1", "date": "not a date", "text": "Russia is BIG"}, {"id": "2", "date": "2025-13-45", "text": "Russia"},
        {"id": "3", "date": "2025-05-01", "text": 5}, {"id": "4", "date": "2025-07-01", "text": "Ukraine"},
        {"id": "5", "text": "no date"}])
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--since", "2025-06-01"])
    assert result.exit_code == 0, result.output  # the failed document of May is outside the dates
    assert [r["id"] for r in read_csv(out)] == ["1", "2", "4", "5"]
    assert "1 outside the dates" in result.stderr and "2 kept with a date that cannot be read" in result.stderr


def test_a_copy_outside_the_dates_does_not_make_a_text_inside_them_a_duplicate(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", [{"id": "1", "date": "2024-05-01", "text": "Russia is BIG"},
                                                {"id": "2", "date": "2025-05-01", "text": "Russia is BIG"}])
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(src), "-o", str(out), "--since", "2025", "--dedupe"])
    assert result.exit_code == 0 and [r["id"] for r in read_csv(out)] == ["2"]
    assert "0 duplicates dropped; 1 outside the dates" in result.stderr


def test_a_run_with_no_document_left_is_a_one_line_error_for_a_chart(tmp_path):
    src = write_jsonl(tmp_path / "posts.jsonl", [{"id": "1", "date": "2024-05-01", "text": "Russia is BIG"}])
    out = tmp_path / "out.csv"
    assert batch([str(src), "-o", str(out), "--since", "2030"]).exit_code == 0
    result = runner.invoke(app, ["chart", str(out), "--kind", "asymmetry", "-o", str(tmp_path / "a.png")])
    assert result.exit_code == 1 and "no measured documents to chart" in result.stderr
    src = write_jsonl(tmp_path / "none.jsonl", [{"id": "1", "text": "Nothing here."}])
    assert batch([str(src), "-o", str(tmp_path / "none.csv")]).exit_code == 0
    result = runner.invoke(app, ["chart", str(tmp_path / "none.csv"), "--kind", "profile",
                                 "-o", str(tmp_path / "p.png")])
    assert result.exit_code == 1 and "no document mentions any of the entities" in result.stderr


def test_exclamation_evidence_puts_its_marks_in_marks_not_kind(tmp_path):
    posts = tmp_path / "p.jsonl"
    posts.write_text(json.dumps({"id": "a", "text": "Russia must stop!!! Now."}) + "\n", encoding="utf-8")
    evidence = tmp_path / "ev.csv"
    assert runner.invoke(app, ["batch", str(posts), "-o", str(tmp_path / "o.csv"), "--evidence", str(evidence),
                               "-q"]).exit_code == 0
    rows = [r for r in read_csv(evidence) if r["signal"] == "exclamation"]
    assert [(r["kind"], r["marks"], r["text"]) for r in rows] == [("", "3", "!!!")]


def test_dates_are_typed_in_parquet_and_sqlite(tmp_path):
    import sqlite3

    posts = tmp_path / "p.jsonl"
    posts.write_text("".join(json.dumps(r) + "\n" for r in (
        {"id": "a", "date": "2025-05-19T17:33:06.954Z", "text": "Russia is BIG."},
        {"id": "b", "date": "2025-05-20T01:00:00+02:00", "text": "Ukraine is BIG."},
        {"id": "c", "date": "whenever", "text": "Nothing."})), encoding="utf-8")
    parquet, db = tmp_path / "o.parquet", tmp_path / "o.sqlite"
    for out in (parquet, db):
        assert runner.invoke(app, ["batch", str(posts), "-o", str(out), "-q"]).exit_code == 0
    dates = pd.read_parquet(parquet)["date"]
    assert str(dates.dtype) == "datetime64[us, UTC]"
    assert str(dates.iloc[1]) == "2025-05-19 23:00:00+00:00" and pd.isna(dates.iloc[2])
    with sqlite3.connect(db, detect_types=sqlite3.PARSE_DECLTYPES) as conn:
        values = [r[0] for r in conn.execute("select date from documents order by id")]
        assert [v.isoformat() if v else v for v in values] == ["2025-05-19T17:33:06", "2025-05-19T23:00:00", None]
        assert conn.execute("select date(date) from documents where id = 'a'").fetchone() == ("2025-05-19",)


def test_a_slow_run_reports_a_rate_that_is_not_zero():
    from rhetoric.cli import _rate

    assert _rate(1, 5.2) == "0.19/s" and _rate(3, 0.5) == "6/s" and _rate(33504, 3.1) == "10,808/s"
