"""Rules about what a key result measures: a quantity, a start, an end date, numbers that agree,
in one unit, about one metric."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from goallint.checks.units import CURRENCIES, comparable, describe, in_common_unit, is_percentage, written_unit
from goallint.checks.wording import asks_for_change, gives_a_number, improve_only, quantified_over_all
from goallint.engine.rule import Context, Rule
from goallint.model import Finding, KeyResult, Quantity

if TYPE_CHECKING:
    from goallint.syntax.statement import Reading


class KrNotMeasurable(Rule):
    code = "GL201"
    name = "kr-not-measurable"
    summary = "An outcome key result with no quantity to measure."
    scope = "key_result"
    why = "If nobody can say at the end of the period whether it was met, it is a wish, not a key result."
    bad = "Objective: Help users help themselves\n  KR: Improve documentation"
    good = "Objective: Help users help themselves\n  KR: Cut 'how do I' support tickets from 120 to 60 a month"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        if unmeasured_result(node):
            yield context.finding(
                node.span,
                "This key result has no number, so nobody can tell whether it was met.",
                "Say what you will measure and the level you aim for, for example "
                "'Raise docs satisfaction from 3.1 to 4.0 out of 5'.",
            )


def unmeasured_result(node: KeyResult) -> bool:
    """A result with nothing to score it by: the main clause asks for a change ("Improve API
    test coverage"), and the statement gives no number, not even one the reader leaves unplaced
    ("send 1+ proposals", "an order of magnitude"), and no "all" or "every" over a countable set.
    A change word only in a clause of place or purpose ("a scenario where connections grow") or
    "gain feedback" does not make a result."""
    measure = node.measure
    if node.kind != "outcome" or measure.target or measure.change or measure.baseline:
        return False
    text = node.text
    return asks_for_change(text) and not gives_a_number(text) and not quantified_over_all(text)


def with_unit(quantity: Quantity) -> str:
    """The quantity as written, with its unit when the unit was written after it apart ("under 800"
    and "ms" of "under 800 ms"): what a hint quotes back."""
    unit = quantity.unit
    if unit is None or unit in CURRENCIES or unit in ("%", "x") or unit.lower() in quantity.text.lower():
        return quantity.text
    return f"{quantity.text} {unit}"


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
        # with the size of the change given ("to 300 (+100%)"), the start follows from the two
        changes = measure.direction in ("increase", "decrease") and not (measure.baseline or measure.change)
        if changes and measure.target and _aimed(node.text, measure.target):
            yield context.finding(
                measure.target.span,
                "This key result says where you aim but not where you start.",
                f"Say where you start and where you aim: 'from <today's value> to {with_unit(measure.target)}'.",
            )


# missing-deadline (GL203) is in checks/periods.py: it is about the plan's period.


def _aimed(text: str, target: Quantity) -> bool:
    """Whether the clause that holds the target asks for the change: in "Increase sessions on
    blog posts. 5% month over month." the 5% is a rate of growth, in "Increase maturity. All
    uploads within 48 hours." the 48 hours is a second measure, not where the increase ends."""
    at = text.find(target.text)
    if at < 0:
        return True
    start = max((m.end() for m in _CLAUSE_END_RE.finditer(text, 0, at)), default=0)
    end = _CLAUSE_END_RE.search(text, at)
    return asks_for_change(text[start : end.start() if end else len(text)])


_CLAUSE_END_RE = re.compile(r"(?<=[^\d\s][.;,])\s+")


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
        # "by April 1" is how many plans say "by the end of Q1": the day after the end counts as in
        closes = (date.fromisoformat(period.end) + timedelta(days=1)).isoformat()
        if node.deadline.date > closes:
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
        if not (start and end and comparable(written_unit(start), written_unit(end))):
            return
        first, last = in_common_unit(start), in_common_unit(end)  # "from 2 hours to 90 minutes"
        if first is None or last is None or improve_only(node.text):
            return  # "Improve p95 latency from 900 ms to 600 ms" goes down, as it should
        if measure.direction == "decrease" and last > first:
            wrong, verb = "goes up", "reduce"
        elif measure.direction == "increase" and last < first:
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
    severity = "error"  # a key result that asks for no change contradicts itself
    why = "A target equal to today's value asks for nothing; if holding steady is the point, it is a KPI."
    bad = "Objective: Keep customers\n  KR: Increase retention from 90% to 90%"
    good = "Objective: Keep customers\n  KR: Increase retention from 90% to 93%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        start, end = node.measure.baseline, node.measure.target
        if start is None or end is None or start.value is None or end.value is None:
            return
        # "from 20k to 20k visits" and "from 2 hours to 120 minutes" ask for no change either
        if comparable(written_unit(start), written_unit(end)) and in_common_unit(start) == in_common_unit(end):
            yield context.finding(
                end.span,
                f"The target ({_with_unit(end)}) is the same as where you start ({_with_unit(start)}).",
                "Set a target that asks for a change, or track this as a KPI with 'KPI: …'.",
            )


def _with_unit(quantity: Quantity) -> str:
    """A quantity as written, with the unit it borrowed from the other end ("2" of "from 2 to
    5 hours" is "2 hours")."""
    unit = quantity.unit
    if unit is None or not unit.isalpha() or unit in CURRENCIES or unit.lower() in quantity.text.lower():
        return quantity.text
    return f"{quantity.text} {unit}"


class UnitMismatch(Rule):
    code = "GL207"
    name = "unit-mismatch"
    summary = "The starting value and the target are in different units (% and points, USD and EUR)."
    scope = "key_result"
    severity = "error"
    why = (
        "Numbers in different units cannot be compared: nobody can say how far the team moved, "
        "or whether 45 points is more than 30%."
    )
    bad = "Objective: Delight customers\n  KR: Raise NPS from 30% to 45 points"
    good = "Objective: Delight customers\n  KR: Raise NPS from 30 to 45 points"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        start, end = node.measure.baseline, node.measure.target
        if start is None or end is None:
            return
        start_unit, end_unit = written_unit(start), written_unit(end)
        if comparable(start_unit, end_unit):
            return
        yield context.finding(
            end.span,
            f"You start in {describe(start_unit)} ({start.text}) but aim in {describe(end_unit)} ({end.text}), "
            "so the two numbers cannot be compared.",
            f"Write both in one unit: 'from {start.text} to <target in {describe(start_unit)}>', "
            f"or 'from <today in {describe(end_unit)}> to {end.text}'.",
        )


class PercentOfPercent(Rule):
    code = "GL208"
    name = "percent-of-percent"
    summary = "A change 'by 5%' on a metric that is itself a percentage: 5 points, or 5% of today's value?"
    scope = "key_result"
    why = (
        "On a 20% conversion rate, 'up 5%' means 25% to one reader and 21% to another. The team "
        "finds out which at the review."
    )
    bad = "Objective: Sell more online\n  KR: Increase checkout conversion rate by 5%"
    good = "Objective: Sell more online\n  KR: Increase checkout conversion rate from 20% to 25%"

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        measure = node.measure
        change = measure.change
        if change is None or change.value is None or written_unit(change) != "%":
            return
        if measure.target is not None or not is_percentage(measure):
            return  # with the target written out, the change cannot be misread
        what = measure.metric or "this metric"
        start = measure.baseline
        if start is not None and start.value is not None and start.unit == "%":
            sign = -1 if measure.direction == "decrease" else 1
            points = start.value + sign * change.value
            relative = start.value * (1 + sign * change.value / 100)
            example = f"from {start.text}: {_number(points)}% or {_number(relative)}%"
        else:
            example = f"from 20%: {_number(20 + change.value)}% or {_number(20 * (1 + change.value / 100))}%"
        yield context.finding(
            change.span,
            f"{what[:1].upper()}{what[1:]} is already a percentage, so '{change.text}' can mean "
            f"{_number(change.value)} percentage points or {change.text} of today's value ({example}).",
            f"Write '{_number(change.value)} pp' (percentage points) if you mean points, "
            "or give both numbers: 'from <today's value>% to <target>%'.",
        )


def _number(value: float) -> str:
    return f"{value:.4g}"


# From the start of a run of blanks only, and possessive: a long run is not re-scanned from each of its blanks.
# ... or a comma, semicolon or full stop between clauses ("95% on CSAT, 95% on SLAs", "Produce 2
# webinars with 500 registrants. Distribute the book to 600 people."), not inside a number
_JOINS_RE = re.compile(r"(?<!\s)\s++(?:and|&|as\s++well\s++as|plus)\s+|(?<=[^\d\s][.;,])\s++", re.I)
_METRIC_JOIN_RE = re.compile(r"(?<!\s)\s++(?:and|&)\s+")
_RANGE_RE = re.compile(r"\bbetween\s+\S+$", re.I)
# What any quantity needs (a digit, a currency sign, a number word, a multiple, a placeholder):
# a side without one is not read at all.
_QUANTITY_HINT_RE = re.compile(
    r"[\d$€£¥%]|(?<![\w])(?:[NXYZ](?![a-z])|(?i:zero|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen"
    r"|twenty|fifty|doubl|tripl|quadrupl|halv))"
)
# The joins tried as a split into two measured parts: each try reads both sides.
MAX_SPLITS = 12
# pairs that name one thing ("research and development spend"), not two metrics
_ONE_THING = frozenset({
    "research development", "sales marketing", "profit loss", "mergers acquisitions", "terms conditions",
    "diversity inclusion", "learning development", "health safety", "trust safety", "operations maintenance",
})


class MultipleMetrics(Rule):
    code = "GL209"
    name = "multiple-metrics"
    summary = "One key result that measures two things ('Increase revenue by 20% and NPS by 10 points')."
    scope = "key_result"
    why = (
        "A key result with two metrics is half met when one moves and the other does not, and "
        "nobody can score it. Each metric deserves its own key result."
    )
    bad = "Objective: Grow the business\n  KR: Increase revenue by 20% and NPS by 10 points"
    good = (
        "Objective: Grow the business\n  KR: Increase revenue by 20%\n"
        "  KR: Raise NPS from 30 to 40 points"
    )

    def check(self, node: KeyResult, context: Context) -> Iterator[Finding]:
        statements = _second_measure(node.text)
        metrics = None if statements else _two_metrics(node)
        if statements:
            first, second = (_short(part) for part in statements)
            hint = f"Split it into two key results: '{first}' and '{second}'."
        elif metrics:
            first, second = metrics
            hint = f"Split it into one key result for {first} and one for {second}, each with its own number."
        else:
            return
        yield context.finding(
            node.span,
            f"This key result measures two things ('{first}' and '{second}'); it cannot be scored "
            "when one moves and the other does not.",
            hint,
        )


def _short(part: str) -> str:
    """A part quoted in a message, cut to a readable length."""
    return part if len(part) <= 80 else part[:79].rstrip() + "…"


@lru_cache(maxsize=4096)  # plans repeat statements: each is split once
def _second_measure(text: str) -> tuple[str, str] | None:
    """The two parts of "Grow signups to 500 and cut churn to 2%", each with its own number.

    Only joins with a possible quantity on both sides are tried, and at most `MAX_SPLITS` of
    them: reading every prefix and suffix at each "and" was quadratic in the statement."""
    hints = [hint.start() for hint in _QUANTITY_HINT_RE.finditer(text)]
    if not hints:
        return None
    tried = 0
    for join in _JOINS_RE.finditer(text):
        if join.start() <= hints[0]:
            continue
        if join.end() > hints[-1]:
            break
        if _RANGE_RE.search(text[max(0, join.start() - 80) : join.start()].strip()):
            continue  # "between 100 and 200 ms" is one range
        if text.count("(", 0, join.start()) > text.count(")", 0, join.start()):
            continue  # "(with 1 command, for 1 user)": one aside, not two parts
        tried += 1
        if tried > MAX_SPLITS:
            break
        before, after = text[: join.start()].strip(), text[join.end() :].strip()
        if _measured(before) and _measured(after):
            return before, after
    return None


def _read_part(text: str) -> Reading:
    """A part read without the reader's cache: a statement's prefixes and suffixes are not worth
    keeping in a long-running server (the whole statement is read, and cached, by the parser).
    The grammar is imported here, not with the rules: a cache hit loads the rules, never Lark."""
    from goallint.syntax.statement import read_statement

    reading: Reading = read_statement.__wrapped__(text)
    return reading


def _measured(text: str) -> bool:
    """A part with a number and a metric of its own: "schedule at least one" after "Offer 6
    companies a workshop" counts among the six, it measures nothing new."""
    reading = _read_part(text)
    return bool(reading.metric) and bool(reading.baseline or reading.target or reading.change)


def _two_metrics(node: KeyResult) -> tuple[str, str] | None:
    """The two metrics of "Increase signups and revenue by 20%", where one change serves both."""
    measure = node.measure
    metric = measure.metric
    if not metric or measure.direction not in ("increase", "decrease") or not (measure.change or measure.target):
        return None
    parts = [part.strip() for part in _METRIC_JOIN_RE.split(metric)]
    if len(parts) != 2 or not all(parts):
        return None
    first, second = parts
    if " ".join(w.lower() for w in (first.split()[-1], second.split()[0])) in _ONE_THING:
        return None
    if re.search(r"\b(?:to|of|for|in|per|with|by|from|between)\b", first, re.I) or re.search(r"\d", metric):
        return None  # "time to detect and resolve incidents": one metric with two verbs
    return first, second


RULES: list[type[Rule]] = [
    KrNotMeasurable, MissingBaseline, DeadlineOutsidePeriod, DirectionContradiction, NoChange,
    UnitMismatch, PercentOfPercent, MultipleMetrics,
]
