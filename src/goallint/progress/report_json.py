"""`goallint status --format json`: the public contract, described by STATUS_SCHEMA.

Same input and `--as-of`, same bytes: numbers are rounded to 4 decimals, keys keep one order,
nothing depends on the clock or on dictionary hashing.
"""

from __future__ import annotations

from typing import Any

from pydantic_core import to_json

from goallint.model import Checkin, Quantity
from goallint.progress.evaluate import DocumentProgress, ItemProgress, ObjectiveProgress
from goallint.progress.formulas import STATUSES, pace_ratio
from goallint.progress.labels import current_text

SCHEMA_ID = "https://goallint.dev/schemas/status-1.json"


def _round(number: float | None) -> float | None:
    return None if number is None else round(number, 4) + 0.0  # + 0.0: no "-0.0"


def _value(quantity: Quantity | None) -> float | None:
    return None if quantity is None else _round(quantity.value)


def _checkin(checkin: Checkin) -> dict[str, Any]:
    value = checkin.value
    return {
        "date": checkin.date,
        "kind": checkin.kind,
        "value": _value(value),
        "value_text": value.text if value else None,
        "unit": value.unit if value else None,
        "done": checkin.done,
        "grade": _round(checkin.grade),
        "confidence": _round(checkin.confidence),
        "status": checkin.status,
        "note": checkin.note,
        "line": checkin.span.start.line,
    }


def item_json(item: ItemProgress) -> dict[str, Any]:
    node = item.item
    measure = node.measure
    written = measure.target or measure.baseline
    current = item.current
    ratio = pace_ratio(item.progress, item.expected) if item.progress is not None and item.expected else None
    return {
        "label": node.label,
        "text": node.text,
        "line": node.span.start.line,
        "formula": item.mode,
        "baseline": _value(measure.baseline),
        "target": _value(measure.target),
        "unit": written.unit if written is not None else None,
        "current": _value(current.value) if current is not None else None,
        "current_text": None if current is None and item.mode != "milestones" else current_text(item),
        "progress": _round(item.progress),
        "expected": _round(item.expected),
        "pace": _round(ratio) if item.mode != "threshold" else None,
        "status": item.status,
        "grade": _round(item.grade),
        "projection": _round(item.projection),
        "confidence": _round(item.confidence),
        "written_status": item.written_status,
        "reason": item.reason,
        "weight": _round(item.weight),
        "priority": getattr(node, "priority", None),
        "last_checkin": item.last_date,
        "stale_since": item.stale_since,
        "checkins": [_checkin(c) for c in node.checkins],
    }


def objective_json(objective: ObjectiveProgress) -> dict[str, Any]:
    node = objective.objective
    return {
        "label": node.label,
        "text": node.text,
        "line": node.span.start.line,
        "commitment": node.commitment,
        "progress": _round(objective.progress),
        "expected": _round(objective.expected),
        "status": objective.status,
        "grade": _round(objective.grade),
        "written_grade": _round(objective.written_grade),
        "key_results": [item_json(i) for i in objective.key_results],
    }


def document_json(result: DocumentProgress) -> dict[str, Any]:
    document = result.document
    period = document.period
    return {
        "path": document.path,
        "period": None if period is None else {"label": period.label, "start": period.start, "end": period.end},
        "as_of": result.as_of.isoformat(),
        "expected": _round(result.expected),
        "progress": _round(result.progress),
        "grade": _round(result.grade),
        "summary": {**{status: result.counts.get(status, 0) for status in STATUSES}, "stale": result.stale},
        "objectives": [objective_json(o) for o in result.objectives],
        "kpis": [item_json(i) for i in result.kpis],
    }


def render_json(results: list[DocumentProgress]) -> str:
    # pydantic-core writes indented JSON in Rust: the json module's indenting encoder is pure Python
    # (3 s of a 2,000-key-result plan). Keys keep their order; floats print as Python's repr does.
    return to_json([document_json(r) for r in results], indent=2).decode() + "\n"


_FRACTION = {"type": ["number", "null"], "description": "A fraction: 0.5 is 50 %; null where it cannot be known."}
_NULLABLE_STRING = {"type": ["string", "null"]}
_DATE = {"type": ["string", "null"], "format": "date"}
_STATUS = {"enum": list(STATUSES)}
_LINE = {"type": "integer", "minimum": 1, "description": "1-based line of the item in its document."}

STATUS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_ID,
    "title": "goallint status",
    "description": "Progress, pace, status and grade of every objective, key result and KPI, as of a date "
                   "(docs/progress.md). A list: one entry per document.",
    "type": "array",
    "items": {"$ref": "#/$defs/document"},
    "$defs": {
        "checkin": {
            "type": "object",
            "additionalProperties": False,
            "required": ["date", "kind", "value", "value_text", "unit", "done", "grade", "confidence", "status",
                         "note", "line"],
            "properties": {
                "date": _DATE,
                "kind": {"enum": ["check-in", "grade", "projection"]},
                "value": {"type": ["number", "null"], "description": "The value as the statement grammar reads it."},
                "value_text": _NULLABLE_STRING, "unit": _NULLABLE_STRING,
                "done": {"type": ["boolean", "null"]},
                "grade": _FRACTION, "confidence": _FRACTION,
                "status": _NULLABLE_STRING, "note": _NULLABLE_STRING, "line": _LINE,
            },
        },
        "item": {
            "type": "object",
            "additionalProperties": False,
            "required": ["text", "line", "current", "progress", "expected", "status", "grade", "checkins"],
            "properties": {
                "label": _NULLABLE_STRING, "text": {"type": "string"}, "line": _LINE,
                "formula": {"enum": ["increase", "decrease", "threshold", "effort", "milestones", "graded", "none"]},
                "baseline": {"type": ["number", "null"]}, "target": {"type": ["number", "null"]},
                "unit": _NULLABLE_STRING,
                "current": {"type": ["number", "null"], "description": "The latest check-in's value."},
                "current_text": {"type": ["string", "null"],
                                 "description": 'The latest value as a reader would say it: "1,650", "740 ms", '
                                                '"done", "1 of 2 milestones".'},
                "progress": {**_FRACTION, "description": "Not capped: 1.25 is 125 %."},
                "expected": {**_FRACTION, "description": "Days since the period's first day ÷ days from its first "
                                                         "to its last day."},
                "pace": {**_FRACTION, "description": "progress ÷ expected."},
                "status": _STATUS,
                "grade": {**_FRACTION, "description": "null until the period has ended, unless written."},
                "projection": _FRACTION, "confidence": _FRACTION,
                "written_status": _NULLABLE_STRING, "reason": _NULLABLE_STRING,
                "weight": {"type": "number"}, "priority": {"type": ["integer", "null"]},
                "last_checkin": _DATE, "stale_since": _DATE,
                "checkins": {"type": "array", "items": {"$ref": "#/$defs/checkin"}},
            },
        },
        "objective": {
            "type": "object",
            "additionalProperties": False,
            "required": ["text", "line", "progress", "expected", "status", "grade", "key_results"],
            "properties": {
                "label": _NULLABLE_STRING, "text": {"type": "string"}, "line": _LINE,
                "commitment": {"enum": ["committed", "aspirational", None]},
                "progress": {**_FRACTION, "description": "Weighted mean of its key results, each within [0, 1]."},
                "expected": _FRACTION, "status": _STATUS, "grade": _FRACTION, "written_grade": _FRACTION,
                "key_results": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            },
        },
        "document": {
            "type": "object",
            "additionalProperties": False,
            "required": ["path", "period", "as_of", "objectives", "kpis"],
            "properties": {
                "path": _NULLABLE_STRING,
                "period": {
                    "type": ["object", "null"],
                    "additionalProperties": False,
                    "required": ["label", "start", "end"],
                    "properties": {"label": {"type": "string"}, "start": _DATE, "end": _DATE},
                },
                "as_of": {"type": "string", "format": "date"},
                "expected": _FRACTION, "progress": _FRACTION, "grade": _FRACTION,
                "summary": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {**{s: {"type": "integer"} for s in STATUSES}, "stale": {"type": "integer"}},
                },
                "objectives": {"type": "array", "items": {"$ref": "#/$defs/objective"}},
                "kpis": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            },
        },
    },
}
