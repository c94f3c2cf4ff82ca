"""What goallint understood, for the editor: a hover on a key result or KPI in plain words, and
the outline (objectives with their key results and KPIs) as document symbols."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from goallint.lsp.positions import LineIndex, LspRange
from goallint.model import KPI, Document, KeyResult, Objective, Span
from goallint.outline import describe_quantity

# LSP SymbolKind numbers: an objective holds its key results as a class holds its fields.
OBJECTIVE_KIND, KEY_RESULT_KIND, KPI_KIND = 5, 8, 7  # Class, Field, Property


def _items(document: Document) -> Iterator[tuple[Objective | None, KeyResult | KPI]]:
    for objective in document.objectives:
        for key_result in objective.key_results:
            yield objective, key_result
        for kpi in objective.kpis:
            yield objective, kpi
    for kpi in document.kpis:
        yield None, kpi


def _fields(item: KeyResult | KPI) -> list[Span]:
    """Where the item's fields are written: on the lines below it, in `.okr` or as nested bullets."""
    measure = item.measure
    fields: list[Any] = [item.owner, item.deadline, measure.baseline, measure.target, measure.change]
    if isinstance(item, KPI):
        fields += [item.source, item.cadence, item.annual_target]
    return [f.span for f in fields if f is not None]


def _last_line(item: KeyResult | KPI) -> int:
    """The last line that belongs to the item: its own, or its fields' below it."""
    return max([item.line_span.end.line, *(span.end.line for span in _fields(item))])


def item_at(document: Document, line: int) -> tuple[Objective | None, KeyResult | KPI] | None:
    """The key result or KPI written on this 1-based line (or on one of its field lines)."""
    for objective, item in _items(document):
        if item.line_span.start.line <= line <= _last_line(item):
            return objective, item
    return None


def hover_text(document: Document, line: int) -> tuple[str, Span] | None:
    """Markdown for the objective, key result or KPI on `line`, and the span it covers."""
    found = item_at(document, line)
    if found is not None:
        objective, item = found
        return describe_item(item, objective), item.line_span
    for objective in document.objectives:
        if objective.line_span.start.line <= line <= objective.line_span.end.line:
            return describe_objective(objective), objective.line_span
    return None


def describe_objective(objective: Objective) -> str:
    label = f" {objective.label}" if objective.label and objective.label != "O" else ""
    lines = [f"**Objective{label}** *{_escape(objective.text)}*", ""]
    if objective.commitment:
        lines.append(f"- Kind: {objective.commitment}")
    outcomes = sum(1 for kr in objective.key_results if kr.kind == "outcome")
    efforts = len(objective.key_results) - outcomes
    count = len(objective.key_results)
    lines.append(f"- Key results: {count} ({outcomes} {_plural(outcomes, 'outcome')}, "
                 f"{efforts} {_plural(efforts, 'effort')})" if count else "- Key results: none yet")
    if objective.kpis:
        lines.append(f"- KPIs: {len(objective.kpis)}")
    if objective.owner:
        lines.append(f"- Owner: {_escape(objective.owner.text)}")
    if objective.parent:
        lines.append(f"- Aligns to: {_escape(objective.parent.text)}")
    return "\n".join(lines)


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"


def describe_item(item: KeyResult | KPI, objective: Objective | None) -> str:
    measure = item.measure
    is_kpi = isinstance(item, KPI)
    what = "KPI" if is_kpi else "Key result"
    title = f"**{what} {item.label}**" if item.label and item.label not in ("KR", "KPI") else f"**{what}**"
    if objective is not None:
        title += f" of {objective.label or 'objective'} *{_escape(objective.text)}*"
    if item.kind == "outcome":
        kind = "an **outcome**: a result you can measure"
    else:
        kind = "an **effort**: an activity, not a result you measure"
    lines = [title, "", f"goallint reads this as {kind}."]
    rows: list[tuple[str, str]] = []
    if isinstance(item, KPI):
        rows.append(("Name", item.name))
    if measure.metric or measure.direction:
        verb = {"increase": "increase", "decrease": "decrease", "maintain": "keep steady", "reach": "reach"}
        rows.append(("Measures", " ".join(p for p in (verb.get(measure.direction or ""), measure.metric) if p)))
    if is_kpi and measure.target and not measure.baseline:  # a level to hold, not a move
        rows.append(("Target", describe_quantity(measure.target)))
    elif measure.baseline or measure.target:
        start = describe_quantity(measure.baseline) if measure.baseline else "not given"
        aim = describe_quantity(measure.target) if measure.target else "not given"
        rows.append(("From → to", f"{start} → {aim}"))
    if measure.change:
        rows.append(("Change", describe_quantity(measure.change)))
    if item.deadline is not None:
        date = item.deadline.date or "a date goallint cannot work out"
        rows.append(("Deadline", f"{date} (“{item.deadline.text}”)"))
    elif not is_kpi:  # a KPI is watched all along
        rows.append(("Deadline", "none written"))
    if isinstance(item, KPI):
        if item.source:
            rows.append(("Source", item.source.text))
        if item.cadence:
            rows.append(("Reported", item.cadence.every or f"“{item.cadence.text}” (not understood)"))
        if item.annual_target:
            rows.append(("Annual target", describe_quantity(item.annual_target)))
    elif item.is_kpi:
        rows.append(("Also a KPI", "yes"))
    if item.owner:
        rows.append(("Owner", item.owner.text))
    if not measure.baseline and not measure.target and not measure.change:
        rows.append(("Numbers", "none found"))
    lines.append("")
    lines.extend(f"- {name}: {_escape(value)}" for name, value in rows)
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Plain text inside Markdown: emphasis and link characters shown as written."""
    return "".join("\\" + char if char in "\\`*_[]<>#|" else char for char in text)


def symbols(document: Document, lines: LineIndex) -> list[dict[str, Any]]:
    """DocumentSymbol dicts: each objective with its key results and KPIs, then the plan's KPIs."""
    result = []
    for objective in document.objectives:
        children = [_symbol(item, lines) for item in objective.key_results]
        children += [_symbol(item, lines) for item in objective.kpis]
        name = f"{objective.label}: {objective.text}" if objective.label else objective.text
        full = _range_over(lines, objective.line_span, [c["range"] for c in children])
        result.append({
            "name": name or "Objective", "detail": objective.commitment or "", "kind": OBJECTIVE_KIND,
            "range": full, "selectionRange": _inside(lines.range(objective.span), full), "children": children,
        })
    result.extend(_symbol(item, lines) for item in document.kpis)
    return result


def _symbol(item: KeyResult | KPI, lines: LineIndex) -> dict[str, Any]:
    is_kpi = isinstance(item, KPI)
    label = item.label if item.label and item.label not in ("KR", "KPI") else ("KPI" if is_kpi else "KR")
    text = item.name if isinstance(item, KPI) else item.text
    full = _range_over(lines, item.line_span, [lines.range(span) for span in _fields(item)])
    detail = item.kind + (" · KPI" if item.is_kpi and not is_kpi else "")
    return {
        "name": f"{label}: {text}" if text else label, "detail": detail,
        "kind": KPI_KIND if is_kpi else KEY_RESULT_KIND, "range": full,
        "selectionRange": _inside(lines.range(item.span), full), "children": [],
    }


def _range_over(lines: LineIndex, span: Span, inner: list[LspRange]) -> LspRange:
    full = lines.range(span)
    ends = [full["end"], *(r["end"] for r in inner)]
    return {"start": full["start"], "end": max(ends, key=lambda p: (p["line"], p["character"]))}


def _inside(selection: LspRange, full: LspRange) -> LspRange:
    """The selection range, which LSP requires to lie within the symbol's range."""
    def key(p: dict[str, int]) -> tuple[int, int]:
        return p["line"], p["character"]

    if key(full["start"]) <= key(selection["start"]) and key(selection["end"]) <= key(full["end"]):
        return selection
    return {"start": full["start"], "end": full["start"]}
