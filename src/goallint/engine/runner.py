"""Apply the selected rules to documents. Every front end calls `lint`; none holds rule logic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from goallint.engine.plugins import Plugins
from goallint.engine.rule import START_OF_FILE, Context, Rule, nodes_in_scope
from goallint.model import Document, Finding, Severity, Span

INTERNAL_ERROR = ("GL000", "internal-error")


@dataclass
class Selection:
    """The rules to run, each with its options (an instance of the rule's Options model), and
    the severity a configuration gives a rule instead of its own (by rule name)."""

    rules: list[Rule] = field(default_factory=list)
    options: dict[str, Any] = field(default_factory=dict)
    severity: dict[str, Severity] = field(default_factory=dict)

    def severity_of(self, rule: Rule | type[Rule]) -> Severity:
        """The severity the rule's findings are reported with in this selection."""
        return self.severity.get(rule.name, rule.severity)

    @property
    def set_rules(self) -> list[Rule]:
        """The selected rules that look at a set of documents (cross-period rules)."""
        return [rule for rule in self.rules if rule.scope == "documents"]

    @classmethod
    def all_of(cls, plugins: Plugins) -> Selection:
        rules = [rule_class() for rule_class in plugins.rules.values()]
        return cls(rules, {rule.name: type(rule).Options() for rule in rules})


def _internal_error(rule: Rule, document: Document | None, span: Span, error: Exception) -> Finding:
    return Finding.model_construct(
        code=INTERNAL_ERROR[0],
        rule=INTERNAL_ERROR[1],
        severity="error",
        message=f"Rule {rule.code} {rule.name} failed here ({type(error).__name__}: {error}); "
        "the other rules still ran. Please report this to the rule's authors.",
        hint=None,
        path=document.path if document else None,
        span=span,
        fix=None,
    )


def _run(rule: Rule, node: Any, context: Context, span: Span, severity: Severity) -> list[Finding]:
    try:
        found = list(rule.check(node, context))
    except Exception as error:  # one broken rule must not hide the others' findings
        return [_failed(rule, context, span, error)]
    return _adjusted(rule, found, severity) if found else found


def _failed(rule: Rule, context: Context, span: Span, error: Exception) -> Finding:
    from goallint.engine.isolation import show_traceback

    show_traceback(f"rule {rule.code} {rule.name}", error)
    return _internal_error(rule, context.current, span, error)


def _adjusted(rule: Rule, found: list[Finding], severity: Severity) -> list[Finding]:
    """A rule's findings on one node: capped per line, with the configured severity."""
    if len(found) > MAX_PER_LINE:
        found = _capped(found)
    if severity == rule.severity:
        return found
    # a configured severity replaces the rule's own here, so no rule has to know about it
    return [f.model_copy(update={"severity": severity}) if f.rule == rule.name else f for f in found]


# A rule reports at most this many findings on one line (a key result of 4,000 vague words made
# 4,000 findings, each printing the line); the rest become one finding that counts them.
MAX_PER_LINE = 10


def _capped(found: list[Finding]) -> list[Finding]:
    per_line: dict[tuple[str, int], int] = {}
    kept: list[Finding] = []
    left_out: dict[tuple[str, int], tuple[Finding, int]] = {}
    for finding in found:
        key = (finding.rule, finding.span.start.line)
        seen = per_line[key] = per_line.get(key, 0) + 1
        if seen < MAX_PER_LINE:
            kept.append(finding)
        else:
            first, count = left_out.get(key, (finding, 0))
            left_out[key] = (first, count + 1)
    for (rule, _), (first, count) in left_out.items():
        if count == 1:
            kept.append(first)
            continue
        kept.append(first.model_copy(update={
            "message": f"{count:,} more {rule} findings on this line are left out (the first is here).",
            "hint": f"Fix the ones shown first: goallint reports at most {MAX_PER_LINE} of one rule on a line.",
            "fix": None,
        }))
    return kept


def lint_document(document: Document, selection: Selection) -> list[Finding]:
    """The findings of the rules that look at one document at a time (every scope but
    "documents"): they depend on nothing else, so they can run in any process and be cached."""
    findings: list[Finding] = []
    nodes: dict[str, list[Any]] = {}  # each scope's nodes listed once, for all its rules
    for rule in selection.rules:
        if rule.scope == "documents":
            continue
        context = Context(rule, selection.options.get(rule.name), document)
        severity = selection.severity_of(rule)
        if rule.scope not in nodes:
            nodes[rule.scope] = list(nodes_in_scope(document, rule.scope))
        check = rule.check
        # `_run` inlined: most rules find nothing on most of a large plan's thousands of nodes, and
        # a loop over what `check` yields costs a third of `list()` when it yields nothing (half,
        # with the list made only for a first finding)
        for node in nodes[rule.scope]:
            found: list[Finding] | None = None
            try:
                for finding in check(node, context):
                    if found is None:
                        found = []
                    found.append(finding)
            except Exception as error:  # one broken rule must not hide the others' findings
                findings.append(_failed(rule, context, getattr(node, "line_span", None) or START_OF_FILE, error))
                continue
            if found:
                findings.extend(_adjusted(rule, found, severity))
    return findings


def lint_set(documents: Sequence[Document], selection: Selection, only: Rule | None = None) -> list[Finding]:
    """The findings of the rules over a set of documents (scope "documents": cross-period rules);
    with `only`, of that one rule."""
    findings: list[Finding] = []
    for rule in selection.rules if only is None else [only]:
        if rule.scope == "documents" and documents:
            context = Context(rule, selection.options.get(rule.name), None)
            findings.extend(_run(rule, list(documents), context, START_OF_FILE, selection.severity_of(rule)))
    return findings


def lint(documents: Sequence[Document], selection: Selection) -> list[Finding]:
    """Findings for each document, then for the set (cross-period rules), in source order."""
    findings = [finding for document in documents for finding in lint_document(document, selection)]
    return sort_findings([*findings, *lint_set(documents, selection)])


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path or "", f.span.start.offset, f.code))
