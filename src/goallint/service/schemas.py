"""The shapes of the API's requests and answers, as they appear in /openapi.json.

The document and finding models are goallint's own (`goallint.model`): the API says exactly
what `goallint parse --format json` and `goallint check --output-format json` say.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from goallint.model import Document, Finding, Severity

MAX_FILENAME = 1024
MAX_REPORTS = 8
# goallint.toml nests four deep at most (rules.<rule>.<option> = [values]); deeper is not a
# configuration, and would only make the checks below recurse
MAX_CONFIG_DEPTH = 8


def _problem_in(value: Any) -> str | None:
    """What makes a value unusable, if anything: a string UTF-8 cannot carry (JSON allows lone
    surrogates) or nesting no configuration has. Iterative, so no input can exhaust the stack."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_CONFIG_DEPTH:
            return f"is nested more than {MAX_CONFIG_DEPTH} levels deep"
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return "contains characters that are not valid Unicode (a lone surrogate)"
        elif isinstance(item, dict):
            stack.extend((part, depth + 1) for pair in item.items() for part in pair)
        elif isinstance(item, list):
            stack.extend((part, depth + 1) for part in item)
    return None


class DocumentRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The goal document, as written.",
                      examples=["period: 2026-Q3\nObjective: Make onboarding effortless\n  KR1: Grow weekly active "
                                "teams from 1.2k to 2,000 by Sept 30\n"])
    format: Literal["okr", "md"] | None = Field(
        None, description="How to read the text: `okr` (plain goals) or `md` (a Markdown page). "
                          "Default: from the file name's extension, else from the text: `md` when it shows "
                          "Markdown's marks (subheadings, bold text, links, tables), else `okr`. The answer's "
                          "`document.format` says which was used.")
    filename: str | None = Field(
        None, max_length=MAX_FILENAME,
        description="A name for the document, used in findings and matched by `per-file-ignores`. "
                    "Never read from disk.")
    config: dict[str, Any] | None = Field(
        None, description="Settings in the shape of goallint.toml (`select`, `ignore`, `severity`, `rules`, "
                          "`fiscal-year-start`, …), laid over the service's own configuration.",
        examples=[{"rules": {"kr-count": {"min": 2}}, "severity": {"kr-count": "error"}}])

    @field_validator("text", "filename", "config", mode="before")
    @classmethod
    def _usable(cls, value: Any) -> Any:
        problem = _problem_in(value)
        if problem is not None:
            raise ValueError(problem)
        return value


class LintRequest(DocumentRequest):
    reports: list[str] = Field(
        default_factory=list, max_length=MAX_REPORTS,
        description="Output formats to render as well, such as `sarif` or `json` (see `goallint check "
                    "--output-format`); each comes back as text under `reports`.")


class Summary(BaseModel):
    error: int
    warning: int
    info: int
    total: int
    fail_on: Literal["error", "warning", "info", "never"] = Field(
        description="The configuration's `fail-on` level.")
    failed: bool = Field(description="Whether a finding is at or above `fail_on`: what would make "
                                      "`goallint check` exit 1.")


class LintResponse(BaseModel):
    findings: list[Finding] = Field(description="What to fix, in source order. Spans count characters "
                                                "(code points) from the start of the text.")
    summary: Summary
    document: Document = Field(description="What goallint understood of the document.")
    reports: dict[str, str] | None = Field(None, description="The formats asked for in `reports`, by name.")


class ParseResponse(BaseModel):
    document: Document


class RuleOption(BaseModel):
    name: str
    default: Any = None
    description: str | None = None


class RuleSummary(BaseModel):
    code: str = Field(examples=["GL101"])
    name: str = Field(examples=["kr-count"])
    summary: str
    severity: Severity = Field(description="The rule's default severity.")
    configured_severity: Severity = Field(description="The severity under the service's configuration.")
    enabled: bool = Field(description="Whether the service's configuration runs this rule.")
    fixable: bool
    scope: str
    plugin: str | None = Field(description="The plugin that provides the rule.")


class RuleDetail(RuleSummary):
    why: str
    bad: str = Field(description="A document the rule flags.")
    good: str = Field(description="The same document, fixed.")
    options: list[RuleOption]
    options_schema: dict[str, Any] = Field(description="JSON Schema of the rule's options (`[rules.<name>]`).")
    docs: str = Field(description="The text of `goallint explain`.")


class RulesResponse(BaseModel):
    rules: list[RuleSummary]


class Health(BaseModel):
    status: Literal["ok", "starting"]
    version: str
    workers: int = Field(description="Worker processes ready to lint.")
    busy: int = Field(description="Of those, how many are linting now.")
