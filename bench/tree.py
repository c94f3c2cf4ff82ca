"""`goallint check` over a tree of many goal files: one core, every core, and a second run.

    python bench/tree.py [--files 5000] [--lines 30] [--seed 7] [--runs 3]
    python bench/tree.py --company [--teams 50] [--periods 10] [--lines 120]

Generates --files plans of --lines lines (bench/parse.py's generator, one seed per file), fifty
to a folder, each folder one team (the plans' owner), and runs the whole process on the tree.
With --company, the tree is a company's: --teams folders (the first is the company itself) with
one plan a period for --periods quarters, every team plan aligned by `parent:` lines to the
company plan of its period (the alignment rules then compare each fiscal year's plans):

- cold, one process: `goallint check --no-cache -j 1 TREE`;
- cold, all cores: `goallint check --no-cache TREE` (worker processes, one per core);
- warm: `goallint check --cache-dir CACHE TREE`, after one run has filled the cache, with
  nothing changed (what pre-commit and CI re-runs pay);
- warm after an edit: the same, with one file changed since the cache was filled.

Each is the median of --runs runs, with the CPU time of the process and its children (user +
system, from os.wait4) beside the wall time: CPU / wall above 1 means more than one core worked.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import check  # bench/check.py: `python bench/tree.py` puts bench/ on the path


def run_once(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, of the largest process) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if code not in (0, 1):
        raise SystemExit(f"exit {code}: {' '.join(command)}\n{errors[-2000:]}")
    return wall, usage.ru_maxrss


def write_plans(tree: Path, generate: Callable[[int, int], str], args: argparse.Namespace) -> tuple[int, Path]:
    total_lines = 0
    for number in range(args.files):
        folder = tree / f"team{number // 50:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        # each folder is one team's plans: its own owner, as in a real tree of plans
        text = generate(args.lines, args.seed + number).replace("owner: Leadership", f"owner: {folder.name}", 1)
        total_lines += text.count("\n")
        (folder / f"plan{number % 50:02d}.okr").write_text(text, encoding="utf-8")
    return total_lines, tree / "team000" / "plan00.okr"


def write_company(tree: Path, generate: Callable[[int, int], str], args: argparse.Namespace) -> tuple[int, Path]:
    """The company's plan for each quarter, and each team's, aligned to the company's objectives."""
    periods = [f"{2024 + q // 4}-Q{q % 4 + 1}" for q in range(args.periods)]
    total_lines = 0
    for team in range(args.teams):
        name = "company" if team == 0 else f"team{team:03d}"
        folder = tree / name
        folder.mkdir(parents=True, exist_ok=True)
        for number, period in enumerate(periods):
            text = generate(args.lines, args.seed + team * 1000 + number)
            text = text.replace("title: Company plan (generated for the benchmark)",
                                f"title: {'Company' if team == 0 else name} plan", 1)
            text = text.replace("period: 2026-Q3", f"period: {period}", 1)
            text = text.replace("owner: Leadership", f"owner: {'Leadership' if team == 0 else name}", 1)
            if team:  # the plan aligns to one of the company's first objectives of the same period
                text = text.replace("owner:", f"parent: Company plan {period} O{team % 3 + 1}\nowner:", 1)
            total_lines += text.count("\n")
            (folder / f"{period}.okr").write_text(text, encoding="utf-8")
    return total_lines, tree / "team001" / f"{periods[-1]}.okr"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--lines", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--company", action="store_true", help="a company's tree of aligned plans")
    parser.add_argument("--teams", type=int, default=50)
    parser.add_argument("--periods", type=int, default=10)
    args = parser.parse_args()
    if args.company and not any(a.startswith("--lines") for a in sys.argv[1:]):
        args.lines = 120
    goallint = shutil.which("goallint", path=str(Path(sys.executable).parent)) or shutil.which("goallint")
    if goallint is None:
        print("goallint is not installed in this environment (pip install -e .)", file=sys.stderr)
        return 2

    generate = check._load_generator().generate
    workdir = Path(tempfile.mkdtemp(prefix="goallint-bench-tree-"))
    tree, cache = workdir / "tree", workdir / "cache"
    try:
        if args.company:
            total_lines, edited = write_company(tree, generate, args)
            args.files = args.teams * args.periods
        else:
            total_lines, edited = write_plans(tree, generate, args)

        cases = {
            "cold, -j 1": [goallint, "check", "--no-cache", "-j", "1", str(tree)],
            "cold, all cores": [goallint, "check", "--no-cache", str(tree)],
            "warm": [goallint, "check", "--cache-dir", str(cache), str(tree)],
            "warm, one file edited": [goallint, "check", "--cache-dir", str(cache), str(tree)],
        }
        results: dict[str, list[tuple[float, float, int]]] = {}
        run_once(cases["warm"])  # fills the cache (and warms .pyc and file caches)
        for name, command in cases.items():
            results[name] = []
            for attempt in range(args.runs):
                if name == "warm, one file edited":
                    with edited.open("a", encoding="utf-8") as stream:
                        stream.write(f"# edited {attempt}\n")
                # our children's CPU time includes the workers they waited for
                before = os.times()
                wall, peak = run_once(command)
                after = os.times()
                cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
                results[name].append((wall, cpu, peak))
            print(f"  measured {name}", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    print(f"date {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}")
    print(f"tree: {args.files:,} files, {total_lines:,} lines; median of {args.runs} runs\n")
    header = f"{'run':<24} {'wall s':>8} {'CPU s':>8} {'CPU/wall':>9} {'lines/s':>10} {'peak MB':>8}"
    print(header)
    print("-" * len(header))
    for name, measured in results.items():
        wall = statistics.median(m[0] for m in measured)
        cpu = statistics.median(m[1] for m in measured)
        peak_mb = max(m[2] for m in measured) / 1024
        print(f"{name:<24} {wall:>8.2f} {cpu:>8.2f} {cpu / wall:>9.2f} {total_lines / wall:>10,.0f} {peak_mb:>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
