"""The README's reproductions of published figures: its commands, run as written (the installed
``rhetoric`` command, the shared corpus in place of ``../shared/data``), print the figures its
table gives, and those stay within the stated distance of the published ones."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess

import pytest

from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.skipif(not (SHARED / "corpus" / "twitter.jsonl.gz").is_file(),
                                reason=f"shared data not found at {SHARED}")

#: output file -> (published share with 1+ marks or count, what is compared, tolerance)
PUBLISHED = {
    "fte.csv": {"share1": (70.0, 1.0), "share2": (10.0, 1.0)},   # FiveThirtyEight: 70%, 1 in 10
    "wapo.csv": {"share1": (60.0, 1.5), "documents": (357, 0.01)},  # "nearly 60 percent" of 357 tweets
    "mashable.csv": {"count1": (2251, 0.01)},                      # 2,251 tweets with "!"
}
LINE = re.compile(r"exclamation marks: [\d,]+ in all; 1\+ in ([\d,]+) \(([\d.]+)%\)"
                  r"(?:, 2\+ in ([\d,]+) \(([\d.]+)%\))?")


def readme_commands() -> list[list[str]]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Reproducing published figures"):]
    block = section[section.index("```sh") + 5:section.index("```", section.index("```sh") + 5)]
    return [shlex.split(cmd) for cmd in block.replace("\\\n", " ").strip().splitlines()]


def test_the_readme_lists_three_reproductions_and_their_table():
    commands = readme_commands()
    assert [c[c.index("-o") + 1] for c in commands] == list(PUBLISHED)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for measured in ("70.1% (1,575 of 2,246), 10.6% (238)", "359 tweets, 58.8% (211)", "| 2,245 |"):
        assert measured in text


@pytest.mark.parametrize("command", readme_commands(), ids=lambda c: c[c.index("-o") + 1])
def test_a_published_figure_is_reproduced(command, tmp_path):
    exe = shutil.which("rhetoric")
    assert exe, "the rhetoric command is installed by the README's first command"
    args = [str(SHARED / a.removeprefix("../shared/data/")) if a.startswith("../shared/data/") else a
            for a in command[1:]]
    done = subprocess.run([exe, *args], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    match = LINE.search(done.stdout)
    assert match, done.stdout[:2000]
    documents = int(re.search(r"all: ([\d,]+) documents", done.stdout).group(1).replace(",", ""))
    figures = {"count1": int(match.group(1).replace(",", "")), "share1": float(match.group(2)),
               "share2": float(match.group(4)) if match.group(4) else None, "documents": documents}
    for what, (published, tolerance) in PUBLISHED[command[command.index("-o") + 1]].items():
        measured = figures[what]
        assert measured is not None
        if isinstance(published, int):  # a count: within a share of it
            assert abs(measured - published) <= tolerance * published, (what, measured, published)
        else:  # a percentage: within so many points
            assert abs(measured - published) <= tolerance, (what, measured, published)
    assert "reposts left out" in done.stderr
