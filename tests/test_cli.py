"""The command line, through typer's CliRunner and as the installed command."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from rhetoric.cli import app
from tests.conftest import CORPUS, ROOT

PUTIN = str(CORPUS / "putin-call-2025-05-19.txt")
runner = CliRunner()


def test_table_shows_both_views_asymmetry_tests_and_evidence():
    """The seed post's finding without flags: Ukraine has 1 sentence of its own with no ALL-CAPS
    word, while Russia's own sentences hold TRADE and UNLIMITED."""
    result = runner.invoke(app, ["measure", PUTIN])
    assert result.exit_code == 0, result.output
    out = result.stdout
    alone = out[out.index("Sentences about one entity alone"):out.index("evidence")]
    rows = {cells[0]: cells[1:] for cells in (re.split(r"\s{2,}", line.strip()) for line in alone.splitlines())}
    assert rows["sentences"][:2] == ["4", "1"]  # Russia 4, Ukraine 1
    assert rows["ALL-CAPS words"][:4] == ["2", "4.00", "0", "0.00"]  # Russia 2 (TRADE, UNLIMITED), Ukraine 0
    assert out.count("asymmetry") == 2 and out.count("Headline: ") == 2
    assert rows["trade words"][:4] == ["3", "6.00", "2", "12.50"]  # per 100 words, not a share
    assert rows["share of the trade words"] == ["60%", "40%"]  # shares on rows of their own
    for word in ("TRADE", "UNLIMITED"):
        line = next(ln for ln in out.splitlines() if ln.strip().startswith(word) and " caps " in ln)
        assert "Russia" in line and "Ukraine" not in line.split('"')[0]


def test_json_matches_the_golden_file():
    result = runner.invoke(app, ["measure", PUTIN, "--format", "json"])
    assert result.exit_code == 0
    golden = json.loads((ROOT / "tests" / "golden" / "putin-call-2025-05-19.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == golden


def test_csv_has_one_row_per_file_with_the_documents_table_columns(tmp_path):
    out = tmp_path / "out.csv"
    other = str(CORPUS / "ukraine-win-back-2025-09-23.txt")
    result = runner.invoke(app, ["measure", PUTIN, other, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    import csv

    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["source"] for r in rows] == [PUTIN, other]
    putin = rows[0]
    assert (putin["ukraine_exclusive_sentences"], putin["ukraine_exclusive_caps_words"]) == ("1", "0")
    assert putin["russia_exclusive_caps_words"] == "2" and putin["russia_caps_words"] == "3"
    assert "asymmetry_exclusive_caps_words" in putin


def test_several_files_give_one_json_result_each():
    other = str(CORPUS / "ukraine-win-back-2025-09-23.txt")
    result = runner.invoke(app, ["measure", PUTIN, other, "--format", "json"])
    data = json.loads(result.stdout)
    assert [d["source"] for d in data] == [PUTIN, other]


def test_stdin_is_read_with_dash():
    result = runner.invoke(app, ["measure", "-", "--format", "json"],
                           input="Russia wants TRADE. Its potential is UNLIMITED.")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["entities"]["Russia"]["caps_words"] == 2


def test_options_entities_topics_pair_and_no_carry(tmp_path):
    entities = tmp_path / "e.toml"
    entities.write_text('[entities.China]\ncountry = ["China"]\ncolour = "#000000"\n'
                        '[entities.India]\ncountry = ["India"]\n')
    result = runner.invoke(app, ["measure", "-", "--entities", str(entities), "--topic", "energy=oil,gas",
                                 "--format", "json", "--no-carry", "--pair", "India,China"],
                           input="China buys OIL. It is BIG. India sells gas.")
    data = json.loads(result.stdout)
    assert data["asymmetry"]["pair"] == ["India", "China"]
    assert data["entities"]["China"]["caps_words"] == 1
    assert data["entities"]["China"]["topics"]["energy"]["words"] == 1


@pytest.mark.parametrize("args,message", [
    (["measure", "no/such/file.txt"], "no such file"),
    (["measure", str(CORPUS)], "is a directory"),
    (["measure", "-", "--pair", "Russia,China"], "no entity named 'China'"),
    (["measure", "-", "--lexicon", "bogus=x.tsv"], "unknown lexicon"),
])
def test_bad_input_is_one_line_on_stderr(args, message):
    result = runner.invoke(app, args, input="Russia.")
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_binary_and_undecodable_files_are_refused(tmp_path):
    binary = tmp_path / "a.bin"
    binary.write_bytes(b"\x7fELF\x00\x00\x01\x02" * 100)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Russia \x81\x8d\x8f wants")
    for path, message in ((binary, "looks binary"), (bad, "nor cp1252")):
        result = runner.invoke(app, ["measure", str(path)])
        assert result.exit_code == 1 and message in result.stderr


def test_empty_file_warns_and_succeeds(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["measure", str(empty), "--format", "json"])
    assert result.exit_code == 0
    assert "empty text" in result.stderr
    assert json.loads(result.stdout)["words"] == 0


def test_every_command_has_help_and_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or command.callback.__name__
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.stdout
        assert f"rhetoric {name}" in readme


def test_installed_command_runs_as_a_subprocess():
    exe = shutil.which("rhetoric")
    assert exe, "the rhetoric command is not installed (pip install -e .)"
    done = subprocess.run([exe, "measure", PUTIN, "--format", "json"], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entities"]["Russia"]["caps_words"] == 3
    bad = subprocess.run([exe, "measure", "missing.txt"], capture_output=True, text=True, check=False)
    assert bad.returncode == 1 and bad.stderr.strip() == "rhetoric: error: missing.txt: no such file"
    usage = subprocess.run([exe, "measure", PUTIN, "--format", "xml"], capture_output=True, text=True, check=False)
    assert usage.returncode == 2 and len(usage.stderr.strip().splitlines()) == 1


def test_python_dash_m_works():
    done = subprocess.run([sys.executable, "-m", "rhetoric", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("rhetoric ")


def test_readme_table_is_the_real_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    marker = "$ rhetoric measure corpus/putin-call-2025-05-19.txt --no-evidence\n"
    shown = readme[readme.index(marker) + len(marker):].split("```")[0].rstrip("\n").splitlines()
    result = runner.invoke(app, ["measure", "corpus/putin-call-2025-05-19.txt", "--no-evidence"])
    assert shown == result.stdout.rstrip("\n").splitlines()


def test_a_value_that_rounds_to_zero_is_never_minus_zero():
    result = runner.invoke(app, ["measure", str(CORPUS / "ukraine-win-back-2025-09-23.txt")])
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if x.startswith("intensifiers and hyperbole"))
    assert line.split()[-2] == "+0.00" and "-0.00" not in result.stdout


def test_chart_options_without_a_chart_are_errors_not_ignored(tmp_path):
    post = str(CORPUS / "putin-call-2025-05-19.txt")
    for args, message in ((["--chart-kind", "text"], "--chart-kind: chart option"),
                          (["--title", "X", "--size", "square"], "--title, --size: chart options"),
                          (["--chart", str(tmp_path / "c.png"), "--sentences", "1-3"], "add --chart-kind text")):
        result = runner.invoke(app, ["measure", post, *args])
        assert result.exit_code == 1 and message in result.stderr, (args, result.stderr)
        assert result.stdout == ""
    assert runner.invoke(app, ["measure", post, "--format", "json"]).exit_code == 0


def test_a_bad_chart_kind_or_size_is_refused_before_the_table_is_printed(tmp_path):
    for options in (["--chart-kind", "pie"], ["--width", "-5"]):
        result = runner.invoke(app, ["measure", str(PUTIN), "--chart", str(tmp_path / "c.png"), *options])
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith("rhetoric: error: --")


def test_output_format_follows_the_extension_and_refuses_one_it_cannot_write(tmp_path):
    for name, first in (("o.csv", "source,words,"), ("o.json", "{"), ("o.txt", f"{PUTIN}: ")):
        assert runner.invoke(app, ["measure", PUTIN, "-o", str(tmp_path / name), "-q"]).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(first)
    for args, message in ((["-o", str(tmp_path / "out.xlsx")], "writes .txt (the table), .json or .csv"),
                          (["-o", str(tmp_path / "t.csv"), "-f", "table"], "does not match the extension .csv")):
        result = runner.invoke(app, ["measure", PUTIN, *args])
        assert result.exit_code == 1 and message in result.stderr and result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.xlsx").exists() and not (tmp_path / "t.csv").exists()


@pytest.mark.parametrize("name", ["posts.jsonl", "posts.csv", "posts.json", "posts.parquet", "posts.tsv",
                                  "posts.ndjson"])
def test_a_file_of_documents_is_refused_with_a_pointer_to_batch(tmp_path, name):
    path = tmp_path / name
    path.write_text('{"id": 1, "text": "Russia wants TRADE."}\n', encoding="utf-8")
    result = runner.invoke(app, ["measure", str(path)])
    assert result.exit_code == 1 and "not one text" in result.stderr and "rhetoric batch" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""


def test_a_cp1252_warning_names_the_file_once(tmp_path):
    post = tmp_path / "post.txt"
    post.write_bytes("Russia wants TRADE \u2014 a great deal.".encode("cp1252"))
    result = runner.invoke(app, ["measure", str(post), "--format", "json"])
    assert result.exit_code == 0 and result.stderr.count(str(post)) == 1 and "cp1252" in result.stderr


def test_inline_entities_attribute_as_the_entity_file_does(tmp_path):
    """The same aliases inline and in a TOML file give the same sentences and signals, pronoun
    carry included; aliases without a kind prefix carry as a reader expects (it -> Russia)."""
    toml = tmp_path / "e.toml"
    toml.write_text('[entities.Russia]\ncountry = ["Russia", "Moscow"]\nleader = ["Putin"]\n'
                    '[entities.Ukraine]\ncountry = ["Ukraine"]\nleader = ["Zelensky"]\n', encoding="utf-8")
    runs = [["--entities", str(toml)],
            ["--entity", "Russia=country:Russia,country:Moscow,leader:Putin",
             "--entity", "Ukraine=country:Ukraine,leader:Zelensky"],
            ["--entity", "Russia=Russia,Moscow,Putin", "--entity", "Ukraine=Ukraine,Zelensky"]]
    results = []
    for options in runs:
        result = runner.invoke(app, ["measure", PUTIN, "--format", "json", *options])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        results.append(([a["entities"] for a in data["attribution"]], data["entities"]))
    assert results[0] == results[1] == results[2]
    russia = results[0][1]["Russia"]
    assert (russia["sentences"], russia["caps_words"]) == (8, 3)  # UNLIMITED is carried by "Its"


def test_inline_entities_replace_the_defaults_as_the_help_says():
    result = runner.invoke(app, ["measure", "-", "--entity", "China=China,Xi", "--entity", "India=India",
                                 "--format", "json"], input="China is BIG. India is big. Russia is big.")
    data = json.loads(result.stdout)
    assert list(data["entities"]) == ["China", "India"] and data["asymmetry"]["pair"] == ["China", "India"]
    assert "replaces the default entities" in " ".join(runner.invoke(app, ["measure", "--help"]).stdout.split())


def test_a_gzip_file_and_an_unknown_batch_encoding_are_one_line_errors(tmp_path):
    import gzip

    packed = tmp_path / "post.txt.gz"
    packed.write_bytes(gzip.compress(b"Russia is BIG."))
    result = runner.invoke(app, ["measure", str(packed)])
    assert result.exit_code == 1 and "gzip-compressed" in result.stderr
    result = runner.invoke(app, ["batch", PUTIN, "-o", str(tmp_path / "o.csv"), "--encoding", "klingon"])
    assert result.exit_code == 1 and "unknown encoding 'klingon'" in result.stderr
    assert not (tmp_path / "o.csv").exists()
