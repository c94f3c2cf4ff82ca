"""The alignment tree of the plans checked together, as plain data for `goallint tree`.

Each top plan is a root; under it its objectives; under each objective the objectives of other
plans that align to it (and under a plan, the objectives that align to the whole plan). Plans
that align to nothing and are not at the top come last, as roots of their own, so nothing checked
is left out of the picture. A loop of links is drawn once and cut where it closes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from goallint.company.index import PlanIndex, key_result_number, objective_number, plan_name
from goallint.model import Document, Finding, Objective

if TYPE_CHECKING:
    from goallint.progress.evaluate import DocumentProgress

NodeKind = Literal["plan", "objective"]


@dataclass
class TreeNode:
    kind: NodeKind
    label: str  # "Company FY27" for a plan, "O2" for an objective
    text: str  # the plan's name or the objective's words
    path: str | None
    line: int
    owner: str | None = None
    period: str | None = None
    aligns_to_kr: str | None = None  # "KR1" when an objective aligns to one key result of its parent
    progress: float | None = None
    status: str | None = None
    findings: list[Finding] = field(default_factory=list)
    children: list[TreeNode] = field(default_factory=list)
    note: str | None = None  # "not aligned", "link not found", "loop"

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind, "label": self.label, "text": self.text, "path": self.path, "line": self.line,
            "owner": self.owner, "period": self.period, "aligns_to_kr": self.aligns_to_kr,
            "progress": self.progress, "status": self.status, "note": self.note,
            "findings": [{"code": f.code, "rule": f.rule, "severity": f.severity, "message": f.message,
                          "line": f.span.start.line} for f in self.findings],
            "children": [child.as_json() for child in self.children],
        }


# What progress and status to show for an objective, where check-ins exist: (progress, status).
ProgressOf = Callable[[Document, Objective], tuple[float | None, str | None]]


def build_tree(
    documents: Sequence[Document], findings: Sequence[Finding] = (), progress_of: ProgressOf | None = None,
    tops: Sequence[str] = (),
) -> list[TreeNode]:
    """The roots of the tree: the top plans first, then the plans outside it."""
    index = PlanIndex(documents)
    by_place: dict[tuple[str, int], list[Finding]] = defaultdict(list)
    for finding in findings:
        by_place[(finding.path or "", finding.span.start.line)].append(finding)

    # who aligns to what: objectives under a parent objective, or under a whole parent plan
    under_objective: dict[int, list[tuple[Document, Objective, str | None]]] = defaultdict(list)
    under_plan: dict[int, list[tuple[Document, Objective]]] = defaultdict(list)
    reached: set[int] = set()  # objectives drawn so far
    for document in documents:
        for objective in document.objectives:
            edge = index.alignment(document, objective)
            if edge is None or edge.target is None or edge.target.document is document:
                continue
            target = edge.target
            if target.objective is not None:
                kr = None
                if target.key_result is not None:
                    kr = f"KR{key_result_number(target.objective, target.key_result)}"
                under_objective[id(target.objective)].append((document, objective, kr))
            else:
                under_plan[id(target.document)].append((document, objective))

    def findings_at(document: Document, line_first: int, line_last: int) -> list[Finding]:
        return [f for line in range(line_first, line_last + 1) for f in by_place.get((document.path or "", line), [])]

    def objective_node(document: Document, objective: Objective, seen: frozenset[int], kr: str | None) -> TreeNode:
        progress, status = progress_of(document, objective) if progress_of is not None else (None, None)
        node = TreeNode(
            "objective", f"O{objective_number(document, objective)}", objective.text, document.path,
            objective.line_span.start.line, _owner(document), _period(document), kr, progress, status,
            findings_at(document, objective.line_span.start.line, objective.line_span.end.line),
        )
        if id(objective) in seen:
            node.note = "loop: this objective is already above"
            return node
        reached.add(id(objective))
        inner = seen | {id(objective)}
        for child_doc, child, child_kr in under_objective.get(id(objective), []):
            node.children.append(plan_objective(child_doc, child, inner, child_kr))
        return node

    def plan_objective(document: Document, objective: Objective, seen: frozenset[int], kr: str | None) -> TreeNode:
        node = objective_node(document, objective, seen, kr)
        node.label = f"{plan_name(document)} · {node.label}"
        return node

    def plan_node(document: Document, objectives: Sequence[Objective], note: str | None = None) -> TreeNode:
        header_last = document.objectives[0].line_span.start.line - 1 if document.objectives else 1 << 30
        node = TreeNode("plan", plan_name(document), plan_name(document), document.path, 1, _owner(document),
                        _period(document), findings=findings_at(document, 1, max(header_last, 1)), note=note)
        node.children = [objective_node(document, o, frozenset(), None) for o in objectives]
        node.children += [plan_objective(d, o, frozenset(), None) for d, o in under_plan.get(id(document), [])]
        return node

    top_plans = index.tops(tops)
    roots = [plan_node(document, document.objectives) for document in top_plans]
    # then every objective not drawn yet: not aligned, a link that names nothing, or a loop
    for document in documents:
        left = [o for o in document.objectives if id(o) not in reached]
        if not left and (document.objectives or any(r.path == document.path for r in roots)):
            continue
        links = [index.alignment(document, o) for o in left]
        if any(edge is not None and edge.target is None for edge in links):
            note = "a parent: link names nothing"
        elif any(edge is not None for edge in links):
            note = "links go round in a loop"
        else:
            note = "aligned to no plan"
        roots.append(plan_node(document, left, note))
    return roots


def _owner(document: Document) -> str | None:
    return document.owner.text if document.owner is not None else None


def _period(document: Document) -> str | None:
    return document.period.label if document.period is not None else None


def progress_from_checkins(documents: Sequence[Document], as_of: date) -> ProgressOf:
    """Each objective's progress and status as `goallint status` computes them, for the plans
    that have check-ins (the others show none)."""
    from goallint.progress.evaluate import evaluate_document, is_tracked

    tracked = [d for d in documents if any(is_tracked(o) for o in d.objectives)]
    return progress_of_results([evaluate_document(document, as_of) for document in tracked])


def progress_of_results(results: Sequence[DocumentProgress]) -> ProgressOf:
    """The same, from plans `goallint status` has already evaluated."""
    from goallint.progress.evaluate import is_tracked

    found = {id(o.objective): (o.progress, o.status) for result in results
             if any(is_tracked(o.objective) for o in result.objectives) for o in result.objectives}
    return lambda _document, objective: found.get(id(objective), (None, None))
