"""Rules about a plan's period: a plan with none (missing-deadline), and rules across periods,
one owner's plans, in order, compared with each other.

A plan's owner is its `owner:` line or, without one, the folder it is in. Plans without a
period cannot be placed in time and are left out of the rules across periods.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import pairwise
from pathlib import PurePath

from pydantic import Field

from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import KPI, Document, Finding, KeyResult, Quantity, Span
from goallint.syntax.dates import parse_period

# (not the day of a period named by its dates, "23.11.2020-28.02.2021")
_PERIOD_YEAR_RE = re.compile(r"^(?:FY|CY)?(?P<year>\d{4}|\d{2})(?![.\d])", re.I)


def owner_of(document: Document) -> str | None:
    """Whose plan this is, for comparing plans across periods: its `owner:` line or, without one,
    its folder; None for a plan with no period, which cannot be placed in time."""
    if document.period is None:
        return None
    if document.owner is not None:
        return "owner:" + " ".join(document.owner.text.casefold().split())
    return "folder:" + (str(PurePath(document.path).parent) if document.path else "")


def plans_by_owner(documents: Sequence[Document]) -> list[list[Document]]:
    """Each owner's dated plans, ordered by when their period starts."""
    owners: dict[str, list[Document]] = defaultdict(list)
    for document in documents:
        if (key := owner_of(document)) is not None:
            owners[key].append(document)
    return [sorted(plans, key=_when) for plans in owners.values()]


def _when(document: Document) -> tuple[str, str]:
    return (document.period.start, document.period.end) if document.period else ("", "")


def every_kpi(document: Document) -> list[KPI]:
    """The plan's KPIs and its objectives' KPIs, in document order."""
    found = document.kpis + [kpi for objective in document.objectives for kpi in objective.kpis]
    return sorted(found, key=lambda kpi: kpi.span.start.offset)


def kpi_key(kpi: KPI) -> str:
    """A KPI's name as compared across periods: no case, punctuation or target in it."""
    name = kpi.name
    target = kpi.measure.target
    if target is not None and target.text in name:
        name = name.replace(target.text, " ")
    return " ".join(re.sub(r"[^\w%]+", " ", name.casefold()).split())


def fiscal_year(document: Document) -> int | None:
    """The year a plan's period is named after: 2026 for 2026-Q3, 2027 for FY27 Q1."""
    match = _PERIOD_YEAR_RE.match(document.period.label) if document.period else None
    if match is None:
        return None
    year = int(match["year"])
    return year if year >= 100 else 2000 + year


class OwnersPlansRule(Rule):
    """A rule that compares each owner's plans across periods, and no others."""

    scope = "documents"

    @classmethod
    def partition(cls, document: Document) -> str | None:
        return owner_of(document)


class KpiChurnOptions(RuleOptions):
    max_share: float = Field(
        0.5, ge=0, le=1, description="largest share of a plan's KPIs that may be replaced in the next period"
    )


class KpiChurn(OwnersPlansRule):
    code = "GL501"
    name = "kpi-churn"
    summary = "A KPI dropped from one period to the next, or most KPIs replaced at once."
    Options = KpiChurnOptions
    why = (
        "KPIs show health over time: their value is the trend. A KPI that disappears after one "
        "quarter leaves a gap in the history, and a set that is replaced every quarter never shows one."
    )
    bad = (
        "owner: Support team\nperiod: 2026-Q2\nKPI: First response time\nKPI: CSAT\nKPI: Ticket backlog\n"
        "---\n"
        "owner: Support team\nperiod: 2026-Q3\nKPI: First response time\nKPI: CSAT"
    )
    good = (
        "owner: Support team\nperiod: 2026-Q2\nKPI: First response time\nKPI: CSAT\n"
        "---\n"
        "owner: Support team\nperiod: 2026-Q3\nKPI: First response time\nKPI: CSAT\nKPI: Ticket backlog"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        options: KpiChurnOptions = context.options
        for plans in plans_by_owner(node):
            for earlier, later in pairwise(plans):
                yield from self._compare(earlier, later, options, context.about(later))

    def _compare(
        self, earlier: Document, later: Document, options: KpiChurnOptions, context: Context
    ) -> Iterator[Finding]:
        before = {kpi_key(kpi): kpi for kpi in every_kpi(earlier)}
        now = {kpi_key(kpi) for kpi in every_kpi(later)}
        dropped = [kpi.name for key, kpi in before.items() if key not in now]
        if not dropped or earlier.period is None or later.period is None:
            return
        was, where = earlier.period.label, later.period.span
        if len(dropped) / len(before) > options.max_share:
            yield context.finding(
                where,
                f"{len(dropped)} of the {len(before)} KPIs tracked in {was} are gone from this plan "
                f"({_names(dropped)}), so none of their trends carry on.",
                "Keep the KPIs that show the health of the business from period to period; change "
                "their targets, not the metrics.",
            )
            return
        for name in dropped:
            yield context.finding(
                where,
                f"The KPI '{name}' was tracked in {was} but is not in this plan.",
                f"Keep tracking '{name}' so its trend stays unbroken, or say in the plan why it was retired.",
            )


def _names(names: list[str]) -> str:
    shown = ", ".join(f"'{name}'" for name in names[:3])
    return shown + (f" and {len(names) - 3} more" if len(names) > 3 else "")


class AnnualTargetChanged(OwnersPlansRule):
    code = "GL502"
    name = "annual-target-changed"
    summary = "A KPI's annual target that changes between plans of the same fiscal year."
    why = (
        "An annual target is the yardstick for the whole year. Moved mid-year, it makes the "
        "year's progress look better or worse than it is, and earlier reports no longer add up."
    )
    bad = (
        "owner: Sales\nperiod: 2026-Q1\nKPI: Revenue\n  annual target: $12M\n"
        "---\n"
        "owner: Sales\nperiod: 2026-Q2\nKPI: Revenue\n  annual target: $10M"
    )
    good = (
        "owner: Sales\nperiod: 2026-Q1\nKPI: Revenue\n  annual target: $12M\n"
        "---\n"
        "owner: Sales\nperiod: 2026-Q2\nKPI: Revenue\n  annual target: $12M"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        for plans in plans_by_owner(node):
            # the last annual target of each KPI in each fiscal year, and the period it was written in
            last: dict[tuple[int, str], tuple[Quantity, str]] = {}
            for plan in plans:
                year = fiscal_year(plan)
                if year is None:
                    continue
                label = plan.period.label if plan.period else ""
                for kpi in every_kpi(plan):
                    target = kpi.annual_target
                    if target is None or target.value is None:
                        continue
                    key = (year, kpi_key(kpi))
                    before = last.get(key)
                    last[key] = (target, label)
                    if before is None or (before[0].value, before[0].unit) == (target.value, target.unit):
                        continue
                    old, was = before
                    yield context.about(plan).finding(
                        target.span,
                        f"The annual target of '{kpi.name}' was {old.text} in {was} and is {target.text} "
                        "here, within the same year.",
                        f"Keep the annual target at {old.text} and report progress against it; if it "
                        "really changed, note when and why beside it.",
                    )


class MissingDeadline(Rule):
    code = "GL203"
    name = "missing-deadline"
    summary = "A plan with no period whose key results have no deadline: said once, on the plan."
    scope = "document"
    why = (
        "A result with no date can always be 'nearly done'. One period at the top of the plan "
        "dates every key result at once; a key result due earlier says so ('by May 15')."
    )
    bad = "Objective: Launch in Europe\n  KR: Sign 20 paying customers in Germany"
    good = "period: 2026-Q3\n\nObjective: Launch in Europe\n  KR: Sign 20 paying customers in Germany"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        if node.period is not None:
            return  # a key result without a date is due when the period ends
        results = [kr for objective in node.objectives for kr in objective.key_results]
        undated = [kr for kr in results if kr.deadline is None]
        if not undated:
            return
        if len(undated) < len(results) - len(undated):
            # most key results carry their own date: the few without one are the ones to fix
            for kr in undated:
                yield context.finding(
                    kr.span,
                    "This key result has no deadline, unlike most in this plan, and the plan has no period.",
                    "Give it a date as the others have ('by end of Q3', 'by May 15'), or say the "
                    "plan's period at the top.",
                )
            return
        inferred = infer_period(node, results)
        count = (f"none of its {len(results)} key results has a deadline" if len(undated) == len(results) > 1
                 else "its key result has no deadline" if len(results) == 1
                 else f"{len(undated)} of its {len(results)} key results have no deadline")
        top = "page (front matter 'period:', or the title)" if node.format == "md" else "plan"
        if inferred is not None:
            label, where = inferred
            hint = (f"Add 'period: {label}' at the top of the {top}: goallint read {label} {where}. "
                    "A key result due earlier can say so ('by May 15').")
        else:
            hint = (f"Add the period at the top of the {top}, such as 'period: {_this_quarter()}' for this "
                    "quarter (or 'FY27 Q1', '2026 H2', '2026'), or a date to each key result ('by end of Q3').")
        yield context.finding(_plan_span(node, results), f"This plan has no period, so {count}.", hint)


# A period in a title or a file name: "2015 Q2", "FY22-Q3", "Q3 2019", "cy19_q4", "2025".
_PERIOD_WORDS_RE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:FY|CY)[ '_-]?\d{2}(?:\d{2})?(?:[ _-]?[QH][1-4])?|(?:19|20)\d{2}(?:[ _-]?[QH][1-4])?"
    r"|[QH][1-4][ _-]?(?:(?:FY|CY)[ '_-]?)?(?:19|20)?\d{2})(?![A-Za-z0-9])",
    re.I,
)


def infer_period(document: Document, results: Sequence[KeyResult]) -> tuple[str, str] | None:
    """The period a plan without one seems to be for, and where that was read: its title, its
    file name, or the one quarter (or year) all its dated key results fall in."""
    places = []
    if document.title is not None:
        places.append((document.title.text, "in the title"))
    if document.path:
        places.append((PurePath(document.path).stem, "in the file name"))
    for text, where in places:
        for match in _PERIOD_WORDS_RE.finditer(text[:1000]):
            period = parse_period(match[0].replace("_", " "))
            if period is not None:
                return period.label, where
    dates = sorted(kr.deadline.date for kr in results if kr.deadline is not None and kr.deadline.date)
    if dates:
        first, last = dates[0], dates[-1]
        if _quarter_of(first) == _quarter_of(last):
            return _quarter_of(first), "in the key results' deadlines"
        if first[:4] == last[:4]:
            return first[:4], "in the key results' deadlines"
    return None


def _quarter_of(day: str) -> str:
    """ "2026-08-31" -> "2026-Q3" """
    return f"{day[:4]}-Q{(int(day[5:7]) - 1) // 3 + 1}"


def _this_quarter() -> str:
    from goallint import clock

    today = clock.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"


def _plan_span(document: Document, results: Sequence[KeyResult]) -> Span:
    """Where a finding about the whole plan goes: its title, else its first objective."""
    if document.title is not None:
        return document.title.span
    if document.objectives:
        return document.objectives[0].span
    return results[0].span


class FiscalYearAssumedOptions(RuleOptions):
    assumed_start: int | None = Field(
        None, ge=1, le=12,
        description="set by goallint, not by you: the month FY periods were read with when no "
                    "fiscal-year-start is configured (None when one is, and the rule says nothing)",
    )


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


class FiscalYearAssumed(Rule):
    code = "GL210"
    name = "fiscal-year-assumed"
    summary = "FY periods read with a fiscal-year start nobody configured: said once, on the first such plan."
    scope = "documents"
    severity = "info"
    Options = FiscalYearAssumedOptions
    why = (
        "'FY27 Q1' is April to June 2026 for a company whose year starts in April, and January to "
        "March 2027 for one whose year starts in January. Every deadline in the plan follows from it."
    )
    bad = "period: FY27 Q1\n\nObjective: Grow\n  KR: Raise NPS from 30 to 45"
    good = "period: 2027-Q1\n\nObjective: Grow\n  KR: Raise NPS from 30 to 45"

    @classmethod
    def partition(cls, document: Document) -> str | None:
        return "FY" if document.period is not None and document.period.label.upper().startswith("FY") else None

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        options: FiscalYearAssumedOptions = context.options
        if options.assumed_start is None:
            return
        # a plan whose page says when its year runs ("fiscal year 2022 runs from 2021-02-01") was
        # not read with the assumed start: only plans read with it are meant
        plans = [plan for plan in node if self.partition(plan) is not None and _read_with(plan, options.assumed_start)]
        if not plans:
            return
        first = min(plans, key=lambda plan: plan.path or "")
        assert first.period is not None
        month = _MONTH_NAMES[options.assumed_start - 1]
        others = len(plans) - 1
        also = f" (and in {others} more plan{'s' if others != 1 else ''})" if others else ""
        yield context.about(first).finding(
            first.period.span,
            f"{first.period.label} is read as {first.period.start} to {first.period.end}{also}: no fiscal-year "
            f"start is configured, so goallint assumed your fiscal year starts in {month}.",
            "If it starts in another month, say which in goallint.toml: 'fiscal-year-start = 4' for April "
            "(or --fiscal-year-start 4). Setting it, even to 1, also silences this note.",
        )


def _read_with(plan: Document, fy_start_month: int) -> bool:
    """Whether the plan's period is what its label means with the fiscal year starting in that month."""
    assert plan.period is not None
    assumed = parse_period(plan.period.label, fy_start_month)
    return assumed is not None and (assumed.start.isoformat(), assumed.end.isoformat()) == (
        plan.period.start, plan.period.end)


RULES: list[type[Rule]] = [MissingDeadline, FiscalYearAssumed, KpiChurn, AnnualTargetChanged]
