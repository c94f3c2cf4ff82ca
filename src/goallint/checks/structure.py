"""Rules about the shape of a plan: what could not be read, and how many of each thing."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import Document, Finding, Objective


class SyntaxRule(Rule):
    code = "GL001"
    name = "syntax"
    summary = "A line goallint could not place in the plan."
    scope = "document"
    severity = "error"
    why = "A line that is not read is not checked: a key result there is invisible to every rule."
    bad = "Objective: Delight customers\n  KR: Lift NPS to 50\nLift CSAT to 90%"
    good = "Objective: Delight customers\n  KR: Lift NPS to 50\n  KR: Lift CSAT to 90%"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        for problem in node.syntax_errors:
            yield context.finding(problem.span, problem.message, problem.hint)


class KrCountOptions(RuleOptions):
    min: int = Field(3, ge=0, description="fewest key results an objective should have")
    max: int = Field(5, ge=1, description="most key results an objective should have")


class KrCount(Rule):
    code = "GL101"
    name = "kr-count"
    summary = "An objective with fewer than 3 or more than 5 key results."
    scope = "objective"
    Options = KrCountOptions
    why = (
        "Fewer than three key results rarely show whether the objective was met; more than five "
        "spread the team's attention thin."
    )
    bad = "Objective: Delight customers\n  KR: Lift NPS from 30 to 45"
    good = (
        "Objective: Delight customers\n  KR: Lift NPS from 30 to 45\n"
        "  KR: Cut first response time from 9 h to 2 h\n  KR: Raise CSAT from 82% to 90%"
    )

    def check(self, node: Objective, context: Context) -> Iterator[Finding]:
        options: KrCountOptions = context.options
        count = len(node.key_results)
        if count < options.min:
            yield context.finding(
                node.span,
                f"This objective has {count} key result{'s' if count != 1 else ''}; aim for "
                f"{options.min} to {options.max}.",
                "Add the measurable results that would show this objective is met, "
                "for example 'Raise CSAT from 82% to 90% by end of Q3'.",
            )
        elif count > options.max:
            yield context.finding(
                node.span,
                f"This objective has {count} key results; more than {options.max} spreads the team thin.",
                "Keep the few that matter most, or split the objective in two.",
            )


class ObjectiveCountOptions(RuleOptions):
    max: int = Field(5, ge=1, description="most objectives one plan should have")


class ObjectiveCount(Rule):
    code = "GL102"
    name = "objective-count"
    summary = "A plan (one owner, one period) with more than 5 objectives."
    scope = "document"
    Options = ObjectiveCountOptions
    why = (
        "OKRs are for focus: a team with many objectives has no priorities. Objectives are counted "
        "per owner. A Markdown page without an `owner:` line is not counted: handbook pages often "
        "list several teams' or quarters' plans, which goallint cannot yet tell apart (on real pages "
        "a whole-page count was wrong five times in seven)."
    )
    bad = "Objective: A\nObjective: B\nObjective: C\nObjective: D\nObjective: E\nObjective: F"
    good = "Objective: A\nObjective: B\nObjective: C"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        options: ObjectiveCountOptions = context.options
        if node.format == "md" and node.owner is None:
            # A handbook page without an owner often lists several plans (a section a quarter,
            # a team or a working group), which the reader does not tell apart: on real pages a
            # count over the whole page was wrong five times in seven.
            return
        plans: dict[str | None, list[Objective]] = {}
        for objective in node.objectives:
            owner = objective.owner or node.owner
            plans.setdefault(owner.text if owner is not None else None, []).append(objective)
        for objectives in plans.values():
            if len(objectives) > options.max:
                yield context.finding(
                    objectives[options.max].line_span,
                    f"This plan has {len(objectives)} objectives; more than {options.max} means "
                    "nothing is a priority.",
                    "Choose the objectives that matter most this period and move the rest to a backlog.",
                )


class KpiCountOptions(RuleOptions):
    per_objective: int = Field(2, ge=0, description="most KPIs on one objective")
    per_plan: int = Field(7, ge=0, description="most KPIs in one plan")
    scorecard: int | None = Field(None, ge=1, description="a scorecard limit (for example 25), off by default")


class KpiCount(Rule):
    code = "GL103"
    name = "kpi-count"
    summary = "More than 2 KPIs on one objective, or more than 7 in one plan."
    scope = "document"
    Options = KpiCountOptions
    why = "A handful of health metrics get watched; a long list gets ignored."
    bad = "KPI: A\nKPI: B\nKPI: C\nKPI: D\nKPI: E\nKPI: F\nKPI: G\nKPI: H"
    good = "KPI: Uptime\nKPI: Customer satisfaction\nKPI: Gross margin"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        options: KpiCountOptions = context.options
        for objective in node.objectives:
            if len(objective.kpis) > options.per_objective:
                yield context.finding(
                    objective.kpis[options.per_objective].line_span,
                    f"This objective has {len(objective.kpis)} KPIs; keep it to {options.per_objective}.",
                    "Keep the KPIs that show this objective's health and move the others to the plan.",
                )
        every = node.kpis + [k for o in node.objectives for k in o.kpis]
        limit = options.scorecard or options.per_plan
        if len(every) > limit:
            every.sort(key=lambda k: k.span.start.offset)
            yield context.finding(
                every[limit].line_span,
                f"This plan tracks {len(every)} KPIs; more than {limit} are hard to watch.",
                "Keep the few that tell you the business is healthy.",
            )


RULES: list[type[Rule]] = [SyntaxRule, KrCount, ObjectiveCount, KpiCount]
