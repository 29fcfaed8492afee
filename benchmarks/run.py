"""Time zhangkuan end to end, as a user's shell would run it, against the targets.

    python benchmarks/run.py                                  # sizes 100000,1000000, command aging
    python benchmarks/run.py --sizes 1000000 --command "collect tasks"
    python benchmarks/run.py --json results.json              # also save the figures

Every measurement is a fresh child process started with ``posix_spawn`` and reaped with
``os.wait4``, which returns that child's own resource usage: its peak resident set size
(``ru_maxrss``) is therefore per run, not the running maximum that
``getrusage(RUSAGE_CHILDREN)`` would give across all the runs of this script. Wall time is
measured around spawn and reap, so it includes interpreter start-up, as a user sees it.

What is timed:

* ``zhangkuan --version``: median of 10 runs (start-up cost; target ≤ 0.2 s);
* ``zhangkuan <command> --books DIR --as-of DATE --format json -o /dev/null``: best of 3 per
  data size (target for 1,000,000 lines: ≤ 4 s wall, ≤ 512 MiB peak);
* the baseline: this script's ``--baseline DIR`` mode, a bare ``csv.reader`` + ``Decimal`` +
  ``date.fromisoformat`` pass over the same ledger files that sums the receivable per
  customer — the floor a pure-Python reader cannot beat by much. Each zhangkuan row shows its
  wall time as a multiple of the baseline on the same data (``× baseline``): the target's
  machine does that pass in about 1 s, so the ratio is the figure that carries across machines.

Data sets are generated under ``benchmarks/data/`` (git-ignored) by ``generate.py`` when missing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TARGETS = {"version_s": 0.2, "lines_1m_s": 4.0, "lines_1m_mib": 512.0}


@dataclass
class Run:
    wall_s: float
    peak_mib: float
    status: int
    stderr: str


@dataclass
class Result:
    what: str
    lines: int
    wall_s: float
    peak_mib: float
    runs: int
    target: str
    ok: bool | None  # None when there is no target for this row, or the command failed
    error: str = ""
    times_baseline: float | None = None  # wall ÷ the baseline's wall on the same data


def spawn(argv: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` once with stdout to /dev/null; return its wall time, own peak RSS and exit status."""
    executable = shutil.which(argv[0]) or argv[0]
    with tempfile.TemporaryFile() as stderr_file:
        actions = [
            (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
            (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
            (os.POSIX_SPAWN_DUP2, stderr_file.fileno(), 2),
        ]
        started = time.perf_counter()
        pid = os.posix_spawn(executable, argv, env if env is not None else os.environ, file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
        stderr_file.seek(0)
        stderr = stderr_file.read().decode("utf-8", "replace")
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    peak = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return Run(wall, peak, os.waitstatus_to_exitcode(status), stderr)


def measure(argv: list[str], runs: int, pick: str) -> tuple[float, float, str]:
    """Time ``runs`` runs; return (median or best wall, highest peak MiB, error text if any run failed)."""
    results = [spawn(argv) for _ in range(runs)]
    failed = [run for run in results if run.status != 0]
    if failed:
        tail = failed[0].stderr.strip().splitlines()[-5:]
        return float("nan"), float("nan"), f"exit {failed[0].status}: " + " | ".join(tail)
    walls = [run.wall_s for run in results]
    wall = statistics.median(walls) if pick == "median" else min(walls)
    return wall, max(run.peak_mib for run in results), ""


def ensure_data(lines: int, seed: int, customers: int | None) -> Path:
    """The books directory for ``lines`` ledger lines, generated if missing."""
    customers = customers or max(100, lines // 200)
    folder = DATA / f"lines-{lines}-customers-{customers}-seed-{seed}"
    if not folder.exists():
        print(f"generating {folder.relative_to(HERE.parent)} …", file=sys.stderr)
        started = time.perf_counter()
        subprocess.run([sys.executable, str(HERE / "generate.py"), "--customers", str(customers), "--lines", str(lines),
                        "--seed", str(seed), "--out", str(folder)], check=True)
        print(f"  generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def baseline_pass(books: Path, as_of: date) -> None:
    """The reference floor: read every ledger line with csv, parse dates and amounts, sum per customer.

    ``csv.reader`` with the header's column positions, not ``DictReader``: building a dict per
    row costs about half as much again on a million lines, and a floor should be the fast way.
    """
    receivable: dict[str, Decimal] = defaultdict(Decimal)
    signs = {"invoice": 1, "receipt": -1, "credit_note": -1, "write_off": -1}
    count = 0
    for path in sorted((books / "ledger").glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            header = next(rows)
            at_date, at_kind, at_customer, at_amount, at_due = (header.index(name) for name in ("date", "kind", "customer", "amount", "due"))
            for row in rows:
                count += 1
                on = date.fromisoformat(row[at_date])
                if row[at_due]:
                    date.fromisoformat(row[at_due])  # parsed, as a reader must, though the sum does not need it
                amount = Decimal(row[at_amount])
                sign = signs.get(row[at_kind])
                if sign and on <= as_of:
                    receivable[row[at_customer]] += sign * amount
    total = sum(receivable.values(), Decimal(0))
    print(json.dumps({"lines": count, "customers": len(receivable), "total": f"{total:.2f}"}))


def verdict(value: float, limit: float) -> bool | None:
    return None if value != value else value <= limit  # NaN (failed run) → no verdict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time zhangkuan end to end against its performance targets.")
    parser.add_argument("--sizes", default="100000,1000000", help="ledger sizes in lines, comma-separated (default 100000,1000000)")
    parser.add_argument("--command", default="aging", help='subcommand to time, e.g. "collect tasks" or "refund assess" (default aging)')
    parser.add_argument("--as-of", default="2026-11-30", help="--as-of passed to the command (default 2026-11-30, the data's last day)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--customers", type=int, help="customers per data set (default lines/200, at least 100)")
    parser.add_argument("--runs", type=int, default=3, help="runs per command, best taken (default 3)")
    parser.add_argument("--zhangkuan", default=None, help="the zhangkuan executable (default: next to this Python, else on PATH)")
    parser.add_argument("--no-baseline", action="store_true", help="skip the csv + Decimal baseline")
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--baseline", type=Path, metavar="DIR", help=argparse.SUPPRESS)  # internal: the baseline child
    args = parser.parse_args(argv)
    as_of = date.fromisoformat(args.as_of)
    if args.baseline:
        baseline_pass(args.baseline, as_of)
        return 0

    beside = Path(sys.executable).with_name("zhangkuan")
    zhangkuan = args.zhangkuan or (str(beside) if beside.exists() else shutil.which("zhangkuan"))
    if not zhangkuan:
        parser.error("zhangkuan not found; install the project (pip install -e .) or pass --zhangkuan PATH")
    sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    command = shlex.split(args.command)

    results: list[Result] = []
    wall, peak, error = measure([zhangkuan, "--version"], 10, "median")
    results.append(Result("zhangkuan --version", 0, wall, peak, 10, f"≤ {TARGETS['version_s']} s", verdict(wall, TARGETS["version_s"]), error))
    for lines in sizes:
        books = ensure_data(lines, args.seed, args.customers)
        argv_command = [zhangkuan, *command, "--books", str(books), "--as-of", args.as_of, "--format", "json", "-o", os.devnull]
        wall, peak, error = measure(argv_command, args.runs, "best")
        if lines == 1_000_000:
            target = f"≤ {TARGETS['lines_1m_s']} s, ≤ {TARGETS['lines_1m_mib']:.0f} MiB"
            ok = None if error else wall <= TARGETS["lines_1m_s"] and peak <= TARGETS["lines_1m_mib"]
        else:
            target, ok = "", None
        results.append(Result(f"zhangkuan {args.command}", lines, wall, peak, args.runs, target, ok, error))
        if not args.no_baseline:
            wall, peak, error = measure([sys.executable, str(Path(__file__).resolve()), "--baseline", str(books), "--as-of", args.as_of], args.runs, "best")
            results.append(Result("baseline csv+Decimal", lines, wall, peak, args.runs, "", None, error))

    # The target's machine does the baseline pass in about 1 s, so "≤ 4 s" is about 4 × baseline:
    # the ratio is what carries over between machines.
    baseline_by_lines = {result.lines: result.wall_s for result in results if result.what.startswith("baseline") and not result.error}
    for result in results:
        if result.lines in baseline_by_lines and not result.what.startswith("baseline") and not result.error:
            result.times_baseline = round(result.wall_s / baseline_by_lines[result.lines], 2)

    print(f"\nzhangkuan benchmarks — {platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, as of {args.as_of}\n")
    print(f"| {'what':<28} | {'lines':>9} | {'wall s':>7} | {'× baseline':>10} | {'peak MiB':>8} | {'runs':>4} | {'target':<22} | ok   |")
    print(f"|{'-' * 30}|{'-' * 10}:|{'-' * 8}:|{'-' * 11}:|{'-' * 9}:|{'-' * 5}:|{'-' * 24}|------|")
    for result in results:
        mark = {True: "yes", False: "NO", None: ""}[result.ok] if not result.error else "FAIL"
        ratio = f"{result.times_baseline:.2f}" if result.times_baseline is not None else ""
        print(f"| {result.what:<28} | {result.lines or '':>9} | {result.wall_s:>7.3f} | {ratio:>10} | {result.peak_mib:>8.1f} | {result.runs:>4} | {result.target:<22} | {mark:<4} |")
    for result in results:
        if result.error:
            print(f"\n{result.what} ({result.lines} lines) failed: {result.error}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps([asdict(result) for result in results], ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if any(result.error or result.ok is False for result in results) else 0


if __name__ == "__main__":
    sys.exit(main())
