"""Title-case emphasis: labelled real-world cases."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from tests.conftest import evidence_at, load_cases, token_span


@pytest.mark.parametrize("case", load_cases("title_case"))
def test_title_case_case(case):
    m = measure_text(case["text"], Config.make())
    found = evidence_at(m, token_span(case), {"title_case"})
    assert ("title_case" if found else "none") == case["expected"], case["note"]


def test_title_case_is_separate_from_caps():
    m = measure_text("Ukraine can be a great beneficiary on Trade, and on TRADE.", Config.make())
    assert [(e.text, e.signal) for e in m.evidence if e.signal in ("caps", "title_case")] == [
        ("Trade", "title_case"), ("TRADE", "caps")]
