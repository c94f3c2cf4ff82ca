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


# --- engine/rule.py: what a rule says about itself, and how it reports ---------------------------------


def test_a_rule_s_docs_are_its_code_severity_summary_why_examples_options_and_link() -> None:
    from pydantic import Field

    from goallint.engine.rule import RuleOptions

    class LimitOptions(RuleOptions):
        most: int = Field(4, description="the most allowed")
        words: list[str] = Field(default_factory=lambda: ["synergy"])

    class Limited(Rule[Any, LimitOptions]):  # Options taken from the generic arguments
        code = "ACME1"
        name = "limited"
        summary = "Too many."
        scope = "objective"
        why = "Focus."
        bad = "\nObjective: A\n  KR: B\n"
        good = "Objective: A"
        fixable = True
        docs_url = "https://example.org/limited"

    assert Limited.Options is LimitOptions
    assert Limited.docs() == (
        "ACME1 limited (warning)\n\nToo many.\n\nFocus.\n\nFlagged:\n\n    Objective: A\n      KR: B\n\n"
        "Better:\n\n    Objective: A\n\nOptions:\n  most = 4  the most allowed\n  words = ['synergy']\n"
        "\nCan fix: yes\nMore: https://example.org/limited\n")
    assert Limited.docs("error (set in goallint.toml)").startswith("ACME1 limited (error (set in goallint.toml))\n")

    class Bare(Rule):
        code = "ACME2"
        name = "bare"
        summary = "Nothing else."
        scope = "document"

    assert Bare.docs() == "ACME2 bare (warning)\n\nNothing else.\n\nCan fix: no\n"
    assert Bare.partition(parse_document(PLAN, "p.okr")) == ""  # one partition: every plan with every other


def test_a_value_passed_where_another_was_expected_is_described_briefly() -> None:
    from goallint.engine.rule import describe_value

    assert describe_value(3) == "3 (a int)"
    assert describe_value("x" * 58) == f"'{'x' * 58}' (a str)"  # 60 characters: whole
    assert describe_value("x" * 59) == f"'{'x' * 59}'"[:60] + "… (a str)"


def test_context_finding_refuses_what_is_not_a_span_a_text_or_a_severity() -> None:
    from goallint.engine.rule import Context

    rule = Many()
    context = Context(rule, None, parse_document(PLAN, "p.okr"))
    with pytest.raises(TypeError) as raised:
        context.finding("line 2", "m")  # type: ignore[arg-type]
    assert str(raised.value) == "context.finding() takes the span to flag, such as node.span, not 'line 2' (a str)"
    with pytest.raises(TypeError) as raised:
        context.finding(_span(1, 1, 0), 42)  # type: ignore[arg-type]
    assert str(raised.value) == "context.finding() takes the message as text, not 42 (a int)"
    with pytest.raises(ValueError) as wrong:
        context.finding(_span(1, 1, 0), "m", severity="fatal")  # type: ignore[arg-type]
    assert str(wrong.value) == "context.finding(severity='fatal'): use 'error', 'warning' or 'info'"
    made = context.finding(_span(1, 1, 0), "m", "h", severity="error")
    assert (made.code, made.rule, made.severity, made.message, made.hint, made.path, made.fix) == (
        "GL990", "many", "error", "m", "h", "p.okr", None)
    assert Context(rule, None, None).finding(_span(1, 1, 0), "m").path is None


def test_text_span_is_exact_for_a_statement_written_as_read() -> None:
    from goallint.engine.rule import text_span

    statement = Span(start=Position(line=2, column=7, offset=22), end=Position(line=2, column=33, offset=48))
    text = "Lift NPS from 30 to 50 now"
    part = text_span(statement, text, 14, 16)  # "30"
    assert (part.start.line, part.start.column, part.start.offset, part.end.column, part.end.offset) == (
        2, 21, 36, 23, 38)
    assert text_span(statement, text, 0, len(text)).end.offset == 48
    assert text_span(statement, text + "!", 14, 16) == statement  # written otherwise: the whole statement
    assert text_span(statement, text, 16, 14) == statement
    assert text_span(statement, text, -1, 2) == statement
    assert text_span(statement, text, 20, 27) == statement
    wrapped = Span(start=Position(line=2, column=7, offset=22), end=Position(line=3, column=1, offset=48))
    assert text_span(wrapped, text, 14, 16) == wrapped


def test_the_nodes_a_rule_of_each_scope_visits() -> None:
    from goallint.engine.rule import nodes_in_scope

    document = parse_document("KPI: Uptime\nObjective: A\n  KR: One\n  KPI: Backlog\nObjective: B\n  KR: Two\n"
                              "  KR: Three\n", "p.okr")
    def names(scope: Any) -> list[str]:
        return [getattr(node, "text", None) or getattr(node, "name", None) or "document"
                for node in nodes_in_scope(document, scope)]

    assert names("document") == ["document"]
    assert names("objective") == ["A", "B"]
    assert names("key_result") == ["One", "Two", "Three"]
    assert names("kpi") == ["Backlog", "Uptime"]
    assert names("documents") == []


def test_the_count_of_findings_left_out_carries_no_fix() -> None:
    from goallint.model import Edit, Fix

    class Fixing(Many):
        def check(self, node: Any, context: Any) -> Any:
            for n in range(12):
                span = _span(1, n + 1, n)
                yield context.finding(span, f"Finding {n}.", fix=Fix(message="Drop it", edits=[
                    Edit(span=span, replacement="")]))

    found = lint_document(parse_document(PLAN, "p.okr"), Selection([Fixing()]))
    assert [f.fix is None for f in found] == [False] * 9 + [True]


def test_ten_findings_on_one_line_are_all_shown_beside_a_crowded_line() -> None:
    found = _many(10, 12)
    assert [f.message for f in found if f.span.start.line == 1] == [f"Finding 1.{n}." for n in range(1, 11)]
    assert [f.message for f in found if f.span.start.line == 2][-1] == (
        "3 more many findings on this line are left out (the first is here).")


def test_a_configured_severity_changes_only_the_rule_s_own_findings(monkeypatch: pytest.MonkeyPatch) -> None:
    class Relaying(Many):
        def check(self, node: Any, context: Any) -> Any:
            yield context.finding(_span(1, 1, 0), "Mine.")
            yield Finding(code="GL000", rule="other", severity="info", message="Theirs.", path="p.okr",
                          span=_span(1, 2, 1))

    found = lint_document(parse_document(PLAN, "p.okr"), Selection([Relaying()], severity={"many": "error"}))
    assert [(f.message, f.severity) for f in found] == [("Mine.", "error"), ("Theirs.", "info")]


def test_a_failing_rule_s_traceback_names_it_under_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Broken(Many):
        def check(self, node: Any, context: Any) -> Any:
            raise KeyError("no table")

    monkeypatch.setenv("GOALLINT_DEBUG", "1")
    [failure] = lint_document(parse_document(PLAN, "p.okr"), Selection([Broken()]))
    assert failure.rule == "internal-error"
    assert "goallint: --debug: where rule GL990 many failed:\n" in capsys.readouterr().err


def test_findings_without_a_file_come_before_every_file() -> None:
    def at(path: str | None) -> Finding:
        return Finding(code="GL1", rule="r", severity="warning", message="m", path=path, span=_span(1, 1, 0))

    assert [f.path for f in sort_findings([at("Plans/q3.okr"), at(None), at("A.okr")])] == [
        None, "A.okr", "Plans/q3.okr"]


# --- engine/suppression.py: what unused-suppression says ---------------------------------------------


_SHORT = "period: 2026-Q3\nObjective: Delight customers\n  KR: Lift NPS to 50\n"
_RULES_HINT = "Run 'goallint rules' to list them."
_CANNOT_READ = ("Write 'goallint: disable=RULE' to silence a rule on the next line (or at the end of the line itself), "
                "or 'goallint: disable-file=RULE' for the whole file; name rules by name or code.")


def _suppression(text: str, *select: str, **table: Any) -> list[tuple[int, str, str, str | None]]:
    from goallint.checking import check_text
    from goallint.config import config_from_table
    from goallint.engine.plugins import load_plugins

    plugins = load_plugins(include_installed=False)
    config = config_from_table({"select": list(select), **table}, plugins)
    return [(f.span.start.line, f.severity, f.message, f.hint) for f in check_text(text, "plan.okr", config, plugins)[1]
            if f.rule == "unused-suppression"]


@pytest.mark.parametrize(("text", "select", "expected"), [
    ("# goallint: disabel=kr-count\n" + _SHORT, (), [(1, "goallint cannot read this directive.", _CANNOT_READ)]),
    ("# goallint: disable=\n" + _SHORT, (), [(1, "goallint cannot read this directive.", _CANNOT_READ)]),  # no rule
    (_SHORT + "# goallint: disable=kr-count\n", ("kr-count",), [
        (4, "This directive has no line after it to apply to.",
         "Move it onto the line above the one it is meant for, or remove it.")]),
    ("# goallint: disable-file=kr-count\n" + _SHORT, (), [
        (1, "kr-count is not enabled here, so there is nothing to disable.", "Remove it from the directive.")]),
    ("# goallint: disable-file=no-change, GL206, no-change\n" + _SHORT, ("no-change",), [  # once, by name or code
        (1, "This directive disables no-change, but no-change reports nothing in this file.",
         "Remove it from the directive, or move the directive to the line the finding is on.")]),
    ("# goallint: disable=direction-contradiction\n" + _SHORT[16:], ("direction-contradiction",), [
        (1, "This directive disables direction-contradiction, but direction-contradiction reports nothing on line 2.",
         "Remove it from the directive, or move the directive to the line the finding is on.")]),
    ("# goallint: disable-file=kr-cuont, zzzzqqq, kr-cuont, " + "x" * 70 + "\n" + _SHORT, (), [
        (1, "There is no rule 'kr-cuont' to disable. Did you mean 'kr-count'?", _RULES_HINT),
        (1, "There is no rule 'zzzzqqq' to disable.", _RULES_HINT),
        (1, f"There is no rule '{'x' * 59}…' to disable.", _RULES_HINT)]),
    ("# goallint: disable=kr-count, missing-baseline\nObjective: Grow\n  KR: Lift NPS to 50\n",
     ("kr-count", "missing-baseline"), [
         (1, "This directive disables missing-baseline, but missing-baseline reports nothing on line 2.",
          "Remove it from the directive, or move the directive to the line the finding is on.")]),
])
def test_unused_suppression_says_why_and_what_to_do(
    text: str, select: tuple[str, ...], expected: list[tuple[int, str, str]]
) -> None:
    found = _suppression(text, "unused-suppression", *select)
    assert [(line, message, hint) for line, _, message, hint in found] == expected


def test_past_ten_unknown_rules_one_finding_counts_the_rest() -> None:
    names = ", ".join(f"nosuch{n}" for n in range(13))
    found = _suppression(f"# goallint: disable-file={names}\n" + _SHORT, "unused-suppression")
    assert [message for _, _, message, _ in found] == [
        f"There is no rule 'nosuch{n}' to disable." for n in range(10)] + [
        "This directive names 3 more rules that do not exist."]
    assert found[-1][3] == "Run 'goallint rules' to list them, and name only those in the directive."
    ten = ", ".join(f"nosuch{n}" for n in range(10))
    assert len(_suppression(f"# goallint: disable-file={ten}\n" + _SHORT, "unused-suppression")) == 10


def test_unused_suppression_takes_its_configured_severity() -> None:
    found = _suppression("# goallint: disable-file=kr-count\n" + _SHORT, "unused-suppression",
                         severity={"unused-suppression": "info"})
    assert [severity for _, severity, _, _ in found] == ["info"]


def test_a_suppression_covers_its_line_or_the_whole_file() -> None:
    from goallint.engine.suppression import find_suppressions

    text = "# goallint: disable=kr-count\nObjective: A\n# goallint: disable-file=GL202\n"
    line, whole = find_suppressions(text, "okr")
    on = [Finding(code="GL1", rule="r", severity="warning", message="m", path="p", span=_span(n, 1, 0)) for n in (2, 3)]
    assert [line.covers(f) for f in on] == [True, False]
    assert [whole.covers(f) for f in on] == [True, True]


def test_each_document_reported_on_by_a_set_rule_finds_its_own_objectives() -> None:
    from goallint.engine.rule import Context

    first, second = (parse_document(f"Objective: {name}\n  KR: Lift NPS to 50\n", f"{name}.okr") for name in "AB")
    context = Context(Across(), None, None)
    assert context.about(first).objective_of(first.objectives[0].key_results[0]) is first.objectives[0]
    assert context.about(second).objective_of(second.objectives[0].key_results[0]) is second.objectives[0]


def test_an_example_keeps_its_indentation_and_its_last_letter() -> None:
    class Indented(Rule):
        code = "ACME3"
        name = "indented"
        summary = "Indented examples."
        scope = "key_result"
        bad = "  KR: Grow to X"
        good = "\n\n  KR: Grow from 10 to X\n"

    assert "Flagged:\n\n      KR: Grow to X\n\nBetter:\n\n      KR: Grow from 10 to X\n" in Indented.docs()


def test_an_empty_part_of_a_statement_has_an_empty_span_where_it_is() -> None:
    from goallint.engine.rule import text_span

    statement = Span(start=Position(line=2, column=7, offset=22), end=Position(line=2, column=29, offset=44))
    empty = text_span(statement, "Lift NPS from 30 to 50", 5, 5)
    assert (empty.start.column, empty.end.column, empty.start.offset, empty.end.offset) == (12, 12, 27, 27)


def test_a_rule_typed_without_options_has_none() -> None:
    from goallint.engine.rule import NoOptions
    from goallint.model import KeyResult

    class Typed(Rule[KeyResult]):  # the options' type defaults to Any
        code = "ACME4"
        name = "typed"
        summary = "Typed."
        scope = "key_result"

    class Untyped(Rule[Any, Any]):
        code = "ACME5"
        name = "untyped"
        summary = "Untyped."
        scope = "key_result"

    class NotAModel(Rule[KeyResult, int]):  # type: ignore[type-var]
        code = "ACME6"
        name = "not-a-model"
        summary = "Options that are no model."
        scope = "key_result"

    assert Typed.Options is NoOptions and Untyped.Options is NoOptions and NotAModel.Options is NoOptions


def test_find_suppressions_gives_each_directive_as_written() -> None:
    from goallint.engine.suppression import find_suppressions

    [inline, whole] = find_suppressions(
        "Objective: A  # goallint: disable=kr-count, GL202\n# goallint: disable-file=no-change\n", "okr")
    assert (inline.text, inline.action, inline.rules, inline.line) == (
        "# goallint: disable=kr-count, GL202", "disable", ("kr-count", "GL202"), 1)
    assert (inline.span.start.column, inline.span.end.column) == (15, 50)
    assert (whole.text, whole.action, whole.rules, whole.line) == (
        "# goallint: disable-file=no-change", "disable-file", ("no-change",), None)


def test_directives_of_cached_findings_are_read_from_the_text_in_its_format() -> None:
    """Findings from the cache come without a parsed document: a Markdown file's comments are
    read as Markdown, and a source without a path does not stop the others."""
    from goallint.engine.plugins import load_plugins
    from goallint.engine.suppression import SourceName, apply_suppressions

    plugins = load_plugins(include_installed=False)
    text = "<!-- goallint: disable=kr-count -->\n## Objective: A\n\n- KR: Lift NPS to 50\n"
    found = [Finding(code="GL101", rule="kr-count", severity="warning", message="m", path="p.md",
                     span=_span(2, 1, 36))]
    pathless = parse_document("Objective: B\n", None)
    kept = apply_suppressions(found, [pathless, SourceName("p.md", "md")], {"p.md": text}, plugins,
                              Selection.all_of(plugins))
    assert kept == []


@pytest.mark.parametrize(("length", "shown"), [(60, "y" * 60), (61, "y" * 59 + "…")])
def test_an_unknown_rule_name_is_quoted_up_to_sixty_characters(length: int, shown: str) -> None:
    found = _suppression(f"# goallint: disable-file={'y' * length}\n" + _SHORT, "unused-suppression")
    assert [message for _, _, message, _ in found] == [f"There is no rule '{shown}' to disable."]


def test_an_unused_suppression_finding_is_gl901() -> None:
    from goallint.checking import check_text
    from goallint.config import config_from_table
    from goallint.engine.plugins import load_plugins

    plugins = load_plugins(include_installed=False)
    config = config_from_table({"select": ["unused-suppression"]}, plugins)
    [found] = check_text("# goallint: disable-file=kr-count\n" + _SHORT, "plan.okr", config, plugins)[1]
    assert (found.code, found.rule, found.path, found.fix) == ("GL901", "unused-suppression", "plan.okr", None)
