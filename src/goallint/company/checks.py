"""What the rules across a company's plans find (the rules themselves, their docs and options,
are in `goallint.checks.alignment`; this module is imported only when they run)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from goallint import clock
from goallint.checks.periods import owner_of, plans_by_owner
from goallint.company.index import Edge, PlanIndex, normalized, objective_name, plan_name
from goallint.company.overlap import Statement, overlapping
from goallint.engine.rule import START_OF_FILE, Context
from goallint.model import Document, Finding, KeyResult, Measure, Objective, Quantity, Span

if TYPE_CHECKING:
    from goallint.checks.alignment import (
        AspirationalAlwaysMetOptions,
        KrOverlapOptions,
        OrphanObjectiveOptions,
        TooManyObjectivesOptions,
    )


# The rules run on each partition of plans in turn: the indexes of the last few sets are kept (a
# few, so memory stays bounded), and each holds its plans, so their ids stay theirs meanwhile.
_INDEXES: dict[tuple[int, ...], PlanIndex] = {}
_KEEP = 8


def _index(documents: list[Document]) -> PlanIndex:
    key = tuple(id(document) for document in documents)
    found = _INDEXES.get(key)
    if found is None:
        if len(_INDEXES) >= _KEEP:
            del _INDEXES[next(iter(_INDEXES))]
        found = _INDEXES[key] = PlanIndex(documents)
    return found


def forget_indexes() -> None:
    """Let go of the plans indexed so far: a run is over and none of them is linted again (each
    index holds its plans whole, which a large plan's report would otherwise be written beside)."""
    _INDEXES.clear()




def _where(document: Document) -> Span:
    """Where a finding about a whole plan goes: its header's first field, or its start."""
    for field in (document.title, document.owner, document.period, document.parent):
        if field is not None:
            return field.span
    return document.objectives[0].line_span if document.objectives else START_OF_FILE


def _example_link(tops: Sequence[Document]) -> str:
    for document in tops:
        if document.objectives:
            return f"{plan_name(document)} O1"
    return "Company O1"


def _outside_this_run(edge: Edge, documents: Sequence[Document]) -> bool:
    """A link into a plan that exists but was not checked with this one (`goallint check team.okr`,
    or one file open in the editor) cannot be judged: the file is on disk, or, for a plan named in
    words, this plan was checked alone."""
    if edge.link.path is not None:
        if any(d.path and Path(d.path).name == Path(edge.link.path).name for d in documents if d is not edge.document):
            return False  # the named plan is here: its anchor is what failed
        base = Path(edge.document.path).parent if edge.document.path else Path(".")
        return (base / edge.link.path).is_file()
    return all(d is edge.document for d in documents)


def _unresolved(edge: Edge) -> tuple[str, str]:
    message = f"'{edge.written.text}' does not match any plan or objective checked with this one."
    if edge.candidates:
        closest = "; ".join(f"'{name}'" for name in edge.candidates)
        return message, f"Did you mean {closest}? Write the plan's title or file and the objective's number, " \
                        "for example 'parent: Company FY27 O2' or 'parent: ../company.okr#O2'."
    return message, (
        "Check that the parent plan is checked together with this one (same folder tree), and name it by "
        "title or file and objective number: 'parent: Company FY27 O2' or 'parent: ../company.okr#O2'."
    )


def _edge_source(edge: Edge) -> str:
    if edge.objective is not None:
        return f"'{objective_name(edge.document, edge.objective)}'"
    return f"'{plan_name(edge.document)}'"


def _past_midpoint(document: Document, today: date) -> bool:
    if document.period is None:
        return False
    start, end = date.fromisoformat(document.period.start), date.fromisoformat(document.period.end)
    return today >= start + (end - start) / 2


def _period_label(document: Document) -> str:
    return document.period.label if document.period is not None else "the period"


Placed = tuple[Document, Objective, KeyResult]


def _deliberate(first: Placed, second: Placed, index: PlanIndex) -> bool:
    """Whether two teams hold one key result on purpose: both align to the same parent key result,
    or one restates the key result of the parent objective (or key result) it aligns to."""
    def target(placed: Placed) -> tuple[int | None, int | None]:
        edge = index.alignment(placed[0], placed[1])
        if edge is None or edge.target is None:
            return None, None
        found = edge.target
        return (id(found.objective) if found.objective else None), (id(found.key_result) if found.key_result else None)

    (first_objective, first_kr), (second_objective, second_kr) = target(first), target(second)
    if first_kr is not None and first_kr == second_kr:
        return True
    if first_kr == id(second[2]) or second_kr == id(first[2]):
        return True
    return (first_kr is None and first_objective == id(second[1])) or (
        second_kr is None and second_objective == id(first[1])
    )


def _team(document: Document) -> str:
    if document.owner is not None:
        return normalized(document.owner.text)
    return plan_name(document)


def _words_in(text: str) -> int:
    return len(normalized(text).split())


def _join(names: Sequence[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _direction(measure: Measure) -> Literal["increase", "decrease"] | None:
    """Which way a key result aims: its verb's, or where the verb says neither ("Bring latency from
    900 ms to 400 ms"), from its starting value to its target."""
    if measure.direction in ("increase", "decrease"):
        return measure.direction
    start, end = measure.baseline, measure.target
    if start is None or end is None or start.value is None or end.value is None or start.value == end.value:
        return None
    return "increase" if end.value > start.value else "decrease"


def _reached_by_metric(plan: Document) -> dict[str, tuple[Quantity, str]]:
    """What each metric of a plan reached: its last dated check-in, else its target when graded as met."""
    reached: dict[str, tuple[Quantity, str]] = {}
    for objective in plan.objectives:
        for key_result in objective.key_results:
            metric = key_result.measure.metric
            if not metric:
                continue
            checkins = key_result.checkins
            dated = sorted((c for c in checkins if c.date and c.value is not None and c.value.value is not None),
                           key=lambda c: c.date or "")
            if dated and dated[-1].value is not None:
                reached[normalized(metric)] = (dated[-1].value, "reached")
                continue
            target = key_result.measure.target
            grades = [c.grade for c in checkins if c.grade is not None]
            if target is not None and target.value is not None and grades and grades[-1] >= 1.0:
                reached[normalized(metric)] = (target, "reached (graded as met)")
    return reached


def objective_grade(plan: Document, objective: Objective) -> float | None:
    """The grade an objective was given: the one written on it, else its key results' grades
    rolled up as `goallint status` does (docs/progress.md)."""
    from goallint.progress.evaluate import evaluate_objective

    period = plan.period
    start = date.fromisoformat(period.start) if period is not None else None
    end = date.fromisoformat(period.end) if period is not None else None
    result = evaluate_objective(objective, start, end, clock.today())
    return result.written_grade if result.written_grade is not None else result.grade


def orphan_objective(node: list[Document], context: Context) -> Iterator[Finding]:
    options: OrphanObjectiveOptions = context.options
    index = _index(node)
    if options.align == "optional" or (options.align == "auto" and not index.uses_alignment()):
        return
    top_plans = index.tops(options.tops)
    tops = {id(d) for d in top_plans}
    example = _example_link(top_plans)
    for document in node:
        if id(document) in tops:
            continue
        for objective in document.objectives:
            if index.alignment(document, objective) is not None:
                continue  # a link that does not resolve is broken-parent's to report
            yield context.about(document).finding(
                objective.span,
                f"The objective '{objective.text}' does not say which goal above it serves, so it "
                "stands outside the company's tree.",
                f"Add a line 'parent: {example}' under it (or one 'parent:' line at the top of the "
                "plan for all its objectives), naming the company or department objective it supports.",
            )


def broken_parent(node: list[Document], context: Context) -> Iterator[Finding]:
    index = _index(node)
    for edge in index.edges:
        if edge.target is None and not _outside_this_run(edge, node):
            yield context.about(edge.document).finding(edge.span, *_unresolved(edge))
    for cycle in index.cycles():
        first = min(cycle, key=lambda e: (e.document.path or "", e.span.start.offset))
        chain = " → ".join(_edge_source(e) for e in cycle) + f" → {_edge_source(cycle[0])}"
        yield context.about(first.document).finding(
            first.span,
            f"These links go round in a circle: {chain}. None of them reaches a goal at the top.",
            "Point one of them at the objective above it instead, so the chain ends at the company's goals.",
        )


def unsupported_objective(node: list[Document], context: Context) -> Iterator[Finding]:
    index = _index(node)
    into = index.children()
    today = clock.today()
    for document in node:
        links = into.get(id(document))
        if not links or not _past_midpoint(document, today):
            continue  # only a plan that others align to is a parent plan
        supported = {id(e.target.objective) for e in links
                     if e.target is not None and e.target.objective is not None}
        whole_plan = any(e.target is not None and e.target.objective is None for e in links)
        if whole_plan and len(document.objectives) == 1:
            continue
        for objective in document.objectives:
            if id(objective) in supported:
                continue
            yield context.about(document).finding(
                objective.span,
                f"No team's plan aligns to '{objective.text}', and half of {_period_label(document)} "
                "has passed.",
                "Ask a team to take it on (their objective's 'parent:' line names it), or drop it from "
                "this plan so nobody counts on it.",
            )


def kr_overlap(node: list[Document], context: Context) -> Iterator[Finding]:
    options: KrOverlapOptions = context.options
    if len({_team(document) for document in node}) < 2:
        return  # a key result is flagged only for another team's plan: one team's plans have nothing to compare
    index = _index(node)
    by_period: dict[str, list[tuple[Document, Objective, KeyResult]]] = defaultdict(list)
    for document in node:
        period = document.period.label if document.period is not None else ""
        for objective in document.objectives:
            for key_result in objective.key_results:
                if _words_in(key_result.text) >= 3:
                    by_period[period].append((document, objective, key_result))
    for items in by_period.values():
        statements = [Statement(kr.text, _team(d), (d, o, kr)) for d, o, kr in items]
        for group in overlapping(statements, options.min_similarity):
            members = [s.key for s in group]
            yield from _report_overlap(members, index, context)  # type: ignore[arg-type]

def _report_overlap(
    members: list[tuple[Document, Objective, KeyResult]], index: PlanIndex, context: Context
) -> Iterator[Finding]:
    for placed in members:
        document, _, key_result = placed
        partners = [other for other in members
                    if _team(other[0]) != _team(document) and not _deliberate(placed, other, index)]
        if not partners:
            continue
        teams = sorted({plan_name(d, with_period=False) for d, _, _ in partners})
        yield context.about(document).finding(
            key_result.span,
            f"This key result is also in the plan of {_join(teams)}, so several teams own the same number.",
            "Decide who owns it, and give the others the part they contribute; or, if it is shared on "
            "purpose, align each team's objective to the parent key result ('parent: Company O2 KR1').",
        )


def target_below_last_actual(node: list[Document], context: Context) -> Iterator[Finding]:
    for plans in plans_by_owner(node):
        for earlier, later in pairwise(plans):
            reached = _reached_by_metric(earlier)
            if not reached:
                continue
            for objective in later.objectives:
                for key_result in objective.key_results:
                    yield from _compare_target(key_result, reached, earlier, context.about(later))

def _compare_target(
    key_result: KeyResult, reached: dict[str, tuple[Quantity, str]], earlier: Document, context: Context
) -> Iterator[Finding]:
    measure = key_result.measure
    target, metric = measure.target, measure.metric
    direction = _direction(measure)
    if target is None or target.value is None or not metric or direction is None:
        return
    found = reached.get(normalized(metric))
    if found is None:
        return
    actual, how = found
    if actual.value is None or (actual.unit or None) != (target.unit or None):
        return
    lower = direction == "increase" and target.value <= actual.value
    higher = direction == "decrease" and target.value >= actual.value
    if not (lower or higher):
        return
    period = earlier.period.label if earlier.period is not None else "the previous period"
    better = "above" if direction == "increase" else "below"
    yield context.finding(
        target.span,
        f"The target {target.text} is no better than the {actual.text} {metric} already {how} in {period}.",
        f"Start from where you are ({actual.text}) and aim {better} it, so the key result measures "
        "progress this period.",
    )


def aspirational_always_met(node: list[Document], context: Context) -> Iterator[Finding]:
    options: AspirationalAlwaysMetOptions = context.options
    for plans in plans_by_owner(node):
        graded: list[tuple[Document, list[float]]] = []
        for plan in plans:
            grades = [g for o in plan.objectives if o.commitment == "aspirational"
                      and (g := objective_grade(plan, o)) is not None]
            if grades:
                graded.append((plan, grades))
        if len(graded) < options.periods:
            continue
        last = graded[-options.periods:]
        if all(min(grades) >= options.min_grade for _, grades in last):
            plan = last[-1][0]
            periods = ", ".join(p.period.label for p, _ in last if p.period is not None)
            yield context.about(plan).finding(
                _where(plan),
                f"Every aspirational objective of this owner was graded {options.min_grade:g} or more in "
                f"each of the last {options.periods} periods ({periods}).",
                "Set the next aspirational objectives higher: about 0.7 on an aspirational goal is success.",
            )


def too_many_objectives_for_team(node: list[Document], context: Context) -> Iterator[Finding]:
    options: TooManyObjectivesOptions = context.options
    index = _index(node)
    per_owner: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for document in node:
        if (owner := owner_of(document)) is not None and document.period is not None:
            per_owner[(owner, document.period.label)].append(document)
    for document in node:
        count = len(document.objectives)
        if not count:
            continue
        parents = [p for p in index.parent_plans(document) if p.objectives]
        ceiling = min((len(p.objectives) for p in parents), default=None)
        if ceiling is not None and count > ceiling:
            names = _join([plan_name(p) for p in parents])
            yield context.about(document).finding(
                _where(document),
                f"This plan has {count} objectives, more than the {ceiling} of {names}, the plan it aligns to.",
                "Keep the objectives that serve the parent plan most directly, and track the rest as "
                "ongoing work or KPIs.",
            )
    if options.max_per_owner is None:
        return
    for (_, period), plans in per_owner.items():
        total = sum(len(p.objectives) for p in plans)
        if total > options.max_per_owner:
            plan = plans[-1]
            yield context.about(plan).finding(
                _where(plan),
                f"This owner has {total} objectives in {period}, above the ceiling of {options.max_per_owner}.",
                f"Keep at most {options.max_per_owner}: choose the ones that matter most this period.",
            )
