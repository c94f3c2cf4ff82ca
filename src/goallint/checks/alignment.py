"""Rules across a company's plans: alignment links, overlap and honest targets.

The plans checked together form a tree through their `parent:` links (`goallint.company`).
The alignment rules compare the plans of one fiscal year, named as the periods name it
(2026-Q3 and 2026 are in 2026, FY27-Q1 and FY27 in 2027), so an edit re-checks that year only;
a link into another year's plan is not seen (docs/format.md says so). The rules that follow an
owner from period to period compare that owner's plans, like `kpi-churn`.

What each rule finds is worked out in `goallint.company.checks`, imported when a rule runs:
listing, explaining and configuring rules needs only what is here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from goallint.checks.periods import OwnersPlansRule, fiscal_year
from goallint.engine.rule import Context, Rule, RuleOptions
from goallint.model import Document, Finding


def tree_partition(document: Document) -> str:
    """The plans a tree rule compares this one with: those of its fiscal year, or the undated."""
    year = fiscal_year(document)
    return f"year:{year}" if year is not None else "undated"


class TreeRule(Rule):
    """A rule over the alignment tree of one fiscal year's plans."""

    scope = "documents"

    @classmethod
    def partition(cls, document: Document) -> str | None:
        return tree_partition(document)


class OrphanObjectiveOptions(RuleOptions):
    align: Literal["auto", "required", "optional"] = Field(
        "auto", description="must plans below the top align to a parent? auto: yes, once any plan here links to another"
    )
    tops: list[str] = Field(
        default_factory=list, description="plans at the top of the tree, by path, title or owner (besides those found)"
    )


class OrphanObjective(TreeRule):
    code = "GL503"
    name = "orphan-objective"
    summary = "An objective that aligns to nothing, in a plan below the top of the company's tree."
    Options = OrphanObjectiveOptions
    why = (
        "Alignment is how a team shows which company goal its work serves. An objective that points "
        "at nothing may be good work, but nobody above can see it or count on it, and it is often "
        "the first to be dropped or duplicated. A plan at the top (one that others align to and "
        "that aligns to nothing, or one the configuration names in `tops`) needs no parent."
    )
    bad = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k\n"
        "---\n"
        "title: Support team\nperiod: 2026-Q3\nObjective: Answer faster\n  KR: Cut first response from 8 h to 2 h"
    )
    good = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k\n"
        "---\n"
        "title: Support team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Answer faster\n"
        "  KR: Cut first response from 8 h to 2 h"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.orphan_objective(node, context)


class BrokenParent(TreeRule):
    code = "GL504"
    name = "broken-parent"
    summary = "A `parent:` link that names no plan or objective checked with this one, or a loop of links."
    severity = "error"
    why = (
        "A link that points at nothing is worse than none: the plan looks aligned, but the goal it "
        "names was renamed, renumbered or dropped, and nobody notices. A loop (A aligns to B, B to A) "
        "means neither has a real parent."
    )
    bad = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O4\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k"
    )
    good = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.broken_parent(node, context)


class UnsupportedObjective(TreeRule):
    code = "GL505"
    name = "unsupported-objective"
    summary = "A parent objective that no team's plan aligns to, once half its period has passed."
    why = (
        "A company or department objective that no team works towards will not happen by itself. "
        "Early in the period teams may still be writing their plans; from the midpoint on, an "
        "objective with no supporting plan needs an owner or should be dropped. The date is today, "
        "or `goallint check --as-of DATE`."
    )
    bad = (
        "title: Company\nperiod: 2020-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "Objective 2: Be the cheapest to run\n  KR: Cut cloud cost per customer from $40 to $30\n"
        "---\n"
        "title: Sales team\nperiod: 2020-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k"
    )
    good = (
        "title: Company\nperiod: 2020-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "Objective 2: Be the cheapest to run\n  KR: Cut cloud cost per customer from $40 to $30\n"
        "---\n"
        "title: Sales team\nperiod: 2020-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k\n"
        "---\n"
        "title: Platform team\nperiod: 2020-Q3\nparent: Company O2\nObjective: Run leaner\n"
        "  KR: Cut compute per request from 40 ms to 25 ms"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.unsupported_objective(node, context)


class KrOverlapOptions(RuleOptions):
    min_similarity: float = Field(
        0.85, ge=0, le=1, description="how alike two key results must be (0 to 1, word by word)"
    )


class KrOverlap(TreeRule):
    code = "GL506"
    name = "kr-overlap"
    summary = "The same key result, or nearly, in several teams' plans for the same period."
    Options = KrOverlapOptions
    why = (
        "When three teams own one key result, each can believe another is driving it, and the "
        "result is counted three times in the roll-up. Shared work is fine when it is deliberate: "
        "align each team's objective to the parent key result (`parent: Company O2 KR1`), or give "
        "each team the part it owns."
    )
    bad = (
        "title: Sales team\nperiod: 2026-Q3\nObjective: Win larger customers\n"
        "  KR: Land 12 new enterprise logos by end of Q3\n"
        "---\n"
        "title: Marketing team\nperiod: 2026-Q3\nObjective: Reach enterprise buyers\n"
        "  KR: Land 12 new enterprise logos by end of Q3"
    )
    good = (
        "title: Sales team\nperiod: 2026-Q3\nObjective: Win larger customers\n"
        "  KR: Land 12 new enterprise logos by end of Q3\n"
        "---\n"
        "title: Marketing team\nperiod: 2026-Q3\nObjective: Reach enterprise buyers\n"
        "  KR: Generate 40 qualified enterprise opportunities by end of Q3"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.kr_overlap(node, context)


class TargetBelowLastActual(OwnersPlansRule):
    code = "GL507"
    name = "target-below-last-actual"
    summary = "A target no better than what the same metric already reached in the previous period."
    why = (
        "A target at or below where you already are is met before the period starts: it measures "
        "nothing and hides the team's real ambition (sandbagging). goallint compares the same "
        "owner's key result on the same metric in the previous period's plan: its last check-in, "
        "or its target when it was graded as met."
    )
    bad = (
        "owner: Growth team\nperiod: 2026-Q2\nObjective: Grow usage\n"
        "  KR: Grow weekly active teams from 1,000 to 1,500\n    2026-06-30: 1,720\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q3\nObjective: Grow usage\n  KR: Grow weekly active teams to 1,600"
    )
    good = (
        "owner: Growth team\nperiod: 2026-Q2\nObjective: Grow usage\n"
        "  KR: Grow weekly active teams from 1,000 to 1,500\n    2026-06-30: 1,720\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q3\nObjective: Grow usage\n  KR: Grow weekly active teams from 1,720 to 2,200"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.target_below_last_actual(node, context)


class AspirationalAlwaysMetOptions(RuleOptions):
    periods: int = Field(3, ge=1, description="how many periods in a row, graded, before the rule says so")
    min_grade: float = Field(0.9, ge=0, le=1, description="a grade at or above this counts as met")


class AspirationalAlwaysMet(OwnersPlansRule):
    code = "GL508"
    name = "aspirational-always-met"
    summary = "An owner whose aspirational objectives were graded 0.9 or more in each of the last periods."
    severity = "info"
    Options = AspirationalAlwaysMetOptions
    why = (
        "Aspirational objectives are meant to stretch: Google's guidance is that 0.6–0.7 is success "
        "and a steady 1.0 means the goals were set too low. An owner who meets every aspirational "
        "objective period after period can aim higher."
    )
    bad = (
        "owner: Growth team\nperiod: 2026-Q1\nObjective: Grow usage [aspirational]\n  => 0.95\n"
        "  KR: Grow weekly active teams from 800 to 1,000\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q2\nObjective: Grow usage [aspirational]\n  => 1.0\n"
        "  KR: Grow weekly active teams from 1,000 to 1,200\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q3\nObjective: Grow usage [aspirational]\n  => 0.9\n"
        "  KR: Grow weekly active teams from 1,200 to 1,400"
    )
    good = (
        "owner: Growth team\nperiod: 2026-Q1\nObjective: Grow usage [aspirational]\n  => 0.7\n"
        "  KR: Grow weekly active teams from 800 to 1,200\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q2\nObjective: Grow usage [aspirational]\n  => 0.95\n"
        "  KR: Grow weekly active teams from 1,100 to 1,500\n"
        "---\n"
        "owner: Growth team\nperiod: 2026-Q3\nObjective: Grow usage [aspirational]\n  => 0.6\n"
        "  KR: Grow weekly active teams from 1,500 to 2,200"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.aspirational_always_met(node, context)


class TooManyObjectivesOptions(RuleOptions):
    max_per_owner: int | None = Field(
        None, ge=1, description="most objectives one owner may have in a period (none: no ceiling)"
    )


class TooManyObjectivesForTeam(TreeRule):
    code = "GL509"
    name = "too-many-objectives-for-team"
    summary = "A team with more objectives than the plan it aligns to, or than the configured ceiling."
    Options = TooManyObjectivesOptions
    why = (
        "A team's plan is a slice of the plan above it: if it has more objectives than the whole "
        "company or department, its focus is spread thinner than the goals it serves. A ceiling per "
        "owner (`max_per_owner`) keeps every team to the same rule."
    )
    bad = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "Objective 2: Be the cheapest to run\n  KR: Cut cost per customer from $40 to $30\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k\nObjective: Shorten the sales cycle\n"
        "  KR: Cut days to close from 90 to 60\nObjective: Win back lost accounts\n"
        "  KR: Win back 10 of last year's 40 lost accounts"
    )
    good = (
        "title: Company\nperiod: 2026-Q3\nObjective 1: Win the mid-market\n  KR: Grow ARR from $8M to $10M\n"
        "Objective 2: Be the cheapest to run\n  KR: Cut cost per customer from $40 to $30\n"
        "---\n"
        "title: Sales team\nperiod: 2026-Q3\nparent: Company O1\nObjective: Close larger deals\n"
        "  KR: Raise average deal size from $20k to $30k\nObjective: Shorten the sales cycle\n"
        "  KR: Cut days to close from 90 to 60"
    )

    def check(self, node: list[Document], context: Context) -> Iterator[Finding]:
        from goallint.company import checks

        return checks.too_many_objectives_for_team(node, context)


RULES: list[type[Rule]] = [
    OrphanObjective, BrokenParent, UnsupportedObjective, KrOverlap, TargetBelowLastActual,
    AspirationalAlwaysMet, TooManyObjectivesForTeam,
]
