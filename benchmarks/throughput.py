r"""Throughput and memory of `rhetoric batch`, against peers measured in the same run.

    python benchmarks/throughput.py [--data ../shared/data] [--quick]

For each corpus (twitter.jsonl.gz, truth_social.jsonl.gz) it prints docs/s and MB/s of:

* bare tokenization passes, one compiled ``findall`` per post and no features: rhetoric's
  token pattern (the ceiling the issue names), and for comparison the one cheap regex the
  pipeline itself runs per post (white-space chunks) and a plain ``\w+|[^\w\s]`` tokenizer;
* the per-document pipeline alone (``measure_text`` on texts in memory), *cold* (a new
  configuration each run, so its token memo starts empty, as in one batch run over the
  corpus) and *warm* (the memo filled by an earlier pass over the same texts);
* VADER's ``polarity_scores`` and spaCy's blank English tokenizer (when installed:
  ``pip install vaderSentiment spacy``);
* ``rhetoric batch`` end to end (start-up, reading, every signal, writing CSV) with 1 and 2
  jobs, with its peak RSS.

Then scaling on the corpora repeated to at least 20 MB, and memory with the input repeated
8 times.  Throughputs are medians of --runs runs; ratios are between figures of this run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNNER = """
import json, os, sys, threading, time
from rhetoric.cli import main

def rss(pid):
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        return []

peak = {"main_kb": 0, "child_kb": 0, "total_kb": 0}
stop = False

def sample():
    me = os.getpid()
    while not stop:
        main_kb = rss(me)
        kids = [rss(c) for c in children(me)]
        peak["main_kb"] = max(peak["main_kb"], main_kb)
        peak["child_kb"] = max([peak["child_kb"], *kids])
        peak["total_kb"] = max(peak["total_kb"], main_kb + sum(kids))
        time.sleep(0.02)

thread = threading.Thread(target=sample, daemon=True)
thread.start()
code = 0
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
stop = True
thread.join()
heavy = sorted(m for m in ("matplotlib", "pyarrow", "dask", "distributed", "scipy", "pandas") if m in sys.modules)
print(json.dumps({**peak, "heavy": heavy, "code": code}), file=sys.stderr)
"""


def load(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] or "" for line in handle]


def timed(fn, texts: list[str], runs: int) -> float:
    """Median seconds of ``fn`` over every text; results are not kept (as in a batch run),
    so that the garbage collector does not charge one tool for the others' leftovers."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            fn(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch(input_path: Path, jobs: int, out: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, "batch", str(input_path), "-o", str(out), "--force",
                           "-j", str(jobs), "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    info = json.loads(done.stderr.strip().splitlines()[-1])
    info["seconds"] = seconds
    return info


def cold(texts: list[str], runs: int) -> float:
    """Median seconds of the pipeline over every text, each run with a new configuration
    (an empty token memo, as a batch run over the corpus starts)."""
    from rhetoric import Config, measure_text

    times = []
    for _ in range(runs):
        config = Config.make()  # a new object: its prepared state (and token memo) is built afresh
        measure_text("warm up", config)
        start = time.perf_counter()
        for text in texts:
            measure_text(text, config)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peers(texts: list[str], runs: int) -> dict[str, float]:
    import re

    import regex

    from rhetoric import Config, measure_text
    from rhetoric.tokens import _CHUNK, token_pattern

    pattern = token_pattern()
    bare = regex.compile(regex.sub(r"\(\?P<\w+>", "(?:", pattern.pattern), pattern.flags)
    config = Config.make()
    for text in texts:
        measure_text(text, config)
    result = {
        "bare findall, rhetoric's token pattern": timed(bare.findall, texts, runs),
        "bare findall, white-space chunks": timed(_CHUNK.findall, texts, runs),
        "bare findall, \\w+|[^\\w\\s] (re)": timed(re.compile(r"\w+|[^\w\s]").findall, texts, runs),
        "rhetoric pipeline, cold (measure_text)": cold(texts, runs),
        "rhetoric pipeline, warm (measure_text)": timed(lambda t: measure_text(t, config), texts, runs),
    }
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        result["VADER polarity_scores"] = timed(vader.polarity_scores, texts, runs)
    except ImportError:
        print("  (VADER not installed: pip install vaderSentiment)")
    try:
        import spacy

        nlp = spacy.blank("en")
        result["spaCy blank tokenizer"] = timed(nlp.tokenizer, texts, runs)
    except ImportError:
        print("  (spaCy not installed: pip install spacy)")
    return result


def repeated(texts: list[str], times: int, path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for k in range(times):
            for i, t in enumerate(texts):
                out.write(json.dumps({"id": f"{k}-{i}", "text": t}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer runs, skip the 8x memory check")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; medians of {runs} runs; "
          "peak RSS sampled every 20 ms from /proc\n")
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-bench-"))
    for name in ("twitter", "truth_social"):
        path = args.data / "corpus" / f"{name}.jsonl.gz"
        texts = load(path)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"{name}: {len(texts):,} posts, {mb:.1f} MB of text")
        print(f"  {'what':<40} {'docs/s':>9} {'MB/s':>7} {'peak RSS':>18}")
        results = {k: len(texts) / v for k, v in peers(texts, runs).items()}
        for what, rate in results.items():
            print(f"  {what:<40} {rate:>9,.0f} {rate * mb / len(texts):>7.2f}")
        for jobs in (1, 2):
            infos = [batch(path, jobs, tmp / f"{name}-{jobs}.csv") for _ in range(runs)]
            seconds = statistics.median(i["seconds"] for i in infos)
            rate = len(texts) / seconds
            results[f"rhetoric batch -j {jobs} (end to end)"] = rate
            info = infos[0]
            print(f"  {f'rhetoric batch -j {jobs} (end to end)':<40} {rate:>9,.0f} {mb / seconds:>7.2f} "
                  f"{info['main_kb'] / 1024:>6.0f} MB main, {info['child_kb'] / 1024:.0f} MB per worker"
                  + (f"  loaded: {', '.join(info['heavy'])}" if info["heavy"] else ""))
        end_to_end = results["rhetoric batch -j 1 (end to end)"]
        for state in ("cold", "warm"):
            pipeline = results[f"rhetoric pipeline, {state} (measure_text)"]
            for bare in ("rhetoric's token pattern", "\\w+|[^\\w\\s] (re)"):
                ratio = pipeline / results[f"bare findall, {bare}"]
                print(f"  pipeline {state} / bare findall, {bare:<24} = {ratio:.2f}x  (target >= 0.45x)")
        for peer, target in (("VADER polarity_scores", "4x"), ("spaCy blank tokenizer", "1.5x")):
            if peer in results:
                print(f"  batch -j 1 / {peer:<24} = {end_to_end / results[peer]:.2f}x  (target >= {target})")
        print()

    texts = load(args.data / "corpus" / "twitter.jsonl.gz") + load(args.data / "corpus" / "truth_social.jsonl.gz")
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    times = max(1, int(20 / mb) + 1)
    big = repeated(texts, times, tmp / "big.jsonl")
    size = big.stat().st_size / 1e6
    pairs = []  # 1 job and 2 jobs run in turn, so that both see the same noise of the machine
    for _ in range(max(3, runs)):
        pairs.append((batch(big, 1, tmp / "big1.csv")["seconds"], batch(big, 2, tmp / "big2.csv")["seconds"]))
    one, two = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
    print(f"scaling on both corpora repeated {times}x ({size:.0f} MB, {len(texts) * times:,} posts), "
          f"{len(pairs)} interleaved runs: 1 job {one:.1f} s, 2 jobs {two:.1f} s (medians) -> {one / two:.2f}x "
          f"(target >= 1.7x); per pair {', '.join(f'{a / b:.2f}x' for a, b in pairs)}")
    if not args.quick:
        # x1 to x8 shows what grows with the input; x8 to x16 shows that the token memo, which
        # fills up to the corpus's vocabulary of chunks in the first passes, then stays flat
        peaks = {k: batch(repeated(texts, k, tmp / f"x{k}.jsonl"), 2, tmp / f"x{k}.csv") for k in (1, 8, 16)}
        for k, info in peaks.items():
            print(f"memory: input x{k:<2} peak {info['main_kb'] / 1024:.0f} MB main / "
                  f"{info['child_kb'] / 1024:.0f} MB per worker")
        for a, b in ((1, 8), (8, 16)):
            print(f"  x{a} -> x{b}: {peaks[b]['main_kb'] / peaks[a]['main_kb']:.2f}x main, "
                  f"{peaks[b]['child_kb'] / peaks[a]['child_kb']:.2f}x worker (targets < 300 MB, within 10%)")


if __name__ == "__main__":
    main()
