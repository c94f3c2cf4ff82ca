"""goallint next to the linters a user might pick instead, side by side in one run.

    python bench/compare.py [--objectives 10000] [--seed 7] [--runs 3] [--startup-runs 10]

Generates one plan of --objectives objectives (bench/parse.py's generator), writes the same
goals as prose for proselint and as YAML for yamllint (bench/check.py's converters), and runs
each tool as a whole process, the way a user does, several times:

- goallint, cold: `goallint check --no-cache --output-format json PLAN.okr`;
- goallint, warm: the same with its result cache, after one run has filled it (what a second
  run on an unchanged plan costs: pre-commit, CI re-runs, an editor saving);
- proselint, as installed: `proselint check PLAN.txt`. It stops after `max_errors` findings (1,000
  by default), so on a long text it never reads most of it;
- proselint, whole text: the same with `max_errors` raised so that it lints all of it;
- yamllint: `yamllint -d relaxed PLAN.yaml`.

Wall time is the median of --runs runs, peak memory the largest ru_maxrss of those runs, and
start-up the median of --startup-runs runs on a one-line file. Ratios compare goallint with each
peer: throughput as lines per second (above 1, goallint is faster), start-up as seconds (below
1, goallint starts faster). Peers that are not installed are reported and left out.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import sys
import tempfile
from pathlib import Path

import check  # bench/check.py: `python bench/compare.py` puts bench/ on the path

OBJECTIVE_LINE = re.compile(r"^(?:Objective\b|O\d+\b)", re.IGNORECASE | re.MULTILINE)


def plan_with(objectives: int, seed: int) -> str:
    """A generated plan cut just before its objective number `objectives + 1`."""
    generate = check._load_generator().generate
    lines = objectives * 8
    while True:
        plan: str = generate(lines, seed)
        starts = [match.start() for match in OBJECTIVE_LINE.finditer(plan)]
        if len(starts) > objectives:
            return plan[: starts[objectives]]
        lines *= 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--objectives", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs on the plan; the median is shown")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs on a one-line file; the median is shown")
    args = parser.parse_args()

    goallint = check.find("goallint", "goallint")
    if goallint is None:
        print("goallint is not installed in this environment (pip install -e .)", file=sys.stderr)
        return 2
    proselint = check.find("proselint", "proselint")
    yamllint = check.find("yamllint", "yamllint")
    for name, found in (("proselint", proselint), ("yamllint", yamllint)):
        if found is None:
            print(f"{name} is not installed (pip install {name}): left out.", file=sys.stderr)

    check.compile_bytecode()  # as pip does for the peers' wheels
    workdir = Path(tempfile.mkdtemp(prefix="goallint-bench-compare-"))
    try:
        plan = plan_with(args.objectives, args.seed)
        files = {
            "plan.okr": plan, "plan.txt": check.to_prose(plan), "plan.yaml": check.to_yaml(plan),
            "one.okr": "Objective: Make onboarding effortless\n",
            "one.txt": "Our objective is to make onboarding effortless.\n",
            "one.yaml": "objective: Make onboarding effortless\n",
            "proselint.json": json.dumps({"max_errors": 10**9}),
        }
        for name, text in files.items():
            (workdir / name).write_text(text, encoding="utf-8")
        cache = workdir / "cache"

        def run(name: str, command: list[str], suffix: str) -> check.Tool:
            return check.Tool(name, command, workdir / f"plan.{suffix}", workdir / f"one.{suffix}",
                       files[f"plan.{suffix}"].count("\n"))

        runs = [
            run("goallint cold", [goallint, "check", "--no-cache", "--output-format", "json"], "okr"),
            run("goallint warm", [goallint, "check", "--cache-dir", str(cache), "--output-format", "json"], "okr"),
        ]
        if proselint:
            runs.append(run("proselint as installed", [proselint, "check"], "txt"))
            runs.append(run("proselint whole text",
                            [proselint, "check", "--config", str(workdir / "proselint.json")], "txt"))
        if yamllint:
            runs.append(run("yamllint", [yamllint, "-d", "relaxed"], "yaml"))

        for each in runs:
            each.measure(args.runs, args.startup_runs, prime_with_plan=True)  # fills goallint's cache
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"date {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs ({cpus} usable), {platform.machine()}")
    print(f"plan: {args.objectives:,} objectives, {runs[0].lines:,} lines (seed {args.seed}); wall: median of "
          f"{args.runs} runs; start-up: median of {args.startup_runs} runs on a one-line file; peak: largest "
          "ru_maxrss\n")
    header = f"{'tool':<24} {'lines':>8} {'wall s':>8} {'lines/s':>10} {'peak MB':>8} {'start-up s':>10}"
    print(header)
    print("-" * len(header))
    for each in runs:
        print(f"{each.name:<24} {each.lines:>8,} {each.wall:>8.2f} {each.lines_per_second:>10,.0f} "
              f"{max(each.peaks_kib) / 1024:>8.1f} {each.startup:>10.3f}")
    print()
    for mine in runs[:2]:
        for peer in runs[2:]:
            throughput = mine.lines_per_second / peer.lines_per_second
            startup = mine.startup / peer.startup
            print(f"{mine.name} / {peer.name}: throughput {throughput:.2f}x, start-up {startup:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
