"""The accuracy suite as a test: fails below the targets of issue 3.

Reads ../shared/data (or $RHETORIC_SHARED_DATA) and skips with a message when it is
absent, so a fresh clone without the data still tests green.  Figures and protocol:
README "Accuracy" and benchmarks/accuracy.py.  Targets not yet met are strict xfails
that name the figure measured, so meeting one turns the xfail into a failure to update.
"""

from __future__ import annotations

import pytest

from rhetoric import Config
from tests.conftest import SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "ud").is_dir() or not (SHARED / "corpus").is_dir(),
                                reason=f"shared data not found at {SHARED}; set RHETORIC_SHARED_DATA to run "
                                       "the accuracy suite")


@pytest.fixture(scope="module")
def config():
    return Config.make()


def test_superlatives_meet_targets_on_ewt_and_gum_test(suite, config):
    scores = suite.superlative_scores(SHARED, ("test",), config)
    total = suite.Score()
    for rules, _ in scores.values():
        total = total.merge(rules)
    assert total.precision >= suite.TARGETS["superlative_precision"]
    assert total.recall >= suite.TARGETS["superlative_recall"]
    assert total.f1 >= suite.TARGETS["superlative_f1"]


def test_silver_shouted_sentences_are_not_flagged(suite, config):
    rates = suite.silver_caps(SHARED, ("test",), config).rates()
    assert rates["shouted_flagged"] <= suite.TARGETS["silver_shouted_flagged"]


@pytest.mark.xfail(strict=True, reason="measured 3.8% (3 of 80: BART x2, NEMISIS) on UD test; target <= 2%")
def test_silver_confident_acronyms_are_not_flagged(suite, config):
    rates = suite.silver_caps(SHARED, ("test",), config).rates()
    assert rates["acronyms_flagged"] <= suite.TARGETS["silver_acronyms_flagged"]


@pytest.mark.parametrize("split", ["test2", "test"])
def test_caps_emphasis_f1_on_labelled_posts(suite, config, split):
    """test2: the fresh sample labelled blind; test: the earlier held-out half."""
    assert suite.post_caps(SHARED, split, config).score.f1 >= suite.TARGETS["caps_posts_f1"]


@pytest.mark.parametrize("split", ["test2", "test"])
def test_caps_acronyms_are_rarely_flagged_on_labelled_posts(suite, config, split):
    result = suite.post_caps(SHARED, split, config)
    assert result.acronyms_flagged <= suite.TARGETS["caps_posts_acronyms_flagged"]


@pytest.mark.parametrize("split,size", [("test2", 150), ("test3", 100), ("test+test2+test3", 390)])
def test_attribution_accuracy_on_the_fresh_samples(suite, split, size):
    """test2: a near-random fresh sample; test3: every fresh post left with a pronoun after a
    named sentence; and the three held-out sets pooled."""
    rates = suite.attribution(SHARED, split, carry=True).rates()
    assert rates["sentences"] >= size
    assert rates["accuracy"] >= suite.TARGETS["attribution_accuracy"]


@pytest.mark.parametrize("split", [
    "test2", "test3", "test+test2+test3",
    pytest.param("test", marks=pytest.mark.xfail(strict=True, reason="measured 97.1% of 35 with carry, 100% "
                                                 "without: one sentence (2.9 points); target <= 1 point")),
])
def test_carry_costs_at_most_one_point_on_sentences_about_neither(suite, split):
    with_carry = suite.attribution(SHARED, split, carry=True).rates()
    without = suite.attribution(SHARED, split, carry=False).rates()
    cost = without["neither_accuracy"] - with_carry["neither_accuracy"]
    assert cost <= suite.TARGETS["attribution_carry_cost_neither"]


def test_carry_resolves_references(suite):
    """Carry must earn its place where references exist (the earlier test half; test2 has none)."""
    with_carry = suite.attribution(SHARED, "test", carry=True).rates()
    without = suite.attribution(SHARED, "test", carry=False).rates()
    assert with_carry["accuracy"] > without["accuracy"]
    assert with_carry["reference_accuracy"] > without["reference_accuracy"]


@pytest.mark.xfail(strict=True, reason="measured 84.3% overall and 34.8% of 23 pronoun references on the earlier "
                                       "test half (test2 has no reference, test3 one); targets >= 93% and >= 50%")
def test_attribution_resolves_half_the_pronoun_references(suite):
    rates = suite.attribution(SHARED, "test", carry=True).rates()
    assert rates["accuracy"] >= suite.TARGETS["attribution_accuracy"]
    assert rates["reference_accuracy"] >= suite.TARGETS["attribution_reference_accuracy"]


def test_published_exclamation_figure_is_reproduced(suite):
    """Published: ~70% of tweets with '!', ~1 in 10 with two or more (2015-11-05 .. 2016-06-02)."""
    shares = suite.exclamation_shares(SHARED)["own_no_quote_rt"]
    assert abs(shares["share_with_exclamation"] - 0.70) < 0.02
    assert abs(shares["share_with_two_or_more"] - 0.10) < 0.02


def test_trade_topic_precision_meets_its_target_on_the_test_half(suite, config):
    """Issue 13: the trade topic's precision on the labelled hits (benchmarks/gold/trade_hits.jsonl),
    at least 0.9, keeping at least 90% of the true hits the earlier list found."""
    for split in ("dev", "test"):
        scores = suite.topic_precision(SHARED, split, config)
        assert scores["precision"] >= 0.9 and scores["recall"] >= 0.9, (split, scores)
