"""Rules about what a key result measures: a quantity, a start, an end date, numbers that agree."""

from __future__ import annotations

from collections.abc import Iterator

from goallint.engine.rule import Context, Rule
from goallint.model import Finding, KeyResult


class KrNotMeasurable(Rule):
    code = "GL201"
    name = "kr-not-measurable"
    summary = "An outcome key result with no quantity to measure."
    scope = "key_result"
    why = "If nobody can say at the end of the period whether it was met, it is a wish, not a key result."
    bad = "Objective: Help users help themselves\n  KR: Improve documentation"
    good = "Objective: Help users help themselves\n  KR: Cut 'how do I' support tickets from 120 to 60 a month"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        measure = node.measure
        if node.kind == "outcome" and not (measure.target or measure.change or measure.baseline):
            yield context.finding(
                node.span,
                "This key result has no number, so nobody can tell whether it was met.",
                "Say what you will measure and the level you aim for, for example "
                "'Raise docs satisfaction from 3.1 to 4.0 out of 5'.",
            )


class MissingBaseline(Rule):
    code = "GL202"
    name = "missing-baseline"
    summary = "An increase or decrease key result with a target but no starting value."
    scope = "key_result"
    why = "Without the starting value, a target says nothing about ambition: 80% may be a leap or a slip."
    bad = "Objective: Keep customers\n  KR: Increase client retention to 80%"
    good = "Objective: Keep customers\n  KR: Increase client retention from 73% to 80%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        measure = node.measure
        if measure.direction in ("increase", "decrease") and measure.target and not measure.baseline:
            yield context.finding(
                measure.target.span,
                "This key result says where you aim but not where you start.",
                f"Say where you start and where you aim: 'from <today's value> to {measure.target.text}'.",
            )


class MissingDeadline(Rule):
    code = "GL203"
    name = "missing-deadline"
    summary = "A key result with no deadline when the document has no period either."
    scope = "key_result"
    why = "A result with no date can always be 'nearly done'."
    bad = "Objective: Launch in Europe\n  KR: Sign 20 paying customers in Germany"
    good = "period: 2026-Q3\n\nObjective: Launch in Europe\n  KR: Sign 20 paying customers in Germany"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        if node.deadline is None and context.document is not None and context.document.period is None:
            yield context.finding(
                node.span,
                "This key result has no deadline, and the plan has no period.",
                "Add 'period: 2026-Q3' at the top of the plan, or a date to the key result ('by end of Q3').",
            )


class DeadlineOutsidePeriod(Rule):
    code = "GL204"
    name = "deadline-outside-period"
    summary = "A key result due after the period ends, or before it starts."
    scope = "key_result"
    severity = "warning"
    why = "A result due outside the plan's period cannot be scored with the plan."
    bad = "period: 2026-Q3\n\nObjective: Grow\n  KR: Reach 500 customers by end of Q4"
    good = "period: 2026-Q3\n\nObjective: Grow\n  KR: Reach 500 customers by end of Q3"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        document = context.document
        if node.deadline is None or node.deadline.date is None or document is None or document.period is None:
            return
        period = document.period
        if node.deadline.date > period.end:
            yield context.finding(
                node.deadline.span,
                f"This is due {node.deadline.date}, after the plan's period ends ({period.end}).",
                "Move the date inside the period, or put this key result in next period's plan.",
            )
        elif node.deadline.date < period.start:
            yield context.finding(
                node.deadline.span,
                f"This is due {node.deadline.date}, before the plan's period starts ({period.start}).",
                "Check the date: a result due before the period begins is already past.",
            )


class DirectionContradiction(Rule):
    code = "GL205"
    name = "direction-contradiction"
    summary = "The verb and the numbers disagree ('Reduce churn from 4% to 6%')."
    scope = "key_result"
    severity = "error"
    why = "Readers follow either the verb or the numbers; when they disagree, half the team works the wrong way."
    bad = "Objective: Keep customers\n  KR: Reduce churn from 4% to 6%"
    good = "Objective: Keep customers\n  KR: Reduce churn from 6% to 4%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        measure = node.measure
        start, end = measure.baseline, measure.target
        if not (start and end and start.value is not None and end.value is not None):
            return
        if measure.direction == "decrease" and end.value > start.value:
            wrong, verb = "goes up", "reduce"
        elif measure.direction == "increase" and end.value < start.value:
            wrong, verb = "goes down", "increase"
        else:
            return
        yield context.finding(
            node.span,
            f"The key result says {verb}, but the number {wrong} (from {start.text} to {end.text}).",
            "Swap the numbers, or change the verb so that both say the same thing.",
        )


class NoChange(Rule):
    code = "GL206"
    name = "no-change"
    summary = "The starting value equals the target."
    scope = "key_result"
    why = "A target equal to today's value asks for nothing; if holding steady is the point, it is a KPI."
    bad = "Objective: Keep customers\n  KR: Increase retention from 90% to 90%"
    good = "Objective: Keep customers\n  KR: Increase retention from 90% to 93%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        start, end = node.measure.baseline, node.measure.target
        if start and end and start.value is not None and start.value == end.value and start.unit == end.unit:
            yield context.finding(
                end.span,
                f"The target ({end.text}) is the same as where you start ({start.text}).",
                "Set a target that asks for a change, or track this as a KPI with 'KPI: …'.",
            )


RULES: list[type[Rule]] = [
    KrNotMeasurable, MissingBaseline, MissingDeadline, DeadlineOutsidePeriod, DirectionContradiction, NoChange,
]
