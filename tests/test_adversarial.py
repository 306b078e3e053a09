"""The committed corpus of nasty files (tests/adversarial/), each with its expected outcome:
no crash, no traceback, valid offsets, the same output twice, errors recorded per document."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from rhetoric import Config, measure_text
from rhetoric.cli import app
from rhetoric.text import read_text
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "adversarial"
EXPECTED = json.loads((FOLDER / "expected.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if "measure_exit" in e])
def test_measure(name):
    expected = EXPECTED[name]
    path = FOLDER / name
    first = runner.invoke(app, ["measure", str(path), "--format", "json"])
    assert first.exit_code == expected["measure_exit"], first.output
    assert "Traceback" not in first.output
    if "stderr" in expected:
        assert expected["stderr"] in first.stderr and len(first.stderr.strip().splitlines()) >= 1
    if first.exit_code:
        assert len(first.stderr.strip().splitlines()) == 1
        return
    again = runner.invoke(app, ["measure", str(path), "--format", "json"])
    assert first.stdout == again.stdout  # deterministic
    text = read_text(path).text
    m = measure_text(text, Config.make())
    for e in m.evidence:
        assert text[e.start:e.end] == e.text
    if "caps" in expected:
        assert [e.text for e in m.evidence if e.signal == "caps"] == expected["caps"]
    if "sentences" in expected:
        assert m.sentences == expected["sentences"]


@pytest.mark.parametrize("name", [n for n, e in EXPECTED.items() if "batch_exit" in e])
def test_batch(name, tmp_path):
    expected = EXPECTED[name]
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["batch", str(FOLDER / name), "-o", str(out), "--quiet"])
    assert result.exit_code == expected["batch_exit"], result.output
    assert "Traceback" not in result.output
    with open(out, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if "rows" in expected:
        assert len(rows) == expected["rows"]
    assert sum(1 for r in rows if r["error"]) == expected["errors"]
    if expected.get("defused"):
        assert all(r["id"].startswith("'") for r in rows)
