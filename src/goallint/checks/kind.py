"""Rules about what kind of goal a key result is (a result or an activity, a change or a level)
and how far it reaches."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from goallint.checks.units import CURRENCIES, comparable, in_common_unit, is_percentage, written_unit
from goallint.checks.wording import asks_for_change, counts_own_output, keeps_changing
from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import Finding, KeyResult, Measure, Objective, Quantity


class TaskNotOutcomeOptions(RuleOptions):
    max_share: float = Field(
        0.5, ge=0, le=1, description="largest share of an objective's key results that may be activities"
    )


class TaskNotOutcome(Rule):
    code = "GL301"
    name = "task-not-outcome"
    summary = "An objective whose key results are mostly activities ('Ship …', 'Launch …'), not results."
    scope = "objective"
    Options = TaskNotOutcomeOptions
    why = (
        "Finishing tasks is not the same as getting results: a team can ship every item and move "
        "nothing. Key results say what changes because of the work."
    )
    bad = (
        "Objective: Make onboarding effortless\n  KR: Ship the new setup wizard\n"
        "  KR: Write the getting-started guide\n  KR: Cut time to first project from 3 days to 1 day"
    )
    good = (
        "Objective: Make onboarding effortless\n  KR: Raise week-one activation from 40% to 55%\n"
        "  KR: Cut time to first project from 3 days to 1 day\n  KR: Ship the new setup wizard"
    )

    def check(self, node: Objective, context: Context) -> Iterator[Finding]:
        options: TaskNotOutcomeOptions = context.options
        tasks = [kr for kr in node.key_results if is_activity(kr)]
        total = len(node.key_results)
        if not total or len(tasks) / total <= options.max_share:
            return
        yield context.finding(
            node.span,
            f"{len(tasks)} of {total} key results here are activities, not results: they say what the "
            "team will do, not what will change.",
            f"For each activity, say what it should change and by how much: instead of '{tasks[0].text}', "
            "for example 'Raise self-serve upgrades from 40 to 120 a month'.",
        )


def is_activity(key_result: KeyResult) -> bool:
    """An activity: what the reader reads as effort, and also a count of the team's own output
    ("Publish 5 blog posts", "Run 3 AMAs"), which the reader calls an outcome for its number.
    A percentage, a multiple or an amount is a result ("Ship 95% of releases on time"), so is a change."""
    if key_result.kind == "effort":
        return True
    measure = key_result.measure
    numbers = [q for q in (measure.baseline, measure.target, measure.change) if q is not None]
    if not numbers and not asks_for_change(key_result.text):
        return True  # read as a result only for a change word in a side clause: "a scenario where connections grow"
    if measure.direction in ("increase", "decrease", "maintain") or not counts_own_output(key_result.text):
        return False
    return not any(q.unit in ("%", "x") or q.unit in CURRENCIES for q in numbers)  # "Build 3x pipeline": a result


class EffortKrAsKpi(Rule):
    code = "GL302"
    name = "effort-kr-as-kpi"
    summary = "A key result marked as a KPI that is an activity, not a number to watch."
    scope = "key_result"
    why = "A KPI shows the health of the business over time; a task is done once and then says nothing."
    bad = "Objective: Keep customers happy\n  KR: Launch the customer health dashboard [KPI]"
    good = "Objective: Keep customers happy\n  KR: Keep monthly churn under 2% [KPI]"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        if node.is_kpi and node.kind == "effort":
            yield context.finding(
                node.span,
                "This is marked as a KPI, but it is an activity: once it is done, there is nothing left to watch.",
                "Mark as the KPI the number this activity should move (for example 'Keep monthly churn "
                "under 2% [KPI]'), and keep the activity as an ordinary key result or a task.",
            )


class MaintainKr(Rule):
    code = "GL303"
    name = "maintain-kr"
    summary = "A key result that holds a level steady ('Keep uptime at 99.9%'): that is a KPI."
    scope = "key_result"
    why = (
        "Key results are for what should change this period. Holding a level is health, which "
        "KPIs track every period; as a key result it takes the place of a real change."
    )
    bad = "Objective: Be reliable\n  KR: Maintain uptime at 99.9%"
    good = "Objective: Be reliable\n  KR: Cut monthly incidents from 12 to 4\nKPI: Uptime – target ≥ 99.9%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        measure = node.measure
        if measure.direction != "maintain" or keeps_changing(node.text):
            return  # "Keep improving go-git performance" asks for more change, not a level held
        metric = measure.metric or "the metric"
        level = f" – target {measure.target.text}" if measure.target else ""
        yield context.finding(
            node.span,
            "This key result keeps a level where it is; that is health to watch, not a change to make.",
            f"Track it as a KPI ('KPI: {metric}{level}') and use the key result for something that should "
            "change this period.",
        )


class LowAmbitionOptions(RuleOptions):
    min_change: float = Field(
        0.10, ge=0, description="smallest change, as a share of the starting value, an aspirational key result aims for"
    )
    unmarked_is_aspirational: bool = Field(
        True, description="treat objectives marked neither [committed] nor [aspirational] as aspirational"
    )


class LowAmbition(Rule):
    code = "GL304"
    name = "low-ambition"
    summary = "An aspirational key result that aims for a change of less than 10%."
    scope = "objective"
    severity = "info"
    Options = LowAmbitionOptions
    why = (
        "Aspirational key results are meant to stretch: reaching 70% of a bold target beats "
        "reaching all of a safe one. A change of a few percent is what happens anyway. For a "
        "percentage, the change counts as the larger of its share of today's value and its share "
        "of the way to 100% (73% to 80% closes a quarter of the gap)."
    )
    bad = "Objective: Grow revenue [aspirational]\n  KR: Grow MRR from $100k to $105k"
    good = "Objective: Grow revenue [aspirational]\n  KR: Grow MRR from $100k to $130k"

    def check(self, node: Objective, context: Context) -> Iterator[Finding]:
        options: LowAmbitionOptions = context.options
        if node.commitment == "committed" or (node.commitment is None and not options.unmarked_is_aspirational):
            return
        for key_result in node.key_results:
            found = change_share(key_result.measure)
            if found is None:
                continue
            share, where = found
            if not 0 < share < options.min_change:
                continue
            aim = f"a change of at least {_percent(options.min_change)}"
            if node.commitment is None:  # unmarked: read as a stretch by default, so not called one
                yield context.finding(
                    where.span,
                    f"{_what(key_result.measure, where, share)} is small if this objective is meant to stretch "
                    "(it is marked neither [committed] nor [aspirational]).",
                    f"If it is a stretch, aim for {aim}; if it is a promise, mark the objective [committed].",
                )
                continue
            yield context.finding(
                where.span,
                f"{_what(key_result.measure, where, share)} is small for an aspirational goal: that much tends "
                "to happen anyway.",
                f"Aim for {aim}, or mark the objective [committed] if this is a promise rather than a stretch.",
            )


def change_share(measure: Measure) -> tuple[float, Quantity] | None:
    """How large the change a measure aims for is, as a share of its starting value, and the
    quantity that says so; None when the numbers do not tell."""
    if measure.direction not in ("increase", "decrease", "reach"):
        return None
    start, end, change = measure.baseline, measure.target, measure.change
    base = in_common_unit(start) if start else None
    if start is not None and end is not None:
        aim = in_common_unit(end)
        if not base or aim is None or not comparable(written_unit(start), written_unit(end)):
            return None
        if (measure.direction == "increase" and aim < base) or (measure.direction == "decrease" and aim > base):
            return None  # direction-contradiction says so
        return _share(base, aim, start.unit == "%"), end
    if change is None or change.value is None:
        return None
    unit = written_unit(change)
    if unit == "x":
        return abs(change.value - 1), change
    if unit == "%":
        # on a percentage, "by 5%" may mean points: percent-of-percent asks which
        return None if is_percentage(measure) else (change.value / 100, change)
    if start is None or not base:
        return None
    if unit in ("pp", "points") and start.unit == "%":
        step = change.value if measure.direction != "decrease" else -change.value
        return _share(base, base + step, True), change
    size = in_common_unit(change)
    if size is not None and (unit == "points" or comparable(written_unit(start), unit)):
        return abs(size) / abs(base), change
    return None


def _what(measure: Measure, where: Quantity, share: float) -> str:
    """The change in words: "A change of 5%" (not "'5%' is a 5% change"), "The change from 40 to
    41 (2.5%)"."""
    start = measure.baseline
    if start is None:
        if written_unit(where) == "%":
            return f"A change of {where.text}"
        return f"'{where.text}' ({_percent(share)})"
    if where is measure.target:
        return f"The change from {start.text} to {where.text} ({_percent(share)})"
    return f"'{where.text}' from {start.text} ({_percent(share)})"


def _share(start: float, end: float, percentage: bool) -> float:
    share = abs(end - start) / abs(start)
    if percentage and start < end and start < 100:
        share = max(share, (end - start) / (100 - start))
    return share


def _percent(share: float) -> str:
    return f"{share * 100:.3g}%"


RULES: list[type[Rule]] = [TaskNotOutcome, EffortKrAsKpi, MaintainKr, LowAmbition]
