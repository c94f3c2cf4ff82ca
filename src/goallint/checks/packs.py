"""Rule packs: a rule written as data, in a TOML file, by people who do not write Python.

A pack says what kind of rule it is, documents the rule like any other, and gives what its
kind needs:

    kind = "forbidden-words"

    [rule]
    code = "GL601"              # letters then digits
    name = "vague-language"     # kebab-case
    summary = "…"
    severity = "warning"        # error, warning (the default) or info
    why = "…"
    bad = "…"                   # .okr documents; the tests check the rule fires on `bad`
    good = "…"                  # and not on `good`

Kinds:

- `forbidden-words`: words or phrases a statement should not use, each with a suggestion:

      look_in = ["key_result", "kpi"]   # statements to read: key_result, kpi, objective
      only_unmeasured = true            # skip statements that have a number (default false)
      message = "'{word}' is vague."    # {word}: the word as written, {suggestion}: its hint

      [[words]]
      word = "optimi*"                  # a trailing * matches any ending (optimise, optimization)
      suggestion = "Name the number that shows it is better."

  Words match whole words, in any case; in a phrase, a space or a hyphen matches either
  ("best in class", "best-in-class").

A pack that cannot be read or has a wrong key is a `PackError` naming the file and the key.
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from goallint.engine.rule import Context, Rule, text_span
from goallint.model import KPI, Document, Finding, KeyResult, Objective, Severity
from goallint.resources import rules_dir


class PackError(Exception):
    """A rule pack goallint cannot use; the message names the file and the key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class RuleDocs(_Strict):
    """The `[rule]` table every pack has: what `goallint rules` and `explain` show."""

    code: str = Field(pattern=r"^[A-Z]+[0-9]+$")
    name: str = Field(pattern=r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
    summary: str = Field(min_length=1)
    severity: Severity = "warning"
    why: str = ""
    bad: str = ""
    good: str = ""


class _Pack(_Strict):
    kind: str
    rule: RuleDocs


# --- forbidden-words ---------------------------------------------------------------------------

Statement = Literal["key_result", "kpi", "objective"]
_PLACEHOLDERS = frozenset({"word", "suggestion"})


class ForbiddenWord(_Strict):
    word: str = Field(min_length=1)
    suggestion: str = Field(min_length=1)

    @field_validator("word")
    @classmethod
    def _one_wildcard_at_the_end(cls, word: str) -> str:
        if "*" in word[:-1]:
            raise ValueError("'*' may only end a word")
        if not re.search(r"\w", word):
            raise ValueError("has no letters to match")
        return word


class ForbiddenWordsPack(_Pack):
    look_in: list[Statement] = Field(default=["key_result", "kpi"], min_length=1)
    only_unmeasured: bool = False
    message: str = "'{word}' should not be used here."
    words: list[ForbiddenWord] = Field(min_length=1)

    @field_validator("message")
    @classmethod
    def _known_placeholders(cls, message: str) -> str:
        try:
            fields = {name for _, name, _, _ in string.Formatter().parse(message) if name is not None}
        except ValueError as error:
            raise ValueError(f"cannot be read as a template ({error})") from None
        unknown = sorted(fields - _PLACEHOLDERS)
        if unknown:
            raise ValueError(f"has an unknown placeholder {{{unknown[0]}}}; use {{word}} or {{suggestion}}")
        return message


def word_pattern(word: str) -> re.Pattern[str]:
    """The pattern a pack's word matches: whole words, any case, space or hyphen alike."""
    stem = word.removesuffix("*").strip()
    body = r"[\s-]+".join(re.escape(part) for part in re.split(r"[\s-]+", stem) if part)
    ending = r"\w*" if word.endswith("*") else ""
    return re.compile(rf"(?<!\w){body}{ending}(?!\w)", re.I)


class ForbiddenWordsRule(Rule):
    """The rule a `forbidden-words` pack builds; the pack fills in the class attributes."""

    scope = "document"
    words: ClassVar[tuple[tuple[re.Pattern[str], ForbiddenWord], ...]] = ()
    look_in: ClassVar[tuple[Statement, ...]] = ()
    only_unmeasured: ClassVar[bool] = False
    message: ClassVar[str] = ""

    def check(self, node: Document, context: Context) -> Iterator[Finding]:
        for statement in self._statements(node):
            if self.only_unmeasured and _measured(statement):
                continue
            for start, end, entry in self._matches(statement.text):
                said = statement.text[start:end]
                yield context.finding(
                    text_span(statement.span, statement.text, start, end),
                    self.message.format(word=said, suggestion=entry.suggestion),
                    entry.suggestion,
                )

    def _statements(self, document: Document) -> list[Objective | KeyResult | KPI]:
        found: list[Objective | KeyResult | KPI] = list(document.kpis) if "kpi" in self.look_in else []
        for objective in document.objectives:
            if "objective" in self.look_in:
                found.append(objective)
            if "key_result" in self.look_in:
                found += objective.key_results
            if "kpi" in self.look_in:
                found += objective.kpis
        return sorted(found, key=lambda statement: statement.span.start.offset)

    def _matches(self, text: str) -> Iterator[tuple[int, int, ForbiddenWord]]:
        """Each forbidden word in `text`, left to right; where two overlap, the longer wins."""
        hits = sorted(
            ((m.start(), m.end(), entry) for pattern, entry in self.words for m in pattern.finditer(text)),
            key=lambda hit: (hit[0], -hit[1]),
        )
        reached = 0
        for start, end, entry in hits:
            if start >= reached:
                reached = end
                yield start, end, entry


def _measured(statement: Objective | KeyResult | KPI) -> bool:
    if isinstance(statement, Objective):
        return False
    measure = statement.measure
    return bool(measure.baseline or measure.target or measure.change)


def _forbidden_words(data: Mapping[str, Any], source: Path) -> type[Rule]:
    pack = _validated(ForbiddenWordsPack, data, source)
    attributes = {
        **pack.rule.model_dump(),
        "__doc__": f"{pack.rule.summary} (from {source.name})",
        "words": tuple((word_pattern(entry.word), entry) for entry in pack.words),
        "look_in": tuple(pack.look_in),
        "only_unmeasured": pack.only_unmeasured,
        "message": pack.message,
    }
    class_name = "".join(part.capitalize() for part in pack.rule.name.split("-"))
    return cast("type[Rule]", type(class_name, (ForbiddenWordsRule,), attributes))


# --- loading -----------------------------------------------------------------------------------

KINDS: dict[str, Callable[[Mapping[str, Any], Path], type[Rule]]] = {
    "forbidden-words": _forbidden_words,
}

_PackModel = TypeVar("_PackModel", bound=BaseModel)


def _validated(model: type[_PackModel], data: Mapping[str, Any], source: Path) -> _PackModel:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [f"{_key(problem['loc'])}: {_problem(problem)}" for problem in error.errors()]
        raise PackError(f"{source}: " + "; ".join(problems[:3])) from None


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


def load_pack(path: Path) -> type[Rule]:
    """The rule a pack file describes. Raises `PackError` naming the file and the key."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise PackError(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise PackError(f"{path}: is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: is not valid TOML ({error})") from None
    known = ", ".join(f"'{name}'" for name in KINDS)
    kind = data.get("kind")
    if kind is None:
        raise PackError(f"{path}: kind: is missing; say what kind of rule this pack is ({known})")
    build = KINDS.get(kind) if isinstance(kind, str) else None
    if build is None:
        raise PackError(f"{path}: kind: {kind!r} is not a kind of pack goallint knows ({known})")
    return build(data, path)


def load_packs(directory: Path) -> list[type[Rule]]:
    """The rules of every pack (`*.toml`) in `directory`, by file name."""
    return [load_pack(path) for path in sorted(directory.glob("*.toml"))]


@cache
def builtin_packs() -> tuple[type[Rule], ...]:
    """The packs shipped with goallint (`rules/` in a checkout, `goallint/rules/` installed)."""
    return tuple(load_packs(rules_dir()))
