"""Attribution: mentions, precise pronoun carry, exclusive view."""

from __future__ import annotations

import pytest

from rhetoric.config import default_config
from rhetoric.measures import measure_text


def entities_of(text):
    return [(a.entities, a.via) for a in measure_text(text, default_config()).attribution]


@pytest.mark.parametrize("text,expected", [
    ("There is an opportunity for Russia. Its potential is UNLIMITED.",
     [(("Russia",), "mention"), (("Russia",), "carry")]),
    ("I spoke with Putin. He wants peace.", [(("Russia",), "mention"), (("Russia",), "carry")]),
    ("I spoke with Putin. And he wants peace.", [(("Russia",), "mention"), (("Russia",), "carry")]),
    ("The Ukrainians are brave. They fight hard.", [(("Ukraine",), "mention"), (("Ukraine",), "carry")]),
    ("Russia wants a deal. It has great people.", [(("Russia",), "mention"), (("Russia",), "carry")]),
])
def test_pronouns_that_agree_carry(text, expected):
    assert entities_of(text) == expected


@pytest.mark.parametrize("text", [
    "Just completed my call with President Putin of Russia. I believe it went very well.",  # it is not the subject
    "Russia and Ukraine will talk. Its potential is big.",   # ambiguous: two countries
    "I spoke with Putin. It was a great call.",             # it = the call: no country as subject before
    "Russia wants a deal. The weather is fine. Its potential is big.",  # no carry across a sentence with none
    "I spoke with Putin. They said no.",                    # they needs a people alias
    "Russia is big. His plan is good.",                     # his needs a leader alias
])
def test_pronouns_that_do_not_agree_do_not_carry(text):
    assert all(via != "carry" for _, via in entities_of(text))


def test_carry_does_not_chain_from_a_carried_sentence():
    result = entities_of("There is hope for Russia. Its potential is huge. Its people are great.")
    assert result[1] == (("Russia",), "carry") and result[2] == ((), None)


def test_he_reaches_the_one_leader_two_sentences_back_over_a_sentence_naming_nobody():
    # truth_social 114082877976878390 (2025-02-28), shortened
    assert entities_of("President Zelenskyy is not ready for Peace. I want PEACE. He disrespected the United "
                       "States. He can come back when he is ready.")[2:] == [(("Ukraine",), "carry")] * 2
    # not over a sentence with a he of its own, a name, or about the country alone
    assert entities_of("President Zelenskyy is not ready. He wants more. He is rude.")[1:] == \
        [(("Ukraine",), "carry")] * 2  # the chain, as before
    assert entities_of("President Zelenskyy is not ready. Biden met Macron. He is rude.")[2] == ((), None)
    assert entities_of("President Zelenskyy is not ready. I think she left. He is rude.")[2] == ((), None)
    assert entities_of("Ukraine is not ready. I want PEACE. He is rude.")[2] == ((), None)
    assert entities_of("Zelenskyy and Putin met. I want PEACE. He is rude.")[2] == ((), None)
    # nor over a sentence about a third person named by a common noun
    assert entities_of("I met Putin. My father was a builder. He taught me everything.")[2] == ((), None)
    assert entities_of("I met Putin. The reporter asked a stupid question. He was fired.")[2] == ((), None)
    assert entities_of("Putin called me. My wife was there. She loved it.")[2] == ((), None)


def test_we_after_a_conversation_with_one_leader_is_the_speaker_and_that_leader():
    # truth_social 113992264519415084 (2025-02-12), shortened: "We" = Trump and Zelenskyy
    text = ("I just spoke to President Volodymyr Zelenskyy of Ukraine. The conversation went very well. "
            "We discussed a variety of topics. We also talked about Munich.")
    assert entities_of(text)[2:] == [(("Ukraine",), "carry")] * 2
    # the nearest frame decides; it must name the one leader and nobody else
    assert entities_of("I spoke to President Putin. Then I called President Xi. We discussed trade.")[2] == ((), None)
    assert entities_of("I spoke to Putin and Erdogan. We discussed trade.")[1] == ((), None)
    assert entities_of("I spoke about Russia. We discussed trade.")[1] == ((), None)  # a country, not a leader
    # only "we" as the subject of a verb of conversation, in a post with a frame
    assert entities_of("I just spoke to President Putin. We will win the election.")[1] == ((), None)
    assert entities_of("President Putin is tough. We discussed trade.")[1] == ((), None)


def test_vladimir_alone_is_putin_but_not_inside_a_handle():
    assert entities_of("Vladimir, STOP!") == [(("Russia",), "mention")]
    assert entities_of("Thanks @VladimirRussia7 for the note.") == [((), None)]


def test_exclusive_view_counts_sentences_about_one_entity_alone():
    m = measure_text("Russia and Ukraine talk. Russia wants TRADE. Ukraine wants PEACE.", default_config())
    assert m.entities["Russia"]["sentences"] == 2 and m.entities["Russia"]["exclusive"]["sentences"] == 1
    assert m.entities["Ukraine"]["exclusive"]["caps_words"] == 1
