"""`--output-format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, …).

One `<testsuite>` per file checked. Each finding is a `<testcase>` with a `<failure>` whose type
is the finding's severity; a file without findings has one passing test case, so that it still
shows as checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from goallint.model import Finding
from goallint.report import Report
from goallint.report.locations import ReportPath, SourceLines

CLEAN_CASE = "goallint"
# Characters XML 1.0 cannot hold even escaped (control characters a goal document may contain).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def render_junit(report: Report) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in report.sources}
    for finding in report.findings:
        by_file.setdefault(finding.path or "<stdin>", []).append(finding)
    lines = SourceLines(report.sources)
    root = ET.Element("testsuites", name="goallint")
    for path, findings in by_file.items():
        root.append(_suite(path, findings, lines))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _count(element: ET.Element, cases_or_suites: Sequence[ET.Element]) -> None:
    if element.tag == "testsuites":
        tests = sum(int(s.get("tests", "0")) for s in cases_or_suites)
        failures = sum(int(s.get("failures", "0")) for s in cases_or_suites)
    else:
        tests = len(cases_or_suites)
        failures = sum(1 for case in cases_or_suites if case.find("failure") is not None)
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
    element.set("time", "0")


def _suite(path: str, findings: Sequence[Finding], lines: SourceLines) -> ET.Element:
    shown = _xml(ReportPath(path).shown)
    suite = ET.Element("testsuite", name=shown)
    for finding in findings:
        start = finding.span.start
        case = ET.SubElement(
            suite, "testcase", name=_xml(f"{finding.code} {finding.rule} at {start.line}:{start.column}"),
            classname=shown, file=shown, line=str(start.line), time="0",
        )
        failure = ET.SubElement(case, "failure", message=_xml(finding.message), type=finding.severity)
        failure.text = _xml(_details(finding, shown, lines))
    if not findings:
        ET.SubElement(suite, "testcase", name=CLEAN_CASE, classname=shown, file=shown, time="0")
    _count(suite, suite.findall("testcase"))
    return suite


def _details(finding: Finding, shown: str, lines: SourceLines) -> str:
    start = finding.span.start
    details = [f"{shown}:{start.line}:{start.column}: {finding.severity} {finding.code} {finding.rule}: "
               f"{finding.message}"]
    line = lines.line(finding.path, start.line)
    quoted = lines.window(finding.path, start.line, start.column, finding.span.end.column)
    if line is not None and quoted is not None:  # a very long line is quoted around the finding only
        text, first = quoted
        cut_after = first - 1 + len(text) < len(line)
        details.append(f"  {'…' if first > 1 else ''}{text}{'…' if cut_after else ''}")
    if finding.hint:
        details.append(f"hint: {finding.hint}")
    return "\n".join(details)
