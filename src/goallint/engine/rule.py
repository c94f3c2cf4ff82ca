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
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Generic, Literal, get_args

from pydantic import BaseModel, ConfigDict
from typing_extensions import TypeVar

from goallint.measured import explain_lines
from goallint.model import KPI, Document, Finding, Fix, KeyResult, Objective, Position, Severity, Span, constructed

Scope = Literal["document", "objective", "key_result", "kpi", "documents"]
Node = Document | Objective | KeyResult | KPI
# What a rule's `check` receives and what its options are, for type checkers: `Rule[KeyResult,
# MyOptions]` types `node` and `context.options`; a bare `Rule` is `Rule[Any, Any]`.
NodeT = TypeVar("NodeT", default=Any)
OptionsT = TypeVar("OptionsT", default=Any)
_SEVERITIES = frozenset(get_args(Severity))


class RuleOptions(BaseModel):
    """Base of every rule's options: an unknown option is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when first configured


class NoOptions(RuleOptions):
    """The options of a rule that has none."""


@dataclass(frozen=True)
class Context(Generic[OptionsT]):
    """What a rule may look at besides the node it visits, and how it reports.

    `current` is the document being checked, None while a rule of scope "documents" looks at
    several (rules read it as `document`, which is never None where they may use it).
    """

    rule: Rule[Any, OptionsT]
    options: OptionsT
    current: Document | None
    # key result or KPI (by id) -> its objective, built on the first `objective_of`
    _objectives: dict[int, Objective] = field(default_factory=dict, compare=False, repr=False)

    @property
    def document(self) -> Document:
        """The document being checked (for scope "documents": the one `about` named)."""
        if self.current is None:
            if getattr(self.rule, "plugin_api", None) == "1.0":
                return None  # type: ignore[return-value]  # what plugin API 1.0 gave: its plugins may test for it
            raise AttributeError(
                f"rule {self.rule.name} looks at several documents (scope \"documents\"), so there is no one "
                "context.document: report on one of them with context.about(document).finding(...)"
            )
        return self.current

    def about(self, document: Document) -> Context[OptionsT]:
        """This context, reporting on `document`: a rule of scope "documents" puts each finding
        on the document it is about (its path is the finding's path)."""
        return replace(self, current=document, _objectives={})

    def objective_of(self, item: KeyResult | KPI) -> Objective | None:
        """The objective a key result or KPI of this document is written under; None for a
        KPI of the plan itself (listed in `document.kpis`)."""
        if not self._objectives:
            for objective in self.document.objectives:
                for child in (*objective.key_results, *objective.kpis):
                    self._objectives[id(child)] = objective
        return self._objectives.get(id(item))

    def finding(
        self, span: Span, message: str, hint: str | None = None, fix: Fix | None = None,
        *, severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule at `span` (such as `node.span`, or `text_span(...)` for part of
        it). `severity` sets this finding's own (the rule's by default); a severity configured
        for the rule, by the user or the plugin's defaults, still wins."""
        if not isinstance(span, Span):
            raise TypeError(f"context.finding() takes the span to flag, such as node.span, not {describe_value(span)}")
        if not isinstance(message, str):
            raise TypeError(f"context.finding() takes the message as text, not {describe_value(message)}")
        if severity is not None and severity not in _SEVERITIES:
            raise ValueError(f"context.finding(severity={severity!r}): use 'error', 'warning' or 'info'")
        rule = self.rule
        return constructed(
            Finding,
            code=rule.code,
            rule=rule.name,
            severity=severity or rule.severity,
            message=message,
            hint=hint,
            path=self.current.path if self.current else None,
            span=span,
            fix=fix,
        )


def describe_value(value: object) -> str:
    """A value a plugin passed where another was expected, in a few words."""
    text = repr(value)
    return f"{text[:60] + '…' if len(text) > 60 else text} (a {type(value).__name__})"


class Rule(Generic[NodeT, OptionsT]):
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
    # where the rule is documented: SARIF's helpUri, the link on an editor's diagnostic
    docs_url: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """`class R(Rule[KeyResult, MyOptions])` needs no `Options = MyOptions` line as well."""
        super().__init_subclass__(**kwargs)
        if "Options" in cls.__dict__:
            return
        for base in cls.__dict__.get("__orig_bases__", ()):  # its own bases, not a parent's
            arguments = get_args(base)
            if len(arguments) == 2 and isinstance(arguments[1], type) and issubclass(arguments[1], BaseModel):
                cls.Options = arguments[1]

    def check(self, node: NodeT, context: Context[OptionsT]) -> Iterable[Finding]:
        raise NotImplementedError

    @classmethod
    def partition(cls, document: Document) -> str | None:
        """For a rule of scope "documents": which plans it compares with each other. Plans of the
        same partition are checked together, a plan in none (None) is left out; the findings on
        one partition must not depend on plans outside it. This lets a run re-check only the
        partition of a changed file. The default is one partition: every plan with every other."""
        return ""

    @classmethod
    def docs(cls, severity: str | None = None) -> str:
        """The text of `goallint explain`: what, why, and a bad and a good example. `severity`
        is what to show for it instead of the rule's own (the severity in effect, and why)."""
        parts = [f"{cls.code} {cls.name} ({severity or cls.severity})", "", cls.summary]
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
        measured = explain_lines(cls.name)  # built-in rules: bench/precision.py's recorded figures
        if measured:
            parts += ["", *measured]
        parts.append(f"\nCan fix: {'yes' if cls.fixable else 'no'}")
        if cls.docs_url:
            parts.append(f"More: {cls.docs_url}")
        return "\n".join(parts) + "\n"


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").splitlines())


_ORIGIN = Position.model_construct(line=1, column=1, offset=0)
START_OF_FILE = Span.model_construct(start=_ORIGIN, end=_ORIGIN)
"""Where a finding about a whole document (or set of documents) goes when nothing in it is nearer."""


def text_span(span: Span, text: str, start: int, end: int) -> Span:
    """The span of `text[start:end]`, where `text` is the statement written at `span`.

    Exact when the statement is written as read (one line, no markup); otherwise (Markdown
    emphasis, a statement wrapped over lines) the whole statement's span, which still holds it.
    """
    written = span.end.offset - span.start.offset
    if written != len(text) or span.start.line != span.end.line or not 0 <= start <= end <= len(text):
        return span
    line, column, offset = span.start.line, span.start.column, span.start.offset
    return constructed(
        Span,
        start=constructed(Position, line=line, column=column + start, offset=offset + start),
        end=constructed(Position, line=line, column=column + end, offset=offset + end),
    )


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
