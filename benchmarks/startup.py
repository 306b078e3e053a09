"""Start-up and end-to-end time of `rhetoric measure` on a 300-word post, against
`python -c "import typer"` measured in the same run (target: under 4x).

    python benchmarks/startup.py [--runs 15]

Prints the median wall time of each command and the ratio of medians.  Runs are
interleaved so that machine noise hits both commands alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def post_of_300_words() -> str:
    text = (ROOT / "corpus" / "putin-call-2025-05-19.txt").read_text(encoding="utf-8")
    words = text.split()
    return " ".join((words * 2)[:300])


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    exe = shutil.which("rhetoric")
    if not exe:
        sys.exit("install rhetoric first: python -m pip install -e .")
    with tempfile.TemporaryDirectory() as tmp:
        post = Path(tmp) / "post.txt"
        post.write_text(post_of_300_words(), encoding="utf-8")
        commands = {
            "python -c 'import typer'": [sys.executable, "-c", "import typer"],
            "rhetoric measure (300 words)": [exe, "measure", str(post)],
            "rhetoric measure --format json": [exe, "measure", str(post), "--format", "json"],
        }
        for cmd in commands.values():  # warm the file cache and the lexicon cache
            timed(cmd)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                times[name].append(timed(cmd))
    base = statistics.median(times["python -c 'import typer'"])
    print(f"{'command':<34} {'median s':>9} {'ratio':>7}   ({args.runs} interleaved runs)")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<34} {median:>9.3f} {median / base:>6.2f}x")
    ratio = statistics.median(times["rhetoric measure (300 words)"]) / base
    print(f"\nrhetoric measure / import typer = {ratio:.2f}x (target < 4x): {'OK' if ratio < 4 else 'MISSED'}")


if __name__ == "__main__":
    main()
