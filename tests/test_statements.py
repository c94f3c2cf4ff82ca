"""The statement grammar: what goallint understands of one key result or KPI."""

from __future__ import annotations

from typing import Any

import pytest

from fidelity import SETS, load, score
from goallint.checking import check_text
from goallint.config import config_from_table
from goallint.engine.plugins import load_plugins
from goallint.model import KeyResult
from goallint.syntax import parse_document
from goallint.syntax.build import LineText, take_markers

PLUGINS = load_plugins()


def read(statement: str, period: str = "2026-Q3") -> KeyResult:
    document = parse_document(f"period: {period}\nObjective: Test\n  KR: {statement}\n", "t.okr")
    return document.objectives[0].key_results[0]


def quantity(item: Any) -> tuple[float | None, str | None, str | None] | None:
    return None if item is None else (item.value, item.unit, item.comparator)


# statement -> (direction, metric, baseline, target, change, deadline date, kind)
EXAMPLES: dict[str, tuple[Any, ...]] = {
    "Grow weekly active teams from 1.2k to 2,000 by Sept 30": (
        "increase", "weekly active teams", (1200, None, None), (2000, None, None), None, "2026-09-30", "outcome"),
    "Cut p95 page load to under 800 ms": (
        "decrease", "p95 page load", None, (800, "ms", "<"), None, None, "outcome"),
    "Lift NPS by 8 points this quarter": (
        "increase", "NPS", None, None, (8, "points", None), "2026-09-30", "outcome"),
    "Bring monthly churn down from 4.1% to 3%": (
        "decrease", "monthly churn", (4.1, "%", None), (3, "%", None), None, None, "outcome"),
    "$2.5M in new ARR by EOY": (
        "reach", "new ARR", None, (2_500_000, "USD", None), None, "2026-12-31", "outcome"),
    "Double the number of paying EU customers (currently 140)": (
        "increase", "number of paying EU customers", (140, None, None), (280, None, None), None, None, "outcome"),
    "Keep uptime at or above 99.95%": (
        "maintain", "uptime", None, (99.95, "%", ">="), None, None, "outcome"),
    "Ship the self-serve billing page": (None, None, None, None, None, None, "effort"),
    "≥ 40 qualified demos per month": (
        "reach", "qualified demos", None, (40, "demos", ">="), None, None, "outcome"),
    "Halve support backlog to 150 tickets by end of H1": (
        "decrease", "support backlog", None, (150, "tickets", None), None, "2026-06-30", "outcome"),
    "Onboard 12 new partners in Q4": (
        "reach", "new partners", None, (12, "partners", None), None, "2026-12-31", "outcome"),
    "Improve documentation": ("increase", "documentation", None, None, None, None, "outcome"),
    "Raise gross margin 3 pp by 2026-11-15": (
        "increase", "gross margin", None, None, (3, "pp", None), "2026-11-15", "outcome"),
    "Reach €40k MRR by end of June": ("reach", "MRR", None, (40_000, "EUR", None), None, "2026-06-30", "outcome"),
    "Sell 3 million GBP of renewals before fiscal year-end": (
        "reach", "renewals", None, (3_000_000, "GBP", None), None, "2026-12-31", "outcome"),
    "Reduce open incidents by 25 percent by 15 March 2027": (
        "decrease", "open incidents", None, None, (25, "%", None), "2027-03-15", "outcome"),
}


@pytest.mark.parametrize("statement", list(EXAMPLES))
def test_the_examples_people_write(statement: str) -> None:
    direction, metric, baseline, target, change, deadline, kind = EXAMPLES[statement]
    item = read(statement)
    measure = item.measure
    assert measure.direction == direction
    assert measure.metric == metric
    assert quantity(measure.baseline) == baseline
    assert quantity(measure.target) == target
    assert quantity(measure.change) == change
    assert (item.deadline.date if item.deadline else None) == deadline
    assert item.kind == kind


@pytest.mark.parametrize(
    "statement",
    [
        "Fix Issue 10315 and #726 in the Linux64 build",
        "Ship v1.0 of the CLI",
        "Support Python 3.11 in the SDK",
        "Grow pipeline from X to Y",
        "Reach $X in bookings",
        "Grow sign-ups compared to Q4 2024",
    ],
)
def test_placeholders_issue_and_version_numbers_are_not_targets(statement: str) -> None:
    measure = read(statement).measure
    for part in (measure.baseline, measure.target, measure.change):
        assert part is None or part.value is None


def test_a_statement_that_ends_mid_phrase_still_reads() -> None:
    # "2000" could be a year; the reader once looped forever waiting for the amount after "to"
    measure = read("Grow signups from 1500 to 2000").measure
    assert quantity(measure.baseline) == (1500, None, None)
    assert quantity(measure.target) == (2000, None, None)
    assert read("Grow signups from 1500 to").measure.baseline is not None


def test_comparison_periods_are_not_deadlines() -> None:
    assert read("Grow sign-ups 30% compared to Q4 2024").deadline is None
    assert read("200k views per 30 days").deadline is None


def test_deadlines_resolve_against_a_fiscal_period() -> None:
    document = parse_document("period: FY27 Q1\nObjective: T\n  KR: Ship it by end of Q2\n", "t.okr", fy_start_month=4)
    assert document.period is not None and document.period.start == "2026-04-01"
    assert document.objectives[0].key_results[0].deadline.date == "2026-09-30"  # type: ignore[union-attr]


def test_a_deadline_without_a_period_stays_unresolved() -> None:
    document = parse_document("Objective: T\n  KR: Ship it by end of Q2\n", "t.okr")
    deadline = document.objectives[0].key_results[0].deadline
    assert deadline is not None and deadline.text == "by end of Q2" and deadline.date is None


def test_quantity_spans_point_at_the_number() -> None:
    text = "period: 2026-Q3\nObjective: T\n  KR: Grow € revenue from €1.2M to €2M by EOY\n"
    item = parse_document(text, "t.okr").objectives[0].key_results[0]
    for part, expected in ((item.measure.baseline, "€1.2M"), (item.measure.target, "€2M")):
        assert part is not None
        assert text[part.span.start.offset : part.span.end.offset] == expected
        assert part.span.start.line == 3
    assert item.deadline is not None
    assert text[item.deadline.span.start.offset : item.deadline.span.end.offset] == "by EOY"


# Statements by class (issue 12): each class failed on held-out text before the reader learned it.

PLAIN = "Reduce monthly churn from 4% to 6% by end of Q3"


def reading_of(item: KeyResult) -> tuple[Any, ...]:
    measure = item.measure
    return (
        measure.direction, measure.metric, quantity(measure.baseline), quantity(measure.target),
        quantity(measure.change), item.deadline.date if item.deadline else None, item.kind,
    )


@pytest.mark.parametrize(
    "before",
    ["🚀 ", "✅ ", "☐ ", "[x] ", "[ ] ", "→ ", "* ", "(Stretch) ", "[P1] ", "CTO: ", "Support: ", "Field Marketing: ",
     "In EMEA, ", "For our twenty largest customers, ", "CTO: 🚀 ", "✅ [P1] ", "🙌🏽 "],
)
def test_what_comes_before_the_verb_leaves_the_reading_alone(before: str) -> None:
    assert reading_of(read(before + PLAIN)) == reading_of(read(PLAIN))


def findings(rule: str, text: str) -> list[tuple[int, str]]:
    config = config_from_table({"select": [rule]}, PLUGINS)
    return [(f.span.start.line, f.message) for f in check_text(text, "plan.okr", config, PLUGINS)[1]]


def test_a_leading_emoji_still_gets_its_direction_contradiction() -> None:
    plan = "Objective: Keep customers\n  {} Reduce monthly churn from 4% to 6%\n"
    emoji = findings("direction-contradiction", plan.format("KR1: 🚀"))
    plain = findings("direction-contradiction", plan.format("KR2:"))
    assert len(emoji) == 1 and emoji[0][0] == 2
    assert emoji == plain
    item = read("🚀 Reduce monthly churn from 4% to 6%")
    assert (item.measure.direction, item.measure.metric) == ("decrease", "monthly churn")


def test_the_measurable_sentence_carries_the_measure() -> None:
    item = read("CTO: Make the API easier to adopt. Publish SDKs for Go and Java. Sign-ups grow 50%.")
    assert reading_of(item) == ("increase", "Sign-ups", None, None, (50, "%", None), None, "outcome")
    item = read("SDR: Support efficient inbound demand creation. Achieve 110% of SAO plan.")
    assert (item.measure.direction, item.measure.metric, quantity(item.measure.target)) == (
        "reach", "SAO plan", (110, "%", None))
    # a number in the theme sentence is not the size of a change asked for in another one
    item = read("Grow Incremental ACV according to plan. 120% of plan, pipeline 3x minus in quarter.")
    assert item.measure.change is None and item.measure.direction == "increase"


@pytest.mark.parametrize(
    "statement",
    [
        "Staff 2nd-line support for all regions",
        "Run a 360 review for every manager",
        "Ship release v2.0 of the mobile app",
        "Release 2.0 reaches the app store",
        "Cover the top 3 languages from the survey",
        "Add Fortune 500 logos to the website",
        "Comply with ASC 606 for all contracts",
        "Run a 1 month boot-camp for new sales people",
        "Read [10 tips for onboarding](https://example.com/tips) with the team",
        "Offer 24/7 support to enterprise customers",
    ],
)
def test_numbers_that_name_or_describe_are_not_targets(statement: str) -> None:
    measure = read(statement).measure
    assert (measure.baseline, measure.target, measure.change) == (None, None, None)


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        ("Reduce churn for accounts worth $50k+", "decrease"),
        ("Raise adoption for teams with a health score of 60 or less", "increase"),
    ],
)
def test_a_threshold_that_picks_who_is_counted_is_not_the_target(statement: str, direction: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.target, item.kind) == (direction, None, "outcome")


def test_a_number_after_the_words_that_count_it_is_still_the_target() -> None:
    target = read("Champions Program deployed with at least 15 champions").measure.target
    assert quantity(target) == (15, "champions", ">=")


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("The on-call team spends less time on manual triage", "decrease", "time on manual triage"),
        ("The new tutorials get more visits than last year's guides", "increase", "visits"),
        ("Steady growth in organic reach", "increase", "organic reach"),
        ("A shorter checkout than the old flow", "decrease", "checkout"),
    ],
)
def test_comparisons_without_numbers_give_a_direction(statement: str, direction: str, metric: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.metric, item.measure.target, item.kind) == (
        direction, metric, None, "outcome")


@pytest.mark.parametrize(
    ("statement", "direction", "metric", "change"),
    [
        ("Cloud spend reduced by 8%", "decrease", "Cloud spend", (8, "%", None)),
        ("We have cut onboarding time by 40%", "decrease", "onboarding time", (40, "%", None)),
        ("Satisfaction scores have risen by 6 points", "increase", "Satisfaction scores", (6, "points", None)),
        ("CEO: IACV doubles year over year", "increase", "IACV", (2, "x", None)),
    ],
)
def test_passive_perfect_and_subject_first_forms(statement: str, direction: str, metric: str, change: Any) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric, quantity(measure.change)) == (direction, metric, change)


@pytest.mark.parametrize(
    ("statement", "period", "date"),
    [
        ("Grow NPS by 5 points during the quarter", "2026-Q3", "2026-09-30"),
        ("Grow NPS by 5 points in the quarter", "2026-Q3", "2026-09-30"),
        ("Grow ARR 20% for FY21", "2026-Q3", "2021-12-31"),
        ("Publish 2 blog posts in 2Q18", "2018-Q2", "2018-06-30"),
    ],
)
def test_relative_periods_are_deadlines(statement: str, period: str, date: str) -> None:
    item = read(statement, period)
    assert item.deadline is not None and item.deadline.date == date


def test_this_financial_year_ends_with_the_fiscal_year() -> None:
    text = "period: FY27 Q1\nObjective: T\n  KR: Cut costs by 5% this financial year\n"
    item = parse_document(text, "t.okr", fy_start_month=4).objectives[0].key_results[0]
    assert item.deadline is not None and item.deadline.date == "2027-03-31"


def test_a_year_is_a_period_not_a_target() -> None:
    item = read("Grow revenue 10% for 2020.")
    assert quantity(item.measure.change) == (10, "%", None) and item.measure.target is None
    assert item.deadline is not None and item.deadline.date == "2020-12-31"


def test_hitting_a_target_is_an_outcome_and_running_calls_an_effort() -> None:
    hit = read("Hit our bookings target")
    assert (hit.kind, hit.measure.metric) == ("outcome", "bookings")
    running = read("We're running 12+ customer calls")
    assert (running.kind, running.measure.direction) == ("effort", None)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Add and retain 5 members to the Community Committee who are from other backgrounds",
         "members to the Community Committee"),
        ("Ship a release policy and defined quality bar, and send 1+ go-ipfs release through all stages",
         "go-ipfs release through all stages"),
        ("VP Eng KR: 100% of monthly releases ship on time.", "monthly releases ship on time"),
        ("Make sure each SAE has 10 SAOs per month", "SAOs"),
        ("Make sure that 70% of salespeople are at quota", "salespeople are at quota"),
        ("Add 30 Fortune 500 companies", "Fortune 500 companies"),
        ("Dev-focused announcement drives a 20–30% lift in new MAU", "new MAU"),
        ("Increase trial to opportunity conversion rate by 20%", "trial to opportunity conversion rate"),
        ("Generate 41% of opportunity creation target worth of referral sourced opportunities",
         "referral sourced opportunities"),
        ("Achieve volume target in inbound SCLAU generation", "volume in inbound SCLAU generation"),
        ("Have over 2/3 of key users report the feature as satisfactory",
         "key users report the feature as satisfactory"),
    ],
)
def test_the_metric_is_the_thing_measured(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_one_word_metric_keeps_its_qualifier_but_not_a_dangling_preposition() -> None:
    mentions = read("Get 100 mentions in social media in the first month online")
    assert mentions.measure.metric == "mentions in social media"
    assert read("Grow users from 3 to 5").measure.metric == "users"
    assert read("Have over 50 users in the first month").measure.metric == "users"


def test_two_units_on_an_arrow_are_both_kept() -> None:
    measure = read("Cut build time from 2 h → 5 h").measure
    assert (quantity(measure.baseline), quantity(measure.target)) == ((2, "h", None), (5, "h", None))


@pytest.mark.parametrize("digits", ["9" * 5000, "1" + "0" * 320])
def test_numbers_too_large_to_mean_anything_read_as_no_value(digits: str) -> None:
    measure = read(f"Grow users to {digits}").measure
    assert measure.target is not None and measure.target.value is None and measure.target.text == digits


def test_a_to_without_its_amount_keeps_what_follows() -> None:
    # "5-star" is a name, so the "to" has no amount: the deadline after it is still read
    item = read("Grow rating from 3 to 5-star by end of Q3")
    assert quantity(item.measure.baseline) == (3, None, None)
    assert item.deadline is not None and item.deadline.date == "2026-09-30"


def test_markers_at_both_ends_are_taken_in_one_pass() -> None:
    piece, markers = take_markers(LineText("[KPI] Grow ARR by 5%" + " [committed]" * 3, 1, 0, 0))
    assert (piece.text, piece.column, markers) == ("Grow ARR by 5%", 6, {"kpi", "committed"})
    piece, markers = take_markers(LineText("  [kpi]", 1, 0, 0))
    assert (piece.text, markers) == ("[kpi]", set())


# --- Classes found on the second held-out slice (issue 12) ---------------------------------------


def read_kpi(statement: str, period: str = "2026-Q3") -> Any:
    return parse_document(f"period: {period}\nKPI: {statement}\n", "t.okr").kpis[0]


def test_a_comparison_with_nothing_between_its_word_and_than_measures_the_subject() -> None:
    # once raised StopIteration; the date after "than" is what is compared with, not a deadline
    item = read('Time from "customer asks for enablement" to "deck sent" is measurably shorter than it was in October')
    assert (item.measure.direction, item.kind, item.deadline) == ("decrease", "outcome", None)
    assert item.measure.metric is not None and item.measure.metric.startswith("Time from")
    # a number after "than" is a threshold: the deadline after it stays
    item = read("Close every P1 bug older than 30 days before the end of Q3")
    assert item.deadline is not None and item.deadline.date == "2026-09-30"


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("% of Contamination in co-mingled recyclate (Minimise): 14%",
         "Contamination in co-mingled recyclate", (14, "%", None)),
        ("Average time taken to clear a reported fly-tip (Minimise): 2 days",
         "Average time taken to clear a reported fly-tip", (2, "days", None)),
        ("Reports about non-collection of waste (Minimise): 2,114",
         "Reports about non-collection of waste", (2114, None, None)),
    ],
)
def test_a_direction_word_alone_in_parentheses_labels_the_aim_and_the_number_stays_the_target(
    statement: str, metric: str, target: Any
) -> None:
    item = read_kpi(statement)
    assert item.measure.metric == metric
    assert (quantity(item.measure.target) or ())[:2] == target[:2]
    assert item.measure.change is None


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        # the commas of a name written before its value join a list
        ("Number of street cleaning, grounds maintenance and waste official complaints: 190 cumulative for year",
         "Number of street cleaning, grounds maintenance and waste"),
        # an aside inside the name is read past, also one with commas
        ("Carbon dioxide emission levels for the Council (for specific areas, for example street lighting): "
         "18% reduction by 2023", "Carbon dioxide emission levels"),
        ("have 15 repeat (3+ times) repo customers", "repeat repo customers"),
        # "worth of" says where the thing is; a dotted name is one word
        ("scale to $100k worth of lifetime work on the platform", "lifetime work"),
        ("Meet the target VA.gov satisfaction score (59% - fluid metric).", "target VA.gov satisfaction score"),
    ],
)
def test_names_with_lists_asides_and_dots_stay_whole(statement: str, metric: str) -> None:
    item = read_kpi(statement) if ":" in statement else read(statement)
    assert item.measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        # a subject and its verb before the number: the number counts what follows it
        ("Every OCTO Portfolio identifies 2 or more strategic decisions per quarter", "strategic decisions"),
        ("OCTO has helped resolve/support at least 10 significant engineering issues",
         "significant engineering issues"),
        # "… indicates that N% …": the number starts what is counted
        ("Our team health survey indicates that less than 25% feel high stress.", "feel high stress"),
        # a share counts a whole clause, up to a window, a deadline or a comparison
        ("100% of transactions received via our digital experiences are either processed correctly",
         "transactions received via our digital experiences are either processed correctly"),
        # the subject is measured when the amount stands before the verb ("5 points lower"), when what
        # follows the verb says how ("faster", "dramatically"), or points back ("this", an amount)
        ("Team members reporting stress is 5 points lower for each quarter in 2025", "Team members reporting stress"),
        ("Newsletter is growing faster than when we left Substack", "Newsletter"),
        ("Feedback about poor integration experiences decreases dramatically",
         "Feedback about poor integration experiences"),
        ("Time it takes to submit an inquiry (Reduce this by X%)", "Time it takes to submit an inquiry"),
        ("Case resolution time is decreased by x%", "Case resolution time"),
    ],
)
def test_the_metric_is_what_the_sentence_counts_not_its_frame(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("All new products have a faster transaction time than those they replaced.", "decrease", "transaction time"),
        ("Our platforms power twice as many interactions compared to last year.", "increase", "interactions"),
        ("Newsletters getting more views each time", "increase", "views"),
        ("We see growing engagement with videos as we release more of them", "increase", "engagement with videos"),
        ("certified skills get used more in q1 2027 than in q4 2026", "increase", "certified skills"),
    ],
)
def test_more_comparisons_without_numbers(statement: str, direction: str, metric: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.kind, item.measure.metric) == (direction, "outcome", metric)
    assert item.measure.target is None and item.measure.change is None


def test_getting_more_as_a_purpose_leaves_an_effort() -> None:
    item = read("Implement the personas into our scoring model to get more qualified leads")
    assert (item.measure.direction, item.kind) == (None, "effort")


@pytest.mark.parametrize(
    "statement",
    [
        "All C100 systems are monitoring the 4 “golden signals” of latency, error rate, volume, and saturation.",
        "closed-lost accounts with $20k+ ARR get flagged to CS automatically",
        "multistream 2.0 is implemented [p0]",
    ],
)
def test_counts_thresholds_and_versions_that_say_which_are_not_targets(statement: str) -> None:
    item = read(statement)
    assert (item.measure.target, item.measure.direction, item.kind) == (None, None, "effort")


def test_a_count_after_the_is_still_an_amount_after_a_verb_and_with_at_least_still_an_aim() -> None:
    assert (quantity(read("Reach the 1000 customer mark").measure.target) or ())[:1] == (1000,)
    champions = read("Champions Program V1 deployed with at least 15 champions").measure.target
    assert (quantity(champions) or ())[:1] == (15,)


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        # a change "by N" is made by the direction word before it, after a plural subject too
        ("Each of our platforms* and tools increase the number of non-OCTO users by 50%.", "increase",
         "number of non-OCTO users"),
        # "measure and improve": the second verb aims
        ("Our platforms measure and improve the satisfaction of their internal users.", "increase",
         "satisfaction of their internal users"),
        # "from planning to production" names what is timed
        ("Reduce cycle time from planning to production by more than 50%", "decrease",
         "cycle time from planning to production"),
    ],
)
def test_verbs_after_a_plural_subject_or_a_measuring_verb(statement: str, direction: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == (direction, metric)


def test_drafting_and_maintaining_stays_an_effort() -> None:
    item = read("Draft and maintain a contributor guide")
    assert (item.measure.direction, item.kind) == (None, "effort")


def test_a_split_year_is_one_deadline_and_a_number_of_periods_after_the_is_no_amount() -> None:
    item = read("We will increase our investment in research in each of the five years of the strategy, "
                "reaching £15 million in 2027/28.")
    assert (item.measure.direction, quantity(item.measure.target)) == ("increase", (15_000_000, "GBP", None))
    assert item.measure.change is None
    assert item.deadline is not None and item.deadline.text == "in 2027/28"


def test_a_participle_that_reaches_a_level_gives_the_target_of_the_main_verb() -> None:
    measure = read("In each of the five years of the strategy, we will increase the proportion of people "
                   "we are in contact with, reaching 75% of them by 2027/28.").measure
    assert (measure.direction, quantity(measure.target)) == ("increase", (75, "%", None))


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Year-on-year improvement in the functional suitability of the teaching infrastructure", "increase",
         "functional suitability of the teaching infrastructure"),
        ("Annual improvement in Impact Rankings score", "increase", "Impact Rankings score"),
        ("Building on our strengths, improve performance in the Research Excellence Framework", "increase",
         "performance in the Research Excellence Framework"),
        ("Promote international mobility and grow the number of international students studying at GCU",
         "increase", "number of international students studying at GCU"),
        ("Reduction by 10% to the P3 indicator (Major planning appeals allowed)", "decrease", "P3 indicator"),
        ("We want the proportion of our staff recommending us to remain at 95% or above throughout the strategy.",
         "maintain", "proportion of our staff recommending us"),
        ("Increase the proportion of our subjects in the UK upper quartile for student satisfaction", "increase",
         "proportion of our subjects in the UK upper quartile for student satisfaction"),
    ],
)
def test_how_plans_and_strategies_phrase_an_aim(statement: str, direction: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == (direction, metric)


def test_numbers_in_a_quoted_indicator_name_are_no_amounts() -> None:
    item = read("Amendment of the wording for the [F3] indicator to ‘percentage of invoices paid within 30 days’.")
    assert (item.measure.target, item.measure.direction, item.kind) == (None, None, "effort")


@pytest.mark.parametrize(
    ("statement", "direction", "change", "target"),
    [
        # a number of more (or fewer) things is the size of a change
        ("NHS services will aim to see nearly 450,000 more patients treated within 18 weeks next year",
         "increase", 450_000, None),
        ("200 fewer complaints about missed bins", "decrease", 200, None),
        # a number word with its scale
        ("Provide six million households with reliable access to the internet by September 30, 2025",
         "reach", None, 6_000_000),
        # an amount that opens a quote after "to" is the target
        ("To cut the number of people waiting more than a year to “less than 1% of the total waiting list”.",
         "decrease", None, 1),
    ],
)
def test_more_things_number_words_and_quoted_targets(statement: str, direction: str, change: Any, target: Any) -> None:
    measure = read(statement).measure
    assert measure.direction == direction
    assert (measure.change.value if measure.change else None) == change
    assert (measure.target.value if measure.target else None) == target


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("An interim national target of 65% of people to be seen or treated within 18 weeks",
         "people to be seen or treated within 18 weeks"),
        ("The goal aims to fund the replacement of 500,000 lead service lines by September 30, 2025.",
         "lead service lines"),
        ("The Department of Housing and Urban Development committed to making 20,000 at-risk housing units safe",
         "at-risk housing units safe"),
    ],
)
def test_an_aim_or_an_action_before_the_number_frames_what_it_counts(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_hitting_goals_with_a_second_verb_is_still_an_outcome() -> None:
    item = read("Hit and track all team revenue goals (Dana)")
    assert (item.kind, item.measure.metric) == ("outcome", "team revenue")


def test_a_season_is_a_deadline() -> None:
    assert read("We are aiming to release formally version 1 of the metrics by Summer.").deadline is not None


def test_having_more_is_an_aim_after_a_word_that_aims_and_a_purpose_after_an_effort() -> None:
    item = read("We are aiming to have more use cases fully described.")
    assert (item.measure.direction, item.measure.metric) == ("increase", "use cases fully described")
    assert read("Implement the personas into our scoring model to have more qualified leads").measure.direction is None


@pytest.mark.parametrize(
    ("statement", "target", "metric"),
    [
        ("Complete 60% of One45 and MSPE MySQL 8.0 → 8.4 upgrades with no high-severity regressions.", 60, None),
        ("Ensure accessibility compliance across flows, with > 50% of identified accessibility issues resolved",
         50, "identified accessibility issues resolved"),
        ("Establish centralized data architecture to unify at least 3 key data sources", 3, "key data sources"),
        ("x% of employees have taken time off each quarter", None, "employees have taken time off"),
    ],
)
def test_versions_shares_placeholders_and_infinitives(statement: str, target: Any, metric: str | None) -> None:
    measure = read(statement).measure
    assert (measure.target.value if measure.target else None) == target
    assert measure.baseline is None
    if metric is not None:
        assert measure.metric == metric


def test_customers_with_more_than_a_threshold_are_still_who_is_counted() -> None:
    measure = read("Increase retention of customers with more than 500 seats by 5%").measure
    assert quantity(measure.change) == (5, "%", None) and measure.target is None


def test_a_count_keeps_the_clause_that_says_whom_it_counts() -> None:
    assert read("Increase the number of people who engage with libraries").measure.metric == (
        "number of people who engage with libraries"
    )
    assert read("increased borrowing of books and e-resources").measure.direction == "increase"


@pytest.mark.parametrize(
    ("statement", "direction", "baseline", "target", "change", "deadline", "metric"),
    [
        ("Goal 4: Reduce the district chronic absenteeism rate by three percentage points from 28% to 25%.",
         "decrease", 28, 25, 3, None, "district chronic absenteeism rate"),
        ("Starting in the year 2023-2024 and on a year-to-year basis, the percentage of students obtaining "
         "Career Certifications will increase by at least 5%.",
         "increase", None, None, 5, None, "percentage of students obtaining Career Certifications"),
        ("Starting in the year 2023-2024, the percentage of enrollments in AP Courses will increase at least 2%.",
         "increase", None, None, 2, None, "percentage of enrollments in AP Courses"),
        ("The % of students reading at grade level (44.66%) on the 2023 Spring MAP Assessment will increase by "
         "3.93% on the 2024 Spring MAP Assessment.",
         "increase", 44.66, None, 3.93, "*", "students reading at grade level"),
        ("Reliability – <0.5% of total scheduled trips are missed annually.",
         "reach", None, 0.5, None, None, "total scheduled trips are missed"),
    ],
)
def test_how_schools_and_transport_plans_write_targets(
    statement: str, direction: str, baseline: Any, target: Any, change: Any, deadline: Any, metric: str
) -> None:
    item = read(statement)
    measure = item.measure
    assert measure.direction == direction
    assert (measure.baseline.value if measure.baseline else None) == baseline
    assert (measure.target.value if measure.target else None) == target
    assert (measure.change.value if measure.change else None) == change
    if deadline != "*":  # "*": either assessment could be read as the time limit
        assert (item.deadline.text if item.deadline else None) == deadline
    assert measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "target", "change", "metric"),
    [
        ("One-year Target: To achieve a reduction of at least 2% in Serious Acquisitive Crime",
         "decrease", None, 2, "Serious Acquisitive Crime"),
        ("One-year Target: To exceed an 86% level of victims who are satisfied with the overall service",
         "reach", 86, None, "victims who are satisfied with the overall service"),
        ("To maintain and if possible increase the number of detections for violent crimes",
         "maintain", None, None, None),
        ("the percentage of 999 calls answered within the local target time", None, None, None, None),
    ],
)
def test_how_public_services_write_their_aims(
    statement: str, direction: Any, target: Any, change: Any, metric: str | None
) -> None:
    measure = read(statement).measure
    assert measure.direction == direction
    assert (measure.target.value if measure.target else None) == target
    assert (measure.change.value if measure.change else None) == change
    if metric is not None:
        assert measure.metric == metric


def test_an_aim_stated_as_the_goal_is_to() -> None:
    item = read("The main goal is to increase satisfaction with the repair service for our customers.")
    assert (item.measure.direction, item.kind, item.measure.metric) == (
        "increase", "outcome", "satisfaction with the repair service"
    )


@pytest.mark.parametrize(
    ("statement", "change"),
    [
        ("Reducing the number of accidental dwelling fires by five percent", (5, "%", None)),
        ("Raise the satisfaction score by three points", (3, "points", None)),
    ],
)
def test_a_number_word_keeps_its_unit(statement: str, change: Any) -> None:
    assert quantity(read(statement).measure.change) == change


# Floors at today's figures: a change that makes the reader worse on any labelled set fails here.
# Some floors below sit above the figures their comments give: the classes in
# tests/test_statement_classes.py (verbs of betterment, a standing among others, a population after
# the metric, …) raised them later; every set is now held at what it measures.
# labelled: 375 of 386 statements wholly right, 2,542 of 2,562 fields (378 and 2,548 since money
# raised, "3 percentage points to 65%" and a measure name's window were read by class); tune (real statements
# gathered for issue 12, and the first held-out slice once it had been scored): 162 of 166, 1,045
# of 1,053 fields, 136 of 144 metrics (1,046 before verbs of betterment read as "increase": that
# class fixed 3 held-out statements and "optimize global performance", and misreads one task,
# "PMM: Enhance ROI section of website including adding interstitial …"). (379 and 2,549 after the
# classes of the round that tuned heldout20.)
def test_parse_fidelity_on_labelled_statements() -> None:
    outcome = score(load())
    assert outcome.statements >= 386
    assert outcome.wholly_right >= 379, "\n".join(outcome.misses)
    assert outcome.fields_right >= 2549, "\n".join(outcome.misses)


# (Later in the same round: metrics 137 -> 138.)
def test_parse_fidelity_on_the_tune_slice() -> None:
    outcome = score(load(SETS["tune"]))
    assert outcome.statements >= 166
    assert outcome.wholly_right >= 163, "\n".join(outcome.misses)
    assert outcome.fields_right >= 1047, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 138, "\n".join(outcome.misses)


# The held-out slice: 98 real statements of organisations no other set has (VA OCTO-DE and Ask VA,
# PostHog, Gitcoin, libp2p, Rotherham and Wandsworth councils), labelled by hand and committed
# before goallint read them. Scored once, blind: 76 of 98 wholly right (77.6%), 591 of 637 fields
# (92.8%), 48 of 89 metrics (53.9%), and one statement ("… is measurably shorter than it was in
# October") raised StopIteration. Reader fixes by class followed: 93 of 98 (94.9%), 629 of 635
# fields (99.1%), 81 of 89 metrics (91.0%); two units were relabelled "*" after scoring (a
# placeholder "by x%" keeps its unit in the corpus labels). This floor holds those figures, no
# longer blind ones.
# (Metrics 84 -> 86 after the classes of the round that tuned heldout17 and heldout19.)
def test_parse_fidelity_on_the_held_out_slice() -> None:
    outcome = score(load(SETS["heldout"]))
    assert outcome.statements >= 98
    assert outcome.wholly_right >= 95, "\n".join(outcome.misses)
    assert outcome.fields_right >= 631, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 86, "\n".join(outcome.misses)


# A second held-out slice, gathered after the fixes above (University of Sussex, Glasgow Caledonian
# University, Blood Cancer UK, Waverley Borough Council, Boca Raton, Columbia MO, Charles Sturt),
# labelled and committed before any run. Scored once, blind: 32 of 45 wholly right (71.1%), 281
# of 304 fields (92.4%), 26 of 39 metrics (66.7%). After fixes by class (split years, periods
# counted after "the", ", reaching N", annual improvement in X, participle lead-ins, "and grow the
# number of", a change noun that opens the statement, quoted indicator names, a share's
# qualifiers): 42 of 45, 301 of 304 fields, 36 of 39 metrics, no longer blind.
# (Metrics 38 -> 39 after the classes of the round that tuned heldout17 and heldout19.)
def test_parse_fidelity_on_the_second_held_out_slice() -> None:
    outcome = score(load(SETS["heldout2"]))
    assert outcome.statements >= 45
    assert outcome.wholly_right >= 45, "\n".join(outcome.misses)
    assert outcome.fields_right >= 304, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 39, "\n".join(outcome.misses)


# A third held-out slice (15 public-sector targets: NHS England planning guidance as published, US
# Agency Priority Goals), labelled and committed before any run. Scored once, blind: 9 of 15 wholly
# right (60.0%), 86 of 99 fields (86.9%), 3 of 7 metrics. After fixes by class ("N more X", "six
# million", a quoted target after "to", an aim or an action noun before "of N", "-ing" verbs before
# a number): 13 of 15, 95 of 99 fields, 6 of 7 metrics, no longer blind.
# (Metrics 6 -> 7 after the classes of the round that tuned heldout17 and heldout19.)
def test_parse_fidelity_on_the_third_held_out_slice() -> None:
    outcome = score(load(SETS["heldout3"]))
    assert outcome.statements >= 15
    assert outcome.wholly_right >= 14, "\n".join(outcome.misses)
    assert outcome.fields_right >= 98, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 7, "\n".join(outcome.misses)


# A fourth held-out slice (18 open-source project goals, mostly efforts: Kiwi TCMS roadmap 2020,
# CHAOSS GMD working group 2019), labelled and committed before any run. Scored once, blind: 16 of
# 18 wholly right (88.9%), 109 of 111 fields (98.2%), 10 of 11 metrics. After fixes by class (a
# season as a deadline, "aiming to have more X"): 18 of 18, no longer blind.
def test_parse_fidelity_on_the_fourth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout4"]))
    assert outcome.statements >= 18
    assert outcome.wholly_right >= 18, "\n".join(outcome.misses)
    assert outcome.fields_right >= 111, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 11, "\n".join(outcome.misses)


# A fifth held-out slice (35 product and project key results: Acuity Insights product OKRs, IPLD),
# labelled and committed before any run. Scored once, blind: 32 of 35 wholly right (91.4%), 216 of
# 223 fields (96.9%), 22 of 28 metrics (78.6%). After fixes by class (an upgrade "MySQL 8.0 → 8.4"
# names versions, "with > 50% of issues resolved" is a share aimed at, a lowercase "x%" and a lone
# "X" before a noun are placeholders, "to unify at least 3 key data sources" counts the object):
# 34 of 35, 222 of 223 fields, 26 of 28 metrics, no longer blind.
# (Later in the same round: metrics 27 -> 28.)
def test_parse_fidelity_on_the_fifth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout5"]))
    assert outcome.statements >= 35
    assert outcome.wholly_right >= 34, "\n".join(outcome.misses)
    assert outcome.fields_right >= 222, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 28, "\n".join(outcome.misses)


# A sixth held-out slice (18 library-service aims of Central Bedfordshire, Saginaw and Cheshire West
# and Chester), labelled and committed before any run. Scored once, blind: 17 of 18 wholly right
# (94.4%), 117 of 118 fields (99.2%), 12 of 15 metrics (80.0%). After one fix by class (who a count
# counts: "the number of people who engage with libraries"): 13 of 15 metrics, no longer blind.
def test_parse_fidelity_on_the_sixth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout6"]))
    assert outcome.statements >= 18
    assert outcome.wholly_right >= 18, "\n".join(outcome.misses)
    assert outcome.fields_right >= 118, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 14, "\n".join(outcome.misses)


# A seventh held-out slice (23 school-district and public-transport targets: Wichita, Pemberton,
# Seattle, Billings, Savannah-Chatham, NYC Queens North, Bay of Plenty, Perth PTA), labelled and
# committed before any run. Scored once, blind: 17 of 23 wholly right (73.9%), 144 of 153 fields
# (94.1%), 13 of 21 metrics (61.9%). After fixes by class ("Goal 2:" labels, "Starting in the year
# 2023-2024," is no deadline, "increase at least 2%" is a change, "(44.66%)" after the metric is its
# value today, a heading before a dash and a share's clause, "on the 2025 assessment" says when, the
# subject of a clause after a comma): 23 of 23, 153 of 153 fields, 18 of 21 metrics, no longer blind.
# (Metrics 20 -> 21 after the classes of the round that tuned heldout20.)
def test_parse_fidelity_on_the_seventh_held_out_slice() -> None:
    outcome = score(load(SETS["heldout7"]))
    assert outcome.statements >= 23
    assert outcome.wholly_right >= 23, "\n".join(outcome.misses)
    assert outcome.fields_right >= 153, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 21, "\n".join(outcome.misses)


# An eighth held-out slice (15 policing targets and indicators: Devon & Cornwall Constabulary
# 2009/10, Home Office 1997-98), labelled and committed before any run. Scored once, blind: 11 of 15
# wholly right (73.3%), 80 of 90 fields (88.9%), 4 of 11 metrics (36.4%). After fixes by class ("a
# reduction of at least 2% in X", "To exceed 84% of …" and "an 86% level of X", an aim written as
# "To maintain …", emergency numbers such as "999 calls"): 15 of 15, 90 of 90 fields, 10 of 11
# metrics, no longer blind.
def test_parse_fidelity_on_the_eighth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout8"]))
    assert outcome.statements >= 15
    assert outcome.wholly_right >= 15, "\n".join(outcome.misses)
    assert outcome.fields_right >= 90, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 11, "\n".join(outcome.misses)


# A ninth held-out slice (18 housing-association and hospital-nursing targets: Rooftop, Arhag, North
# Star, Network Homes, St. Luke's, Mount Sinai), labelled and committed before any run. Scored once,
# blind: 15 of 18 wholly right (83.3%), 113 of 117 fields (96.6%), 11 of 15 metrics (73.3%). After
# fixes by class ("The main goal is to increase X", "a minimum of N%"): 16 of 18, 115 of 117 fields,
# 12 of 15 metrics, no longer blind; with the fourteenth slice's classes ("% of Rent Due for the
# Year" is a window, not a deadline) 18 of 18, 117 of 117.
def test_parse_fidelity_on_the_ninth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout9"]))
    assert outcome.statements >= 18
    assert outcome.wholly_right >= 18, "\n".join(outcome.misses)
    assert outcome.fields_right >= 117, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 15, "\n".join(outcome.misses)


# A tenth held-out slice (9 public-service targets and goals: Buckinghamshire Fire and Rescue, ODPM
# PSA 3, Berkeley, Rockford, Towson University), labelled and committed before any run. Scored once,
# blind: 6 of 9 wholly right (66.7%), 53 of 57 fields (93.0%), 4 of 4 metrics. After one fix by class
# (a number word with its unit: "by five percent"): 8 of 9, 55 of 57 fields, no longer blind; 9 of 9,
# 57 of 57 once "1.25 times the national average" reads as a comparison, not a target.
def test_parse_fidelity_on_the_tenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout10"]))
    assert outcome.statements >= 9
    assert outcome.wholly_right >= 9, "\n".join(outcome.misses)
    assert outcome.fields_right >= 57, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 4, "\n".join(outcome.misses)


# Two more held-out slices, from genres that had scored worst blind (university plans and their
# measure tables, press reports of a plan's goals), labelled and committed before any run and scored
# once, blind. Eleventh (UC Merced 2021-2031 measures and University of Memphis plan measures, table
# rows joined as "measure: target"): 18 of 22 wholly right (81.8%), 143 of 151 fields (94.7%), 15 of
# 19 metrics. Twelfth (University of Wyoming's plan as its president and the press reported it, the
# University of California's graduation goals, CSU Bakersfield's objectives): 14 of 19 (73.7%), 113
# of 121 fields (93.4%), 13 of 16 metrics. After fixes by class (number words that modify a noun,
# "Name: value" with numbers in the name, "work to increase", "Goal: 5% growth", "in five years",
# "two to three new halls", "by increasing … and improving …", "Maintain or increase …"): 22 of 22,
# 151 of 151, 19 of 19; 19 of 19, 121 of 121, 15 of 16; no longer blind.
def test_parse_fidelity_on_the_eleventh_held_out_slice() -> None:
    outcome = score(load(SETS["heldout11"]))
    assert outcome.statements >= 22
    assert outcome.wholly_right >= 22, "\n".join(outcome.misses)
    assert outcome.fields_right >= 151, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 19, "\n".join(outcome.misses)


# (Later in the same round: metrics 15 -> 16.)
def test_parse_fidelity_on_the_twelfth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout12"]))
    assert outcome.statements >= 19
    assert outcome.wholly_right >= 19, "\n".join(outcome.misses)
    assert outcome.fields_right >= 121, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 16, "\n".join(outcome.misses)


# Thirteenth held-out slice (34 real key results: the IPFS go-ipfs, js-ipfs and Project working
# group OKRs of 2019 Q1 in ipfs/team-mgmt, one Wikimedia Foundation product & technology key result
# of 2023-24, one Geckoboard marketing key result), labelled and committed before goallint read
# them, then scored once blind: 33 of 34 (97.1%), 216 of 220 fields (98.2%), 25 of 29 metrics
# (86.2%); mostly open-source project deliverables, so an easier mix than earlier slices. After
# fixes by class (repository-qualified issue references, a result clause that carries the
# measure): 34 of 34, 220 of 220, 27 of 29; no longer blind ("It takes N hours to …" then 28 of 29).
def test_parse_fidelity_on_the_thirteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout13"]))
    assert outcome.statements >= 34
    assert outcome.wholly_right >= 34, "\n".join(outcome.misses)
    assert outcome.fields_right >= 220, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 28, "\n".join(outcome.misses)


# Fourteenth held-out slice (52 real key results and KPIs of technology organisations none of the
# other sets has: Protekt Protocol's 2020-21 OKR tables, the Philadelphia Inquirer data
# engineering team's CY22-Q2 OKRs, FTW DAO's council OKRs, the Exosphere project's sustainability
# metrics, BanklessDAO project KPIs), labelled and committed before goallint read them, then scored
# once blind: 47 of 52 (90.4%), 335 of 344 fields (97.4%), 40 of 46 metrics (87.0%). One label was
# then made "*" (the kind of "Identify and interview 3 large stakers and 5 …", as "Publish 3 blog
# posts" is labelled in the corpus). After fixes by class (a category label before a measure name,
# a year or span of years after "from", the span a plan covers, money put in sizes an effort, "It
# takes N hours to …", a share's "for the Year"): 51 of 52, 342 of 343, 44 of 46; no longer blind.
# (A share's window after a participle, "90% of issues reviewed within 2 working days", stays in the
# metric: it says when an issue counts; a window whose number is the target still ends the metric.)
# (Metrics 44 -> 46 after the classes of the round that tuned heldout17 and heldout19.)
def test_parse_fidelity_on_the_fourteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout14"]))
    assert outcome.statements >= 52
    assert outcome.wholly_right >= 51, "\n".join(outcome.misses)
    assert outcome.fields_right >= 342, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 46, "\n".join(outcome.misses)


# Sixteenth held-out slice (46 real key results, KPIs and aims of DAOs and crypto start-ups none of
# the other sets has: PopcornDAO's growth working group, the Optimism Milestones & Metrics Council,
# Gro DAO, LXDAO, a Decentraland grant, Aragon's growth and BD proposals, Index Coop, Developer
# DAO), labelled and committed before goallint read them, then scored once blind: 35 of 46 (76.1%),
# 288 of 308 fields (93.5%), 32 of 43 metrics (74.4%). After fixes by class (the end of a named
# working period as a deadline, numbered seasons and cycles as names, "doubling down", "Goal:" and
# "Target:" as labels, the level now written before its number, "to the 20% benchmark", a change
# helped along or aimed at without a number, "across all" in a count): 46 of 46, 308 of 308, 42 of
# 43; no longer blind.
# (Metrics 42 -> 43 after the classes of the round that tuned heldout17 and heldout19.)
def test_parse_fidelity_on_the_sixteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout16"]))
    assert outcome.statements >= 46
    assert outcome.wholly_right >= 46, "\n".join(outcome.misses)
    assert outcome.fields_right >= 308, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 43, "\n".join(outcome.misses)


# Fifteenth held-out slice (65 real key results and KPIs of hospitals, fire services, a police
# commissioner, cities and counties, universities, a school district, housing associations and a
# charity), gathered and labelled by a helper who changed no code, kept apart while the fourteenth
# and sixteenth slices were tuned on, and scored once at the end of the round: 56 of 65 (86.2%), 419
# of 434 fields (96.5%), 45 of 58 metrics (77.6%). Then tuned on, by class (a time lead-in before the
# verb, "baseline measure of N", numbered school grades, "percent of" at length, a change noun opening
# the statement or with its amount after what changes, the subject of "will be" before a level, "by
# 30/31", the aim as the subject, a rate's base, "while increasing … to N", "2019 levels of N"): 64 of
# 65, 433 of 434, 54 of 58; no longer blind.
# (Metrics 54 -> 56 after the classes of the round that tuned heldout17 and heldout19.)
# (Later in the same round: wholly 64 -> 65, fields 433 -> 434, metrics 56 -> 57.)
def test_parse_fidelity_on_the_fifteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout15"]))
    assert outcome.statements >= 65
    assert outcome.wholly_right >= 65, "\n".join(outcome.misses)
    assert outcome.fields_right >= 434, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 57, "\n".join(outcome.misses)


@pytest.mark.parametrize(
    ("statement", "target"),
    [
        ("MRR – target 500k, monthly, source: Stripe", 500_000),
        ("Churn - target 3%, weekly, owner: Finance", 3),
    ],
)
def test_a_value_in_a_kpi_prefix_read_as_a_name_is_still_its_target(statement: str, target: float) -> None:
    # the words before "source:" look like a prefix; only a label's own number ("Goal 2:") is dropped
    assert (quantity(read_kpi(statement).measure.target) or ())[:1] == (target,)


def test_a_labels_own_number_is_not_a_target() -> None:
    measure = read("Goal 2: Reduce churn from 5% to 3%").measure
    assert (quantity(measure.baseline), quantity(measure.target)) == ((5, "%", None), (3, "%", None))


# Classes from the fourteenth held-out slice.
@pytest.mark.parametrize(
    "statement", ["Merged PRs land on staging within 25 minutes", "Respond to live chats within 5 mins"]
)
def test_a_window_without_a_share_still_ends_the_metric(statement: str) -> None:
    assert "within" not in (read(statement).measure.metric or "")


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Delivery: Number of pages completed", "Number of pages completed"),
        ("Efficiency: Approximately number of active contributors", "number of active contributors"),
        ("Impact: % of members that rate the new design preferable to the old",
         "members that rate the new design preferable"),
        ("Reach: the share of visits from search", "share of visits from search"),
    ],
)
def test_a_category_label_before_a_measure_name_is_not_the_metric(statement: str, metric: str) -> None:
    item = read_kpi(statement)
    assert (item.measure.metric, item.measure.target, item.kind) == (metric, None, "outcome")


@pytest.mark.parametrize(
    ("statement", "metric"),
    [("Customer satisfaction: 85%", "Customer satisfaction"),
     ("Customer satisfaction score – target ≥ 90%, monthly", "Customer satisfaction score")],
)
def test_a_name_before_a_value_or_a_definition_stays_the_metric(statement: str, metric: str) -> None:
    assert read_kpi(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    [
        "Pay down outstanding invoices from 2022-2023",
        "Clear the support backlog from 2021/22",
        "Close the audit findings from 2024",
    ],
)
def test_a_year_or_span_of_years_after_from_is_a_time_not_a_baseline(statement: str) -> None:
    measure = read(statement).measure
    assert (measure.baseline, measure.target, measure.change) == (None, None, None)


def test_from_a_years_levels_leaves_the_change_alone() -> None:
    measure = read("Reduce emissions from 2019 levels by 20%").measure
    assert (measure.baseline, quantity(measure.change), measure.metric) == (None, (20, "%", None), "emissions")


def test_amounts_that_merely_look_like_years_are_still_amounts() -> None:
    measure = read("Grow members from 2000 to 3000").measure
    assert (quantity(measure.baseline), quantity(measure.target)) == ((2000, None, None), (3000, None, None))


@pytest.mark.parametrize(
    "statement",
    [
        "Solidify funding plans for 1 year (VC and/or token launch).",
        "Agree the budget for 3 years with the board",
        "Publish a hiring roadmap for 2 quarters",
    ],
)
def test_the_span_a_plan_covers_is_not_a_target(statement: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.target, item.kind) == (None, None, "effort")


def test_a_span_a_thing_runs_for_is_still_its_target() -> None:
    assert quantity(read("A Daemon runs for 10 days without a crash").measure.target) == (10, "days", None)


@pytest.mark.parametrize(
    "statement",
    [
        "Enable DAO to allocate CHF 20k budget to MVP of dApp",
        "Spend $10k on paid ads to test the channel",
        "Invest €2M in R&D",
    ],
)
def test_money_put_in_sizes_an_effort(statement: str) -> None:
    item = read(statement)
    assert (item.kind, item.measure.target is not None) == ("effort", True)


@pytest.mark.parametrize("statement", ["Spend less than $5k per month on infrastructure", "Raise $2M in seed funding"])
def test_a_cap_on_spending_and_money_raised_are_results(statement: str) -> None:
    assert read(statement).kind == "outcome"


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("It takes less than 48 hours to transfer 1TB dataset over Fast Ethernet (100Mbps)",
         "time to transfer 1TB dataset", (48, "hours", "<")),
        ("It takes 2 hours to onboard a new engineer", "time to onboard new engineer", (2, "hours", None)),
        ("It should take under 10 minutes to set up a local dev environment",
         "time to set up local dev environment", (10, "minutes", "<")),
    ],
)
def test_it_takes_n_hours_to_do_something_measures_the_time_to_do_it(
    statement: str, metric: str, target: tuple[Any, ...]
) -> None:
    measure = read(statement).measure
    assert (measure.metric, quantity(measure.target)) == (metric, target)


def test_it_takes_n_of_something_else_measures_those() -> None:
    assert read("It takes 3 clicks to publish a post").measure.metric == "clicks to publish a post"


@pytest.mark.parametrize(
    "statement",
    ["Rent Collection: 100%+ of Rent Due for the Year", "Current Rent Arrears: Max. 2.0% of Gross Rent for the Year"],
)
def test_a_period_after_the_noun_a_share_is_taken_of_is_its_window(statement: str) -> None:
    assert read_kpi(statement, "2017").deadline is None


@pytest.mark.parametrize(
    ("statement", "date"),
    [("Grow ARR to 5M for the year", "2026-12-31"), ("Reach 95% retention for the year", "2026-12-31")],
)
def test_for_the_year_after_the_aim_is_still_its_deadline(statement: str, date: str) -> None:
    deadline = read(statement).deadline
    assert deadline is not None and deadline.date == date


@pytest.mark.parametrize(
    ("statement", "metric"),
    [("optimize global performance", "global performance"), ("Expand the team", "team"),
     ("Enhance graduate-level employment", "graduate-level employment")],
)
def test_bettering_a_quality_or_an_amount_still_asks_for_more(statement: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == ("increase", metric)


# Classes from the sixteenth held-out slice.
@pytest.mark.parametrize(
    "statement",
    [
        "We want to grow our telegram posting members from 10 to 50 by the end of season 1",
        "Ship the beta before the end of the sprint",
        "With each moderator working on a new channel each month, the team covers all channels by end of the season",
    ],
)
def test_the_end_of_a_named_working_period_is_a_deadline(statement: str) -> None:
    # its date is the plan's to give: the deadline is there, its day unknown
    deadline = read(statement, "2023").deadline
    assert deadline is not None and deadline.date is None


@pytest.mark.parametrize(
    "statement",
    ["Projects and guilds each having well-defined goals/objectives for Season 1", "Close the retro for cycle 4"],
)
def test_a_numbered_season_or_cycle_is_a_name_not_a_target(statement: str) -> None:
    item = read(statement)
    assert (item.measure.target, item.deadline, item.kind) == (None, None, "effort")


def test_a_count_beside_a_numbered_cycle_is_still_the_target() -> None:
    assert quantity(read("Ship 3 features in cycle 4").measure.target) == (3, "features", None)


@pytest.mark.parametrize(
    "statement",
    ["Doubling down on the most effective growth & distribution tactics (Tier 2)", "Double down on enterprise sales"],
)
def test_doubling_down_doubles_nothing(statement: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.change, item.kind) == (None, None, "effort")


def test_doubling_an_amount_still_doubles_it() -> None:
    measure = read("Double revenue by end of Q3").measure
    assert (measure.direction, quantity(measure.change)) == ("increase", (2, "x", None))


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Goal: <5% of quality applicants drop off due to milestone issues",
         "quality applicants drop off due to milestone issues"),
        ("Goal: <1 week turnaround from grant completion to grant delivery",
         "turnaround from grant completion to grant delivery"),
        ("Target: 10 integrations, with bonus for high deposit amount", "integrations"),
    ],
)
def test_goal_or_target_before_the_colon_labels_the_line_and_names_no_metric(statement: str, metric: str) -> None:
    assert read_kpi(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "baseline", "target"),
    [
        ("Communicator Rate:.We want to reach a communicator benchmark of 15%, and right now the rate is at 4.8%.",
         (4.8, "%", None), (15, "%", None)),
        ("Retention rate:. We want to increase our retention rate to the 20% benchmark, and right now are currently at "
         "11.5%", (11.5, "%", None), (20, "%", None)),
        ("Get churn to 3% by Q4; today it stands at 5%", (5, "%", None), (3, "%", None)),
        ("We want to grow our karma users to 1000 by the end of season 1, from our current count of 610.",
         (610, None, None), (1000, None, None)),
    ],
)
def test_the_level_now_written_before_its_number_is_the_baseline(
    statement: str, baseline: tuple[Any, ...], target: tuple[Any, ...]
) -> None:
    measure = read_kpi(statement).measure
    assert (quantity(measure.baseline), quantity(measure.target), measure.change) == (baseline, target, None)


def test_a_stray_stop_after_a_kpis_colon_still_ends_its_name() -> None:
    item = read_kpi("Communicator Rate:.We want to reach a communicator benchmark of 15%")
    assert (item.name, item.measure.metric) == ("Communicator Rate", "Communicator Rate")


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Helping aid increase in TVL on OP and Superchain in line with Grants Council", "increase",
         "TVL on OP and Superchain"),
        ("Help drive growth in weekly sign-ups", "increase", "weekly sign-ups"),
        ("Support a reduction in repeat support tickets", "decrease", "repeat support tickets"),
        ("The overarching goal of the GWG is to increase AUM by increasing awareness of DPI", "increase", "AUM"),
        ("Our Q3 strategy will be to cement more custodial listings, to pass the market maker proposal", "increase",
         "custodial listings"),
        ("The goal is to get more qualified leads", "increase", "qualified leads"),
    ],
)
def test_a_change_helped_along_or_aimed_at_without_a_number(statement: str, direction: str, metric: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.metric, item.measure.target, item.kind) == (
        direction, metric, None, "outcome")


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Increase the number of followers across all social media channels",
         "number of followers across all social media channels"),
        ("At least 500 items in total across all content types.", "items in total"),
    ],
)
def test_across_all_says_which_are_counted_only_in_a_count(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "target"),
    [("Raise a USD 5M seed extension by Q4 2026", (5_000_000, "USD", None)),
     ("Raise $2M in seed funding", (2_000_000, "USD", None)),
     ("Raise €500k from angel investors", (500_000, "EUR", None))],
)
def test_money_raised_is_a_sum_reached_not_a_rise(statement: str, target: tuple[Any, ...]) -> None:
    measure = read(statement).measure
    assert (quantity(measure.target), measure.change) == (target, None)


@pytest.mark.parametrize(
    ("statement", "change"),
    [("Raise email open rates by 5 percent", (5, "%", None)), ("Raise revenue $2M", (2_000_000, "USD", None))],
)
def test_raising_an_amount_by_a_sum_is_still_a_change(statement: str, change: tuple[Any, ...]) -> None:
    assert quantity(read(statement).measure.change) == change


@pytest.mark.parametrize(
    ("statement", "change", "target"),
    [("Cut cart abandonment rate 3 percentage points to 65%", (3, "pp", None), (65, "%", None)),
     ("Lift activation 5 points to 40%", (5, "points", None), (40, "%", None))],
)
def test_points_then_a_share_are_the_change_and_the_level(
    statement: str, change: tuple[Any, ...], target: tuple[Any, ...]
) -> None:
    measure = read(statement).measure
    assert (measure.baseline, quantity(measure.change), quantity(measure.target)) == (None, change, target)


@pytest.mark.parametrize(
    "statement",
    ["Number of fly-tipping incidents cleared within 2 working days", "Percentage of invoices paid within 30 days"],
)
def test_a_measure_names_window_is_no_target(statement: str) -> None:
    assert read_kpi(statement).measure.target is None


def test_a_window_after_a_result_is_still_its_target() -> None:
    assert quantity(read("Merged PRs land on staging within 25 minutes").measure.target) == (25, "minutes", None)


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Each year, increase fall-to-fall enrollment from the 2023 enrollment baseline of 6,061.", "increase",
         "fall-to-fall enrollment"),
        ("Every quarter, reduce the support backlog from 300 to 100 tickets", "decrease", "support backlog"),
        ("Each semester, grow course completions to 900", "increase", "course completions"),
    ],
)
def test_a_time_lead_in_closed_by_a_comma_comes_before_the_verb(statement: str, direction: str, metric: str) -> None:
    result = read(statement)
    assert (result.measure.direction, result.measure.metric) == (direction, metric)


@pytest.mark.parametrize(
    ("statement", "baseline"),
    [
        ("Each year, improve the first-time freshman retention rate from our baseline measure of 69%.",
         (69, "%", None)),
        ("Improve NPS from a baseline figure of 30 to 45", (30, None, None)),
        ("Increase the response rate from the baseline value of 40% to 60%", (40, "%", None)),
    ],
)
def test_a_baseline_measure_or_figure_of_n_is_the_baseline(statement: str, baseline: tuple[Any, ...]) -> None:
    result = read(statement)
    assert quantity(result.measure.baseline) == baseline
    assert "baseline" not in (result.measure.metric or "")


@pytest.mark.parametrize(
    "statement",
    [
        "Increase reading proficiency in grades 3-8.",
        "Raise math scores in grades K-5",
        "Increase the share of Year 6 pupils meeting the expected standard",
        "Grow attendance in grades 9, 10 and 11",
    ],
)
def test_numbered_school_grades_and_years_name_who_is_counted(statement: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.baseline, measure.target, measure.change) == ("increase", None, None, None)


def test_a_count_beside_school_grades_is_still_the_target() -> None:
    measure = read("Grow enrolment in grades 9-12 to 500 students").measure
    assert quantity(measure.target) == (500, "students", None)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Increase the percent of students scoring CCR (college and career ready) on reading end of grade assessments",
         "percent of students scoring CCR on reading end of grade assessments"),
        ("Increase the percent of rising 12th grade students on track to graduate from high school",
         "percent of rising 12th grade students on track to graduate from high school"),
        ("Raise the per cent of tenants satisfied with their home to 85%",
         "per cent of tenants satisfied with their home"),
    ],
)
def test_a_percent_of_names_at_length_whom_it_counts(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Improvement in the digital maturity score of the Trust.", "increase", "digital maturity score of the Trust"),
        ("Reduction in waiting times for outpatient appointments", "decrease", "waiting times"),
        ("A significant reduction in waiting times", "decrease", "waiting times"),
        ("Growth in the number of apprenticeships", "increase", "number of apprenticeships"),
    ],
)
def test_a_change_noun_that_opens_the_statement_asks_for_that_change(
    statement: str, direction: str, metric: str
) -> None:
    result = read(statement)
    assert (result.measure.direction, result.measure.metric, result.kind) == (direction, metric, "outcome")


@pytest.mark.parametrize(
    ("statement", "change", "metric"),
    [
        ("The University is committed to an absolute reduction in carbon emissions of 20% by 2020 from a 2005/2006 "
         "baseline.", (20, "%", None), "carbon emissions"),
        ("Deliver a reduction in staff turnover of 5% by 2026", (5, "%", None), "staff turnover"),
        ("Achieve an absolute reduction of 60% of the carbon emissions of the University by 2020",
         (60, "%", None), "carbon emissions of the University"),
        ("Cut emissions 40% against a 2019 baseline", (40, "%", None), "emissions"),
    ],
)
def test_a_change_noun_with_its_amount_after_what_changes(
    statement: str, change: tuple[Any, ...], metric: str
) -> None:
    measure = read(statement).measure
    assert (measure.direction, quantity(measure.change), measure.target, measure.metric) == (
        "decrease", change, None, metric)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("My priority is to have 600 more police officers on our streets by the end of 2023.", "police officers"),
        ("See 200 fewer complaints about noise", "complaints about noise"),
        ("Put 40 more buses on the road", "buses on the road"),
    ],
)
def test_more_or_fewer_after_a_count_says_its_change_not_its_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("The average attendance time of the first fire engine will be within 13 minutes.",
         "average attendance time of the first fire engine"),
        ("Average call answer time should be under 20 seconds", "Average call answer time"),
        ("Ambulance handover times will be less than 15 minutes", "Ambulance handover times"),
        ("The proportion of calls answered will be at least 90%", "proportion of calls answered"),
        ("Uptime must be above 99.9%", "Uptime"),
    ],
)
def test_the_subject_of_will_be_before_a_level_is_the_metric(statement: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == ("reach", metric)


def test_we_will_be_names_no_subject_metric() -> None:
    assert read("We will be 10 people by June").measure.metric == "people"


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Dwelling Fires: The average attendance time of the first fire engine will be within 11 minutes.",
         "average attendance time of the first fire engine"),
        ("Urban areas: The median response time should be under 8 minutes", "median response time"),
        ("Category 1 calls: The mean response time will be under 7 minutes", "mean response time"),
    ],
)
def test_a_sentence_with_its_own_subject_after_a_categorys_colon_gives_the_metric(statement: str, metric: str) -> None:
    assert read_kpi(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ("Reach our carbon footprint target of 27,000 tonnes of CO2e by 30/31.", "2031-03-31"),
        ("Cut waiting lists to 4,000 by 25/26", "2026-03-31"),
        ("Increase apprenticeship starts by 20% in 27/28", "2028-03-31"),
    ],
)
def test_a_split_year_written_with_two_digits_is_a_deadline(statement: str, date: str) -> None:
    result = read(statement, period="2025")
    assert result.deadline is not None and str(result.deadline.date) == date
    assert all(q is None or q.value not in (25, 27, 30) for q in (result.measure.change, result.measure.target))


def test_two_numbers_that_are_no_following_years_stay_numbers() -> None:
    result = read("Reduce the defect rate to 30/32 of the old level", period="2025")
    assert result.deadline is None


# Eighteenth held-out slice (53 real key results and KPIs of 18 organisations not in the other sets:
# retailers, manufacturers' financial and sustainability targets, a SaaS company and a design
# agency, a university's measures table, housing service standards, a food bank and a YMCA),
# labelled and committed before goallint read them, then scored once blind: 43 of 53 (81.1%), 336 of
# 360 fields (93.3%), 41 of 52 metrics (78.8%). After fixes by class (slashed dates, "is to" and
# adverbs before the verb, the subject of "is to be" / "not exceeding", a KPI line that is a task, "N%
# <name> growth", a span of years, a bound after a participle in a measure name): 51 of 53, 358 of
# 360, 50 of 52; no longer blind.
# (Metrics 50 -> 51 after the classes of the round that tuned heldout17 and heldout19.)
# (Later in the same round: wholly 51 -> 52, fields 358 -> 359, metrics 51 -> 52.)
def test_parse_fidelity_on_the_eighteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout18"]))
    assert outcome.statements >= 53
    assert outcome.wholly_right >= 52, "\n".join(outcome.misses)
    assert outcome.fields_right >= 359, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 52, "\n".join(outcome.misses)


# Seventeenth held-out slice (68 real key results and KPIs of manufacturers, a telecom, a supermarket,
# a venture fund's handbook, a state's goals, libraries, a water utility, New Zealand councils, food
# banks and a cancer charity), the round's final one: gathered and labelled by a helper who changed no
# code, kept apart while the fifteenth and eighteenth slices were tuned on, and scored once at the end
# of the round: 50 of 68 (73.5%), 408 of 434 fields (94.0%), 36 of 54 metrics (66.7%). Then tuned on,
# by class ("each year" after the amount, a "North star:" or "Measure:" label, "Commit to halving …",
# "Making sure …", "3 in 4 people", "During fiscal 2020", "to a total of N", "the latest figure of N",
# "At present N", "below 2015 levels to 2025", "SDG 6" and "Interstates 70 and 25", "cost per meal",
# "driving down"): 61 of 68, 424 of 434, 43 of 54; no longer blind.
# Tuned again by class in the next round ("scope 1 and 2" as a name, a later number after an opening
# change noun, a wider aim's numbers, "between 2020 and 2025", a name before "with a target of", lists
# of names and one place kept in a metric, "annually" and "through" a means out of it, "expand to N",
# a part in another's goal as an effort, a level within a range): 67 of 68, 433 of 434, 53 of 54.
# (Later in the same round: wholly 67 -> 68, fields 433 -> 434.)
def test_parse_fidelity_on_the_seventeenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout17"]))
    assert outcome.statements >= 68
    assert outcome.wholly_right >= 68, "\n".join(outcome.misses)
    assert outcome.fields_right >= 434, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 53, "\n".join(outcome.misses)


# Nineteenth held-out slice: the next round's final slice (75 real statements of 24 organisations:
# South Africa's Presidency, the US FTA, Merseytravel, a Quincy library, Kenya's ICT ministry,
# Indutrade, EBARA, METRO, Bidfood, Lidl Ireland, Woolworths SA, the Scouts, the RSPCA, Habitat for
# Humanity, the Woodland Trust, Save the Children and others), gathered by a helper who changed no
# code, scored once blind by the integrator at 2128eb5: 62 of 75 (82.7%), 467 of 493 fields (94.7%),
# 41 of 66 metrics (62.1%). Then tuned on by class (a time frame before a KPI's comma, labels ending in
# "target", counts that "will" do something, "an average of N", modal levels, bands to range within,
# "treble" and "eradicate", a second verb ending the metric, "in the next decade", "equivalent to N",
# units of measure before "of", a change noun heading the subject, "none" as zero, a passive "by N",
# "N t reduced", dated baselines, ratios, "N-strong", what a target is for): 73 of 75, 491 of 493,
# 63 of 66, and 64 of 66 metrics after later classes; no longer blind.
# (Later in the same round: metrics 63 -> 64; 64 -> 65 after the classes of the round that tuned heldout20.)
def test_parse_fidelity_on_the_nineteenth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout19"]))
    assert outcome.statements >= 75
    assert outcome.wholly_right >= 73, "\n".join(outcome.misses)
    assert outcome.fields_right >= 491, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 65, "\n".join(outcome.misses)


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ("Full-time data management role to be filled by 6/30/2023", "2023-06-30"),
        ("Close the annual accounts by 31/03/2026", "2026-03-31"),
        ("Hire 5 support agents by 12/15/2026", "2026-12-15"),
    ],
)
def test_a_date_written_with_slashes_is_a_deadline_not_numbers(statement: str, date: str) -> None:
    result = read(statement)
    assert result.deadline is not None and str(result.deadline.date) == date
    assert result.measure.change is None and (result.measure.target is None or result.measure.target.value == 5)


def test_a_slashed_date_whose_order_cannot_be_told_is_still_a_deadline() -> None:
    result = read("Hire 5 support agents by 6/7/2026")
    assert result.deadline is not None and quantity(result.measure.target) == (5, "agents", None)


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Continuously increase the proportion of our own products and services.", "increase",
         "proportion of our own products and services"),
        ("Gradually reduce overtime hours", "decrease", "overtime hours"),
        ("UK supermarket chain Sainsbury’s is to halve its use of plastics packaging by 2025", "decrease",
         "use of plastics packaging"),
        ("The council is to reduce its fleet emissions by 40%", "decrease", "fleet emissions"),
    ],
)
def test_an_adverb_or_is_to_before_the_verb_keeps_it_the_verb(statement: str, direction: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == (direction, metric)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Adjusted EBITA margin is to amount to a minimum of 14 percent.", "Adjusted EBITA margin"),
        ("The return on operating capital is to be at least 15 percent.", "return on operating capital"),
        ("Interest-bearing net debt not exceeding 4.5 times EBITDA", "Interest-bearing net debt"),
        ("Staff turnover not to exceed 12%", "Staff turnover"),
    ],
)
def test_the_subject_of_is_to_be_or_not_exceeding_is_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_verb_with_a_doubled_consonant_before_a_share_is_no_metric() -> None:
    measure = read("Initial targets include getting 60% of its power from renewable sources by 2025").measure
    assert measure.metric == "power from renewable sources"


@pytest.mark.parametrize(
    "statement",
    [
        "Provide you with 24/7 online access to report repairs and request other services.",
        "Publicise ways to make a complaint if things go wrong",
        "Promote the apprenticeship scheme in every school",
    ],
)
def test_a_kpi_line_that_is_a_task_names_no_metric(statement: str) -> None:
    item = read_kpi(statement)
    assert (item.kind, item.measure.metric, item.measure.direction) == ("effort", None, None)


@pytest.mark.parametrize(
    ("statement", "direction", "change"),
    [
        ("10 percent annual sales growth over a business cycle", "increase", (10, "%", None)),
        ("5% revenue growth in 2026", "increase", (5, "%", None)),
        ("20% cost reduction by Q4", "decrease", (20, "%", None)),
    ],
)
def test_a_share_then_what_changes_then_a_change_noun_is_the_change(
    statement: str, direction: str, change: tuple[Any, ...]
) -> None:
    measure = read(statement).measure
    assert (measure.direction, quantity(measure.change), measure.target) == (direction, change, None)


def test_a_count_before_a_change_noun_still_counts_things() -> None:
    measure = read("Send 1+ protocol improvement").measure
    assert measure.change is None and measure.direction == "reach"


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ("We set a ten year goal from 2010 to 2020 to reduce manufacturing waste disposed to less than 0.5% of all "
         "input materials.", "2020-12-31"),
        ("A plan from 2024 to 2027 to cut agency spend by 30%", "2027-12-31"),
    ],
)
def test_a_span_of_years_is_when_the_aim_is_due_not_its_amounts(statement: str, date: str) -> None:
    result = read(statement, period="2024")
    assert result.deadline is not None and str(result.deadline.date) == date
    assert result.measure.baseline is None
    assert result.measure.target is None or result.measure.target.value == 0.5


def test_two_years_levels_compared_are_no_deadline_and_no_amounts() -> None:
    measure = read("Cut emissions from 2019 to 2025 levels").measure
    assert (measure.baseline, measure.target, measure.direction) == (None, None, "decrease")


def test_a_bound_after_to_ends_the_metric() -> None:
    measure = read("Reduce manufacturing waste disposed to less than 0.5% of all input materials").measure
    assert measure.metric == "manufacturing waste disposed"


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Percentage of tenants owing more than 7 weeks rent", "Percentage of tenants owing more than 7 weeks rent"),
        ("Number of patients waiting more than 18 weeks", "Number of patients waiting more than 18 weeks"),
        ("Proportion of residents aged over 65 receiving a flu jab",
         "Proportion of residents aged over 65 receiving a flu jab"),
    ],
)
def test_a_bound_after_a_participle_in_a_measure_name_picks_who_is_counted(statement: str, metric: str) -> None:
    item = read_kpi(statement)
    assert (item.measure.target, item.measure.direction, item.measure.metric) == (None, None, metric)


def test_a_measure_names_bound_leaves_its_value_the_target() -> None:
    assert quantity(read_kpi("Number of patients waiting more than 18 weeks: 0").measure.target) == (0, None, None)


@pytest.mark.parametrize(
    ("statement", "kind"),
    [
        ("Full-time data management role to be filled by 6/30/2023", "effort"),
        ("New website to be launched in March", "effort"),
        ("Percentage of complaints to be resolved within 10 days", "outcome"),
    ],
)
def test_a_kpi_line_saying_what_is_to_be_done_is_a_task(statement: str, kind: str) -> None:
    assert read_kpi(statement).kind == kind


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("The trust target is no more than 3.35 falls per 1000 occupied bed days", "falls per 1000 occupied bed days"),
        ("Our target is 500 new members", "new members"),
        ("The ambition is 40 apprenticeship starts", "apprenticeship starts"),
    ],
)
def test_when_the_aim_is_the_subject_what_it_counts_follows_the_number(statement: str, metric: str) -> None:
    assert read_kpi(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Crimes per 1,000 population: 45", "Crimes per 1,000 population"),
        ("Falls per 1000 occupied bed days: 3.35", "Falls per 1000 occupied bed days"),
    ],
)
def test_a_rates_base_stays_in_the_metric(statement: str, metric: str) -> None:
    assert read_kpi(statement).measure.metric == metric


def test_a_window_per_month_still_ends_the_metric() -> None:
    assert read("Grow signups per month to 500").measure.metric == "signups"


@pytest.mark.parametrize(
    ("statement", "target"),
    [
        ("Respond to category 1 calls within 7 minutes on average", (7, "minutes", None)),
        ("Answer 90% of category 2 calls within 18 minutes", (90, "%", None)),
    ],
)
def test_a_numbered_category_is_a_name_not_a_target(statement: str, target: tuple[Any, ...]) -> None:
    assert quantity(read(statement).measure.target) == target


@pytest.mark.parametrize(
    ("statement", "direction", "metric", "target"),
    [
        ("Eliminate equity gaps for three prioritized groups while increasing overall success rate to 73%",
         "increase", "overall success rate", (73, "%", None)),
        ("Reduce churn while growing revenue to $2M", "increase", "revenue", (2_000_000, "USD", None)),
    ],
)
def test_a_verb_after_while_that_carries_the_number_is_the_measure(
    statement: str, direction: str, metric: str, target: tuple[Any, ...]
) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric, quantity(measure.target)) == (direction, metric, target)


def test_a_verb_after_while_without_a_number_only_goes_along() -> None:
    measure = read("Set a course for reducing community emissions by 80% by 2050 while increasing resilience").measure
    assert (measure.direction, measure.metric) == ("decrease", "community emissions")


@pytest.mark.parametrize(
    ("statement", "baseline"),
    [
        ("Reduce community-wide GHG emissions by 25% (below 2019 levels of 7,012,103 metric tons) by 2030",
         (7_012_103, "tons", None)),
        ("Cut emissions 40% from 2005 levels of 1.2m tonnes", (1_200_000, "tonnes", None)),
    ],
)
def test_a_years_levels_of_n_is_the_baseline(statement: str, baseline: tuple[Any, ...]) -> None:
    measure = read(statement).measure
    assert quantity(measure.baseline) == baseline and measure.target is None


@pytest.mark.parametrize(
    "statement", ["Cut emissions 50% below 2005 levels by 2030", "Reduce waste 30% against the 2018 baseline"]
)
def test_a_years_level_without_its_figure_is_no_amount(statement: str) -> None:
    measure = read(statement).measure
    assert (measure.baseline, measure.target, measure.direction) == (None, None, "decrease")


def test_keeping_below_a_years_level_names_no_target() -> None:
    assert read("Keep spending below 2019 levels").measure.target is None


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Attendance in programs will increase by 3% each year", "Attendance in programs"),
        ("Volunteer hours grow by 200 every year", "Volunteer hours"),
        ("Donations will rise by 5% per year", "Donations"),
        ("Repeat visits increase 10% a year for the next 5 years", "Repeat visits"),
    ],
)
def test_how_often_a_change_comes_is_not_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("North star: 20% growth in weekly active users", "weekly active users"),
        ("Ambition: 90% of staff trained by 2025", "staff trained"),
        ("Commitment: 30% fewer missed collections", "missed collections"),
    ],
)
def test_a_label_naming_the_kind_of_aim_is_not_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    [
        "Measure: Place request cards in strategic areas of the shelving.",
        "Measure: Install drop boxes at both branches.",
        "Measure: Distribute flyers to every school in the county.",
    ],
)
def test_a_labelled_kpi_that_is_a_task_names_no_metric(statement: str) -> None:
    item = read_kpi(statement)
    assert (item.measure.metric, item.kind) == (None, "effort")


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("The number of internet users will increas by 10% each year", "number of internet users"),
        ("Library card holders should climb by 500", "Library card holders"),
        ("Repeat donors would swell by 40 this year", "Repeat donors"),
    ],
)
def test_the_subject_before_a_modal_verb_and_by_is_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric", "direction"),
    [
        ("2. Commit to halving childhood obesity by 2030", "childhood obesity", "decrease"),
        ("We commit to doubling the number of volunteers", "number of volunteers", "increase"),
        ("The council is committed to reducing landfill waste", "landfill waste", "decrease"),
    ],
)
def test_a_commitment_to_a_change_is_the_change(statement: str, metric: str, direction: str) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.direction) == (metric, direction)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Making sure 75% of people survive their cancer by 2034", "people survive their cancer"),
        ("Ensuring 90% of residents live within 2 miles of a library", "residents live within 2 miles of a library"),
        ("Making sure that 80% of calls are answered", "calls are answered"),
    ],
)
def test_a_making_sure_lead_in_is_not_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Making sure 3 in 4 people survive their cancer by 2034", "people survive their cancer"),
        ("Our ambition is to reach three in four people surviving cancer by 2034", "people surviving cancer"),
        ("Cut to 1 in 10 the adults who smoke", "adults who smoke"),
    ],
)
def test_a_proportion_in_words_counts_the_clause_after_it(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_number_in_a_span_of_weeks_is_no_proportion() -> None:
    assert read("Close 3 in 4 weeks").measure.metric is None


@pytest.mark.parametrize(
    ("statement", "deadline"),
    [
        ("During fiscal 2020 evaluate current library programs", "2020-12-31"),
        ("In financial year 2021, grow revenue 5%", "2021-12-31"),
        ("Grow revenue 5% by fiscal year 2022", "2022-12-31"),
        ("Cut costs 3% in fiscal 2024", "2024-12-31"),
    ],
)
def test_a_fiscal_year_written_in_words_is_the_deadline(statement: str, deadline: str) -> None:
    item = read(statement, period="2020")
    assert item.deadline is not None and item.deadline.date == deadline


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Increase healthy summer meals served to a total of 200 children", "healthy summer meals served",
         (200, "children", None)),
        ("Grow members to a total of 5,000", "members", (5000, None, None)),
        ("Raise the fund to a total of $2M by 2025", "fund", (2_000_000, "USD", None)),
    ],
)
def test_to_a_total_of_n_is_the_target(statement: str, metric: str, target: tuple[Any, ...]) -> None:
    measure = read(statement).measure
    assert (measure.metric, quantity(measure.target), measure.change) == (metric, target, None)


@pytest.mark.parametrize(
    ("statement", "baseline", "target"),
    [
        ("Lower the suicide rate to 18.5 per 100,000 residents from the latest figure of 20.2.",
         (20.2, None, None), (18.5, None, None)),
        ("Cut waste to 10 tonnes from the most recent figure of 14 tonnes", (14, "tonnes", None), (10, "tonnes", None)),
        ("At present seven per cent of applications go through this process, the target is for this to grow to "
         "20 per cent.", (7, "%", None), (20, "%", None)),
        ("At present 40% of staff cycle to work; grow this to 50%", (40, "%", None), (50, "%", None)),
    ],
)
def test_the_latest_or_present_figure_is_the_baseline(
    statement: str, baseline: tuple[Any, ...], target: tuple[Any, ...]
) -> None:
    measure = read(statement).measure
    assert (quantity(measure.baseline), quantity(measure.target)) == (baseline, target)


@pytest.mark.parametrize(
    ("statement", "metric", "deadline"),
    [
        ("Maintain water use below 2015 levels to 2025.", "water use", "2025-12-31"),
        ("Keep energy use above 2010 levels to 2030", "energy use", "2030-12-31"),
        ("Hold car journeys under 2019 levels to 2028", "car journeys", "2028-12-31"),
    ],
)
def test_a_year_after_a_years_level_is_the_deadline_not_a_target(statement: str, metric: str, deadline: str) -> None:
    item = read(statement, period="2025")
    assert (item.measure.metric, item.measure.target, item.deadline and item.deadline.date) == (metric, None, deadline)


def test_to_a_year_without_a_level_before_it_is_still_an_amount() -> None:
    assert quantity(read("Grow members from 1500 to 2000").measure.target) == (2000, None, None)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Reduce traffic congestion on Interstates 70 and 25 by a few minutes", "traffic congestion"),
        ("By 2030, substantially increase water-use efficiency in line with SDG 6", "water-use efficiency"),
        ("Cut potholes on Route 66 by 30%", "potholes on Route 66"),
        ("Cut crime in Ward 3 by 10%", "crime in Ward 3"),
    ],
)
def test_a_number_that_names_a_road_goal_or_ward_is_no_amount(statement: str, metric: str) -> None:
    measure = read(statement).measure
    amounts = [quantity(measure.target), quantity(measure.change)]
    assert measure.metric == metric and not any(a is not None and a[0] in (70, 25, 6, 66, 3) for a in amounts)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Steward funds and reduce the cost per meal from 24¢ to 13¢.", "cost per meal"),
        ("Reduce spend per patient by 5%", "spend per patient"),
        ("Grow revenue per user to $40", "revenue per user"),
    ],
)
def test_a_ratios_denominator_stays_in_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [("2 titles published per two weeks", "titles published"), ("Ship 3 releases per week", "releases")],
)
def test_per_a_span_of_time_still_ends_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    [
        "We are committed to driving down leakage on our own water mains",
        "Bringing down waiting times to 18 weeks",
        "Driving down energy use by 15%",
        "Drives down repair costs by 10%",
    ],
)
def test_driving_or_bringing_down_is_a_decrease(statement: str) -> None:
    assert read(statement).measure.direction == "decrease"


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Expand to 3 resource-partners and 5 beneficiary schools by next year.", "resource-partners", 3),
        ("Expand into 3 new regional markets by end of H2", "new regional markets", 3),
        ("Extend the reading scheme to 40 schools", "reading scheme", 40),
        ("Broaden the programme to 12 branches", "programme", 12),
    ],
)
def test_expanding_to_a_count_is_an_increase_to_that_count(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert measure.direction == "increase"
    assert (measure.metric, measure.target and measure.target.value) == (metric, target)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Distribute at least 11.6 M meals annually through food acquisition", "meals"),
        ("Tour 400 children through The Hope Garden", "children"),
        ("Improve transit ridership through focus of resources on key areas", "transit ridership"),
        ("Plant 2,000 trees yearly across the borough", "trees"),
    ],
)
def test_how_often_and_by_what_means_end_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Total fiscal year activity-based revenue with target of 5 percent increase over the prior year.",
         "Total fiscal year activity-based revenue"),
        ("Benchmark per capita revenue against peer library systems with a target of revenue above the median.",
         "per capita revenue"),
        ("Repair waiting time with a goal of 10 days or less", "Repair waiting time"),
        ("Track volunteer hours with an aim of 4,000 a year", "volunteer hours"),
    ],
)
def test_a_name_before_with_a_target_is_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_story_before_with_a_goal_is_no_name() -> None:
    statement = "In 2019 we adopted a Development Strategy with a goal to build a minimum of 1,000 affordable homes"
    assert read(statement).measure.metric == "affordable homes"


@pytest.mark.parametrize(
    ("statement", "date"),
    [
        ("Reduce water lost to leaks by 15 per cent between 2020 and 2025", "2025-12-31"),
        ("Grow visits 10% between 2021 and 2024.", "2024-12-31"),
        ("Cut emissions by a third between 2019/20 and 2024/25", "2025-03-31"),
    ],
)
def test_a_change_between_two_years_is_due_at_the_second(statement: str, date: str) -> None:
    item = read(statement, period="2021")
    assert item.deadline is not None and item.deadline.date == date


@pytest.mark.parametrize(
    "statement",
    [
        "50% reduction in GHG emissions from our own operations (scope 1 and 2 emissions)",
        "Cut scope 3 emissions by 30%",
        "30% reduction in Scope 1, 2 and 3 emissions",
    ],
)
def test_an_emissions_scope_is_a_name_not_an_amount(statement: str) -> None:
    measure = read(statement).measure
    assert measure.target is None and measure.change is not None and measure.change.value in (50, 30)


@pytest.mark.parametrize(
    "statement",
    [
        "50% reduction in GHG emissions, aligned with the cuts required for a 1.5 degrees C future",
        "A 20% increase in visits to our 3 museums",
        "10% growth in members, as agreed at the 2 board meetings",
    ],
)
def test_after_a_change_noun_a_later_number_is_no_target(statement: str) -> None:
    measure = read(statement).measure
    assert measure.target is None and measure.change is not None


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("By 2025, the Meals per Person in Need in each of the four counties falls within an equitable range.",
         "reach", "Meals per Person in Need in each"),
        ("Monthly spend stays within the agreed budget limits", "maintain", "Monthly spend"),
        ("Queue length is within the target band every week", "reach", "Queue length"),
    ],
)
def test_a_level_within_a_range_is_an_outcome_without_a_number(statement: str, direction: str, metric: str) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.metric, item.kind) == (direction, metric, "outcome")
    assert item.measure.target is None


@pytest.mark.parametrize(
    "statement",
    ["Meals served in each of the four counties rise by 10%", "Visits across all three campuses grow by 5%"],
)
def test_a_number_word_after_the_says_which_and_is_no_amount(statement: str) -> None:
    measure = read(statement).measure
    assert measure.target is None and measure.change is not None and measure.change.value in (10, 5)


@pytest.mark.parametrize(
    "statement",
    [
        "Actively contribute to the WRAP goal that 50% of UK fresh food will be sourced sustainably by 2030",
        "Support the national target of 300,000 new homes a year",
        "Play our part in the city's pledge to cut emissions 50% by 2030",
        "Contribute towards the council's ambition of 80% recycling",
    ],
)
def test_a_part_in_someone_elses_aim_is_an_effort(statement: str) -> None:
    assert read(statement).kind == "effort"


def test_an_aim_of_ones_own_is_still_an_outcome() -> None:
    assert read("Reach the goal of 80% recycling by 2030").kind == "outcome"


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Raise awareness of Aragon products, DAO events, and the AN DAO community",
         "awareness of Aragon products, DAO events"),
        ("Reduce CAUTI, CLABSI and SSI rates by 10%", "CAUTI, CLABSI and SSI rates"),
        ("Grow sign-ups, renewals or referrals by 5%", "sign-ups, renewals or referrals"),
    ],
)
def test_a_list_of_names_stays_in_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Improve membership, particularly within areas and groups with low levels of members", "membership"),
        ("Cut churn by 2%, and grow revenue", "churn"),
        ("Lower waiting times, which matter most to patients and carers", "waiting times"),
        ("Grow sign-ups by 5%, with a focus on EMEA and APAC", "sign-ups"),
    ],
)
def test_a_clause_after_a_comma_is_no_list(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_kpi_names_list_is_not_cut_at_its_first_comma() -> None:
    document = parse_document(
        "period: 2026\nKPI: Percentage of alcohol, resource consent and LIMs applicants who rate the service good\n",
        "t.okr",
    )
    assert document.kpis[0].measure.metric is not None
    assert document.kpis[0].measure.metric.startswith("Percentage of alcohol, resource consent and LIMs")


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("15% reduction in water intensity at priority sites in water stressed communities",
         "water intensity at priority sites"),
        ("50% reduction in GHG emissions from our own operations", "GHG emissions from our own operations"),
        ("Increase the use of recycling in its own operations by 20%", "use of recycling in its own operations"),
        ("Cut carbon dioxide emissions from the current level by 10%", "carbon dioxide emissions"),
        ("Achieve stable annual growth in excess of 10 percent", "stable annual growth"),
    ],
)
def test_one_place_or_source_stays_in_the_metric_a_start_or_bound_does_not(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("hiring 2 software developers with personal and cultural fit", "software developers"),
        ("Publish 3 blog posts on How Node.js Operates", "blog posts"),
        ("Aim for a 30% increase in vegetable yield for feeding initiatives", "vegetable yield"),
        ("Send zero waste to landfills in its U.S. operations", "waste to landfills"),
    ],
)
def test_with_for_on_or_a_second_qualifier_still_ends_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Ensure 90% of people who answer the Nutrition Survey report that the food meets their needs",
         "people who answer the Nutrition Survey report that the food meets their needs"),
        ("Get 70% of companies on a free trial to convert to paid customers.",
         "companies on a free trial to convert to paid customers"),
    ],
)
def test_what_a_share_counts_is_read_as_a_whole_clause(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "change"),
    [
        ("Cut 1.5 million tons of carbon dioxide emissions as part of a goal to lower emissions nearly 20 percent",
         1_500_000),
        ("Plant 4,000 trees as part of the city's plan to reach 30% canopy cover", None),
        ("Reduce car trips by 5% in support of the council's target of 60% fewer emissions", 5),
    ],
)
def test_the_numbers_of_a_wider_aim_are_not_the_statements(statement: str, change: float | None) -> None:
    measure = read(statement).measure
    amounts = [q.value for q in (measure.baseline, measure.target, measure.change) if q is not None]
    assert amounts and not any(value in (20, 30, 60) for value in amounts)
    assert (measure.change.value if measure.change else None) == change


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("90% of issues reviewed within 2 working days", "issues reviewed within 2 working days"),
        ("% of backup call responded within 30 minutes or less: 100%",
         "backup call responded within 30 minutes or less"),
        ("See 450,000 more patients treated within 18 weeks next year", "patients treated within 18 weeks"),
        ("95% of invoices paid within 30 days", "invoices paid within 30 days"),
    ],
)
def test_a_window_after_a_participle_says_when_a_counted_thing_counts(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def read_kpi_line(statement: str) -> Any:
    return parse_document(f"period: 2026\nKPI: {statement}\n", "t.okr").kpis[0]


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Each week, an average of 8,000 user sessions will be logged on library computers.",
         "user sessions logged on library computers"),
        ("Each year, 5,200 children aged 0-7 will attend early literacy programs.",
         "children attend early literacy programs"),
        ("Every month, 40 volunteers will be trained in first aid.", "volunteers trained in first aid"),
        ("Annually, 12 programs for older adults will be presented at community centres.",
         "programs presented at community centres"),
    ],
)
def test_a_time_frame_before_the_comma_is_no_name_and_a_count_that_will_do_counts_the_doing(
    statement: str, metric: str
) -> None:
    assert read_kpi_line(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Financial target: The net debt/equity ratio shall normally not exceed 100%.", "net debt/equity ratio"),
        ("Strategic goal: The vacancy rate should not exceed 3%", "vacancy rate"),
        ("Key metric: Customer churn must remain below 2%", "Customer churn"),
    ],
)
def test_a_label_ending_in_target_or_goal_is_no_name_and_a_modal_level_measures_its_subject(
    statement: str, metric: str
) -> None:
    assert read_kpi_line(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    [
        "Financial target: The dividend payout ratio shall range from 30% to 60% of net profit.",
        "Occupancy should vary between 85% and 95%",
        "Keep the reserve ranging from 3 to 6 months of spending",
    ],
)
def test_a_band_to_stay_in_has_no_starting_level(statement: str) -> None:
    measure = read_kpi_line(statement).measure
    assert measure.baseline is None and measure.target is not None


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Treble the area of native woodland in good condition", "increase",
         "area of native woodland in good condition"),
        ("By 2030 we will eradicate extreme poverty and reduce relative poverty", "decrease", "extreme poverty"),
        ("By 2030 we will eradicate hunger, halve stunting, and ensure access to food", "decrease", "hunger"),
        ("We increase the distribution of healthy food and increase the sources of food aid", "increase",
         "distribution of healthy food"),
    ],
)
def test_trebling_and_eradicating_are_changes_and_a_second_verb_ends_the_metric(
    statement: str, direction: str, metric: str
) -> None:
    item = read(statement)
    assert (item.measure.direction, item.measure.metric, item.kind) == (direction, metric, "outcome")


def test_treble_is_three_times() -> None:
    assert quantity(read("Treble sign-ups from 200").measure.target) == (600, None, None)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Help 1 million people annually improve their shelter conditions", "people improve their shelter conditions"),
        ("Repair 90% or more of resident sidewalk concerns annually.", "resident sidewalk concerns"),
        ("Plant 500 trees yearly in the borough's parks", "trees in the borough's parks"),
    ],
)
def test_how_often_is_no_part_of_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    [
        "Reduce cruelty to pets by 50% in the next decade",
        "Double our volunteers within the coming decade",
        "Halve food waste by the end of the decade",
    ],
)
def test_a_decade_ahead_is_a_deadline(statement: str) -> None:
    assert read(statement).deadline is not None


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("More than 18,000 hectares of woodland will be established across the UK – equivalent to 42 forests",
         "woodland", 18_000),
        ("Plant 2,000 acres of meadow, equivalent to 1,100 football pitches", "meadow", 2_000),
        ("Recycle 500 tonnes of glass, the equivalent of 1.6 million bottles", "glass", 500),
    ],
)
def test_an_equivalent_to_picture_an_amount_is_no_target_and_a_unit_of_measure_names_no_metric(
    statement: str, metric: str, target: float
) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value) == (metric, target)


@pytest.mark.parametrize(
    ("statement", "direction", "metric", "change"),
    [
        ("Average sales growth shall amount to a minimum of 10% per year", "increase", "Average sales", 10),
        ("Annual reduction in waste sent to landfill will be at least 5%", "decrease", "waste sent to landfill", 5),
        ("Membership growth should be 3% a year", "increase", "Membership", 3),
    ],
)
def test_a_change_noun_that_heads_the_subject_makes_its_amount_the_change(
    statement: str, direction: str, metric: str | None, change: float
) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.target, measure.change and measure.change.value) == (direction, None, change)
    assert metric is None or measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("No household in formal areas has a bucket sanitation service",
         "household in formal areas has a bucket sanitation service"),
        ("No transactions accepted by our products have a fatal error.",
         "transactions accepted by our products have a fatal error"),
        ("No school in the district is rated inadequate", "school in the district is rated inadequate"),
    ],
)
def test_none_left_is_a_level_of_zero(statement: str, metric: str) -> None:
    item = read(statement)
    target = item.measure.target
    assert (item.measure.direction, target and target.value, item.kind) == ("reach", 0, "outcome")
    assert item.measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Increase the number of hours donated by volunteers", "number of hours donated by volunteers"),
        ("Cut the share of waste collected by the council to 20%", "share of waste collected by the council"),
        ("Reduce the time taken by reviewers by 20%", "time taken by reviewers"),
    ],
)
def test_who_does_it_after_a_participle_stays_in_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("They will be supported by 150,000 volunteers.", "volunteers", 150_000),
        ("The programme will be delivered by 40 partner charities", "partner charities", 40),
        ("Sessions are led by 12 trained coaches", "trained coaches", 12),
    ],
)
def test_a_count_after_a_passive_by_is_who_does_it_not_a_change(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value, measure.change) == (metric, target, None)


@pytest.mark.parametrize(
    ("statement", "metric", "change"),
    [
        ("Target: 2,000 t reduced plastic in own brand packaging by 30 Sept 2023, baseline 1 October 2018.",
         "plastic in own brand packaging", 2_000),
        ("500 tonnes less food waste by 2026", "food waste", 500),
        ("300 fewer missed bin collections", "missed bin collections", 300),
    ],
)
def test_a_number_of_less_or_reduced_is_a_decrease_and_a_dated_baseline_is_no_level(
    statement: str, metric: str, change: float
) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric, measure.baseline, measure.target) == ("decrease", metric, None, None)
    assert measure.change is not None and measure.change.value == change


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Achieve 50:50 gender split in our leadership team", "gender split in our leadership team"),
        ("Make available 80 per cent of government services online", "government services online"),
        ("Reduce emissions by 32% compared to FY2018", "emissions"),
        ("The number of adult volunteers from minority groups will reflect wider society with a minimum target of 5%",
         "number of adult volunteers from minority groups"),
    ],
)
def test_ratios_made_states_comparisons_and_a_modal_before_a_target(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_kpi_category_list_before_a_colon_names_nothing() -> None:
    kpi = read_kpi_line("Scope 1, 2: GHG emissions: Reduce by 32% compared to FY2018")
    assert kpi.measure.metric == "GHG emissions"


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Inspire a one million-strong movement for animal welfare by 2030.", "movement for animal welfare", 1_000_000),
        ("Build a 500-strong volunteer network", "volunteer network", 500),
        ("Create a one thousand-strong alumni community", "alumni community", 1_000),
    ],
)
def test_an_n_strong_group_counts_its_members(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value) == (metric, target)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("In 2018 the target for the EBITA margin changed to a minimum of 12%", "EBITA margin"),
        ("Our goal for repeat donations is at least 40%", "repeat donations"),
    ],
)
def test_what_a_target_is_for_is_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("By 2030, our goal is to have nine of ten undergraduates leave with a degree",
         "undergraduates leave with a degree"),
        ("9 out of 10 residents feel safe in their neighbourhood", "residents feel safe in their neighbourhood"),
        ("Complete 3 of 5 milestones", "milestones"),
    ],
)
def test_a_proportion_with_of_counts_the_clause_after_it(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Explore options to address staff pay and increase average compensation by 2029",
         "increase", "average compensation"),
        ("Review our depots and reduce fleet emissions by 2030", "decrease", "fleet emissions"),
    ],
)
def test_a_change_after_and_with_its_own_year_is_the_aim(statement: str, direction: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == (direction, metric)


def test_drafting_and_maintaining_with_a_year_stays_an_effort() -> None:
    assert read("Draft and maintain a style guide by 2027").kind == "effort"


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Maintain our 100% performance record and we will also track our performance", "performance record"),
        ("Cut missed bins by 10% and it will be reported monthly", "missed bins"),
    ],
)
def test_and_before_a_new_subject_ends_the_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Reach pre-pandemic enrollment in our afterschool camps by enhancing the curriculum",
         "enrollment in our afterschool camps"),
        ("Return visitor numbers to pre-COVID levels", None),
        ("Achieve record attendance at the summer festival", "attendance at the summer festival"),
    ],
)
def test_a_level_known_from_before_is_an_outcome(statement: str, metric: str | None) -> None:
    item = read(statement)
    assert item.kind == "outcome"
    assert metric is None or item.measure.metric == metric


def test_a_measures_name_alone_is_its_metric() -> None:
    assert read("Number of steps built (target TBD)").measure.metric == "Number of steps built"


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        ("The number of internet users will increas by 10% each year", "increase"),
        ("Waiting times will decreas by 5%", "decrease"),
    ],
)
def test_a_change_verb_cut_short_by_a_typo_keeps_its_direction(statement: str, direction: str) -> None:
    assert read(statement).measure.direction == direction


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Increase rate of response by constituents to our appeals", "rate of response by constituents to our appeals"),
        ("Grow adoption by partner schools", "adoption by partner schools"),
        ("Reduce energy usage by 10%", "energy usage"),
    ],
)
def test_who_does_an_action_noun_stays_in_the_metric_but_an_amount_does_not(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Upgrades take less than 30 minutes.", "Upgrades"),
        ("Address all rollout-blocking issues within 1 iteration of reporting.", "rollout-blocking issues"),
        ("Add 25 features to the product roadmap based on customer feedback", "features to the product roadmap"),
        ("Improve account based marketing for 10 large accounts", "account based marketing"),
    ],
)
def test_what_takes_the_time_handling_verbs_and_based_on(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Close at least 2 Tier 1 deals and get at least 10 new logos", "Tier 1 deals"),
        ("Reach 50,000 more young people and recruit 10,000 volunteers", "young people"),
        ("5% annual improvement in spills and release rate at our facilities",
         "spills and release rate at our facilities"),
    ],
)
def test_a_second_verb_after_and_ends_the_metric_but_a_noun_does_not(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "metric"),
    [
        ("Donations will rise by 5%", "increase", "Donations"),
        ("Visits to the museum will rise by 10% in the next decade", "increase", "Visits to the museum"),
        ("A 5% rise in visitor numbers", "increase", "visitor numbers"),
        ("Expand our reach to 12 new countries", "increase", "new countries"),
    ],
)
def test_a_bare_rise_and_expanding_a_reach_are_increases(statement: str, direction: str, metric: str) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric) == (direction, metric)


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Launch 3 new features to at least 1,000 beta users", "new features", 3),
        ("Send 20 newsletters to 5,000 subscribers", "newsletters", 20),
    ],
)
def test_a_count_sent_to_an_audience_is_the_target_not_a_move(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value, measure.baseline) == (metric, target, None)


def test_a_count_moved_to_a_count_of_the_same_thing_is_still_its_target() -> None:
    assert quantity(read("Grow 40 stores to 60 stores").measure.target) == (60, "stores", None)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Respond to 95% of FOI requests within 20 working days", "FOI requests"),
        ("Attract 1 million visitors a year to the city centre", "visitors"),
        ("Ensure no more than 2% of bins are missed each month", "bins are missed"),
    ],
)
def test_a_verb_and_its_to_before_a_share_and_how_often_are_no_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction", "change"),
    [
        ("Reduce single-use plastic packaging by a third by 2025", "decrease", 100 / 3),
        ("Cut the number of rough sleepers by half", "decrease", 50),
        ("Grow revenue by two-thirds", "increase", 200 / 3),
        ("Volunteer hours up 15% on last year", "increase", 15),
        ("Complaints down 10% year on year", "decrease", 10),
    ],
)
def test_a_fraction_in_words_and_up_or_down_a_share_are_changes(statement: str, direction: str, change: float) -> None:
    measure = read(statement).measure
    assert measure.direction == direction and measure.change is not None
    assert measure.change.value is not None and abs(measure.change.value - change) < 1e-6


def test_a_phrasal_up_before_a_count_is_no_change() -> None:
    measure = read("Lock up 300,000 tonnes of carbon").measure
    assert measure.change is None


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        ("Key metric – Net Promoter Score of 50+", "Net Promoter Score"),
        ("Main goal - Visitor numbers of 2 million", "Visitor numbers"),
    ],
)
def test_a_label_before_a_dash_is_no_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    "statement",
    ["Reduce energy consumption by 15% compared with 2019/20", "Cut emissions by 20% vs 2019"],
)
def test_a_year_compared_with_is_no_baseline(statement: str) -> None:
    measure = read(statement).measure
    assert measure.baseline is None and measure.change is not None


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Raise a seed round of £2M", "seed round", 2_000_000),
        ("NPS ≥ 50 among enterprise customers", "NPS", 50),
        ("MRR 50k", "MRR", 50_000),
    ],
)
def test_a_funding_round_raised_is_reached_and_an_acronym_alone_is_the_metric(
    statement: str, metric: str, target: float
) -> None:
    measure = read(statement).measure
    assert (measure.direction, measure.metric, measure.target and measure.target.value) == ("reach", metric, target)


# Twentieth held-out slice (75 real key results and KPIs of Nordic and Australasian banks, Indian
# Railways, Canadian libraries and airport authorities, Swedish and Scottish public bodies, a museum,
# a football club and Indian charities): gathered by a helper who changed no code, at the same time as
# the nineteenth, kept apart while the nineteenth was tuned on, and scored once at the end of that
# session: 58 of 75 (77.3%), 443 of 468 fields (94.7%), 43 of 55 metrics (78.2%). Tuned on by class
# in the next session (a change noun first and its amount last, ranks reached, goals inside narrative
# sentences and a count before a later aim clause, '50/50', a zero in a plan's name, KPIs naming a thing
# to do, helping more people do something, states reached, years ahead, reference levels, age bands;
# tests/test_statements_closed.py): 74 of 75 (98.7%), 467 of 468, 54 of 55 metrics. No longer blind.
def test_parse_fidelity_on_the_twentieth_held_out_slice() -> None:
    outcome = score(load(SETS["heldout20"]))
    assert outcome.statements >= 75
    assert outcome.wholly_right >= 74, "\n".join(outcome.misses)
    assert outcome.fields_right >= 467, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 54, "\n".join(outcome.misses)


# Twenty-first and twenty-second held-out slices (80 and 78 real key results and KPIs of
# organisations new to the data: Indian, African and Asian public bodies, Indian and European
# companies, an open-source messenger's OKRs, United Ways, hospices, hospitals, universities),
# gathered by helpers who changed no code and kept apart while heldout20 was tuned on.
# heldout21: blind figures at that session's start 59 of 80, 469 of 511 fields, 46 of 65 metrics, and
# at its end 59, 469, 47. Opened for tuning in the next session, which changed readings by general
# mechanism only (tests/test_statements_clauses.py: the words before an aim noun, a level from one
# amount to another with no verb, local currencies and lakh/crore, deadlines as news writes them, age
# qualifiers), each kept only if heldout22 rose: 62 of 80 (77.5%), 473 of 511 (92.6%), 49 of 65
# metrics (75.4%). No longer blind.
def test_parse_fidelity_on_the_twenty_first_held_out_slice() -> None:
    outcome = score(load(SETS["heldout21"]))
    assert outcome.statements >= 80
    assert outcome.wholly_right >= 62, "\n".join(outcome.misses)
    assert outcome.fields_right >= 473, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 49, "\n".join(outcome.misses)


# heldout22: the validation set, never tuned on (its texts and per-item misses unread; only its
# aggregate line printed). Scored once blind at the end of the session that tuned heldout20: 47 of 78
# (60.3%), 448 of 503 fields (89.1%), 40 of 67 metrics (59.7%). At each reading change kept in the next
# session: the words before an aim noun 47/448/41; a level from one amount to another 52/453/41; local
# currencies 53/454/43; deadlines 54/455/43; age qualifiers 55/457/43 (70.5%, 90.9%, 64.2%).
def test_parse_fidelity_on_the_twenty_second_held_out_slice() -> None:
    outcome = score(load(SETS["heldout22"]))
    assert outcome.statements >= 78
    assert outcome.wholly_right >= 55, "\n".join(outcome.misses)
    assert outcome.fields_right >= 457, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 43, "\n".join(outcome.misses)


# Twenty-third held-out slice (93 real key results and measures of 27 organisations new to the data:
# North Dakota IT's OKR export, Open edX and Green Software Foundation OKRs, US and Australian
# councils, school districts, land trusts, UK charities), gathered by a helper who changed no code
# and kept apart the whole session that tuned heldout21 against the heldout22 validation set. Blind at
# that session's start and at its end alike: 69 of 93 (74.2%), 549 of 598 fields (91.8%), 56 of 75
# metrics (74.7%): none of the session's reading changes moved a field of it. Then, its misses read,
# two general fixes (".5" keeps its value; "Key result:"/"Outcome:" is a label, not the metric):
# 71, 551, 58. No longer blind.
def test_parse_fidelity_on_the_twenty_third_held_out_slice() -> None:
    outcome = score(load(SETS["heldout23"]))
    assert outcome.statements >= 93
    assert outcome.wholly_right >= 71, "\n".join(outcome.misses)
    assert outcome.fields_right >= 551, "\n".join(outcome.misses)
    assert outcome.metrics_right >= 58, "\n".join(outcome.misses)
