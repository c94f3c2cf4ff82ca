"""`--output-format github`: GitHub Actions workflow commands, one line a finding.

    ::warning file=goals/q3.okr,line=11,col=5,endLine=11,endColumn=27,title=GL101 kr-count::message%0Ahint

GitHub turns each line into an annotation on that file, shown in the run and on the pull request.
Columns are UTF-16 code units (what GitHub's pages count in), with `endColumn` exclusive like
goallint's spans; GitHub accepts columns only when the annotation starts and ends on one line.
"""

from __future__ import annotations

from goallint.model import Finding
from goallint.report import Report
from goallint.report.locations import ReportPath, SourceLines

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way GitHub's own toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, and also the `:` and `,` that delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(finding: Finding, lines: SourceLines, shown: dict[str, str] | None = None) -> str:
    """The `::error …::…` line of one finding (`shown`: paths as shown, worked out once a file)."""
    span = finding.span
    properties: dict[str, str | int] = {}
    if finding.path is not None:
        shown = {} if shown is None else shown
        properties["file"] = shown.get(finding.path) or shown.setdefault(finding.path, ReportPath(finding.path).shown)
    properties["line"] = span.start.line
    end_line, end_column = span.end.line, span.end.column
    if end_line > span.start.line and end_column == 1:  # the span ends with a line break
        end_line -= 1
        end_column = 0
    if end_line == span.start.line:
        properties["col"] = lines.utf16(finding.path, span.start.line, span.start.column)
        properties["endLine"] = end_line
        if end_column > span.start.column:
            properties["endColumn"] = lines.utf16(finding.path, span.start.line, end_column)
    else:
        properties["endLine"] = end_line
    properties["title"] = f"{finding.code} {finding.rule}"
    listed = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties.items())
    message = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(message)}"


def render_github(report: Report) -> str:
    lines = SourceLines(report.sources)
    shown: dict[str, str] = {}
    return "".join(workflow_command(finding, lines, shown) + "\n" for finding in report.findings)
