"""How fast `goallint check` runs on a large plan, next to two peer linters.

    python bench/check.py [--lines 50000] [--seed 7] [--runs 3] [--startup-runs 10]

Generates, in a temporary directory, a varied `.okr` plan (the generator of bench/parse.py, fixed
seed), then the same goals as plain prose (for proselint) and as YAML (for yamllint). Each tool
is run as a whole process, the way a user runs it, and measured by:
- wall time: median of --runs runs (perf_counter around spawn and wait);
- peak RSS: the child's own ru_maxrss, read from os.wait4() for that one process (the figure
  getrusage(RUSAGE_CHILDREN) accumulates, but per run rather than as a running maximum);
- start-up: wall time on a one-line file, median of --startup-runs runs.

goallint's own bytecode is written first (`compile_bytecode`): the peers' wheels were compiled
when pip installed them, and an editable goallint would otherwise compile itself on every run.

The commands are `goallint check PLAN --output-format json`, `proselint check PROSE` and
`yamllint -d relaxed PLAN.yaml`, all with stdout to /dev/null. Exit status 1 means "findings"
and is expected; anything else is an error. Nothing is installed: a peer that is missing
(`pip install proselint yamllint`) is reported and skipped.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import importlib.metadata
import importlib.util
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
from types import ModuleType

HERE = Path(__file__).resolve().parent
# Far beyond any reasonable run on the plan: past it, the tool is taken to be stuck.
TIMEOUT_SECONDS = 900


def _load_generator() -> ModuleType:
    """bench/parse.py, imported as a module for its `generate(line_count, seed)`."""
    spec = importlib.util.spec_from_file_location("goallint_bench_parse", HERE / "parse.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the plan generator from {HERE / 'parse.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ----------------------------------------------------------------------------------------------
# The same goals as prose and as YAML, converted line by line from the generated plan.

HEADER = re.compile(r"^(title|period|owner|parent)\s*:\s*(.*)$", re.IGNORECASE)
OBJECTIVE = re.compile(r"^(?:Objective\s*#?\d*|O\d+)\s*[:.\-–]\s*(.*)$", re.IGNORECASE)
KPI = re.compile(r"^KPI(?:\s*\d+)?\s*:\s*(.*)$", re.IGNORECASE)
FIELD = re.compile(r"^(target|source|cadence|owner)\s*:\s*(.*)$", re.IGNORECASE)
KR_LABEL = re.compile(
    r"^(?:KR\s*\d*(?:\.\d+)?\s*[:.\-]|Key Result\s*#?\d*\s*[:.\-]|[-*•+]|\d+[.)])\s*", re.IGNORECASE
)
MARKER = re.compile(r"\s*(\[(committed|aspirational|stretch|KPI)\]|\(KPI\))\s*$", re.IGNORECASE)


def _sentence(text: str) -> str:
    text = MARKER.sub("", text).strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def to_prose(plan: str) -> str:
    """One sentence a line, one paragraph an objective: what a goal memo would say."""
    out: list[str] = []
    for raw in plan.splitlines():
        line = raw.strip()
        if not line:
            out.append("")
        elif line.startswith("#"):
            out.append(_sentence(line.lstrip("#- ").strip() or "Reviewed"))
        elif not raw.startswith(" ") and (match := HEADER.match(line)):
            out.append(f"The {match[1].lower()} of this plan is {_sentence(match[2])}")
        elif match := OBJECTIVE.match(line):
            out.append(f"Our objective is to {_sentence(match[1][:1].lower() + match[1][1:])}")
        elif match := KPI.match(line):
            out.append(f"We track {_sentence(match[1])}")
        elif match := FIELD.match(line):
            out.append(f"Its {match[1].lower()} is {_sentence(match[2])}")
        else:
            out.append(_sentence(KR_LABEL.sub("", line)))  # a key result reads as a sentence already
    return "\n".join(out) + "\n"


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def to_yaml(plan: str) -> str:
    """The plan as a YAML mapping: header fields, then a list of objectives (with their key results
    and KPIs) and plan-level KPIs."""
    out = ["---"]
    in_goals = False
    block = ""  # the list open under the current objective: "key_results", "kpis" or ""
    item = ""  # "objective", "kr", "kpi" (under an objective) or "plan-kpi"
    for raw in plan.splitlines():
        line = raw.strip()
        if not line:
            out.append("")
            continue
        pad = {"kr": "        ", "kpi": "        ", "objective": "      ", "plan-kpi": "    "}.get(item, "")
        if line.startswith("#"):
            out.append(pad + "# " + line.lstrip("# "))
            continue
        indented = raw.startswith(" ")
        if not in_goals and (match := HEADER.match(line)):
            out.append(f"{match[1].lower()}: {_q(match[2])}")
            continue
        if not in_goals:
            out.append("goals:")
            in_goals = True
        if not indented and (match := OBJECTIVE.match(line)):
            out.append(f"  - objective: {_q(match[1])}")
            block, item = "", "objective"
        elif match := KPI.match(line):
            name, _, rest = match[1].partition(" – ")
            if indented and item in ("objective", "kr", "kpi"):
                if block != "kpis":
                    out.append("    kpis:")
                out.append(f"      - kpi: {_q(name)}")
                block, item = "kpis", "kpi"
            else:
                out.append(f"  - kpi: {_q(name)}")
                block, item = "", "plan-kpi"
            if rest:
                out.append(f"{'        ' if item == 'kpi' else '    '}summary: {_q(rest)}")
        elif match := FIELD.match(line):
            field_pad = {"objective": "    ", "kr": "        ", "kpi": "        ", "plan-kpi": "    "}[item]
            out.append(f"{field_pad}{match[1].lower()}: {_q(match[2])}")
        else:
            if block != "key_results":
                out.append("    key_results:")
            out.append(f"      - kr: {_q(KR_LABEL.sub('', line))}")
            block, item = "key_results", "kr"
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------
# Measuring whole processes.


@dataclass
class Tool:
    name: str
    command: list[str]  # the input path is appended
    path: Path
    one_line: Path
    lines: int
    walls: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    startups: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def startup(self) -> float:
        return statistics.median(self.startups)

    @property
    def lines_per_second(self) -> float:
        return self.lines / self.wall

    def measure(self, runs: int, startup_runs: int, prime_with_plan: bool = False) -> None:
        """Start-up on the one-line file, then wall time and peak memory on the plan. One unmeasured
        run first warms the file cache and .pyc files (on the plan too: it fills a tool's cache)."""
        run_once([*self.command, str(self.one_line)])
        if prime_with_plan:
            run_once([*self.command, str(self.path)])
        for _ in range(startup_runs):
            self.startups.append(run_once([*self.command, str(self.one_line)])[0])
        for _ in range(runs):
            seconds, peak = run_once([*self.command, str(self.path)])
            self.walls.append(seconds)
            self.peaks_kib.append(peak)
        print(f"  measured {self.name}: {self.wall:.2f} s", file=sys.stderr)


def run_once(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one process; exit 0 or 1 (findings) is accepted."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + TIMEOUT_SECONDS
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            os.wait4(process.pid, 0)
            raise SystemExit(f"no result after {TIMEOUT_SECONDS} s: {' '.join(command)}")
        time.sleep(0.002)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.stderr is not None
    errors = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode not in (0, 1):
        raise SystemExit(f"exit {process.returncode}: {' '.join(command)}\n{errors[-2000:]}")
    return seconds, usage.ru_maxrss  # Linux: KiB


def compile_bytecode() -> None:
    """Write the .pyc files of goallint and its installed plugins, as `pip install` does for the
    peers' wheels. An editable install has none, and with PYTHONDONTWRITEBYTECODE set Python never
    writes them: every goallint run would then compile its own source while the peers start
    from bytecode."""
    packages = {"goallint"} | {ep.module.partition(".")[0] for ep in importlib.metadata.entry_points(group="goallint")}
    for package in sorted(packages):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(location, quiet=1)


def find(executable: str, module: str) -> str | None:
    """The executable beside this Python, else on PATH, if its module is importable."""
    if importlib.util.find_spec(module) is None:
        return None
    beside = Path(sys.executable).parent / executable
    return str(beside) if beside.exists() else shutil.which(executable)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs on the large file; the median is shown")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs on a one-line file; the median is shown")
    parser.add_argument("--keep", action="store_true", help="keep the generated files and print where they are")
    args = parser.parse_args()

    goallint = find("goallint", "goallint")
    if goallint is None:
        print("goallint is not installed in this environment (pip install -e .)", file=sys.stderr)
        return 2
    proselint = find("proselint", "proselint")
    yamllint = find("yamllint", "yamllint")
    for name, found in (("proselint", proselint), ("yamllint", yamllint)):
        if found is None:
            print(f"{name} is not installed (pip install {name}): skipping it.", file=sys.stderr)

    compile_bytecode()
    workdir = Path(tempfile.mkdtemp(prefix="goallint-bench-check-"))
    try:
        plan = _load_generator().generate(args.lines, args.seed)
        files = {"plan.okr": plan, "plan.txt": to_prose(plan), "plan.yaml": to_yaml(plan),
                 "one.okr": "Objective: Make onboarding effortless\n",
                 "one.txt": "Our objective is to make onboarding effortless.\n",
                 "one.yaml": "objective: Make onboarding effortless\n"}
        for name, text in files.items():
            (workdir / name).write_text(text, encoding="utf-8")

        def tool(name: str, command: list[str], suffix: str) -> Tool:
            return Tool(name, command, workdir / f"plan.{suffix}", workdir / f"one.{suffix}",
                        files[f"plan.{suffix}"].count("\n"))

        tools = [tool("goallint", [goallint, "check", "--output-format", "json"], "okr")]
        if proselint:
            tools.append(tool("proselint", [proselint, "check"], "txt"))
        if yamllint:
            tools.append(tool("yamllint", [yamllint, "-d", "relaxed"], "yaml"))

        for each in tools:
            each.measure(args.runs, args.startup_runs)
    finally:
        if args.keep:
            print(f"generated files kept in {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"date {datetime.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs ({cpus} usable), {platform.machine()}")
    print(f"plan: {args.lines:,} lines, seed {args.seed}; wall: median of {args.runs} runs; start-up: median of "
          f"{args.startup_runs} runs on a one-line file; peak RSS: ru_maxrss of each process via os.wait4 "
          f"(max of the runs)\n")
    header = f"{'tool':<10} {'lines':>8} {'wall s':>8} {'lines/s':>9} {'peak MB':>8} {'start-up s':>10}"
    print(header)
    print("-" * len(header))
    for each in tools:
        print(f"{each.name:<10} {each.lines:>8,} {each.wall:>8.2f} {each.lines_per_second:>9,.0f} "
              f"{max(each.peaks_kib) / 1024:>8.1f} {each.startup:>10.3f}")
    print()
    by_name = {each.name: each for each in tools}
    mine = by_name["goallint"]
    if "proselint" in by_name:
        ratio = mine.lines_per_second / by_name["proselint"].lines_per_second
        print(f"throughput goallint/proselint: {ratio:.2f}x  (lines/s; >1 means goallint is faster)")
    else:
        print("throughput goallint/proselint: n/a (proselint not installed)")
    if "yamllint" in by_name:
        ratio = mine.startup / by_name["yamllint"].startup
        print(f"start-up goallint/yamllint:    {ratio:.2f}x  (seconds; >1 means goallint starts slower)")
    else:
        print("start-up goallint/yamllint:    n/a (yamllint not installed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
