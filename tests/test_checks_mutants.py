"""Details of goallint's checks pinned in process, so that mutation testing (bench/mutation.py) sees
them: each test here states a behaviour a user would notice that a surviving mutant changed."""

from __future__ import annotations

from typing import Any

import pytest

from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.engine.plugins import load_plugins

PLUGINS = load_plugins(include_installed=False)


def found(rule: str, text: str, path: str = "plan.okr", **options: Any) -> list[tuple[int, str, str | None]]:
    """(line, message, hint) of each finding of `rule` alone, with `options` for it."""
    table: dict[str, Any] = {"select": [rule]}
    if options:
        table["rules"] = {rule: options}
    config = config_from_table(table, PLUGINS)
    return [(f.span.start.line, f.message, f.hint) for f in check_text(text, path, config, PLUGINS)[1]]


# --- checks/structure.py -----------------------------------------------------------------------------


def test_a_line_goallint_cannot_place_is_a_syntax_finding_with_its_hint() -> None:
    text = "Objective: Delight customers\n  KR: Lift NPS to 50\nLift CSAT to 90%\n"
    assert found("syntax", text) == [(3, "goallint could not tell what this line is.",
                                      "Start it with 'Objective:', 'KR:' or 'KPI:', put it as a bullet under an "
                                      "objective, or make it a comment with '#'.")]


def _objective(key_results: int, name: str = "Delight customers", owner: str | None = None) -> str:
    owned = f"  owner: {owner}\n" if owner else ""
    return f"Objective: {name}\n{owned}" + "".join(f"  KR: Lift NPS {n} from 30 to 45\n" for n in range(key_results))


def test_the_count_rules_say_what_to_do() -> None:
    assert found("kr-count", _objective(6)) == [
        (1, "This objective has 6 key results; more than 5 spreads the team thin.",
         "Keep the few that matter most, or split the objective in two.")]
    assert found("kr-count", _objective(2)) == [
        (1, "This objective has 2 key results; aim for 3 to 5.",
         "Add the measurable results that would show this objective is met, "
         "for example 'Raise CSAT from 82% to 90% by end of Q3'.")]
    plan = "".join(_objective(3, f"Goal {n}") for n in range(6))
    assert [hint for _, _, hint in found("objective-count", plan)] == [
        "Choose the objectives that matter most this period and move the rest to a backlog."]
    on_objective = "Objective: Delight customers\n" + "".join(f"  KPI: Metric {n}\n" for n in range(3))
    assert [hint for _, _, hint in found("kpi-count", on_objective)] == [
        "Keep the KPIs that show this objective's health and move the others to the plan."]
    in_plan = "".join(f"KPI: Metric {n}\n" for n in range(8))
    assert [hint for _, _, hint in found("kpi-count", in_plan)] == [
        "Keep the few that tell you the business is healthy."]


def test_objectives_are_counted_per_owner() -> None:
    shared = "".join(_objective(3, f"Sales goal {n}", "Sales") for n in range(4)) + "".join(
        _objective(3, f"Ops goal {n}", "Ops") for n in range(4))
    assert found("objective-count", shared) == []  # eight objectives, four an owner
    crowded = shared + _objective(3, "Sales goal 4", "Sales") + _objective(3, "Sales goal 5", "Sales")
    [(line, message, _)] = found("objective-count", crowded)
    assert message == "This plan has 6 objectives; more than 5 means nothing is a priority."
    assert crowded.splitlines()[line - 1] == "Objective: Sales goal 5"  # the sixth of that owner
    # an objective without an owner of its own belongs to the plan's
    plan_owned = "owner: Sales\n" + "".join(_objective(3, f"Goal {n}") for n in range(3)) + "".join(
        _objective(3, f"Ops goal {n}", "Ops") for n in range(3))
    assert found("objective-count", plan_owned) == []
    assert len(found("objective-count", plan_owned + _objective(3, "Goal 3", "Sales") + _objective(3, "Goal 4")
                     + _objective(3, "Goal 5"))) == 1


def test_a_markdown_page_is_counted_only_when_it_names_its_owner() -> None:
    objectives = "".join(f"## Objective: Goal {n}\n\n- KR: Lift NPS {n} from 30 to 45\n\n" for n in range(6))
    assert found("objective-count", "# Handbook\n\n" + objectives, "plan.md") == []
    [(_, message, _)] = found("objective-count", "owner: Sales\n\n" + objectives, "plan.md")
    assert message == "This plan has 6 objectives; more than 5 means nothing is a priority."


# --- checks/measure.py -------------------------------------------------------------------------------


def test_no_change_quotes_each_number_with_its_unit_once() -> None:
    def message(statement: str) -> str:
        [(_, said, _)] = found("no-change", f"Objective: Keep customers\n  KR: {statement}\n")
        return said

    assert message("Raise NPS from 5 Points to 5 points") == (
        "The target (5 points) is the same as where you start (5 Points).")  # the unit is in the text already
    assert message("Cut wait from 2h to 120 minutes") == (
        "The target (120 minutes) is the same as where you start (2 h).")


_LONG = "Grow weekly signups from the self serve onboarding funnel for small teams to 500"  # 80 characters


@pytest.mark.parametrize(("first", "quoted"), [
    (_LONG, _LONG),  # 80: quoted whole
    (_LONG + "0", _LONG[:79] + "…"),  # 81: cut to 79 and an ellipsis
    (_LONG[:73] + " from 20 to 500", _LONG[:73] + " from…"),  # no blank before the ellipsis
])
def test_multiple_metrics_quotes_a_long_part_cut_short(first: str, quoted: str) -> None:
    [(_, message, hint)] = found("multiple-metrics", f"Objective: Grow\n  KR: {first} and cut churn to 2%\n")
    assert hint == f"Split it into two key results: '{quoted}' and 'cut churn to 2%'."
    assert message.startswith(f"This key result measures two things ('{quoted}' and 'cut churn to 2%')")


def test_a_second_part_without_a_metric_of_its_own_is_not_a_second_measure() -> None:
    assert found("multiple-metrics", "Objective: Grow\n  KR: Offer 6 companies a workshop and schedule at least one\n"
                 ) == []


# --- checks/kpi.py -----------------------------------------------------------------------------------


def test_the_kpi_rules_say_what_is_missing_and_how_to_add_it() -> None:
    plan = ("KPI: Uptime\n"
            "Objective: Keep customers\n"
            "  KR: Keep churn low [KPI]\n"
            "  KR: Keep monthly churn under 2% [KPI]\n"
            "  KR: Grow NPS by 5 points [KPI]\n"
            "  KPI: Ticket backlog – target below 40, weekly, source: Zendesk\n"
            "  KPI: NPS – target ≥ 50, quarterly, source: Delighted\n")
    assert found("kpi-missing-target", plan) == [
        (1, "The KPI 'Uptime' has no target, so nobody can tell whether its value is healthy.",
         "Add the level it should stay at, on a line below it ('target: ≥ 99.9%') or after the name "
         "('KPI: Uptime – target ≥ 99.9%')."),
        (3, "This key result is marked as a KPI but has no target level to watch it against.",
         "Add the level it should reach or stay at, for example 'Keep monthly churn under 2% [KPI]'."),
    ]
    assert found("kpi-missing-source", plan) == [
        (1, "The KPI 'Uptime' does not say where its number comes from.",
         "Name the system or report it is read from, for example 'source: Salesforce pipeline report'.")]
    assert found("kpi-missing-cadence", plan) == [
        (1, "The KPI 'Uptime' does not say how often it is reported.",
         "Add how often it is checked, for example 'cadence: weekly'.")]
    assert found("kpi-cadence-too-slow", plan) == [
        (7, "The KPI 'NPS' is reported quarterly; by the time it shows a problem, it is too late to act on it.",
         "Report it monthly or more often, or track a faster leading indicator beside it.")]
    assert [line for line, _, _ in found("kpi-cadence-too-slow", plan, slowest="weekly")] == [7]
    assert found("kpi-cadence-too-slow", plan, slowest="quarterly") == []


# --- checks/units.py: how two numbers are compared ---------------------------------------------------


def _quantity(text: str, value: float | None, unit: str | None) -> Any:
    from goallint.model import Position, Quantity, Span

    where = Position(line=1, column=1, offset=0)
    return Quantity(text=text, value=value, unit=unit, span=Span(start=where, end=where))


def test_a_currency_is_three_capital_ascii_letters() -> None:
    from goallint.checks.units import is_currency

    assert [is_currency(unit) for unit in ("EUR", "XYZ", "eur", "EURO", "EU", "ÉUR", "E1R", "€", None)] == [
        True, True, False, False, False, False, False, False, False]


def test_units_that_compare_and_units_that_do_not() -> None:
    from goallint.checks.units import comparable, seconds_per

    assert [seconds_per(unit) for unit in ("ms", "Hours", "weeks", "min", "day", "points", "", None)] == [
        0.001, 3600, 604800, 60, 86400, None, None, None]
    assert comparable(None, "%") and comparable("%", None)  # a missing unit borrows the other's
    assert comparable("h", "minutes") and comparable("weeks", "days")  # two units of time
    assert comparable("customers", "customer") and comparable("Users", "user")
    assert not comparable("USD", "EUR") and not comparable("USD", "usd")  # a currency is written one way
    assert not comparable("%", "pp") and not comparable("class", "clas")  # "ss" is no plural
    assert not comparable("ms", "m") and not comparable("users", "%")


def test_numbers_in_a_common_unit() -> None:
    from goallint.checks.units import in_common_unit, written_unit

    assert in_common_unit(_quantity("2", 2, "hours")) == 7200
    assert in_common_unit(_quantity("90", 90, "minutes")) == 5400
    assert in_common_unit(_quantity("5", 5, "customers")) == 5
    assert in_common_unit(_quantity("N", None, "hours")) is None
    # the unit as written: "73" of "from 73 to 75%" borrows "%"; "30%" of "from 30% to 45 points" is "%"
    assert written_unit(_quantity("73", 73, "%")) == "%"
    assert written_unit(_quantity("30%", 30, "points")) == "%"


def test_a_percentage_metric_by_its_numbers_or_its_name() -> None:
    from goallint.checks.units import describe, is_percentage
    from goallint.model import Measure

    assert is_percentage(Measure(baseline=_quantity("20%", 20, "%")))
    assert is_percentage(Measure(target=_quantity("25%", 25, "%"), baseline=_quantity("20", 20, None)))
    assert is_percentage(Measure(metric="checkout conversion rate"))
    assert is_percentage(Measure(metric="Net revenue retention"))
    assert not is_percentage(Measure(metric="revenue", target=_quantity("$2M", 2e6, "USD")))
    assert not is_percentage(Measure())
    assert [describe(unit) for unit in (None, "%", "pp", "points", "x", "USD", "customers")] == [
        "no unit", "percent", "percentage points", "points", "a multiple", "USD", "customers"]


# --- checks/wording.py: what a statement's words say about its measure ------------------------------


def test_what_the_words_of_a_statement_say() -> None:
    from goallint.checks import wording

    assert wording.gives_a_number("Send 1+ proposals") and not wording.gives_a_number("Ship it by 2019")
    assert wording.quantified_over_all("Every member gets feedback")
    assert not wording.quantified_over_all("Onboard teams across all regions")
    assert wording.main_clause("Run a pilot where connections grow") == "Run a pilot "
    assert wording.main_clause("Grow signups") == "Grow signups"
    assert wording.asks_for_change("Improve API test coverage")
    assert not wording.asks_for_change("Run a scenario where connections grow")
    assert not wording.asks_for_change("Gain feedback from candidates")
    assert wording.improve_only("Improve p95 latency") and not wording.improve_only("Improve and cut latency")
    assert not wording.improve_only("Cut latency")
    assert wording.keeps_changing("Keep improving performance") and not wording.keeps_changing("Keep uptime")


@pytest.mark.parametrize(("statement", "output"), [
    ("Publish 5 posts", True),
    ("Content team: Publish 5 posts", True),  # past an owner
    ("Publish, then promote, the guide", True),  # the verb with its comma
    ("Deliver. Then measure", True),
    ("Featured at 5 conferences", True),  # a count of output, whatever the verb
    ("Add 30 customers", False),
    ("1 post hits the top 5 of Hacker News", False),  # the count is the subject of a result
    ("Grow revenue from blog readers", False),
])
def test_counts_own_output(statement: str, output: bool) -> None:
    from goallint.checks.wording import counts_own_output

    assert counts_own_output(statement) is output


_POINTS_HINT = "Write '{n} pp' (percentage points) if you mean points, or give both numbers: " \
    "'from <today's value>% to <target>%'."


@pytest.mark.parametrize(("statement", "expected"), [
    ("Increase checkout conversion rate by 5%",
     "Checkout conversion rate is already a percentage, so '5%' can mean 5 percentage points or 5% of today's "
     "value (from 20%: 25% or 21%)."),
    ("Increase retention from 80% by 5%",
     "Retention is already a percentage, so '5%' can mean 5 percentage points or 5% of today's value "
     "(from 80%: 85% or 84%)."),
    ("Reduce churn from 4% by 10%",  # down: 4 - 10 points, or 4 less 10% of it
     "Churn is already a percentage, so '10%' can mean 10 percentage points or 10% of today's value "
     "(from 4%: -6% or 3.6%)."),
    ("Increase retention from 0.8 by 5%",  # a start not in %: the example starts from 20%
     "Retention is already a percentage, so '5%' can mean 5 percentage points or 5% of today's value "
     "(from 20%: 25% or 21%)."),
])
def test_percent_of_percent_works_out_both_readings(statement: str, expected: str) -> None:
    [(line, message, hint)] = found("percent-of-percent", f"Objective: Keep customers\n  KR: {statement}\n")
    change = expected.split("'")[1].rstrip("%")
    assert (line, message, hint) == (2, expected, _POINTS_HINT.format(n=change))


@pytest.mark.parametrize("statement", [
    "Increase retention by 5% to 80%",  # the target written out
    "Increase conversion rate by 5 pp",
    "Grow MRR by 5%",  # not a percentage
])
def test_percent_of_percent_is_quiet_when_it_cannot_be_misread(statement: str) -> None:
    assert found("percent-of-percent", f"Objective: Keep customers\n  KR: {statement}\n") == []


def test_the_measure_rules_say_what_is_wrong_and_how_to_fix_it() -> None:
    def said(rule: str, statement: str) -> list[tuple[int, str, str | None]]:
        return found(rule, f"period: 2026-Q3\nObjective: Grow\n  KR: {statement}\n")

    assert said("unit-mismatch", "Raise NPS from 30% to 45 points") == [
        (3, "You start in percent (30%) but aim in points (45 points), so the two numbers cannot be compared.",
         "Write both in one unit: 'from 30% to <target in percent>', or 'from <today in points> to 45 points'.")]
    assert said("unit-mismatch", "Grow revenue from $2M to €3M") == [
        (3, "You start in USD ($2M) but aim in EUR (€3M), so the two numbers cannot be compared.",
         "Write both in one unit: 'from $2M to <target in USD>', or 'from <today in EUR> to €3M'.")]
    assert said("unit-mismatch", "Grow from 2 to 5 customers") == []
    assert said("missing-baseline", "Cut p95 latency to under 800 ms") == [
        (3, "This key result says where you aim but not where you start.",
         "Say where you start and where you aim: 'from <today's value> to under 800 ms'.")]
    assert said("missing-baseline", "Increase client retention to 80%")[0][2] == (
        "Say where you start and where you aim: 'from <today's value> to 80%'.")
    for quiet in ("Increase sessions on blog posts. 5% month over month.", "Grow signups to 300 (+100%)",
                  "Reach 500 customers"):
        assert said("missing-baseline", quiet) == [], quiet
    assert said("deadline-outside-period", "Reach 500 customers by end of Q4") == [
        (3, "This is due 2026-12-31, after the plan's period ends (2026-09-30).",
         "Move the date inside the period, or put this key result in next period's plan.")]
    assert said("deadline-outside-period", "Reach 500 customers by June 30, 2026") == [
        (3, "This is due 2026-06-30, before the plan's period starts (2026-07-01).",
         "Check the date: a result due before the period begins is already past.")]
    assert said("kr-not-measurable", "Improve documentation") == [
        (3, "This key result has no number, so nobody can tell whether it was met.",
         "Say what you will measure and the level you aim for, for example "
         "'Raise docs satisfaction from 3.1 to 4.0 out of 5'.")]
    assert said("kr-not-measurable", "Improve every page's docs") == []  # all of a countable set


@pytest.mark.parametrize(("statement", "parts"), [
    ("Grow signups to 500 and cut churn to 2%", ("Grow signups to 500", "cut churn to 2%")),
    ("Grow signups to 500 as well as cut churn to 2%", ("Grow signups to 500", "cut churn to 2%")),
    ("Grow signups to 500 plus cut churn to 2%", ("Grow signups to 500", "cut churn to 2%")),
    ("Grow ARR to $2M and NPS to 50 and churn to 2%", ("Grow ARR to $2M", "NPS to 50 and churn to 2%")),
    ("Increase signups and revenue by 20%", ("signups", "revenue")),  # one change for two metrics
    ("Increase signups & revenue by 20%", ("signups", "revenue")),
    ("Increase Signups and Revenue to $2M", ("Signups", "Revenue")),
    ("Keep latency between 100 and 200 ms", None),  # one range
    ("Grow signups (with 1 command and 2 users) to 500", None),  # one aside
    ("Cut research and development spend by 10%", None),  # one thing with a two-word name
    ("Increase sales and marketing budget by 10%", None),
    ("Reduce time to detect and resolve incidents by 30%", None),  # one metric, two verbs
    ("Increase signups and revenue", None),  # no number to share
    ("Keep signups and revenue at 20", None),  # no direction
    ("Grow signups and revenue and NPS by 20%", None),  # three: not split in two
    ("Grow signups to 1,500 and churn", None),
])
def test_multiple_metrics_splits_two_measures_and_nothing_else(statement: str, parts: tuple[str, str] | None) -> None:
    said = found("multiple-metrics", f"Objective: Grow\n  KR: {statement}\n")
    if parts is None:
        assert said == []
        return
    first, second = parts
    [(_, message, hint)] = said
    assert message == (f"This key result measures two things ('{first}' and '{second}'); it cannot be scored "
                       "when one moves and the other does not.")
    if " " in first:
        assert hint == f"Split it into two key results: '{first}' and '{second}'."
    else:
        assert hint == f"Split it into one key result for {first} and one for {second}, each with its own number."


@pytest.mark.parametrize(("statement", "parts"), [
    ("Grow and expand signups to 500 and cut churn to 2%", ("Grow and expand signups to 500", "cut churn to 2%")),
    ("Keep latency between 100 and 200 ms and cut churn to 2%",  # past a range, the next join
     ("Keep latency between 100 and 200 ms", "cut churn to 2%")),
    ("Grow signups (with 1 command and 2 users) to 500 and cut churn to 2%",  # past an aside
     ("Grow signups (with 1 command and 2 users) to 500", "cut churn to 2%")),
    ("Grow signups to 500 and cut churn (monthly) to 2%", ("Grow signups to 500", "cut churn (monthly) to 2%")),
    ("Grow signups (self-serve) to 500 and cut churn to 2%", ("Grow signups (self-serve) to 500", "cut churn to 2%")),
    ("Grow signups to 500 and 2 new markets", ("Grow signups to 500", "2 new markets")),
    ("Reduce costs and churn by 20%", ("costs", "churn")),
    ("Grow signups to 500 and launch the app", None),  # one side measures nothing
    ("Increase Time To Detect and Resolve by 30%", None),  # "To", whatever its case
    ("Increase p95 latency and errors by 20%", None),  # a metric with a digit is one name
])
def test_multiple_metrics_on_either_side_of_ranges_and_asides(statement: str, parts: tuple[str, str] | None) -> None:
    test_multiple_metrics_splits_two_measures_and_nothing_else(statement, parts)


@pytest.mark.parametrize(("statement", "hint"), [
    ("Increase signups to 500. Keep costs flat.",
     "Say where you start and where you aim: 'from <today's value> to 500'."),
    ("Increase NPS to 50 points", "Say where you start and where you aim: 'from <today's value> to 50 points'."),
    ("Increase NPS to 50 Points", "Say where you start and where you aim: 'from <today's value> to 50 Points'."),
    ("Increase retention to 80 percent",  # "%" written as a word: not added again
     "Say where you start and where you aim: 'from <today's value> to 80 percent'."),
    ("Increase maturity. All uploads within 48 hours.", None),  # the target's clause asks for no change
    ("Reach 500 customers. Increase retention.", None),
])
def test_missing_baseline_reads_the_clause_that_holds_the_target(statement: str, hint: str | None) -> None:
    said = found("missing-baseline", f"Objective: Grow\n  KR: {statement}\n")
    assert [h for _, _, h in said] == ([hint] if hint else [])


@pytest.mark.parametrize(("statement", "flagged"), [
    ("Improve NPS", True), ("Improve NPS from X", True),
    ("Improve NPS by X%", False), ("Improve NPS to Y", False),  # a placeholder is a quantity to fill in
])
def test_kr_not_measurable_with_placeholders(statement: str, flagged: bool) -> None:
    assert bool(found("kr-not-measurable", f"Objective: Grow\n  KR: {statement}\n")) is flagged


def test_percent_of_percent_without_a_metric_name() -> None:
    [(_, message, _)] = found("percent-of-percent", "Objective: Grow\n  KR: Increase from 20% by 5%\n")
    assert message.startswith("This metric is already a percentage, so '5%' can mean 5 percentage points")


@pytest.mark.parametrize("statement", [
    "Reduce cost from $5 to €6",  # units that do not compare: unit-mismatch says so
    "Improve p95 latency from 900 ms to 600 ms",  # "improve" goes whichever way is better
    "Reduce churn from X% to 6%",  # a placeholder: no number to compare
    "Reduce churn from 4% to Y%",
])
def test_direction_contradiction_compares_only_two_numbers_in_one_unit(statement: str) -> None:
    assert found("direction-contradiction", f"Objective: Keep customers\n  KR: {statement}\n") == []


@pytest.mark.parametrize(("text", "target", "aimed"), [
    ("Raise NPS to 50 points; keep costs flat", "50 points", True),  # the clause up to its end
    ("Keep costs flat; raise NPS to 50 points", "50 points", True),  # from the clause end before it
    ("All uploads within 48 hours; increase maturity", "48 hours", False),  # the next clause is another's
    ("50 points of NPS; increase it", "50 points", False),  # a target at the very start
    ("Increase NPS", "50", True),  # the target not written as read: given the benefit of the doubt
])
def test_the_clause_holding_the_target_asks_for_the_change(text: str, target: str, aimed: bool) -> None:
    from goallint.checks.measure import _aimed

    assert _aimed(text, _quantity(target, 50, None)) is aimed


def test_hours_abbreviated_hrs_are_a_unit_of_time() -> None:
    """A bug this suite found: "hrs" (three letters, so not made singular) was no unit of time,
    and "from 2 hrs to 3 hours" was reported as two units that cannot be compared."""
    assert found("unit-mismatch", "Objective: Grow\n  KR: Cut wait from 2 hrs to 3 hours\n") == []
    same = found("no-change", "Objective: Grow\n  KR: Cut wait from 2 hrs to 120 minutes\n")
    assert [message for _, message, _ in same] == ["The target (120 minutes) is the same as where you start (2 hrs)."]


def test_a_unit_is_made_singular_only_past_three_letters_and_not_from_ss() -> None:
    from goallint.checks.units import _singular

    assert [_singular(unit) for unit in ("Hours", "mins", "pts", "ms", "glass", "users")] == [
        "hour", "min", "pts", "ms", "glass", "user"]


def test_every_kpi_without_a_target_is_reported_past_one_with_a_target() -> None:
    plan = ("KPI: Churn – target < 2%\nKPI: Uptime\nObjective: Grow\n  KR: Keep NPS at 50 [KPI]\n"
            "  KR: Keep churn low [KPI]\n")
    assert [line for line, _, _ in found("kpi-missing-target", plan)] == [2, 5]


# --- checks/fixable.py ---------------------------------------------------------------------------------


def _fixed(rule: str, text: str, path: str = "plan.okr") -> list[tuple[int, int, str, str | None, Any]]:
    from goallint.checking import check_text
    from goallint.config import config_from_table

    config = config_from_table({"select": [rule]}, PLUGINS)
    return [(f.span.start.line, f.span.start.column, f.message, f.hint,
             f.fix and (f.fix.message, [(e.span.start.offset, e.span.end.offset, e.replacement) for e in f.fix.edits],
                        f.fix.applicability))
            for f in check_text(text, path, config, PLUGINS)[1]]


def test_kr_numbering_says_which_number_and_renumbers_safely() -> None:
    text = ("Objective: A\n  KR1: Lift NPS from 30 to 45\n  KR3: Raise CSAT from 82% to 90%\n"
            "  KR3: Cut time from 9 h to 2 h\n")
    assert _fixed("kr-numbering", text) == [
        (3, 5, "KR3 is key result number 2 of this objective.",
         "Number the key results of an objective 1 to 3, in order.", ("Renumber KR3 as KR2", [(47, 48, "2")], "safe"))]
    across = "Objective: A\n  KR1: a 1\n  KR2: b 2\nObjective: B\n  KR3: c 3\n  KR5: d 4\n"  # numbered across
    assert _fixed("kr-numbering", across) == [
        (6, 5, "KR5 is key result number 4 of this objective.",
         "Number the key results of an objective 1 to 2, in order (or continue the numbering of the objective before).",
         ("Renumber KR5 as KR4", [(63, 64, "4")], "safe"))]
    assert _fixed("kr-numbering", "Objective: A\n  KR1: a 1\n  KR1.2: b 2\n") == []  # a nested numbering
    assert [m for _, _, m, _, _ in _fixed("kr-numbering", "Objective: A\n  KR2: a 1\n")] == [
        "KR2 is key result number 1 of this objective."]


def test_number_format_writes_separators_and_percent_with_a_fix_where_exact() -> None:
    hint = "Use thousands separators in numbers of five digits or more, and '%' for percent."
    text = ("Objective: Grow\n  KR1: Grow weekly users from 20000 to 0040000\n  KR2: Lift activation to 45 percent\n"
            "  KR3: Reach 1234567 users\n")
    assert _fixed("number-format", text) == [
        (2, 31, "Write '20000' as '20,000'.", hint, ("Write '20,000'", [(46, 51, "20,000")], "safe")),
        (2, 40, "Write '0040000' as '40,000'.", hint, ("Write '40,000'", [(55, 62, "40,000")], "safe")),
        (3, 27, "Write '45 percent' as '45%'.", hint, ("Write '45%'", [(89, 99, "45%")], "safe")),
        (4, 14, "Write '1234567' as '1,234,567'.", hint, ("Write '1,234,567'", [(113, 120, "1,234,567")], "safe"))]
    markdown = _fixed("number-format", "## Objective: Grow\n\n- KR: Grow users from 20000 to 40000\n", "plan.md")
    assert [(message, fix) for _, _, message, _, fix in markdown] == [
        ("Write '20000' as '20,000'.", None), ("Write '40000' as '40,000'.", None)]  # no fix outside .okr


@pytest.mark.parametrize(("text", "messages"), [
    ("Objective: A\n  KR: x 1\n  KR1: a 1\n  KR3: b 2\n", ["KR3 is key result number 2 of this objective."]),
    ("Objective: A\n  KR: x 1\nObjective: B\n  KR1: a 1\n  KR3: b 2\n",
     ["KR3 is key result number 2 of this objective."]),
    ("Objective: A\n  KR1: a 1\n  KR2: b 2\nObjective: B\n  KR1: c 3\n  KR2: d 4\n", []),  # each from 1
    ("Objective: A\n  KR1: a 1\nObjective: B\n  KR2: c 3\n  KR4: d 4\n",
     ["KR4 is key result number 3 of this objective."]),
])
def test_kr_numbering_past_plain_labels_and_across_objectives(text: str, messages: list[str]) -> None:
    found = _fixed("kr-numbering", text)
    assert [message for _, _, message, _, _ in found] == messages
    if "B\n  KR2" in text:
        assert found[0][3] == ("Number the key results of an objective 1 to 2, in order (or continue the numbering "
                               "of the objective before).")


def test_numbers_written_consistently_and_label_numbers_bounded() -> None:
    from goallint.checks.fixable import _label_number, written_consistently

    assert [written_consistently(text) for text in ("100000", "00000", "1234", "2.50000", "12 percent")] == [
        "100,000", "0", "1234", "2.50000", "12%"]
    assert (_label_number("9" * 12), _label_number("1" * 13)) == (10**12 - 1, 10**12)
    assert [m for _, _, m, _, _ in _fixed("number-format", "Objective: Grow\n  KR: Grow users from 20,000 to 40000\n")
            ] == ["Write '40000' as '40,000'."]


# --- checks/kind.py ----------------------------------------------------------------------------------


def test_an_activity_marked_as_a_kpi_says_what_to_mark_instead() -> None:
    text = "Objective: Keep customers happy\n  KR: Launch the customer health dashboard [KPI]\n"
    assert found("effort-kr-as-kpi", text) == [
        (2, "This is marked as a KPI, but it is an activity: once it is done, there is nothing left to watch.",
         "Mark as the KPI the number this activity should move (for example 'Keep monthly churn under 2% [KPI]'), "
         "and keep the activity as an ordinary key result or a task.")]


def test_a_level_held_is_offered_as_a_kpi_line_with_its_metric_and_target() -> None:
    message = "This key result keeps a level where it is; that is health to watch, not a change to make."

    def hint(kpi: str) -> str:
        return f"Track it as a KPI ('KPI: {kpi}') and use the key result for something that should change this period."

    def maintain(kr: str) -> list[tuple[int, str, str | None]]:
        return found("maintain-kr", f"Objective: Be reliable\n  KR: {kr}\n")

    assert maintain("Maintain uptime at 99.9%") == [(2, message, hint("uptime – target 99.9%"))]
    assert maintain("Maintain 99.9%") == [(2, message, hint("the metric – target 99.9%"))]  # no metric named
    assert maintain("Hold steady") == [(2, message, hint("steady"))]  # no target: no "– target"


def _low_ambition(kr: str) -> list[str]:
    return [message for _, message, _ in found("low-ambition", f"Objective: Grow [aspirational]\n  KR: {kr}\n")]


def test_a_small_change_is_put_in_words_with_its_size() -> None:
    small = " is small for an aspirational goal: that much tends to happen anyway."
    assert _low_ambition("Grow MRR by 1.05x") == ["'1.05x' (5%)" + small]
    assert _low_ambition("Grow MRR by 5%") == ["A change of 5%" + small]
    assert _low_ambition("Grow MRR from $100k by 5%") == ["'5%' from $100k (5%)" + small]
    assert _low_ambition("Grow MRR from $100k to $105k") == ["The change from $100k to $105k (5%)" + small]
    assert found("low-ambition", "Objective: Grow [aspirational]\n  KR: Grow MRR from $100k to $105k\n")[0][2] == (
        "Aim for a change of at least 10%, or mark the objective [committed] if this is a promise rather than a "
        "stretch.")


def test_a_percentage_change_counts_the_gap_to_100_only_below_100_and_going_up() -> None:
    small = " is small for an aspirational goal: that much tends to happen anyway."
    # 95% to 95.4% closes 8% of the way to 100%, more than its 0.42% share of today's value
    assert _low_ambition("Raise activation from 95% to 95.4%") == ["The change from 95% to 95.4% (8%)" + small]
    # a plain number is not a percentage: 90 to 91 is 1.11%, not a ninth of the way to 100
    assert _low_ambition("Raise NPS from 90 to 91") == ["The change from 90 to 91 (1.11%)" + small]
    # from 100% and above there is no way to 100% left: the share of today's value counts
    assert _low_ambition("Grow net revenue retention from 100% to 105%") == [
        "The change from 100% to 105% (5%)" + small]
    assert _low_ambition("Cut cloud spend from 120% to 115% of budget") == [
        "The change from 120% to 115% (4.17%)" + small]


# --- checks/language.py ------------------------------------------------------------------------------

SAME_HINT = "Keep one of them, or reword each so it measures something different."


def test_near_repeats_exactly_at_the_similarity_limit_are_the_same() -> None:
    # ten words each, nine shared in order: difflib's ratio is 18/20 = 0.9, the default limit
    text = ("Objective: Grow activation\n  KR: Raise activation of new teams from 40% to 55% this quarter\n"
            "  KR: Raise activation of new users from 40% to 55% this quarter\n")
    assert found("duplicate-statement", text) == [
        (3, "This key result says the same as the one on line 2 "
            "('Raise activation of new teams from 40% to 55% this quarter').", SAME_HINT)]


def test_a_near_repeat_is_found_past_an_unlike_sibling_that_shares_its_rare_words() -> None:
    text = ("Objective: Grow activation\n  KR: Reduce the backlog from 3 weeks\n"
            "  KR: Cut time to first project from 3 days to 1 day\n"
            "  KR: Cut the time to first project from 3 days to 1 day\n")
    assert found("duplicate-statement", text) == [
        (4, "This key result says the same as the one on line 3 ('Cut time to first project from 3 days to 1 day').",
         SAME_HINT)]


def test_the_similarity_limit_reaches_siblings_with_few_shared_words() -> None:
    # at 0.5 a one-word key result is alike to a three-word one holding that word (2 * 1 / 4)
    text = "Objective: Grow activation\n  KR: Revenue\n  KR: Grow revenue fast\n"
    assert found("duplicate-statement", text, min_similarity=0.5) == [
        (3, "This key result says the same as the one on line 2 ('Revenue').", SAME_HINT)]
    # at 0 everything is alike, even key results with no word in common
    text = "Objective: Grow activation\n  KR: Ship the wizard\n  KR: Hire two designers\n"
    assert found("duplicate-statement", text, min_similarity=0)[1:] == [
        (3, "This key result says the same as the one on line 2 ('Ship the wizard').", SAME_HINT)]


def test_a_key_result_with_no_words_is_compared_with_nothing() -> None:
    text = "Objective: Grow activation\n  KR: ???\n  KR: Hire two designers\n  KR: ???\n"
    assert found("duplicate-statement", text) == []


def test_a_huge_objective_is_compared_up_to_the_limit_and_says_so() -> None:
    # 150 key results alike in all but one word (not alike enough): 11,175 pairs, past the 10,000 compared
    text = "Objective: Grow activation\n" + "".join(f"  KR: Lift NPS {n} from 30 to 45\n" for n in range(150))
    assert found("duplicate-statement", text) == [
        (1, "This objective has so many key results (150) that goallint compared only the first 10,000 pairs "
            "of them for near repeats.",
         "Split it into objectives of 3 to 5 key results each; each is then compared in full.")]
    # past the limit no more near repeats are looked for (only word-for-word ones)
    text += "  KR: Lift NPS 0 from 30 to 45 now\n"
    assert len(found("duplicate-statement", text)) == 1
    # below the limit (120 key results, 7,140 pairs) the near repeat at the end is still found
    text = "Objective: Grow activation\n" + "".join(f"  KR: Lift NPS {n} from 30 to 45\n" for n in range(120))
    text += "  KR: Lift NPS 0 from 30 to 45 now\n"
    assert found("duplicate-statement", text) == [
        (122, "This key result says the same as the one on line 2 ('Lift NPS 0 from 30 to 45').", SAME_HINT)]


def test_what_counts_as_an_activity() -> None:
    def activity(kr: str) -> bool:
        text = f"Objective: Grow\n  KR: {kr}\n"
        return [message.split(":")[0] for _, message, _ in found("task-not-outcome", text, max_share=0)] == [
            "1 of 1 key results here are activities, not results"]

    assert activity("Complete the SOC 2 audit by March 1")  # effort
    assert activity("Help connections grow")  # effort, though a change word sits in it
    assert activity("Publish 5 blog posts")  # a count of the team's own output
    assert activity("Run 5 webinars to grow signups")
    assert not activity("Build 3x pipeline")  # a multiple is a result
    assert not activity("Ship 95% of releases on time")  # so is a percentage
    assert not activity("Ship $1M of hardware")  # so is an amount
    assert not activity("Publish 5 blog posts a month, up from 2")  # so is a change
    assert not activity("Publish 5 blog posts a month, down from 8")
    assert not activity("Keep publishing 5 blog posts a month")
    assert not activity("Grow the community")


def test_activities_are_flagged_only_past_half_of_the_key_results() -> None:
    text = ("Objective: Make onboarding effortless\n  KR: Ship the new setup wizard\n"
            "  KR: Write the getting-started guide\n  KR: Cut time to first project from 3 days to 1 day\n")
    assert found("task-not-outcome", text) == [
        (1, "2 of 3 key results here are activities, not results: they say what the team will do, not what will "
            "change.",
         "For each activity, say what it should change and by how much: instead of 'Ship the new setup wizard', "
         "for example 'Raise self-serve upgrades from 40 to 120 a month'.")]
    # two of four is exactly half: allowed by default, not with a lower limit
    text += "  KR: Raise week-one activation from 40% to 55%\n"
    assert found("task-not-outcome", text) == []
    assert len(found("task-not-outcome", text, max_share=0.49)) == 1
    assert found("task-not-outcome", "Objective: Make onboarding effortless\n", max_share=0) == []


def test_low_ambition_asks_only_of_stretch_goals_and_only_below_the_limit() -> None:
    kr = "  KR: Grow MRR from $100k to $105k\n"
    assert found("low-ambition", "Objective: Grow revenue [committed]\n" + kr) == []
    assert found("low-ambition", "Objective: Grow revenue\n" + kr) == [
        (2, "The change from $100k to $105k (5%) is small if this objective is meant to stretch (it is marked "
            "neither [committed] nor [aspirational]).",
         "If it is a stretch, aim for a change of at least 10%; if it is a promise, mark the objective [committed].")]
    assert found("low-ambition", "Objective: Grow revenue\n" + kr, unmarked_is_aspirational=False) == []
    assert len(found("low-ambition", "Objective: Grow revenue [aspirational]\n" + kr,
                     unmarked_is_aspirational=False)) == 1
    # exactly at the limit is enough; no change at all is another rule's business
    assert found("low-ambition", "Objective: Grow revenue [aspirational]\n" + kr, min_change=0.05) == []
    assert found("low-ambition", "Objective: Grow revenue [aspirational]\n" + kr, min_change=0.051)[0][2] == (
        "Aim for a change of at least 5.1%, or mark the objective [committed] if this is a promise rather than a "
        "stretch.")
    assert found("low-ambition", "Objective: Grow revenue [aspirational]\n  KR: Grow MRR from $100k to $100k\n") == []


def test_a_change_is_sized_only_between_numbers_of_one_unit_in_its_own_direction() -> None:
    small = " is small for an aspirational goal: that much tends to happen anyway."
    assert _low_ambition("Hit $105k MRR (from $100k)") == ["The change from $100k to $105k (5%)" + small]  # reach
    assert _low_ambition("Cut response time from 2 hours to 115 minutes") == [
        "The change from 2 to 115 (4.17%)" + small]  # units of time compare
    assert _low_ambition("Grow revenue from $100k to 105k users") == []  # dollars to users: no size
    assert _low_ambition("Grow revenue from €100k to $105k") == []  # two currencies
    assert _low_ambition("Grow MRR from $100k to $95k") == []  # a fall where growth is asked: another rule's
    assert _low_ambition("Grow signups from 0 to 5") == []  # no share of nothing
    assert _low_ambition("Grow revenue from $100k by $5k") == ["'$5k' from $100k (5%)" + small]
    assert _low_ambition("Grow revenue from $100k by 5k users") == []
    assert _low_ambition("Grow signups from 400 users by 20 teams") == []
    # points step on whatever scale the start is written in
    assert _low_ambition("Raise CSAT from 4.0 stars by 0.2 points") == ["'0.2 points' from 4.0 (5%)" + small]


def test_a_change_by_points_or_by_a_share_is_sized_from_its_start() -> None:
    small = " is small for an aspirational goal: that much tends to happen anyway."
    assert _low_ambition("Cut churn from 5% to 5.2%") == []  # a rise where a cut is asked: another rule's
    assert _low_ambition("Grow signups from 0 by 50") == []
    assert _low_ambition("Raise activation from 40% by 2pp") == ["'2pp' from 40% (5%)" + small]
    # going down by points there is no gap to 100% to close; going up, 2 of the 10 points left is a fifth
    assert _low_ambition("Cut churn from 90% by 2pp") == ["'2pp' from 90% (2.22%)" + small]
    assert _low_ambition("Raise activation from 90% by 2pp") == []
    assert _low_ambition("Raise activation from 90% by 2 points") == []
    # "by 5%" is a twentieth: exactly the limit when the limit is 5%
    assert found("low-ambition", "Objective: Grow [aspirational]\n  KR: Grow MRR by 5%\n", min_change=0.05) == []
    assert _low_ambition("Grow MRR by 1.05x") == ["'1.05x' (5%)" + small]
    assert _low_ambition("Grow MRR by 0.95x") == ["'0.95x' (5%)" + small]


def test_word_for_word_repeats_are_looked_for_within_one_plan() -> None:
    kr = "Cut time to first project from 3 days to 1 day"
    same = (f"This key result says the same as the one on line 3 ('{kr}').", SAME_HINT)
    okr = (f"Objective: Grow activation\n  owner: Ana\n  KR: {kr}\nObjective: Keep customers\n  owner: Ben\n"
           f"  KR: {kr}\n")
    assert found("duplicate-statement", okr) == []  # two owners, two plans
    assert found("duplicate-statement", okr.replace("Ben", "Ana")) == [(6, *same)]
    # a Markdown page may hold several plans: repeats count within one objective only
    page = f"# Q1\n\n## Objective: Grow activation\n\n- KR: {kr}\n\n## Objective: Keep customers\n\n- KR: {kr}\n"
    assert found("duplicate-statement", page, path="plan.md") == []
    page = f"# Q1\n\n## Objective: Grow activation\n\n- KR: {kr}\n- KR: {kr}\n"
    assert [line for line, _, _ in found("duplicate-statement", page, path="plan.md")] == [6]


def test_a_key_result_that_repeats_its_objective_is_asked_for_a_measure() -> None:
    text = "Objective: Make onboarding effortless\n  KR: Make onboarding effortless\n"
    assert found("duplicate-statement", text) == [
        (2, "This key result repeats its objective, so it does not say how you will know the objective is met.",
         "Say what you will measure and the level you aim for, for example 'Raise week-one activation from 40% "
         "to 55%'.")]


def test_low_ambition_looks_at_every_key_result_of_the_objective() -> None:
    krs = ("  KR: Ship the new billing page\n  KR: Grow MRR from $100k to $130k\n  KR: Grow MRR from $100k to $105k\n"
           "  KR: Raise NPS from 40 to 41\n")
    assert [line for line, _, _ in found("low-ambition", "Objective: Grow revenue\n" + krs)] == [4, 5]
    assert [line for line, _, _ in found("low-ambition", "Objective: Grow revenue [aspirational]\n" + krs)] == [4, 5]
