"""The goal clause inside a longer sentence, and where its metric starts and ends.

Phrasings are written as other organisations would put the same thing, never one corpus line.
"""

from __future__ import annotations

import pytest

from goallint.model import KeyResult
from goallint.syntax import parse_document


def read(statement: str, period: str = "2026-Q3") -> KeyResult:
    document = parse_document(f"period: {period}\nObjective: Test\n  KR: {statement}\n", "t.okr")
    return document.objectives[0].key_results[0]


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("The management plans a Gross Revenue target of $108 billion by FY30", "Gross Revenue", 108e9),
        ("The board has set a net profit target of $2 million for 2026", "net profit", 2e6),
        ("Our B Impact Score Target for re-certification is 109", "B Impact Score", 109),
        ("Our volunteer retention goal is 80% by 2027", "volunteer retention", 80),
        ("The company's annual water use target is 1,200 by 2028", "water use", 1200),
    ],
)
def test_the_words_before_an_aim_noun_name_what_it_is_of(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value) == (metric, target)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        # the amount counts something named after it: that is the metric, not the aim's modifier
        ("An interim national target of 65% of patients seen within 18 weeks", "patients seen within 18 weeks"),
        # an owner or a word saying which aim names nothing counted
        ("We set a stretch target of 50% by 2025", None),
    ],
)
def test_an_aim_nouns_modifier_is_no_metric_when_it_names_no_measure(statement: str, metric: str | None) -> None:
    assert read(statement).measure.metric == metric


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        ("Women in leadership – from 30% to 40%", "increase"),
        ("Average wait (from 18 weeks to 12 weeks)", "decrease"),
        ("Volunteer hours from a baseline of 2,000 to 3,500 by 2027", "increase"),
        ("Carbon intensity per unit sold, from 0.8 kg to 0.5 kg", "decrease"),
    ],
)
def test_from_one_amount_to_another_rises_or_falls_with_no_verb(statement: str, direction: str) -> None:
    measure = read(statement).measure
    assert measure.direction == direction
    assert measure.baseline is not None and measure.target is not None


@pytest.mark.parametrize(
    ("statement", "direction"),
    [
        ("Maintain attendance from 92% to 92%", "maintain"),  # the verb decides
        ("The dividend payout ratio shall range from 30% to 60%", "reach"),  # a band, no start and end
    ],
)
def test_a_verb_or_a_band_decides_over_the_amounts(statement: str, direction: str) -> None:
    assert read(statement).measure.direction == direction


@pytest.mark.parametrize(
    ("statement", "metric", "value", "unit"),
    [
        ("The company aims to achieve revenue of Rs 5,000 crore by FY27", "revenue", 5e10, "INR"),
        ("Achieve an annual turnover of Rs. 1 lakh crore", "annual turnover", 1e12, "INR"),
        ("Mobilise ₦500 billion in private investment by 2027", "private investment", 5e11, "NGN"),
        ("Raise KSh 2 billion for county hospitals", "county hospitals", 2e9, "KES"),
        ("Reach 50 lakh households by 2026", "households", 5e6, "households"),
        ("Grow exports to INR 400 crore", "exports", 4e9, "INR"),
    ],
)
def test_indian_and_african_currencies_and_number_words_are_read(
    statement: str, metric: str, value: float, unit: str
) -> None:
    measure = read(statement).measure
    assert measure.metric == metric
    assert measure.target is not None and measure.target.value == value
    assert measure.target.unit == unit


@pytest.mark.parametrize(
    ("statement", "due"),
    [
        # a limit counted in years from now has no date of its own, but is a deadline
        ("Achieve revenue of $5 billion over next five years", None),
        ("Plant 2 million trees in the coming three years", None),
        ("Reach 500 schools by end-2027", "2027-12-31"),
        ("Connect 3,000 homes by end-June", "2026-06-30"),
    ],
)
def test_deadlines_written_as_news_and_plans_write_them(statement: str, due: str | None) -> None:
    kr = read(statement)
    assert kr.deadline is not None
    assert kr.deadline.date == due


@pytest.mark.parametrize(
    ("statement", "target", "change"),
    [
        ("Grow revenue to ₹17,500 crore", 1.75e11, None),
        ("Grow exports to Rs 400 crore", 4e9, None),
        ("Increase revenue by Rs. 500 crore", None, 5e9),
    ],
)
def test_a_local_currency_after_to_or_by_is_the_level_or_the_change(
    statement: str, target: float | None, change: float | None
) -> None:
    measure = read(statement).measure
    assert (measure.target and measure.target.value, measure.change and measure.change.value) == (target, change)


@pytest.mark.parametrize(
    ("statement", "metric", "target"),
    [
        ("Support 10,000 children aged 4 to 6", "children", 10_000),
        ("Reach: 8,000 pupils aged 11-16 (4,000 girls and 4,000 boys)", "pupils", 8_000),
        ("Reach 2,000 adults aged 65 and over", "adults", 2_000),
        ("Enrol 500 children between the ages of 3 and 5", "children", 500),
        ("66% of young people aged 6-18 shape their programme each year", "young people shape their programme", 66),
        ("Increase aged care beds to 500", "aged care beds", 500),  # no age: a name
    ],
)
def test_an_age_qualifier_is_no_amount_and_no_part_of_the_metric(statement: str, metric: str, target: float) -> None:
    measure = read(statement).measure
    assert (measure.metric, measure.target and measure.target.value, measure.baseline) == (metric, target, None)


def test_a_direction_word_after_an_age_qualifier_still_moves_the_measure() -> None:
    measure = read("Each year, loans of books for children aged 0-7 will increase by 5%").measure
    assert (measure.direction, measure.change and measure.change.value) == ("increase", 5)


@pytest.mark.parametrize(
    ("statement", "where", "value", "unit"),
    [
        # a decimal written without its zero, as US scorecards often do: ".5" is a half, not five
        ("Increase NPS by .5", "change", 0.5, None),
        ("Raise the average survey score by .25 points", "change", 0.25, "points"),
        ("Cut the error rate to .5%", "target", 0.5, "%"),
        ("Reduce defects from .8% to .3% by Q4", "target", 0.3, "%"),
        ("Reduce defects from .8% to .3% by Q4", "baseline", 0.8, "%"),
        ("Lower cost per unit by $.5M", "change", 500_000, "USD"),
    ],
)
def test_a_decimal_without_its_leading_zero_keeps_its_value(
    statement: str, where: str, value: float, unit: str | None
) -> None:
    quantity = getattr(read(statement).measure, where)
    assert quantity is not None
    assert (quantity.value, quantity.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(
    "statement",
    ["Ship release 2.5 by Q3", "Grow revenue 20%. 5 new markets opened by Q4", "Publish v1.5 of the guide"],
)
def test_a_dot_between_or_after_digits_starts_no_decimal(statement: str) -> None:
    measure = read(statement).measure
    quantities = (measure.baseline, measure.target, measure.change)
    values = [q.value for q in quantities if q is not None and q.value is not None]
    assert not any(0 < v < 1 for v in values)


@pytest.mark.parametrize(
    ("statement", "metric"),
    [
        # the line's role named before its colon is a label: what the number counts is measured
        ("Key result: 30 individual contributors to our repositories by end 2025",
         "individual contributors to our repositories"),
        ("Outcome: 20 case studies added to our repository", "case studies added to our repository"),
        ("Milestone: 3 pilot sites live by June 2026", "pilot sites live"),
        ("Key Result: 85% retention", "retention"),
    ],
)
def test_a_role_label_before_the_colon_is_no_metric(statement: str, metric: str) -> None:
    assert read(statement).measure.metric == metric


def test_a_name_before_the_colon_is_still_the_metric() -> None:
    assert read("Donor retention: 85% by Q4").measure.metric == "Donor retention"
