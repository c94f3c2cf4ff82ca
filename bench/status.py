"""How fast `goallint status` runs on a plan of 2,000 key results with 10 check-ins each.

    python bench/status.py [--key-results 2000] [--checkins 10] [--runs 3]

Writes, in a temporary directory, a `.okr` plan for 2026-Q3 (five key results an objective, of
the kinds docs/progress.md distinguishes: increase, decrease, stay below, effort with milestones),
each with weekly check-ins from 2026-07-06, and runs `goallint status PLAN --as-of 2026-09-10`
as a whole process, the way a user runs it, start-up included: median wall time of --runs runs
per format (text, json, markdown; html, which also runs `goallint check` for the findings beside
each item). The goal (issue 14): under 2 s for json and text on this machine. Peak RSS is the
child's own ru_maxrss and CPU its user + system time (os.wait4); on a shared machine the CPU time
is the steadier figure. The check-run cache plays no part: status reads no cache.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOAL_SECONDS = 2.0


def generate(key_results: int, checkins: int) -> str:
    """A plan with the given number of key results, each with `checkins` weekly check-ins."""
    lines = ["title: Bench plan", "period: 2026-Q3", "owner: Bench team", ""]
    first = date(2026, 7, 6)
    for index in range(key_results):
        if index % 5 == 0:
            lines += ["", f"Objective: Make area {index // 5 + 1} effortless [committed]"]
        kind = index % 4
        number = index % 5 + 1
        if kind == 0:
            lines.append(f"  KR{number}: Increase weekly signups in area {index} from 1,200 to 2,000 by end of Q3")
            values = [f"{1200 + 60 * week:,}" for week in range(checkins)]
        elif kind == 1:
            lines.append(f"  KR{number}: Reduce checkout errors in area {index} from 2.4% to 0.8% by end of Q3")
            values = [f"{2.4 - 0.12 * week:.2f}%" for week in range(checkins)]
        elif kind == 2:
            lines.append(f"  KR{number}: Keep p95 page load in area {index} below 800 ms")
            values = [f"{700 + 15 * (week % 9)} ms" for week in range(checkins)]
        else:
            lines.append(f"  KR{number}: Ship the partner portal for area {index} by Sep 15")
            lines += ["    - [x] design review", "    - [ ] beta"]
            values = ["not done"] * (checkins - 1) + ["done"]
        for week, value in enumerate(values):
            day = first + timedelta(weeks=week)
            note = "(confidence 0.7) on plan" if week % 3 == 0 else "blocked on review" if week % 3 == 1 else ""
            lines.append(f"    {day.isoformat()}: {value} {note}".rstrip())
    return "\n".join(lines) + "\n"


def run_once(command: list[str]) -> tuple[float, int, float]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode() if process.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{error}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--key-results", type=int, default=2000)
    parser.add_argument("--checkins", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    compileall.compile_dir(HERE.parent / "src" / "goallint", quiet=1)  # as pip would have
    goallint = Path(sys.executable).parent / "goallint"
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan.okr"
        plan.write_text(generate(args.key_results, args.checkins), encoding="utf-8")
        size = plan.stat().st_size
        lines = plan.read_text(encoding="utf-8").count("\n")
        print(f"plan: {args.key_results} key results x {args.checkins} check-ins, {lines} lines, {size / 1024:.0f} KiB")
        print(f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs")
        base = [str(goallint), "status", str(plan), "--as-of", "2026-09-10"]
        run_once([*base, "--format", "json"])  # warm the file cache and bytecode
        startup = statistics.median(run_once([str(goallint), "status", "--help"])[0] for _ in range(5))
        load = os.getloadavg()[0]
        print(f"load average now: {load:.1f} on {os.cpu_count()} CPUs (wall times stretch when it is above the CPUs; "
              "CPU time does not)")
        print(f"start-up (goallint status --help): {startup:.3f} s")
        for fmt in ("json", "text", "markdown", "html"):
            results = [run_once([*base, "--format", fmt, "--output-file", str(Path(tmp) / f"out.{fmt}")])
                       for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in results)
            peak = max(r[1] for r in results) / 1024
            cpu = statistics.median(r[2] for r in results)
            verdict = ("" if fmt in ("markdown", "html") else
                       f"  goal < {GOAL_SECONDS:.0f} s: wall {'met' if wall < GOAL_SECONDS else 'NOT met'}, "
                       f"CPU {'met' if cpu < GOAL_SECONDS else 'NOT met'}")
            note = " (includes goallint check for the findings)" if fmt == "html" else ""
            print(f"status --format {fmt:<8} {wall:6.2f} s wall, {cpu:5.2f} s CPU (medians of {args.runs}), "
                  f"peak {peak:4.0f} MiB{verdict}{note}")


if __name__ == "__main__":
    main()
