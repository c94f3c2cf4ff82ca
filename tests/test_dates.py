"""Deadlines written as a split fiscal year ("by 2027/28") or a season ("by Summer") resolve to
the last day they allow, and each resolved date decides what the period rules say."""

from __future__ import annotations

import pytest

from goallint.syntax import parse_document
from goallint.syntax.dates import parse_period, resolve_deadline


def deadline_of(statement: str, period: str = "2026-Q3") -> str | None:
    document = parse_document(f"period: {period}\nObjective: Grow\n  KR: {statement}\n", path="plan.okr")
    deadline = document.objectives[0].key_results[0].deadline
    assert deadline is not None, statement
    return deadline.date


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ("Reach 75% of members by 2027/28", "2028-03-31"),
        ("Reach 75% of members by 2027/2028", "2028-03-31"),
        ("Reach 80% of members by FY2027/28", "2028-03-31"),
        ("Reach 80% of members by FY 2027-28", "2028-03-31"),
        ("Reach 80% of members by the start of 2027/28", "2027-04-01"),
        ("Reach 80% of members by 2099/00", "2100-03-31"),
    ],
)
def test_a_split_year_is_the_fiscal_year_that_ends_in_its_second_year(statement: str, date: str) -> None:
    # with no fiscal-year start configured, the April start of the countries that write years so
    assert deadline_of(statement) == date


def test_a_split_year_follows_the_configured_fiscal_year_start() -> None:
    period = parse_period("FY2027", fy_start_month=7)
    assert period is not None
    assert resolve_deadline("by 2026/27", period) == period.end
    assert str(resolve_deadline("by 2026/27", period)) == "2027-06-30"


def test_two_years_that_do_not_follow_each_other_are_no_split_year() -> None:
    assert resolve_deadline("by 2027/29", None) is None
    assert resolve_deadline("by 2027/2027", None) is None


@pytest.mark.parametrize(
    ("statement", "period", "date"),
    [
        ("Release version 1 of the metrics by Summer", "2026-Q3", "2026-08-31"),
        ("Release version 1 of the metrics by summer 2027", "2026-Q3", "2027-08-31"),
        ("Release version 1 of the metrics by the start of summer", "2026-Q3", "2026-06-01"),
        ("Release version 1 of the metrics by spring", "2026-Q1", "2026-05-31"),
        ("Release version 1 of the metrics by autumn", "2026-Q3", "2026-11-30"),
        ("Release version 1 of the metrics by the end of winter", "2026-Q3", "2027-02-28"),
        ("Release version 1 of the metrics by winter 2027", "2026-Q3", "2028-02-29"),
    ],
)
def test_a_season_ends_with_its_last_month(statement: str, period: str, date: str) -> None:
    assert deadline_of(statement, period) == date


def test_a_season_with_no_year_and_no_period_has_no_date() -> None:
    assert resolve_deadline("by summer", None) is None
