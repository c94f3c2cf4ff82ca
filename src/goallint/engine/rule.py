"""A rule is one self-describing class: its code, name, docs and options live with its check.

Everything else (`goallint rules`, `goallint explain`, SARIF rule metadata, editor hover) is
generated from these attributes, so they are written once, here, by the rule's author.

The `bad` and `good` examples are `.okr` documents, and the tests check that a rule fires on
its `bad` example and not on its `good` one. A rule of scope "documents" compares plans, so
its examples may hold several documents, separated by a line that is exactly `---`; they are
read in order, as files of one folder (so, without an `owner:` line, of one owner).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from goallint.model import KPI, Document, Finding, Fix, KeyResult, Objective, Position, Severity, Span

Scope = Literal["document", "objective", "key_result", "kpi", "documents"]
Node = Document | Objective | KeyResult | KPI


class RuleOptions(BaseModel):
    """Base of every rule's options: an unknown option is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when first configured


class NoOptions(RuleOptions):
    """The options of a rule that has none."""


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the node it visits, and how it reports."""

    rule: Rule
    options: Any
    document: Document | None

    def about(self, document: Document) -> Context:
        """This context, reporting on `document`: a rule of scope "documents" puts each finding
        on the document it is about (its path is the finding's path)."""
        return replace(self, document=document)

    def finding(self, span: Span, message: str, hint: str | None = None, fix: Fix | None = None) -> Finding:
        rule = self.rule
        return Finding.model_construct(
            code=rule.code,
            rule=rule.name,
            severity=rule.severity,
            message=message,
            hint=hint,
            path=self.document.path if self.document else None,
            span=span,
            fix=fix,
        )


class Rule:
    """Subclass this, fill in the class attributes, and implement `check`.

    `check` receives one node of the rule's `scope` (the document, an objective, a key result,
    a KPI, or for scope "documents" the list of all documents checked together, which the
    rule groups as it needs) and yields findings made with `context.finding(...)`; a rule of
    scope "documents" reports on one of them with `context.about(document).finding(...)`.
    """

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    scope: ClassVar[Scope]
    severity: ClassVar[Severity] = "warning"
    Options: ClassVar[type[BaseModel]] = NoOptions
    why: ClassVar[str] = ""
    bad: ClassVar[str] = ""
    good: ClassVar[str] = ""
    fixable: ClassVar[bool] = False

    def check(self, node: Any, context: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def partition(cls, document: Document) -> str | None:
        """For a rule of scope "documents": which plans it compares with each other. Plans of the
        same partition are checked together, a plan in none (None) is left out; the findings on
        one partition must not depend on plans outside it. This lets a run re-check only the
        partition of a changed file. The default is one partition: every plan with every other."""
        return ""

    @classmethod
    def docs(cls) -> str:
        """The text of `goallint explain`: what, why, and a bad and a good example."""
        parts = [f"{cls.code} {cls.name} ({cls.severity})", "", cls.summary]
        if cls.why:
            parts += ["", cls.why]
        if cls.bad:
            parts += ["", "Flagged:", "", _indent(cls.bad)]
        if cls.good:
            parts += ["", "Better:", "", _indent(cls.good)]
        options = cls.Options.model_fields
        if options:
            parts += ["", "Options:"]
            for name, field in options.items():
                default = field.get_default(call_default_factory=True)
                parts.append(f"  {name} = {default!r}  {field.description or ''}".rstrip())
        parts.append(f"\nCan fix: {'yes' if cls.fixable else 'no'}")
        return "\n".join(parts) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


def text_span(span: Span, text: str, start: int, end: int) -> Span:
    """The span of `text[start:end]`, where `text` is the statement written at `span`.

    Exact when the statement is written as read (one line, no markup); otherwise (Markdown
    emphasis, a statement wrapped over lines) the whole statement's span, which still holds it.
    """
    written = span.end.offset - span.start.offset
    if written != len(text) or span.start.line != span.end.line or not 0 <= start <= end <= len(text):
        return span
    origin = span.start

    def at(index: int) -> Position:
        return Position.model_construct(line=origin.line, column=origin.column + index, offset=origin.offset + index)

    return Span.model_construct(start=at(start), end=at(end))


def nodes_in_scope(document: Document, scope: Scope) -> Iterator[Node]:
    """The nodes of one document a rule of `scope` visits, in document order."""
    if scope == "document":
        yield document
        return
    for objective in document.objectives:
        if scope == "objective":
            yield objective
        elif scope == "key_result":
            yield from objective.key_results
        elif scope == "kpi":
            yield from objective.kpis
    if scope == "kpi":
        yield from document.kpis
