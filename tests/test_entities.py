"""Entity and topic sets: TOML, inline, mappings, matching, errors."""

from __future__ import annotations

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from rhetoric.entities import default_entities, default_topics, parse_entities, parse_inline, parse_topics
from rhetoric.errors import ConfigError


def test_default_entities_and_topics():
    assert default_entities().names == ("Russia", "Ukraine")
    assert "trade" in default_topics().names


@pytest.mark.parametrize("text,entity,mention", [
    ("Russia’s army", "Russia", "Russia’s"), ("the Russians' plan", "Russia", "Russians"),
    ("Vladimir Putin said", "Russia", "Vladimir Putin"), ("in KYIV today", "Ukraine", "KYIV"),
    ("Zelenskyy's visit", "Ukraine", "Zelenskyy's"), ("Ukrainians fight", "Ukraine", "Ukrainians"),
])
def test_aliases_match_case_insensitively_with_possessives(text, entity, mention):
    m = measure_text(text, Config.make())
    assert m.attribution[0].entities == (entity,)
    assert [x.text for x in m.attribution[0].mentions] == [mention]


def test_multi_word_alias_is_one_mention():
    m = measure_text("Vladimir Putin spoke.", Config.make())
    assert [x.text for x in m.attribution[0].mentions] == ["Vladimir Putin"]


def test_no_match_inside_words():
    m = measure_text("Prussia and Ukrainianish are not entities.", Config.make())
    assert m.attribution[0].entities == ()


def test_entity_file_with_five_countries_and_colours():
    toml = "\n".join(f'[entities.{c}]\ncountry = ["{c}"]\ncolour = "#00000{i}"' for i, c in
                     enumerate(["China", "India", "Japan", "Brazil", "Mexico"]))
    entities = parse_entities(toml, "five.toml")
    assert len(entities.entities) == 5 and entities["Japan"].colour == "#000002"


@pytest.mark.parametrize("toml,message", [
    ("[entities.X\ncountry=1", "not valid TOML"),
    ("[entities.X]\ncountry = [1]", "list of non-empty strings"),
    ("[entities.X]\nnations = ['X']", "unknown key"),
    ("[other]\nx = 1", "needs \\[entities.NAME\\]"),
])
def test_malformed_entity_files(toml, message):
    with pytest.raises(ConfigError, match=message):
        parse_entities(toml, "bad.toml")


def test_inline_specs_and_topics():
    assert parse_inline("China=China,Beijing,leader:Xi") == (
        "China", (("China", "country"), ("Beijing", "country"), ("Xi", "leader")))
    # without a prefix, the kind is read from the alias (as from an entity file's aliases = [...])
    assert parse_inline("China=Chinese,Chinese people,Xi Jinping,President Xi,Xi,Israelis") == (
        "China", (("Chinese", "other"), ("Chinese people", "people"), ("Xi Jinping", "leader"),
                  ("President Xi", "leader"), ("Xi", "leader"), ("Israelis", "people")))
    assert parse_entities('[entities.China]\naliases = ["China", "Beijing", "Xi"]').entities[0].aliases == \
        (("China", "country"), ("Beijing", "country"), ("Xi", "leader"))
    with pytest.raises(ConfigError, match="NAME=alias"):
        parse_inline("China")
    topics = parse_topics('[topics.energy]\nwords = ["oil", "natural gas"]').topics
    assert topics == (("energy", ("oil", "natural gas")),)
    with pytest.raises(ConfigError, match="two different entities"):
        Config.make(pair="Russia,Russia")


@pytest.mark.parametrize("text,names,spans", [
    ("The Russia-Ukraine war is bad.", ("Russia", "Ukraine"), ["Russia", "Ukraine"]),
    ("US-Russia relations are good.", ("Russia",), ["Russia"]),
    ("He is pro-Russia and anti-Putin.", ("Russia",), ["Russia", "Putin"]),
    ("Happy (RUSSIA-UKRAINE) news.", ("Russia", "Ukraine"), ["RUSSIA", "UKRAINE"]),
    ("Big news on #Russia today.", ("Russia",), ["Russia"]),
])
def test_an_entity_inside_a_hyphenated_word_is_a_mention(text, names, spans):
    """truth_social 114059930426328863: "the Third Anniversary of the Russia-Ukraine War" was about neither."""
    m = measure_text(text, Config.make())
    assert m.attribution[0].entities == names
    mentions = m.attribution[0].mentions
    assert [x.text for x in mentions] == spans and all(text[x.start:x.end] == x.text for x in mentions)


def test_a_hyphenated_word_without_an_alias_part_is_no_mention():
    assert measure_text("A large-scale Russian-style deal.", Config.make()).attribution[0].entities == ("Russia",)
    assert measure_text("A large-scale deal with Prussia-Land.", Config.make()).attribution[0].entities == ()
    assert measure_text("#RussiaHoax again.", Config.make()).attribution[0].entities == ()  # not an alias


def test_an_excluded_phrase_is_no_mention_but_the_alias_elsewhere_is(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text('[entities.Russia]\ncountry = ["Russia"]\nother = ["Russian"]\n'
                    'exclude = ["Russia Hoax", "Russian Witch Hunt"]\n[entities.Ukraine]\ncountry = ["Ukraine"]\n',
                    encoding="utf-8")
    config = Config.make(entities=str(path))
    m = measure_text("The Russia Hoax is a SCAM. The Russian Witch Hunt! Russia wants a deal. It is big.", config)
    assert [a.entities for a in m.attribution] == [(), (), ("Russia",), ("Russia",)]
    assert m.entities["Russia"]["caps_words"] == 0  # SCAM is in a sentence about nobody
    with pytest.raises(ConfigError, match="exclude"):
        parse_entities('[entities.R]\ncountry = ["Russia"]\nexclude = [1]\n')


def test_hyphen_parts_still_match_where_a_longer_phrase_starting_with_the_word_does_not(tmp_path):
    path = tmp_path / "entities.toml"
    path.write_text('[entities.War]\nother = ["Russia-Ukraine war"]\n[entities.Russia]\ncountry = ["Russia"]\n'
                    'exclude = ["pro-Russia rally"]\n[entities.Ukraine]\ncountry = ["Ukraine"]\n', encoding="utf-8")
    config = Config.make(entities=str(path))
    m = measure_text("The Russia-Ukraine conflict goes on. A pro-Russia march was HUGE. The Russia-Ukraine war "
                     "is bad. A pro-Russia rally.", config)
    assert [a.entities for a in m.attribution] == [("Russia", "Ukraine"), ("Russia",), ("War",), ()]


def test_an_alias_written_in_capitals_stays_an_acronym_in_capitals():
    config = Config.make(entities={"Pact": ["AUKUS"], "Ukraine": ["Kyiv"]})
    m = measure_text("AUKUS is strong. Strikes on KYIV.", config)
    assert [(e.text, e.signal) for e in m.evidence if e.signal in ("caps", "acronym")] == \
        [("AUKUS", "acronym"), ("KYIV", "caps")]
