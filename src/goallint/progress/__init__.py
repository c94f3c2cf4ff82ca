"""Progress, pace, status and grades from the check-ins written in a plan (docs/progress.md)."""

from __future__ import annotations

from goallint.progress.evaluate import (
    DocumentProgress,
    ItemProgress,
    ObjectiveProgress,
    Settings,
    evaluate_document,
    evaluate_item,
    evaluate_objective,
)
from goallint.progress.formulas import Status, Thresholds

__all__ = [
    "DocumentProgress", "ItemProgress", "ObjectiveProgress", "Settings", "Status", "Thresholds",
    "evaluate_document", "evaluate_item", "evaluate_objective",
]
