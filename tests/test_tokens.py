"""Tokenizer: labelled cases, offsets, and linear behaviour on pathological input."""

from __future__ import annotations

import pytest

from rhetoric.tokens import tokenize
from tests.conftest import load_cases


@pytest.mark.parametrize("case", load_cases("tokens"))
def test_token_case(case):
    got = [[t.kind, t.text] for t in tokenize(case["text"])]
    assert got == case["expected"]


@pytest.mark.parametrize("text", ["Russia’s TRADE is up 2%!!!", "a\u200bb \u0301x 🇺🇦👨‍👩‍👧 @x #y http://a.b/c."])
def test_offsets_slice_back(text):
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text,count", [
    ("a" * 3_000_000, 1),            # one unbroken 3 MB word
    ("A." * 1_500_000, 1),           # dotted initials, 3 MB
    ("!" * 1_000_000, 1),            # one punctuation run
    ("A." * 200_000 + "AB", None),   # dotted initials that fail at the very end
    ("www." + "!" * 500_000, None),  # a URL start followed by a punctuation run
])
def test_pathological_inputs_finish(text, count):
    """Would hang (quadratic backtracking) rather than fail if a pattern regressed."""
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text.replace(" ", "")
    if count is not None:
        assert len(tokens) == count
