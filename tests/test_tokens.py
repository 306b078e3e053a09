"""Tokenizer: labelled cases, offsets, and linear behaviour on pathological input."""

from __future__ import annotations

import pytest

from rhetoric.tokens import tokenize
from tests.conftest import CORPUS, load_cases


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


# -- the measuring path: the per-chunk token table gives tokenize()'s tokens ---------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rhetoric.sentences import parse  # noqa: E402
from rhetoric.tokens import TokenTable, ascii_pattern, token_pattern  # noqa: E402
from tests.conftest import SHARED  # noqa: E402

NASTY = st.lists(st.sampled_from(list("aZé9 .-_@#:/&'’$%!?\n\t\x1c\u2028\u200b\u0301🇺🇦👍“”") + [
    "http://", "www.", ".com", "Mr.", "U.S.", "#MAGA", "@x", "..."]), max_size=40).map("".join)


def _table_tokens(text: str, table: TokenTable) -> list[tuple[str, str, int, int]]:
    parsed = parse(text, table)
    return [(t.kind, t.text, parsed.start(i), parsed.ends[i]) for i, t in enumerate(parsed.toks)]


@given(st.one_of(st.text(max_size=80), NASTY))
def test_token_table_gives_the_tokens_of_tokenize(text):
    table = TokenTable()
    expected = [tuple(t) for t in tokenize(text)]
    assert _table_tokens(text, table) == expected
    assert _table_tokens(text, table) == expected  # again, from the memo


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_pattern_matches_the_unicode_pattern_on_ascii(text):
    def spans(p):
        return [(m.lastgroup, m.span()) for m in p.finditer(text)]

    assert spans(ascii_pattern()) == spans(token_pattern())


def test_token_table_on_real_posts():
    """Every post of the sample corpus (and, when present, 3,000 of each shared corpus) tokenizes
    alike through the table and through tokenize()."""
    import gzip
    import json

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for name in ("twitter", "truth_social"):
        path = SHARED / "corpus" / f"{name}.jsonl.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                texts += [json.loads(line)["text"] or "" for _, line in zip(range(3000), handle, strict=False)]
    table = TokenTable(limit=2000)  # small, so that it also starts afresh along the way
    for text in texts:
        assert _table_tokens(text, table) == [tuple(t) for t in tokenize(text)]
