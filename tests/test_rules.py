"""The built-in rules: every rule against its own examples, then each rule's tricky cases, as data
run by goallint.testing (the harness plugin authors use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goallint.engine.runner import Selection, lint
from goallint.syntax import parse_document
from goallint.testing import Case, Expect, plugins_for_tests, rule_cases, rule_examples

PLUGINS = plugins_for_tests(installed=False)
RULES = sorted(PLUGINS.rules.values(), key=lambda rule: rule.code)

# --- Every rule, its own examples ---------------------------------------------------------------

test_rule_examples = rule_examples(plugin="goallint", installed=False)


def test_every_rule_is_checked_against_its_examples() -> None:
    assert sorted(name for name, origin in PLUGINS.origin.items() if origin == "goallint") == sorted(PLUGINS.rules)


def test_every_rule_says_what_it_flags_and_why() -> None:
    for rule in RULES:
        assert rule.summary and rule.why, rule.name


def test_a_good_goal_is_quiet_under_every_rule() -> None:
    text = (
        "period: 2026-Q3\n\nObjective: Keep customers\n"
        "  KR: Increase client retention from 73% to 80% by end of Q3\n"
        "  KR: Cut first response time from 9 h to 2 h\n"
        "  KR: Raise CSAT from 82% to 90%\n"
        "KPI: Uptime – target ≥ 99.9%, weekly, source: Pingdom\n"
    )
    selection = Selection.all_of(PLUGINS)
    assert lint([parse_document(text, "plans/good.okr")], selection) == []


REPOSITORY = Path(__file__).resolve().parent.parent
CORPUS = REPOSITORY / "tests" / "data" / "corpus" / "docs"  # copies of real pages (its README says whose)
REAL_DOCUMENTS = [REPOSITORY / "examples" / "growth-q3.okr", *sorted(CORPUS.glob("*.md"))]
assert len(REAL_DOCUMENTS) > 10, f"the real pages are missing from {CORPUS}"


@pytest.mark.parametrize("path", REAL_DOCUMENTS, ids=lambda path: path.name)
def test_no_rule_fails_on_a_real_document(path: Path) -> None:
    document = parse_document(path.read_text(encoding="utf-8"), str(path))
    findings = lint([document], Selection.all_of(PLUGINS))
    assert [f.message for f in findings if f.rule == "internal-error"] == []


# --- Each rule's tricky cases -------------------------------------------------------------------

KR = "Objective: Goals\n  KR: "  # a key result on line 2


def quiet(rule: str, *statements: str, **options: object) -> list[Case]:
    """Key results the rule accepts."""
    return [Case(rule, KR + statement, options=options) for statement in statements]


def flagged(rule: str, *statements: str) -> list[Case]:
    """Key results the rule flags, once each."""
    return [Case(rule, KR + statement, [f"{rule}:2"]) for statement in statements]


def kpi_plan(period: str, target: str) -> str:
    return f"owner: Sales\nperiod: {period}\nKPI: Revenue\n  annual target: {target}\n"


Q2 = "period: 2026-Q2\nKPI: First response time\nKPI: CSAT\nKPI: Ticket backlog\n"
SMALL = "  KR: Grow MRR from $100k to $105k"
LONG = "Cut the time to a first working project for new teams from 3 days to 1 day"

MEASURE = [
    Case("unit-mismatch", KR + "Grow revenue from $2M to €3M",
         [Expect("unit-mismatch", 2, text="€3M", message="USD"), ]),
    Case("unit-mismatch", KR + "Grow revenue from $2M to €3M", [Expect("unit-mismatch", 2, message="EUR")]),
    *quiet("unit-mismatch",
           "Raise retention from 73 to 75%",  # one unit for both numbers
           "Cut response time from 2 hours to 30 minutes",  # units of time convert
           "Grow from 1 customer to 5 customers",
           "Grow weekly active teams from 1.2k to 2,000"),
    Case("percent-of-percent", KR + "Increase retention from 90% by 5%",
         [Expect("percent-of-percent", 2, text="5%", message="95%")]),
    Case("percent-of-percent", KR + "Increase retention from 90% by 5%",
         [Expect("percent-of-percent", 2, message="94.5%")]),
    *quiet("percent-of-percent",
           "Increase conversion rate by 5 pp",
           "Increase checkout conversion rate from 20% to 25%",
           "Grow MRR by 5%",  # a relative change of an amount is clear
           "Increase retention by 5% to 80%"),  # the target says which
    *flagged("multiple-metrics",
             "Grow signups to 500 and cut churn to 2%",
             "Reach 500 customers and $2M ARR",
             "Increase signups and revenue by 20%"),
    *quiet("multiple-metrics",
           "Keep latency between 100 and 200 ms",
           "Launch the app in France and Germany",
           "Reduce time to detect and resolve incidents by 30%",
           "Cut research and development spend by 10%",
           "Add test coverage reporting and achieve 80% coverage",  # one number: a task, then its result
           "Add and retain 5 members to the Community Committee"),
]

KIND_AND_AMBITION = [
    Case("task-not-outcome", "Objective: Ship\n  KR: Ship the wizard\n  KR: Raise activation from 40% to 55%"),
    Case("task-not-outcome", "Objective: Ship\n  KR: Ship the wizard\n  KR: Raise activation from 40% to 55%",
         ["task-not-outcome:1"], options={"max_share": 0.4}),
    Case("maintain-kr", KR + "Hold uptime at 99.9%", [Expect("maintain-kr", 2, hint="KPI: uptime – target 99.9%")]),
    *[Case("low-ambition", KR + statement, [Expect("low-ambition", 2, message=f"({share}) is small")])
      for statement, share in [
          ("Grow MRR from $100k to $105k", "5%"),
          ("Grow signups from 1,000 to 1,030 customers", "3%"),
          ("Grow signups from 1,000 by 50", "5%"),
          ("Reduce churn from 4% to 3.8%", "5%"),
          ("Raise conversion from 20% to 21%", "5%"),  # 5% of the start, 1.25% of the way to 100%
          ("Cut onboarding from 3 weeks to 20 days", "4.76%"),  # weeks and days compared in one unit
      ]],
    # a change written as a percentage is not quoted back as "'5%' is a 5% change"
    Case("low-ambition", KR + "Grow MRR by 5%", [Expect("low-ambition", 2, message="A change of 5% is small")]),
    *quiet("low-ambition",
           "Increase client retention from 73% to 80% by end of Q3",  # a quarter of the way to 100%
           "Raise uptime from 99.0% to 99.5%",
           "Raise conversion from 2% to 2.5%",
           "Grow MRR from $100k to $110k",  # exactly 10% is enough
           "Double revenue from $1M",
           "Increase NPS from 30 by 8 points",
           "Increase conversion rate by 5%",  # ambiguous: percent-of-percent asks first
           "Reduce churn from 4% to 6%",  # the wrong way: direction-contradiction
           "Maintain uptime at 99.9%"),
    # committed objectives are spared; unmarked ones too, when they are not taken as aspirational
    Case("low-ambition", "Objective: Grow [committed]\n" + SMALL),
    Case("low-ambition", "Objective: Grow\n" + SMALL, options={"unmarked_is_aspirational": False}),
    Case("low-ambition", "Objective: Grow [stretch]\n" + SMALL, ["low-ambition:2"],
         options={"unmarked_is_aspirational": False}),
    Case("low-ambition", "Objective: Grow\n" + SMALL, options={"min_change": 0.04}),
]

KPIS = [
    Case("kpi-missing-target",
         "Objective: Keep customers\n  KR: Keep customers happy [KPI]\n  KR: Keep churn under 2% [KPI]\n",
         [Expect("kpi-missing-target", 2, text="Keep customers happy")]),
    # the one-line form of a KPI gives its source and cadence
    Case(["kpi-missing-source", "kpi-missing-cadence", "kpi-cadence-too-slow"],
         "KPI: Weekly active users - target 5,000, cadence: every week, source: Amplitude"),
    *[Case("kpi-cadence-too-slow", f"KPI: Churn\n  target: < 2%\n  cadence: {cadence}\n",
           [Expect("kpi-cadence-too-slow", 3, text=cadence)] if is_flagged else [], options={"slowest": slowest})
      for cadence, slowest, is_flagged in [
          ("monthly", "monthly", False), ("quarterly", "monthly", True), ("yearly", "half-yearly", True),
          ("biweekly", "weekly", True), ("weekly", "biweekly", False), ("every 2 months", "monthly", False),
      ]],
]

ACROSS_PERIODS = [
    # reported on the later plan (here the first), whatever the order given
    Case("kpi-churn", "period: 2026-Q3\nKPI: First response time – target < 2 h\nKPI: csat\n---\n" + Q2,
         [Expect("kpi-churn", 1, text="2026-Q3",
                 message="The KPI 'Ticket backlog' was tracked in 2026-Q2 but is not in this plan.")]),
    Case("kpi-churn", Q2 + "---\nperiod: 2026-Q3\nKPI: CSAT\nKPI: Revenue\n",
         [Expect("kpi-churn", 6, message="2 of the 3 KPIs tracked in 2026-Q2 are gone")]),
    Case("kpi-churn", Q2 + "---\nowner: Sales\nperiod: 2026-Q3\nKPI: Revenue\n"),  # another owner's plan
    # an annual target may change between fiscal years, not within one
    Case("annual-target-changed", kpi_plan("2026-Q4", "$12M") + "---\n" + kpi_plan("2027-Q1", "$15M")),
    Case("annual-target-changed", kpi_plan("2026-Q1", "$12M") + "---\n" + kpi_plan("2026-Q2", "$10M"),
         [Expect("annual-target-changed", 9, text="$10M")]),
]

LANGUAGE = [
    Case("vague-language",
         "Objective: Build it\n  KR: Leverage synergies to build a robust, world class product ASAP\n",
         [Expect("vague-language", 2, 7, text="Leverage"), Expect("vague-language", 2, text="synergies"),
          Expect("vague-language", 2, text="robust"), Expect("vague-language", 2, text="world class"),
          Expect("vague-language", 2, text="ASAP", hint="Give a date: 'by 30 September'.")]),
    # measured statements and objectives are left alone
    Case("vague-language", "Objective: Improve onboarding\n  KR: Improve activation from 40% to 55%\n"),
    Case("vague-language", "KPI: Seamless checkout\n", [Expect("vague-language", 1, text="Seamless")]),
    # case and punctuation do not count
    Case("duplicate-statement",
         "Objective: Grow\n  KR: Reach 500 customers\nObjective: Sell\n  KR: reach 500 customers!\n",
         [Expect("duplicate-statement", 4, message="line 2")]),
    # a key result that adds a number to its objective is no duplicate
    Case("duplicate-statement", "Objective: Grow revenue\n  KR: Grow revenue by 20%"),
    # words are compared, not characters
    Case("duplicate-statement",
         "Objective: Open it\n  KR: Fine grained permissions for REST API\n  KR: Fine grained permissions for RPC API"),
    Case("duplicate-statement", f"Objective: Onboard\n  KR: {LONG}\n  KR: {LONG.replace('working', 'usable')}",
         ["duplicate-statement:3"]),
]

FIXES = [
    Case("kr-numbering", "Objective: X\n  KR1: Lift NPS from 30 to 45\n  KR3: Raise CSAT from 82% to 90%\n",
         [Expect("kr-numbering", 3, text="3")],
         fixed="Objective: X\n  KR1: Lift NPS from 30 to 45\n  KR2: Raise CSAT from 82% to 90%\n"),
]

test_measure = rule_cases(MEASURE, installed=False)
test_kind_and_ambition = rule_cases(KIND_AND_AMBITION, installed=False)
test_kpis = rule_cases(KPIS, installed=False)
test_across_periods = rule_cases(ACROSS_PERIODS, installed=False)
test_language = rule_cases(LANGUAGE, installed=False)
test_fixes = rule_cases(FIXES, installed=False)


# --- The harness itself -------------------------------------------------------------------------


def test_a_case_that_does_not_hold_says_what_was_expected_and_what_was_reported() -> None:
    from goallint.testing import check_case

    case = Case("kr-count", "Objective: X\n  KR: Lift NPS from 30 to 45\n", ["kr-count:2"], name="one kr")
    with pytest.raises(AssertionError) as raised:
        check_case(case, PLUGINS)
    assert str(raised.value).splitlines() == [
        "case 'one kr':",
        "  expected kr-count:2, which was not reported",
        "  did not expect kr-count:1:12  This objective has 1 key result; aim for 3 to 5.",
        "  reported:",
        "    kr-count:1:12  This objective has 1 key result; aim for 3 to 5.",
    ]


def test_cases_can_be_written_in_toml(tmp_path: Path) -> None:
    from goallint.testing import check_case, load_cases

    path = tmp_path / "cases.toml"
    path.write_text('''
[[case]]
rule = "low-ambition"
text = """
Objective: Grow
  KR: Grow MRR from $100k to $105k"""
findings = [{rule = "low-ambition", line = 2, text = "$105k"}]  # TOML drops the first line break

[[case]]
rule = "low-ambition"
text = "Objective: Grow\\n  KR: Grow MRR from $100k to $105k"
options = {min-change = 0.04}
''', encoding="utf-8")
    cases = load_cases(path)
    assert [list(case.findings) for case in cases] == [[{"rule": "low-ambition", "line": 2, "text": "$105k"}], []]
    for case in cases:
        check_case(case, PLUGINS)
