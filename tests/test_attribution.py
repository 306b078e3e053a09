"""Attribution: mentions, precise pronoun carry, exclusive view."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config


def entities_of(text):
    return [(a.entities, a.via) for a in measure_text(text, Config.make()).attribution]


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
    # truth_social 114626083142393611 (2025-06-04), shortened: over a "we discussed" naming both sides
    text = ("I just finished speaking, by telephone, with President Vladimir Putin, of Russia. We discussed the "
            "attack on Russia's airplanes, by Ukraine. President Putin said he will respond. We also discussed Iran.")
    assert entities_of(text)[3] == (("Russia",), "carry")
    assert entities_of("Met with President Putin. We discussed Syria.")[1] == (("Russia",), "carry")
    assert entities_of("President Zelenskyy called me. We agreed on a ceasefire.")[1] == (("Ukraine",), "carry")
    assert entities_of("I spoke to President Putin. Later President Zelenskyy called me. We discussed the "
                       "offer.")[2] == (("Ukraine",), "carry")  # the nearest frame
    assert entities_of("I called President Putin. We agreed on a ceasefire.")[1] == (("Russia",), "carry")
    assert entities_of("I spoke to President Putin." + " It rained." * 7 + " We discussed trade.")[-1] == \
        (("Russia",), "carry")  # FRAME_REACH sentences back
    # whoever is named between, "we agreed" is still the two who spoke
    assert entities_of("I just spoke to President Zelenskyy. Putin is a killer. We agreed that the war must "
                       "end.")[2] == (("Ukraine",), "carry")
    # "we discussed" goes on as a chain of "he", as it did over a sentence of the speaker's
    assert entities_of("I spoke with Putin. We discussed trade. He wants a deal. He is tough.")[1:] == \
        [(("Russia",), "carry")] * 3


@pytest.mark.parametrize("text", [
    "I spoke to President Putin. Then I called President Xi. We discussed trade.",  # the nearest frame decides
    "I spoke to President Putin. Later I had a long talk with Nancy. We agreed on the budget.",
    "I spoke to the press about Putin. We discussed trade.",    # no one named after "to"
    "I spoke to Putin and Erdogan. We discussed trade.",       # somebody more
    "I met with President Xi and President Putin. We discussed trade.",
    "I spoke with Putin and Bush. We discussed trade.",
    "I spoke about Russia. We discussed trade.",                 # a country, not a leader
    "I called President Putin a liar. We agreed to disagree.",   # not a conversation
    "I call on President Putin to stop the killing. We agreed on nothing.",
    "I never spoke to Putin. We discussed it at the convention.",  # negated
    'I spoke to President Putin. "We discussed nothing," said Biden.',  # someone else's "we"
    "I just spoke to President Putin. We will win the election.",  # not a verb of conversation
    "President Putin is tough. We discussed trade.",            # no frame
    "I spoke to President Putin." + " It rained." * 8 + " We discussed trade.",  # too far back
])
def test_we_is_not_carried_without_one_clear_partner(text):
    assert entities_of(text)[-1] == ((), None)


def test_a_we_sentence_without_a_partner_leaves_the_pronoun_rules_as_they_were():
    assert entities_of("President Putin is tough. We discussed his plan.")[1] == (("Russia",), "carry")


def test_a_month_or_a_day_is_not_someone_else():
    # truth_social 114954267210702518 (2025-07-30), shortened
    assert entities_of("Ukraine, however, has also suffered greatly. They have lost approximately 8,000 "
                       "soldiers since January.")[1] == (("Ukraine",), "carry")
    assert entities_of("Ukraine has suffered. They met the Europeans on Monday.")[1] == ((), None)  # a name


def test_vladimir_alone_is_not_an_alias():
    # "Vladimir, STOP!" (Putin) is missed, but "Vladimir Zelensky" and "Vladimir Klitschko" are not Russia
    assert entities_of("Vladimir Zelensky is not ready for peace.") == [(("Ukraine",), "mention")]
    assert entities_of("Vladimir Klitschko is a great boxer.") == [((), None)]


def test_exclusive_view_counts_sentences_about_one_entity_alone():
    m = measure_text("Russia and Ukraine talk. Russia wants TRADE. Ukraine wants PEACE.", Config.make())
    assert m.entities["Russia"]["sentences"] == 2 and m.entities["Russia"]["exclusive"]["sentences"] == 1
    assert m.entities["Ukraine"]["exclusive"]["caps_words"] == 1
