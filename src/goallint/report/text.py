"""The default output: path:line:col, code and name, message, the line with a caret, the hint.

Findings on the same span (a KPI without a target, a source and a cadence) share one block: each
says its message, the line is quoted once. A long line is shown as a window around the span,
cut with `…`, as rustc and ruff do: a 30,000-character line costs what a short one does, and the
carets fit a terminal. The machine formats (JSON, SARIF) keep the whole line.

Also here: the concise format (one line a finding) and `--statistics` (a count per rule).
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from operator import attrgetter

from goallint.model import SEVERITY_RANK, Finding
from goallint.report import Report
from goallint.report.locations import SourceLines

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
WIDTH = 100  # the most terminal cells of a source line shown; a longer line is cut around the span
_CUT = "…"
_CONTEXT = 8  # characters kept before a span too wide for the window


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def _cells(text: str) -> int:
    """How many terminal cells `text` takes: wide characters two, combining marks none."""
    if text.isascii():  # most plans: one cell a character, without a Unicode lookup for each
        return len(text)
    return sum(_char_cells(char) for char in text)


def _char_cells(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def window(line: str, start: int, end: int, width: int = WIDTH) -> tuple[str, int, int]:
    """The part of `line` to show for a span from character `start` to `end` (end exclusive):
    the text (cut with `…` where it is cut), and where the carets go in it (cells before them,
    and how many). A line that fits is shown whole; work is bounded by `width`, not the line."""
    length = len(line)
    start = max(0, start)
    past_end = max(0, start - length)  # a span just past the end of the line
    start, end = min(start, length), min(max(end, start), length)
    if length <= width and _cells(line) <= width:
        shown = line.replace("\t", " ")
        return shown, _cells(line[:start]) + past_end, max(1, _cells(line[start:end]))
    room = width - 2  # a `…` on each side
    if end - start >= room - _CONTEXT:
        low = max(0, start - _CONTEXT)  # a span wider than the window: its start, with a little before it
        high = low + room
    else:
        low = max(0, start - (room - (end - start)) // 2)  # the span in the middle
        high = min(length, low + room)
        low = max(0, high - room)
    # wide characters: give up the side farther from the span until the window fits
    while _cells(line[low:high]) > room and high - low > 1:
        if start - low > high - end:
            low += 1
        else:
            high -= 1
    before = _CUT if low > 0 else ""
    after = _CUT if high < length else ""
    shown = before + line[low:high].replace("\t", " ") + after
    caret_start = len(before) + _cells(line[low:max(low, start)]) + past_end
    return shown, caret_start, max(1, _cells(line[max(low, start):min(end, high)]))


_Carets = dict[tuple[int, int, str], str]


def _source_line(report: Report, lines: _Lines, finding: Finding, carets: _Carets | None = None) -> list[str]:
    """The quoted line and its carets; `carets` keeps each painted caret line made (most
    findings of a long report put theirs at a few places)."""
    number = finding.span.start.line
    found = lines.get(finding.path, number)
    if found is None:
        return []
    line, plain = found
    start = finding.span.start.column - 1
    end = finding.span.end.column - 1 if finding.span.end.line == number else len(line)
    if plain is not None:  # a short line of one cell a character: what `window` gives, without measuring
        length = len(line)
        start = max(0, start)
        past_end = max(0, start - length)
        start, end = min(start, length), min(max(end, start), length)
        shown, indent, width = plain, start + past_end, max(1, end - start)
    else:
        shown, indent, width = window(line, start, end)
    gutter = f"{number:>4} | "
    # Carets count terminal cells, not characters: an emoji or a CJK character takes two.
    key = (len(gutter) + indent, width, finding.severity)
    caret = carets.get(key) if carets is not None else None
    if caret is None:
        caret = _paint(" " * key[0] + "^" * width, _COLORS[finding.severity], report.color)
        if carets is not None:
            carets[key] = caret
    return [gutter + shown, caret]


class _Lines:
    """Each quoted line once, without its line break, and as shown when it is short and of one
    cell a character (most lines; the findings on one line share the work)."""

    def __init__(self, sources: SourceLines) -> None:
        self._sources = sources
        self._seen: dict[tuple[str | None, int], tuple[str, str | None] | None] = {}

    def get(self, path: str | None, number: int) -> tuple[str, str | None] | None:
        key = (path, number)
        if key not in self._seen:
            found = self._sources.line(path, number)
            if found is None:
                self._seen[key] = None
            else:
                line = found.rstrip("\r\n")
                self._seen[key] = line, line.replace("\t", " ") if len(line) <= WIDTH and line.isascii() else None
        return self._seen[key]


_Labels = dict[tuple[str, str, str], str]


def _header(report: Report, finding: Finding, mark: str = "", labels: _Labels | None = None) -> str:
    """The finding's first line; `labels` keeps each rule's painted label, made once a run."""
    start = finding.span.start
    key = (finding.severity, finding.code, finding.rule)
    label = labels.get(key) if labels is not None else None
    if label is None:
        label = _paint(f"{finding.severity} {finding.code} {finding.rule}", _COLORS[finding.severity], report.color)
        if labels is not None:
            labels[key] = label
    if not report.color:  # the place written straight into the line, without painting it
        return f"{finding.path or '<stdin>'}:{start.line}:{start.column}: {label}: {mark}{finding.message}"
    where = f"{finding.path or '<stdin>'}:{start.line}:{start.column}"
    return f"{_paint(where, _BOLD, report.color)}: {label}: {mark}{finding.message}"


def _same_span(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Neighbouring findings on the same span, together (the findings come in source order)."""
    groups: list[list[Finding]] = []
    last: Finding | None = None
    for finding in findings:
        # most neighbours differ in where they start: only those that do not are compared whole
        if (last is not None and finding.span.start.offset == last.span.start.offset
                and _where(finding) == _where(last)):
            groups[-1].append(finding)
        else:
            groups.append([finding])
        last = finding
    return groups


def _where(finding: Finding) -> tuple[object, ...]:
    """The finding's path and span as plain values: what comparing the models compares, without
    pydantic's recursive `==` (a fifth of a large report's time)."""
    start, end = finding.span.start, finding.span.end
    return finding.path, start.offset, end.offset, start.line, start.column, end.line, end.column


def render_text(report: Report) -> str:
    out: list[str] = []
    lines = _Lines(SourceLines(report.sources))  # each file split once, not once per finding
    labels: _Labels = {}
    hints: dict[tuple[str, str], str] = {}  # a rule's hint is the same on most of its findings
    carets: _Carets = {}
    for group in _same_span(report.findings):
        out.extend([_header(report, finding, "", labels) for finding in group])
        out.extend(_source_line(report, lines, group[0], carets))
        for finding in group:
            if finding.hint:
                named = f" ({finding.code})" if len(group) > 1 else ""
                hint = hints.get((named, finding.hint))
                if hint is None:
                    hint = hints[named, finding.hint] = _paint(f"  hint{named}: {finding.hint}", _DIM, report.color)
                out.append(hint)
    out.extend(summary(report.findings))
    return "\n".join(out) + "\n"


def render_concise(report: Report) -> str:
    """One line a finding (`--output-format concise`), `[*]` on those `--fix` can fix."""
    labels: _Labels = {}
    out = [_header(report, f, "[*] " if _fixable(f) == "safe" else "", labels) for f in report.findings]
    out.extend(summary(report.findings))
    return "\n".join(out) + "\n"


def render_statistics(report: Report) -> str:
    """`--statistics`: how many findings of each rule, the most first, `[*]` where `--fix` can fix."""
    counts = Counter((f.code, f.rule) for f in report.findings)
    fixable = {(f.code, f.rule) for f in report.findings if _fixable(f) == "safe"}
    width = len(str(max(counts.values(), default=0)))
    code_width = max((len(code) for code, _ in counts), default=0)
    out = [
        f"{n:>{width}}  {code:<{code_width}}  {'[*] ' if (code, rule) in fixable else '    '}{rule}"
        for (code, rule), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    out.extend(summary(report.findings))
    return "\n".join(out) + "\n"


def _fixable(finding: Finding) -> str | None:
    """"safe" (`--fix` applies it), "unsafe" (with `--unsafe-fixes`) or None."""
    fix = finding.fix
    return fix.applicability if fix is not None and fix.applicability != "display-only" else None


_SEVERITY, _PATH, _FIX = attrgetter("severity"), attrgetter("path"), attrgetter("fix")


def summary(findings: Sequence[Finding]) -> list[str]:
    """The closing lines: how many findings of each severity in how many files, and how many
    `--fix` can fix."""
    if not findings:
        return ["No problems found."]
    counts = Counter(map(_SEVERITY, findings))  # read in C: a long report has tens of thousands
    files = len(set(map(_PATH, findings)))
    by_rank = sorted(counts.items(), key=lambda item: -SEVERITY_RANK[item[0]])
    said = ", ".join(f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in by_rank if n)
    out = [f"Found {said} in {files} file{'s' if files != 1 else ''}."]
    fixes = Counter(fix.applicability for fix in map(_FIX, findings) if fix is not None)  # "display-only" is not said
    if fixes["safe"]:
        more = f" ({fixes['unsafe']} more with --fix --unsafe-fixes)" if fixes["unsafe"] else ""
        out.append(f"[*] {fixes['safe']} fixable with --fix{more}.")
    elif fixes["unsafe"]:
        out.append(f"{fixes['unsafe']} fixable with --fix --unsafe-fixes.")
    return out
