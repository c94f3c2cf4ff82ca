"""The edges and mirror images of the rules: each threshold exactly at its limit and one past it,
each two-sided rule on both of its sides, and equal numbers where a rule compares two.

A rule tested only on one side of a comparison, or only well inside a limit, keeps passing when
`<` becomes `<=` or one branch is dropped; these cases fail then.
"""

from __future__ import annotations

from typing import Any

import pytest

from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.engine.plugins import load_plugins

PLUGINS = load_plugins(include_installed=False)


def findings(rule: str, text: str, **options: Any) -> list[tuple[int, str]]:
    """(line, message) of each finding of `rule` alone, with `options` for it."""
    table: dict[str, Any] = {"select": [rule]}
    if options:
        table["rules"] = {rule: options}
    config = config_from_table(table, PLUGINS)
    return [(f.span.start.line, f.message) for f in check_text(text, "plan.okr", config, PLUGINS)[1]]


def lines(rule: str, text: str, **options: Any) -> list[int]:
    return [line for line, _ in findings(rule, text, **options)]


# --- direction-contradiction: both halves, and a target equal to the start -----------------------


@pytest.mark.parametrize(("statement", "message"), [
    ("Reduce churn from 4% to 6%", "The key result says reduce, but the number goes up (from 4% to 6%)."),
    ("Cut cost per order from $20 to $25", "The key result says reduce, but the number goes up (from $20 to $25)."),
    ("Increase retention from 90% to 80%", "The key result says increase, but the number goes down (from 90% to 80%)."),
    ("Grow weekly active teams from 2,000 to 1,200",
     "The key result says increase, but the number goes down (from 2,000 to 1,200)."),
], ids=["reduce-up", "cut-up", "increase-down", "grow-down"])
def test_direction_contradiction_on_both_halves(statement: str, message: str) -> None:
    assert findings("direction-contradiction", f"Objective: Keep customers\n  KR: {statement}\n") == [(2, message)]


@pytest.mark.parametrize("statement", [
    "Reduce churn from 4% to 4%",  # equal: no-change says so, not this rule
    "Increase retention from 90% to 90%",
    "Reduce churn from 6% to 4%",  # the right way round
    "Increase retention from 80% to 90%",
], ids=["reduce-equal", "increase-equal", "reduce-down", "increase-up"])
def test_direction_contradiction_is_quiet_on_equal_numbers_and_the_right_way_round(statement: str) -> None:
    assert findings("direction-contradiction", f"Objective: Keep customers\n  KR: {statement}\n") == []


def test_equal_numbers_are_no_change_on_both_halves() -> None:
    plan = "Objective: Keep customers\n  KR: Reduce churn from 4% to 4%\n  KR: Increase retention from 90% to 90%\n"
    assert lines("no-change", plan) == [2, 3]


# --- the count rules: exactly at the limit, and one past it --------------------------------------


def objective(key_results: int, name: str = "Delight customers") -> str:
    return f"Objective: {name}\n" + "".join(f"  KR: Lift NPS {n} from 30 to 45\n" for n in range(key_results))


@pytest.mark.parametrize(("count", "flagged"), [(2, True), (3, False), (5, False), (6, True)])
def test_kr_count_at_and_past_its_default_limits(count: int, flagged: bool) -> None:
    found = findings("kr-count", objective(count))
    assert [line for line, _ in found] == ([1] if flagged else [])
    if count == 2:
        assert found[0][1] == "This objective has 2 key results; aim for 3 to 5."
    if count == 6:
        assert found[0][1] == "This objective has 6 key results; more than 5 spreads the team thin."


@pytest.mark.parametrize(("count", "flagged"), [(0, True), (1, False), (2, False), (3, True)])
def test_kr_count_at_and_past_configured_limits(count: int, flagged: bool) -> None:
    assert lines("kr-count", objective(count), min=1, max=2) == ([1] if flagged else [])


def test_kr_count_says_key_result_in_the_singular_for_one() -> None:
    assert findings("kr-count", objective(1)) == [(1, "This objective has 1 key result; aim for 3 to 5.")]


def plan_of(objectives: int) -> str:
    return "".join(objective(3, f"Goal {n}") for n in range(objectives))


@pytest.mark.parametrize(("count", "options", "flagged"), [
    (5, {}, []), (6, {}, [21]), (2, {"max": 2}, []), (3, {"max": 2}, [9]),
])
def test_objective_count_at_and_past_its_limit(count: int, options: dict[str, int], flagged: list[int]) -> None:
    found = findings("objective-count", plan_of(count), **options)
    assert [line for line, _ in found] == flagged  # on the first objective past the limit
    if flagged:
        limit = options.get("max", 5)
        assert found[0][1] == (f"This plan has {count} objectives; more than {limit} means nothing is a priority.")


def kpis_on_an_objective(count: int) -> str:
    return "Objective: Delight customers\n" + "".join(f"  KPI: Metric {n}\n" for n in range(count))


@pytest.mark.parametrize(("count", "options", "flagged"), [
    (2, {}, []), (3, {}, [4]), (1, {"per-objective": 1}, []), (2, {"per-objective": 1}, [3]),
])
def test_kpi_count_per_objective_at_and_past_its_limit(
    count: int, options: dict[str, int], flagged: list[int]
) -> None:
    found = findings("kpi-count", kpis_on_an_objective(count), **options)
    assert [line for line, _ in found] == flagged  # on the first KPI past the limit
    if flagged:
        limit = options.get("per-objective", 2)
        assert found[0][1] == f"This objective has {count} KPIs; keep it to {limit}."


def kpis_in_a_plan(count: int) -> str:
    return "".join(f"KPI: Metric {n}\n" for n in range(count))


@pytest.mark.parametrize(("count", "options", "flagged"), [
    (7, {}, []), (8, {}, [8]), (3, {"per-plan": 3}, []), (4, {"per-plan": 3}, [4]),
    (10, {"scorecard": 10}, []), (11, {"scorecard": 10}, [11]),
])
def test_kpi_count_per_plan_at_and_past_its_limit(count: int, options: dict[str, int], flagged: list[int]) -> None:
    found = findings("kpi-count", kpis_in_a_plan(count), **options)
    assert [line for line, _ in found] == flagged
    if flagged:
        limit = options.get("scorecard", options.get("per-plan", 7))
        assert found[0][1] == f"This plan tracks {count} KPIs; more than {limit} are hard to watch."


def test_kpi_count_per_plan_counts_the_objectives_kpis_too() -> None:
    plan = kpis_in_a_plan(6) + kpis_on_an_objective(2)  # 8 in all, 2 on the objective
    assert lines("kpi-count", plan) == [9]


# --- the other thresholds ---------------------------------------------------------------------------


@pytest.mark.parametrize(("statement", "flagged"), [
    ("Grow MRR from $200k to $220k", False),  # exactly 10%
    ("Grow MRR from $200k to $219k", True),  # 9.5%
    ("Cut cost per order from $200 to $180", False),
    ("Cut cost per order from $200 to $181", True),
])
def test_low_ambition_at_and_under_its_limit(statement: str, flagged: bool) -> None:
    plan = f"Objective: Grow revenue [aspirational]\n  KR: {statement}\n"
    assert lines("low-ambition", plan) == ([2] if flagged else [])


def test_low_ambition_at_and_under_a_configured_limit() -> None:
    plan = (
        "Objective: Grow revenue [aspirational]\n"
        "  KR: Grow MRR from $200k to $240k\n  KR: Grow ARR from $200k to $239k\n"
    )
    assert lines("low-ambition", plan, min_change=0.2) == [3]


def test_low_ambition_leaves_committed_objectives_and_unmarked_ones_when_told() -> None:
    statement = "  KR: Grow MRR from $200k to $205k\n"
    assert lines("low-ambition", "Objective: Grow revenue [committed]\n" + statement) == []
    assert lines("low-ambition", "Objective: Grow revenue\n" + statement) == [2]
    assert lines("low-ambition", "Objective: Grow revenue\n" + statement, unmarked_is_aspirational=False) == []


TASK = "  KR: Ship the new setup wizard\n"
RESULT = "  KR: Raise week-one activation from 40% to 55%\n"


@pytest.mark.parametrize(("tasks", "results", "flagged"), [(1, 1, False), (2, 1, True), (1, 2, False), (0, 3, False)])
def test_task_not_outcome_at_and_past_half(tasks: int, results: int, flagged: bool) -> None:
    plan = "Objective: Make onboarding effortless\n" + TASK * tasks + RESULT * results
    assert lines("task-not-outcome", plan) == ([1] if flagged else [])


@pytest.mark.parametrize(("deadline", "flagged"), [
    ("by July 1, 2026", False),  # the first day of the period
    ("by June 30, 2026", True),  # the day before it
    ("by September 30, 2026", False),
    ("by October 1, 2026", False),  # "by the first of the next month" is how plans say the end
    ("by October 2, 2026", True),
])
def test_deadline_outside_period_at_both_ends(deadline: str, flagged: bool) -> None:
    plan = f"period: 2026-Q3\nObjective: Grow\n  KR: Onboard 20 teams {deadline}\n"
    assert lines("deadline-outside-period", plan) == ([3] if flagged else [])


@pytest.mark.parametrize(("cadence", "flagged"), [("weekly", False), ("monthly", False), ("quarterly", True)])
def test_kpi_cadence_too_slow_at_and_past_monthly(cadence: str, flagged: bool) -> None:
    plan = f"KPI: Uptime – target ≥ 99.9%\n  cadence: {cadence}\n"
    assert lines("kpi-cadence-too-slow", plan) == ([2] if flagged else [])  # on the cadence


def test_kpi_cadence_too_slow_with_a_configured_slowest() -> None:
    plan = "KPI: Uptime – target ≥ 99.9%\n  cadence: monthly\nKPI: CSAT – target 90%\n  cadence: weekly\n"
    assert lines("kpi-cadence-too-slow", plan, slowest="weekly") == [2]
