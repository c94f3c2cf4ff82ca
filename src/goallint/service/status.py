"""`POST /v1/status`: progress, pace and status of a pasted document, as `goallint status` works
them out (docs/progress.md), with the findings of `goallint check` beside them.

The request and answer shapes live here; the work runs in a worker process like every document
(`goallint.service.work` calls `status_answer`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, field_validator

from goallint.model import Finding
from goallint.service.schemas import DocumentRequest

if TYPE_CHECKING:
    from goallint.config import Config
    from goallint.engine.plugins import Plugins
    from goallint.syntax import Format


class StatusRequest(DocumentRequest):
    as_of: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"},
                              description="Judge progress as on this day (YYYY-MM-DD). Default: today.",
                              examples=["2026-08-15"])
    weighting: Literal["mean", "priority"] = Field(
        "mean", description="Roll key results up as a plain mean, or weighted by priority (P0–P4: 2, 1, ½, ¼, ⅛).")
    total: Literal["objectives", "key-results"] = Field(
        "objectives", description="The plan's total: the mean of its objectives, or of all its key results.")
    html: bool = Field(False, strict=True, description="Also return the self-contained HTML report under `html`.")

    @field_validator("as_of")
    @classmethod
    def _a_real_day(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"'{value}' is not a day: write it as YYYY-MM-DD, for example 2026-08-15") from None
        return value


class StatusResponse(BaseModel):
    status: dict[str, Any] = Field(
        description="One document of `goallint status --format json` (its JSON Schema: docs/progress.md).")
    findings: list[Finding] = Field(description="What `goallint check` finds, as in POST /v1/lint.")
    html: str | None = Field(None, description="The HTML report, when asked for.")


def options_of(body: StatusRequest) -> dict[str, Any]:
    """What the worker needs besides the document (plain data: it crosses a pipe)."""
    return {"as_of": body.as_of, "weighting": body.weighting,
            "total": body.total, "html": body.html}


def status_answer(
    text: str, name: str | None, fmt: Format, config: Config, plugins: Plugins, options: Mapping[str, Any],
) -> bytes:
    """The answer's JSON body. The as-of day applies to the tracking rules too, for this job only."""
    from goallint import clock
    from goallint.checking import check_text
    from goallint.model import findings_json
    from goallint.progress.evaluate import Settings, evaluate_document
    from goallint.progress.report_json import document_json

    as_of = date.fromisoformat(options["as_of"]) if options.get("as_of") else None
    clock.set_as_of(as_of)
    try:
        document, findings = check_text(text, name, config, plugins, fmt)
        result = evaluate_document(document, clock.today(),
                                   Settings(weighting=options.get("weighting", "mean"),
                                            total=options.get("total", "objectives")))
    finally:
        clock.set_as_of(None)  # a worker answers many requests: the next one judges as of its own day
    parts = [b'{"status":', json.dumps(document_json(result), ensure_ascii=False).encode(),
             b',"findings":', findings_json().dump_json(findings)]
    if options.get("html"):
        from goallint.progress.report_html import render_html

        page = render_html([result], {document.path: findings})
        parts += [b',"html":', json.dumps(page, ensure_ascii=False).encode()]
    return b"".join([*parts, b"}"])
