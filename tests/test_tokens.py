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

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rhetoric.sentences import parse  # noqa: E402
from rhetoric.tokens import TokenTable, _pattern_pairs, ascii_pattern, simple_pairs, token_pattern  # noqa: E402
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


#: Pieces of chunks where the shortcut of :func:`simple_pairs` could go wrong: abbreviations,
#: links, "-.com", mentions, hashtags, plain punctuation on both sides.
AROUND = st.lists(st.sampled_from(list("aZé9.-_@#:/&'’$%!?()[]*\"“”‘…,;") + [
    "http://", "https://", "www", ".com", "com", "tv", "Gov", "Mr", "U", "etc", "@x", "#1", "..."]),
    min_size=1, max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(AROUND, st.text(max_size=12)))
@example("-.com")    # "-" may open a bare domain, so it is not allowed before the token
@example("(www.-")   # "www" may open a link
@example("Gov.,")    # an abbreviation of the lexicon
@example("https://t.co/x).")  # the link gives ")." back to the sentence
def test_simple_pairs_agree_with_the_pattern(core):
    found = simple_pairs(core)
    if found is not None:
        assert found == _pattern_pairs(core)


def test_simple_pairs_on_every_chunk_of_the_corpora():
    """The shortcut either declines or gives the pattern's tokens, on every distinct chunk of the
    sample corpora (and of the shared corpora when present); it takes most of them."""
    import gzip
    import json

    from rhetoric.tokens import _CHUNK, _SPACE_CHARS

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    for name in ("twitter", "truth_social", "russia_ukraine"):
        path = SHARED / "corpus" / f"{name}.jsonl.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                texts += [json.loads(line).get("text") or "" for line in handle]
    cores = {piece.lstrip(_SPACE_CHARS) for text in texts for piece in _CHUNK.findall(text)}
    taken = 0
    for core in cores:
        found = simple_pairs(core)
        if found is not None:
            taken += 1
            assert found == _pattern_pairs(core), core
    assert taken > 0.8 * len(cores)
