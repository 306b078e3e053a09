"""What a compiled core would add: `rhetoric batch FILE -o out.csv -j1` as a whole process, the
package as it is against a copy whose hot modules are compiled with mypyc, with the
whole-process VADER script of benchmarks/throughput.py as the peer; runs taking turns, medians.
rhetoric does not ship the compiled copy: this measures the prototype.

    pip install -e '.[dev]' vaderSentiment && python benchmarks/compiled.py [--runs 7]

It copies the package to a temporary folder, builds the modules of COMPILED there with mypyc
(about a minute on 2 cores), checks that each copy imports what it should, and that both write
byte-identical documents tables.  Modules left out, and why: ``entities`` (mypyc 1.x fails on
``kind in (*ALIAS_KINDS, EXCLUDED)``), ``signals/base`` (its dataclass annotations name
``Lexicons``, imported for type checking only, which a compiled dataclass looks up at import),
``signals/__init__`` (mypy cannot type the registry's SIGNAL imports); they take under 2% of
the time.  A compiled ``sentences.Parsed`` does not pickle (a Measurement then cannot be sent
between processes), which shipping would have to fix.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from throughput import VADER_SCRIPT  # noqa: E402

COMPILED = ["tokens", "sentences", "pipeline", "attribution", "measures", "writers", "readers",
            "signals/caps", "signals/exclamations", "signals/intensifiers", "signals/scare_quotes",
            "signals/superlatives", "signals/title_case", "voices"]
RUN = ("import sys; from rhetoric.cli import main; "
       "main(['batch', sys.argv[1], '-o', sys.argv[2], '-j1', '--force', '--quiet'])")
CHECK = "import rhetoric.tokens as t, rhetoric.pipeline as p; print(t.__file__, p.__file__)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="rhetoric-compiled-"))
    copies = {"pure": work / "pure", "mypyc": work / "mypyc"}
    for copy in copies.values():
        shutil.copytree(ROOT / "rhetoric", copy / "rhetoric")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mypyc", "--ignore-missing-imports", *(f"rhetoric/{m}.py" for m in COMPILED)],
                   cwd=copies["mypyc"],
                   check=True, capture_output=True)
    print(f"mypyc built {len(COMPILED)} modules in {time.perf_counter() - started:.0f} s")
    for name, copy in copies.items():
        env = {**os.environ, "PYTHONPATH": str(copy)}
        files = subprocess.run([sys.executable, "-c", CHECK], env=env, cwd=work, check=True, capture_output=True,
                               text=True).stdout.split()
        assert all(f.startswith(str(copy)) for f in files), files
        assert all(f.endswith(".so") for f in files) == (name == "mypyc"), files
    vader = work / "vader.py"
    vader.write_text(VADER_SCRIPT, encoding="utf-8")
    print(f"whole processes, {args.runs} runs taking turns (medians)")
    for corpus in ("twitter", "truth_social"):
        path = args.data / "corpus" / f"{corpus}.jsonl.gz"
        times: dict[str, list[float]] = {"pure": [], "mypyc": [], "vader": []}
        for _ in range(args.runs):
            for name in times:
                env = {**os.environ, **({"PYTHONPATH": str(copies[name])} if name in copies else {})}
                cmd = [sys.executable, str(vader), str(path)] if name == "vader" else \
                    [sys.executable, "-c", RUN, str(path), str(work / f"{name}-{corpus}.csv")]
                start = time.perf_counter()
                subprocess.run(cmd, env=env, cwd=work, check=True, stdout=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
        m = {k: statistics.median(v) for k, v in times.items()}
        same = len({hashlib.sha256((work / f"{n}-{corpus}.csv").read_bytes()).hexdigest() for n in copies}) == 1
        print(f"  {corpus:<13} pure {m['pure']:.2f} s, mypyc {m['mypyc']:.2f} s ({m['pure'] / m['mypyc']:.2f}x); "
              f"VADER {m['vader']:.2f} s: {m['vader'] / m['pure']:.2f}x pure, {m['vader'] / m['mypyc']:.2f}x "
              f"mypyc; outputs identical: {same}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
