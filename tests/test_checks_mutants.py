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
