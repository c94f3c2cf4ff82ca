"""The tracking rules (checks/tracking.py) pinned in process, so that mutation testing
(bench/mutation.py) sees them: each finding's message, hint and line, how a key result or KPI is
named in it, and the edges of each rule (the grace period, the period's first and last days, a
grade of exactly 1.0 or 0.9, a check-in exactly on pace)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from goallint import clock
from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.testing import plugins_for_tests

PLUGINS = plugins_for_tests(installed=False)


@pytest.fixture(autouse=True)
def _real_today_after() -> Iterator[None]:
    yield
    clock.set_as_of(None)


def found(rule: str, text: str, day: date, **options: Any) -> list[tuple[int, str, str | None]]:
    """(line, message, hint) of each finding of `rule` alone, judged as of `day`."""
    clock.set_as_of(day)
    table: dict[str, Any] = {"select": [rule]}
    if options:
        table["rules"] = {rule: options}
    config = config_from_table(table, PLUGINS)
    return [(f.span.start.line, f.message, f.hint) for f in check_text(text, "plan.okr", config, PLUGINS)[1]]


def lines(rule: str, text: str, day: date, **options: Any) -> list[int]:
    return [line for line, _, _ in found(rule, text, day, **options)]


Q3 = "period: 2026-Q3\n\nObjective: Grow\n"
SIGNUPS = "  KR: Increase weekly signups from 1,200 to 2,000\n"

# --- how an item is named -------------------------------------------------------------------------------


@pytest.mark.parametrize(("statement", "named"), [
    ("KR1: Raise NPS from 20 to 40", "KR1 'Raise NPS from 20 to 40'"),
    ("- Raise NPS from 20 to 40", "'Raise NPS from 20 to 40'"),  # a bullet has no label
    ("KPI: Uptime – target 99.9%", "KPI 'Uptime'"),  # a KPI by its name, without its target
    # sixty characters are shown whole; past that, 57 and an ellipsis, without the space before it
    ("KR: Raise NPS among enterprise accounts in the EMEA region, 2026",
     "KR 'Raise NPS among enterprise accounts in the EMEA region, 2026'"),
    ("KR: Raise NPS among enterprise accounts in the EMEA regions, 2026",
     "KR 'Raise NPS among enterprise accounts in the EMEA regions,…'"),
])
def test_a_finding_names_the_item_by_label_and_short_text(statement: str, named: str) -> None:
    plan = f"{Q3}  {statement}\n    2026-06-20: 30\n"
    [(_, message, _)] = found("checkin-outside-period", plan, date(2026, 8, 1))
    assert message.startswith(f"This check-in of {named} is dated 2026-06-20")


# --- stale-checkin ------------------------------------------------------------------------------------------

STALE = Q3 + SIGNUPS + "    2026-07-06: 1,250\n"


def test_a_stale_key_result_is_told_how_long_and_what_to_write() -> None:
    assert found("stale-checkin", STALE, date(2026, 7, 20)) == []  # 14 days: 7 + 7 days' grace, not past it
    assert found("stale-checkin", STALE, date(2026, 7, 21)) == [
        (4, "KR 'Increase weekly signups from 1,200 to 2,000' has had no check-in since 2026-07-06 (15 days; "
            "it is checked in every 7 days, with 7 days' grace).",
         "Add today's value under it, for example '2026-07-21: <value> (confidence 0.7) what changed'; if "
         "nobody tracks it any more, say so in a note or take it out of the plan.")]


def test_an_item_never_checked_in_is_stale_from_the_periods_first_day() -> None:
    plan = STALE + "  KR: Raise NPS from 20 to 40\n"
    assert lines("stale-checkin", plan, date(2026, 7, 15)) == []
    [(line, message, _)] = found("stale-checkin", plan, date(2026, 7, 16))
    assert (line, message) == (6, "KR 'Raise NPS from 20 to 40' has had no check-in since the period began (15 days; "
                                  "it is checked in every 7 days, with 7 days' grace).")


def test_after_the_period_an_item_is_judged_as_of_its_last_day() -> None:
    [(_, message, hint)] = found("stale-checkin", STALE, date(2026, 12, 1))
    assert "since 2026-07-06 (86 days;" in message and hint is not None and "'2026-09-30: <value>" in hint


def test_before_the_period_nothing_is_stale() -> None:
    plan = Q3 + SIGNUPS + "    2026-06-20: 1,210\n  KR: Raise NPS from 20 to 40\n"
    assert found("stale-checkin", plan, date(2026, 6, 25)) == []


def test_the_cadence_and_the_grace_come_from_the_options_and_the_kpi() -> None:
    [(_, message, _)] = found("stale-checkin", STALE, date(2026, 7, 8), cadence="daily", grace_days=0)
    assert message.endswith("since 2026-07-06 (2 days; it is checked in every 1 day, with 0 days' grace).")
    assert found("stale-checkin", STALE, date(2026, 7, 7), cadence="daily", grace_days=0) == []
    kpi = Q3 + "  KPI: Uptime – target 99.9%\n    cadence: monthly\n    2026-07-06: 99.8%\n"
    assert found("stale-checkin", kpi, date(2026, 8, 13)) == []  # 31 + 7 days
    [(_, message, _)] = found("stale-checkin", kpi, date(2026, 8, 14))
    assert message == ("KPI 'Uptime' has had no check-in since 2026-07-06 (39 days; it is checked in every 31 days, "
                       "with 7 days' grace).")


def test_a_graded_or_finished_item_and_an_untracked_or_undated_plan_are_not_stale() -> None:
    graded = STALE + "    => 0.6\n"
    assert found("stale-checkin", graded, date(2026, 8, 15)) == []
    after_graded = graded + "  KR: Raise NPS from 20 to 40\n    2026-07-06: 24\n"
    assert lines("stale-checkin", after_graded, date(2026, 8, 15)) == [7]
    done = Q3 + "  KR: Launch the new signup flow\n    2026-07-06: done\n" + SIGNUPS + "    2026-08-10: 1,400\n"
    assert found("stale-checkin", done, date(2026, 8, 15)) == []
    assert found("stale-checkin", Q3 + SIGNUPS, date(2026, 8, 15)) == []  # nobody started tracking
    assert found("stale-checkin", STALE.replace("period: 2026-Q3", "owner: Growth"), date(2026, 8, 15)) == []


# --- checkin-outside-period ---------------------------------------------------------------------------------


def test_a_check_in_outside_the_period_or_after_today_says_which() -> None:
    plan = Q3 + SIGNUPS + "    2026-06-30: 1,210\n    2026-07-01: 1,250\n    2026-09-30: 1,700\n    2026-10-01: 1,900\n"
    assert found("checkin-outside-period", plan, date(2026, 12, 1)) == [
        (5, "This check-in of KR 'Increase weekly signups from 1,200 to 2,000' is dated 2026-06-30, outside 2026-Q3 "
            "(2026-07-01 to 2026-09-30).",
         "Fix the date, or move the check-in to the plan of the period it belongs to."),
        (8, "This check-in of KR 'Increase weekly signups from 1,200 to 2,000' is dated 2026-10-01, outside 2026-Q3 "
            "(2026-07-01 to 2026-09-30).",
         "Fix the date, or move the check-in to the plan of the period it belongs to.")]
    assert found("checkin-outside-period", plan, date(2026, 9, 30)) == [
        (5, "This check-in of KR 'Increase weekly signups from 1,200 to 2,000' is dated 2026-06-30, outside 2026-Q3 "
            "(2026-07-01 to 2026-09-30).",
         "Fix the date, or move the check-in to the plan of the period it belongs to."),
        (8, "This check-in of KR 'Increase weekly signups from 1,200 to 2,000' is dated 2026-10-01, after today "
            "(2026-09-30); it is left out of progress until then.",
         "Write the day the value was read (YYYY-MM-DD); a forecast belongs in a note or a 'projection: 0.7' line.")]


def test_every_check_in_is_looked_at_past_a_grade_and_a_plan_without_period_only_for_the_future() -> None:
    plan = Q3 + SIGNUPS + "    => 0.6\n    2026-10-01: 1,900\n"
    assert lines("checkin-outside-period", plan, date(2026, 12, 1)) == [6]
    undated = plan.replace("period: 2026-Q3\n", "")
    assert found("checkin-outside-period", undated, date(2026, 12, 1)) == []
    assert lines("checkin-outside-period", undated, date(2026, 9, 1)) == [5]


# --- checkin-unit-mismatch ----------------------------------------------------------------------------------


def test_a_check_in_in_another_unit_says_which_unit_to_write() -> None:
    plan = Q3 + "  KR: Cut build time to 10 min\n    2026-07-10: 12 min\n    2026-07-20: 35%\n"
    assert found("checkin-unit-mismatch", plan, date(2026, 7, 25)) == [
        (6, "This check-in of KR 'Cut build time to 10 min' is in percent, but the key result is measured in "
            "min; it is left out of progress.",
         "Write the value in min, as in the key result ('10 min').")]  # the number with its unit


def test_a_baseline_gives_the_unit_when_there_is_no_target_and_grades_have_none() -> None:
    plan = Q3 + "  KR: Cut build time from 20 min\n    2026-07-20: 35%\n    => 0.6\n"
    [(line, _, hint)] = found("checkin-unit-mismatch", plan, date(2026, 10, 5))
    assert (line, hint) == (5, "Write the value in min, as in the key result ('20 min').")


# --- status-contradicts-pace --------------------------------------------------------------------------------

# From 0 to 91 over the 91 days of 2026-Q3: on 2026-08-16 (day 46) a value of 46 is exactly on pace.
PACED = Q3 + "  KR: Increase weekly demos from 0 to 91\n"


@pytest.mark.parametrize(("checkin", "said"), [
    ("2026-08-16: 10 (on track)", "says 'on track', but its numbers say off track (11% done where 51% was expected"),
    ("2026-08-16: 46 (off track)", "says 'off track', but its numbers say on track (51% done where 51% was expected"),
    ("2026-08-16: 10 (confidence 0.8)", "says confidence 80%, but its numbers say off track (11% done where 51% was "
                                        "expected"),
    ("2026-08-16: 46 (confidence 0.3)", "says confidence 30%, but its numbers say on track (51% done where 51% was "
                                        "expected"),
])
def test_a_written_status_or_confidence_the_numbers_contradict(checkin: str, said: str) -> None:
    [(line, message, hint)] = found("status-contradicts-pace", f"{PACED}    {checkin}\n", date(2026, 9, 1))
    assert (line, message) == (5, f"This check-in of KR 'Increase weekly demos from 0 to 91' {said} by 2026-08-16).")
    assert hint == "Write the status the numbers show, or add a note saying why they will catch up (or fall back)."


@pytest.mark.parametrize("checkin", [
    "2026-08-16: 45 (off track)",  # just behind pace: on track, but not ahead
    "2026-08-16: 10 (confidence 0.79)",
    "2026-08-16: 46 (confidence 0.31)",
    "2026-08-16: 10 (confidence 0.5)",  # neither sure nor unsure
    "2026-08-16: 46 (confidence 0.5)",
    "2026-08-16: 10 (at risk, confidence 0.9)",  # a written status is judged as a status, not by its confidence
    "2026-07-01: 0 (confidence 0.3)",  # the first day: no pace to be ahead of
    "2026-09-30: => 0.6 (on track)",  # a grade, not a check-in
    "2026-08-16: 40 (on track)",  # at risk is not off track
    "2026-08-16: 46 (on track)",
    "2026-08-16: 46",
    "2026-07-01: 0 (off track)",  # the first day: no pace to keep yet
])
def test_a_status_the_numbers_allow_is_left_alone(checkin: str) -> None:
    assert found("status-contradicts-pace", f"{PACED}    {checkin}\n", date(2026, 9, 1)) == []


def test_a_finished_effort_is_not_judged_by_pace_but_one_reopened_is() -> None:
    effort = Q3 + "  KR: Launch the new signup flow\n    2026-07-10: done (on track)\n"
    assert found("status-contradicts-pace", effort + "    2026-07-12: done (confidence 0.3)\n", date(2026, 9, 1)) == []
    reopened = effort + "    2026-08-16: not done (on track)\n"
    assert found("status-contradicts-pace", reopened, date(2026, 9, 1)) == [
        (6, "This check-in of KR 'Launch the new signup flow' says 'on track', but its numbers say off track (0% done "
            "where 51% was expected by 2026-08-16).",
         "Write the status the numbers show, or add a note saying why they will catch up (or fall back).")]


def test_each_check_in_is_judged_as_of_its_own_day() -> None:
    plan = PACED + "    2026-07-15: 2\n    2026-07-20: 20 (on track)\n    2026-08-16: 10 (on track)\n"
    assert lines("status-contradicts-pace", plan, date(2026, 9, 1)) == [7]
    assert found("status-contradicts-pace", plan.replace("period: 2026-Q3\n", ""), date(2026, 9, 1)) == []


# --- committed-graded-short and aspirational-graded-high -----------------------------------------------------


def test_a_committed_objective_short_of_1_is_asked_why() -> None:
    plan = "period: 2026-Q2\n\nObjective: Ship SSO [committed]\n  KR: Launch single sign-on for Google => 0.6\n"
    assert found("committed-graded-short", plan, date(2026, 7, 10)) == [
        (3, "This committed objective is graded 0.60, short of the 1.0 it promised, and nothing says why.",
         "Add a note after its grade ('=> 0.6 security review took five weeks') saying what happened and what "
         "changes next time.")]
    assert found("committed-graded-short", plan.replace("0.6", "1.0"), date(2026, 7, 10)) == []
    assert found("committed-graded-short", plan.replace("[committed]", ""), date(2026, 7, 10)) == []


def test_a_note_on_the_objectives_or_any_key_results_grade_is_enough() -> None:
    plan = ("period: 2026-Q2\n\nObjective: Ship SSO [committed]\n  => 0.6 security review took five weeks\n"
            "  KR: Launch single sign-on for Google => 0.6\n")
    assert found("committed-graded-short", plan, date(2026, 7, 10)) == []
    two = ("period: 2026-Q2\n\nObjective: Ship SSO [committed]\n"
           "  KR: Launch single sign-on for Google => 0.6 security review took five weeks\n"
           "  KR: Launch single sign-on for Okta => 0.6\n")
    assert found("committed-graded-short", two, date(2026, 7, 10)) == []
    assert lines("committed-graded-short", two.replace(" security review took five weeks", ""),
                 date(2026, 7, 10)) == [3]


def test_a_committed_objective_in_a_plan_without_a_period_is_judged_by_its_written_grade() -> None:
    plan = "Objective: Ship SSO [committed]\n  KR: Launch single sign-on for Google => 0.6\n"
    [(line, message, _)] = found("committed-graded-short", plan, date(2026, 7, 10))
    assert (line, message) == (1, "This committed objective is graded 0.60, short of the 1.0 it promised, and nothing "
                                  "says why.")


def test_an_aspirational_objective_from_0_9_is_told_to_aim_higher() -> None:
    plan = "period: 2026-Q2\n\nObjective: Grow the community [aspirational]\n  KR: Reach 5,000 forum members => 0.9\n"
    assert found("aspirational-graded-high", plan, date(2026, 7, 10)) == [
        (3, "This aspirational objective is graded 0.90: it was within reach, not a stretch.",
         "Aim higher next period (Google's guide: a stretch lands around 0.7), or mark it [committed].")]
    assert found("aspirational-graded-high", plan.replace("0.9", "0.89"), date(2026, 7, 10)) == []
    assert found("aspirational-graded-high", plan.replace("aspirational", "committed"), date(2026, 7, 10)) == []
