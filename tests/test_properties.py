"""Hypothesis properties over arbitrary text."""

from __future__ import annotations

import math

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from rhetoric import measure_text
from rhetoric.config import Config
from rhetoric.sentences import parse
from rhetoric.tokens import tokenize

# Text that looks like posts: words from a small vocabulary (entities, caps, superlatives,
# intensifiers, acronyms), punctuation, quotes, newlines and arbitrary Unicode.
VOCAB = ["Russia", "Ukraine", "Putin", "Its", "It", "He", "They", "TRADE", "UNLIMITED", "NATO", "U.S.", "the",
         "most", "beautiful", "best", "honest", "very", "tremendous", "deal", "Trade", "Country", "war", "I",
         "“bloodbath”", '"great"', "at", "least", "Mr.", "J.", "2%", "$500", "#MAGA", "@user", "https://t.co/x",
         "🇺🇸", "and", "is", "wants", "so", "AFL-CIO", "Russia’s", "DONALD", "TRUMP", "PRESIDENT"]
PUNCT = [" ", " ", " ", ". ", "! ", "!!! ", "? ", ", ", "\n", "\n\n", "… ", " — "]
post = st.lists(st.one_of(st.sampled_from(VOCAB), st.sampled_from(PUNCT)), max_size=60).map("".join)
any_text = st.one_of(post, st.text(max_size=200), st.tuples(post, st.text(max_size=40)).map("".join))


@given(any_text)
def test_token_and_evidence_offsets_slice_back(text):
    for t in tokenize(text):
        assert text[t.start:t.end] == t.text
    m = measure_text(text, Config.make())
    for e in m.evidence:
        assert text[e.start:e.end] == e.text


@given(any_text)
def test_sentences_cover_the_text_in_order(text):
    parsed = parse(text)
    position = 0
    for s in parsed.sentences:
        assert s.start >= position and text[position:s.start].strip() == ""
        assert text[s.start:s.end] == s.text
        position = s.end
    assert text[position:].strip() == ""


@given(any_text)
def test_lower_casing_leaves_no_caps_evidence(text):
    m = measure_text(text.lower(), Config.make())
    assert not [e for e in m.evidence if e.signal in ("caps", "shouted", "signoff")]


NO_CARRY = Config.make(carry=False)


@given(post)
def test_duplicating_a_text_doubles_counts_and_keeps_rates(text):
    """Position-dependent rules are held fixed: no sign-off (it depends on the end of the
    post) and no carry (the copy's first sentence could inherit from the original's last)."""
    text = text.strip()
    once = measure_text(text, NO_CARRY)
    twice = measure_text(text + "\n\n" + text, NO_CARRY)
    assume(not [e for e in once.evidence + twice.evidence if e.signal == "signoff"])
    for name in once.entities:
        a, b = once.entities[name], twice.entities[name]
        for key in ("words", "caps_words", "superlatives", "intensifiers", "exclamations"):
            assert b[key] == 2 * a[key], key
        for key, rate in a["per_100_words"].items():
            assert (rate is None and b["per_100_words"][key] is None) or math.isclose(rate, b["per_100_words"][key])


@given(post)
def test_swapping_the_pair_flips_the_asymmetry(text):
    ab = measure_text(text, Config.make(pair="Russia,Ukraine"))
    ba = measure_text(text, Config.make(pair="Ukraine,Russia"))
    for view_ab, view_ba in ((ab.asymmetry, ba.asymmetry), (ab.asymmetry["exclusive"], ba.asymmetry["exclusive"])):
        for key, value in view_ab.items():
            if key in ("pair", "topics", "exclusive"):
                continue
            assert (value is None and view_ba[key] is None) or math.isclose(value, -view_ba[key], abs_tol=1e-12)
            if value is not None:
                assert -1 <= value <= 1
    for view in ("all", "exclusive"):  # the permutation test does not depend on the order of the pair
        assert ab.tests[view] == ba.tests[view]


@settings(max_examples=300)
@given(st.text())
def test_no_input_string_raises(text):
    m = measure_text(text, Config.make())
    assert m.words >= 0
    assert m.to_dict()["words"] == m.words


NASTY = st.sampled_from(["\u200b", "\u200d", "\u2060", "\ufeff", "\u0301", "\u0308", "\u202e", "\u202c", "\u05e9",
                         "\u0627", "👨‍👩‍👧", "🇺🇦", "❤️‍🔥", "1️⃣", "\r", "\r\n", "\x00", "\ud800", "\udfff", "ЗЕЛЕНСКИЙ",
                         "НАТО", "ΝΑΤΟ", "'", '"', "“", "”", "(", "«", "A.", "!!!", "…", "#", "@", "https://"])
nasty_text = st.lists(st.one_of(NASTY, st.sampled_from(VOCAB), st.sampled_from(PUNCT),
                                st.characters(blacklist_categories=())), max_size=80).map("".join)


@settings(max_examples=300)
@given(nasty_text)
def test_hostile_unicode_never_crashes_and_offsets_hold(text):
    first = measure_text(text, Config.make())
    for e in first.evidence:
        assert text[e.start:e.end] == e.text
    for s in first.sentence_list:
        assert text[s.start:s.end] == s.text
    assert measure_text(text, Config.make()).to_dict() == first.to_dict()  # deterministic
