"""Linear time: doubling the input should roughly double the time, for the tokenizer,
the sentence splitter and the whole pipeline, on ordinary and pathological text.

    python benchmarks/linearity.py [--mb 1]

Prints, for each input, the seconds at 1x and 2x the size and their ratio (about 2 when
linear; a quadratic pattern would show about 4).  Medians of 3 runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rhetoric import Config, measure_text  # noqa: E402
from rhetoric.sentences import parse  # noqa: E402
from rhetoric.tokens import tokenize  # noqa: E402

ORDINARY = ("Russia wants to do largescale TRADE with the United States when this catastrophic “bloodbath” "
            "is over, and I agree. Its potential is UNLIMITED! ")
PATHOLOGICAL = {
    "ordinary text": ORDINARY,
    "!": "!",
    "A.A.A.": "A.",
    "'\"'\"": "'\"",
    "one unbroken word": "a",
    "nested quotes and brackets": "(“[‘«",
    "www.!": "www.!",
}


def seconds(fn, text: str) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size of the 1x input in MB (5 for the word)")
    args = parser.parse_args()
    config = Config.make()
    stages = {"tokenize": tokenize, "sentences": parse, "pipeline": lambda t: measure_text(t, config)}
    print(f"{'input':<28} {'stage':<10} {'1x s':>8} {'2x s':>8} {'ratio':>6}")
    for name, unit in PATHOLOGICAL.items():
        size = int(args.mb * (5 if name == "one unbroken word" else 1) * 1_000_000)
        one = (unit * (size // len(unit) + 1))[:size]
        two = one + one
        for stage, fn in stages.items():
            a, b = seconds(fn, one), seconds(fn, two)
            print(f"{name:<28} {stage:<10} {a:>8.3f} {b:>8.3f} {b / a:>6.2f}")


if __name__ == "__main__":
    main()
