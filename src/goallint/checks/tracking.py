"""Rules for tracking: the ways check-ins die or stop telling the truth (docs/progress.md).

They judge with the same functions as `goallint status` (goallint.progress), as of the run's
date (`goallint.clock.today()`, which `--as-of` sets), so a run with `--as-of` is the same on any
machine and any day. A plan that keeps no check-ins at all is left alone: these rules are about
tracking that was started.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from pydantic import Field

from goallint import clock
from goallint.checks.measure import with_unit
from goallint.checks.units import describe, written_unit
from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import KPI, Cadence, Checkin, Document, Finding, KeyResult, Objective
from goallint.progress.formulas import pace_ratio

# goallint.progress.evaluate is imported inside the checks: it uses goallint.checks.units, and
# importing it here would import this package from itself.


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _period(document: Document) -> tuple[date, date] | None:
    period = document.period
    if period is None:
        return None
    start, end = _day(period.start), _day(period.end)
    return (start, end) if start and end else None


def _items(document: Document) -> Iterator[KeyResult | KPI]:
    for objective in document.objectives:
        yield from objective.key_results
        yield from objective.kpis
    yield from document.kpis


def _tracked(document: Document) -> bool:
    return any(item.checkins for item in _items(document))


def _name(item: KeyResult | KPI) -> str:
    text = item.name if isinstance(item, KPI) else item.text
    short = text if len(text) <= 60 else text[:57].rstrip() + "…"
    return f"{item.label + ' ' if item.label else ''}'{short}'"


class _DatedRule(Rule):
    """A rule whose findings depend on the as-of date: the result cache keys on it."""

    @property
    def cache_key(self) -> str:
        return clock.today().isoformat()


class StaleCheckinOptions(RuleOptions):
    cadence: Cadence = Field("weekly", description="how often a key result without a cadence of its own is checked in")
    grace_days: int = Field(7, ge=0, description="days past the cadence before a missing check-in is reported")


class StaleCheckin(_DatedRule):
    code = "GL801"
    name = "stale-checkin"
    summary = "A key result or KPI with no check-in for longer than its cadence allows."
    scope = "document"
    Options = StaleCheckinOptions
    why = (
        "Tracking dies quietly: one missed week becomes a quarter nobody looked at. A key result "
        "that has not been checked in for longer than its cadence (plus a few days' grace) is one "
        "nobody is watching. Judged as of today, or the --as-of date; after the period, as of its last day."
    )
    bad = (
        "period: 2025-Q3\n\nObjective: Make signing up effortless\n"
        "  KR: Increase weekly signups from 1,200 to 2,000\n    2025-07-07: 1,250\n    2025-07-14: 1,310\n"
    )
    good = (
        "period: 2025-Q3\n\nObjective: Make signing up effortless\n"
        "  KR: Increase weekly signups from 1,200 to 2,000\n    2025-07-07: 1,250\n    2025-08-04: 1,480\n"
        "    2025-09-01: 1,790\n    2025-09-29: 2,050\n"
    )

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        from goallint.progress.evaluate import Settings, cadence_days, evaluate_item

        options: StaleCheckinOptions = context.options
        period = _period(node)
        if period is None or not _tracked(node):
            return
        start, end = period
        as_of = min(clock.today(), end)
        settings = Settings(cadence=options.cadence, grace_days=options.grace_days)
        for item in _items(node):
            result = evaluate_item(item, start, end, as_of, settings)
            if result.status == "done" or any(c.kind == "grade" for c in item.checkins):
                continue
            last = _day(result.last_date)
            since = last or start
            due = since + timedelta(days=cadence_days(item, settings) + options.grace_days)
            if since > as_of or due >= as_of:
                continue
            every = cadence_days(item, settings)
            when = f"since {last.isoformat()}" if last else "since the period began"
            yield context.finding(
                item.span,
                f"{_name(item)} has had no check-in {when} ({(as_of - since).days} days; it is checked in "
                f"every {every} day{'s' if every != 1 else ''}, with {options.grace_days} days' grace).",
                f"Add today's value under it, for example '{as_of.isoformat()}: <value> (confidence 0.7) what "
                "changed'; if nobody tracks it any more, say so in a note or take it out of the plan.",
            )


class CheckinOutsidePeriod(_DatedRule):
    code = "GL802"
    name = "checkin-outside-period"
    summary = "A check-in dated outside the plan's period, or in the future."
    scope = "document"
    why = (
        "A check-in dated before the period started or after it ended belongs to another plan, and "
        "one dated in the future is a typo or a guess: either way it changes the progress people see."
    )
    bad = ("period: 2025-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
           "    2025-10-14: 1,650\n")
    good = ("period: 2025-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
            "    2025-09-14: 1,650\n")

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        period = _period(node)
        today = clock.today()
        for item in _items(node):
            for checkin in item.checkins:
                day = _day(checkin.date)
                if day is None or checkin.kind != "check-in":
                    continue
                if day > today:
                    yield context.finding(
                        checkin.span,
                        f"This check-in of {_name(item)} is dated {day.isoformat()}, after today "
                        f"({today.isoformat()}); it is left out of progress until then.",
                        "Write the day the value was read (YYYY-MM-DD); a forecast belongs in a note or a "
                        "'projection: 0.7' line.",
                    )
                elif period is not None and not period[0] <= day <= period[1]:
                    label = node.period.label if node.period else "the period"
                    yield context.finding(
                        checkin.span,
                        f"This check-in of {_name(item)} is dated {day.isoformat()}, outside {label} "
                        f"({period[0].isoformat()} to {period[1].isoformat()}).",
                        "Fix the date, or move the check-in to the plan of the period it belongs to.",
                    )


class CheckinUnitMismatch(Rule):
    code = "GL803"
    name = "checkin-unit-mismatch"
    summary = "A check-in whose value is not in the key result's unit."
    scope = "document"
    why = (
        "A key result about minutes checked in as a percentage, or about dollars as a count, cannot "
        "be compared with its target: goallint leaves the value out of progress."
    )
    bad = ("period: 2025-Q3\n\nObjective: Faster builds\n  KR: Reduce build time from 20 min to 10 min\n"
           "    2025-08-01: 35%\n")
    good = ("period: 2025-Q3\n\nObjective: Faster builds\n  KR: Reduce build time from 20 min to 10 min\n"
            "    2025-08-01: 15 min\n")

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        from goallint.progress.evaluate import value_fits

        for item in _items(node):
            target = item.measure.target or item.measure.baseline
            for checkin in item.checkins:
                if checkin.value is None or target is None or value_fits(item, checkin):
                    continue
                mine, theirs = written_unit(checkin.value), written_unit(target)
                yield context.finding(
                    checkin.value.span,
                    f"This check-in of {_name(item)} is in {describe(mine)}, but the key result is measured in "
                    f"{describe(theirs)}; it is left out of progress.",
                    f"Write the value in {describe(theirs)}, as in the key result ('{with_unit(target)}').",
                )


class StatusContradictsPace(Rule):
    code = "GL804"
    name = "status-contradicts-pace"
    summary = "A written status or confidence that the check-in's own numbers contradict."
    scope = "document"
    why = (
        "'On track' beside a number that is far behind pace (or 'off track' beside one well ahead) "
        "tells readers the opposite of the plan's own numbers. goallint compares what is written with "
        "the progress at the check-in's date, against the pace expected by that date."
    )
    bad = (
        "period: 2025-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
        "    2025-08-15: 1,250 (on track)\n"
    )
    good = (
        "period: 2025-Q3\n\nObjective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
        "    2025-08-15: 1,250 (off track) the new signup flow slipped to September\n"
    )

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        from goallint.progress.evaluate import evaluate_item

        period = _period(node)
        if period is None:
            return
        start, end = period
        for item in _items(node):
            for checkin in item.checkins:
                day = _day(checkin.date)
                if day is None or checkin.kind != "check-in" or (checkin.status is None and checkin.confidence is None):
                    continue
                at = evaluate_item(item, start, end, day)  # as the writer saw it, that day
                if at.progress is None or at.expected is None or at.status not in ("on-track", "at-risk", "off-track"):
                    continue
                ratio = pace_ratio(at.progress, at.expected)
                numbers = f"{at.progress:.0%} done where {at.expected:.0%} was expected by {day.isoformat()}"
                if checkin.status == "on-track" and at.status == "off-track":
                    said = "'on track'"
                elif checkin.status == "off-track" and at.status == "on-track" and (ratio or 0) >= 1.0:
                    said = "'off track'"
                elif checkin.status is None and checkin.confidence is not None and (
                    (checkin.confidence >= 0.8 and at.status == "off-track")
                    or (checkin.confidence <= 0.3 and (ratio or 0) >= 1.0)
                ):
                    said = f"confidence {checkin.confidence:.0%}"
                else:
                    continue
                yield context.finding(
                    checkin.span,
                    f"This check-in of {_name(item)} says {said}, but its numbers say {at.status.replace('-', ' ')} "
                    f"({numbers}).",
                    "Write the status the numbers show, or add a note saying why they will catch up (or fall back).",
                )


def _has_note(objective: Objective) -> bool:
    grades: list[Checkin] = list(objective.checkins)
    for kr in objective.key_results:
        grades += [c for c in kr.checkins if c.kind == "grade"]
    return any(c.note for c in grades)


def _final_grade(objective: Objective, document: Document) -> float | None:
    """The objective's grade as `goallint status` shows it: from its key results' grades (written,
    or worked out once the period is over), else its own written grade; None before that."""
    from goallint.progress.evaluate import evaluate_objective, is_tracked

    if not is_tracked(objective):
        return None
    period = _period(document)
    start, end = period if period else (None, None)
    return evaluate_objective(objective, start, end, clock.today()).grade


class CommittedGradedShort(_DatedRule):
    code = "GL805"
    name = "committed-graded-short"
    summary = "A committed objective graded below 1.0 with no note on what happened."
    scope = "objective"
    why = (
        "A committed objective is a promise to deliver all of it (Google grades them to reach 1.0). "
        "Falling short of one is worth a sentence: what got in the way, and what changes next time."
    )
    bad = "period: 2025-Q3\n\nObjective: Ship SSO [committed]\n  KR: Launch single sign-on for Google => 0.6\n"
    good = ("period: 2025-Q3\n\nObjective: Ship SSO [committed]\n"
            "  KR: Launch single sign-on for Google => 0.6 security review took five weeks; we start it "
            "in week 1 next time\n")

    def check(self, node: Objective, context: Context) -> Iterator[Finding]:
        if node.commitment != "committed" or context.document is None or _has_note(node):
            return
        grade = _final_grade(node, context.document)
        if grade is None or grade >= 1.0:
            return
        yield context.finding(
            node.span,
            f"This committed objective is graded {grade:.2f}, short of the 1.0 it promised, and nothing says why.",
            "Add a note after its grade ('=> 0.6 security review took five weeks') saying what happened and "
            "what changes next time.",
        )


class AspirationalGradedHigh(_DatedRule):
    code = "GL806"
    name = "aspirational-graded-high"
    summary = "An aspirational objective graded 0.9 or more: it was not a stretch."
    scope = "objective"
    severity = "info"
    why = (
        "An aspirational objective is meant to be out of reach: Google calls 0.7 a success. "
        "Reaching 0.9 or more says the bar was set too low; set it higher next time."
    )
    bad = "period: 2025-Q3\n\nObjective: Grow the community [aspirational]\n  KR: Reach 5,000 forum members => 0.95\n"
    good = "period: 2025-Q3\n\nObjective: Grow the community [aspirational]\n  KR: Reach 5,000 forum members => 0.7\n"

    def check(self, node: Objective, context: Context) -> Iterator[Finding]:
        if node.commitment != "aspirational" or context.document is None:
            return
        grade = _final_grade(node, context.document)
        if grade is None or grade < 0.9:
            return
        yield context.finding(
            node.span,
            f"This aspirational objective is graded {grade:.2f}: it was within reach, not a stretch.",
            "Aim higher next period (Google's guide: a stretch lands around 0.7), or mark it [committed].",
        )


RULES: list[type[Rule]] = [
    StaleCheckin, CheckinOutsidePeriod, CheckinUnitMismatch, StatusContradictsPace, CommittedGradedShort,
    AspirationalGradedHigh,
]
