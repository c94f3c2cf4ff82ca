"""`--output-format json`: the findings as a JSON array (the `Finding` model, one per item)."""

from __future__ import annotations

import json

from goallint.report import Report


def render_json(report: Report) -> str:
    return json.dumps([f.model_dump(mode="json") for f in report.findings], ensure_ascii=False, indent=2) + "\n"
