"""The goal model: what goallint understood of a document.

Every stage after the syntax speaks in these objects, and `goallint parse --format json`
prints them: their field names are a public contract (see docs/format.md).
Positions are kept as offsets inside the core; lines and columns are computed once, when a
span is made, so reporters and front ends never have to count again.
"""

from __future__ import annotations

from functools import cache
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

Direction = Literal["increase", "decrease", "maintain", "reach"]
Kind = Literal["outcome", "effort"]
Comparator = Literal["<", "<=", ">", ">=", "~"]
Commitment = Literal["committed", "aspirational"]
Cadence = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "half-yearly", "yearly"]


class _Model(BaseModel):
    # Built on first validation or dump, not at import: most runs only construct these (see
    # syntax/build.py), and building every schema up front was a third of start-up.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Position(_Model):
    """A place in the text: line and column are 1-based (columns count characters),
    offset is the 0-based character offset from the start of the text."""

    line: int
    column: int
    offset: int


class Span(_Model):
    """A range of text; `end` is exclusive (it points just past the last character)."""

    start: Position
    end: Position


ModelT = TypeVar("ModelT", bound=BaseModel)
_set_attribute = object.__setattr__
# pydantic's own slots, set through their descriptors: a fifth faster than object.__setattr__
_set_fields_set, _set_extra, _set_private = (
    vars(BaseModel)[name].__set__ for name in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
)
_EVERY_FIELD: dict[type[BaseModel], set[str]] = {}


def constructed(model: type[ModelT], **values: Any) -> ModelT:
    """The object `model.model_construct(**values)` makes when `values` gives every field, in
    the model's order, already valid: without its Python loop over the fields, three times
    faster (a large plan makes hundreds of thousands of positions, spans and findings)."""
    made = model.__new__(model)
    _set_attribute(made, "__dict__", values)
    every = _EVERY_FIELD.get(model)
    if every is None:
        every = _EVERY_FIELD[model] = set(model.model_fields)
    # Every field given: all of a model's instances share one set of the fields set (an
    # assignment adds a name already in it), instead of 200 to 700 bytes each.
    _set_fields_set(made, every if len(values) == len(every) else set(values))
    _set_extra(made, None)
    _set_private(made, None)
    return made


class Quantity(_Model):
    """A number as written: "$2.5M" has value 2500000 and unit "USD".

    `value` is None for a placeholder ("$N", "X%"): the unit is known, the number is not.
    `unit` is "%", "pp", a currency code, "x" for multiples, or the counted noun.
    """

    value: float | None
    unit: str | None = None
    comparator: Comparator | None = None
    text: str
    span: Span


class Deadline(_Model):
    """A time limit as written ("by end of Q3"), with its ISO end date where it resolves."""

    text: str
    date: str | None = None
    span: Span


class Measure(_Model):
    """What a key result or KPI measures, and the change it aims for."""

    direction: Direction | None = None
    metric: str | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    change: Quantity | None = None


class TextField(_Model):
    """A labelled value written on its own line, such as `source: NPS survey`."""

    text: str
    span: Span


class CadenceField(TextField):
    """How often a KPI is reported; `every` is None when the text is not understood."""

    every: Cadence | None = None


PeriodSource = Literal["period", "title", "heading", "sentence"]


class Period(_Model):
    """The planning period of a document: "2026-Q3", "FY27 Q1", "2026 H2" or "2026"."""

    text: str
    label: str
    start: str
    end: str
    span: Span
    # Where the period was found: "period" (a `period:` line or front-matter field), "title"
    # (the page's title), "heading", or "sentence" ("This quarter will run from … to …").
    source: PeriodSource = "period"


CheckinKind = Literal["check-in", "grade", "projection"]


class Checkin(_Model):
    """A dated value written under a key result or KPI, or a grade written after one.

    `2026-08-14: 1,650 (confidence 0.6) signup flow shipped late` is a check-in; `=> 0.7`, a
    `Score`/`Final` column or `P1 0.70` after a heading is a grade (`kind` "grade", usually with no
    date: it is the period's end); a `Projection` column is a projection. See docs/format.md.
    """

    date: str | None = None
    """ISO date the value was read; None for a grade written without one."""
    value: Quantity | None = None
    """The value as the statement grammar reads it ("1.65k", "$2.1M", "42%")."""
    done: bool | None = None
    """For an effort: `done`, `not done`, a ticked or empty checkbox."""
    grade: float | None = None
    """A score as written, as a fraction: "0.7", "70%" and "7/10" are all 0.7."""
    kind: CheckinKind = "check-in"
    confidence: float | None = None
    """0.0–1.0: "(confidence 0.6)", "(conf 60%)"."""
    status: str | None = None
    """A status as written: "on-track", "at-risk", "off-track" ("on track", "behind" …)."""
    note: str | None = None
    span: Span


class KeyResult(_Model):
    label: str | None = None
    text: str
    span: Span
    kind: Kind
    is_kpi: bool = False
    measure: Measure = Field(default_factory=Measure)
    deadline: Deadline | None = None
    owner: TextField | None = None
    line_span: Span
    label_span: Span | None = None
    """Where the label's number is written ("3" of "KR 3:"); None for an unnumbered key result."""
    weight: float | None = None
    """`weight: 2` under the key result: its share of the objective's roll-up (docs/progress.md)."""
    priority: int | None = None
    """P0–P4 as written after the statement or in a Priority column."""
    checkins: list[Checkin] = []  # a plain default: model_construct copies it without inspecting a factory


class KPI(_Model):
    label: str | None = None
    name: str
    text: str
    span: Span
    kind: Kind
    is_kpi: bool = True
    measure: Measure = Field(default_factory=Measure)
    deadline: Deadline | None = None
    source: TextField | None = None
    cadence: CadenceField | None = None
    owner: TextField | None = None
    annual_target: Quantity | None = None
    line_span: Span
    checkins: list[Checkin] = []  # a plain default: model_construct copies it without inspecting a factory


class Objective(_Model):
    label: str | None = None
    text: str
    span: Span
    commitment: Commitment | None = None
    owner: TextField | None = None
    parent: TextField | None = None
    key_results: list[KeyResult] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    line_span: Span
    checkins: list[Checkin] = []  # a plain default: model_construct copies it without inspecting a factory
    """Grades and notes written on the objective itself ("### Improve latency 0.40")."""


class Directive(_Model):
    """A `# goallint: …` comment (`<!-- goallint: … -->` in Markdown), read by the syntax layer
    (goallint.syntax.directives) for inline suppression."""

    text: str
    span: Span
    action: Literal["disable", "disable-file"] | None = None
    """None for a directive goallint cannot read."""
    rules: tuple[str, ...] = ()  # a plain default: model_construct inspects a default_factory on every call
    """The rules it names, as written (names or codes)."""
    line: int | None = None
    """The line it silences: its own, or the next with content; 0 when there is none after it;
    None for `disable-file` (the whole file) and for a directive goallint cannot read."""


class SyntaxProblem(_Model):
    """A line goallint could not place; the rest of the document is still read."""

    message: str
    hint: str
    span: Span


class Document(_Model):
    path: str | None = None
    format: Literal["okr", "md"] = "okr"
    title: TextField | None = None
    period: Period | None = None
    owner: TextField | None = None
    parent: TextField | None = None
    objectives: list[Objective] = Field(default_factory=list)
    kpis: list[KPI] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    syntax_errors: list[SyntaxProblem] = Field(default_factory=list)


# --- Findings: what the rules engine says about a document -------------------------------

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}


class Edit(_Model):
    """Replace the text in `span` with `replacement` (an empty span inserts)."""

    span: Span
    replacement: str


class Fix(_Model):
    """A rule's proposed change. `safe` fixes apply with --fix, `unsafe` with --unsafe-fixes."""

    message: str
    edits: list[Edit]
    applicability: Literal["safe", "unsafe", "display-only"] = "safe"


class Finding(_Model):
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    path: str | None = None
    span: Span
    fix: Fix | None = None


@cache
def findings_json() -> TypeAdapter[list[Finding]]:
    """Findings to and from JSON in pydantic-core, many times faster than the json module (the
    JSON reporter and the result cache); built on first use, like the models."""
    return TypeAdapter(list[Finding])
