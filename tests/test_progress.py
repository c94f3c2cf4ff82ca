"""Progress, pace, status and grades: the worked cases of docs/progress.md, the vendors' published
examples, and properties (a decrease mirrors an increase, a roll-up stays within [0, 1])."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goallint.progress.evaluate import DocumentProgress, ItemProgress, Settings, evaluate_document
from goallint.progress.formulas import (
    band,
    expected_pace,
    linear_progress,
    pace_ratio,
    rollup,
    share_met,
    status_from_ratio,
)
from goallint.progress.report_json import STATUS_SCHEMA, render_json
from goallint.syntax import parse_document

Q3_MID = date(2026, 8, 15)  # 45 of the 91 days from 2026-07-01 to 2026-09-30: expected 0.4945


def _status(text: str, as_of: date = Q3_MID, options: Settings | None = None) -> DocumentProgress:
    document = parse_document("period: 2026-Q3\n\n" + text, "plan.okr")
    assert document.syntax_errors == [], document.syntax_errors
    return evaluate_document(document, as_of, options or Settings())


def _kr(text: str, as_of: date = Q3_MID) -> ItemProgress:
    result = _status(text, as_of)
    items = [i for o in result.objectives for i in o.key_results] + result.kpis
    assert len(items) == 1
    return items[0]


@dataclass(frozen=True)
class Case:
    name: str
    plan: str
    progress: float | None
    status: str
    as_of: date = Q3_MID
    grade: float | None = None


def _plan(kr: str, *checkins: str) -> str:
    lines = ["Objective: Grow", f"  KR: {kr}"] + [f"    {c}" for c in checkins]
    return "\n".join(lines) + "\n"


WEEKLY_UPTIME = [f"2026-07-{day:02d}: {value}" for day, value in zip(
    (1, 8, 15, 22, 29), ("99.95%", "99.8%", "99.92%", "99.91%", "99.7%"), strict=True)] + [
    f"2026-08-{day:02d}: {value}" for day, value in zip(
    (5, 12, 19, 26), ("99.93%", "99.99%", "99.6%", "99.95%"), strict=True)] + [
    f"2026-09-{day:02d}: {value}" for day, value in zip((2, 9, 16, 23), ("99.85%", "99.97%", "99.94%", "99.96%"),
                                                         strict=True)]

CASES = [
    # the vendors' published examples
    Case("decrease 100 -> 60 bugs, at 80 is 50 %", _plan("Reduce open bugs from 100 to 60", "2026-08-10: 80"),
         0.5, "on-track"),
    Case("decrease 100 -> 60 bugs, at 50 is 125 %", _plan("Reduce open bugs from 100 to 60", "2026-08-10: 50"),
         1.25, "on-track"),
    Case("9 of 13 weekly check-ins met is 69 %", _plan("Keep uptime at or above 99.9%", *WEEKLY_UPTIME),
         9 / 13, "off-track", date(2026, 9, 30)),
    # increase and decrease from a baseline
    Case("increase 1,200 -> 2,000 at 1,650", _plan("Increase weekly signups from 1,200 to 2,000",
         "2026-08-14: 1,650 (confidence 0.6) signup flow shipped late"), 0.5625, "on-track"),
    Case("1.65k reads as 1,650", _plan("Increase weekly signups from 1,200 to 2,000", "2026-08-14: 1.65k signups"),
         0.5625, "on-track"),
    Case("$2.1M against $1M -> $3M", _plan("Increase ARR from $1M to $3M", "2026-08-01: $2.1M"), 0.55, "on-track"),
    Case("percent: 2 % -> 4 % at 3.5 %", _plan("Increase conversion from 2% to 4%", "2026-08-01: 3.5%"),
         0.75, "on-track"),
    Case("decrease churn 5 % -> 3 % at 4 %", _plan("Reduce churn from 5% to 3%", "2026-08-01: 4%"), 0.5, "on-track"),
    Case("time units convert: 20 min -> 10 min at 900 s",
         _plan("Reduce build time from 20 min to 10 min", "2026-08-01: 900 s"), 0.5, "on-track"),
    Case("at risk: 40 % done of 49 % expected", _plan("Increase NPS from 0 to 100", "2026-08-14: 40"),
         0.4, "at-risk"),
    Case("off track: 30 % done of 49 % expected", _plan("Increase NPS from 0 to 100", "2026-08-14: 30"),
         0.3, "off-track"),
    Case("wrong way is negative, not capped", _plan("Increase weekly signups from 1,200 to 2,000",
         "2026-08-14: 1,000"), -0.25, "off-track"),
    Case("no baseline: progress unknown, not invented", _plan("Increase weekly signups to 2,000",
         "2026-08-14: 1,650"), None, "unknown"),
    Case("latest check-in counts, not the best", _plan("Increase NPS from 0 to 100", "2026-07-20: 60",
         "2026-08-10: 45"), 0.45, "on-track"),
    Case("check-ins after the as-of date are left out", _plan("Increase NPS from 0 to 100", "2026-07-20: 20",
         "2026-09-10: 90"), 0.2, "off-track"),
    Case("no check-in yet: not started", _plan("Increase NPS from 0 to 100"), 0.0, "not-started"),
    Case("first day of the period: on track", _plan("Increase NPS from 0 to 100", "2026-07-01: 0"), 0.0,
         "on-track", date(2026, 7, 1)),
    # stay above / below / range
    Case("stay below: one of two met", _plan("Keep p95 page load below 800 ms", "2026-07-10: 750 ms",
         "2026-08-10: 820 ms"), 0.5, "off-track"),
    Case("stay below: all met", _plan("Keep p95 page load below 800 ms", "2026-07-10: 750 ms",
         "2026-08-10: 700 ms"), 1.0, "on-track"),
    Case("range: two of three inside 20–30 days", _plan("Keep stock cover at 20–30 days", "2026-07-10: 25",
         "2026-07-24: 35", "2026-08-07: 22"), 2 / 3, "off-track"),
    Case("KPI stays above its target", "KPI: Uptime – target ≥ 99.9%, weekly\n  2026-08-01: 99.95%\n"
         "  2026-08-08: 99.8%\n", 0.5, "off-track"),
    # efforts and milestones
    Case("effort done", _plan("Launch the partner portal", "2026-08-01: done"), 1.0, "done"),
    Case("effort not done yet", _plan("Launch the partner portal", "2026-08-01: not done, waiting on legal"),
         0.0, "off-track"),
    Case("effort 30 % done of 53 % expected is off track", _plan("Launch the partner portal",
         "Check-in 2026-08-18: 30% design done, build started"), 0.3, "off-track", date(2026, 8, 18)),
    Case("milestones: one of two ticked", _plan("Ship single sign-on", "- [x] Google", "- [ ] Microsoft"),
         0.5, "on-track"),
    Case("milestones: all ticked", _plan("Ship single sign-on", "- [x] Google", "- [x] Microsoft"), 1.0, "done"),
    # grades
    Case("grade at the period's end is the progress, capped", _plan("Reduce open bugs from 100 to 60",
         "2026-09-20: 50"), 1.25, "on-track", date(2026, 10, 5), 1.0),
    Case("grade to two decimals", _plan("Increase weekly signups from 1,200 to 2,000", "2026-09-28: 1,650"),
         0.5625, "off-track", date(2026, 10, 5), 0.56),
    Case("never checked in, graded 0 at the end", _plan("Increase NPS from 0 to 100"), 0.0, "not-started",
         date(2026, 10, 5), 0.0),
    Case("grade null before the end", _plan("Increase NPS from 0 to 100", "2026-08-14: 50"), 0.5, "on-track",
         Q3_MID, None),
    Case("a written grade '=> 60%'", _plan("Publish the 2027 roadmap => 60% two of three RFCs approved"),
         0.6, "on-track", Q3_MID, 0.6),
    Case("a written grade '=> 0.7' on its own line", _plan("Publish the 2027 roadmap", "=> 0.7"), 0.7,
         "on-track", Q3_MID, 0.7),
    Case("a written Chromium grade 'P1 0.70'", _plan("Get EventListenerOptions into the DOM spec P1 0.70"), 0.7,
         "on-track", Q3_MID, 0.7),
    Case("a grade written 7/10", _plan("Publish the 2027 roadmap", "grade: 7/10"), 0.7, "on-track", Q3_MID, 0.7),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_worked_cases(case: Case) -> None:
    item = _kr(case.plan, case.as_of)
    if case.progress is None:
        assert item.progress is None
        assert item.reason
    else:
        assert item.progress == pytest.approx(case.progress)
    assert item.status == case.status
    assert item.grade == case.grade


def test_at_least_thirty_worked_cases() -> None:
    assert len(CASES) >= 30


def test_expected_pace_is_days_elapsed_over_days_in_the_period() -> None:
    start, end = date(2026, 7, 1), date(2026, 9, 30)
    assert expected_pace(start, end, date(2026, 8, 15)) == pytest.approx(45 / 91)
    assert expected_pace(start, end, start) == 0.0
    assert expected_pace(start, end, end) == 1.0
    assert expected_pace(start, end, date(2027, 1, 1)) == 1.0
    assert expected_pace(start, end, date(2026, 6, 1)) == 0.0


def test_thirty_percent_done_of_fifty_three_expected_is_off_track() -> None:
    ratio = pace_ratio(0.30, 0.53)
    assert ratio is not None and 0.56 <= ratio < 0.57
    assert status_from_ratio(ratio) == "off-track"


def test_zero_and_two_hundred_percent_roll_up_to_half() -> None:
    assert rollup([(0.0, 1.0), (2.0, 1.0)]) == 0.5
    result = _status("Objective: Grow\n  KR: Increase NPS from 0 to 100\n    2026-08-01: 0\n"
                     "  KR: Reduce open bugs from 100 to 60\n    2026-08-01: 20\n")
    assert [i.progress for i in result.objectives[0].key_results] == [0.0, 2.0]
    assert result.objectives[0].progress == 0.5


def test_nine_of_thirteen_is_sixty_nine_percent() -> None:
    assert round(share_met([True] * 9 + [False] * 4) or 0, 2) == 0.69


def test_objective_takes_its_weakest_key_results_status_and_weights() -> None:
    result = _status("Objective: Grow\n  KR: Increase NPS from 0 to 100\n    weight: 3\n    2026-08-14: 100\n"
                     "  KR: Increase CSAT from 0 to 100\n    2026-08-14: 40\n")
    objective = result.objectives[0]
    assert [i.status for i in objective.key_results] == ["on-track", "at-risk"]
    assert objective.status == "at-risk"
    assert objective.progress == pytest.approx((1.0 * 3 + 0.4) / 4)


def test_priority_weighting_halves_per_level() -> None:
    # the Chromium input team's 2015 Q4 page: "Eliminate key developer pain points around input 0.56"
    grades = [(1, "0.60"), (1, "0.30"), (1, "0.60"), (1, "1.00"), (2, "0.10"), (2, "1.00"), (3, "0.50"),
              (4, "0.00"), (4, "0.00"), (4, "0.00")]
    plan = "Objective: Eliminate key developer pain points around input\n" + "".join(
        f"  KR: Ship fix number {n} P{p} {g}\n" for n, (p, g) in enumerate(grades, start=1))
    by_priority = _status(plan, options=Settings(weighting="priority")).objectives[0]
    assert [getattr(i.item, "priority", None) for i in by_priority.key_results] == [p for p, _ in grades]
    assert by_priority.grade == 0.56  # the page's own score for this objective
    assert _status(plan).objectives[0].grade == 0.41  # a plain mean does not reproduce it


def test_thresholds_are_configurable() -> None:
    strict = Settings(thresholds=Settings().thresholds.__class__(on_track=1.0, at_risk=0.95))
    result = _status(_plan("Increase NPS from 0 to 100", "2026-08-14: 48"), options=strict)
    assert result.objectives[0].key_results[0].status == "at-risk"
    assert _kr(_plan("Increase NPS from 0 to 100", "2026-08-14: 48")).status == "on-track"


def test_google_bands() -> None:
    assert [band(g) for g in (0.0, 0.3, 0.4, 0.6, 0.7, 1.0)] == ["red", "red", "yellow", "yellow", "green", "green"]


def test_checkin_fields_are_read() -> None:
    item = _kr(_plan("Increase weekly signups from 1,200 to 2,000",
                     "2026-08-14: 1,650 (confidence 0.6) signup flow shipped late",
                     "Aug 20 — 1,700 (conf 70%, on track)"), date(2026, 8, 25))
    first, second = item.item.checkins
    assert (first.date, first.value and first.value.value, first.confidence, first.note) == (
        "2026-08-14", 1650.0, 0.6, "signup flow shipped late")
    assert (second.date, second.value and second.value.value, second.confidence, second.status) == (
        "2026-08-20", 1700.0, 0.7, "on-track")
    assert first.span.start.line == 5 and first.span.start.column == 5


# --- properties ---------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(st.integers(10, 500), st.integers(10, 500), st.integers(0, 600))
def test_a_decrease_mirrors_an_increase(baseline: int, target: int, current: int) -> None:
    """Reducing from B to T and being at C is the same progress as increasing from K−B to K−T and
    being at K−C, read from the text."""
    if baseline <= target:
        baseline, target = target + 1, baseline
    mirror = 1000
    down = _kr(_plan(f"Reduce open bugs from {baseline} to {target}", f"2026-08-10: {current}"))
    up = _kr(_plan(f"Increase closed bugs from {mirror - baseline} to {mirror - target}",
                   f"2026-08-10: {mirror - current}"))
    assert down.progress == pytest.approx(up.progress)
    assert down.status == up.status
    assert linear_progress(baseline, target, current) == pytest.approx(
        linear_progress(-baseline, -target, -current))


@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False)),
                          st.floats(0, 100, allow_nan=False)), max_size=30))
def test_a_roll_up_stays_within_zero_and_one(parts: list[tuple[float | None, float]]) -> None:
    result = rollup(parts)
    assert result is None or 0.0 <= result <= 1.0


# --- the JSON contract ----------------------------------------------------------------------

PLAN = Path(__file__).parent / "data" / "progress" / "growth.okr"


def _status_json(*args: str) -> bytes:
    return subprocess.run([sys.executable, "-m", "goallint", "status", *args], capture_output=True, check=True,
                          timeout=120).stdout


def test_status_json_is_byte_identical_on_every_run_and_follows_its_schema() -> None:
    first = _status_json(str(PLAN), "--as-of", "2026-08-15", "--format", "json")
    second = _status_json(str(PLAN), "--as-of", "2026-08-15", "--format", "json")
    assert first == second
    payload = json.loads(first)
    jsonschema.Draft202012Validator.check_schema(STATUS_SCHEMA)
    jsonschema.validate(payload, STATUS_SCHEMA)
    document = payload[0]
    assert document["as_of"] == "2026-08-15" and document["period"]["label"] == "2026-Q3"
    signups = document["objectives"][0]["key_results"][0]
    assert signups["progress"] == 0.5625 and signups["status"] == "on-track"
    assert signups["checkins"][1] == {
        "date": "2026-08-14", "kind": "check-in", "value": 1650.0, "value_text": "1,650", "unit": None,
        "done": None, "grade": None, "confidence": 0.6, "status": None, "note": "signup flow shipped late",
        "line": signups["checkins"][1]["line"]}


def test_status_json_in_process_matches_the_command() -> None:
    document = parse_document(PLAN.read_text(encoding="utf-8"), str(PLAN))
    rendered = render_json([evaluate_document(document, date(2026, 8, 15))])
    assert rendered.encode() == _status_json(str(PLAN), "--as-of", "2026-08-15", "--format", "json")


def test_status_markdown_and_text() -> None:
    markdown = _status_json(str(PLAN), "--as-of", "2026-08-15", "--format", "markdown").decode()
    assert "## Goal status as of 2026-08-15" in markdown
    assert "| KR1 | Increase weekly signups from 1,200 to 2,000 by end of Q3 | `██████░░░░` 56% | 49% | 🟢 On track |" \
        in markdown
    text = _status_json(str(PLAN), "--as-of", "2026-08-15", "--no-color").decode()
    assert "Status as of 2026-08-15" in text and "On track" in text and "56%" in text


def test_status_says_how_to_write_a_date() -> None:
    done = subprocess.run([sys.executable, "-m", "goallint", "status", str(PLAN), "--as-of", "15/08/2026"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr and "Traceback" not in done.stderr
