"""The per-document measurement: the 19 May 2025 post as the article read it, the golden
JSON, the pandas view, undefined rates and warnings."""

from __future__ import annotations

import json
import math

import pytest

import rhetoric
from rhetoric import measure, measure_text
from rhetoric.config import Config
from rhetoric.errors import EmptyTextWarning, NoEntityWarning
from tests.conftest import CORPUS, ROOT

GOLDEN = ROOT / "tests" / "golden" / "putin-call-2025-05-19.json"


@pytest.fixture(scope="module")
def putin(putin_text):
    return measure_text(putin_text, Config.make())


def _evidence(m, signal, text):
    return [e for e in m.evidence if e.signal == signal and e.text == text]


def test_article_russia_sentences_carry_trade_and_unlimited(putin):
    (trade,) = _evidence(putin, "caps", "TRADE")
    (unlimited,) = _evidence(putin, "caps", "UNLIMITED")
    assert trade.entities == ("Russia",) and trade.via == "mention"
    assert unlimited.entities == ("Russia",) and unlimited.via == "carry"


def test_article_ukraine_has_one_sentence_of_its_own_without_caps(putin):
    ukraine = putin.entities["Ukraine"]["exclusive"]
    assert ukraine["sentences"] == 1
    assert ukraine["caps_words"] == 0
    (only,) = [a for a in putin.attribution if a.entities == ("Ukraine",)]
    assert "Trade" in putin.sentence_list[only.sentence].text and "Country" in putin.sentence_list[only.sentence].text


def test_article_end_is_shared_and_caps_favour_russia(putin):
    (end,) = _evidence(putin, "caps", "END")
    assert end.entities == ("Russia", "Ukraine")
    assert putin.asymmetry["caps_words"] > 0
    trade = {name: putin.entities[name]["topics"]["trade"]["share"] for name in ("Russia", "Ukraine")}
    assert trade["Russia"] > trade["Ukraine"]


def test_article_intensifiers_and_title_case(putin):
    for word in ("tremendous", "massive", "catastrophic"):
        (hit,) = _evidence(putin, "intensifier", word)
        assert hit.entities == ("Russia",)
    (great,) = _evidence(putin, "intensifier", "great")
    assert great.entities == ("Ukraine",)
    for word in ("Trade", "Country"):
        (hit,) = _evidence(putin, "title_case", word)
        assert hit.entities == ("Ukraine",)


def test_golden_json_is_pinned(putin):
    """Regenerate, after checking the change, with:
    rhetoric measure corpus/putin-call-2025-05-19.txt --format json -o tests/golden/putin-call-2025-05-19.json"""
    assert json.loads(json.dumps(putin.to_dict())) == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_evidence_offset_slices_the_original(putin, putin_text):
    for e in putin.evidence:
        assert putin_text[e.start:e.end] == e.text
    for s in putin.sentence_list:
        assert putin_text[s.start:s.end] == s.text


def test_to_frame_has_one_row_per_entity(putin):
    frame = putin.to_frame()
    assert list(frame.index) == ["Russia", "Ukraine"]
    assert frame.loc["Russia", "caps_words"] == putin.entities["Russia"]["caps_words"]
    assert frame.loc["Ukraine", "trade_share"] == pytest.approx(0.4)
    exclusive = putin.to_frame(view="exclusive")
    assert exclusive.loc["Ukraine", "sentences"] == 1


def test_no_carry_drops_the_pronoun_sentence(putin_text):
    m = measure(putin_text, carry=False)
    (unlimited,) = _evidence(m, "caps", "UNLIMITED")
    assert unlimited.entities == () and unlimited.via is None


def test_empty_text_gives_zeros_nulls_and_a_warning():
    with pytest.warns(EmptyTextWarning):
        m = measure("")
    assert m.words == 0 and m.sentences == 0
    assert all(v is None for v in m.entities["Russia"]["per_100_words"].values())
    assert m.asymmetry["caps_words"] is None


def test_text_without_entities_warns_naming_the_aliases():
    with pytest.warns(NoEntityWarning, match="Kremlin"):
        m = measure("We will make TRADE GREAT again.")
    assert m.entities["Russia"]["words"] == 0
    assert m.entities["Russia"]["per_100_words"]["caps_words"] is None
    assert m.totals["caps_words"] == 2


def test_custom_entities_inline_and_by_mapping():
    m = measure("China wants a DEAL. Japan is fine.", entities={"China": ["China", "Beijing"], "Japan": ["Japan"]})
    assert m.asymmetry["pair"] == ("China", "Japan")
    assert m.entities["China"]["caps_words"] == 1 and m.asymmetry["caps_words"] == 1.0
    config = Config.from_options(inline_entities=["EU=EU,Brussels", "UK=Britain,leader:Starmer"])
    m = measure_text("Britain is GREAT. He said so. Brussels is slow.", config)
    assert [e.entities for e in m.evidence if e.signal == "caps"] == [("UK",)]


def test_swapping_the_pair_flips_the_sign(putin_text):
    ab = measure(putin_text)
    ba = measure(putin_text, pair="Ukraine,Russia")
    for key in ("caps_words", "intensifiers", "title_case_words"):
        assert math.isclose(ab.asymmetry[key], -ba.asymmetry[key])


def test_corpus_samples_all_measure(recwarn):
    for path in sorted(CORPUS.glob("*.txt")):
        m = rhetoric.measure_file(str(path))
        assert m.words > 0


def test_a_pipeline_is_prepared_once_and_keeps_no_state_outside_itself():
    """``Config.prepare()`` makes a pipeline whose token memo fills as it measures; another
    call makes another, with its own memo (no cache keyed by object ids, no module state)."""
    config = Config.make(entities={"China": ["China"], "India": ["India"]})
    pipeline = config.prepare()
    first = pipeline.measure("China wants TRADE. India is GREAT.")
    assert len(pipeline.table.chunks) > 0 and first.entities["China"]["caps_words"] == 1
    other = config.prepare()
    assert other is not pipeline and len(other.table.chunks) == 0
    assert other.measure("China wants TRADE. India is GREAT.").to_dict() == first.to_dict()


def test_a_measurement_is_frozen():
    """Setting an attribute or a count raises: ``m.entities["Russia"]["caps_words"] = 99`` once
    changed what ``to_dict()`` printed."""
    m = measure_text("Russia wants TRADE. Ukraine is great.", Config.make())
    with pytest.raises(TypeError):
        m.entities["Russia"]["caps_words"] = 99  # type: ignore[index]
    with pytest.raises(TypeError):
        m.entities["Russia"]["exclusive"]["per_100_words"]["caps_words"] = 1.0  # type: ignore[index]
    with pytest.raises(AttributeError):
        m.words = 3  # type: ignore[misc]
    d = m.to_dict()
    d["entities"]["Russia"]["caps_words"] = 99  # a fresh plain copy: changing it changes nothing else
    assert m.to_dict()["entities"]["Russia"]["caps_words"] == 1
    assert all(isinstance(w, rhetoric.RhetoricWarning) for w in measure_text("", Config.make()).warnings)


def test_a_measurement_pickles_without_its_token_memo():
    """A measurement sent to another process (multiprocessing, joblib) carries its config, not
    the configuration's token memo, and reads the same after the trip."""
    import pickle

    config = Config.make()
    for text in PUTIN_TEXTS():
        measure_text(text, config)  # fill the memo
    m = measure_text("Russia wants TRADE. Its potential is UNLIMITED.", config)
    data = pickle.dumps(m)
    back = pickle.loads(data)
    assert back.to_dict() == m.to_dict() and back.flat() == m.flat()
    assert len(data) < 20_000


def PUTIN_TEXTS():
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


def test_job_is_not_a_trade_word_but_jobs_is():
    """"did an absolutely horrible job" made Ukraine's share of the trade talk 100% (114336723764365914)."""
    m = measure_text("Zelenskyy did a horrible job. Russia will create jobs.", Config.make())
    assert [e.text for e in m.evidence if e.signal == "topic"] == ["jobs"]
