"""`goallint parse --format text`: the parsed document as an outline a manager can check."""

from __future__ import annotations

import math

from goallint.model import KPI, Document, KeyResult, Quantity


def _number(value: float) -> str:
    if not math.isfinite(value):  # 10^309 and more is infinite as a float, and int() refuses it
        return "(a number too large to read)"
    return f"{value:,.0f}" if abs(value) < 1e15 and value == int(value) else f"{value:,.6g}"


def describe_quantity(quantity: Quantity) -> str:
    """"≥ 90%", "$2,500,000", "150 tickets", "N (not filled in)"."""
    comparator = {"<": "under ", "<=": "at most ", ">": "over ", ">=": "at least ", "~": "about "}.get(
        quantity.comparator or "", ""
    )
    if quantity.value is None:
        return f"{comparator}{quantity.text} (a placeholder, not a number)"
    number = _number(quantity.value)
    unit = quantity.unit
    if unit in ("%", "x"):
        return f"{comparator}{number}{unit}"
    if unit and len(unit) == 3 and unit.isupper():
        return f"{comparator}{number} {unit}"
    return f"{comparator}{number} {unit}" if unit else f"{comparator}{number}"


def describe_measure(item: KeyResult | KPI) -> str:
    """One line of what goallint understood: "outcome · increase NPS · by 8 points · due 2026-09-30"."""
    measure = item.measure
    parts: list[str] = [item.kind]
    if measure.direction or measure.metric:
        parts.append(" ".join(p for p in (measure.direction, measure.metric) if p))
    if measure.baseline and measure.target:
        parts.append(f"from {describe_quantity(measure.baseline)} to {describe_quantity(measure.target)}")
    elif measure.target:
        parts.append(f"target {describe_quantity(measure.target)}")
    elif measure.baseline:
        parts.append(f"starting from {describe_quantity(measure.baseline)}")
    if measure.change:
        parts.append(f"change {describe_quantity(measure.change)}")
    if item.deadline:
        deadline = item.deadline
        parts.append(f"due {deadline.date}" if deadline.date else f"due '{deadline.text}' (date unknown)")
    return " · ".join(parts)


def _kpi_lines(item: KPI, indent: str) -> list[str]:
    lines = [f"{indent}{item.label or 'KPI'}  {item.text}", f"{indent}     {describe_measure(item)}"]
    extras = [
        f"{name} {field.text}"
        for name, field in (("source", item.source), ("cadence", item.cadence), ("owner", item.owner))
        if field
    ]
    if item.annual_target:
        extras.append(f"annual target {describe_quantity(item.annual_target)}")
    if extras:
        lines.append(f"{indent}     " + " · ".join(extras))
    return lines


# How `parse` says where the period came from.
_PERIOD_SOURCES = {"period": "from period:", "title": "from the title", "heading": "from a heading",
                   "sentence": "from a sentence"}


def render_outline(document: Document) -> str:
    header = [document.path or "<text>"]
    if document.period:
        period = document.period
        where = _PERIOD_SOURCES.get(period.source, period.source)
        header.append(f"period {period.label} ({period.start} to {period.end}; {where}, line {period.span.start.line})")
    if document.owner:
        header.append(f"owner {document.owner.text}")
    lines = ["  ".join(header)]
    for objective in document.objectives:
        mark = f"  [{objective.commitment}]" if objective.commitment else ""
        lines.append(f"{objective.label or 'O'}  {objective.text}{mark}")
        for key_result in objective.key_results:
            kpi_mark = "  [KPI]" if key_result.is_kpi else ""
            lines.append(f"  {key_result.label or 'KR'}  {key_result.text}{kpi_mark}")
            lines.append(f"       {describe_measure(key_result)}")
        for item in objective.kpis:
            lines.extend(_kpi_lines(item, "  "))
    for item in document.kpis:
        lines.extend(_kpi_lines(item, ""))
    for problem in document.syntax_errors:
        start = problem.span.start
        lines.append(f"line {start.line}, column {start.column}: {problem.message} {problem.hint}")
    return "\n".join(lines) + "\n"
