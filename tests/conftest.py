"""Shared fixtures and helpers: paths, labelled case files, hypothesis profiles."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
CASES = Path(__file__).resolve().parent / "cases"
SHARED = Path(os.environ.get("RHETORIC_SHARED_DATA", ROOT.parent / "shared" / "data"))

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def load_script(path: Path) -> ModuleType:
    """A script of the repository (a benchmark, a fixture maker) imported as a module named
    after its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def suite() -> ModuleType:
    """benchmarks/accuracy.py, the accuracy suite."""
    return load_script(ROOT / "benchmarks" / "accuracy.py")


def load_cases(name: str) -> list:
    """Cases from tests/cases/NAME.json as pytest params; an ``xfail`` key marks a known miss (strict)."""
    cases = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
    params = []
    for case in cases:
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=case["id"], marks=marks))
    return params


def token_span(case: dict) -> tuple[int, int]:
    """Offsets of the case's ``token`` (its ``occurrence``-th appearance) in its ``text``."""
    text, token = case["text"], case["token"]
    start = -1
    for _ in range(case.get("occurrence", 0) + 1):
        start = text.find(token, start + 1)
        assert start >= 0, f"{case['id']}: token {token!r} not found in text"
    return start, start + len(token)


def evidence_at(measurement, span: tuple[int, int], signals: set[str]) -> list:
    """Evidence items of the given signals that overlap ``span``."""
    start, end = span
    return [e for e in measurement.evidence if e.signal in signals and e.start < end and start < e.end]


@pytest.fixture(scope="session")
def putin_text() -> str:
    return (CORPUS / "putin-call-2025-05-19.txt").read_text(encoding="utf-8")
