r"""Throughput and memory of `rhetoric batch`, against peers measured in the same run.

    python benchmarks/throughput.py [--data ../shared/data] [--runs 5] [--quick]

First the targets of the redesign (issue 14), each a ratio of medians of runs taken in turn:

* ``rhetoric batch FILE -o out.csv -j1`` as a whole process (the installed command) against a
  whole-process VADER script (``SentimentIntensityAnalyzer().polarity_scores`` per document,
  the same gzip file read with orjson): targets 2.5x on twitter, 3.5x on truth_social;
* ``-j2`` against ``-j1`` on each corpus repeated 4 times (target 1.7x), and the default
  ``--jobs`` against ``-j1`` (never slower).

Then, for each corpus (twitter.jsonl.gz, truth_social.jsonl.gz), docs/s and MB/s of:

* bare tokenization passes, one compiled ``findall`` per post and no features: rhetoric's
  token pattern (the ceiling the issue names), and for comparison the one cheap regex the
  pipeline itself runs per post (white-space chunks) and a plain ``\w+|[^\w\s]`` tokenizer;
* the per-document pipeline alone (``measure_text`` on texts in memory), *cold* (a new
  configuration each run, so its token memo starts empty, as in one batch run over the
  corpus) and *warm* (the memo filled by an earlier pass over the same texts);
  in a pair with the bare pass, the two taking turns on blocks of 1,000 posts (the other passes
  and the peers below take turns on blocks of 200: see ``interleaved``); each corpus's
  in-memory figures come from a process of its own;
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
from collections.abc import Callable
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
import resource
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = {"main_cpu": me.ru_utime + me.ru_stime, "child_cpu": kids.ru_utime + kids.ru_stime}
print(json.dumps({**peak, **cpu, "heavy": heavy, "code": code}), file=sys.stderr)
"""


def load(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["text"] or "" for line in handle]


def interleaved(tools: dict[str, Callable[[], Callable[[str], object]]], texts: list[str], runs: int,
                block: int = 200) -> dict[str, float]:
    """Median seconds of each tool over every text.  The tools take turns block by block, so
    that all of them see the same moments of a machine whose speed drifts (by up to 2x
    within minutes here): ratios between them hold even when the absolute figures move.
    ``tools``: name -> a factory called at the start of each run (a tool that should start
    afresh, like the cold pipeline, builds its state there).  Results are not kept (as in a
    batch run), so that the garbage collector does not charge one tool for another's
    leftovers."""
    spent: dict[str, list[float]] = {name: [] for name in tools}
    clock = time.perf_counter
    for _ in range(runs):
        fns = {name: make() for name, make in tools.items()}
        total = dict.fromkeys(tools, 0.0)
        for i in range(0, len(texts), block):
            chunk = texts[i:i + block]
            for name, fn in fns.items():
                start = clock()
                for text in chunk:
                    fn(text)
                total[name] += clock() - start
        for name in tools:
            spent[name].append(total[name])
    return {name: statistics.median(times) for name, times in spent.items()}


def batch(input_path: Path, jobs: int, out: Path) -> dict:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", RUNNER, "batch", str(input_path), "-o", str(out), "--force",
                           "-j", str(jobs), "--quiet"], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    info = json.loads(done.stderr.strip().splitlines()[-1])
    info["seconds"] = seconds
    return info


def peers(texts: list[str], runs: int) -> dict[str, float]:
    import re

    import regex

    from rhetoric import Config, measure_text
    from rhetoric.tokens import _CHUNK, token_pattern

    pattern = token_pattern()
    bare = regex.compile(regex.sub(r"\(\?P<\w+>", "(?:", pattern.pattern), pattern.flags)
    warm = Config.make()

    def cold() -> Callable[[str], object]:
        config = Config.make()  # a new object: its prepared state (and token memo) is built afresh
        measure_text("warm up", config)
        return lambda text: measure_text(text, config)

    def filled() -> Callable[[str], object]:
        if not warm_filled:
            for text in texts:
                measure_text(text, warm)
            warm_filled.append(True)
        return lambda text: measure_text(text, warm)

    # The pipeline against the bare pass, in pairs of their own: with other tools taking turns
    # in between, each would empty the caches the pipeline's memo lives in, every block.  The
    # cold runs come first, each with the only memo in the process, as in a batch run (a
    # configuration's memo is freed with it).
    warm_filled: list[bool] = []
    result = {}
    for state, pipeline in (("cold", cold), ("warm", filled)):
        pair = interleaved({"bare": lambda: bare.findall, "pipeline": pipeline}, texts, runs, block=1000)
        result[f"rhetoric pipeline, {state} (measure_text)"] = pair["pipeline"]
        result[f"bare findall paired with the {state} pipeline"] = pair["bare"]
    tools: dict[str, Callable[[], Callable[[str], object]]] = {
        "bare findall, rhetoric's token pattern": lambda: bare.findall,
        "bare findall, white-space chunks": lambda: _CHUNK.findall,
        "bare findall, \\w+|[^\\w\\s] (re)": lambda: re.compile(r"\w+|[^\w\s]").findall,
    }
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        tools["VADER polarity_scores"] = lambda: vader.polarity_scores
    except ImportError:
        print("  (VADER not installed: pip install vaderSentiment)")
    try:
        import spacy

        nlp = spacy.blank("en")
        tools["spaCy blank tokenizer"] = lambda: nlp.tokenizer
    except ImportError:
        print("  (spaCy not installed: pip install spacy)")
    return {**interleaved(tools, texts, runs), **result}


VADER_SCRIPT = """
import gzip, sys
import orjson
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
analyzer = SentimentIntensityAnalyzer()
with gzip.open(sys.argv[1], "rb") as lines:
    for line in lines:
        analyzer.polarity_scores(orjson.loads(line).get("text") or "")
"""


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def in_turn(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall seconds of each command, the commands taking turns ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
    return times


def targets(data: Path, runs: int, tmp: Path) -> None:
    """The ratios of issue 14, whole processes taking turns."""
    import shutil

    exe = shutil.which("rhetoric") or sys.exit("the rhetoric command is not installed (pip install -e .)")
    try:
        import vaderSentiment  # noqa: F401
    except ImportError:
        vader = None
        print("(VADER not installed: pip install vaderSentiment; the VADER ratios are skipped)")
    else:
        vader = tmp / "vader_whole.py"
        vader.write_text(VADER_SCRIPT, encoding="utf-8")
    print(f"whole processes, {runs} runs taking turns (medians; ratio = peer's time / rhetoric's time)")
    for name, target in (("twitter", 2.5), ("truth_social", 3.5)):
        path = data / "corpus" / f"{name}.jsonl.gz"
        commands = {"rhetoric": [exe, "batch", str(path), "-o", str(tmp / f"{name}.csv"), "-j1", "--force", "-q"]}
        if vader is not None:
            commands["vader"] = [sys.executable, str(vader), str(path)]
        times = in_turn(commands, runs)
        ours = statistics.median(times["rhetoric"])
        line = f"  {name:<13} rhetoric batch -j1 {ours:.2f} s"
        if vader is not None:
            theirs = statistics.median(times["vader"])
            line += (f"; VADER script {theirs:.2f} s -> {theirs / ours:.2f}x (target >= {target}x); per run "
                     + ", ".join(f"{v / r:.2f}x" for r, v in zip(times["rhetoric"], times["vader"], strict=True)))
        print(line)
    for name in ("twitter", "truth_social"):
        big = repeated(load(data / "corpus" / f"{name}.jsonl.gz"), 4, tmp / f"{name}-x4.jsonl")
        out = str(tmp / f"{name}-x4.csv")
        times = in_turn({jobs: [exe, "batch", str(big), "-o", out, "--force", "-q", *(["-j", jobs] if jobs else [])]
                         for jobs in ("1", "2", "")}, runs)
        one, two, default = (statistics.median(times[j]) for j in ("1", "2", ""))
        print(f"  {name} x4: -j1 {one:.2f} s, -j2 {two:.2f} s -> {one / two:.2f}x (target >= 1.7x); "
              f"default --jobs {default:.2f} s -> {one / default:.2f}x -j1 (never below 1x)")
    print()


def repeated(texts: list[str], times: int, path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for k in range(times):
            for i, t in enumerate(texts):
                out.write(json.dumps({"id": f"{k}-{i}", "text": t}) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="fewer runs, skip the 8x memory check")
    parser.add_argument("--targets", action="store_true", help="only the ratios of the targets")
    parser.add_argument("--peers", type=Path, help=argparse.SUPPRESS)  # internal: time one corpus, print JSON
    args = parser.parse_args()
    if args.peers:
        print(json.dumps(peers(load(args.peers), args.runs)))
        return
    runs = 1 if args.quick else args.runs
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; medians of {runs} runs; "
          "peak RSS sampled every 20 ms from /proc\n")
    tmp = Path(tempfile.mkdtemp(prefix="rhetoric-bench-"))
    targets(args.data, max(5, runs), tmp)
    if args.targets:
        return
    for name in ("twitter", "truth_social"):
        path = args.data / "corpus" / f"{name}.jsonl.gz"
        texts = load(path)
        mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        print(f"{name}: {len(texts):,} posts, {mb:.1f} MB of text")
        print(f"  {'what':<44} {'docs/s':>9} {'MB/s':>7} {'peak RSS':>18}")
        # each corpus's peers in a process of their own, so that neither the memo of the other
        # corpus nor the modules of VADER and spaCy (imported after the cold runs) weigh on them
        timed = json.loads(subprocess.run([sys.executable, __file__, "--peers", str(path), "--runs", str(runs)],
                                          capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        results = {k: len(texts) / v for k, v in timed.items()}
        for what, rate in results.items():
            print(f"  {what:<44} {rate:>9,.0f} {rate * mb / len(texts):>7.2f}")
        for jobs in (1, 2):
            infos = [batch(path, jobs, tmp / f"{name}-{jobs}.csv") for _ in range(runs)]
            seconds = statistics.median(i["seconds"] for i in infos)
            rate = len(texts) / seconds
            results[f"rhetoric batch -j {jobs} (end to end)"] = rate
            info = infos[0]
            print(f"  {f'rhetoric batch -j {jobs} (end to end)':<44} {rate:>9,.0f} {mb / seconds:>7.2f} "
                  f"{info['main_kb'] / 1024:>6.0f} MB main, {info['child_kb'] / 1024:.0f} MB per worker"
                  + (f"  loaded: {', '.join(info['heavy'])}" if info["heavy"] else ""))
        end_to_end = results["rhetoric batch -j 1 (end to end)"]
        for state in ("cold", "warm"):
            pipeline = results[f"rhetoric pipeline, {state} (measure_text)"]
            paired = results[f"bare findall paired with the {state} pipeline"]
            print(f"  pipeline {state} / bare findall, rhetoric's token pattern = {pipeline / paired:.2f}x  "
                  f"(target >= 0.45x; the two taking turns, {pipeline:,.0f} against {paired:,.0f} docs/s)")
            plain = results["bare findall, \\w+|[^\\w\\s] (re)"]
            print(f"  pipeline {state} / bare findall, \\w+|[^\\w\\s] (re)         = {pipeline / plain:.2f}x")
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
        pairs.append((batch(big, 1, tmp / "big1.csv"), batch(big, 2, tmp / "big2.csv")))
    one, two = (statistics.median(p[k]["seconds"] for p in pairs) for k in (0, 1))
    ratios = ", ".join(f"{a['seconds'] / b['seconds']:.2f}x" for a, b in pairs)
    print(f"scaling on both corpora repeated {times}x ({size:.0f} MB, {len(texts) * times:,} posts), "
          f"{len(pairs)} interleaved runs: 1 job {one:.1f} s, 2 jobs {two:.1f} s (medians) -> {one / two:.2f}x "
          f"(target >= 1.7x); per pair {ratios}")
    # What bounds the ratio: with 2 jobs the main process (reading, writing) and 2 workers share
    # the 2 cores, so the run can not be shorter than its CPU time over 2.
    cpu_one = statistics.median(p[0]["main_cpu"] + p[0]["child_cpu"] for p in pairs)
    main_two, kids_two = (statistics.median(p[1][k] for p in pairs) for k in ("main_cpu", "child_cpu"))
    print(f"  CPU seconds (medians): 1 job {cpu_one:.1f}; 2 jobs {main_two:.1f} main + {kids_two:.1f} workers "
          f"= {main_two + kids_two:.1f}; so 2 jobs can be at most {2 * cpu_one / (main_two + kids_two):.2f}x "
          f"1 job on 2 cores, and took {two / ((main_two + kids_two) / 2):.2f}x that bound's time")
    if not args.quick:
        # x1 to x8 shows what grows with the input; x8 to x16 shows that the token memo, which
        # fills up to the corpus's vocabulary of chunks in the first passes, then stays flat.
        # With 2 jobs each worker sees about half the posts of a single pass, so its memo
        # holds half the vocabulary at x1 and all of it from x2 on.
        for jobs in (1, 2):
            peaks = {k: batch(repeated(texts, k, tmp / f"x{k}.jsonl"), jobs, tmp / f"x{k}.csv") for k in (1, 8, 16)}
            for k, info in peaks.items():
                print(f"memory, {jobs} job{'s' * (jobs > 1)}: input x{k:<2} peak {info['main_kb'] / 1024:.0f} MB main"
                      + (f" / {info['child_kb'] / 1024:.0f} MB per worker" if jobs > 1 else ""))
            for a, b in ((1, 8), (8, 16)):
                print(f"  x{a} -> x{b}: {peaks[b]['main_kb'] / peaks[a]['main_kb']:.2f}x main"
                      + (f", {peaks[b]['child_kb'] / peaks[a]['child_kb']:.2f}x worker" if jobs > 1 else "")
                      + " (targets < 300 MB, within 10%)")

if __name__ == "__main__":
    main()
