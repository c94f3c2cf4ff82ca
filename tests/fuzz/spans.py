"""The span check shared by the fuzz target and tests/test_fuzz_crashes.py: every span of a dumped
document model lies inside the text it was read from. No goallint import here, so the fuzz target
keeps importing goallint only under atheris's instrumentation."""

from __future__ import annotations

from typing import Any


def spans(node: Any) -> list[dict[str, Any]]:
    """Every span in a dumped model (a dict whose `start` and `end` are positions)."""
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("start"), dict) and isinstance(item.get("end"), dict):
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def misplaced_spans(dumped: Any, length: int) -> list[dict[str, Any]]:
    """The spans of `dumped` that do not lie within a text of `length` characters."""
    return [span for span in spans(dumped) if not 0 <= span["start"]["offset"] <= span["end"]["offset"] <= length]
