"""Words, numbers and colours the status reports share, so every format says the same thing."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from goallint.model import Finding
from goallint.progress.evaluate import DocumentProgress, ItemProgress

STATUS_WORDS = {
    "on-track": "On track", "at-risk": "At risk", "off-track": "Off track",
    "not-started": "Not started", "done": "Done", "unknown": "Unknown",
}
# colour is never alone: every report prints the word beside it
STATUS_COLOURS = {
    "on-track": "#1a7f37", "at-risk": "#9a6700", "off-track": "#cf222e",
    "not-started": "#6e7781", "done": "#0969da", "unknown": "#6e7781",
}
STATUS_EMOJI = {
    "on-track": "🟢", "at-risk": "🟡", "off-track": "🔴", "not-started": "⚪", "done": "✅", "unknown": "❔",
}
FORMULA_WORDS = {
    "increase": "from baseline to target", "decrease": "from baseline down to target",
    "threshold": "share of check-ins within the target", "effort": "done or not",
    "milestones": "share of milestones done", "graded": "grade as written", "none": "no target",
}


def percent(fraction: float | None, missing: str = "–") -> str:
    """0.5625 -> "56%": whole percents, rounded half away from zero, as people read them."""
    if fraction is None:
        return missing
    value = fraction * 100
    whole = int(value + 0.5) if value >= 0 else -int(-value + 0.5)
    return f"{whole}%"


def grade_text(grade: float | None) -> str:
    return "–" if grade is None else f"{grade:.2f}"


def current_text(item: ItemProgress) -> str:
    current = item.current
    if item.mode == "milestones":
        ticks = [c.done for c in item.item.checkins if c.done is not None and c.date is None]
        return f"{sum(1 for t in ticks if t)} of {len(ticks)} milestones"
    if current is None:
        return "–"
    if current.done is not None and current.value is None:
        return "done" if current.done else "not done"
    if current.value is None:
        return "–"
    unit = current.value.unit
    text = current.value.text
    if unit and unit not in text and unit not in ("%", "pp", "x") and not unit.isupper():
        text = f"{text} {unit}"
    return text


def summary_line(results: Sequence[DocumentProgress]) -> dict[str, int]:
    """How many key results and KPIs are on track, at risk, off track, done, and not updated
    (not started, or past their check-in cadence)."""
    totals = {"on-track": 0, "at-risk": 0, "off-track": 0, "done": 0, "not-updated": 0, "unknown": 0}
    for result in results:
        items = [i for o in result.objectives for i in o.key_results] + result.kpis
        for item in items:
            if item.status == "not-started" or (item.stale_since and item.status not in ("done",)):
                totals["not-updated"] += 1
            else:
                totals[item.status] += 1
    return totals


class FindingsByItem:
    """The findings of `goallint check` on one document, placed beside the item they are about:
    an item owns the lines from its own to the next item's."""

    def __init__(self, result: DocumentProgress, findings: Sequence[Finding]) -> None:
        starts: list[tuple[int, int]] = []
        for objective in result.objectives:
            starts.append((objective.objective.span.start.line, id(objective.objective)))
            starts += [(i.item.span.start.line, id(i.item)) for i in objective.key_results]
        starts += [(i.item.span.start.line, id(i.item)) for i in result.kpis]
        starts.sort()
        self._lines = [line for line, _ in starts]
        self._owners = [owner for _, owner in starts]
        self.by_owner: dict[int, list[Finding]] = {}
        self.document_level: list[Finding] = []
        for finding in findings:
            index = bisect_right(self._lines, finding.span.start.line) - 1
            if index < 0:
                self.document_level.append(finding)
            else:
                self.by_owner.setdefault(self._owners[index], []).append(finding)

    def of(self, node: object) -> list[Finding]:
        return self.by_owner.get(id(node), [])
