"""The built-in rules: every rule against its own examples, then each rule's tricky cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from goallint.checks.packs import PackError, load_pack
from goallint.engine.plugins import load_plugins
from goallint.engine.rule import Rule
from goallint.engine.runner import Selection, lint
from goallint.engine.suppression import apply_suppressions
from goallint.model import Finding
from goallint.syntax import parse_document

PLUGINS = load_plugins(include_installed=False)
RULES = sorted(PLUGINS.rules.values(), key=lambda rule: rule.code)


def check(rule_name: str, *texts: str, **options: object) -> list[Finding]:
    """The findings of one rule on documents given as text (plans/1.okr, plans/2.okr, …)."""
    rule = PLUGINS.rules[rule_name]
    selection = Selection([rule()], {rule.name: rule.Options(**options)})
    documents = [parse_document(text, f"plans/{number}.okr") for number, text in enumerate(texts, start=1)]
    return [finding for finding in lint(documents, selection) if finding.rule == rule_name]


def example(rule: type[Rule], text: str) -> list[Finding]:
    """What the rule says about its own example, linted with every rule as `goallint check` does
    (inline directives included). An example is one document, or for a rule across documents
    several, between lines `---`."""
    pieces = re.split(r"^---$\n?", text, flags=re.M) if rule.scope == "documents" else [text]
    documents = [parse_document(piece, f"plans/{number}.okr") for number, piece in enumerate(pieces, start=1)]
    sources = {document.path or "": piece for document, piece in zip(documents, pieces, strict=True)}
    selection = Selection.all_of(PLUGINS)
    found = apply_suppressions(lint(documents, selection), documents, sources, PLUGINS, selection)
    return [finding for finding in found if finding.rule == rule.name]


def spans(findings: list[Finding], text: str) -> list[str]:
    return [text[f.span.start.offset : f.span.end.offset] for f in findings]


# --- Every rule, its own examples ---------------------------------------------------------------


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_fires_on_its_bad_example(rule: type[Rule]) -> None:
    assert rule.bad, f"{rule.name} has no bad example"
    assert example(rule, rule.bad), f"{rule.name} does not fire on its bad example"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_rule_is_quiet_on_its_good_example(rule: type[Rule]) -> None:
    assert rule.good, f"{rule.name} has no good example"
    assert example(rule, rule.good) == [], f"{rule.name} fires on its good example"


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
CORPUS = REPOSITORY.parent / "shared" / "corpus" / "docs"
REAL_DOCUMENTS = [REPOSITORY / "examples" / "growth-q3.okr", *sorted(CORPUS.glob("*.md"))]


@pytest.mark.parametrize("path", REAL_DOCUMENTS, ids=lambda path: path.name)
def test_no_rule_fails_on_a_real_document(path: Path) -> None:
    document = parse_document(path.read_text(encoding="utf-8"), str(path))
    findings = lint([document], Selection.all_of(PLUGINS))
    assert [f.message for f in findings if f.rule == "internal-error"] == []


# --- measure: unit-mismatch, percent-of-percent, multiple-metrics ----------------------------------

KR = "Objective: Goals\n  KR: "


def test_unit_mismatch_points_at_the_target() -> None:
    text = KR + "Grow revenue from $2M to €3M"
    findings = check("unit-mismatch", text)
    assert spans(findings, text) == ["€3M"]
    assert "USD" in findings[0].message and "EUR" in findings[0].message


@pytest.mark.parametrize(
    "statement",
    [
        "Raise retention from 73 to 75%",  # one unit for both numbers
        "Cut response time from 2 hours to 30 minutes",  # units of time convert
        "Grow from 1 customer to 5 customers",
        "Grow weekly active teams from 1.2k to 2,000",
    ],
)
def test_unit_mismatch_accepts_one_unit_written_once_or_convertible(statement: str) -> None:
    assert check("unit-mismatch", KR + statement) == []


def test_percent_of_percent_computes_both_readings_from_the_start() -> None:
    text = KR + "Increase retention from 90% by 5%"
    findings = check("percent-of-percent", text)
    assert spans(findings, text) == ["5%"]
    assert "95%" in findings[0].message and "94.5%" in findings[0].message


@pytest.mark.parametrize(
    "statement",
    [
        "Increase conversion rate by 5 pp",
        "Increase checkout conversion rate from 20% to 25%",
        "Grow MRR by 5%",  # a relative change of an amount is clear
        "Increase retention by 5% to 80%",  # the target says which
    ],
)
def test_percent_of_percent_is_quiet_when_clear(statement: str) -> None:
    assert check("percent-of-percent", KR + statement) == []


@pytest.mark.parametrize(
    "statement",
    [
        "Grow signups to 500 and cut churn to 2%",
        "Reach 500 customers and $2M ARR",
        "Increase signups and revenue by 20%",
    ],
)
def test_multiple_metrics(statement: str) -> None:
    assert len(check("multiple-metrics", KR + statement)) == 1


@pytest.mark.parametrize(
    "statement",
    [
        "Keep latency between 100 and 200 ms",
        "Launch the app in France and Germany",
        "Reduce time to detect and resolve incidents by 30%",
        "Cut research and development spend by 10%",
        "Add test coverage reporting and achieve 80% coverage",  # one number: a task, then its result
        "Add and retain 5 members to the Community Committee",
    ],
)
def test_multiple_metrics_is_quiet_on_one_metric(statement: str) -> None:
    assert check("multiple-metrics", KR + statement) == []


# --- kind and ambition --------------------------------------------------------------------------


def test_task_not_outcome_counts_activities_against_max_share() -> None:
    half = "Objective: Ship\n  KR: Ship the wizard\n  KR: Raise activation from 40% to 55%"
    assert check("task-not-outcome", half) == []
    assert len(check("task-not-outcome", half, max_share=0.4)) == 1


def test_maintain_kr_suggests_the_kpi_line() -> None:
    findings = check("maintain-kr", KR + "Hold uptime at 99.9%")
    assert findings and "KPI: uptime – target 99.9%" in (findings[0].hint or "")


@pytest.mark.parametrize(
    ("statement", "share"),
    [
        ("Grow MRR from $100k to $105k", "5%"),
        ("Grow MRR by 5%", "5%"),
        ("Grow signups from 1,000 by 50", "5%"),
        ("Reduce churn from 4% to 3.8%", "5%"),
        ("Raise conversion from 20% to 21%", "5%"),  # 5% of the start, 1.25% of the way to 100%
        ("Cut onboarding from 3 weeks to 20 days", "4.76%"),  # weeks and days compared in one unit
    ],
)
def test_low_ambition_measures_the_change(statement: str, share: str) -> None:
    findings = check("low-ambition", KR + statement)
    assert len(findings) == 1 and f" is a {share} change" in findings[0].message


@pytest.mark.parametrize(
    "statement",
    [
        "Increase client retention from 73% to 80% by end of Q3",  # a quarter of the way to 100%
        "Raise uptime from 99.0% to 99.5%",
        "Raise conversion from 2% to 2.5%",
        "Grow MRR from $100k to $110k",  # exactly 10% is enough
        "Double revenue from $1M",
        "Increase NPS from 30 by 8 points",
        "Increase conversion rate by 5%",  # ambiguous: percent-of-percent asks first
        "Reduce churn from 4% to 6%",  # the wrong way: direction-contradiction
        "Maintain uptime at 99.9%",
    ],
)
def test_low_ambition_is_quiet_on_real_stretch(statement: str) -> None:
    assert check("low-ambition", KR + statement) == []


def test_low_ambition_spares_committed_and_optionally_unmarked_objectives() -> None:
    small = "  KR: Grow MRR from $100k to $105k"
    assert check("low-ambition", "Objective: Grow [committed]\n" + small) == []
    assert check("low-ambition", "Objective: Grow\n" + small, unmarked_is_aspirational=False) == []
    assert check("low-ambition", "Objective: Grow [stretch]\n" + small, unmarked_is_aspirational=False)
    assert check("low-ambition", "Objective: Grow\n" + small, min_change=0.04) == []


# --- KPIs ---------------------------------------------------------------------------------------


def test_kpi_missing_target_reads_marked_key_results_too() -> None:
    text = "Objective: Keep customers\n  KR: Keep customers happy [KPI]\n  KR: Keep churn under 2% [KPI]\n"
    assert spans(check("kpi-missing-target", text), text) == ["Keep customers happy"]


def test_kpi_missing_source_and_cadence_read_the_one_line_form() -> None:
    text = "KPI: Weekly active users - target 5,000, cadence: every week, source: Amplitude"
    assert check("kpi-missing-source", text) == []
    assert check("kpi-missing-cadence", text) == []
    assert check("kpi-cadence-too-slow", text) == []


@pytest.mark.parametrize(("cadence", "slowest", "flagged"), [
    ("monthly", "monthly", False), ("quarterly", "monthly", True), ("yearly", "half-yearly", True),
    ("biweekly", "weekly", True), ("weekly", "biweekly", False), ("every 2 months", "monthly", False),
])
def test_kpi_cadence_too_slow(cadence: str, slowest: str, flagged: bool) -> None:
    text = f"KPI: Churn\n  target: < 2%\n  cadence: {cadence}\n"
    findings = check("kpi-cadence-too-slow", text, slowest=slowest)
    assert spans(findings, text) == ([cadence] if flagged else [])


# --- across periods -----------------------------------------------------------------------------

Q2 = "period: 2026-Q2\nKPI: First response time\nKPI: CSAT\nKPI: Ticket backlog\n"


def test_kpi_churn_reports_on_the_later_plan_whatever_the_order_given() -> None:
    q3 = "period: 2026-Q3\nKPI: First response time – target < 2 h\nKPI: csat\n"
    findings = check("kpi-churn", q3, Q2)
    assert [(f.path, f.message) for f in findings] == [
        ("plans/1.okr", "The KPI 'Ticket backlog' was tracked in 2026-Q2 but is not in this plan.")
    ]
    assert spans(findings, q3) == ["2026-Q3"]


def test_kpi_churn_summarises_when_most_kpis_are_replaced() -> None:
    findings = check("kpi-churn", Q2, "period: 2026-Q3\nKPI: CSAT\nKPI: Revenue\n")
    assert len(findings) == 1 and findings[0].message.startswith("2 of the 3 KPIs tracked in 2026-Q2 are gone")


def test_kpi_churn_compares_plans_of_one_owner_only() -> None:
    q3_other_team = "owner: Sales\nperiod: 2026-Q3\nKPI: Revenue\n"
    assert check("kpi-churn", Q2, q3_other_team) == []


def test_annual_target_changed_only_within_a_fiscal_year() -> None:
    def plan(period: str, target: str) -> str:
        return f"owner: Sales\nperiod: {period}\nKPI: Revenue\n  annual target: {target}\n"

    q4, next_q1 = plan("2026-Q4", "$12M"), plan("2027-Q1", "$15M")
    assert check("annual-target-changed", q4, next_q1) == []
    q1, q2 = plan("2026-Q1", "$12M"), plan("2026-Q2", "$10M")
    findings = check("annual-target-changed", q1, q2)
    assert [f.path for f in findings] == ["plans/2.okr"]
    assert spans(findings, q2) == ["$10M"]


# --- language -----------------------------------------------------------------------------------


def test_vague_language_points_at_each_word() -> None:
    text = "Objective: Build it\n  KR: Leverage synergies to build a robust, world class product ASAP\n"
    findings = check("vague-language", text)
    assert spans(findings, text) == ["Leverage", "synergies", "robust", "world class", "ASAP"]
    assert (findings[0].span.start.line, findings[0].span.start.column) == (2, 7)
    assert findings[-1].hint == "Give a date: 'by 30 September'."


def test_vague_language_leaves_measured_statements_and_objectives_alone() -> None:
    text = "Objective: Improve onboarding\n  KR: Improve activation from 40% to 55%\n"
    assert check("vague-language", text) == []


def test_vague_language_reads_kpis() -> None:
    text = "KPI: Seamless checkout\n"
    assert spans(check("vague-language", text), text) == ["Seamless"]


def test_duplicate_statement_ignores_case_and_punctuation() -> None:
    text = "Objective: Grow\n  KR: Reach 500 customers\nObjective: Sell\n  KR: reach 500 customers!\n"
    findings = check("duplicate-statement", text)
    assert [f.span.start.line for f in findings] == [4]
    assert "line 2" in findings[0].message


def test_duplicate_statement_allows_a_key_result_that_adds_a_number_to_its_objective() -> None:
    assert check("duplicate-statement", "Objective: Grow revenue\n  KR: Grow revenue by 20%") == []


def test_duplicate_statement_compares_words_not_characters() -> None:
    text = "Objective: Open it\n  KR: Fine grained permissions for REST API\n  KR: Fine grained permissions for RPC API"
    assert check("duplicate-statement", text) == []
    long = "Cut the time to a first working project for new teams from 3 days to 1 day"
    text = f"Objective: Onboard\n  KR: {long}\n  KR: {long.replace('working', 'usable')}"
    assert [f.span.start.line for f in check("duplicate-statement", text)] == [3]


# --- packs --------------------------------------------------------------------------------------

PACK = """\
kind = "forbidden-words"

[rule]
code = "XX001"
name = "no-synergy"
summary = "No synergy."

[[words]]
word = "synergy"
suggestion = "Say what changes."
"""


def test_a_pack_becomes_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    rule = load_pack(path)
    assert (rule.code, rule.name, rule.severity, rule.scope) == ("XX001", "no-synergy", "warning", "document")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (('kind = "forbidden-words"', ""), "kind: is missing"),
        (('kind = "forbidden-words"', 'kind = "existence"'), "kind: 'existence' is not a kind"),
        (('suggestion = "Say what changes."', ""), "words[1].suggestion: is missing"),
        (('summary = "No synergy."', 'summary = "No synergy."\nsevere = "error"'), "rule.severe: is not a key"),
        (('code = "XX001"', 'code = "x1"'), "rule.code: String should match pattern"),
        (('word = "synergy"', 'word = "syn*ergy"'), "words[1].word: '*' may only end a word"),
        (('kind = "forbidden-words"', 'kind = "forbidden-words"\nmessage = "{wrod}"'), "message: has an unknown"),
        (('name = "no-synergy"', 'name = "no-synergy'), "is not valid TOML"),
    ],
)
def test_a_malformed_pack_names_the_file_and_the_key(tmp_path: Path, change: tuple[str, str], error: str) -> None:
    path = tmp_path / "pack.toml"
    path.write_text(PACK.replace(*change), encoding="utf-8")
    with pytest.raises(PackError) as raised:
        load_pack(path)
    assert str(raised.value).startswith(f"{path}: ")
    assert error in str(raised.value)
