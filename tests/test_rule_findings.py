"""Rule behaviour found on real plans, kept here so it does not come back."""

from __future__ import annotations

import pytest

from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.engine.plugins import load_plugins

PLUGINS = load_plugins()


def findings(rule: str, text: str) -> list[tuple[int, str]]:
    config = config_from_table({"select": [rule]}, PLUGINS)
    return [(f.span.start.line, f.message) for f in check_text(text, "plan.okr", config, PLUGINS)[1]]


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("Grow organic traffic from 20k to 20k visits", "The target (20k visits) is the same as where you start (20k)"),
        ("Cut wait from 2 hours to 120 minutes", "The target (120 minutes) is the same as where you start (2 hours)"),
        ("Grow revenue from $20k to $20k", "The target ($20k) is the same as where you start ($20k)"),
    ],
)
def test_no_change_compares_values_in_one_unit(statement: str, message: str) -> None:
    assert findings("no-change", f"Objective: Grow\n  KR: {statement}\n") == [(2, message + ".")]


@pytest.mark.parametrize("statement", ["Cut wait time from 2 hours to 90 minutes", "Grow revenue from $20k to €20k"])
def test_no_change_is_quiet_on_a_change_or_other_units(statement: str) -> None:
    assert findings("no-change", f"Objective: Grow\n  KR: {statement}\n") == []


def test_the_day_after_the_period_counts_as_its_end() -> None:
    plan = "period: 2023-Q1\nObjective: Grow\n  KR: Onboard 20 teams by April 1st\n  KR: Onboard 20 teams by April 2\n"
    assert findings("deadline-outside-period", plan) == [
        (4, "This is due 2023-04-02, after the plan's period ends (2023-03-31).")
    ]


def test_maintain_kr_reads_owned_and_maintained_as_a_state_not_a_level() -> None:
    plan = (
        "Objective: Grow\n  KR: 5 lower priority projects are clearly owned and maintained\n"
        "  KR: Maintain uptime at 99.9%\n  KR: Churn stays below 2%\n  KR: Uptime is maintained at 99.9%\n"
    )
    assert [line for line, _ in findings("maintain-kr", plan)] == [3, 4, 5]
