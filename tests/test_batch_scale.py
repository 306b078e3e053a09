"""Batch runs at scale on a generated 200,000-document corpus: determinism, flat memory,
interrupt and resume (the Dask engine: test_dask_partitions.py)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

PIECES = ["Russia wants to do largescale TRADE.", "Its potential is UNLIMITED!", "Ukraine can be a great beneficiary.",
          "The FBI and NATO met.", "This is the most beautiful deal of all time.", "Putin is BIG. He wants a deal.",
          "We love our Country!!!", "The “experts” were wrong.", "Zelensky wants PEACE.", "Thank you!"]


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory) -> Path:
    rng = random.Random(200_000)
    path = tmp_path_factory.mktemp("big") / "posts.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(200_000):
            text = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))
            out.write(json.dumps({"id": str(i), "date": f"2025-{1 + i % 12:02d}-01", "text": text}) + "\n")
    return path


def rhetoric_exe() -> str:
    exe = shutil.which("rhetoric")
    assert exe, "install the package first (pip install -e .)"
    return exe


def peak_rss_mb(process: subprocess.Popen) -> float:
    """Sample the main process's resident memory until it exits."""
    peak = 0
    while process.poll() is None:
        try:
            with open(f"/proc/{process.pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.05)
    return peak / 1024


@pytest.fixture(scope="module")
def reference(big_corpus, tmp_path_factory) -> tuple[Path, float]:
    """One uninterrupted run of the 200k corpus, and its main process's peak RSS (MB)."""
    out = tmp_path_factory.mktemp("reference") / "reference.csv"
    process = subprocess.Popen([rhetoric_exe(), "batch", str(big_corpus), "-o", str(out), "-j", "2", "--quiet"])
    peak = peak_rss_mb(process)
    assert process.returncode == 0
    return out, peak


def test_same_input_gives_byte_identical_output_and_flat_memory(big_corpus, reference, tmp_path):
    first, peak = reference
    assert peak < 300, f"main process peaked at {peak:.0f} MB"
    again = tmp_path / "again.csv"
    assert subprocess.run([rhetoric_exe(), "batch", str(big_corpus), "-o", str(again), "-j", "1",
                           "--quiet"]).returncode == 0
    assert again.read_bytes() == first.read_bytes()  # and 1 job equals 2 jobs
    lines = first.read_text().splitlines()
    assert len(lines) == 200_001 and lines[1].startswith("0,") and lines[-1].startswith("199999,")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="sends POSIX signals")
@pytest.mark.parametrize("sig,group", [(signal.SIGINT, False), (signal.SIGKILL, False), (signal.SIGINT, True)])
def test_interrupted_run_resumes_to_the_same_bytes(big_corpus, reference, tmp_path, sig, group):
    """``group``: the signal goes to every process of the run, workers too, as Ctrl-C in a
    terminal sends it (workers ignore it and the main process ends the pool; a run could hang)."""
    out = tmp_path / "out.csv"
    process = subprocess.Popen([rhetoric_exe(), "batch", str(big_corpus), "-o", str(out), "-j", "2", "--quiet"],
                               stderr=subprocess.PIPE, text=True, start_new_session=group)
    state = tmp_path / f".{out.name}.rhetoric-work" / "state.json"
    deadline = time.time() + 120
    while time.time() < deadline:
        if state.exists() and json.loads(state.read_text())["parts"] >= 3:
            break
        time.sleep(0.05)
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert not out.exists(), "a partial output must never appear under the final name"
    if sig == signal.SIGINT:
        assert "--resume" in stderr and "Traceback" not in stderr
    done = json.loads(state.read_text())["done"]
    assert 0 < done < 200_000
    resumed = subprocess.run([rhetoric_exe(), "batch", str(big_corpus), "-o", str(out), "-j", "2", "--quiet",
                              "--resume"], capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == reference[0].read_bytes()
    assert not state.parent.exists()
