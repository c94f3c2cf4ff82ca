"""Reporters: each turns the findings of a run into one output format.

A reporter is a function from a `Report` to text. goallint's own are registered through the
`goallint_reporters` hook, like a plugin's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from goallint.engine.hookspecs import hookimpl
from goallint.engine.rule import Rule
from goallint.model import Finding


@dataclass(frozen=True)
class Report:
    findings: Sequence[Finding]
    sources: Mapping[str, str] = field(default_factory=dict)  # path -> text, for source lines
    rules: Mapping[str, type[Rule]] = field(default_factory=dict)  # name -> rule, for metadata
    color: bool = False


Reporter = Callable[[Report], str]


@hookimpl
def goallint_reporters() -> dict[str, Reporter]:
    from goallint.report.github import render_github
    from goallint.report.json_format import render_json
    from goallint.report.junit import render_junit
    from goallint.report.sarif import render_sarif
    from goallint.report.text import render_text

    return {"text": render_text, "json": render_json, "sarif": render_sarif, "github": render_github,
            "junit": render_junit}
