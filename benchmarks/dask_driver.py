r"""Is the driver of a ``--engine dask`` run a bottleneck?  And do two workers go faster than one?

    python benchmarks/dask_driver.py [--data ../shared/data] [--times 8] [--runs 3] [--partition-mb 8]
                                      [--by month] [--quick]

For each corpus (twitter, truth_social) repeated ``--times`` times into one uncompressed JSON Lines
file (so that it is split into byte ranges), the script runs ``run_batch(..., engine="dask")``
in this process (the driver) against clusters laid out as on real machines: a ``dask scheduler``
process and ``dask worker`` processes (1, then 2, one thread each), started from the command
line, taking turns, and prints:

* the driver's CPU seconds (user + system of this process) and the bytes it read (``rchar`` of
  /proc/self/io: every read() call, files and sockets alike), each beside the workers' totals
  over the same run, and the ratio (the scheduler's own CPU is printed apart);
* the largest peak resident memory of a worker process;
* the median wall time with 1 and 2 workers and their ratio, with the local engine's ``-j1`` and
  ``-j2`` on the same file as the peer measured in the same run.

Options as in a plain run: documents table (CSV), no evidence; ``--by month`` adds the
summary (computed group by group on the workers: see docs/distributed.md).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def process_usage() -> tuple[float, int]:
    """CPU seconds and bytes read (rchar) of the calling process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open("/proc/self/io") as handle:
        rchar = next(int(line.split()[1]) for line in handle if line.startswith("rchar:"))
    return usage.ru_utime + usage.ru_stime, rchar


def workers_usage(client) -> tuple[float, int]:
    """The summed CPU seconds and bytes read of the cluster's worker processes."""
    found = client.run(process_usage)
    return sum(c for c, _ in found.values()), sum(r for _, r in found.values())


def peak_rss_mb() -> float:
    """The calling process's peak resident memory (VmHWM), in MB."""
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith("VmHWM:")) / 1024


def repeated(source: Path, times: int, folder: Path) -> Path:
    """``source`` (gzip JSON Lines) written ``times`` times into one plain file."""
    target = folder / source.name.replace(".jsonl.gz", f"-x{times}.jsonl")
    with gzip.open(source, "rb") as handle:
        data = handle.read()
    with open(target, "wb") as out:
        for _ in range(times):
            out.write(data)
    return target


class Cluster:
    """A ``dask scheduler`` and ``dask worker`` processes of ``workers`` worker processes."""

    def __init__(self, workers: int, folder: Path):
        file = folder / f"scheduler-{workers}.json"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes = [subprocess.Popen(["dask", "scheduler", "--scheduler-file", str(file), "--port", "0",
                                            "--no-dashboard"], **quiet)]
        deadline = time.time() + 60
        while not file.exists() and time.time() < deadline:
            time.sleep(0.1)
        self.address = json.loads(file.read_text())["address"]
        self.processes.append(subprocess.Popen(["dask", "worker", self.address, "--nworkers", str(workers),
                                                "--nthreads", "1", "--no-dashboard"], **quiet))
        from distributed import Client

        with Client(self.address) as client:
            client.wait_for_workers(workers, timeout=120)
        self.scheduler = psutil_process(self.processes[0].pid)

    def close(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
            process.wait(30)


def psutil_process(pid: int):
    """CPU seconds of a process so far, read from /proc (no psutil needed)."""
    def cpu() -> float:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return cpu


def one_run(path: Path, out: Path, cluster: Cluster, partition_bytes: int, by: str | None) -> dict[str, float]:
    from distributed import Client

    from rhetoric import Config
    from rhetoric.batch import BatchOptions, run_batch

    config = Config.make()
    with Client(cluster.address) as client:
        w_cpu, w_read = workers_usage(client)
        s_cpu = cluster.scheduler()
        d_cpu, d_read = process_usage()
        started = time.perf_counter()
        report = run_batch([path], BatchOptions(output=out, engine="dask", scheduler=cluster.address,
                                                partition_bytes=partition_bytes, force=True, by=by), config)
        seconds = time.perf_counter() - started
        d_cpu2, d_read2 = process_usage()
        s_cpu2 = cluster.scheduler()
        w_cpu2, w_read2 = workers_usage(client)
        rss = max(client.run(peak_rss_mb).values())
    shutil.rmtree(out, ignore_errors=True)
    out.with_name(out.stem + ".summary.csv").unlink(missing_ok=True)
    return {"seconds": seconds, "documents": report.documents, "driver_cpu": d_cpu2 - d_cpu,
            "driver_read": d_read2 - d_read, "workers_cpu": w_cpu2 - w_cpu, "workers_read": w_read2 - w_read,
            "scheduler_cpu": s_cpu2 - s_cpu, "worker_rss": rss}


def local_run(path: Path, out: Path, jobs: int) -> float:
    from rhetoric import Config
    from rhetoric.batch import BatchOptions, run_batch

    started = time.perf_counter()
    run_batch([path], BatchOptions(output=out, jobs=jobs, force=True), Config.make())
    seconds = time.perf_counter() - started
    out.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--times", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--partition-mb", type=float, default=8)
    parser.add_argument("--by", default=None, help="summarize per month, week, year or column (default: none)")
    parser.add_argument("--quick", action="store_true", help="the dask runs only (no local peer)")
    args = parser.parse_args()
    partition_bytes = int(args.partition_mb * 1024**2)
    print(f"rhetoric --engine dask{' --by ' + args.by if args.by else ''}, corpora x{args.times}, "
          f"partitions of {args.partition_mb:g} MB, "
          f"medians of {args.runs} runs, {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory(prefix="rhetoric-dask-") as tmp:
        folder = Path(tmp)
        for name in ("twitter", "truth_social"):
            path = repeated(args.data / "corpus" / f"{name}.jsonl.gz", args.times, folder)
            size = path.stat().st_size
            runs: dict[str, list] = {"1 worker": [], "2 workers": [], "local -j1": [], "local -j2": []}
            clusters = {n: Cluster(n, folder) for n in (1, 2)}
            try:
                for _ in range(args.runs):  # taking turns, so that the machine's noise falls on all alike
                    for n in (1, 2):
                        runs[f"{n} worker{'s' if n > 1 else ''}"].append(
                            one_run(path, folder / "out.csv", clusters[n], partition_bytes, args.by))
                    if not args.quick:
                        runs["local -j1"].append(local_run(path, folder / "local.csv", 1))
                        runs["local -j2"].append(local_run(path, folder / "local.csv", 2))
            finally:
                for cluster in clusters.values():
                    cluster.close()
            documents = runs["1 worker"][0]["documents"]
            print(f"\n{name} x{args.times}: {documents:,} documents, {size / 1e6:.1f} MB")
            for label in ("1 worker", "2 workers"):
                rows = runs[label]
                med = {k: statistics.median(r[k] for r in rows) for k in rows[0]}
                print(f"  {label:9}: {med['seconds']:6.2f} s ({documents / med['seconds']:,.0f} docs/s); "
                      f"driver CPU {med['driver_cpu']:.2f} s = {100 * med['driver_cpu'] / med['workers_cpu']:.1f}% "
                      f"of the workers' {med['workers_cpu']:.1f} s; driver read {med['driver_read'] / 1e6:.2f} MB = "
                      f"{100 * med['driver_read'] / med['workers_read']:.1f}% of the workers' "
                      f"{med['workers_read'] / 1e6:.1f} MB; scheduler CPU {med['scheduler_cpu']:.2f} s; "
                      f"a worker's peak RSS {max(r['worker_rss'] for r in rows):.0f} MB")
            one = statistics.median(r["seconds"] for r in runs["1 worker"])
            two = statistics.median(r["seconds"] for r in runs["2 workers"])
            print(f"  2 workers vs 1: {one / two:.2f}x", end="")
            if args.quick:
                print()
                continue
            j1, j2 = statistics.median(runs["local -j1"]), statistics.median(runs["local -j2"])
            print(f"   (peer, local engine: -j1 {j1:.2f} s, -j2 {j2:.2f} s, "
                  f"{j1 / j2:.2f}x; dask 1 worker vs local -j1: {j1 / one:.2f}x)")


if __name__ == "__main__":
    main()
