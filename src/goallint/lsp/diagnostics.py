"""Findings as LSP diagnostics, built as plain JSON-ready dicts: a 2,000-line plan has hundreds
of findings per keystroke, and building them directly costs a fraction of lsprotocol's classes.

A diagnostic with a fix carries it in `data`, as LSP edits of the text it was published for, so
that applying it needs no new check; "disable this rule on this line" is worked out from the
rule (its code), the line and that text, which the server keeps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from goallint.engine.suppression import UnusedSuppression
from goallint.lsp.positions import LineIndex, LspPosition
from goallint.model import Finding, Fix, Position
from goallint.syntax import Format

SOURCE = "goallint"
# Where goallint's rules are documented (docs/rules.md, a section per rule), with {code} "GL202",
# {code_lower} "gl202" and {name} "missing-baseline" filled in: the `ruleDocsUrl` initialization
# option, else the configuration's `docs-url`. goallint has no published site, so by default there
# is no link (a guessed address would 404); a plugin's rule links to its own `docs_url`.
RULE_DOCS_URL: str | None = None
SEVERITIES = {"error": 1, "warning": 2, "info": 3}
UNNECESSARY = 1  # DiagnosticTag.Unnecessary: editors grey out a directive that silences nothing

# A `disable` directive already ending the line, to add a rule to instead of writing a second one.
_OKR_TRAILING = re.compile(r"(?:^|\s)#\s*goallint\s*:\s*disable\s*=\s*(?P<rules>[^#]*?)\s*$", re.I)
_RULES = re.compile(r"disable(?:-file)?\s*=\s*(?P<rules>.*?)\s*(?:-->)?\s*$", re.I | re.S)
_MD_TRAILING = re.compile(r"<!--\s*goallint\s*:\s*disable\s*=\s*(?P<rules>.*?)\s*-->\s*$", re.I)


@dataclass
class _Made:
    finding: Finding
    start: int
    end: int
    diagnostic: dict[str, Any]
    text: str  # the diagnostic as JSON


@dataclass
class Diagnostics:
    """Turns one document's findings into diagnostics, reusing those of findings that have not
    changed since the last version (the incremental checker hands back the same objects), down
    to their JSON text: at each keystroke only what changed is built and encoded."""

    docs_url: str | None = RULE_DOCS_URL
    documented: frozenset[str] = frozenset()  # rules with a page at docs_url
    links: Mapping[str, str] = field(default_factory=dict)  # rule name -> its own `docs_url` (plugins')
    _made: dict[int, _Made] = field(default_factory=dict)

    def build(self, findings: list[Finding], lines: LineIndex) -> tuple[list[dict[str, Any]], str]:
        """The diagnostics, and the same as a JSON array."""
        made: dict[int, _Made] = {}
        diagnostics, encoded = [], []
        for finding in findings:
            start, end = finding.span.start.line, finding.span.end.line
            known = self._made.get(id(finding))
            # the same finding on the same lines has the same text around it: same columns, same edits
            if known is None or known.finding is not finding or known.start != start or known.end != end:
                diagnostic = self.diagnostic(finding, lines)
                known = _Made(finding, start, end, diagnostic, json.dumps(diagnostic))
            made[id(finding)] = known
            diagnostics.append(known.diagnostic)
            encoded.append(known.text)
        self._made = made  # holding the findings keeps their ids from being reused
        return diagnostics, "[" + ",".join(encoded) + "]"

    def diagnostic(self, finding: Finding, lines: LineIndex) -> dict[str, Any]:
        message = f"{finding.message}\nhint: {finding.hint}" if finding.hint else finding.message
        diagnostic: dict[str, Any] = {
            "range": lines.range(finding.span),
            "severity": SEVERITIES.get(finding.severity, 2),
            "code": finding.code,
            "source": SOURCE,
            "message": message,
        }
        if finding.fix is not None and finding.fix.applicability != "display-only":
            diagnostic["data"] = {"fixes": [_fix(finding.fix, lines)]}
        elif finding.rule == UnusedSuppression.name and (removal := _remove_directive(finding, lines)) is not None:
            diagnostic["data"] = {"fixes": [removal]}
        if (href := self.links.get(finding.rule)) is not None:
            diagnostic["codeDescription"] = {"href": href}
        elif self.docs_url and finding.rule in self.documented:
            href = self.docs_url.format(code=finding.code, code_lower=finding.code.lower(), name=finding.rule)
            diagnostic["codeDescription"] = {"href": href}
        if finding.rule == UnusedSuppression.name:
            diagnostic["tags"] = [UNNECESSARY]
        return diagnostic


def _fix(fix: Fix, lines: LineIndex) -> dict[str, Any]:
    edits = [{"range": lines.range(edit.span), "newText": edit.replacement} for edit in fix.edits]
    return {"title": fix.message, "safe": fix.applicability == "safe", "edits": edits}


def _remove_directive(finding: Finding, lines: LineIndex) -> dict[str, Any] | None:
    """Removing a directive that silences nothing: the whole line when it is alone on it. Only
    for a directive of one rule (or an unreadable one), where the finding is about all of it."""
    start, end = finding.span.start, finding.span.end
    number, line = start.line, lines.line(start.line)
    if end.line != number:
        return None
    named = _RULES.search(line[start.column - 1 : end.column - 1])
    if named is not None and len([rule for rule in re.split(r"[\s,]+", named["rules"]) if rule]) > 1:
        return None
    if (line[: start.column - 1] + line[end.column - 1 :]).strip():  # after content: from its end
        first, last = _at(lines, number, len(line[: start.column - 1].rstrip()) + 1), lines.position(end)
    elif number < len(lines.lines):  # alone on its line: the line and its line break
        first, last = {"line": number - 1, "character": 0}, {"line": number, "character": 0}
    else:  # the last line: the line break before it instead
        first = _at(lines, number - 1, len(lines.line(number - 1)) + 1) if number > 1 else {"line": 0, "character": 0}
        last = _at(lines, number, len(line) + 1)
    return {"title": "Remove this directive", "safe": True,
            "edits": [{"range": {"start": first, "end": last}, "newText": ""}]}


def _at(lines: LineIndex, number: int, column: int) -> LspPosition:
    return lines.position(Position.model_construct(line=number, column=column, offset=0))


def disable_edit(rule: str, number: int, lines: LineIndex, fmt: Format) -> dict[str, Any] | None:
    """The edit that silences `rule` on 1-based line `number`, with a directive at the line's end
    (which keeps every other line where it was): a new one, or the rule added to one already there.
    None for the rule that reports directives themselves."""
    if rule == UnusedSuppression.name:
        return None
    line = lines.line(number)
    trailing = (_MD_TRAILING if fmt == "md" else _OKR_TRAILING).search(line)
    if trailing is not None and trailing["rules"].strip():
        column, text = trailing.end("rules") + 1, f",{rule}"
    else:
        content = line.rstrip()
        column = len(content) + 1
        if fmt == "md":
            directive = f"<!-- goallint: disable={rule} -->"
            if content.startswith("|") and content.endswith("|") and len(content) > 1:
                column -= 1  # inside a table row's last cell: after the final pipe it would be a cell of its own
                text = f"{directive} " if content[-2:-1].isspace() else f" {directive} "
            else:
                text = f" {directive}"
        else:
            text = f"  # goallint: disable={rule}"
    position = _at(lines, number, column)
    return {"title": f"Disable {rule} on this line", "edits": [{"range": {"start": position, "end": position},
                                                                  "newText": text}]}
