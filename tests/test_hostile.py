"""What goallint says about inputs built to break it (issue 20): years and numbers past what
Python's dates and ints take, directives and findings repeated thousands of times. Each gives
findings or a clear message, never a traceback or an internal error. (How the time of such
inputs grows is in test_fuzz.py; bench/hostile.py prints it.)"""

from __future__ import annotations

import random

from goallint.checking import check_sources
from goallint.checks.language import MAX_COMPARISONS
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.engine.runner import MAX_PER_LINE
from goallint.engine.suppression import MAX_UNKNOWN_NAMES
from goallint.model import Finding, Position, Quantity, Span
from goallint.outline import describe_quantity
from goallint.syntax import parse_document
from goallint.syntax.dates import parse_period, resolve_deadline
from harness import goallint

PLUGINS = load_plugins()
CONFIGS = ConfigFinder(PLUGINS)
HEAD = "period: 2026-Q3\nowner: Growth\n"


def check(text: str, name: str = "plan.okr") -> list[Finding]:
    found = check_sources({name: text}, CONFIGS, jobs=1)
    assert not [f for f in found if f.rule == "internal-error"], [f.message for f in found]
    return found


def rules(found: list[Finding]) -> list[str]:
    return [f.rule for f in found]


# --- years and numbers ---------------------------------------------------------------------------


def test_a_period_past_year_9998_is_not_understood_with_a_message() -> None:
    for text in ("FY9999 Q4", "99999-Q3", "10000", "Q1 FY9999"):
        assert parse_period(text) is None, text
    found = check("period: FY99999 Q4\nObjective: Grow\n  KR 1: Grow signups from 1 to 2 by Q4 99999\n")
    messages = [f.message for f in found if f.rule == "syntax"]
    assert messages == ["goallint does not understand the period 'FY99999 Q4'."]


def test_a_deadline_past_year_9998_has_no_date_and_does_not_raise() -> None:
    period = parse_period("2026-Q3")
    for text in ("by Q4 9999", "by Dec 31, 9999", "by FY9999", "by end of 10000", "by 9999-12-31", "by H2 99999"):
        assert resolve_deadline(text, period) is None, text
    last = parse_period("9998-Q4")
    assert last is not None and resolve_deadline("next quarter", last) is None  # would be in 9999
    assert resolve_deadline("by end of next year", parse_period("9998")) is None


def test_years_past_9998_through_the_command_line_give_findings_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.okr"
    plan.write_text("period: FY9999 Q4\nObjective: Grow\n  KR 1: Grow signups from 1 to 2 by Dec 31, 9999\n",
                    encoding="utf-8")
    result = goallint("check", "--no-cache", plan)  # the harness fails on any traceback
    assert result.returncode == 1
    assert "does not understand the period 'FY9999 Q4'" in result.stdout
    page = tmp_path / "plan.md"
    page.write_text("# OKRs\n\n## Objective: Grow\n\n- KR 1: Grow signups from 1 to 2 by Q4 9999\n", encoding="utf-8")
    assert goallint("check", "--no-cache", page).returncode in (0, 1)
    assert goallint("parse", page).returncode == 0


def test_numbers_of_thousands_of_digits_give_findings_not_an_internal_error() -> None:
    digits = "9" * 5000
    found = check(f"{HEAD}Objective: Grow\n  KR {digits}: Grow signups from 1 to {digits}\n"
                  "  KR 2: Grow revenue from 1 to 5\n  KR 3: Cut churn from 4% to 2%\n")
    assert "kr-numbering" in rules(found)
    (number,) = [f for f in found if f.rule == "number-format"]
    assert number.fix is not None
    better = number.fix.edits[0].replacement
    assert better.startswith("99,999,") and better.replace(",", "") == digits  # 5,000 digits: 2 then threes


def test_a_number_too_large_for_a_float_is_described_not_raised() -> None:
    at = Position(line=1, column=1, offset=0)
    infinite = Quantity(value=float("inf"), unit="%", text="1e999%", span=Span(start=at, end=at))
    assert describe_quantity(infinite) == "(a number too large to read)%"
    huge = infinite.model_copy(update={"value": 1e300, "unit": None})
    assert describe_quantity(huge) == "1e+300"
    plan = f"{HEAD}Objective: Grow\n  KR 1: Grow signups from 1 to 1{'0' * 400} by Q3\n"
    assert parse_document(plan, "plan.okr").objectives[0].key_results  # read, whatever the value


# --- many of one thing ---------------------------------------------------------------------------


def test_a_directive_naming_a_rule_thousands_of_times_is_one_unused_suppression() -> None:
    names = ",".join(["kr-count"] * 3000)
    found = check(f"{HEAD}# goallint: disable-file={names}\nObjective: Grow\n  KR: Grow signups from 1 to 5\n"
                  "  KR: Cut churn from 4% to 2%\n  KR: Raise NPS from 30 to 40\n")
    unused = [f for f in found if f.rule == "unused-suppression"]
    assert [f.message for f in unused] == [
        "This directive disables kr-count, but kr-count reports nothing in this file."
    ]


def test_unknown_rule_names_are_each_reported_once_and_at_most_ten_times_a_directive() -> None:
    found = check(f"{HEAD}# goallint: disable={','.join(['kr-cuont'] * 2000)}\nObjective: Grow\n  KR: Ship it\n")
    assert [f.message for f in found if f.rule == "unused-suppression"] == [
        "There is no rule 'kr-cuont' to disable. Did you mean 'kr-count'?"
    ]
    many = ",".join(f"nosuchrule{n}" for n in range(50))
    found = check(f"{HEAD}# goallint: disable={many}\nObjective: Grow\n  KR: Ship it\n")
    unused = [f.message for f in found if f.rule == "unused-suppression"]
    assert len(unused) == MAX_UNKNOWN_NAMES + 1
    assert unused[-1] == f"This directive names {50 - MAX_UNKNOWN_NAMES} more rules that do not exist."


def test_a_file_of_directives_still_silences_the_line_after_them() -> None:
    directives = "# goallint: disable=kr-count\n" * 3000
    found = check(f"{HEAD}{directives}Objective: Grow\n  KR: Grow signups from 1 to 5\n")
    assert "kr-count" not in rules(found)
    assert rules(found).count("unused-suppression") == 0  # each of them covers the objective's line


def test_a_markdown_line_of_many_comments_then_text_is_read_at_once() -> None:
    # a nested pattern for "only comments on this line" backtracked exponentially here
    page = ("# OKRs\n\n<!-- goallint: disable=kr-count -->\n" + "<!-- a --> " * 40 + "x\n\n"
            "## Objective: Grow\n\n- KR: Grow signups from 1 to 5\n")
    found = check(page, "plan.md")
    assert "unused-suppression" in rules(found)  # it covers the line of comments, where nothing is


def test_thousands_of_vague_words_in_one_key_result_are_ten_findings_and_a_count() -> None:
    found = check(f"{HEAD}Objective: Grow\n  KR 1: " + "improve optimize better " * 1400 + "\n")
    vague = [f for f in found if f.rule == "vague-language"]
    assert len(vague) == MAX_PER_LINE
    left_out = 3 * 1400 - MAX_PER_LINE + 1
    assert vague[-1].message == (
        f"{left_out:,} more vague-language findings on this line are left out (the first is here)."
    )


def test_an_objective_too_large_to_compare_in_full_says_so() -> None:
    # key results of 12 words out of 24, each pair sharing about half: all candidates, none alike
    generator = random.Random(7)
    vocabulary = [f"word{n}" for n in range(24)]
    lines = [f"  KR: Grow {' '.join(generator.sample(vocabulary, 12))} from 1 to {n + 2}\n" for n in range(400)]
    found = check(f"{HEAD}Objective: Grow\n{''.join(lines)}")
    capped = [f for f in found if f.rule == "duplicate-statement" and "compared only" in f.message]
    assert [f.span.start.line for f in capped] == [3]
    assert f"the first {MAX_COMPARISONS:,} pairs" in capped[0].message


def test_a_table_s_cells_make_no_tokens_and_its_rows_and_results_read_as_before() -> None:
    """markdown-it makes three tokens a cell, half the time of a page of wide tables; goallint
    reads cells from the source lines, so its parser makes tokens for the rows only."""
    from markdown_it import MarkdownIt

    from goallint.syntax.markdown import blocks

    page = ("## Objective: Grow\n\n| Key result | Owner |\n|:--|--|\n| KR1: Grow signups from 1 to 5 | Ann |\n"
            "| KR2: Cut churn from 4% to 2% | Bo |\n\n- KR3: Raise NPS from 30 to 40\n")
    full = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
    rows_only = blocks.with_rows_only_tables(MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"]))
    every, kept = full.parse(page), rows_only.parse(page)
    assert not [t for t in kept if t.type in ("th_open", "td_open", "td_close")]
    assert sum(t.type == "inline" for t in every) - sum(t.type == "inline" for t in kept) == 6  # 3 rows of 2 cells
    assert [(t.type, t.map, t.level) for t in every if t.type not in blocks._CELL_TOKENS] == [
        (t.type, t.map, t.level) for t in kept if t.type not in blocks._CELL_TOKENS]
    source = blocks.Source(page)
    [_, table, items] = blocks.block_tree(kept, source)
    assert isinstance(table, blocks.Table) and isinstance(items, blocks.ListBlock)
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["KR1: Grow signups from 1 to 5", "Ann"], ["KR2: Cut churn from 4% to 2%", "Bo"]]
    document = parse_document(page, "plan.md", "md")
    assert [kr.text for o in document.objectives for kr in o.key_results] == [
        "Grow signups from 1 to 5", "Cut churn from 4% to 2%", "Raise NPS from 30 to 40"]


def test_the_plans_checked_are_let_go_before_the_report_is_made() -> None:
    """The rules across plans index the plans they compare; once the findings are made nothing
    reads the plans again, so a large plan's report is not written with the plan still held."""
    import gc

    from goallint.model import Document

    name = "let-go.okr"
    found = check(f"{HEAD}Objective: Grow\n" + "  KR: x 10000\n" * 50, name)
    assert "number-format" in rules(found)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Document) and o.path == name]


def test_a_kpi_with_nothing_before_its_separator_is_named_by_its_line() -> None:
    # found by the atheris fuzzer in CI: a blank name before ':' raised IndexError in the label check
    for line in ("KPI: : 5%", "KPI 1:  – target 90%", "KPI: , 5"):
        document = parse_document(HEAD + line + "\n", "plan.okr")
        names = [kpi.name for kpi in document.kpis]
        assert len(names) == 1 and names[0].strip(), (line, names)
        check(HEAD + line + "\n")
