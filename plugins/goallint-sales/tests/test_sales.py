"""goallint-sales, tested the way its users will run it: installed beside goallint."""

from __future__ import annotations

import goallint_sales

from goallint.plugin import API_VERSION
from goallint.testing import Case, Expect, plugins_for_tests, rule_cases, rule_examples

OBJECTIVE = "Objective: Win the mid-market\n  KR: "  # the key result is on line 2

test_examples = rule_examples(plugin="sales")

test_revenue_currency = rule_cases([
    Case("revenue-currency", OBJECTIVE + "Grow new ARR from 1.2M to 2M by end of Q3",
         [Expect("revenue-currency", 2, text="1.2M", message="no currency")]),
    Case("revenue-currency", OBJECTIVE + "Grow revenue by 20% by end of Q3",
         [Expect("revenue-currency", 2, text="20%")]),
    Case("revenue-currency", "KPI: MRR – target 500k, monthly, source: Stripe", ["revenue-currency:1"]),
    Case("revenue-currency", OBJECTIVE + "Grow new ARR from $1.2M to €2M by end of Q3"),  # another rule's business
    Case("revenue-currency", OBJECTIVE + "Reach 2M EUR in bookings by end of Q3"),
    Case("revenue-currency", OBJECTIVE + "Reach $N net new ARR in Q4"),  # a placeholder keeps its currency
    Case("revenue-currency", OBJECTIVE + "Hire 3 account executives by end of Q3"),  # not about revenue
    Case("revenue-currency", OBJECTIVE + "Grow revenue"),  # no number: vague-language and GL201 say so
    Case("revenue-currency", "KPI: Monthly gross revenue churn\n  target: ≤ 1.5%\n"),  # a rate, not an amount
])

test_revenue_period = rule_cases([
    Case("revenue-period", OBJECTIVE + "Close $2M in new bookings", ["revenue-period:2"]),
    Case("revenue-period", OBJECTIVE + "Close $2M in new bookings per quarter"),
    Case("revenue-period", OBJECTIVE + "Close $2M in new bookings in Q3"),
    Case("revenue-period", OBJECTIVE + "Grow revenue to $2M by end of Q3"),  # a deadline bounds it
    Case("revenue-period", OBJECTIVE + "Grow annual revenue to $24M"),
    Case("revenue-period", OBJECTIVE + "Sign 10 new logos"),
    Case("revenue-period", OBJECTIVE + "Cut revenue churn from 3% to 2%"),
])

test_pipeline_coverage = rule_cases([
    Case("pipeline-coverage-ratio", OBJECTIVE + "Raise pipeline coverage from 200% to 300% by end of Q3",
         [Expect("pipeline-coverage-ratio", 2, text="200%"), Expect("pipeline-coverage-ratio", 2, text="300%")],
         fixed=OBJECTIVE + "Raise pipeline coverage from 2x to 3x by end of Q3"),
    Case("pipeline-coverage-ratio", OBJECTIVE + "Reach pipeline coverage of 250 percent by end of Q3",
         ["pipeline-coverage-ratio:2"], fixed=OBJECTIVE + "Reach pipeline coverage of 2.5x by end of Q3"),
    Case("pipeline-coverage-ratio", OBJECTIVE + "Grow pipeline coverage to $6M by end of Q3",
         [Expect("pipeline-coverage-ratio", 2, text="$6M", message="an amount of pipeline")],
         fixed=OBJECTIVE + "Grow pipeline coverage to $6M by end of Q3"),  # no fix: only the author knows
    Case("pipeline-coverage-ratio", OBJECTIVE + "Raise pipeline coverage from 2x to 3x by end of Q3"),
    Case("pipeline-coverage-ratio", "KPI: Pipeline coverage – target ≥ 300%, weekly, source: Salesforce\n",
         [Expect("pipeline-coverage-ratio", 1, text="≥ 300%")],
         fixed="KPI: Pipeline coverage – target ≥ 3x, weekly, source: Salesforce\n"),
    Case("pipeline-coverage-ratio", OBJECTIVE + "Raise pipe cover from 200% to 300% by end of Q3"),
    Case("pipeline-coverage-ratio", OBJECTIVE + "Raise pipe cover from 200% to 300% by end of Q3",
         ["pipeline-coverage-ratio:2", "pipeline-coverage-ratio:2"], options={"terms": ["pipe cover"]}),
])


def test_missing_currency_is_an_error_by_default() -> None:
    plugins = plugins_for_tests()
    assert plugins.default_severity["revenue-currency"] == "error"
    assert plugins.rules["revenue-currency"].severity == "warning"  # the rule's own, which config may restore


def test_it_declares_the_plugin_api_it_is_written_for() -> None:
    assert goallint_sales.goallint_api == API_VERSION
    assert plugins_for_tests().info["sales"].status == "loaded"
