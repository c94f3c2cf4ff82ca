"""Pipeline coverage is a ratio: the pipeline divided by the target it must cover (3x)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from goallint.plugin import (
    KPI,
    Context,
    Document,
    Edit,
    Finding,
    Fix,
    KeyResult,
    Position,
    Quantity,
    Rule,
    RuleOptions,
    Span,
    is_currency,
    is_multiple,
    is_percentage,
)

_PERCENT_RE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(?:%|percent\b|per\s?cent\b)", re.I)


class CoverageOptions(RuleOptions):
    terms: list[str] = Field(
        default=["pipeline coverage", "coverage ratio"],
        description="What your plans call a coverage metric (any case).",
    )


class PipelineCoverageRatio(Rule[Document, CoverageOptions]):
    code = "SALES103"
    name = "pipeline-coverage-ratio"
    summary = "Pipeline coverage (a key result or KPI) written as a percentage or an amount, not a ratio such as 3x."
    scope = "document"  # key results and KPIs alike
    Options = CoverageOptions
    fixable = True
    why = (
        "Coverage is the pipeline divided by the target it must cover, and sales teams compare it as "
        "a ratio ('3x'). '300%' reads as a growth rate, and an amount is the pipeline, not its coverage."
    )
    bad = "Objective: Fill the pipeline\n  KR: Raise pipeline coverage from 200% to 300% by end of Q3"
    good = "Objective: Fill the pipeline\n  KR: Raise pipeline coverage from 2x to 3x by end of Q3"

    def check(self, node: Document, context: Context[CoverageOptions]) -> Iterator[Finding]:
        options = context.options  # typed: Rule[..., CoverageOptions]
        statements: list[KeyResult | KPI] = [*node.kpis]
        for objective in node.objectives:
            statements += [*objective.key_results, *objective.kpis]
        for statement in sorted(statements, key=lambda s: s.span.start.offset):
            if any(term.lower() in statement.text.lower() for term in options.terms):
                yield from self._coverage(statement, context)

    def _coverage(self, statement: KeyResult | KPI, context: Context[CoverageOptions]) -> Iterator[Finding]:
        for quantity in (statement.measure.baseline, statement.measure.target, statement.measure.change):
            if quantity is None or is_multiple(quantity.unit):
                continue
            if is_percentage(quantity.unit):
                yield context.finding(
                    quantity.span, f"Coverage '{quantity.text}' is a percentage; write it as a ratio.",
                    "Write coverage as pipeline ÷ target: 300% is 3x.", _as_ratio(quantity),
                )
            elif is_currency(quantity.unit):
                yield context.finding(
                    quantity.span, f"'{quantity.text}' is an amount of pipeline, not its coverage.",
                    "Write coverage as pipeline ÷ target, such as 3x, or name the metric 'pipeline'.",
                )


def _as_ratio(quantity: Quantity) -> Fix | None:
    """'300%' → '3x', keeping what is written around the number ('≥ 300%' → '≥ 3x')."""
    written = _PERCENT_RE.search(quantity.text)
    if written is None or quantity.span.end.offset - quantity.span.start.offset != len(quantity.text):
        return None  # written with markup or over lines: leave it to the author
    ratio = float(written[1].replace(",", "")) / 100
    start = quantity.span.start

    def at(index: int) -> Position:
        return Position(line=start.line, column=start.column + index, offset=start.offset + index)

    span = Span(start=at(written.start()), end=at(written.end()))
    return Fix(message=f"Write {written[0]} as {ratio:g}x", edits=[Edit(span=span, replacement=f"{ratio:g}x")])
