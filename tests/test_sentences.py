"""Sentence splitting: labelled cases and paragraph indexes."""

from __future__ import annotations

import pytest

from rhetoric.sentences import parse
from tests.conftest import load_cases


@pytest.mark.parametrize("case", load_cases("sentences"))
def test_sentence_case(case):
    got = [s.text.strip() for s in parse(case["text"]).sentences]
    assert got == case["expected"]


def test_paragraphs_are_counted_on_blank_lines():
    parsed = parse("One. Two.\n\nThree\n \n\nFour.")
    assert [(s.text, s.paragraph) for s in parsed.sentences] == [
        ("One.", 0), ("Two.", 0), ("Three", 1), ("Four.", 2)]


def test_sentences_cover_every_token_in_order():
    parsed = parse("Mr. Putin met Donald J. Trump on Jan. 5. It was 25.5 degrees!!! “Great,” he said…and left")
    covered = [i for s in parsed.sentences for i in range(s.first_token, s.end_token)]
    assert covered == list(range(len(parsed.tokens)))
    assert [s.text for s in parsed.sentences] == [
        "Mr. Putin met Donald J. Trump on Jan. 5.", "It was 25.5 degrees!!!", "“Great,” he said…and left"]
