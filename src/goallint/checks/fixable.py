"""Rules about how a plan is written down, each with a fix `goallint check --fix` applies."""

from __future__ import annotations

import re
from collections.abc import Iterator

from goallint.engine.rule import Context, Rule
from goallint.model import (
    KPI,
    Document,
    Edit,
    Finding,
    Fix,
    KeyResult,
    Objective,
    Position,
    Quantity,
    Span,
    constructed,
)

_NUMBERED_RE = re.compile(r"KR(\d+)")


def _replace(span: Span, text: str) -> Edit:
    return constructed(Edit, span=span, replacement=text)


class KrNumbering(Rule):
    code = "GL701"
    name = "kr-numbering"
    summary = "Numbered key results of one objective that skip or repeat a number."
    scope = "document"
    severity = "info"  # the numbers are bookkeeping: nothing about the goal itself is wrong
    fixable = True
    why = (
        "'KR3' is how people refer to a key result in reviews and updates; a gap or a repeated "
        "number makes them ask which one is meant."
    )
    bad = "Objective: Delight customers\n  KR1: Lift NPS from 30 to 45\n  KR3: Raise CSAT from 82% to 90%\n" \
          "  KR3: Cut first response time from 9 h to 2 h"
    good = "Objective: Delight customers\n  KR1: Lift NPS from 30 to 45\n  KR2: Raise CSAT from 82% to 90%\n" \
           "  KR3: Cut first response time from 9 h to 2 h"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        last = 0  # some plans number key results across the whole document: O2 starts at KR4
        for objective in node.objectives:
            numbered = _numbered(objective)
            if not numbered:
                continue
            numbers = [number for number, _ in numbered]
            start = last + 1 if last and numbers[0] == last + 1 else 1
            expected = list(range(start, start + len(numbers)))
            last = expected[-1]
            if numbers == expected:
                continue
            for want, (have, kr) in zip(expected, numbered, strict=True):
                if have == want:
                    continue
                fix = None
                if kr.label_span is not None:
                    fix = constructed(
                        Fix,
                        message=f"Renumber {kr.label} as KR{want}", edits=[_replace(kr.label_span, str(want))],
                        applicability="safe",
                    )
                yield context.finding(
                    kr.label_span or kr.line_span,
                    f"{kr.label} is key result number {want} of this objective.",
                    f"Number the key results of an objective 1 to {len(numbers)}, in order"
                    + (" (or continue the numbering of the objective before)." if start > 1 else "."),
                    fix,
                )


def _numbered(objective: Objective) -> list[tuple[int, KeyResult]]:
    """The key results labelled KR<n>, with n; none when some use a nested numbering (KR1.2)."""
    found: list[tuple[int, KeyResult]] = []
    for kr in objective.key_results:
        if kr.label is None or kr.label == "KR":
            continue
        match = _NUMBERED_RE.fullmatch(kr.label)
        if match is None:
            return []
        found.append((_label_number(match[1]), kr))
    return found


def _label_number(digits: str) -> int:
    # no plan has a trillion key results; int() would refuse 4,300 digits and more
    return int(digits) if len(digits) <= 12 else 10**12


# A plain run of five or more digits: not part of a decimal's fraction or an already separated number.
_LONG_INTEGER_RE = re.compile(r"(?<![\d.,])\d{5,}(?!,\d)")
_PERCENT_WORD_RE = re.compile(r"(?<!\s)\s*+\bper\s?cent\b", re.I)  # a run of blanks entered once, at its start


def written_consistently(text: str) -> str:
    """The quantity text with thousands separators in long integers and '%' for 'percent'."""
    text = _LONG_INTEGER_RE.sub(lambda m: _grouped(m[0]), text)
    return _PERCENT_WORD_RE.sub("%", text)


def _grouped(digits: str) -> str:
    """"0020000" as "20,000": by the digits, not int(), which refuses 4,300 digits and more."""
    digits = digits.lstrip("0") or "0"
    head = len(digits) % 3 or 3
    return ",".join([digits[:head], *(digits[at : at + 3] for at in range(head, len(digits), 3))])


class NumberFormat(Rule):
    code = "GL702"
    name = "number-format"
    summary = "A number written without thousands separators (20000), or 'percent' for '%'."
    scope = "document"
    severity = "info"
    fixable = True
    why = "Numbers written one way read at a glance: 2,000,000 is not mistaken for 200,000, and 45% is 45%."
    bad = "Objective: Grow\n  KR1: Grow weekly users from 20000 to 40000\n  KR2: Lift activation to 45 percent"
    good = "Objective: Grow\n  KR1: Grow weekly users from 20,000 to 40,000\n  KR2: Lift activation to 45%"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        seen: set[int] = set()
        rewritten: dict[str, str] = {}  # a plan writes the same few quantities again and again
        for quantity in _quantities(node):
            start = quantity.span.start.offset
            better = rewritten.get(quantity.text)
            if better is None:
                better = rewritten[quantity.text] = written_consistently(quantity.text)
            if better == quantity.text or start in seen:
                continue
            seen.add(start)
            fix = None
            if node.format == "okr" and _exact(quantity.span, quantity.text):
                fix = constructed(
                    Fix,
                    message=f"Write '{better}'", edits=[_replace(quantity.span, better)], applicability="safe"
                )
            yield context.finding(
                quantity.span, f"Write '{quantity.text}' as '{better}'.",
                "Use thousands separators in numbers of five digits or more, and '%' for percent.", fix,
            )


def _exact(span: Span, text: str) -> bool:
    """Whether the span holds exactly `text` as read (one line, nothing left out)."""
    start: Position = span.start
    return start.line == span.end.line and span.end.offset - start.offset == len(text)


def _quantities(document: Document) -> Iterator[Quantity]:
    items: list[KeyResult | KPI] = list(document.kpis)
    for objective in document.objectives:
        items.extend(objective.key_results)
        items.extend(objective.kpis)
    for item in items:
        measure = item.measure
        for quantity in (measure.baseline, measure.target, measure.change):
            if quantity is not None:
                yield quantity
        if isinstance(item, KPI) and item.annual_target is not None:
            yield item.annual_target


RULES: list[type[Rule]] = [KrNumbering, NumberFormat]
