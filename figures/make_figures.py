"""Make the README's example charts from the sample texts in corpus/.

    python figures/make_figures.py [--out figures]

Each chart is made by the rhetoric command line, exactly as a user would, and comes with
its .csv (the numbers plotted) and .json (settings) sidecars.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POST = "corpus/putin-call-2025-05-19.txt"
SOURCE = "Source: Donald J. Trump on Truth Social, 19 May 2025"
CHARTS = [
    ("putin-call-profile.png", ["--chart-kind", "profile"]),
    ("putin-call-asymmetry-exclusive.png", ["--chart-kind", "asymmetry", "--view", "exclusive"]),
    ("putin-call-topics.png", ["--chart-kind", "topics"]),
    ("putin-call-text.png", ["--chart-kind", "text"]),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "figures")
    args = parser.parse_args()
    import os

    from rhetoric.cli import main as rhetoric

    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    os.chdir(ROOT)  # the recorded commands use paths relative to the repository
    for name, options in CHARTS:
        out = os.path.relpath(args.out, ROOT)
        argv = ["measure", POST, "--no-evidence", "--quiet", "-o", os.path.join(out, "putin-call.txt"),
                "--chart", os.path.join(out, name), "--source", SOURCE, "--force", *options]
        try:
            rhetoric(argv)
        except SystemExit as exit_:
            if exit_.code:
                sys.exit(f"failed: rhetoric {' '.join(argv)}")
    (args.out / "putin-call.txt").unlink(missing_ok=True)
    print(f"wrote {len(CHARTS)} charts to {args.out}")


if __name__ == "__main__":
    main()
