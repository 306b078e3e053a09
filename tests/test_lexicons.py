"""Lexicon files: well-formed, sourced, replaceable and extendable; bad files get file:line errors."""

from __future__ import annotations

from importlib import resources

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from rhetoric.errors import ConfigError
from rhetoric.lexicons import LEXICONS, LexiconSources, load_lexicons, read_tsv

PACKAGED = sorted({filename for filename, _ in LEXICONS.values()} | {"abbreviations.tsv"})


@pytest.mark.parametrize("filename", PACKAGED)
def test_packaged_lexicon_is_well_formed_and_sourced(filename):
    text = resources.files("rhetoric.lexicons").joinpath(filename).read_text(encoding="utf-8")
    columns = next((cols for f, cols in LEXICONS.values() if f == filename), ("form", "source"))
    rows = read_tsv(text, columns, filename, check=True)
    assert rows
    assert all(row["source"].strip() for row in rows)
    keys = [row[columns[0]] for row in rows]
    assert len(keys) == len(set(keys)) or filename == "intensifiers.tsv"


def test_provenance_files_ship_with_the_lexicons():
    folder = resources.files("rhetoric.lexicons")
    assert "SCOWL" in folder.joinpath("LICENSE-SCOWL.txt").read_text(encoding="utf-8")
    assert "lemminflect" in folder.joinpath("README.md").read_text(encoding="utf-8")


def test_extend_and_replace_a_lexicon(tmp_path):
    extra = tmp_path / "extra.tsv"
    extra.write_text("term\tkind\tcontext\tsource\nsuper duper\thyperbole\t\tmine\n", encoding="utf-8")
    text = "Russia has a super duper deal and a tremendous one."
    extended = measure_text(text, Config.make(lexicons=LexiconSources(extend=(("intensifiers", str(extra)),))))
    assert [e.text for e in extended.evidence if e.signal == "intensifier"] == ["super duper", "tremendous"]
    replaced = measure_text(text, Config.make(lexicons=LexiconSources(replace=(("intensifiers", str(extra)),))))
    assert [e.text for e in replaced.evidence if e.signal == "intensifier"] == ["super duper"]
    assert load_lexicons(LexiconSources(extend=(("intensifiers", str(extra)),))).fingerprints["intensifiers"] != \
        load_lexicons().fingerprints["intensifiers"]


@pytest.mark.parametrize("content,message", [
    ("word\nfoo\n", "header lacks column"),
    ("term\tkind\tcontext\tsource\nbig\tbad-kind\t\tx\n", "not one of"),
    ("term\tkind\tcontext\tsource\nbig\thyperbole\t\tx\textra\n", ":2: 5 cells"),
    ("term\tkind\tcontext\tsource\nbi\x07g\thyperbole\t\tx\n", ":2: entry contains control characters"),
])
def test_malformed_user_lexicon_names_file_and_line(tmp_path, content, message):
    bad = tmp_path / "bad.tsv"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicons(LexiconSources(extend=(("intensifiers", str(bad)),)))


def test_missing_lexicon_file_and_unknown_name():
    with pytest.raises(ConfigError, match="not found"):
        load_lexicons(LexiconSources(replace=(("words", "/no/such.tsv"),)))
    with pytest.raises(ConfigError, match="unknown lexicon"):
        LexiconSources(replace=(("nouns", "x.tsv"),))
