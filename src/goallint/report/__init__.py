"""Reporters: each turns the findings of a run into one output format.

A reporter is a function from a `Report` to text. goallint's own are registered through the
`goallint_reporters` hook, like a plugin's.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
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


class _Lazy:
    """A reporter whose module is imported only when it is used: start-up pays for one format.
    With `chunks`, the report can also be written a piece at a time (`pieces_of`)."""

    def __init__(self, module: str, function: str, chunks: str | None = None) -> None:
        self.module, self.function, self.chunks_function = module, function, chunks
        self.__name__ = function

    def __call__(self, report: Report) -> str:
        reporter: Reporter = getattr(importlib.import_module(self.module), self.function)
        return reporter(report)

    def chunks(self, report: Report) -> Iterable[str] | None:
        if self.chunks_function is None:
            return None
        pieces: Callable[[Report], Iterable[str]] = getattr(importlib.import_module(self.module), self.chunks_function)
        return pieces(report)


def pieces_of(reporter: Reporter, report: Report) -> Iterable[str]:
    """The report's text in pieces that join to `reporter(report)`: one at a time where the
    format can be written so (a SARIF log of 40,000 results is 70 MB, which held whole, joined
    and encoded took three times that at once), else the whole text as one piece."""
    chunks = reporter.chunks(report) if isinstance(reporter, _Lazy) else None
    return chunks if chunks is not None else [reporter(report)]


@hookimpl
def goallint_reporters() -> dict[str, Reporter]:
    return {
        "text": _Lazy("goallint.report.text", "render_text"),
        "concise": _Lazy("goallint.report.text", "render_concise"),
        "json": _Lazy("goallint.report.json_format", "render_json"),
        "sarif": _Lazy("goallint.report.sarif", "render_sarif", chunks="sarif_chunks"),
        "github": _Lazy("goallint.report.github", "render_github"),
        "junit": _Lazy("goallint.report.junit", "render_junit"),
    }
