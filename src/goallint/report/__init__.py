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
    links: Mapping[str, str] = field(default_factory=dict)  # name -> where the rule is documented (docs-url)


Reporter = Callable[[Report], str]


def _lazy(module: str, function: str) -> Reporter:
    """A reporter whose module is imported only when it is used: start-up pays for one format."""

    def render(report: Report) -> str:
        import importlib

        reporter: Reporter = getattr(importlib.import_module(module), function)
        return reporter(report)

    render.__name__ = function
    return render


@hookimpl
def goallint_reporters() -> dict[str, Reporter]:
    return {
        "text": _lazy("goallint.report.text", "render_text"),
        "concise": _lazy("goallint.report.text", "render_concise"),
        "json": _lazy("goallint.report.json_format", "render_json"),
        "sarif": _lazy("goallint.report.sarif", "render_sarif"),
        "github": _lazy("goallint.report.github", "render_github"),
        "junit": _lazy("goallint.report.junit", "render_junit"),
    }
