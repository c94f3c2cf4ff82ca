"""The formulas of docs/progress.md, as pure functions of numbers and dates.

Nothing here knows about documents: `goallint.progress.evaluate` picks the inputs from the
model, and the status report and the tracking rules both call it, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

Status = Literal["on-track", "at-risk", "off-track", "not-started", "done", "unknown"]
STATUSES: tuple[Status, ...] = ("on-track", "at-risk", "off-track", "not-started", "done", "unknown")
# weakest first: an objective shows the weakest status among its key results
_WEAKNESS: dict[str, int] = {"off-track": 0, "at-risk": 1, "not-started": 2, "unknown": 3, "on-track": 4, "done": 5}
Bound = Literal["above", "below", "range"]
Band = Literal["red", "yellow", "green"]

# Priority weights that reproduce the Chromium team pages' objective scores (docs/progress.md):
# each priority level counts half as much as the one above it.
PRIORITY_WEIGHTS: dict[int, float] = {0: 2.0, 1: 1.0, 2: 0.5, 3: 0.25, 4: 0.125}


@dataclass(frozen=True)
class Thresholds:
    """Where the status words start, as a share of expected pace (Tability, Perdoo: 0.9 / 0.7)."""

    on_track: float = 0.9
    at_risk: float = 0.7


def linear_progress(baseline: float | None, target: float | None, current: float | None) -> float | None:
    """(current − baseline) / (target − baseline): 0 at the baseline, 1 at the target, more past
    it, negative if it went the wrong way. The same formula serves increases and decreases (both
    differences change sign). Not capped. None when it cannot be known: no baseline (goallint does
    not invent 0), no target, no value, or a target equal to the baseline."""
    if baseline is None or target is None or current is None or target == baseline:
        return None
    return (current - baseline) / (target - baseline)


def meets(value: float, bound: Bound, low: float, high: float | None = None, inclusive: bool = True) -> bool:
    """Whether one reading keeps a stay-above, stay-below or range target."""
    if bound == "above":
        return value >= low if inclusive else value > low
    if bound == "below":
        return value <= low if inclusive else value < low
    return low <= value <= (high if high is not None else low)


def share_met(results: Sequence[bool]) -> float | None:
    """The share of check-ins that met the target (9 of 13 -> 0.69); None with none."""
    return sum(results) / len(results) if results else None


def share_done(ticks: Sequence[bool]) -> float | None:
    """The share of ticked milestones; None with none."""
    return sum(ticks) / len(ticks) if ticks else None


def expected_pace(start: date, end: date, as_of: date) -> float:
    """Days elapsed since the period's first day ÷ days from its first to its last day, within
    [0, 1]: 0 on the first day, 1 on the last day and after."""
    span = (end - start).days
    if span <= 0:
        return 1.0 if as_of >= end else 0.0
    return min(max((as_of - start).days / span, 0.0), 1.0)


def pace_ratio(progress: float, expected: float) -> float | None:
    """Progress as a share of where it should be by now (0.30 done of 0.53 expected -> 0.566)."""
    return None if expected <= 0 else progress / expected


def status_from_ratio(ratio: float | None, thresholds: Thresholds = Thresholds()) -> Status:
    """on-track at ≥ 0.9 of pace, at-risk at ≥ 0.7, off-track below; on the first day of the
    period (no pace to keep yet) on-track."""
    if ratio is None or ratio >= thresholds.on_track:
        return "on-track"
    return "at-risk" if ratio >= thresholds.at_risk else "off-track"


def capped(progress: float) -> float:
    """A key result's part in a roll-up: within [0, 1], so 200 % cannot hide a 0 % beside it."""
    return min(max(progress, 0.0), 1.0)


def rollup(parts: Iterable[tuple[float | None, float]]) -> float | None:
    """The weighted mean of (progress, weight) pairs, each progress capped to [0, 1]; parts with
    no progress are left out; None when nothing is known. 0 % and 200 % roll up to 50 %."""
    total = weights = 0.0
    for progress, weight in parts:
        if progress is None or weight <= 0:
            continue
        total += capped(progress) * weight
        weights += weight
    return total / weights if weights else None


def weakest(statuses: Iterable[Status]) -> Status:
    """The weakest status (off-track < at-risk < not-started < unknown < on-track < done)."""
    found = list(statuses)
    return min(found, key=_WEAKNESS.__getitem__) if found else "unknown"


def grade_of(progress: float | None) -> float | None:
    """The grade at the period's end: the progress, within [0, 1], to two decimals."""
    return None if progress is None else round(capped(progress), 2)


def band(grade: float) -> Band:
    """Google's grading bands: 0.7–1.0 green (delivered), 0.4–0.6 yellow (progress, fell short),
    0.0–0.3 red (failed to make real progress)."""
    if grade >= 0.7:
        return "green"
    return "yellow" if grade >= 0.4 else "red"
