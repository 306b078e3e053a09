"""Exclamations and scare quotes: labelled real-world cases."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from tests.conftest import load_cases


@pytest.mark.parametrize("case", load_cases("exclamations"))
def test_exclamation_case(case):
    m = measure_text(case["text"], Config.make())
    assert m.totals["exclamations"] == case["expected_sentences"]
    assert m.totals["exclamation_marks"] == case["expected_marks"]


@pytest.mark.parametrize("case", load_cases("scare_quotes"))
def test_scare_quote_case(case):
    m = measure_text(case["text"], Config.make())
    got = [e.text[1:-1] for e in m.evidence if e.signal == "scare_quote"]
    assert got == case["expected"], case["note"]
