"""The claims rules: the permutation tests hold their level on texts and corpora simulated
under the null, p-values reach the JSON for every signal and view, headlines name a side only
when the rule clears, and intervals are given only where they mean something."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

import rhetoric
from rhetoric import claims
from rhetoric.asymmetry import summarize
from rhetoric.cli import app
from rhetoric.schema import Schema
from rhetoric.significance import PERMUTATIONS, corpus_pvalue, permutation_pvalues
from rhetoric.tables import format_summary
from tests.conftest import CORPUS, ROOT, load_script

runner = CliRunner()


@pytest.fixture(scope="module")
def simulation():
    return load_script(ROOT / "benchmarks" / "simulate_claims.py")


def test_the_permutation_test_rejects_at_most_about_5_percent_of_null_texts(simulation):
    """Texts whose signals fall regardless of the entities (generated structures, clustered
    signals): each signal's test rejects at 0.05 in about 5% of them at most, and the headline
    rule names a side in fewer still.  (benchmarks/simulate_claims.py runs 2,000.)"""
    figures = simulation.simulate_texts(400, np.random.default_rng(7), [], permutations=199)
    assert figures["tests run"] > 1000 and figures["size, all signals"] <= 0.06, figures
    assert figures["headline names a side"] <= 0.03, figures


def test_the_corpus_permutation_test_holds_its_level(simulation):
    rng = np.random.default_rng(11)
    words = np.arange(20, 120)
    rejected = 0
    for _ in range(300):
        ca, wa = simulation.corpus_documents(words, 20, rng, 1.5)
        cb, wb = simulation.corpus_documents(words, 20, rng, 1.5)
        p = corpus_pvalue(np.concatenate([ca, np.zeros(20)]), np.concatenate([wa, np.zeros(20)]),
                          np.concatenate([np.zeros(20), cb]), np.concatenate([np.zeros(20), wb]), rng, 199)
        rejected += p is not None and p <= 0.05
    assert rejected / 300 <= 0.08


def test_a_real_difference_is_found():
    words = [12] * 16
    entities = [("A",)] * 8 + [("B",)] * 8
    caps = [3, 2, 4, 3, 2, 3, 4, 2] + [0] * 8
    p = permutation_pvalues(words, {"caps_words": caps}, entities, ("A", "B"))
    assert p["all"]["caps_words"] < 0.005 and p["exclusive"]["caps_words"] < 0.005
    assert permutation_pvalues(words, {"caps_words": caps}, entities, ("A", "B")) == p  # seeded


def test_json_has_a_p_value_for_every_signal_and_view_and_a_headline_per_view():
    data = json.loads(runner.invoke(app, ["measure", str(CORPUS / "putin-call-2025-05-19.txt"), "-f", "json"]).stdout)
    tests = data["tests"]
    assert tests["permutations"] == PERMUTATIONS and tests["seed"] == 20250519
    for view in ("all", "exclusive"):
        assert set(tests[view]) == {*Schema.of(rhetoric.Config.make()).rated, "topics"}
        assert 0 < tests[view]["caps_words"] <= 1 and tests[view]["superlatives"] is None  # none on either side
        assert tests[view]["topics"]["trade"] is not None
        headline = data["headlines"][view]
        assert headline["side"] is None and headline["threshold"] == pytest.approx(0.05 / 6)
        assert set(headline["counts"]) == {"Russia", "Ukraine"}


def test_a_clear_text_gets_a_headline_and_the_seed_post_does_not():
    clear = rhetoric.measure(" ".join(["Russia is HUGE, BIG, STRONG and GREAT."] * 4 +
                                      ["Ukraine is small and quiet and calm."] * 8 +
                                      ["The weather is nice today."] * 6))
    finding = clear.findings()["exclusive"]
    assert finding.side == "Russia" and finding.signal == "caps_words"
    assert finding.title == "Russia's own sentences use ALL-CAPS words more often than Ukraine's"
    seed = rhetoric.measure((CORPUS / "putin-call-2025-05-19.txt").read_text(encoding="utf-8"))
    for finding in seed.findings().values():
        assert finding.side is None and "more often" not in finding.title


def test_the_rule_needs_three_occurrences_and_twenty_documents():
    counts = {"caps_words": (2, 0)}
    rates = {"caps_words": (5.0, 0.0)}
    found = claims.choose(("A", "B"), "all", counts, rates, {"caps_words": 0.001}, signals=("caps_words",))
    assert found.side is None and "fewer than 3" in found.reason
    counts = {"caps_words": (9, 0)}
    found = claims.choose(("A", "B"), "all", counts, rates, {"caps_words": 0.001}, (40, 12), ("caps_words",))
    assert found.side is None and "12 documents about B, fewer than 20" in found.reason
    found = claims.choose(("A", "B"), "all", counts, rates, {"caps_words": 0.001}, (40, 25), ("caps_words",))
    assert found.side == "A"
    six = claims.choose(("A", "B"), "all", {s: (9, 0) for s in claims.HEADLINE_SIGNALS},
                        {s: (5.0, 0.0) for s in claims.HEADLINE_SIGNALS},
                        {s: 0.02 for s in claims.HEADLINE_SIGNALS})
    assert six.side is None and "0.05 shared by 6 signals" in six.reason  # 0.02 > 0.05 / 6


def test_a_summary_gives_no_interval_for_one_document_and_says_why():
    """A month with one document about Ukraine printed "-0.66 [-0.78, -0.35]"; a side with no
    occurrence printed "+1.00 [+1.00, +1.00]"."""
    texts = ["Russia is BIG and STRONG. Ukraine is small."] + ["Russia is GREAT and very BIG."] * 30
    docs = rhetoric.measure_many(pd.DataFrame({"text": texts, "date": ["2025-05-19"] * len(texts)}))
    summary = summarize(docs, by="month")
    row = summary.iloc[0]
    assert row["ukraine_documents"] == 1 and pd.isna(row["asymmetry_caps_words_low"])
    assert "under 10 documents about Ukraine 1" in row["asymmetry_note"]
    text = format_summary(summary, rhetoric.Config.make())
    assert "[" not in text and "no intervals: under 10 documents about Ukraine 1" in text
    many = ["Russia is BIG and STRONG. Ukraine is small."] * 12
    docs = rhetoric.measure_many(pd.DataFrame({"text": many}))
    row = summarize(docs).iloc[0]
    assert pd.isna(row["asymmetry_caps_words_low"])
    assert "ALL-CAPS words: Ukraine 0 (fewer than 3)" in row["asymmetry_note"]
    assert row["asymmetry_caps_words"] == 1.0 and row["russia_caps_words"] == 24  # the count beside the rate


def test_a_view_without_sentences_about_a_side_says_so():
    m = rhetoric.measure("Russia and Ukraine will talk. Ukraine wants PEACE, REAL PEACE, NOW.")
    finding = m.findings()["exclusive"]
    assert finding.side is None and finding.title == "No words about Russia alone to compare"


def test_sentences_about_neither_side_take_no_part_in_the_one_text_test():
    """Two shouted sentences about Russia, two plain about Ukraine, thirty about neither: the
    test compares Russia with Ukraine, not "about a side or not" (p was 0.004, now the 1/3 of
    the 4 sentences' arrangements)."""
    text = " ".join(["Russia is HUGE, BIG and STRONG."] * 2 + ["Ukraine is calm and small."] * 2 +
                    ["The weather is nice today."] * 30)
    m = rhetoric.measure(text)
    assert m.tests["exclusive"]["caps_words"] == pytest.approx(1 / 3, abs=0.05)
    assert m.findings()["exclusive"].side is None


def test_the_corpus_test_holds_its_level_when_one_side_has_short_posts_and_the_other_long_ones(simulation):
    """A plain permutation of the sides rejected 38% of such null corpora at 0.05; the
    studentized test, with 10 expected occurrences or more, stays near its level."""
    rng = np.random.default_rng(4)
    row = simulation.simulate_corpora("unequal", [120], 120, rng, np.arange(20, 120), permutations=199,
                                      resamples=50)[0]
    assert row["test rejects at 0.05"] <= 0.09 and row["headline (rule)"] <= 0.06, row


def test_a_document_about_both_sides_keeps_its_two_parts_together(simulation):
    rng = np.random.default_rng(8)
    row = simulation.simulate_corpora("shared", [20], 120, rng, np.arange(20, 120), permutations=199,
                                      resamples=50)[0]
    assert 0.02 <= row["test rejects at 0.05"] <= 0.09, row  # neither near 0 (it was 0.000) nor inflated
