"""How close the speed goals of issues #3 and #7 can come on goallint's stack, measured.

    python bench/floor.py [--objectives 10000] [--seed 7] [--runs 5] [--startup-runs 10]

The goals: ten times proselint's lines per second on the same plan, and a start-up no slower
than 0.8 x yamllint's. goallint is built on pydantic (the parsed model), Lark (the statement
grammar), click (the command) and pluggy with entry points (plugins). This script measures what
those choices cost before goallint does any work of its own, next to the budgets the goals set:

- start-up: a Python process that only imports the stack and looks up the `goallint` entry
  points, against `yamllint` on a one-line file and against `goallint check` on the same file;
- throughput: on bench/compare.py's plan (the same text, prose for proselint), the budget is the
  plan's lines divided by ten times proselint's lines per second (proselint reading the whole
  text, `max_errors` raised). Against it, each stage of goallint alone, in this process, with
  imports and the grammar build left out:
  - building the parsed plan's pydantic objects from values prepared in advance, no reading at
    all, in the faster of pydantic's two ways (`model_construct` field by field in Python, or
    `model_validate` of the whole tree in pydantic-core): the least any reader has to spend to
    hand the rules this model;
  - reading every key result and KPI statement (lexer, LALR parser, interpretation) with no
    objects built;
  - the rules, on the parsed plan.

Each figure is the median of --runs runs. A stage alone over the budget means the goal cannot be
met by tuning the rest.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import check  # bench/check.py: `python bench/floor.py` puts bench/ on the path
import compare
from goallint.checking import _Engine
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.engine.runner import lint_document
from goallint.model import Document
from goallint.syntax import parse_document
from goallint.syntax.statement import read_statement

STACK_IMPORTS = (
    "from pydantic import BaseModel; import lark, click, pluggy; "
    "from importlib.metadata import entry_points; entry_points(group='goallint')"
)

Recipe = tuple[type[BaseModel], dict[str, Any]] | list[Any] | Any


def recipe_of(value: Any) -> Recipe:
    """The classes and field values of a model tree, to rebuild it without reading anything."""
    if isinstance(value, BaseModel):
        return (type(value), {name: recipe_of(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, list):
        return [recipe_of(item) for item in value]
    return value


def build(recipe: Recipe) -> Any:
    # a model's recipe; a field whose value is a tuple (Directive.rules) is kept as it is
    if isinstance(recipe, tuple) and len(recipe) == 2 and isinstance(recipe[0], type):
        model, fields = recipe
        return model.model_construct(**{name: build(value) for name, value in fields.items()})
    if isinstance(recipe, list):
        return [build(item) for item in recipe]
    return recipe


def median_seconds(work: Callable[[], object], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def statements_of(document: Document) -> list[tuple[str, bool]]:
    found = [(kpi.text, True) for kpi in document.kpis]
    for objective in document.objectives:
        found += [(kr.text, False) for kr in objective.key_results]
        found += [(kpi.text, True) for kpi in objective.kpis]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--objectives", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=5, help="runs of each in-process stage; the median is shown")
    parser.add_argument("--startup-runs", type=int, default=10, help="runs of each process; the median is shown")
    args = parser.parse_args()
    proselint, yamllint = check.find("proselint", "proselint"), check.find("yamllint", "yamllint")
    goallint = check.find("goallint", "goallint")
    if proselint is None or yamllint is None or goallint is None:
        print("needs goallint, proselint and yamllint installed beside this Python "
              "(pip install -e . proselint yamllint)", file=sys.stderr)
        return 2
    check.compile_bytecode()
    gc.set_threshold(100_000, 50, 100)  # as the goallint command does

    workdir = Path(tempfile.mkdtemp(prefix="goallint-bench-floor-"))
    try:
        plan = compare.plan_with(args.objectives, args.seed)
        lines = plan.count("\n")
        (workdir / "plan.txt").write_text(check.to_prose(plan), encoding="utf-8")
        (workdir / "proselint.json").write_text(json.dumps({"max_errors": 10**9}), encoding="utf-8")
        (workdir / "one.okr").write_text("Objective: Make onboarding effortless\n", encoding="utf-8")
        (workdir / "one.yaml").write_text("objective: Make onboarding effortless\n", encoding="utf-8")

        def process(command: list[str]) -> float:
            check.run_once(command)  # warms the file cache
            return statistics.median(check.run_once(command)[0] for _ in range(args.startup_runs))

        bare = process([sys.executable, "-c", "pass"])
        stack = process([sys.executable, "-c", STACK_IMPORTS])
        yaml_startup = process([yamllint, "-d", "relaxed", str(workdir / "one.yaml")])
        own_startup = process([goallint, "check", "--no-cache", str(workdir / "one.okr")])
        print("  measured start-up", file=sys.stderr)
        prose_command = [proselint, "check", "--config", str(workdir / "proselint.json"), str(workdir / "plan.txt")]
        check.run_once(prose_command)
        prose_seconds = statistics.median(check.run_once(prose_command)[0] for _ in range(max(1, args.runs // 2)))
        print("  measured proselint", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    plugins = load_plugins()
    engine = _Engine(plugins, ConfigFinder(plugins), (), (), None)
    engine.parse_and_lint("warm-up.okr", "Objective: Warm up\n- Raise NPS from 30 to 40 by Q3\n", True)  # grammar
    selection = engine.selection_of(engine.config_of("plan.okr"))
    document = parse_document(plan, "plan.okr")
    recipe = recipe_of(document)
    statements = statements_of(document)
    dumped = document.model_dump()
    construct = min(median_seconds(lambda: build(recipe), args.runs),
                    median_seconds(lambda: Document.model_validate(dumped), args.runs))
    read = median_seconds(lambda: [read_statement.__wrapped__(t, k) for t, k in statements], args.runs)
    rules = median_seconds(lambda: lint_document(document, selection), args.runs)
    whole = median_seconds(lambda: lint_document(parse_document(plan, "plan.okr"), selection), max(1, args.runs // 2))

    prose_rate = lines / prose_seconds
    budget = lines / (10 * prose_rate)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"date {time.strftime('%Y-%m-%d %H:%M %Z')}, Python {platform.python_version()}, {cpus} usable CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    print(f"plan: {args.objectives:,} objectives, {lines:,} lines, {len(statements):,} statements\n")
    print("start-up (whole process, one-line file)            seconds")
    print(f"  python -c pass                                    {bare:7.3f}")
    print(f"  python importing goallint's stack only            {stack:7.3f}")
    print(f"  goallint check                                    {own_startup:7.3f}")
    print(f"  yamllint                                          {yaml_startup:7.3f}")
    print(f"  goal: 0.8 x yamllint                              {0.8 * yaml_startup:7.3f}")
    verdict = "over" if stack > 0.8 * yaml_startup else "within"
    print(f"  the stack's imports alone are {stack / (0.8 * yaml_startup):.2f}x the goal ({verdict} it)\n")
    print("throughput on the plan                              seconds   lines/s")
    print(f"  proselint, whole text (process)                   {prose_seconds:7.2f} {prose_rate:9,.0f}")
    print(f"  goal: 10 x proselint                              {budget:7.2f} {10 * prose_rate:9,.0f}")
    for name, seconds in (("building the pydantic objects only", construct),
                          ("reading the statements only", read),
                          ("the rules only", rules),
                          ("parse and rules, in process", whole)):
        print(f"  {name:<50}{seconds:7.2f} {lines / seconds:9,.0f}   {seconds / budget:5.2f}x the budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
