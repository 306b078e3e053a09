"""Decoding: UTF-8 with and without BOM, UTF-16 with BOM, cp1252 fallback, binary refused."""

from __future__ import annotations

import codecs

import pytest

from rhetoric import measure_text
from rhetoric.config import Config
from rhetoric.errors import InputError
from rhetoric.text import decode, read_text

TEXT = "Russia’s TRADE is UNLIMITED — “bloodbath”."


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
])
def test_supported_encodings_decode_to_the_same_text(data, encoding):
    doc = decode(data)
    assert doc.text == TEXT and doc.encoding == encoding and not doc.warnings


def test_cp1252_fallback_warns_and_names_the_encoding():
    doc = decode("Russia’s “deal” café".encode("cp1252"))
    assert doc.text == "Russia’s “deal” café"
    assert doc.encoding == "cp1252" and "cp1252" in str(doc.warnings[0])


def test_offsets_refer_to_the_text_as_given(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    doc = read_text(path)
    m = measure_text(doc.text, Config.make())
    for e in m.evidence:
        assert doc.text[e.start:e.end] == e.text


@pytest.mark.parametrize("data,message", [
    (b"abc\x00def", "NUL"),
    (bytes(range(1, 32)) * 20, "binary"),
    (b"\x81\x8d\x8f\x90\x9d", "nor cp1252"),
])
def test_bad_bytes_are_refused(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)


def test_forced_encoding_and_unknown_encoding():
    assert decode("café".encode("latin-1"), encoding="latin-1").text == "café"
    with pytest.raises(InputError, match="unknown encoding"):
        decode(b"x", encoding="no-such-codec")
    with pytest.raises(InputError, match="not valid utf-8"):
        decode(b"\xff", encoding="utf-8")
