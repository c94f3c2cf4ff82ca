"""Whole runs on documents built from the goal language's own pieces (test_properties.py's
strategies: labels, numbers, units, dates, directives and garbage, in every order): parsing,
every rule and every reporter never raise, every finding's span and fix lie inside the text, and
the JSON and SARIF reports always validate against their schemas.

tests/fuzz/parse_target.py is the coverage-guided (atheris) counterpart for the syntax stage.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goallint.checking import check_sources
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.model import Finding, findings_json
from goallint.report import Report
from harness import SARIF_SCHEMA
from test_properties import document

PLUGINS = load_plugins()
CONFIGS = ConfigFinder(PLUGINS)
SARIF = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
SARIF_VALIDATOR = jsonschema.validators.validator_for(SARIF)(SARIF)
FINDINGS_SCHEMA = findings_json().json_schema()
FINDINGS_VALIDATOR = jsonschema.validators.validator_for(FINDINGS_SCHEMA)(FINDINGS_SCHEMA)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def inside(finding: Finding, text: str) -> None:
    content = text.removeprefix("\ufeff")
    spans = [finding.span] + ([edit.span for edit in finding.fix.edits] if finding.fix else [])
    for span in spans:
        assert 0 <= span.start.offset <= span.end.offset <= len(content), (finding.rule, span, len(content))
        assert span.start.line >= 1 and span.start.column >= 1, (finding.rule, span)


def run_everything(sources: dict[str, str]) -> list[Finding]:
    findings = check_sources(sources, CONFIGS)
    for finding in findings:
        inside(finding, sources[finding.path or ""])
    report = Report(findings, sources, PLUGINS.rules)
    for name, reporter in PLUGINS.reporters.items():
        rendered = reporter(report)
        assert isinstance(rendered, str), name
        if name == "json":
            FINDINGS_VALIDATOR.validate(json.loads(rendered))
        elif name == "sarif":
            log: Any = json.loads(rendered)
            SARIF_VALIDATOR.validate(log)
    return findings


@FUZZ
@given(document, st.sampled_from(["plan.okr", "plan.md"]))
def test_any_goal_document_lints_and_reports(text: str, name: str) -> None:
    run_everything({name: text})


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["2026-Q1", "2026-Q2", "2026-Q3", "FY27 Q1", "2026"]), document),
                min_size=2, max_size=4))
def test_plans_of_several_periods_lint_together(plans: list[tuple[str, str]]) -> None:
    # the rules over a set of documents (kpi-churn, annual-target-changed) see all of them
    sources = {f"team/{n}.okr": f"period: {period}\nowner: Team\n{text}" for n, (period, text) in enumerate(plans)}
    run_everything(sources)
