"""Inline suppression: `goallint: disable` comments in a goal document that silence named rules.

The syntax layer reads the directives (goallint.syntax.directives, where their forms are
described) into `Document.directives`; this module applies them after the rules, to their
findings, keyed by the line a finding starts on. A directive that silenced nothing (or that
names no rule, or that goallint cannot read) is reported by the `unused-suppression` rule.
Findings taken from the result cache come without a parsed document: their directives are read
from the text then, the one reading of that run.

Every step is a dictionary look-up: a finding finds the directives covering its line and rule
through an index, each rule name is resolved once per run, and a directive naming a rule
thousands of times counts it once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from goallint.engine.hookspecs import hookimpl
from goallint.engine.plugins import Plugins
from goallint.engine.rule import Context, Rule
from goallint.engine.runner import Selection
from goallint.model import Directive, Document, Finding, Span, constructed
from goallint.syntax.directives import read_directives

# Past this many names goallint does not know, one directive gets one finding for the rest.
MAX_UNKNOWN_NAMES = 10


class UnusedSuppression(Rule):
    code = "GL901"
    name = "unused-suppression"
    summary = "A `goallint: disable` comment that silences nothing."
    scope = "document"
    severity = "warning"
    why = (
        "A suppression that no longer silences anything hides the next real problem on that line, "
        "and one with a misspelt rule name never worked."
    )
    bad = "Objective: Delight customers\n  # goallint: disable=kr-cuont\n  KR: Lift NPS from 30 to 45"
    # (checked with this rule alone selected, where a directive naming any other rule is unused)
    good = "Objective: Delight customers\n  KR: Lift NPS from 30 to 45"

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        # reported by `apply_suppressions`, after the other rules have run
        return iter(())


@hookimpl
def goallint_rules() -> list[type[Rule]]:
    return [UnusedSuppression]


@dataclass(frozen=True)
class Suppression:
    """One directive: which rules (as written) it silences, and where.

    `line` is the line it silences, or None for the whole file (`disable-file`). `action` is
    None for a directive goallint cannot read.
    """

    text: str
    span: Span
    action: str | None
    rules: tuple[str, ...]
    line: int | None

    @classmethod
    def of(cls, directive: Directive) -> Suppression:
        return cls(directive.text, directive.span, directive.action, directive.rules, directive.line)

    def covers(self, finding: Finding) -> bool:
        return self.line is None or finding.span.start.line == self.line


def find_suppressions(text: str, fmt: str) -> list[Suppression]:
    """The directives of a document's source, in order; `fmt` is "okr" or "md"."""
    return [Suppression.of(directive) for directive in read_directives(text, fmt)]


# --- Applying them ------------------------------------------------------------------------------


class Source(Protocol):
    """What directives are looked up by: a document's path and format (a `Document` will do)."""

    @property
    def path(self) -> str | None: ...

    @property
    def format(self) -> str: ...


class SourceName(NamedTuple):
    """A `Source` without its document, for findings that come from the cache."""

    path: str
    format: str


def apply_suppressions(
    findings: Sequence[Finding],
    documents: Sequence[Source],
    sources: Mapping[str, str],
    plugins: Plugins,
    selection: Selection,
) -> list[Finding]:
    """The findings no directive silences, plus an `unused-suppression` finding for each
    directive (or rule named in one) that silenced nothing, when that rule is selected.

    A parsed `Document` brings its directives; for any other `Source` they are read from its
    text in `sources`."""
    directives: dict[str, list[Suppression]] = {}
    for document in documents:
        if document.path is None:
            continue
        if isinstance(document, Document):
            directives[document.path] = [Suppression.of(directive) for directive in document.directives]
        elif (text := sources.get(document.path)) is not None:
            directives[document.path] = find_suppressions(text, document.format)
    if not any(directives.values()):
        return list(findings)
    names = _Names(plugins)
    index = _Index(directives, names)
    kept = [f for f in findings if not index.silences(f)]
    selected = {rule.name for rule in selection.rules}
    if UnusedSuppression.name not in selected:
        return kept
    unused = [
        finding for path, found in directives.items() for at, directive in enumerate(found)
        for finding in _unused(path, at, directive, index.used, names, selected, selection)
    ]
    return kept + [f for f in unused if not index.silences(f)]


class _Names:
    """Rule names as written in directives to the rules' names (None: no such rule), each
    looked up once however often it is written."""

    def __init__(self, plugins: Plugins) -> None:
        self.plugins = plugins
        self._known: dict[str, str | None] = {}
        self._words: list[str] | None = None
        self._close: dict[str, str | None] = {}  # a directive repeated a thousand times asks a thousand times

    def __call__(self, written: str) -> str | None:
        if written not in self._known:
            rule = self.plugins.rule(written)
            self._known[written] = rule.name if rule is not None else None
        return self._known[written]

    def close_to(self, written: str) -> str | None:
        asked = written[:100]
        if asked not in self._close:
            if self._words is None:
                self._words = [word for rule in self.plugins.rules.values() for word in (rule.name, rule.code)]
            close = difflib.get_close_matches(asked, self._words, n=1)
            self._close[asked] = close[0] if close else None
        return self._close[asked]


class _Index:
    """The directives by (path, line they silence or None for the whole file, rule name), and
    which of them silenced something: (path, directive index, rule name)."""

    def __init__(self, directives: Mapping[str, list[Suppression]], names: _Names) -> None:
        self.by_key: dict[tuple[str, int | None, str], list[int]] = {}
        for path, found in directives.items():
            for at, directive in enumerate(found):
                for name in {names(written) for written in directive.rules}:
                    if name is not None:
                        self.by_key.setdefault((path, directive.line, name), []).append(at)
        self.used: set[tuple[str, int, str]] = set()
        self._marked: set[tuple[str, int | None, str]] = set()

    def silences(self, finding: Finding) -> bool:
        path = finding.path or ""
        silenced = False
        for key in ((path, finding.span.start.line, finding.rule), (path, None, finding.rule)):
            covering = self.by_key.get(key)
            if covering is None:
                continue
            silenced = True
            if key not in self._marked:  # the first finding marks them all; the next ones need not
                self._marked.add(key)
                self.used.update((path, at, finding.rule) for at in covering)
        return silenced


def _unused(
    path: str, index: int, directive: Suppression, used: set[tuple[str, int, str]], names: _Names,
    selected: set[str], selection: Selection,
) -> Iterator[Finding]:
    def report(message: str, hint: str) -> Finding:
        return constructed(  # every field, in order: without model_construct's loop over them
            Finding, code=UnusedSuppression.code, rule=UnusedSuppression.name,
            severity=selection.severity_of(UnusedSuppression), message=message, hint=hint, path=path,
            span=directive.span, fix=None,
        )

    if directive.action is None or not directive.rules:
        yield report(
            "goallint cannot read this directive.",
            "Write 'goallint: disable=RULE' to silence a rule on the next line (or at the end of the "
            "line itself), or 'goallint: disable-file=RULE' for the whole file; name rules by name or code.",
        )
        return
    if directive.line == 0:
        yield report("This directive has no line after it to apply to.",
                     "Move it onto the line above the one it is meant for, or remove it.")
        return
    where = "in this file" if directive.line is None else f"on line {directive.line}"
    reported: set[str] = set()  # each rule once, however often (and by name or code) it is named
    unknown: list[str] = []
    for written in directive.rules:
        name = names(written)
        if name is None:
            if written not in reported:
                reported.add(written)
                unknown.append(written)
            continue
        if name in reported or name == UnusedSuppression.name or (path, index, name) in used:
            continue
        reported.add(name)
        if name not in selected:
            yield report(f"{name} is not enabled here, so there is nothing to disable.",
                         "Remove it from the directive.")
        else:
            yield report(f"This directive disables {name}, but {name} reports nothing {where}.",
                         "Remove it from the directive, or move the directive to the line the finding is on.")
    for written in unknown[:MAX_UNKNOWN_NAMES]:
        close = names.close_to(written)
        suggestion = f" Did you mean '{close}'?" if close else ""
        shown = written if len(written) <= 60 else written[:59] + "…"
        yield report(f"There is no rule '{shown}' to disable.{suggestion}", "Run 'goallint rules' to list them.")
    if len(unknown) > MAX_UNKNOWN_NAMES:
        yield report(
            f"This directive names {len(unknown) - MAX_UNKNOWN_NAMES:,} more rules that do not exist.",
            "Run 'goallint rules' to list them, and name only those in the directive.",
        )
