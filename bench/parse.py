"""How fast goallint reads a large `.okr` plan, and how much memory it takes.

    python bench/parse.py [--lines 50000] [--seed 7] [--repeat 3]

Writes a varied plan (header, objectives, key results in many phrasings, KPIs with fields,
comments, blank lines; random but fixed by the seed) to bench/out/, then measures, each time in
a fresh Python process pinned to one core:
- `parse_document` on the whole text, timed in-process (generation, imports and the grammar
  build are not counted; the grammar is built by a warm-up parse first);
- peak memory: tracemalloc's peak during the parse, and the process's peak RSS;
- the wall time of the whole command `goallint parse FILE --format json > /dev/null`.
The goal is at least 25,000 lines a second.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "out"
GOAL_LINES_PER_SECOND = 25_000

# ----------------------------------------------------------------------------------------------
# The plan: statements built from random combinations, so that few of them repeat.

UP_VERBS = ["Increase", "Grow", "Lift", "Raise", "Boost", "Improve", "Expand", "Accelerate"]
DOWN_VERBS = ["Reduce", "Cut", "Lower", "Decrease", "Shrink", "Bring down", "Drive down", "Minimise"]
KEEP_VERBS = ["Keep", "Maintain", "Sustain", "Hold"]
REACH_VERBS = ["Reach", "Achieve", "Hit", "Attain"]
EFFORT_VERBS = ["Ship", "Launch", "Build", "Publish", "Migrate", "Hire", "Run", "Design", "Pilot", "Roll out"]
QUALIFIERS = ["weekly", "monthly", "daily", "enterprise", "self-serve", "mobile", "EMEA", "APAC", "new", "paying",
              "trial", "returning", "inbound", "partner", "p95", "p99", "median", "first-time", "organic", "net"]
METRICS = ["active teams", "churn", "page load time", "NPS", "revenue", "signups", "conversion rate", "ARR",
           "support tickets", "time to first value", "uptime", "activation rate", "pipeline", "gross margin",
           "response time", "renewal rate", "CSAT", "build time", "cost per lead", "deploy frequency",
           "open bugs", "onboarding time", "trial-to-paid conversion", "API error rate", "checkout drop-off"]
SCOPES = ["", "", "", " for enterprise accounts", " in the EU", " on mobile", " across all regions",
          " for new customers", " in the US", " for the top 50 accounts", " on the billing page"]
DEADLINES = ["", "", "", " by end of Q3", " by Sept 30", " by 2026-09-30", " by EOY", " in August",
             " this quarter", " before Q4", " by mid-September", " by the end of the quarter", " by 15 August 2026",
             " by H2", " no later than September 15", " by end of FY26"]
EFFORT_THINGS = ["the self-serve billing page", "a pricing experiment", "SSO for all plans", "the new onboarding flow",
                 "a partner portal", "the data warehouse", "v2 of the public API", "a design system",
                 "two senior engineers", "a customer advisory board", "the audit log", "dark mode"]
NOUNS = ["customers", "partners", "case studies", "integrations", "webinars", "design partners", "enterprise deals",
         "community events", "blog posts", "tutorials", "accounts", "hires"]
KPI_NAMES = ["Uptime", "Customer satisfaction score", "Net revenue retention", "Mean time to recovery",
             "Weekly active users", "Gross margin", "Lead response time", "Cash runway", "On-time delivery",
             "Employee NPS", "Support backlog", "Infrastructure cost"]
SOURCES = ["Pingdom", "NPS survey", "Stripe", "Looker", "Zendesk", "Datadog", "Salesforce", "the finance model"]
CADENCES = ["weekly", "monthly", "quarterly", "daily", "every two weeks", "biweekly", "per month"]
OWNERS = ["Dana", "Growth team", "Priya", "Platform", "Sam Lee", "Support", "Finance", "Marketing ops"]
OBJECTIVES = ["Make onboarding effortless", "Be the cheapest to run", "Win the mid-market", "Delight our customers",
              "Build a world-class platform", "Grow the partner ecosystem", "Make billing boring",
              "Become the default choice for teams", "Ship faster without breaking things", "Earn customer trust"]


def _quantity(rng: random.Random, small: bool = False) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return f"{rng.uniform(0.5, 40 if small else 99):.1f}%"
    if kind == 1:
        return f"{rng.randrange(1, 60 if small else 99)}%"
    if kind == 2:
        return f"${rng.uniform(0.1, 9.9):.1f}M"
    if kind == 3:
        return f"{rng.randrange(1, 999)}k"
    if kind == 4:
        return f"{rng.randrange(1, 99)},{rng.randrange(1000):03d}"
    if kind == 5:
        return f"{rng.randrange(50, 3000)} ms"
    if kind == 6:
        return f"{rng.randrange(1, 30)} points"
    if kind == 7:
        return f"€{rng.randrange(5, 900)}k"
    return str(rng.randrange(2, 5000))


def _metric(rng: random.Random) -> str:
    return f"{rng.choice(QUALIFIERS)} {rng.choice(METRICS)}" if rng.random() < 0.7 else rng.choice(METRICS)


def statement(rng: random.Random) -> str:
    """One key result, in one of many phrasings."""
    metric, scope, deadline = _metric(rng), rng.choice(SCOPES), rng.choice(DEADLINES)
    form = rng.randrange(12)
    if form == 0:
        return f"{rng.choice(UP_VERBS)} {metric}{scope} from {_quantity(rng)} to {_quantity(rng)}{deadline}"
    if form == 1:
        return f"{rng.choice(DOWN_VERBS)} {metric}{scope} from {_quantity(rng)} to {_quantity(rng)}{deadline}"
    if form == 2:
        return f"{rng.choice(UP_VERBS + DOWN_VERBS)} {metric}{scope} by {_quantity(rng, small=True)}{deadline}"
    if form == 3:
        return f"{rng.choice(KEEP_VERBS)} {metric} at or above {_quantity(rng)}{scope}{deadline}"
    if form == 4:
        return f"{rng.choice(REACH_VERBS)} {_quantity(rng)} {metric}{scope}{deadline}"
    if form == 5:
        return f"{rng.choice(EFFORT_VERBS)} {rng.choice(EFFORT_THINGS)}{scope}{deadline}"
    if form == 6:
        change = f"{rng.randrange(5, 60)}% {rng.choice(['increase', 'reduction', 'lift', 'improvement'])}"
        return f"A {change} in {metric}{deadline}"
    if form == 7:
        return f"{metric.capitalize()}: {rng.choice(['≥ ', '< ', 'at least ', 'under ', ''])}{_quantity(rng)}{deadline}"
    if form == 8:
        verb, count = rng.choice(["Sign", "Onboard", "Publish", "Close"]), rng.randrange(2, 80)
        return f"{verb} {count} new {rng.choice(NOUNS)}{scope}{deadline}"
    if form == 9:
        return (f"{rng.choice(DOWN_VERBS)} {metric} to {_quantity(rng)} (currently {_quantity(rng)}){scope}"
                f"{deadline}")
    if form == 10:
        return f"{rng.choice(['Double', 'Triple', 'Halve'])} {metric}{scope}{deadline}"
    verb, to = rng.choice(UP_VERBS), rng.choice(["to", "up to"])
    return f"{verb} {metric} {to} {_quantity(rng)}, up from {_quantity(rng)}{deadline}"


def kpi_lines(rng: random.Random, indent: str) -> list[str]:
    name = f"{rng.choice(QUALIFIERS).capitalize()} {rng.choice(KPI_NAMES).lower()}"
    if rng.random() < 0.5:
        return [f"{indent}KPI: {name} – target ≥ {_quantity(rng)}, {rng.choice(CADENCES)}, "
                f"source: {rng.choice(SOURCES)}"]
    return [
        f"{indent}KPI{rng.choice(['', ' ' + str(rng.randrange(1, 9))])}: {name}",
        f"{indent}  target: {rng.choice(['≥ ', '<= ', ''])}{_quantity(rng)}",
        f"{indent}  source: {rng.choice(SOURCES)}",
        f"{indent}  cadence: {rng.choice(CADENCES)}",
        *([f"{indent}  owner: {rng.choice(OWNERS)}"] if rng.random() < 0.3 else []),
    ]


def objective_lines(rng: random.Random, number: int) -> list[str]:
    marker = rng.choice(["", "", " [committed]", " [aspirational]", " [stretch]"])
    text = f"{rng.choice(OBJECTIVES)} {rng.choice(['', '', 'in EMEA', 'for developers', 'this quarter', 'at scale'])}"
    head = rng.choice(
        [f"Objective {number}: ", f"O{number}. ", "Objective: ", f"O{number} - ", f"Objective #{number} – "]
    )
    lines = [f"{head}{text.strip()}{marker}"]
    if rng.random() < 0.3:
        lines.append(f"  owner: {rng.choice(OWNERS)}")
    for index in range(1, rng.randrange(3, 7)):
        label = rng.choice([f"KR{index}: ", f"KR {index} - ", f"Key Result #{index}: ", "- ", "* ", f"{index}. ",
                            f"KR{number}.{index}: ", "• "])
        lines.append(f"  {label}{statement(rng)}{rng.choice(['', '', '', '', ' [KPI]', ' (KPI)'])}")
        if rng.random() < 0.1:
            lines.append(f"    owner: {rng.choice(OWNERS)}")
    if rng.random() < 0.2:
        lines.extend(kpi_lines(rng, "  "))
    if rng.random() < 0.25:
        lines.append(rng.choice(["# TODO: agree targets with finance", "# goallint: disable=kr-count",
                                 "  # reviewed by the exec team", "# ---"]))
    lines.append("")
    return lines


def generate(line_count: int, seed: int) -> str:
    rng = random.Random(seed)
    lines = ["title: Company plan (generated for the benchmark)", "period: 2026-Q3", "owner: Leadership", ""]
    number = 0
    while len(lines) < line_count:
        number += 1
        lines.extend([*kpi_lines(rng, ""), ""] if rng.random() < 0.08 else objective_lines(rng, number % 9 + 1))
    return "\n".join(lines[:line_count]) + "\n"


# ----------------------------------------------------------------------------------------------
# Measuring, in a fresh process on one core.


def _one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def _items(document: Any) -> list[Any]:
    found = list(document.kpis)
    for objective in document.objectives:
        found += objective.key_results + objective.kpis
    return found


def child(mode: str, path: str) -> None:
    """Runs in the measured process; prints one JSON object."""
    import resource
    import tracemalloc

    from goallint.syntax import parse_document

    _one_core()
    start = time.perf_counter()
    parse_document("period: 2026-Q3\nObjective: Warm up\n  KR: Grow signups from 10 to 20 by Sept 30\n", "warm.okr")
    warm_up = time.perf_counter() - start
    text = Path(path).read_text(encoding="utf-8")
    if mode == "memory":
        tracemalloc.start()
    start = time.perf_counter()
    document = parse_document(text, path)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if mode == "memory" else None
    if mode == "memory":
        tracemalloc.stop()
    start = time.perf_counter()
    document.model_dump(mode="json")
    dump_seconds = time.perf_counter() - start
    items = _items(document)
    print(json.dumps({
        "warm_up": warm_up, "seconds": seconds, "dump_seconds": dump_seconds, "tracemalloc_peak": peak,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "lines": text.count("\n"), "statements": len(items), "distinct": len({item.text for item in items}),
        "syntax_errors": len(document.syntax_errors),
    }))


# Far beyond any reasonable parse of the plan: past it, the parser is taken to be stuck.
TIMEOUT_SECONDS = 600


def _measure(mode: str, path: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)], capture_output=True, text=True, check=True,
        timeout=TIMEOUT_SECONDS,
    )
    measured: dict[str, Any] = json.loads(result.stdout)
    return measured


def _goallint() -> str:
    beside = Path(sys.executable).parent / "goallint"
    return str(beside) if beside.exists() else shutil.which("goallint") or "goallint"


def _cli_seconds(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([_goallint(), "parse", str(path), "--format", "json"], stdout=subprocess.DEVNULL, check=True,
                   preexec_fn=_one_core, timeout=TIMEOUT_SECONDS)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per measurement; the median is shown")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    OUT.mkdir(exist_ok=True)
    path = OUT / f"plan-{args.lines}-seed{args.seed}.okr"
    path.write_text(generate(args.lines, args.seed), encoding="utf-8")
    try:
        runs = [_measure("time", path) for _ in range(args.repeat)]
        memory = _measure("memory", path)
        cli = [_cli_seconds(path) for _ in range(args.repeat)]
    except subprocess.TimeoutExpired as stuck:
        print(f"{path}: no result after {stuck.timeout:.0f} s; the parser looks stuck: {stuck.cmd}", file=sys.stderr)
        return 1

    first = runs[0]
    seconds = statistics.median(run["seconds"] for run in runs)
    lines_per_second = first["lines"] / seconds
    print(f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}: {first['lines']:,} lines, "
          f"{first['statements']:,} statements ({first['distinct']:,} distinct), "
          f"{first['syntax_errors']:,} syntax errors")
    print(f"Python {sys.version.split()[0]}, one core, median of {args.repeat} fresh processes\n")
    rows = [
        ("grammar build + warm-up parse", f"{statistics.median(run['warm_up'] for run in runs) * 1000:.0f} ms"),
        ("parse_document (whole plan)", f"{seconds:.2f} s  (best {min(run['seconds'] for run in runs):.2f} s)"),
        ("lines/s", f"{lines_per_second:,.0f}  (goal {GOAL_LINES_PER_SECOND:,})"),
        ("statements/s", f"{first['statements'] / seconds:,.0f}"),
        ("model_dump(mode='json')", f"{statistics.median(run['dump_seconds'] for run in runs):.2f} s"),
        ("tracemalloc peak during parse", f"{memory['tracemalloc_peak'] / 2**20:.1f} MiB"),
        ("peak RSS of the process", f"{statistics.median(run['maxrss_kib'] for run in runs) / 1024:.1f} MiB"),
        ("goallint parse --format json (wall)", f"{statistics.median(cli):.2f} s  (best {min(cli):.2f} s)"),
    ]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    verdict = "meets" if lines_per_second >= GOAL_LINES_PER_SECOND else "is BELOW"
    print(f"\n{lines_per_second:,.0f} lines/s {verdict} the goal of {GOAL_LINES_PER_SECOND:,} lines/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
