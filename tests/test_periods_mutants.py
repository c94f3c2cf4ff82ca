"""The rules about a plan's period (checks/periods.py) pinned in process, so that mutation testing
(bench/mutation.py) sees them: missing-deadline's three messages and the period it infers,
kpi-churn's two kinds of finding, annual-target-changed across a fiscal year, and the note
fiscal-year-assumed leaves on the first plan read with a start nobody configured."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from goallint import clock
from goallint.checks.periods import fiscal_year
from goallint.config import config_from_table
from goallint.engine.runner import lint
from goallint.model import Finding
from goallint.syntax import parse_document
from goallint.testing import Case, plugins_for_tests, run_case

PLUGINS = plugins_for_tests(installed=False)
CORPUS = Path(__file__).parent / "data" / "corpus" / "docs"


def found(rule: str, text: str, path: str = "plan.okr", **options: Any) -> list[tuple[int, str, str | None]]:
    """(line in `text`, message, hint) of each finding of `rule` alone; plans across periods are
    separated by `---` lines and named plan1.okr, plan2.okr, … in one folder (one owner)."""
    outcome = run_case(Case(rule, text, options=options, path=path), PLUGINS)
    return [(line, finding.message, finding.hint) for line, finding in outcome.findings]


@pytest.fixture
def as_of() -> Iterator[None]:
    yield
    clock.set_as_of(None)


# --- missing-deadline ---------------------------------------------------------------------------------------

KRS = "".join(f"  KR{n}: Sign {n * 10} paying customers in Germany\n" for n in range(1, 6))


def test_a_plan_with_no_period_and_no_dates_is_told_once_which_period_to_add(as_of: None) -> None:
    clock.set_as_of(date(2026, 5, 10))
    assert found("missing-deadline", f"Objective: Launch in Europe\n{KRS}") == [
        (1, "This plan has no period, so none of its 5 key results has a deadline.",
         "Add the period at the top of the plan, such as 'period: 2026-Q2' for this quarter (or 'FY27 Q1', "
         "'2026 H2', '2026'), or a date to each key result ('by end of Q3').")]


@pytest.mark.parametrize(("today", "quarter"), [
    (date(2026, 1, 1), "2026-Q1"), (date(2026, 3, 31), "2026-Q1"), (date(2026, 4, 1), "2026-Q2"),
    (date(2026, 5, 31), "2026-Q2"), (date(2026, 9, 30), "2026-Q3"), (date(2026, 12, 31), "2026-Q4"),
])
def test_the_period_offered_is_the_quarter_of_the_run_date(today: date, quarter: str, as_of: None) -> None:
    clock.set_as_of(today)
    [(_, _, hint)] = found("missing-deadline", f"Objective: Launch in Europe\n{KRS}")
    assert hint is not None and f"such as 'period: {quarter}' for this quarter" in hint


def test_the_message_counts_the_key_results_without_a_deadline() -> None:
    def message(krs: str) -> str:
        [(_, said, _)] = found("missing-deadline", "Objective: Launch in Europe\n" + krs)
        return said

    assert message("  KR: Sign 10 paying customers\n") == "This plan has no period, so its key result has no deadline."
    assert message("  KR: Sign 10 paying customers\n  KR: Open an office in Berlin\n") == (
        "This plan has no period, so none of its 2 key results has a deadline.")
    # as many dated as undated: the plan is told, not each key result
    assert message("  KR1: Sign 10 customers by 2027-08-15\n  KR2: Sign 20 partners\n") == (
        "This plan has no period, so 1 of its 2 key results have no deadline.")


def test_the_few_undated_key_results_among_dated_ones_are_each_told() -> None:
    plan = ("Objective: Launch in Europe\n  KR1: Sign 10 customers by 2027-08-15\n"
            "  KR2: Sign 20 partners by 2027-09-01\n  KR3: Open an office in Berlin\n")
    assert found("missing-deadline", plan) == [
        (4, "This key result has no deadline, unlike most in this plan, and the plan has no period.",
         "Give it a date as the others have ('by end of Q3', 'by May 15'), or say the plan's period at the top.")]
    assert found("missing-deadline", "period: 2027-Q3\n" + plan) == []


def test_the_finding_on_the_plan_is_on_its_title_else_its_first_objective() -> None:
    plan = "title: Europe launch\n\nObjective: Launch in Europe\n  KR: Sign 10 paying customers\n"
    assert [line for line, _, _ in found("missing-deadline", plan)] == [1]
    assert [line for line, _, _ in found("missing-deadline", "# a comment\n" + plan[22:])] == [2]


@pytest.mark.parametrize(("dates", "period"), [
    (("2027-10-15", "2027-12-01"), "2027-Q4"),  # the quarter of months ten to twelve
    (("2027-01-05", "2027-03-31"), "2027-Q1"),
    (("2027-04-01", "2027-06-30"), "2027-Q2"),
    (("2027-08-15", "2027-07-01"), "2027-Q3"),  # in any order
    (("2027-03-31", "2027-04-01", "2027-11-30"), "2027"),  # quarters apart: their year
])
def test_the_period_is_inferred_from_key_results_dated_in_one_quarter_or_year(dates: tuple[str, ...],
                                                                             period: str) -> None:
    krs = "".join(f"  KR{n}: Sign {n} customers by {day}\n" for n, day in enumerate(dates, 1))
    plan = f"Objective: Launch in Europe\n{krs}  KR9: Open an office in Berlin\n  KR10: Hire a country lead\n"
    plan += "".join(f"  KR{n}: Sign partner {n}\n" for n in range(11, 11 + len(dates) - 2))  # undated are most
    [(_, _, hint)] = found("missing-deadline", plan)
    assert hint == (f"Add 'period: {period}' at the top of the plan: goallint read {period} in the key results' "
                    "deadlines. A key result due earlier can say so ('by May 15').")


def test_dates_in_two_years_give_no_period() -> None:
    plan = ("Objective: Launch in Europe\n  KR1: Sign 10 customers by 2027-12-15\n  KR2: Sign 20 by 2028-01-15\n"
            "  KR3: Open an office in Berlin\n  KR4: Hire a country lead\n")
    [(_, _, hint)] = found("missing-deadline", plan)
    assert hint is not None and hint.startswith("Add the period at the top of the plan, such as 'period: ")


def test_the_period_is_read_in_the_title_before_the_file_name() -> None:
    plan = f"title: Europe launch, Q3 2026\n\nObjective: Launch in Europe\n{KRS}"
    [(_, _, hint)] = found("missing-deadline", plan, "okrs-2025-q2.okr")
    assert hint == ("Add 'period: 2026-Q3' at the top of the plan: goallint read 2026-Q3 in the title. "
                    "A key result due earlier can say so ('by May 15').")


@pytest.mark.parametrize(("name", "period"), [("okrs-2025-q2.okr", "2025-Q2"), ("okrs_2025_q2.okr", "2025-Q2"),
                                              ("team_fy27_h1.okr", "FY27-H1"), ("okrs_fy_27_q3.okr", "FY27-Q3")])
def test_the_period_is_read_in_the_file_name(name: str, period: str) -> None:
    [(_, _, hint)] = found("missing-deadline", f"Objective: Launch in Europe\n{KRS}", name)
    assert hint == (f"Add 'period: {period}' at the top of the plan: goallint read {period} in the file name. "
                    "A key result due earlier can say so ('by May 15').")


def test_only_the_first_thousand_characters_of_a_title_are_searched_for_a_period() -> None:
    def hint_for(title: str) -> str | None:
        [(_, _, hint)] = found("missing-deadline", f"title: {title}\n\nObjective: Launch in Europe\n{KRS}")
        return hint

    ends_at_1000 = "x " * 498 + "2026"  # characters 997 to 1000
    assert len(ends_at_1000) == 1000
    assert "goallint read 2026 in the title" in (hint_for(ends_at_1000) or "")
    assert "goallint read" not in (hint_for("x" + ends_at_1000) or "")  # one character further: cut


def test_a_markdown_page_is_told_where_its_period_goes() -> None:
    page = "# Launch in Europe\n\n## Objective: Launch in Europe\n\n- KR: Sign 10 paying customers in Germany\n"
    [(_, message, hint)] = found("missing-deadline", page, "plan.md")
    assert message == "This plan has no period, so its key result has no deadline."
    assert hint is not None and hint.startswith("Add the period at the top of the page (front matter 'period:', "
                                                "or the title), such as 'period: ")


# --- fiscal years -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("period", "year"), [("2026-Q3", 2026), ("FY27 Q1", 2027), ("FY2027-H2", 2027),
                                              ("CY26 Q4", 2026), ("FY99", 2099), ("1999", 1999), ("2000", 2000)])
def test_a_plan_is_in_the_fiscal_year_its_period_is_named_after(period: str, year: int) -> None:
    assert fiscal_year(parse_document(f"period: {period}\n", "plan.okr")) == year
    assert fiscal_year(parse_document("Objective: Grow\n", "plan.okr")) is None


# --- kpi-churn ----------------------------------------------------------------------------------------------


def _kpis(period: str, *names: str) -> str:
    return f"period: {period}\n" + "".join(f"KPI: {name}\n" for name in names)


def test_most_kpis_replaced_names_three_and_counts_the_rest() -> None:
    before = _kpis("2026-Q2", "Revenue", "CSAT", "Churn", "NPS", "Uptime")
    assert found("kpi-churn", before + "---\n" + _kpis("2026-Q3", "Revenue")) == [
        (8, "4 of the 5 KPIs tracked in 2026-Q2 are gone from this plan ('CSAT', 'Churn', 'NPS' and 1 more), "
            "so none of their trends carry on.",
         "Keep the KPIs that show the health of the business from period to period; change their targets, "
         "not the metrics.")]
    [(_, message, _)] = found("kpi-churn", before + "---\n" + _kpis("2026-Q3", "Revenue", "Uptime"))
    assert "3 of the 5 KPIs tracked in 2026-Q2 are gone from this plan ('CSAT', 'Churn', 'NPS'), so" in message


def test_half_the_kpis_dropped_is_told_kpi_by_kpi() -> None:
    text = _kpis("2026-Q2", "Revenue", "CSAT") + "---\n" + _kpis("2026-Q3", "Revenue")
    assert found("kpi-churn", text) == [
        (5, "The KPI 'CSAT' was tracked in 2026-Q2 but is not in this plan.",
         "Keep tracking 'CSAT' so its trend stays unbroken, or say in the plan why it was retired.")]
    assert [line for line, _, _ in found("kpi-churn", text, max_share=0.49)] == [5]
    [(_, message, _)] = found("kpi-churn", text, max_share=0.49)
    assert message.startswith("1 of the 2 KPIs tracked in 2026-Q2 are gone")


def test_a_kpi_is_the_same_kpi_whatever_its_punctuation_case_or_target() -> None:
    earlier = _kpis("2026-Q2", "First-response time", "Uptime 99.9%", "NPS above 40")
    later = _kpis("2026-Q3", "first response time", "Uptime 99.95%", "NPS above 45")
    assert found("kpi-churn", earlier + "---\n" + later) == []
    apart = _kpis("2026-Q3", "first response time", "Uptime – target 99.95%", "NPS – target above 45")
    assert found("kpi-churn", earlier + "---\n" + apart) == []  # the target in the name, or after it


def test_an_owner_whose_earlier_plan_had_no_kpis_has_dropped_none() -> None:
    text = "period: 2026-Q2\nObjective: Grow\n  KR: Raise NPS from 30 to 45\n---\n" + _kpis("2026-Q3", "NPS")
    assert found("kpi-churn", text) == []


def test_plans_in_different_folders_without_an_owner_line_are_different_owners() -> None:
    documents = [parse_document(_kpis("2026-Q2", "Revenue", "CSAT"), "sales/q2.okr"),
                 parse_document(_kpis("2026-Q3", "Revenue"), "support/q3.okr")]
    assert _lint("kpi-churn", documents) == []
    documents[1] = parse_document(_kpis("2026-Q3", "Revenue"), "sales/q3.okr")
    assert [finding.path for finding in _lint("kpi-churn", documents)] == ["sales/q3.okr"]


def test_plans_parsed_without_a_name_are_one_owner() -> None:
    documents = [parse_document(_kpis("2026-Q2", "Revenue", "CSAT")), parse_document(_kpis("2026-Q3", "Revenue"))]
    assert [finding.message for finding in _lint("kpi-churn", documents)] == [
        "The KPI 'CSAT' was tracked in 2026-Q2 but is not in this plan."]


def _lint(rule: str, documents: list[Any]) -> list[Finding]:
    return lint(documents, config_from_table({"select": [rule]}, PLUGINS).selection(PLUGINS))


# --- annual-target-changed -----------------------------------------------------------------------------------


def _annual(period: str, *targets: tuple[str, str | None]) -> str:
    lines = "".join(f"KPI: {name}\n" + (f"  annual target: {target}\n" if target else "") for name, target in targets)
    return f"owner: Sales\nperiod: {period}\n{lines}"


def test_a_changed_annual_target_is_told_with_both_values() -> None:
    text = _annual("2026-Q1", ("Revenue", "$12M")) + "---\n" + _annual("2026-Q2", ("Revenue", "$10M"))
    assert found("annual-target-changed", text) == [
        (9, "The annual target of 'Revenue' was $12M in 2026-Q1 and is $10M here, within the same year.",
         "Keep the annual target at $12M and report progress against it; if it really changed, note when and "
         "why beside it.")]


def test_every_kpi_of_a_plan_is_compared_past_unchanged_and_untargeted_ones() -> None:
    earlier = _annual("2026-Q1", ("Churn", None), ("CSAT", "90%"), ("Revenue", "$12M"))
    later = _annual("2026-Q2", ("Churn", None), ("CSAT", "90%"), ("Revenue", "$10M"))
    assert [message.split(" was ")[0] for _, message, _ in found("annual-target-changed", earlier + "---\n" + later)] \
        == ["The annual target of 'Revenue'"]


def test_a_calendar_and_a_fiscal_name_of_one_year_are_one_year() -> None:
    text = _annual("2027-Q1", ("Revenue", "$12M")) + "---\n" + _annual("FY27 Q2", ("Revenue", "$10M"))
    assert [line for line, _, _ in found("annual-target-changed", text)] == [9]
    text = _annual("2026-Q4", ("Revenue", "$12M")) + "---\n" + _annual("FY27 Q1", ("Revenue", "$10M"))
    assert found("annual-target-changed", text) == []


# --- fiscal-year-assumed ------------------------------------------------------------------------------------

FY_PLAN = "period: FY27 Q1\n\nObjective: Grow\n  KR1: Raise NPS from 30 to 45\n"
ASSUMED_HINT = ("If it starts in another month, say which in goallint.toml: 'fiscal-year-start = 4' for April "
                "(or --fiscal-year-start 4). Setting it, even to 1, also silences this note.")


@pytest.mark.parametrize(("plans", "also"), [(1, ""), (2, " (and in 1 more plan)"), (3, " (and in 2 more plans)")])
def test_the_assumed_fiscal_year_is_said_once_on_the_first_plan_by_name(plans: int, also: str) -> None:
    documents = [parse_document(FY_PLAN, f"team{n}.okr") for n in reversed(range(plans))]  # the first is last
    [finding] = _lint("fiscal-year-assumed", documents)
    assert (finding.path, finding.span.start.line, finding.message, finding.hint) == (
        "team0.okr", 1, f"FY27-Q1 is read as 2027-01-01 to 2027-03-31{also}: no fiscal-year start is configured, "
        "so goallint assumed your fiscal year starts in January.", ASSUMED_HINT)


def test_a_plan_parsed_without_a_name_comes_before_named_ones() -> None:
    documents = [parse_document(FY_PLAN, "Plans/team.okr"), parse_document(FY_PLAN)]
    assert [finding.path for finding in _lint("fiscal-year-assumed", documents)] == [None]


@pytest.mark.parametrize(("month", "name"), [(1, "January"), (4, "April"), (12, "December")])
def test_the_note_names_the_month_the_periods_were_read_with(month: int, name: str) -> None:
    selection = config_from_table({"select": ["fiscal-year-assumed"]}, PLUGINS).selection(PLUGINS)
    options = selection.options["fiscal-year-assumed"]
    selection.options["fiscal-year-assumed"] = options.model_copy(update={"assumed_start": month})
    read_with = parse_document(FY_PLAN, "plan.okr", fy_start_month=month)
    [finding] = lint([read_with], selection)
    assert finding.message.endswith(f"so goallint assumed your fiscal year starts in {name}.")
    read_otherwise = parse_document(FY_PLAN, "plan.okr", fy_start_month=month % 12 + 1)
    assert lint([read_otherwise], selection) == []


def test_a_page_that_says_when_its_fiscal_year_runs_gets_no_note() -> None:
    page = (CORPUS / "sourcegraph_fy22_q3_okrs.md").read_text(encoding="utf-8")
    document = parse_document(page, "sourcegraph_fy22_q3_okrs.md")
    assert document.period is not None and document.period.label.startswith("FY22")
    assert _lint("fiscal-year-assumed", [document]) == []
