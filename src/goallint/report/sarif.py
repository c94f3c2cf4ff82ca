"""`--output-format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

The rule metadata (`tool.driver.rules`) is generated from the rules' own attributes, the same
text as `goallint explain`. Paths are relative to the working directory (`%SRCROOT%`), which
GitHub reads as the root of the repository. Columns are UTF-16 code units, as `run.columnKind`
says: it is the unit most SARIF consumers assume whatever the file declares.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from pydantic_core import PydanticSerializationError, to_json

from goallint import __version__
from goallint.engine.rule import Rule
from goallint.engine.runner import INTERNAL_ERROR
from goallint.model import Edit, Finding, Fix, Span
from goallint.report import Report
from goallint.report.locations import LONG_LINE, ReportPath, SourceLines

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "goallint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub shows rules by `problem.severity` (error, warning, recommendation).
PROBLEM_SEVERITIES = {"error": "error", "warning": "warning", "info": "recommendation"}


def render_sarif(report: Report) -> str:
    return "".join(sarif_chunks(report))


_RESULTS_INDENT = " " * 8  # where json.dumps(indent=2) puts an item of runs[0].results


def sarif_chunks(report: Report) -> Iterator[str]:
    """The SARIF log in pieces, a result at a time, so that neither the results nor the whole
    text are ever held at once (40,000 findings took 2 s and 700 MB as dicts, and the 70 MB text
    held, joined and encoded took three times its size). The pieces are, character for
    character, what json.dumps(log, ensure_ascii=False, indent=2) writes.

    pydantic-core writes the same indented JSON as the json module, 6 times faster and without
    its millions of small strings. It writes some floats differently (0.00001, not 1e-05): the
    rules' metadata, the only floats, are checked first; and it refuses a lone surrogate: then
    the json module writes that piece."""
    run, results = _run_and_results(report)
    skeleton = None
    if _floats_written_alike(run["tool"]["driver"]["rules"]):  # results hold no floats
        with contextlib.suppress(PydanticSerializationError):
            skeleton = to_json(_log(run), indent=2).decode("utf-8")
    if skeleton is None:
        yield json.dumps(_log({**run, "results": list(results)}), ensure_ascii=False, indent=2) + "\n"
        return
    at = skeleton.rindex('"results": []') + len('"results": ')  # the run's last key: nothing after it can match
    first = True
    for result in results:
        yield (skeleton[:at] + "[\n") if first else ",\n"
        first = False
        yield _RESULTS_INDENT + _indented_json(result).replace("\n", "\n" + _RESULTS_INDENT)
    if first:
        yield skeleton + "\n"
        return
    yield "\n" + _RESULTS_INDENT[:-2] + "]" + skeleton[at + 2 :] + "\n"


def _indented_json(value: dict[str, Any]) -> str:
    try:
        return to_json(value, indent=2).decode("utf-8")
    except PydanticSerializationError:  # a lone surrogate
        return json.dumps(value, ensure_ascii=False, indent=2)


def _floats_written_alike(value: object) -> bool:
    if isinstance(value, float):
        return json.dumps(value) == to_json(value).decode("utf-8")
    if isinstance(value, dict):
        return all(_floats_written_alike(inner) for inner in value.values())
    if isinstance(value, list):
        return all(_floats_written_alike(inner) for inner in value)
    return True


def sarif_log(report: Report) -> dict[str, Any]:
    """The SARIF log of one goallint run, as a JSON-ready dict."""
    run, results = _run_and_results(report)
    return _log({**run, "results": list(results)})


def _log(run: dict[str, Any]) -> dict[str, Any]:
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _run_and_results(report: Report) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The run of the log with no results yet, and its results, made as they are asked for."""
    descriptors = _rule_descriptors(report)
    index = {descriptor["id"]: i for i, descriptor in enumerate(descriptors)}
    artifacts = _Artifacts(report)  # every file is listed here, before any result points at one
    lines = SourceLines(report.sources)
    driver: dict[str, Any] = {"name": "goallint", "version": __version__, "semanticVersion": __version__}
    homepage = _homepage()
    if homepage:
        driver["informationUri"] = homepage
    driver["rules"] = descriptors
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "artifacts": artifacts.entries,
        "columnKind": "utf16CodeUnits",
        "results": [],
    }

    def results() -> Iterator[dict[str, Any]]:
        for finding, fingerprint in zip(report.findings, _fingerprints(report.findings, lines), strict=True):
            result = _result(finding, index[finding.code], artifacts, lines)
            result["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint}
            yield result

    return run, results()


def _fingerprints(findings: Sequence[Finding], lines: SourceLines) -> list[str]:
    """A stable identity for each finding: its rule, file and the text of its line (not the line's
    number, so that it survives lines added above it), and which such occurrence it is.

    GitHub adds its own `primaryLocationLineHash` on upload; this one serves other consumers.
    """
    seen: Counter[str] = Counter()
    fingerprints = []
    shown: dict[str, str] = {}
    digests: dict[tuple[str, str | None, int], str] = {}  # a long line is hashed once per rule, not per finding
    for finding in findings:
        number = finding.span.start.line
        line = lines.line(finding.path, number)
        where = (finding.code, finding.path, number)
        digest = digests.get(where) if line is not None else None
        if digest is None:
            path = ""
            if finding.path is not None:
                path = shown.get(finding.path) or shown.setdefault(finding.path, ReportPath(finding.path).shown)
            key = (finding.code, path, " ".join((line if line is not None else finding.message).split()))
            digest = hashlib.sha256("\0".join(key).encode("utf-8")).hexdigest()[:32]
            if line is not None:
                digests[where] = digest
        seen[digest] += 1
        fingerprints.append(f"{digest}:{seen[digest]}")
    return fingerprints


def _homepage() -> str | None:
    """The project's home page from the installed package's metadata, if it declares one."""
    try:
        meta = metadata.metadata("goallint")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "source", "repository"):
            return url.strip()
    home = str(meta["Home-page"] or "").strip()
    return home if home and home.lower() != "unknown" else None


# --- rules ---------------------------------------------------------------------------------


def _rule_descriptors(report: Report) -> list[dict[str, Any]]:
    """Every loaded rule, by code, then any rule a finding names that is not loaded (GL000)."""
    descriptors = [_descriptor(rule, report.links.get(rule.name))
                   for rule in sorted(report.rules.values(), key=lambda r: r.code)]
    known = {d["id"] for d in descriptors}
    for finding in report.findings:
        if finding.code not in known:
            descriptors.append(_descriptor_of_finding(finding))
            known.add(finding.code)
    return descriptors


def _descriptor(rule: type[Rule], link: str | None = None) -> dict[str, Any]:
    options = {name: field.get_default(call_default_factory=True) for name, field in rule.Options.model_fields.items()}
    configuration: dict[str, Any] = {"enabled": True, "level": LEVELS[rule.severity]}
    if options:
        configuration["parameters"] = json.loads(json.dumps(options, default=str))
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        # GitHub rejects empty descriptions, so a rule without a `why` repeats its summary.
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why or rule.summary},
        "help": {"text": rule.docs(), "markdown": _help_markdown(rule)},
        "defaultConfiguration": configuration,
        "properties": {"problem.severity": PROBLEM_SEVERITIES[rule.severity], "scope": rule.scope,
                       "fixable": rule.fixable},
    }
    if link or rule.docs_url:  # the configuration's docs-url, or the page a plugin gives for its rule
        descriptor["helpUri"] = link or rule.docs_url
    return descriptor


def _descriptor_of_finding(finding: Finding) -> dict[str, Any]:
    if (finding.code, finding.rule) == INTERNAL_ERROR:
        summary = "A rule failed while checking this document; the other rules still ran."
    else:
        summary = f"{finding.code} {finding.rule}"
    return {
        "id": finding.code,
        "name": finding.rule,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": summary},
        "help": {"text": summary},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _fenced(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.strip(chr(10))}\n{fence}"


def _help_markdown(rule: type[Rule]) -> str:
    parts = [f"**{rule.code} {rule.name}** ({rule.severity}): {rule.summary}"]
    if rule.why:
        parts.append(rule.why)
    if rule.bad:
        parts += ["Flagged:", _fenced(rule.bad)]
    if rule.good:
        parts += ["Better:", _fenced(rule.good)]
    options = rule.Options.model_fields
    if options:
        rows = ["| option | default | meaning |", "|---|---|---|"]
        for name, field in options.items():
            default = field.get_default(call_default_factory=True)
            rows.append(f"| `{name}` | `{default!r}` | {field.description or ''} |")
        parts += ["Options:", "\n".join(rows)]
    parts.append(f"Can fix: {'yes' if rule.fixable else 'no'}")
    return "\n\n".join(parts) + "\n"


# --- results -------------------------------------------------------------------------------


class _Artifacts:
    """The files of the run, each listed once; a result points at its file by uri and index."""

    def __init__(self, report: Report) -> None:
        self.entries: list[dict[str, Any]] = []
        self._located: dict[str, dict[str, Any]] = {}  # worked out once a file, not once a finding
        for path in [*report.sources, *(f.path for f in report.findings if f.path is not None)]:
            self.location(path)

    def location(self, path: str) -> dict[str, Any]:
        located = self._located.get(path)
        if located is None:
            location = _artifact_location(path)
            located = self._located[path] = {**location, "index": len(self.entries)}
            self.entries.append({"location": location, "roles": ["analysisTarget"]})
        return dict(located)


def _artifact_location(path: str) -> dict[str, Any]:
    where = ReportPath(path)
    if where.relative is None:
        return {"uri": where.absolute_uri}
    return {"uri": _quote_uri(where.relative), "uriBaseId": SRCROOT}


def _quote_uri(relative: str) -> str:
    return quote(relative, safe="/-._~!$&'()*+,;=@")


def _result(finding: Finding, rule_index: int, artifacts: _Artifacts, lines: SourceLines) -> dict[str, Any]:
    text = finding.message + (f"\n{finding.hint}" if finding.hint else "")
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [],
    }
    if finding.path is not None:
        physical: dict[str, Any] = {
            "artifactLocation": artifacts.location(finding.path),
            "region": _region(finding.span, finding.path, lines, snippet=True),
        }
        number = finding.span.start.line
        context = lines.window(finding.path, number, finding.span.start.column, finding.span.end.column)
        if context is not None:
            text, first = context
            region = {"startLine": number, "endLine": number}
            if first > 1 or len(text) < len(lines.line(finding.path, number) or ""):  # a long line: a part of it
                region["startColumn"] = lines.utf16(finding.path, number, first)
                region["endColumn"] = lines.utf16(finding.path, number, first + len(text))
            physical["contextRegion"] = {**region, "snippet": {"text": text}}
        result["locations"] = [{"physicalLocation": physical}]
        if finding.fix is not None:
            result["fixes"] = [_fix(finding.fix, finding.path, artifacts, lines)]
    return result


def _region(span: Span, path: str, lines: SourceLines, snippet: bool = False) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": span.start.line,
        "startColumn": lines.utf16(path, span.start.line, span.start.column),
        "endLine": span.end.line,
        "endColumn": lines.utf16(path, span.end.line, span.end.column),
    }
    start_line = lines.line(path, span.start.line) if snippet else None
    # the finding's own text, unless it is longer than a quoted line may be (the region says where)
    if start_line is not None and span.end.line == span.start.line and span.end.column - span.start.column <= LONG_LINE:
        region["snippet"] = {"text": start_line[span.start.column - 1 : span.end.column - 1]}
    return region


def _fix(fix: Fix, path: str, artifacts: _Artifacts, lines: SourceLines) -> dict[str, Any]:
    def replacement(edit: Edit) -> dict[str, Any]:
        return {"deletedRegion": _region(edit.span, path, lines), "insertedContent": {"text": edit.replacement}}

    return {
        "description": {"text": fix.message},
        "artifactChanges": [
            {"artifactLocation": artifacts.location(path), "replacements": [replacement(e) for e in fix.edits]}
        ],
        "properties": {"applicability": fix.applicability},
    }
