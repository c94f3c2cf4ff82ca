"""The default output: path:line:col, code and name, message, the line with a caret, the hint."""

from __future__ import annotations

import unicodedata

from goallint.model import SEVERITY_RANK, Finding
from goallint.report import Report
from goallint.report.locations import SourceLines

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(text: str, style: str, color: bool) -> str:
    return f"{style}{text}{_RESET}" if color else text


def _cells(text: str) -> int:
    """How many terminal cells `text` takes: wide characters two, combining marks none."""
    if text.isascii():  # most plans: one cell a character, without a Unicode lookup for each
        return len(text)
    cells = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells


def _source_line(report: Report, sources: SourceLines, finding: Finding) -> list[str]:
    number = finding.span.start.line
    found = sources.line(finding.path, number)
    if found is None:
        return []
    line = found.rstrip("\r\n").expandtabs(1)
    start = finding.span.start.column - 1
    end = finding.span.end.column - 1 if finding.span.end.line == number else len(line)
    gutter = f"{number:>4} | "
    # Carets count terminal cells, not characters: an emoji or a CJK character takes two.
    indent = len(gutter) + _cells(line[:start]) + max(0, start - len(line))
    caret = " " * indent + "^" * max(1, _cells(line[start:end]))
    return [gutter + line, _paint(caret, _COLORS[finding.severity], report.color)]


def render_text(report: Report) -> str:
    out: list[str] = []
    sources = SourceLines(report.sources)  # each file split once, not once per finding
    for finding in report.findings:
        where = f"{finding.path or '<stdin>'}:{finding.span.start.line}:{finding.span.start.column}"
        label = _paint(f"{finding.severity} {finding.code} {finding.rule}", _COLORS[finding.severity], report.color)
        out.append(f"{_paint(where, _BOLD, report.color)}: {label}: {finding.message}")
        out.extend(_source_line(report, sources, finding))
        if finding.hint:
            out.append(_paint(f"  hint: {finding.hint}", _DIM, report.color))
    counts = {severity: 0 for severity in SEVERITY_RANK}
    for finding in report.findings:
        counts[finding.severity] += 1
    files = len({f.path for f in report.findings})
    if report.findings:
        by_rank = sorted(counts.items(), key=lambda item: -SEVERITY_RANK[item[0]])
        summary = ", ".join(f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in by_rank if n)
        out.append(f"Found {summary} in {files} file{'s' if files != 1 else ''}.")
    else:
        out.append("No problems found.")
    return "\n".join(out) + "\n"
