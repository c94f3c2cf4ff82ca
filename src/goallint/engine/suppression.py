"""Inline suppression: comments in a goal document that silence named rules.

In `.okr`:

    # goallint: disable=kr-count          the next line that has content (blank lines and
                                          other comments between are skipped)
    KR: Ship it   # goallint: disable=GL203    this line
    # goallint: disable-file=kr-count     the whole file, wherever it is written

In Markdown the same directives are HTML comments: `<!-- goallint: disable=kr-count -->`.
Rules are named by name or code, separated by commas. Suppression runs after the rules, on
their findings, keyed by the line a finding starts on. A directive that silenced nothing (or
that names no rule, or that goallint cannot read) is reported by the `unused-suppression` rule.
Directives are read from the source text, not the parsed document: the `.okr` reader keeps
only whole-line comments, and Markdown comments are not part of the goal model.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from goallint.engine.hookspecs import hookimpl
from goallint.engine.plugins import Plugins
from goallint.engine.rule import Context, Rule
from goallint.engine.runner import Selection
from goallint.lines import split_lines
from goallint.model import Document, Finding, Position, Span

_OKR_RE = re.compile(r"(?:^|(?<=\s))#\s*goallint\s*:(?P<body>.*)$", re.I)
_MARKDOWN_RE = re.compile(r"<!--\s*goallint\s*:(?P<body>.*?)-->", re.I | re.S)
_ANY_DIRECTIVE_RE = re.compile(r"goallint\s*:", re.I)
_BODY_RE = re.compile(r"^\s*(?P<action>disable(?:-file)?)\s*=\s*(?P<rules>.*?)\s*$", re.I | re.S)
_MARKDOWN_EOL_RE = re.compile(r"\r\n|\r|\n")  # what the Markdown reader counts as a line end
_FENCE_RE = re.compile(r"^ {0,3}(```|~~~)")
_COMMENT_ONLY_MD_RE = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.S)


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
    good = "# goallint: disable-file=kr-count\nObjective: Delight customers\n  KR: Lift NPS from 30 to 45"

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

    def covers(self, finding: Finding) -> bool:
        return self.line is None or finding.span.start.line == self.line


def find_suppressions(text: str, fmt: str) -> list[Suppression]:
    """The directives of a document's source, in order; `fmt` is "okr" or "md"."""
    text = text.removeprefix("\ufeff")  # offsets count from after a BOM, as the readers do
    if _ANY_DIRECTIVE_RE.search(text) is None:  # most files have none: one scan instead of a pass per line
        return []
    if fmt == "md":
        return _markdown_suppressions(text)
    return _okr_suppressions(text)


def _okr_suppressions(text: str) -> list[Suppression]:
    lines = _lines(split_lines(text, keepends=True))  # the lines the .okr reader numbers
    position = _Positions([offset for offset, _ in lines])
    found: list[Suppression] = []
    for index, (offset, line) in enumerate(lines):
        match = _OKR_RE.search(line)
        if match is None:
            continue
        own_line = not line[: match.start()].strip()
        following = (
            at + 1 for at in range(index + 1, len(lines))  # line numbers are 1-based
            if (later := lines[at][1]).strip() and not later.lstrip().startswith("#")
        )
        target = next(following, 0) if own_line else index + 1
        found.append(_suppression(text, offset + match.start(), offset + match.end(), match["body"], target, position))
    return found


def _markdown_suppressions(text: str) -> list[Suppression]:
    starts = [0, *(m.end() for m in _MARKDOWN_EOL_RE.finditer(text))]
    pieces = [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)], strict=True)]
    lines = _lines(pieces)
    position = _Positions(starts)
    fenced = _fenced_lines(line for _, line in lines)
    found: list[Suppression] = []
    for match in _MARKDOWN_RE.finditer(text):
        index = position.line(match.start()) - 1
        if index in fenced:
            continue
        offset, line = lines[index]
        last = position.line(match.end()) - 1
        before, after = line[: match.start() - offset], text[match.end() : _line_end(text, match.end())]
        own_line = not before.strip() and not after.strip()
        following = (
            at + 1 for at in range(last + 1, len(lines))
            if (later := lines[at][1]).strip() and not _COMMENT_ONLY_MD_RE.match(later)
        )
        target = next(following, 0) if own_line else index + 1
        found.append(_suppression(text, match.start(), match.end(), match["body"], target, position))
    return found


def _lines(pieces: Sequence[str]) -> list[tuple[int, str]]:
    """Each line's offset and text (without its line end)."""
    result: list[tuple[int, str]] = []
    offset = 0
    for piece in pieces:
        result.append((offset, piece.rstrip("\r\n")))
        offset += len(piece)
    return result


class _Positions:
    """Offsets to positions, given where each line starts."""

    def __init__(self, starts: Sequence[int]) -> None:
        self.starts = starts or [0]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def __call__(self, offset: int) -> Position:
        line = self.line(offset)
        return Position.model_construct(line=line, column=offset - self.starts[line - 1] + 1, offset=offset)


def _line_end(text: str, offset: int) -> int:
    found = _MARKDOWN_EOL_RE.search(text, offset)
    return found.start() if found else len(text)


def _fenced_lines(lines: Iterable[str]) -> set[int]:
    """Lines inside fenced code blocks, where a directive is an example, not an instruction."""
    inside: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE_RE.match(line)
        if fence is None:
            if opening:
                fence = opening[1]
            continue
        if opening and opening[1] == fence:
            fence = None
        else:
            inside.add(index)
    return inside


def _suppression(text: str, start: int, end: int, body: str, target: int, position: _Positions) -> Suppression:
    span = Span.model_construct(start=position(start), end=position(end))
    parsed = _BODY_RE.match(body)
    if parsed is None:
        return Suppression(text[start:end], span, None, (), target)
    action = parsed["action"].lower()
    rules = tuple(word for word in re.split(r"[\s,]+", parsed["rules"]) if word)
    return Suppression(text[start:end], span, action, rules, None if action == "disable-file" else target)


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
    directive (or rule named in one) that silenced nothing, when that rule is selected."""
    directives: dict[str, list[Suppression]] = {}
    for document in documents:
        text = sources.get(document.path or "")
        if text is not None and document.path is not None:
            directives[document.path] = find_suppressions(text, document.format)
    by_line = _by_line(directives)
    used: set[tuple[str, int, str]] = set()
    kept = [f for f in findings if not _silenced(f, by_line, plugins, used)]
    selected = {rule.name for rule in selection.rules}
    if UnusedSuppression.name not in selected:
        return kept
    unused = [
        finding for path, found in directives.items() for index, directive in enumerate(found)
        for finding in _unused(path, index, directive, used, plugins, selection)
    ]
    return kept + [f for f in unused if not _silenced(f, by_line, plugins, used)]


# path -> line (None: the whole file) -> the directives covering that line, with their index
_ByLine = dict[str, dict[int | None, list[tuple[int, Suppression]]]]


def _by_line(directives: Mapping[str, list[Suppression]]) -> _ByLine:
    """Directives indexed by the line they silence, so a finding looks at its own line only
    (a plan with a directive every few lines made the plain scan quadratic)."""
    index: _ByLine = {}
    for path, found in directives.items():
        lines = index.setdefault(path, {})
        for position, directive in enumerate(found):
            lines.setdefault(directive.line, []).append((position, directive))
    return index


def _silenced(finding: Finding, by_line: _ByLine, plugins: Plugins, used: set[tuple[str, int, str]]) -> bool:
    silenced = False
    path = finding.path or ""
    lines = by_line.get(path)
    if not lines:
        return False
    for index, directive in [*lines.get(finding.span.start.line, ()), *lines.get(None, ())]:
        if directive.covers(finding) and any(_names(plugins, written) == finding.rule for written in directive.rules):
            used.add((path, index, finding.rule))
            silenced = True
    return silenced


def _names(plugins: Plugins, written: str) -> str | None:
    rule = plugins.rule(written)
    return rule.name if rule is not None else None


def _unused(
    path: str, index: int, directive: Suppression, used: set[tuple[str, int, str]], plugins: Plugins,
    selection: Selection,
) -> Iterator[Finding]:
    def report(message: str, hint: str) -> Finding:
        return Finding.model_construct(
            code=UnusedSuppression.code, rule=UnusedSuppression.name,
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
    selected = {rule.name for rule in selection.rules}
    where = "in this file" if directive.line is None else f"on line {directive.line}"
    for written in directive.rules:
        name = _names(plugins, written)
        if name is None:
            words = [word for rule in plugins.rules.values() for word in (rule.name, rule.code)]
            close = difflib.get_close_matches(written, words, n=1)
            suggestion = f" Did you mean '{close[0]}'?" if close else ""
            yield report(f"There is no rule '{written}' to disable.{suggestion}", "Run 'goallint rules' to list them.")
        elif name == UnusedSuppression.name or (path, index, name) in used:
            continue
        elif name not in selected:
            yield report(f"{name} is not enabled here, so there is nothing to disable.",
                         "Remove it from the directive.")
        else:
            yield report(f"This directive disables {name}, but {name} reports nothing {where}.",
                         "Remove it from the directive, or move the directive to the line the finding is on.")
