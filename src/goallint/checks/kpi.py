"""Rules about a KPI's anatomy: a target to compare against, a source of truth, a reporting
cadence fast enough to act on."""

from __future__ import annotations

from collections.abc import Iterator
from typing import get_args

from pydantic import Field

from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import KPI, Cadence, Document, Finding, KeyResult

CADENCES: tuple[Cadence, ...] = get_args(Cadence)  # fastest first


class KpiMissingTarget(Rule):
    code = "GL401"
    name = "kpi-missing-target"
    summary = "A KPI (or a key result marked [KPI]) with no target level."
    scope = "document"
    why = (
        "A KPI without a target is a number nobody can call good or bad: when it moves, nobody "
        "knows whether to act."
    )
    bad = "KPI: Uptime\n  source: Pingdom\n  cadence: weekly"
    good = "KPI: Uptime\n  target: ≥ 99.9%\n  source: Pingdom\n  cadence: weekly"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        for item in _kpis_and_marked_key_results(node):
            if item.measure.target is not None or item.measure.change is not None:
                continue
            if isinstance(item, KPI):
                yield context.finding(
                    item.span,
                    f"The KPI '{item.name}' has no target, so nobody can tell whether its value is healthy.",
                    "Add the level it should stay at, on a line below it ('target: ≥ 99.9%') or after "
                    "the name ('KPI: Uptime – target ≥ 99.9%').",
                )
            else:
                yield context.finding(
                    item.span,
                    "This key result is marked as a KPI but has no target level to watch it against.",
                    "Add the level it should reach or stay at, for example 'Keep monthly churn under 2% [KPI]'.",
                )


def _kpis_and_marked_key_results(document: Document) -> Iterator[KPI | KeyResult]:
    found: list[KPI | KeyResult] = list(document.kpis)
    for objective in document.objectives:
        found += [kr for kr in objective.key_results if kr.is_kpi]
        found += objective.kpis
    yield from sorted(found, key=lambda item: item.span.start.offset)


class KpiMissingSource(Rule):
    code = "GL402"
    name = "kpi-missing-source"
    summary = "A KPI that does not say where its number comes from."
    scope = "kpi"
    why = (
        "Without a source of truth, two people report two different numbers for the same KPI, "
        "and the review is spent arguing about data instead of acting on it."
    )
    bad = "KPI: Customer satisfaction – target ≥ 90%, monthly"
    good = "KPI: Customer satisfaction – target ≥ 90%, monthly, source: NPS survey"

    def check(self, node: KPI, context: Context) -> Iterator[Finding]:
        if node.source is None:
            yield context.finding(
                node.span,
                f"The KPI '{node.name}' does not say where its number comes from.",
                "Name the system or report it is read from, for example 'source: Salesforce pipeline report'.",
            )


class KpiMissingCadence(Rule):
    code = "GL403"
    name = "kpi-missing-cadence"
    summary = "A KPI that does not say how often it is reported."
    scope = "kpi"
    why = "A KPI nobody looks at on a schedule is noticed only after it has gone wrong."
    bad = "KPI: Customer satisfaction – target ≥ 90%, source: NPS survey"
    good = "KPI: Customer satisfaction – target ≥ 90%, monthly, source: NPS survey"

    def check(self, node: KPI, context: Context) -> Iterator[Finding]:
        if node.cadence is None:
            yield context.finding(
                node.span,
                f"The KPI '{node.name}' does not say how often it is reported.",
                "Add how often it is checked, for example 'cadence: weekly'.",
            )


class KpiCadenceTooSlowOptions(RuleOptions):
    slowest: Cadence = Field("monthly", description="the slowest reporting cadence allowed for a KPI")


class KpiCadenceTooSlow(Rule):
    code = "GL404"
    name = "kpi-cadence-too-slow"
    summary = "A KPI reported less often than monthly."
    scope = "kpi"
    Options = KpiCadenceTooSlowOptions
    why = (
        "A KPI is an early warning. Reported once a quarter, it tells you about a problem when "
        "the quarter is already lost."
    )
    bad = "KPI: Customer satisfaction – target ≥ 90%, quarterly, source: NPS survey"
    good = "KPI: Customer satisfaction – target ≥ 90%, monthly, source: NPS survey"

    def check(self, node: KPI, context: Context) -> Iterator[Finding]:
        options: KpiCadenceTooSlowOptions = context.options
        cadence = node.cadence
        if cadence is None or cadence.every is None:
            return
        if CADENCES.index(cadence.every) > CADENCES.index(options.slowest):
            yield context.finding(
                cadence.span,
                f"The KPI '{node.name}' is reported {cadence.every}; by the time it shows a problem, "
                "it is too late to act on it.",
                f"Report it {options.slowest} or more often, or track a faster leading indicator beside it.",
            )


RULES: list[type[Rule]] = [KpiMissingTarget, KpiMissingSource, KpiMissingCadence, KpiCadenceTooSlow]
