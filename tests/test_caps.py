"""Caps emphasis versus acronyms, sign-offs and shouted text: labelled real-world cases."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from tests.conftest import evidence_at, load_cases, token_span

CAPS_SIGNALS = {"caps", "acronym", "shouted", "signoff", "convention"}


@pytest.mark.parametrize("case", load_cases("caps"))
def test_caps_case(case):
    m = measure_text(case["text"], Config.make())
    found = evidence_at(m, token_span(case), CAPS_SIGNALS)
    got = found[0].signal if found else "none"
    assert got == case["expected"], f"{case['note']} — reason: {found[0].detail if found else None}"


def test_caps_case_file_is_large_enough():
    cases = [p.values[0] for p in load_cases("caps")]
    expected = {c["expected"] for c in cases}
    assert len(cases) >= 60
    assert {"caps", "acronym", "shouted", "signoff", "none"} <= expected


def test_every_named_acronym_is_not_emphasis():
    text = ("The talks with NATO, the USA, the U.S. and the EU on GDP went well, said the FBI and CNN. "
            "The G7 and COVID-19 and the AFL-CIO and MAGA agree. I think so.")
    m = measure_text(text, Config.make())
    assert not [e.text for e in m.evidence if e.signal == "caps"]
    acronyms = {e.text for e in m.evidence if e.signal == "acronym"}
    assert {"NATO", "USA", "U.S.", "EU", "GDP", "FBI", "CNN", "G7", "COVID-19", "AFL-CIO", "MAGA"} <= acronyms


def test_acronym_defined_in_text_is_an_acronym():
    text = "The Office of Fiscal Accountability (OFA) said so. Then OFA said it again to the press."
    m = measure_text(text, Config.make())
    assert [e.signal for e in m.evidence if e.text == "OFA"] == ["acronym", "acronym"]


def test_run_of_capitals_turns_ambiguous_acronym_into_emphasis():
    m = measure_text("They will never, ever LET US down, said the crowd in Ohio.", Config.make())
    assert {e.text: e.signal for e in m.evidence if e.text in ("LET", "US")} == {"LET": "caps", "US": "caps"}
    m = measure_text("The US and the FBI met in Ohio today.", Config.make())
    assert {e.text: e.signal for e in m.evidence if e.text in ("US", "FBI")} == {"US": "acronym", "FBI": "acronym"}


def test_whole_text_in_capitals_is_shouted_not_caps():
    m = measure_text("MAKE AMERICA GREAT AGAIN! NATO MUST PAY!", Config.make())
    assert m.all_caps_text
    signals = {e.text: e.signal for e in m.evidence if e.signal in CAPS_SIGNALS}
    assert signals["MAKE"] == "shouted" and signals["NATO"] == "acronym"
    assert m.totals["caps_words"] == 0


def test_signoff_is_not_counted():
    m = measure_text("We will WIN big.\n\nPRESIDENT DONALD J. TRUMP", Config.make())
    assert [e.text for e in m.evidence if e.signal == "caps"] == ["WIN"]
    assert {e.text for e in m.evidence if e.signal == "signoff"} == {"PRESIDENT", "DONALD", "TRUMP"}


def test_pronoun_i_single_letters_roman_numerals_and_links_are_ignored():
    text = "I said World War II and Henry VIII were a B plan, see https://t.co/ABCDEF and #MAGA and @CNN today."
    m = measure_text(text, Config.make())
    assert not [e for e in m.evidence if e.signal in CAPS_SIGNALS]
