"""The tracking rules (GL801–GL806), judged as of a fixed day, through `goallint check`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from goallint import clock
from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.engine.plugins import load_plugins
from goallint.model import Finding

PLAN = Path(__file__).parent / "data" / "progress" / "growth.okr"
TRACKING = ["stale-checkin", "checkin-outside-period", "checkin-unit-mismatch", "status-contradicts-pace",
            "committed-graded-short", "aspirational-graded-high"]


@pytest.fixture
def as_of() -> Iterator[None]:
    yield
    clock.set_as_of(None)


def _found(text: str, day: date) -> list[Finding]:
    clock.set_as_of(day)
    plugins = load_plugins()
    config = config_from_table({"select": TRACKING}, plugins, source="test")
    return check_text(text, "plan.okr", config, plugins)[1]


def _rules(found: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule, f.span.start.line) for f in found]


STALE = ("period: 2026-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
         "    2026-07-06: 1,250\n  KR: Increase NPS from 20 to 40\n    2026-07-20: 24\n")


def test_stale_depends_on_the_as_of_date(as_of: None) -> None:
    assert _rules(_found(STALE, date(2026, 7, 20))) == []
    assert _rules(_found(STALE, date(2026, 7, 21))) == [("stale-checkin", 4)]  # 15 days > 7 + 7
    assert _rules(_found(STALE, date(2026, 8, 4))) == [("stale-checkin", 4), ("stale-checkin", 6)]
    message = _found(STALE, date(2026, 7, 21))[0].message
    assert "since 2026-07-06" in message and "15 days" in message


def test_a_plan_with_no_check_ins_is_not_tracked_so_not_stale(as_of: None) -> None:
    plan = "period: 2026-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
    assert _found(plan, date(2026, 9, 1)) == []


def test_future_and_outside_period_check_ins(as_of: None) -> None:
    plan = ("period: 2026-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
            "    2026-06-20: 1,210\n    2026-08-01: 1,400\n    2026-08-20: 1,500\n")
    found = _found(plan, date(2026, 8, 10))
    assert _rules(found) == [("checkin-outside-period", 5), ("checkin-outside-period", 7)]
    assert "after today (2026-08-10)" in found[1].message
    assert _rules(_found(plan, date(2026, 8, 25))) == [("checkin-outside-period", 5)]


def test_unit_mismatch(as_of: None) -> None:
    plan = ("period: 2026-Q3\n\nObjective: Faster\n  KR: Reduce build time from 20 min to 10 min\n"
            "    2026-07-10: 35%\n    2026-07-17: 900 s\n"
            "  KR: Increase ARR from $1M to $3M\n    2026-07-17: 1,200 users\n")
    found = _found(plan, date(2026, 7, 20))
    assert _rules(found) == [("checkin-unit-mismatch", 5), ("checkin-unit-mismatch", 8)]
    assert "percent" in found[0].message and "min" in found[0].message


def test_written_status_contradicting_the_numbers(as_of: None) -> None:
    plan = ("period: 2026-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
            "    2026-08-15: 1,250 (on track)\n    2026-08-20: 1,260 (confidence 0.9)\n"
            "    2026-08-25: 1,700 (on track)\n")
    found = _found(plan, date(2026, 8, 30))
    assert _rules(found) == [("status-contradicts-pace", 5), ("status-contradicts-pace", 6)]
    assert "6% done where 49% was expected by 2026-08-15" in found[0].message


def test_grades(as_of: None) -> None:
    plan = ("period: 2026-Q2\n\nObjective: Ship SSO [committed]\n  KR: Launch single sign-on => 0.6\n"
            "Objective: Grow the community [aspirational]\n  KR: Reach 5,000 forum members\n"
            "    2026-06-25: 4,900\n  KR: Publish the community guide => 0.9\n")
    found = _found(plan, date(2026, 7, 10))
    assert [f.rule for f in found] == ["committed-graded-short"]  # 4,900 has no baseline: no grade, no finding
    plan = plan.replace("Reach 5,000 forum members", "Grow forum members from 1,000 to 5,000")
    found = _found(plan, date(2026, 7, 10))
    assert _rules(found) == [("committed-graded-short", 3), ("aspirational-graded-high", 5)]
    assert "graded 0.94" in found[1].message  # key results 0.975 → 0.97 and 0.9; (0.97 + 0.9) / 2 = 0.935


def test_check_takes_as_of_and_is_the_same_on_every_run() -> None:
    def run() -> bytes:
        return subprocess.run(
            [sys.executable, "-m", "goallint", "check", str(PLAN), "--as-of", "2026-09-10", "--no-cache",
             "--output-format", "json", "--select", ",".join(TRACKING)],
            capture_output=True, timeout=120).stdout
    first = run()
    assert first == run()
    rules = sorted({f["rule"] for f in json.loads(first)["findings"]} if first.startswith(b"{") else
                   {f["rule"] for f in json.loads(first)})
    assert rules == ["stale-checkin"]


def test_an_untracked_plan_past_its_period_is_not_graded(as_of: None) -> None:
    """A committed objective with no check-in or grade anywhere was never tracked: the grading rules
    have nothing to judge, however long ago its period ended."""
    plan = "period: 2025-Q3\n\nObjective: Keep customers [committed]\n  KR: Raise CSAT from 82% to 90%\n"
    assert _found(plan, date(2026, 12, 2)) == []
    graded = plan.replace("90%\n", "90% => 0.5\n")
    assert _rules(_found(graded, date(2026, 12, 2))) == [("committed-graded-short", 3)]
