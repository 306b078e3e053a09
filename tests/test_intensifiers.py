"""Intensifiers and hyperbole: labelled real-world cases."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from tests.conftest import evidence_at, load_cases, token_span


@pytest.mark.parametrize("case", load_cases("intensifiers"))
def test_intensifier_case(case):
    m = measure_text(case["text"], Config.make())
    found = evidence_at(m, token_span(case), {"intensifier"})
    assert (found[0].kind if found else "none") == case["expected"], case["note"]


def test_phrases_are_one_hit():
    m = measure_text("Trade like never before, the best deal of all time!", Config.make())
    assert [(e.text, e.kind) for e in m.evidence if e.signal == "intensifier"] == [
        ("like never before", "hyperbole"), ("of all time", "hyperbole")]
