"""Corpus analyses as newsrooms publish them: whole-document counts, every exclamation mark,
kept and filtered input columns, standard input, voices (reposts and quotations) and evidence
that can be quoted; on hand-made inputs and the shared corpora, through the real CLI."""

from __future__ import annotations

import csv
import gzip
import json
import shutil
import subprocess

import pandas as pd
import pytest
from typer.testing import CliRunner

import rhetoric
from rhetoric.cli import app
from rhetoric.filters import parse_filter, passes
from tests.conftest import SHARED

runner = CliRunner()

POSTS = [
    {"id": "1", "date": "2016-01-01", "text": "Russia is GREAT!! so g8t!!! enjoy", "reply": False,
     "client": "Twitter for Android", "likes": 10},
    {"id": "2", "date": "2016-01-02", "text": '"@fan: @realDonaldTrump Russia must PAY! BEST EVER!" Thank you!',
     "reply": False, "client": "Twitter for iPhone", "likes": 3},
    {"id": "3", "date": "2016-01-03", "text": "RT @someone: Ukraine is TREMENDOUS!", "reply": True,
     "client": "Twitter for iPhone", "likes": 0, "repost": True},
    {"id": "4", "date": "2016-02-01", "text": "Ukraine wants TRADE. A great deal!", "reply": True,
     "client": "Twitter for Android", "likes": 7},
]


def jsonl(path, rows=POSTS):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def batch(*args):
    result = runner.invoke(app, ["batch", *map(str, args), "-q"])
    return result


# -- whole-document counts -----------------------------------------------------------------------

def test_whole_document_counts_and_rates_in_the_documents_table(tmp_path):
    out = tmp_path / "docs.csv"
    assert batch(jsonl(tmp_path / "p.jsonl"), "-o", out).exit_code == 0
    docs = pd.read_csv(out, dtype={"id": str}).set_index("id")
    # "Russia is GREAT!! so g8t!!! enjoy": one ALL-CAPS word, 5 marks, no sentence ending in "!"
    assert docs.loc["1", "caps_words"] == 1 and docs.loc["1", "exclamation_marks"] == 5
    assert docs.loc["1", "exclamations"] == 0
    assert docs.loc["1", "exclamation_marks_per_100_words"] == pytest.approx(100 * 5 / docs.loc["1", "words"])
    assert docs.loc["4", "trade_words"] == 1 and docs.loc["4", "trade_words_per_100_words"] > 0
    # the whole text's counts come before the per-entity columns
    columns = list(docs.columns)
    assert columns.index("caps_words") < columns.index("russia_caps_words")


def test_every_exclamation_mark_is_evidence_with_its_marks():
    m = rhetoric.measure("episodes !!!! this show, so g8t!!! enjoy. Russia is BIG! See https://x.com/a!b")
    runs = [(e.signal, e.text, e.to_dict()["marks"]) for e in m.evidence if e.signal.startswith("exclamation")]
    assert runs == [("exclamation_mark", "!!!!", 4), ("exclamation_mark", "!!!", 3), ("exclamation", "!", 1)]
    assert m.totals["exclamation_marks"] == 8 and m.totals["exclamations"] == 1  # the link's "!" is no mark


def test_measure_csv_has_the_documents_table_columns(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text(POSTS[0]["text"], encoding="utf-8")
    result = runner.invoke(app, ["measure", str(post), "--format", "csv"])
    row = next(csv.DictReader(result.stdout.splitlines()))
    assert row["exclamation_marks"] == "5" and row["caps_words"] == "1" and "russia_caps_words" in row


@pytest.mark.parametrize("suffix", ["csv", "jsonl", "parquet", "sqlite"])
def test_every_format_keeps_a_boolean_column_typed_and_the_counts(tmp_path, suffix):
    out = tmp_path / f"docs.{suffix}"
    result = batch(jsonl(tmp_path / "p.jsonl"), "-o", out, "--keep", "reply,client", "--keep", "likes")
    assert result.exit_code == 0, result.output
    if suffix == "sqlite":
        import sqlite3

        with sqlite3.connect(out) as db:
            docs = pd.read_sql_query("select * from documents", db)
        assert docs["reply"].tolist() == [0, 0, 1, 1]
    elif suffix == "parquet":
        docs = pd.read_parquet(out)
        assert docs["reply"].dtype == bool and docs["likes"].tolist() == [10, 3, 0, 7]
    elif suffix == "jsonl":
        docs = pd.read_json(out, lines=True)
        assert docs["reply"].tolist() == [False, False, True, True]
    else:
        docs = pd.read_csv(out)
        assert docs["reply"].tolist() == [False, False, True, True]
    assert docs["client"].tolist()[0] == "Twitter for Android"
    assert docs["exclamation_marks"].tolist()[0] == 5


def test_keep_and_where_read_csv_and_parquet_inputs(tmp_path):
    frame = pd.DataFrame(POSTS).drop(columns=["repost"])
    frame.to_csv(tmp_path / "p.csv", index=False)
    frame.to_parquet(tmp_path / "p.parquet")
    for source in ("p.csv", "p.parquet"):
        out = tmp_path / f"{source}.out.csv"
        result = batch(tmp_path / source, "-o", out, "--keep", "client", "--where", "reply=false",
                       "--where", "likes>=5")
        assert result.exit_code == 0, result.output
        docs = pd.read_csv(out, dtype={"id": str})
        assert docs["id"].tolist() == ["1"] and docs["client"].tolist() == ["Twitter for Android"]


def test_where_and_exclude_are_counted_in_the_run_message(tmp_path):
    result = runner.invoke(app, ["batch", str(jsonl(tmp_path / "p.jsonl")), "-o", str(tmp_path / "d.csv"),
                                 "--exclude", "client=Twitter for iPhone"])
    assert result.exit_code == 0
    assert "2 left out by --where/--exclude" in result.output
    assert pd.read_csv(tmp_path / "d.csv", dtype={"id": str})["id"].tolist() == ["1", "4"]


def test_keep_all_copies_every_other_column(tmp_path):
    out = tmp_path / "d.csv"
    assert batch(jsonl(tmp_path / "p.jsonl"), "-o", out, "--keep", "all").exit_code == 0
    columns = pd.read_csv(out).columns.tolist()
    assert columns[:7] == ["id", "date", "source", "reply", "client", "likes", "words"]


@pytest.mark.parametrize("args, message", [
    (["--keep", "nope"], "--keep/--where/--exclude 'nope': no such column"),
    (["--where", "nope=1"], "--keep/--where/--exclude 'nope': no such column"),
    (["--where", "likes>many"], "> compares numbers"),
    (["--where", "likes"], "expected COLUMN=VALUE"),
    (["--at-least", "0"], "--at-least '0'"),
    (["--with-text"], "--with-text writes the texts into the evidence file"),
])
def test_bad_values_are_one_line_errors_before_the_run(tmp_path, args, message):
    out = tmp_path / "d.csv"
    result = runner.invoke(app, ["batch", str(jsonl(tmp_path / "p.jsonl")), "-o", str(out), *args])
    assert result.exit_code != 0
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists()


def test_filters_compare_typed_values():
    assert passes([parse_filter("reply=false", True)], ["False"])       # a CSV cell
    assert passes([parse_filter("reply=false", True)], [False])         # a JSON value
    assert not passes([parse_filter("likes>5", True)], ["abc"])         # text is not ordered against a number
    assert passes([parse_filter("client=Twitter for iPhone", False)], ["Twitter for Android"])
    assert passes([parse_filter("likes!=3", True)], [3.5])


# -- standard input --------------------------------------------------------------------------------

def test_batch_reads_json_lines_and_plain_text_from_standard_input(tmp_path):
    exe = shutil.which("rhetoric")
    assert exe
    lines = "".join(json.dumps(r) + "\n" for r in POSTS)
    done = subprocess.run([exe, "batch", "-", "-o", "j.csv", "--keep", "client"], input=lines, cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    docs = pd.read_csv(tmp_path / "j.csv", dtype={"id": str})
    assert docs["id"].tolist() == ["1", "2", "3", "4"] and docs["source"].tolist()[0] == "<stdin>:1"
    done = subprocess.run([exe, "batch", "-", "-o", "t.csv"], input="Russia is GREAT!\n\nUkraine wins!!\n",
                          cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    docs = pd.read_csv(tmp_path / "t.csv")
    assert docs["exclamation_marks"].tolist() == [1, 2] and docs["russia_caps_words"].tolist() == [1, 0]
    done = subprocess.run([exe, "batch", "-", "-o", "t.csv", "--resume"], input="x\n", cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode != 0 and "cannot be resumed" in done.stderr


# -- voices ----------------------------------------------------------------------------------------

def test_a_manual_retweet_counts_only_the_authors_comment():
    m = rhetoric.measure('"@fan: @realDonaldTrump Russia must PAY! BEST EVER!" Thank you!')
    assert m.voices.repost == "manual" and m.quoted_words == 5 and m.words == 2  # @mentions are no words
    assert m.entities["Russia"]["caps_words"] == 0 and m.totals["superlatives"] == 0
    assert m.totals["exclamations"] == 1  # "Thank you!"
    quoted = {e.text for e in m.evidence if e.voice == "quoted"}
    assert {"PAY", "BEST", "EVER"} <= quoted
    everything = rhetoric.Config.make(include_quoted=True).prepare().measure(m.text)
    assert everything.entities["Russia"]["caps_words"] == 1 and everything.quoted_words == 0


def test_a_quoted_headline_with_a_comment(tmp_path):
    text = 'Great piece: "Russia Is Losing The War Badly, Experts Say" - @nytimes. So TRUE!'
    post = tmp_path / "post.txt"
    post.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["measure", str(post)])
    assert "Someone else's words left out" in result.output
    m = rhetoric.measure(text)
    assert m.voices.quoted and m.totals["caps_words"] == 1  # TRUE, his; the headline's words are set aside
    assert all(e.voice == "quoted" for e in m.evidence if text.index('"') <= e.start < text.index("@nytimes"))


def test_native_reposts_and_skip_reposts(tmp_path):
    out = tmp_path / "d.csv"
    assert batch(jsonl(tmp_path / "p.jsonl"), "-o", out).exit_code == 0
    docs = pd.read_csv(out, dtype={"id": str}).set_index("id")
    assert docs.loc["2", "repost"] == "manual" and docs.loc["3", "repost"] == "native"
    assert pd.isna(docs.loc["1", "repost"])
    assert docs.loc["3", "words"] == 0 and docs.loc["3", "intensifiers"] == 0
    result = runner.invoke(app, ["batch", str(tmp_path / "p.jsonl"), "-o", str(tmp_path / "own.csv"),
                                 "--skip-reposts"])
    assert "2 reposts left out" in result.output
    assert pd.read_csv(tmp_path / "own.csv", dtype={"id": str})["id"].tolist() == ["1", "4"]


def test_repost_col_names_the_flag(tmp_path):
    rows = [{"text": "Ukraine is GREAT!", "shared": "yes"}, {"text": "Ukraine is GREAT!", "shared": "no"}]
    out = tmp_path / "d.csv"
    assert batch(jsonl(tmp_path / "p.jsonl", rows), "-o", out, "--repost-col", "shared").exit_code == 0
    assert pd.read_csv(out)["repost"].fillna("").tolist() == ["native", ""]
    result = batch(tmp_path / "p.jsonl", "-o", tmp_path / "e.csv", "--repost-col", "nope")
    assert result.exit_code != 0 and "--repost-col 'nope'" in result.output


# -- evidence that can be quoted ---------------------------------------------------------------------

def test_evidence_rows_carry_their_sentence_voice_and_with_text_the_document(tmp_path):
    evidence = tmp_path / "ev.jsonl"
    result = batch(jsonl(tmp_path / "p.jsonl"), "-o", tmp_path / "d.csv", "--evidence", evidence, "--with-text")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in evidence.read_text(encoding="utf-8").splitlines()]
    texts = [r for r in rows if r["signal"] == "document"]
    assert [r["text"] for r in texts] == [p["text"] for p in POSTS]
    caps = next(r for r in rows if r["signal"] == "caps" and r["document"] == "4")
    assert caps["text"] == "TRADE" and caps["sentence_text"] == "Ukraine wants TRADE." and caps["voice"] == "author"
    pay = next(r for r in rows if r["text"] == "PAY")
    assert pay["voice"] == "quoted" and pay["sentence_text"].startswith('"@fan')


# -- the shared corpora --------------------------------------------------------------------------------

@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"shared data not found at {SHARED}")
def test_truth_social_flags_and_quote_posts(tmp_path):
    out = tmp_path / "ts.csv"
    result = batch(SHARED / "corpus" / "truth_social.jsonl.gz", "-o", out, "--keep", "repost")
    assert result.exit_code == 0
    docs = pd.read_csv(out, dtype={"id": str}, low_memory=False)
    # the input's flag is kept as input_repost, beside rhetoric's own repost column
    assert docs.columns.tolist().index("input_repost") == 3 and docs.columns.tolist().count("repost") == 1
    with gzip.open(SHARED / "corpus" / "truth_social.jsonl.gz", "rt", encoding="utf-8") as handle:
        flagged = sum(1 for line in handle if json.loads(line).get("repost"))
    native = int((docs["repost"] == "native").sum())
    assert int(docs["input_repost"].sum()) == flagged
    # a flagged "RT: <link>" post with a comment of his own is a quote post, not a repost
    assert 0 < flagged - native < 100


# -- time series of the whole documents -----------------------------------------------------------

def test_time_series_of_the_whole_documents_share_and_rate(tmp_path):
    from rhetoric.charts import timeseries_data

    out = tmp_path / "d.csv"
    assert batch(jsonl(tmp_path / "p.jsonl"), "-o", out).exit_code == 0
    docs = pd.read_csv(out, dtype={"id": str})
    share = timeseries_data(docs, "month", "exclamation_marks", whole=True, share=True)
    by_month = share.set_index("period")
    # January: 3 posts, the native repost has no words of the author's; both others have a "!"
    assert by_month.loc["2016-01", "documents"] == 2 and by_month.loc["2016-01", "count"] == 2
    assert by_month.loc["2016-01", "rate"] == 100.0 and by_month.loc["2016-02", "rate"] == 100.0
    rate = timeseries_data(docs, "month", "caps_words", whole=True).set_index("period")
    jan = docs[docs["date"].str.startswith("2016-01")]
    assert rate.loc["2016-01", "rate"] == pytest.approx(100 * jan["caps_words"].sum() / jan["words"].sum())
    chart = tmp_path / "share.png"
    result = runner.invoke(app, ["chart", str(out), "--kind", "timeseries", "--whole", "--share", "--signal",
                                 "exclamation_marks", "-o", str(chart)])
    assert result.exit_code == 0, result.output
    meta = json.loads(chart.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["colours"] == {"All posts": meta["colours"]["All posts"]}
    result = runner.invoke(app, ["chart", str(out), "--kind", "profile", "--share", "-o", str(tmp_path / "x.png")])
    assert result.exit_code != 0 and "--whole and --share draw a time series" in result.output
