"""The outputs pinned by tests/fixtures/outputs.py: the measure JSON of every post of corpus/,
and the digests of the documents table and the evidence file of both sample corpora.  A change
that moves one of them on purpose records the outputs again (``--write``) and says why in
CHANGELOG.md."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, SHARED, load_script


def _fixtures():
    return load_script(ROOT / "tests" / "fixtures" / "outputs.py")


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"shared data not found at {SHARED}")
def test_outputs_are_unchanged():
    assert _fixtures().check() == []
