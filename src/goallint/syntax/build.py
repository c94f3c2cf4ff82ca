"""Turning one statement on one line into model objects with spans.

Both front ends (`.okr` and Markdown) find statements on lines; this module is what they
share: spans from line positions, measures and deadlines from `read_statement`, and the
KPI fields ("source:", "cadence:") that either format may carry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from goallint.model import (
    KPI,
    Cadence,
    CadenceField,
    Deadline,
    KeyResult,
    Quantity,
    Span,
    TextField,
)
from goallint.syntax import metric as metrics
from goallint.syntax.dates import PlanningPeriod, resolve_deadline
from goallint.syntax.statement import RawQuantity, Reading, read_statement


@dataclass(frozen=True, slots=True)
class LineText:
    """A piece of one line: its text, and where it starts (1-based line, 0-based column
    and offset of the first character)."""

    text: str
    line: int
    column: int
    offset: int

    def span(self, start: int = 0, end: int | None = None) -> Span:
        """The span of text[start:end], local offsets into this piece."""
        # Every item has several spans: validating these six ints in pydantic-core costs a
        # third of what `model_construct`'s Python loop does for the three models.
        return Span.model_validate(self.span_fields(start, end))

    def span_fields(self, start: int = 0, end: int | None = None) -> dict[str, dict[str, int]]:
        """`span` as the plain values pydantic validates into a Span."""
        stop = len(self.text) if end is None else end
        return {
            "start": {"line": self.line, "column": self.column + start + 1, "offset": self.offset + start},
            "end": {"line": self.line, "column": self.column + stop + 1, "offset": self.offset + stop},
        }

    def part(self, start: int, end: int | None = None) -> LineText:
        stop = len(self.text) if end is None else end
        # set through the slots, not the frozen class's __init__ (object.__setattr__ a field):
        # the same object in half the time, and a plan's reading makes hundreds of thousands
        piece = _new_piece(LineText)
        _set_text(piece, self.text[start:stop])
        _set_line(piece, self.line)
        _set_column(piece, self.column + start)
        _set_offset(piece, self.offset + start)
        return piece

    def stripped(self) -> LineText:
        """The same piece without surrounding spaces (and trailing punctuation spaces)."""
        lead = len(self.text) - len(self.text.lstrip())
        return self.part(lead, len(self.text.rstrip()))


_new_piece = object.__new__
_set_text, _set_line, _set_column, _set_offset = (
    vars(LineText)[name].__set__ for name in ("text", "line", "column", "offset")
)


# Items are built as plain values and validated into models in one pydantic-core call each:
# for a key result's dozen nested objects that is three times faster than `model_construct`.
Fields = dict[str, object]


def _quantity_fields(raw: RawQuantity | None, where: LineText) -> Fields | None:
    if raw is None:
        return None
    return {"value": raw.value, "unit": raw.unit, "comparator": raw.comparator, "text": raw.text,
            "span": where.span_fields(raw.start, raw.end)}


def _quantity(raw: RawQuantity | None, where: LineText) -> Quantity | None:
    fields = _quantity_fields(raw, where)
    return None if fields is None else Quantity.model_validate(fields)


def _measure_fields(reading: Reading, where: LineText, metric: str | None = None) -> Fields:
    return {
        "direction": reading.direction,
        "metric": metric or reading.metric,
        "baseline": _quantity_fields(reading.baseline, where),
        "target": _quantity_fields(reading.target, where),
        "change": _quantity_fields(reading.change, where),
    }


# Many items of a plan share a deadline ("by Q3"): each phrase is resolved once for a period.
_resolved = lru_cache(maxsize=4096)(resolve_deadline)


def _deadline_fields(
    reading: Reading, where: LineText, period: PlanningPeriod | None, fy_start_month: int
) -> Fields | None:
    raw = reading.deadline
    if raw is None:
        return None
    resolved = _resolved(raw.text, period, fy_start_month)
    return {
        "text": raw.text, "date": resolved.isoformat() if resolved else None,
        "span": where.span_fields(raw.start, raw.end),
    }


def deadline_of(
    reading: Reading, where: LineText, period: PlanningPeriod | None, fy_start_month: int
) -> Deadline | None:
    fields = _deadline_fields(reading, where, period, fy_start_month)
    return None if fields is None else Deadline.model_validate(fields)


# Markers a writer puts on a key result or objective: "[KPI]", "*KPI", "(KPI)", "[committed]".
_MARKER_RE = re.compile(r"\[\s*(kpi|committed|aspirational|stretch)\s*\]|\*\s*(kpi)\b|\((kpi)\)", re.I)
_TAIL_MARKER_RE = re.compile(r"(?:\[\s*(kpi|committed|aspirational|stretch)\s*\]|\*\s*(kpi)|\((kpi)\))\Z", re.I)
_MARKER_WIDTH = 40  # a tail marker is looked for in this many characters, so each costs O(1)


def take_markers(piece: LineText) -> tuple[LineText, set[str]]:
    """Remove markers at the start or end of a statement; return what they said.

    One pass from each end over the text: a statement with thousands of markers is read in
    time linear in its length.
    """
    found: set[str] = set()
    text = piece.text
    start, end = 0, len(text.rstrip())
    if "[" not in text and "*" not in text and "(" not in text:  # every marker has one: only blanks to take off
        return piece.part(start, end).stripped(), found
    while True:  # leading markers, while text follows them
        while start < end and text[start].isspace():
            start += 1
        match = _MARKER_RE.match(text, start, end)
        if match is None or match.end() >= end:
            break
        found.add(next(g for g in match.groups() if g).lower())
        start = match.end()
    while end > start:  # trailing markers, while text precedes them
        tail = _TAIL_MARKER_RE.search(text, max(start + 1, end - _MARKER_WIDTH), end)
        if tail is None:
            break
        found.add(next(g for g in tail.groups() if g).lower())
        end = tail.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    return piece.part(start, end).stripped(), found


def key_result(
    label: str | None, body: LineText, line: LineText, period: PlanningPeriod | None, fy_start_month: int
) -> KeyResult:
    body, markers = take_markers(body)
    reading = read_statement(body.text, False)
    return KeyResult.model_validate({
        "label": label,
        "text": body.text,
        "span": body.span_fields(),
        "kind": reading.kind,
        "is_kpi": "kpi" in markers,
        "measure": _measure_fields(reading, body),
        "deadline": _deadline_fields(reading, body, period, fy_start_month),
        "line_span": line.span_fields(),
        "checkins": [],  # given, so pydantic does not deep-copy the default list (a tenth of validating)
    })


_CADENCES: list[tuple[str, Cadence]] = [
    (r"daily|every\s+day|each\s+day|per\s+day", "daily"),
    (r"bi-?weekly|fortnightly|every\s+(?:two|2)\s+weeks", "biweekly"),
    (r"weekly|every\s+week|each\s+week|per\s+week", "weekly"),
    (r"monthly|every\s+month|each\s+month|per\s+month", "monthly"),
    (r"quarterly|every\s+quarter|each\s+quarter|per\s+quarter", "quarterly"),
    (r"half-?yearly|semi-?annual(?:ly)?|every\s+six\s+months|twice\s+a\s+year", "half-yearly"),
    (r"annual(?:ly)?|yearly|every\s+year|each\s+year|per\s+year", "yearly"),
]
_CADENCE_RE = [(re.compile(rf"^(?:{pattern})$", re.I), every) for pattern, every in _CADENCES]


def cadence_every(text: str) -> Cadence | None:
    cleaned = " ".join(text.strip(" .;").split())
    for pattern, every in _CADENCE_RE:
        if pattern.match(cleaned):
            return every
    return None


# One-line KPI: "Customer satisfaction score – target ≥ 90%, monthly, source: NPS survey"
# a run of blanks entered once, at its start; "Rate:.We want …" (a stray stop after the colon) splits too
# (a comma inside "1,000" splits nothing)
_NAME_SPLIT_RE = re.compile(r"(?<!\s)\s++[–—-]\s+|:\.?\s+|:\.(?=[A-Z])|(?<!\d),\s*|,(?!\d{3}(?!\d))\s*")
_VALUE_STARTS = frozenset("0123456789$€£¥<>≤≥~")
_FIELD_RE = re.compile(r"^(source|data\s+source|owner|cadence|frequency|target|annual\s+target)\s*[:=]\s*(.+)$", re.I)
_CHANGE_VERB_RE = re.compile(
    r"(?:increase|decrease|reduce|grow|raise|improve|lower|cut|maintain|keep|double|halve|minimi[sz]e|maximi[sz]e)\b",
    re.I,
)


# "Delivery: Number of pages completed", "Impact: % of members that rate the new design higher": with
# no value written, the words before the colon name a category and the measure follows it
_HEDGE_RE = re.compile(r"(?:approximately|approx\.|roughly|about|around|estimated)\s+", re.I)
_MEASURE_HEAD_RE = re.compile(
    r"(?:the\s+)?(?:%|percentage|proportion|share|number|count|rate|average|mean|median|total)\s+of\s", re.I
)


# "Goal: <5% of applicants drop off", "Target: 10 integrations": the word before the colon says what
# the line is, not what it measures
_LABEL_NAMES = frozenset(
    "goal goals target targets aim aims objective kpi kr metric measure ambition commitment pledge".split()
) | {"north star", "north star metric"}


# "Each year, 5,200 children …", "By 2030, …": a time frame before the first comma, not a name
_TIME_FRAME_RE = re.compile(
    r"(?:(?:each|every|per|a|once\s+a|twice\s+a)\s+(?:day|week|fortnight|month|quarter|term|semester|year|annum)"
    r"|annually|monthly|weekly|daily|quarterly|yearly|(?:by|in|during|before|until|from|for|over)\s+[^,]{0,30}\d{4})$",
    re.I,
)


def _is_label_name(name: str) -> bool:
    """"Goal", "Financial target", "Key metric": a name that only says what kind of line this is."""
    lowered = name.lower()
    words = lowered.split()  # empty for "KPI: : 5%", whose name is blank
    return lowered in _LABEL_NAMES or (0 < len(words) <= 3 and words[-1] in _LABEL_NAMES)


def _measure_after_label(reading: Reading, text: str, split: re.Match[str] | None) -> str | None:
    if split is None or split.group().strip() != ":" or reading.baseline or reading.target or reading.change:
        return None
    after = text[split.end() :]
    hedge = _HEDGE_RE.match(after)
    if hedge is not None:
        after = after[hedge.end() :]
    return metrics.phrase(after, 0, len(after)) if _MEASURE_HEAD_RE.match(after) else None


def _a_task(reading: Reading) -> bool:
    """"Provide you with 24/7 online access to report repairs": a KPI line that is a task measures
    nothing, so its text is no metric either."""
    return reading.kind == "effort" and reading.direction is None and not (reading.target or reading.change)


def _changed_after_dash(text: str, split: re.Match[str]) -> bool:
    """"Time on task - Decrease the average time it takes …": after the name's dash, a sentence
    that changes something says what is measured more closely than the name does. So does a
    sentence with its own subject after a category's colon ("Dwelling Fires: The average
    attendance time of the first fire engine will be within 11 minutes")."""
    mark = split.group().strip()
    if mark == ":":
        return _SENTENCE_AFTER_COLON.match(text, split.end(), split.end() + _SENTENCE_REACH) is not None
    return mark in ("-", "–", "—") and _CHANGE_VERB_RE.match(text, split.end()) is not None


_SENTENCE_REACH = 160
_SENTENCE_AFTER_COLON = re.compile(
    r"(?:The|Our|Each|Every|All)\s[^:;.]*?\s(?:will|should|must|shall)\s+(?:be|remain|stay)\b"
)


def kpi(
    label: str | None, body: LineText, line: LineText, period: PlanningPeriod | None, fy_start_month: int
) -> KPI:
    body, _ = take_markers(body)
    reading = read_statement(body.text, True)
    split = _NAME_SPLIT_RE.search(body.text)
    if split and split.group().strip() == ",":
        # "Number of street cleaning, grounds maintenance and waste complaints: 190": the commas
        # join a list inside the name, which ends at the colon before the value
        colon = body.text.find(":", split.end())
        in_name = colon > 0 and not any(dash in body.text[split.end() : colon] for dash in "–—")
        if in_name and body.text[colon + 1 : colon + 40].lstrip()[:1] in _VALUE_STARTS:
            split = _NAME_SPLIT_RE.search(body.text, colon)
    for _ in range(8):  # "Percentage of alcohol, resource consent, building consent and LIMs … respondents …"
        if not (split and split.group().strip() == "," and metrics.list_follows(body.text, split.end())):
            break
        split = _NAME_SPLIT_RE.search(body.text, split.end())
    name = body.text[: split.start()].strip() if split else body.text
    if not name:  # "KPI: : 5%": nothing before the separator, so the line names itself
        name, split = body.text.strip(), None
    # "Scope 1, 2: GHG emissions: Reduce by 32%": a category's list before a colon names nothing itself
    listed_category = split is not None and split.group().strip() == "," and (
        ":" in body.text[split.end() : split.end() + 30]
    )
    measured_after = _measure_after_label(reading, body.text, split)
    # "Reports about non-collection of waste (Minimise)": the aside says how, not what is measured
    named = name[: name.rfind("(")].rstrip() if name.endswith(")") and name.rfind("(") > 0 else name
    result = KPI.model_validate({
        "label": label,
        "name": name,
        "text": body.text,
        "span": body.span_fields(),
        "kind": reading.kind,
        # a short name before the first separator labels the KPI ("Customer satisfaction score –
        # target ≥ 90%"); a long one is a sentence, whose metric the reader found, and so is a
        # change after a dash ("Satisfaction - Increase customer satisfaction score (CSAT) to …")
        "measure": _measure_fields(
            reading, body,
            metric=measured_after or (
                named if (split and len(name.split()) <= 6 and not _changed_after_dash(body.text, split)
                          and not _is_label_name(named) and not _TIME_FRAME_RE.match(named)
                          and not (listed_category and reading.metric))
                or not (reading.metric or _a_task(reading) or _is_label_name(named)) else None
            ),
        ),
        "deadline": _deadline_fields(reading, body, period, fy_start_month),
        "line_span": line.span_fields(),
        "checkins": [],  # given, so pydantic does not deep-copy the default list (a tenth of validating)
    })
    if split:
        position = split.start()
        for part in re.finditer(r"[^,;]+", body.text[position:]):
            piece = body.part(position + part.start(), position + part.end()).stripped()
            piece = piece.part(len(piece.text) - len(piece.text.lstrip(" –—-:"))).stripped()
            if not piece.text:
                continue
            field = _FIELD_RE.match(piece.text)
            if field:
                kpi_field(result, field.group(1), piece.part(field.start(2)), period, fy_start_month)
            elif cadence_every(piece.text):
                kpi_field(result, "cadence", piece, period, fy_start_month)
    return result


def kpi_field(item: KPI, key: str, value: LineText, period: PlanningPeriod | None, fy_start_month: int) -> None:
    """Attach `key: value` (written on its own line, or inside a one-line KPI) to a KPI."""
    key = " ".join(key.lower().split())
    value = value.stripped()
    if key in ("source", "data source"):
        item.source = TextField.model_construct(text=value.text, span=value.span())
    elif key == "owner":
        item.owner = TextField.model_construct(text=value.text, span=value.span())
    elif key in ("cadence", "frequency", "reporting cadence"):
        item.cadence = CadenceField.model_construct(text=value.text, span=value.span(), every=cadence_every(value.text))
    elif key == "annual target":
        reading = read_statement(value.text, True)
        item.annual_target = _quantity(reading.target or reading.change, value)
    elif key == "target":
        reading = read_statement(value.text, True)
        if item.measure.target is None:
            item.measure.target = _quantity(reading.target or reading.change, value)
        if item.measure.direction is None and reading.direction:
            item.measure.direction = reading.direction
        if item.measure.target is not None or item.measure.direction in ("increase", "decrease", "maintain"):
            item.kind = "outcome"
        if item.deadline is None:
            item.deadline = deadline_of(reading, value, period, fy_start_month)
