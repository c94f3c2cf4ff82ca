"""Rule packs: a rule written as data, in a TOML file, by people who do not write Python.

A pack says what kind of rule it is, documents the rule like any other, and gives what its kind
needs. docs/plugins.md ("Rule packs") describes every kind and key with examples:

    kind = "forbidden-words"

    [rule]
    code = "ACME1"              # capital letters then digits
    name = "no-bonus"           # kebab-case
    summary = "…"
    severity = "warning"        # error, warning (the default) or info
    why = "…"
    bad = "…"                   # .okr documents; the tests check the rule fires on `bad`
    good = "…"                  # and not on `good`

Kinds: `forbidden-words` and `required-words` (words or patterns in a field of a statement),
`required-fields` (owner, source, cadence, unit, deadline, baseline, target), `child-count`
(objectives in a plan, key results or KPIs in an objective), `unit-required` (a unit or a
currency on the numbers of statements about some metric). Statement kinds read `look_in`
(key_result, kpi, objective) and, with `when`, only the statements that use one of its words.

A pack that cannot be read or has a wrong key is a `PackError` naming the file, the line and
the key.
"""

from __future__ import annotations

import hashlib
import re
import string
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from functools import cache, lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from goallint.checks.units import is_currency
from goallint.checks.wording import gives_a_number
from goallint.engine.rule import START_OF_FILE, Context, Rule, text_span
from goallint.model import (
    KPI,
    Document,
    Edit,
    Finding,
    Fix,
    KeyResult,
    Objective,
    Quantity,
    Severity,
    Span,
    constructed,
)
from goallint.resources import rules_dir


class PackError(Exception):
    """A rule pack goallint cannot use: `path`, `line` (None when unknown) and `detail`, which
    starts with the key ("words[3].suggestion: is missing")."""

    def __init__(self, path: Path, line: int | None, detail: str) -> None:
        super().__init__(f"{path}:{line}: {detail}" if line else f"{path}: {detail}")
        self.path, self.line, self.detail = path, line, detail


class _Strict(BaseModel):
    # each kind's schema is built when a pack of that kind is first read, not on import
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)


class RuleDocs(_Strict):
    """The `[rule]` table every pack has: what `goallint rules` and `explain` show."""

    code: str = Field(pattern=r"^[A-Z]+[0-9]+$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    summary: str = Field(min_length=1)
    severity: Severity = "warning"
    why: str = ""
    bad: str = ""
    good: str = ""
    docs_url: str = ""


Statement = Objective | KeyResult | KPI
StatementKind = Literal["key_result", "kpi", "objective"]
TextFieldName = Literal["text", "metric", "owner", "source"]


def _placeholders(message: str, allowed: frozenset[str]) -> str:
    try:
        fields = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
    except ValueError as error:
        raise ValueError(f"cannot be read as a template ({error})") from None
    unknown = sorted(fields - allowed)
    if unknown:
        known = " or ".join("{" + name + "}" for name in sorted(allowed))
        raise ValueError(f"has an unknown placeholder {{{unknown[0]}}}; use {known}")
    return message


def _checked_word(word: str) -> str:
    if "*" in word[:-1]:
        raise ValueError("'*' may only end a word")
    if not re.search(r"\w", word):
        raise ValueError("has no letters to match")
    return word


def _checked_pattern(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"is not a regular expression Python can read ({error})") from None
    return pattern


def _word_regex(word: str) -> str:
    """A word as written in a pack, without the whole-word lookarounds."""
    stem = word.removesuffix("*").strip()
    body = r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", stem) if part)
    return body + (r"\w*" if word.endswith("*") else "")


def word_pattern(word: str) -> re.Pattern[str]:
    """The pattern a pack's word matches: whole words, any case, space or hyphen alike."""
    return re.compile(rf"(?<!\w){_word_regex(word)}(?!\w)", re.I)


@lru_cache(maxsize=256)
def any_word_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds whether any of the words is used (None for no words). The
    lookarounds are shared: five times faster than one scan per word, or than lookarounds
    around each alternative."""
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(_word_regex(word) for word in words)})(?!\w)", re.I)


class _Pack(_Strict):
    """What every pack has; a kind adds its keys and implements `findings`."""

    kind: str
    rule: RuleDocs

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        raise NotImplementedError

    @property
    def fixable(self) -> bool:
        return False

    @property
    def per_objective(self) -> bool:
        """Whether each finding depends on one objective (or plan-level item) and the plan's
        header only: the language server then re-checks just the objective an edit touched."""
        return False


_OFFSET = attrgetter("span.start.offset")  # where a statement starts, looked up in C


class _StatementPack(_Pack):
    """A pack about statements: which to read, and (with `when`) only those that use a word,
    (with `unless`) except those that use another ("revenue", unless "revenue churn")."""

    look_in: list[StatementKind] = Field(default=["key_result", "kpi"], min_length=1)
    when: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)

    @property
    def per_objective(self) -> bool:
        return True  # each statement is judged alone (with the plan's owner, for required-fields)

    @field_validator("when", "unless")
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        return [_checked_word(word) for word in words]

    def statements(self, document: Document) -> Iterator[Statement]:
        found: list[Statement] = list(document.kpis) if "kpi" in self.look_in else []
        for objective in document.objectives:
            if "objective" in self.look_in:
                found.append(objective)
            if "key_result" in self.look_in:
                found += objective.key_results
            if "kpi" in self.look_in:
                found += objective.kpis
        wanted, unwanted = any_word_pattern(tuple(self.when)), any_word_pattern(tuple(self.unless))
        for statement in sorted(found, key=_OFFSET):
            if wanted is not None and wanted.search(statement.text) is None:
                continue
            if unwanted is None or unwanted.search(statement.text) is None:
                yield statement


# --- forbidden-words and required-words ---------------------------------------------------------


class WordEntry(_Strict):
    """A word (`word`, a trailing * matches any ending) or a regular expression (`pattern`), the
    advice to give, and optionally the text to put in its place (a fix)."""

    word: str | None = None
    pattern: str | None = None
    suggestion: str = Field(min_length=1)
    replacement: str | None = None

    @field_validator("word")
    @classmethod
    def _check_word(cls, word: str | None) -> str | None:
        return word if word is None else _checked_word(word)

    @field_validator("pattern")
    @classmethod
    def _check_pattern(cls, pattern: str | None) -> str | None:
        return pattern if pattern is None else _checked_pattern(pattern)

    @model_validator(mode="after")
    def _one_of_word_and_pattern(self) -> WordEntry:
        if (self.word is None) == (self.pattern is None):
            raise ValueError("give either a word or a pattern")
        return self

    def compiled(self) -> re.Pattern[str]:
        return word_pattern(self.word) if self.word is not None else re.compile(self.pattern or "", re.I)


def _field_text(statement: Statement, field: TextFieldName) -> tuple[str, Span] | None:
    """The text of one field of a statement, with the span it is written at."""
    if field == "text":
        return statement.text, statement.span
    if field == "metric":
        metric = getattr(getattr(statement, "measure", None), "metric", None)
        return (metric, statement.span) if metric else None
    value = getattr(statement, field, None)
    return (value.text, value.span) if value is not None else None


class ForbiddenWordsPack(_StatementPack):
    field: TextFieldName = "text"
    only_unmeasured: bool = False
    message: str = "'{word}' should not be used here."
    fix: Literal["safe", "unsafe"] = "unsafe"
    words: list[WordEntry] = Field(min_length=1)

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: str) -> str:
        return _placeholders(message, frozenset({"word", "suggestion"}))

    @property
    def fixable(self) -> bool:
        return any(entry.replacement is not None for entry in self.words)

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        compiled = [(entry.compiled(), entry) for entry in self.words]
        # most statements use none of the words: one scan rules them out (when every entry is a word)
        words = tuple(entry.word for entry in self.words if entry.word is not None)
        patterns = [entry.pattern for entry in self.words if entry.pattern is not None]
        screen = _screen(words, tuple(patterns))
        needles = [_needle(entry.word) if entry.word is not None else None for entry in self.words]
        says_suggestion = "{suggestion}" in self.message
        for statement in self.statements(document):
            if self.only_unmeasured and _measured(statement):
                continue
            written = _field_text(statement, self.field)
            if written is None:
                continue
            text, span = written
            if screen is not None and screen.search(text) is None:
                continue
            candidates = compiled
            if text.isascii():  # a word can match only where its first part is written: one look, not a scan a word
                lowered = text.lower()
                candidates = [found for found, needle in zip(compiled, needles, strict=True)
                              if needle is None or needle in lowered]
            for start, end, entry in _matches(candidates, text):
                where = text_span(span, text, start, end)
                yield context.finding(
                    where,
                    self.message.format(word=text[start:end], suggestion=entry.suggestion),
                    None if says_suggestion else entry.suggestion,  # not twice: once in the message is enough
                    self._fix(entry, where, text[start:end]),
                )

    def _fix(self, entry: WordEntry, where: Span, said: str) -> Fix | None:
        # only where the match is written as read (no Markdown emphasis or wrapping inside it)
        exact = where.end.offset - where.start.offset == len(said) and where.start.line == where.end.line
        if entry.replacement is None or not exact:
            return None
        return constructed(
            Fix,
            message=f"Replace '{said}' with '{entry.replacement}'",
            edits=[constructed(Edit, span=where, replacement=entry.replacement)],
            applicability=self.fix,
        )


def _needle(word: str) -> str | None:
    """The first part of a pack's word, lowercased: an ASCII text in which it is not written
    cannot match the word (None when that does not hold: a word with other characters, which
    can match ASCII ones in any case, like the Kelvin sign and 'k')."""
    parts = [part for part in re.split(r"[\s-]+", word.removesuffix("*").strip()) if part]
    return parts[0].lower() if parts and parts[0].isascii() else None


def _matches(compiled: Sequence[tuple[re.Pattern[str], WordEntry]], text: str) -> Iterator[tuple[int, int, WordEntry]]:
    """Each match in `text`, left to right; where two overlap, the longer wins."""
    hits = sorted(
        ((m.start(), m.end(), entry) for pattern, entry in compiled for m in pattern.finditer(text)
         if m.end() > m.start()),
        key=lambda hit: (hit[0], -hit[1]),
    )
    reached = 0
    for start, end, entry in hits:
        if start >= reached:
            reached = end
            yield start, end, entry


@lru_cache(maxsize=256)
def _screen(words: tuple[str, ...], patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern that finds whether any entry, word or regular expression, matches."""
    found = any_word_pattern(words)
    if not patterns:
        return found
    return re.compile("|".join([*([found.pattern] if found else []), *(f"(?:{p})" for p in patterns)]), re.I)


def _measured(statement: Statement) -> bool:
    """A statement with a number, placed by the reader or not ("send 1+ proposals")."""
    if isinstance(statement, Objective):
        return False
    measure = statement.measure
    return bool(measure.baseline or measure.target or measure.change) or gives_a_number(statement.text)


SatisfyingField = Literal["deadline", "baseline", "target", "owner", "source", "cadence"]


class RequiredWordsPack(_StatementPack):
    field: TextFieldName = "text"
    words: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    satisfied_by: list[SatisfyingField] = Field(default_factory=list)
    message: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _check_words(cls, words: list[str]) -> list[str]:
        return [_checked_word(word) for word in words]

    @field_validator("patterns")
    @classmethod
    def _check_patterns(cls, patterns: list[str]) -> list[str]:
        return [_checked_pattern(pattern) for pattern in patterns]

    @model_validator(mode="after")
    def _something_to_find(self) -> RequiredWordsPack:
        if not self.words and not self.patterns:
            raise ValueError("give the words (or patterns) a statement must use")
        _placeholders(self.message, frozenset())
        return self

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        compiled = [re.compile(p, re.I) for p in self.patterns]
        if (words := any_word_pattern(tuple(self.words))) is not None:
            compiled.insert(0, words)
        for statement in self.statements(document):
            if any(_value_of(statement, name) is not None for name in self.satisfied_by):
                continue
            written = _field_text(statement, self.field)
            if written is not None and any(p.search(written[0]) for p in compiled):
                continue
            yield context.finding(statement.span, self.message, self.suggestion)


# --- required-fields -----------------------------------------------------------------------------

RequiredField = Literal["owner", "source", "cadence", "unit", "deadline", "baseline", "target"]
_FIELD_HINTS: dict[str, str] = {
    "owner": "Add an indented 'owner: <name>' line under it.",
    "source": "Add an indented 'source: <where the number comes from>' line under it.",
    "cadence": "Add an indented 'cadence: weekly' (or monthly…) line under it.",
    "unit": "Write the unit with the number: '%', a currency ('$2M'), or what is counted ('40 customers').",
    "deadline": "Say by when: 'by end of Q3', 'by 30 September'.",
    "baseline": "Say where you start: 'from <today's value> to <target>'.",
    "target": "Say where you aim: 'to <target>'.",
}


def _value_of(statement: Statement, name: str) -> object | None:
    """A field of a statement, or None where it is not written (or the statement has no such field)."""
    if name in ("baseline", "target"):
        measure = getattr(statement, "measure", None)
        return getattr(measure, name, None) if measure is not None else None
    if name == "unit":
        quantities = _quantities(statement)
        return next((q for q in quantities if q.unit), None)
    return getattr(statement, name, None)


class RequiredFieldsPack(_StatementPack):
    fields: list[RequiredField] = Field(min_length=1)
    inherit_owner: bool = True
    message: str = "This {statement} has no {field}."

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: str) -> str:
        return _placeholders(message, frozenset({"statement", "field"}))

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        owners = {id(kr): objective.owner or document.owner for objective in document.objectives
                  for kr in [*objective.key_results, *objective.kpis]}
        for statement in self.statements(document):
            for name in self.fields:
                if _value_of(statement, name) is not None:
                    continue
                if name == "owner" and self.inherit_owner and (owners.get(id(statement)) or (
                        isinstance(statement, Objective) and document.owner) or (
                        isinstance(statement, KPI) and document.owner)):
                    continue
                if name not in _fields_of(statement):
                    continue
                yield context.finding(
                    statement.span, self.message.format(statement=_kind_name(statement), field=name),
                    _FIELD_HINTS[name],
                )


def _fields_of(statement: Statement) -> frozenset[str]:
    if isinstance(statement, Objective):
        return frozenset({"owner"})
    if isinstance(statement, KPI):
        return frozenset(_FIELD_HINTS)
    return frozenset({"owner", "unit", "deadline", "baseline", "target"})


def _kind_name(statement: Statement) -> str:
    return {Objective: "objective", KeyResult: "key result", KPI: "KPI"}[type(statement)]


# --- child-count ---------------------------------------------------------------------------------

# constructed, not validated: validating at import would build the schemas on every run


class ChildCountPack(_Pack):
    parent: Literal["document", "objective"]
    children: Literal["objectives", "key_results", "kpis"]
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)
    message: str = "This {parent} has {count} {children}; keep it between {min} and {max}."
    suggestion: str = ""

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: str) -> str:
        return _placeholders(message, frozenset({"parent", "children", "count", "min", "max"}))

    @model_validator(mode="after")
    def _bounds(self) -> ChildCountPack:
        if self.min is None and self.max is None:
            raise ValueError("give min, max, or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is more than max ({self.max})")
        if self.parent == "document" and self.children == "key_results":
            raise ValueError("a document's children are objectives or kpis; key results belong to an objective")
        if self.parent == "objective" and self.children == "objectives":
            raise ValueError("an objective's children are key_results or kpis")
        return self

    @property
    def per_objective(self) -> bool:
        return self.parent == "objective"  # counting a plan's objectives or KPIs needs all of it

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        parents: list[tuple[object, Span]]
        if self.parent == "document":
            anchor = document.period or document.title or (document.objectives[0] if document.objectives else None)
            parents = [(document, anchor.span if anchor is not None else START_OF_FILE)]
        else:
            parents = [(objective, objective.line_span) for objective in document.objectives]
        for parent, span in parents:
            count = len(getattr(parent, self.children))
            if (self.min is not None and count < self.min) or (self.max is not None and count > self.max):
                message = self.message.format(
                    parent=self.parent, children=self.children.replace("_", " "), count=count,
                    min=self.min if self.min is not None else 0, max=self.max if self.max is not None else "any",
                )
                yield context.finding(span, message, self.suggestion or None)


# --- unit-required -------------------------------------------------------------------------------


def _quantities(statement: Statement) -> list[Quantity]:
    if isinstance(statement, Objective):
        return []
    measure = statement.measure
    found = [q for q in (measure.baseline, measure.target, measure.change) if q is not None]
    annual = getattr(statement, "annual_target", None)
    return [*found, annual] if annual is not None else found


class UnitRequiredPack(_StatementPack):
    units: list[str] = Field(min_length=1)
    require_numbers: bool = False
    message: str = "{quantity} has no unit this rule accepts ({units})."
    suggestion: str = Field(min_length=1)

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: str) -> str:
        return _placeholders(message, frozenset({"quantity", "units"}))

    def accepts(self, unit: str | None) -> bool:
        if unit is None:
            return False
        return unit in self.units or ("currency" in self.units and is_currency(unit))

    def findings(self, document: Document, context: Context) -> Iterator[Finding]:
        shown = ", ".join(self.units)
        for statement in self.statements(document):
            quantities = _quantities(statement)
            if not quantities:
                if self.require_numbers:
                    yield context.finding(statement.span, self.message.format(quantity="It", units=shown),
                                          self.suggestion)
                continue
            if any(self.accepts(q.unit) for q in quantities):
                continue
            first = min(quantities, key=lambda q: q.span.start.offset)
            yield context.finding(first.span, self.message.format(quantity=f"'{first.text}'", units=shown),
                                  self.suggestion)


# --- the rule a pack builds ----------------------------------------------------------------------


class PackRule(Rule):
    """The rule a pack builds: the pack fills in the class attributes."""

    scope = "document"
    pack: ClassVar[_Pack]
    source: ClassVar[Path]

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        return self.pack.findings(node, context)


KINDS: dict[str, type[_Pack]] = {
    "forbidden-words": ForbiddenWordsPack,
    "required-words": RequiredWordsPack,
    "required-fields": RequiredFieldsPack,
    "child-count": ChildCountPack,
    "unit-required": UnitRequiredPack,
}

_PackModel = TypeVar("_PackModel", bound=BaseModel)


def _validated(model: type[_PackModel], data: Mapping[str, Any], source: Path, text: str) -> _PackModel:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        detail = f"{_key(location)}: {_problem(first)}"
        more = len(error.errors()) - 1
        if more:
            detail += f" (and {more} more problem{'s' if more != 1 else ''})"
        raise PackError(source, _line_of(text, location), detail) from None


def _key(location: tuple[int | str, ...]) -> str:
    """A key as a pack author finds it: `words[3].suggestion` is the third [[words]] entry's."""
    key = ""
    for part in location:
        key += f"[{part + 1}]" if isinstance(part, int) else ("." if key else "") + str(part)
    return key or "(top level)"


def _problem(problem: Mapping[str, Any]) -> str:
    kind = problem["type"]
    if kind == "missing":
        return "is missing"
    if kind == "extra_forbidden":
        return "is not a key this kind of pack knows (check the spelling)"
    return str(problem["msg"]).removeprefix("Value error, ")


_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?")
_ASSIGN_RE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _line_of(text: str, location: tuple[int | str, ...]) -> int | None:
    """The line of a pack that writes the key at `location` (or the nearest line that holds it):
    `("words", 2, "suggestion")` is the `suggestion` line after the third `[[words]]` header."""
    keys = [part for part in location if isinstance(part, str)]
    index = next((part for part in location if isinstance(part, int)), None)
    best: int | None = None
    table: str = ""
    seen: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER_RE.match(line):
            table = header[2]
            seen[table] = seen.get(table, -1) + 1
            if keys and table == keys[0] and (index is None or seen[table] == index):
                best = number if len(keys) == 1 or best is None else best
            continue
        assignment = _ASSIGN_RE.match(line)
        if assignment is None:
            continue
        written = [*([table] if table else []), assignment[1]]
        # an index is the entry of an array of tables, or (outside any table) the list's item
        in_entry = index is None or not table or seen.get(table, -1) == index
        if written == keys[: len(written)] and in_entry:
            best = number
            if written == keys:
                return number
    return best


def load_pack(path: Path) -> type[Rule]:
    """The rule a pack file describes. Raises `PackError` naming the file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise PackError(path, None, f"cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise PackError(path, None, "is not valid UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r" \(at line (\d+).*\)$", str(error))
        line = int(found[1]) if found else None
        raise PackError(path, line, f"is not valid TOML ({error})") from None
    known = ", ".join(f"'{name}'" for name in KINDS)
    kind = data.get("kind")
    if kind is None:
        raise PackError(path, None, f"kind: is missing; say what kind of rule this pack is ({known})")
    model = KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        detail = f"kind: {kind!r} is not a kind of pack goallint knows ({known})"
        raise PackError(path, _line_of(text, ("kind",)), detail)
    pack = _validated(model, data, path, text)
    attributes = {
        **pack.rule.model_dump(),
        "__doc__": f"{pack.rule.summary} (from {path.name})",
        "pack": pack,
        "source": path,
        "fixable": pack.fixable,
        # the result cache keys findings on this: an edited pack must not reuse old results
        "cache_key": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
    }
    class_name = "".join(part.capitalize() for part in pack.rule.name.split("-"))
    return cast("type[Rule]", type(class_name, (PackRule,), attributes))


def load_packs(directory: Path) -> list[type[Rule]]:
    """The rules of every pack (`*.toml`) in `directory`, by file name."""
    return [load_pack(path) for path in sorted(directory.glob("*.toml"))]


@cache
def builtin_packs() -> tuple[type[Rule], ...]:
    """The packs shipped with goallint (`rules/` in a checkout, `goallint/rules/` installed)."""
    return tuple(load_packs(rules_dir()))

