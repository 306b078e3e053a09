"""Superlatives and their kinds: labelled real-world cases and the named -est exceptions."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from rhetoric.lexicons import load_lexicons
from tests.conftest import evidence_at, load_cases, token_span

NOT_SUPERLATIVES = """honest dishonest interest forest protest request modest suggest west Midwest Budapest
Everest arrest contest invest earnest priest manifest conquest tempest guest quest test chest nest rest digest
harvest unrest inquest""".split()


@pytest.mark.parametrize("case", load_cases("superlatives"))
def test_superlative_case(case):
    m = measure_text(case["text"], Config.make())
    found = evidence_at(m, token_span(case), {"superlative"})
    got = found[0].kind if found else "none"
    assert got == case["expected"], case["note"]
    if found and case.get("span"):
        assert found[0].text == case["span"]


@pytest.mark.parametrize("word", NOT_SUPERLATIVES)
def test_est_words_that_are_not_superlatives(word):
    assert word.lower() not in load_lexicons().superlatives
    m = measure_text(f"They said the {word} was fine, and we agree with the {word.lower()}s.", Config.make())
    assert not [e for e in m.evidence if e.signal == "superlative"]


def test_superlative_case_file_covers_kinds_and_exceptions():
    cases = [p.values[0] for p in load_cases("superlatives")]
    assert len(cases) >= 60
    assert {"inflected", "irregular", "periphrastic", "quantifier", "none"} <= {c["expected"] for c in cases}


def test_quantifiers_are_evidence_but_not_counted():
    m = measure_text("Russia wants the most beautiful deal, but most people want at least a ceasefire.",
                     Config.make())
    kinds = [(e.text, e.kind) for e in m.evidence if e.signal == "superlative"]
    assert kinds == [("most beautiful", "periphrastic"), ("most", "quantifier"), ("least", "quantifier")]
    assert m.entities["Russia"]["superlatives"] == 1
