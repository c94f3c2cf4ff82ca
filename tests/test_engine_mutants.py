"""Details of goallint's engine pinned in process, so that mutation testing (bench/mutation.py) sees
them: each test here states a behaviour a user would notice that a surviving mutant changed."""

from __future__ import annotations

from typing import Any

import pytest

from goallint.engine.rule import Rule
from goallint.engine.runner import MAX_PER_LINE, Selection, lint, lint_document, lint_set, sort_findings
from goallint.model import Finding, Position, Span
from goallint.syntax import parse_document

PLAN = "Objective: Grow\n  KR: Lift NPS from 30 to 50\n  KR: Cut churn from 4% to 3%\n"


def _span(line: int, column: int, offset: int) -> Span:
    return Span(start=Position(line=line, column=column, offset=offset),
                end=Position(line=line, column=column + 1, offset=offset + 1))


class Many(Rule):
    """Yields `per_line[n]` findings on line n + 1 of the document."""

    code = "GL990"
    name = "many"
    summary = "Says a lot."
    scope = "document"
    per_line: tuple[int, ...] = ()

    def check(self, node: Any, context: Any) -> Any:
        for index, count in enumerate(self.per_line):
            for n in range(count):
                yield context.finding(_span(index + 1, n + 1, n), f"Finding {index + 1}.{n + 1}.",
                                      "Do it.", severity="info" if n == 0 else None)


def _many(*per_line: int) -> list[Finding]:
    rule = Many()
    rule.per_line = per_line
    return lint_document(parse_document(PLAN, "p.okr"), Selection([rule]))


# --- engine/runner.py: at most MAX_PER_LINE findings of a rule on a line ----------------------------


def test_a_rule_reports_at_most_ten_findings_on_a_line_and_counts_the_rest() -> None:
    assert MAX_PER_LINE == 10
    found = _many(25, 3)
    first_line = [f for f in found if f.span.start.line == 1]
    assert [f.message for f in first_line[:9]] == [f"Finding 1.{n}." for n in range(1, 10)]
    summary = first_line[9]
    assert len(first_line) == 10
    assert summary.message == "16 more many findings on this line are left out (the first is here)."
    assert summary.hint == "Fix the ones shown first: goallint reports at most 10 of one rule on a line."
    assert (summary.span.start.column, summary.fix, summary.severity) == (10, None, "warning")  # the tenth's place
    assert [f.message for f in found if f.span.start.line == 2] == ["Finding 2.1.", "Finding 2.2.", "Finding 2.3."]
    thousands = _many(1012)
    assert thousands[-1].message == "1,003 more many findings on this line are left out (the first is here)."


@pytest.mark.parametrize(("count", "shown"), [(9, 9), (10, 10), (11, 10), (12, 10)])
def test_ten_findings_on_a_line_are_all_shown_and_eleven_are_nine_and_a_count(count: int, shown: int) -> None:
    found = _many(count)
    assert len(found) == shown
    counted = [f.message for f in found if "left out" in f.message]
    assert counted == ([f"{count - 9} more many findings on this line are left out (the first is here)."]
                       if count > 10 else [])
    assert [f.message for f in found if "left out" not in f.message] == [
        f"Finding 1.{n}." for n in range(1, min(count, 9 if count > 10 else 10) + 1)]


def test_findings_on_many_lines_are_not_capped() -> None:
    assert len(_many(*([2] * 30))) == 60


# --- engine/runner.py: severities -------------------------------------------------------------------


def test_a_configured_severity_replaces_the_rule_s_and_each_finding_s_own() -> None:
    rule = Many()
    rule.per_line = (3,)
    document = parse_document(PLAN, "p.okr")
    own = lint_document(document, Selection([rule]))
    assert [f.severity for f in own] == ["info", "warning", "warning"]  # a finding's own, else the rule's
    configured = lint_document(document, Selection([rule], severity={"many": "error"}))
    assert [f.severity for f in configured] == ["error"] * 3
    assert [f.severity for f in lint_document(document, Selection([rule], severity={"other": "error"}))] == [
        "info", "warning", "warning"]
    same = lint_document(document, Selection([rule], severity={"many": "warning"}))
    assert [f.severity for f in same] == ["info", "warning", "warning"]  # the rule's own: nothing replaced


def test_a_selection_reports_the_severity_in_effect_and_its_set_rules() -> None:
    from goallint.checks.alignment import RULES as ALIGNMENT
    from goallint.checks.structure import KrCount

    kr_count = KrCount()
    selection = Selection([kr_count], severity={"objective-count": "error"})
    assert selection.severity_of(kr_count) == "warning"
    assert Selection([kr_count], severity={"kr-count": "info"}).severity_of(KrCount) == "info"
    across = [rule() for rule in ALIGNMENT if rule.scope == "documents"]
    assert across and Selection([kr_count, *across]).set_rules == across


# --- engine/runner.py: rules over a set of plans, and the order of findings -----------------------------


class Across(Rule):
    code = "GL991"
    name = "across"
    summary = "Counts plans."
    scope = "documents"

    def check(self, node: Any, context: Any) -> Any:
        yield context.about(node[-1]).finding(_span(1, 1, 0), f"{len(node)} plans.")


def test_a_set_rule_sees_every_plan_and_only_when_there_are_some() -> None:
    plans = [parse_document(PLAN, "a.okr"), parse_document(PLAN, "b.okr")]
    selection = Selection([Many(), Across()])
    assert [(f.path, f.message) for f in lint_set(plans, selection)] == [("b.okr", "2 plans.")]
    assert lint_set([], selection) == []
    assert lint_document(plans[0], Selection([Across()])) == []  # never run on one document
    other = Across()
    assert [f.message for f in lint_set(plans[:1], Selection([]), only=other)] == ["1 plans."]


def test_findings_are_sorted_by_file_then_place_then_code() -> None:
    def at(path: str | None, offset: int, code: str) -> Finding:
        return Finding(code=code, rule="r", severity="warning", message="m", path=path, span=_span(1, 1, offset))

    found = [at("b.okr", 0, "GL1"), at("a.okr", 5, "GL1"), at("a.okr", 5, "GL0"), at(None, 9, "GL2"),
             at("a.okr", 1, "GL9")]
    assert [(f.path, f.span.start.offset, f.code) for f in sort_findings(found)] == [
        (None, 9, "GL2"), ("a.okr", 1, "GL9"), ("a.okr", 5, "GL0"), ("a.okr", 5, "GL1"), ("b.okr", 0, "GL1")]
    plans = [parse_document("Objective: Grow\n", "b.okr"), parse_document("Objective: Grow\n", "a.okr")]
    assert [f.path for f in lint(plans, Selection([Across(), Many()]))] == ["a.okr"]
