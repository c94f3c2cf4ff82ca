"""The speed goals of issue 18, every row measured side by side in one run, as ratios.

    python bench/compare.py [--lines 10000] [--plans 2000] [--runs 3] [--startup-runs 10]
                            [--lsp-lines 2000] [--lsp-edits 100] [--seed 7]

Each tool runs as a whole process, the way a user runs it, on files written to a temporary
folder (the plans from bench/parse.py's generator; the same goals as prose for proselint and as
YAML for yamllint, bench/check.py's converters):

1. start-up: `goallint check --no-cache` on a 3-line plan against `yamllint -d relaxed` on a
   one-line file (median of --startup-runs runs each);
2. cache hit: `goallint check` on the same plan, unchanged since a run that filled its cache,
   against the same yamllint run;
3. cold throughput: `goallint check --no-cache` on a --lines-line plan against `proselint
   check` on the same goals as prose, with `max_errors` raised so that it reads the whole text
   (lines per second, median of --runs runs);
4. a tree of --plans plans of 30 lines (bench/tree.py's): a first run that fills an empty cache
   against a rerun with nothing changed (median of --runs reruns);
5. the language server: p95 from a one-character edit to the diagnostics of a --lsp-lines-line
   plan (bench/lsp.py, --lsp-edits edits).

Wall time is what the goals are stated in; the CPU time of the process and its children (from
os.wait4) is shown beside it, because on a busy machine the wall time of a short run is mostly
waiting for a core. Peers that are not installed (`pip install proselint yamllint`) are reported
and their rows left out.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import check  # bench/check.py: `python bench/compare.py` puts bench/ on the path
import lsp
import tree

OBJECTIVE_LINE = re.compile(r"^(?:Objective\b|O\d+\b)", re.IGNORECASE | re.MULTILINE)
SMALL_PLAN = "Objective: Make onboarding effortless\n  KR: Raise NPS from 30 to 40 by end of Q3\n  KR: Cut churn\n"


def plan_with(objectives: int, seed: int) -> str:
    """A generated plan cut just before its objective number `objectives + 1` (bench/floor.py)."""
    generate = check._load_generator().generate
    lines = objectives * 8
    while True:
        plan: str = generate(lines, seed)
        starts = [match.start() for match in OBJECTIVE_LINE.finditer(plan)]
        if len(starts) > objectives:
            return plan[: starts[objectives]]
        lines *= 2


def plan_of_lines(lines: int, seed: int) -> str:
    """A generated plan of about `lines` lines, cut at the objective nearest below it."""
    plan: str = check._load_generator().generate(lines, seed)
    starts = [match.start() for match in OBJECTIVE_LINE.finditer(plan)]
    cut = max((start for start in starts if plan.count("\n", 0, start) <= lines), default=len(plan))
    return plan[:cut] if cut else plan


@dataclass
class Timed:
    """Wall and CPU seconds of some runs of one command."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)


def run_once(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the process and the children it waited for) of one
    run; exit 0 or 1 (findings) is accepted."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          cwd=cwd, timeout=check.TIMEOUT_SECONDS)
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"exit {done.returncode}: {' '.join(command)}\n{done.stderr.decode(errors='replace')[-2000:]}")
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu


def timed(command: list[str], runs: int, cwd: Path | None = None, warm_up: bool = True) -> Timed:
    if warm_up:
        run_once(command, cwd)  # the file cache, .pyc files, and a tool's own cache
    result = Timed()
    for _ in range(runs):
        wall, cpu = run_once(command, cwd)
        result.walls.append(wall)
        result.cpus.append(cpu)
    return result


@dataclass
class Row:
    what: str
    mine: str
    theirs: str
    ratio: float
    cpu_ratio: float | None
    goal: str
    met: bool


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=10_000, help="lines of the plan for cold throughput")
    parser.add_argument("--plans", type=int, default=2000, help="plans in the tree for the rerun")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs on the plan and reruns of the tree; the median")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs on the small files; the median")
    parser.add_argument("--lsp-lines", type=int, default=2000)
    parser.add_argument("--lsp-edits", type=int, default=100)
    args = parser.parse_args()

    goallint = check.find("goallint", "goallint")
    if goallint is None:
        print("goallint is not installed in this environment (pip install .)", file=sys.stderr)
        return 2
    proselint = check.find("proselint", "proselint")
    yamllint = check.find("yamllint", "yamllint")
    for name, found in (("proselint", proselint), ("yamllint", yamllint)):
        if found is None:
            print(f"{name} is not installed (pip install {name}): its rows are left out.", file=sys.stderr)

    check.compile_bytecode()  # as pip does for the peers' wheels
    rows: list[Row] = []
    workdir = Path(tempfile.mkdtemp(prefix="goallint-bench-compare-"))
    try:
        plan = plan_of_lines(args.lines, args.seed)
        lines = plan.count("\n")
        files = {
            "plan.okr": plan, "plan.txt": check.to_prose(plan), "small.okr": SMALL_PLAN,
            "one.yaml": "objective: Make onboarding effortless\n",
            "proselint.json": json.dumps({"max_errors": 10**9}),
        }
        for name, text in files.items():
            (workdir / name).write_text(text, encoding="utf-8")
        cache = workdir / "cache"

        # 1 and 2: start-up and a cache hit, against yamllint
        cold_small = timed([goallint, "check", "--no-cache", str(workdir / "small.okr")], args.startup_runs)
        hit_small = timed([goallint, "check", "--cache-dir", str(cache), str(workdir / "small.okr")],
                          args.startup_runs)
        print("  measured goallint on a 3-line plan", file=sys.stderr)
        if yamllint:
            yaml = timed([yamllint, "-d", "relaxed", str(workdir / "one.yaml")], args.startup_runs)
            print("  measured yamllint", file=sys.stderr)
            for what, mine, goal in (("start-up: check on a 3-line plan / yamllint", cold_small, 1.2),
                                     ("cache hit: the same plan unchanged / yamllint", hit_small, 1.0)):
                rows.append(Row(what, f"{mine.wall:.3f} s", f"{yaml.wall:.3f} s", mine.wall / yaml.wall,
                                mine.cpu / yaml.cpu, f"<= {goal:.1f}x", mine.wall / yaml.wall <= goal))

        # 3: cold throughput against proselint reading the whole text
        if proselint:
            mine = timed([goallint, "check", "--no-cache", "--output-format", "json", str(workdir / "plan.okr")],
                         args.runs)
            prose = timed([proselint, "check", "--config", str(workdir / "proselint.json"),
                           str(workdir / "plan.txt")], args.runs)
            print("  measured the plan", file=sys.stderr)
            rows.append(Row(f"cold throughput: {lines:,}-line plan / proselint whole text",
                            f"{lines / mine.wall:,.0f} lines/s", f"{lines / prose.wall:,.0f} lines/s",
                            prose.wall / mine.wall, prose.cpu / mine.cpu, ">= 1.5x", prose.wall / mine.wall >= 1.5))

        # 4: a tree of plans, the first run filling the cache, then reruns with nothing changed
        trees = argparse.Namespace(files=args.plans, lines=30, seed=args.seed)
        total, _ = tree.write_plans(workdir / "tree", check._load_generator().generate, trees)
        command = [goallint, "check", "--cache-dir", str(workdir / "tree-cache"), str(workdir / "tree")]
        first = timed(command, 1, warm_up=False)
        rerun = timed(command, args.runs, warm_up=False)
        print("  measured the tree", file=sys.stderr)
        rows.append(Row(f"{args.plans:,} plans ({total:,} lines): first run / unchanged rerun",
                        f"{rerun.wall:.2f} s", f"{first.wall:.2f} s", first.wall / rerun.wall,
                        first.cpu / rerun.cpu, ">= 10x faster", first.wall / rerun.wall >= 10))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    # 5: the language server
    served = lsp.run(args.lsp_lines, args.lsp_edits, args.seed, whole=False)
    print("  measured the language server", file=sys.stderr)
    rows.append(Row(f"language server: p95 edit -> diagnostics, {served['lines']:,}-line plan",
                    f"{served['p95_ms']} ms", "35 ms (goal)", served["p95_ms"] / 35, None, "<= 1.0x of 35 ms",
                    served["p95_ms"] <= 35))

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"date {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, Python {platform.python_version()}, "
          f"{cpus} usable CPUs, load average {os.getloadavg()[0]:.1f} at the end; "
          f"median of {args.startup_runs} runs (small files), {args.runs} (plan, reruns)\n")
    print("| row | goallint | against | ratio (wall) | ratio (CPU) | goal | met |")
    print("|---|---:|---:|---:|---:|---|---|")
    for row in rows:
        cpu = f"{row.cpu_ratio:.2f}x" if row.cpu_ratio is not None else "-"
        print(f"| {row.what} | {row.mine} | {row.theirs} | {row.ratio:.2f}x | {cpu} | {row.goal} | "
              f"{'yes' if row.met else 'no'} |")
    print(f"\nlanguage server: p50 {served['p50_ms']} ms, server CPU {served['server_cpu_ms']} ms an edit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
