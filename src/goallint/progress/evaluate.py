"""Progress, pace, status and grade of every item of a document, as of a date (docs/progress.md).

Pure functions of (document, as-of date, settings): the same input gives the same answer, which
`goallint status` prints and the tracking rules (goallint.checks.tracking) judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from goallint.checks.units import comparable, in_common_unit, seconds_per, written_unit
from goallint.model import KPI, Cadence, Checkin, Document, KeyResult, Objective, Quantity
from goallint.progress.formulas import (
    PRIORITY_WEIGHTS,
    STATUSES,
    Bound,
    Status,
    Thresholds,
    expected_pace,
    grade_of,
    linear_progress,
    meets,
    pace_ratio,
    rollup,
    share_done,
    share_met,
    status_from_ratio,
    weakest,
)
from goallint.syntax.quantities import read_quantity

Mode = Literal["increase", "decrease", "threshold", "effort", "milestones", "graded", "none"]
Weighting = Literal["mean", "priority"]
Total = Literal["objectives", "key-results"]
CADENCE_DAYS: dict[Cadence, int] = {
    "daily": 1, "weekly": 7, "biweekly": 14, "monthly": 31, "quarterly": 92, "half-yearly": 183, "yearly": 366,
}
_RANGE_RE = re.compile(r"[-–]\s?[$€£]?(?P<high>\d[\d,]*(?:\.\d+)?)")


@dataclass(frozen=True)
class Settings:
    """The choices docs/progress.md leaves to the team."""

    thresholds: Thresholds = field(default_factory=Thresholds)
    weighting: Weighting = "mean"
    """"priority": P0–P4 weigh 2, 1, ½, ¼, ⅛ (the Chromium pages); an explicit `weight:` wins."""
    total: Total = "objectives"
    """The plan's total: the mean of its objectives, or of all its key results (the IPFS table)."""
    cadence: Cadence = "weekly"
    """How often a key result without a cadence of its own is expected to be checked in."""
    grace_days: int = 7


@dataclass
class ItemProgress:
    item: KeyResult | KPI
    mode: Mode
    current: Checkin | None
    progress: float | None
    expected: float | None
    status: Status
    grade: float | None
    projection: float | None
    confidence: float | None
    written_status: str | None
    reason: str | None
    """Why progress is unknown, in words for the report ("no baseline")."""
    counted: list[Checkin]
    """The check-ins the numbers come from: dated on or before the as-of date, in the unit."""
    history: list[tuple[str, float]]
    """(date, progress or value) per dated check-in, for the sparkline."""
    weight: float
    last_date: str | None
    stale_since: str | None = None
    """The date a check-in was due by, when none came in time (cadence + grace)."""


@dataclass
class ObjectiveProgress:
    objective: Objective
    key_results: list[ItemProgress]
    progress: float | None
    expected: float | None
    status: Status
    grade: float | None
    written_grade: float | None


@dataclass
class DocumentProgress:
    document: Document
    as_of: date
    expected: float | None
    objectives: list[ObjectiveProgress]
    kpis: list[ItemProgress]
    progress: float | None
    grade: float | None
    ended: bool
    counts: dict[str, int] = field(default_factory=dict)
    stale: int = 0


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _number(quantity: Quantity | None) -> float | None:
    return None if quantity is None else in_common_unit(quantity)


def _reading(item: KeyResult | KPI, quantity: Quantity | None) -> float | None:
    """A check-in's value in the unit the target is compared in: "25" under "20–30 days" is days."""
    number = _number(quantity)
    if quantity is None or quantity.value is None or written_unit(quantity) is not None:
        return number
    reference = item.measure.target or item.measure.baseline
    factor = seconds_per(written_unit(reference)) if reference is not None else None
    return quantity.value * factor if factor else number


def _percent_done(checkin: Checkin) -> float | None:
    value = checkin.value
    if value is None or value.value is None or value.unit != "%" or checkin.done is not None:
        return None
    return value.value / 100


def _share_of(checkin: Checkin) -> float:
    """How much of an effort a check-in says is done: 1 or 0 for done / not done, else its percentage."""
    if checkin.done is not None:
        return 1.0 if checkin.done else 0.0
    return _percent_done(checkin) or 0.0


def value_fits(item: KeyResult | KPI, checkin: Checkin) -> bool:
    """Whether a check-in's value is in a unit the key result's target can be compared with."""
    value = checkin.value
    target = item.measure.target or item.measure.baseline
    if value is None or target is None:
        return True
    mine, theirs = written_unit(value), written_unit(target)
    if mine is None or theirs is None:
        return True
    if seconds_per(mine) is not None or seconds_per(theirs) is not None:
        return seconds_per(mine) is not None and seconds_per(theirs) is not None
    return comparable(mine, theirs)


def _bound(item: KeyResult | KPI) -> tuple[Bound, float, float | None, bool] | None:
    """A stay-above, stay-below or range target: (bound, low, high, inclusive)."""
    target = item.measure.target
    low = _number(target)
    if target is None or low is None:
        return None
    comparator = target.comparator
    high_match = _RANGE_RE.search(target.text)
    if high_match:
        high = read_quantity(high_match["high"]).value
        factor = seconds_per(written_unit(target))
        if high is not None:
            return "range", low, high * factor if factor else high, True
    if comparator in ("<", "<="):
        return "below", low, None, comparator == "<="
    if comparator in (">", ">="):
        return "above", low, None, comparator == ">="
    direction = item.measure.direction
    return ("below" if direction == "decrease" else "above"), low, None, True


def mode_of(item: KeyResult | KPI) -> Mode:
    """Which formula applies (docs/progress.md, "Which formula")."""
    measure = item.measure
    measured = [c for c in item.checkins if c.kind == "check-in" and (c.done is not None or c.value is not None)]
    if not measured and any(c.grade is not None for c in item.checkins):
        return "graded"  # a page that grades its key results and keeps no values
    if any(c.done is not None and c.date is None for c in item.checkins):
        return "milestones"
    if item.kind == "effort" or any(c.done is not None for c in item.checkins):
        return "effort"
    if measure.target is None:
        return "graded" if any(c.grade is not None for c in item.checkins) else "none"
    if isinstance(item, KPI) or measure.direction == "maintain" or (
        measure.baseline is None and measure.target.comparator in ("<", "<=", ">", ">=")
    ):
        return "threshold"
    if measure.direction == "decrease":
        return "decrease"
    return "increase"


def _weight(item: KeyResult | KPI, settings: Settings) -> float:
    if isinstance(item, KeyResult):
        if item.weight is not None:
            return item.weight
        if settings.weighting == "priority" and item.priority is not None:
            return PRIORITY_WEIGHTS[item.priority]
    return 1.0


def cadence_days(item: KeyResult | KPI, settings: Settings) -> int:
    every = item.cadence.every if isinstance(item, KPI) and item.cadence is not None else None
    return CADENCE_DAYS[every or settings.cadence]


def stale_since(
    item: KeyResult | KPI, period_start: date | None, last: date | None, as_of: date, settings: Settings
) -> date | None:
    """The day a check-in was due by, if none came by then: the last check-in (or the period's
    first day) + the cadence + the grace days, when that is before the as-of date."""
    since = last or period_start
    if since is None or since > as_of:
        return None
    due = since + timedelta(days=cadence_days(item, settings) + settings.grace_days)
    return due if due < as_of else None


def evaluate_item(
    item: KeyResult | KPI, start: date | None, end: date | None, as_of: date, settings: Settings = Settings()
) -> ItemProgress:
    """Progress, pace, status and grade of one key result or KPI."""
    mode = mode_of(item)
    dated = [c for c in item.checkins if c.kind == "check-in" and (d := _day(c.date)) is not None and d <= as_of]
    dated.sort(key=lambda c: c.date or "")  # stable: same-day check-ins keep their written order
    undated_ticks = [c for c in item.checkins if c.kind == "check-in" and c.date is None and c.done is not None]
    grades = [c for c in item.checkins if c.kind == "grade" and c.grade is not None
              and ((d := _day(c.date)) is None or d <= as_of)]
    projections = [c for c in item.checkins if c.kind == "projection" and c.grade is not None]
    values = [c for c in dated if c.value is not None and c.value.value is not None and value_fits(item, c)]
    expected = expected_pace(start, end, as_of) if start and end else None
    progress: float | None = None
    reason: str | None = None
    history: list[tuple[str, float]] = []
    current: Checkin | None = None
    measure = item.measure
    if mode in ("increase", "decrease"):
        baseline, target = _number(measure.baseline), _number(measure.target)
        current = values[-1] if values else None
        if baseline is None:
            reason = "no baseline: write where it starts ('from 1,200 to 2,000')"
        else:
            progress = 0.0 if current is None else linear_progress(baseline, target, _reading(item, current.value))
            for checkin in values:
                point = linear_progress(baseline, target, _reading(item, checkin.value))
                if point is not None and checkin.date:
                    history.append((checkin.date, point))
    elif mode == "threshold":
        bound = _bound(item)
        current = values[-1] if values else None
        if bound is None:
            reason = "no target level to compare with"
        else:
            kind, low, high, inclusive = bound
            results = []
            for checkin in values:
                number = _reading(item, checkin.value)
                if number is not None and checkin.date:
                    results.append(meets(number, kind, low, high, inclusive))
                    history.append((checkin.date, checkin.value.value if checkin.value and checkin.value.value
                                    is not None else number))  # the sparkline shows values as written
            progress = share_met(results)
            if progress is None:
                reason = "no check-in yet"
    elif mode == "milestones":
        progress = share_done([bool(c.done) for c in undated_ticks])
        done_dated = [c for c in dated if c.done is not None]
        if done_dated and done_dated[-1].done:
            progress = 1.0
        current = done_dated[-1] if done_dated else None
    elif mode == "effort":
        # done / not done, or a share done written as a percentage ("2026-08-14: 30%")
        marks = [c for c in dated if c.done is not None or _percent_done(c) is not None]
        current = marks[-1] if marks else None
        progress = _share_of(current) if current is not None else 0.0
        history = [(c.date or "", _share_of(c)) for c in marks]
    else:
        reason = "no target to measure against" if not grades else None
    written_grade = grades[-1].grade if grades else None
    # a score written without a date ("Mid-Q Actual" column): progress where nothing else says it
    scores = [c for c in item.checkins if c.kind == "check-in" and c.grade is not None and c.date is None]
    if progress is None and written_grade is not None:
        progress = written_grade  # a page that only grades: the grade is what is known
    elif progress is None and scores:
        progress = scores[-1].grade
    started = bool(dated or undated_ticks or grades or scores)
    ended = end is not None and as_of > end
    # a row a grading page left blank keeps no grade: a mid-period score is not an end grade
    # never checked in: a key result with a baseline is graded its 0; other rows a page left blank keep none
    computed = grade_of(progress) if ended and (started or mode in ("increase", "decrease")) and mode != "graded" \
        else None
    grade = written_grade if written_grade is not None else computed
    latest = dated[-1] if dated else None
    confidence = next((c.confidence for c in reversed(dated) if c.confidence is not None), None)
    written_status = latest.status if latest is not None else None
    status: Status
    if not started:
        status = "not-started"
    elif mode in ("effort", "milestones") and progress is not None and progress >= 1:
        status = "done"
    elif progress is None or expected is None:
        status = "unknown"
    elif mode == "threshold":
        status = status_from_ratio(progress, settings.thresholds)
    else:
        status = status_from_ratio(pace_ratio(progress, expected), settings.thresholds)
    last_date = dated[-1].date if dated else None
    tracked = status != "done" and not ended and not grades  # a graded item is closed
    due = stale_since(item, start, _day(last_date), as_of, settings) if tracked else None
    return ItemProgress(
        item=item, mode=mode, current=current, progress=progress, expected=expected, status=status, grade=grade,
        projection=projections[-1].grade if projections else None, confidence=confidence,
        written_status=written_status, reason=reason, counted=dated, history=history,
        weight=_weight(item, settings), last_date=last_date, stale_since=due.isoformat() if due else None,
    )


def is_tracked(objective: Objective) -> bool:
    """Whether anyone wrote a check-in or grade on the objective or its key results: an objective
    nobody tracked has no progress to show and no grade to judge (not 0 worked out from nothing)."""
    return bool(objective.checkins) or any(kr.checkins for kr in objective.key_results)


def evaluate_objective(
    objective: Objective, start: date | None, end: date | None, as_of: date, settings: Settings = Settings()
) -> ObjectiveProgress:
    """The mean of its key results' progress (each within [0, 1], weighted), and the weakest status."""
    items = [evaluate_item(kr, start, end, as_of, settings) for kr in objective.key_results]
    progress = rollup((i.progress, i.weight) for i in items)
    # a grade is the whole objective's: only once every key result has one (or the period ended)
    grade = rollup((i.grade, i.weight) for i in items) if items and all(i.grade is not None for i in items) \
        else None
    written = [c.grade for c in objective.checkins if c.kind == "grade" and c.grade is not None]
    written_grade = written[-1] if written else None
    if grade is None:
        grade = written_grade
    return ObjectiveProgress(
        objective=objective, key_results=items, progress=progress,
        expected=expected_pace(start, end, as_of) if start and end else None,
        status=weakest(i.status for i in items), grade=None if grade is None else round(grade, 2),
        written_grade=written_grade,
    )


def evaluate_document(document: Document, as_of: date, settings: Settings = Settings()) -> DocumentProgress:
    """Every objective, key result and KPI of a document, as of `as_of`."""
    period = document.period
    start, end = (_day(period.start), _day(period.end)) if period else (None, None)
    objectives = [evaluate_objective(o, start, end, as_of, settings) for o in document.objectives]
    kpi_items = sorted(document.kpis + [k for o in document.objectives for k in o.kpis],
                       key=lambda k: k.span.start.offset)
    kpis = [evaluate_item(k, start, end, as_of, settings) for k in kpi_items]
    all_krs = [kr for o in objectives for kr in o.key_results]
    if settings.total == "key-results":
        progress = rollup((i.progress, i.weight) for i in all_krs)
        grade = rollup((i.grade, i.weight) for i in all_krs)  # the IPFS table: ungraded rows left out
    else:
        progress = rollup((o.progress, 1.0) for o in objectives)
        grade = rollup((o.grade, 1.0) for o in objectives) if all(o.grade is not None for o in objectives) else None
    counts: dict[str, int] = dict.fromkeys(STATUSES, 0)
    for item in all_krs + kpis:
        counts[item.status] += 1
    return DocumentProgress(
        document=document, as_of=as_of, expected=expected_pace(start, end, as_of) if start and end else None,
        objectives=objectives, kpis=kpis, progress=progress, grade=None if grade is None else round(grade, 2),
        ended=end is not None and as_of > end, counts=counts,
        stale=sum(1 for i in all_krs + kpis if i.stale_since is not None),
    )
