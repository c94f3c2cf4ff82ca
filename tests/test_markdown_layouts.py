"""Pages laid out without labels: the layout evidence and the structure it gives, on real pages
of other organisations (tests/data/docs) and on small pages built from real lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goallint.checks.periods import fiscal_year
from goallint.model import Document
from goallint.outline import render_outline
from goallint.syntax.markdown import parse_markdown
from goallint.syntax.markdown.evidence import (
    grade_of,
    is_bold_lead,
    is_generic_heading,
    is_goal_section,
    is_metadata,
    is_period_name,
    is_toc_entry,
    owner_prefix,
)
from goallint.syntax.markdown.period import dates_in, fiscal_start, from_dates, in_title
from goallint.syntax.okr import parse_okr

DOCS = Path(__file__).resolve().parent / "data" / "docs"


def parse(text: str) -> Document:
    return parse_markdown(text, "plan.md")


def structure(document: Document) -> tuple[set[int], dict[int, int]]:
    """Objective lines and {key result line: its objective's line}, as the structure scorer reads them."""
    objectives = {o.line_span.start.line for o in document.objectives if o.line_span}
    results = {
        kr.line_span.start.line: o.line_span.start.line
        for o in document.objectives if o.line_span for kr in o.key_results if kr.line_span
    }
    return objectives, results


# --------------------------------------------------------------------------- real pages


def _gold(folder: str) -> list[dict[str, object]]:
    lines = (DOCS / folder / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("gold", _gold("tune"), ids=lambda gold: str(gold["file"]))
def test_real_page_is_read_wholly_right(gold: dict[str, object]) -> None:
    text = (DOCS / "tune" / str(gold["file"])).read_text(encoding="utf-8")
    document = parse_markdown(text, str(gold["file"]))
    unscored = set(gold.get("unscored_lines") or [])  # type: ignore[call-overload]
    objectives, results = structure(document)
    expected_objectives = {o["line"] for o in gold["objectives"]}  # type: ignore[attr-defined]
    expected_results = {kr["line"]: o["line"] for o in gold["objectives"] for kr in o["key_results"]}  # type: ignore[attr-defined]
    assert objectives - unscored == expected_objectives
    assert {line: o for line, o in results.items() if line not in unscored} == expected_results
    # only what the page really leaves broken ("**Objective:**" with nothing after it)
    assert [p.span.start.line for p in document.syntax_errors] == gold.get("problem_lines", [])
    if gold.get("period"):
        assert document.period is not None and document.period.label == gold["period"]


def test_go_ipfs_priority_codes_and_handles_are_not_the_statement() -> None:
    text = (DOCS / "tune" / "kubo_2018_q4_okrs.md").read_text(encoding="utf-8")
    document = parse_markdown(text, "OKR.md")
    first = document.objectives[0]
    assert first.text == "go-ipfs handles large datasets (1TB++) without a sweat"
    assert first.key_results[0].text.startswith("It takes less than 48 hours to transfer 1TB dataset")
    core_api = document.objectives[2].key_results[0]
    assert core_api.text.startswith("The Core API is finalized and released")


def test_gitlab_period_sentence_sets_the_fiscal_year() -> None:
    text = (DOCS / "tune" / "gitlab_fy21_q3_okrs.md").read_text(encoding="utf-8")
    document = parse_markdown(text, "index.html.md")
    assert document.period is not None
    # the title names FY21-Q3; the sentence says it runs August to October: a February fiscal year
    period = document.period
    assert (period.label, period.start, period.end) == ("FY21-Q3", "2020-08-01", "2020-10-31")
    assert document.period.source == "title"
    iacv = document.objectives[0]
    assert (iacv.label, iacv.text) == ("O1", "IACV")
    assert iacv.owner is not None and iacv.owner.text == "CEO"
    kr = iacv.key_results[0]
    assert kr.owner is not None and kr.owner.text == "CEO"
    assert kr.text.startswith("Achieve a CAC Revenue Ratio")


# --------------------------------------------------------------------------- layouts, by class


HANDBOOK = """\
# Platform Priorities 2025

## Table of contents

- [Objective 1: Grow revenue](#1-ceo-grow-revenue)
- [Objective 2: Grow pipeline](#2-marketing-grow-pipeline)

## 1. CEO: Grow revenue

1. **CEO KR:** Reach $10M ARR
2. **VP Eng KR:** Ship the new billing system by June
3. Head of Design, Web KR: Redesign the pricing page
4. Sales (Deal Optimization) KR: Close 20 enterprise deals
5. [Finance] KR: Cut close time from 10 to 5 days

### 2. Marketing — Grow pipeline

- Grow MQLs from 100 to 200 => 60% achieved
- ~~Launch the podcast~~ - DONE
- **Notes:** we might drop this
- **Tracked:** Weekly
"""


def test_numbered_owner_headings_over_owner_labelled_results() -> None:
    document = parse(HANDBOOK)
    assert document.syntax_errors == []
    assert [(o.label, o.text) for o in document.objectives] == [("O1", "Grow revenue"), ("O2", "Grow pipeline")]
    assert [o.owner.text if o.owner else None for o in document.objectives] == ["CEO", "Marketing"]
    first = document.objectives[0]
    assert [kr.text for kr in first.key_results] == [
        "Reach $10M ARR", "Ship the new billing system by June", "Redesign the pricing page",
        "Close 20 enterprise deals", "Cut close time from 10 to 5 days",
    ]
    assert [kr.owner.text if kr.owner else None for kr in first.key_results] == [
        "CEO", "VP Eng", "Head of Design, Web", "Sales (Deal Optimization)", "Finance",
    ]


def test_grading_notes_and_metadata_bullets_are_not_part_of_items() -> None:
    pipeline = parse(HANDBOOK).objectives[1]
    # the table of contents above mentions "Objective 1: …": its links are not objectives
    assert [kr.text for kr in pipeline.key_results] == ["Grow MQLs from 100 to 200", "Launch the podcast"]
    grow = pipeline.key_results[0]
    assert grow.measure.target is not None and grow.measure.target.value == 200


def test_period_from_a_title_with_a_planning_word() -> None:
    document = parse(HANDBOOK)
    assert document.period is not None
    assert (document.period.label, document.period.source) == ("2025", "title")
    assert document.period.span.start.line == 1
    assert "period 2025 (2025-01-01 to 2025-12-31; from the title, line 1)" in render_outline(document)


def test_period_from_a_sentence_gives_the_fiscal_year_start() -> None:
    text = ("# Growth team\n\nThis quarter will run from February 1, 2022 to April 30, 2022.\n\n"
            "## Objective: Grow\n\n- KR: Reach 10 customers by the end of the quarter\n")
    document = parse(text)
    assert document.period is not None
    period = document.period
    assert (period.label, period.start, period.end) == ("FY23-Q1", "2022-02-01", "2022-04-30")
    assert document.period.source == "sentence"
    assert text[document.period.span.start.offset:document.period.span.end.offset] == (
        "February 1, 2022 to April 30, 2022")
    deadline = document.objectives[0].key_results[0].deadline
    assert deadline is not None and deadline.date == "2022-04-30"


def test_a_configured_fiscal_year_wins_over_the_sentence() -> None:
    text = "# OKRs\n\nThis quarter runs from 2022-02-01 to 2022-04-30.\n\n## Objective: Grow\n"
    document = parse_markdown(text, "plan.md", fy_start_month=11)
    # a November fiscal year: FY22 runs from November 2021 to October 2022, February is its Q2
    assert document.period is not None and document.period.label == "FY22-Q2"
    assert (document.period.start, document.period.end) == ("2022-02-01", "2022-04-30")


def test_period_line_wins_over_the_title() -> None:
    document = parse("# Q3 2019 goals\n\nperiod: 2019-Q4\n\n## Objective: Grow\n")
    assert document.period is not None and (document.period.label, document.period.source) == ("2019-Q4", "period")


def test_graded_sequence_of_paragraphs_with_priority_prefixes() -> None:
    # Chromium animations team: objectives as paragraphs, results as "P1 - …" paragraphs with scores
    text = ("# Animation OKRs\n\n**2019 Q4**\n\nImplement the existing standards 0.75\n\n"
            "P1 - Implement Web Animations v1 in Q1 (M82) 0.6\n\nP2 - Stabilize Scroll Snap 0.9\n\n"
            "*Measure is: 1 - (bugs at end / bugs at start)*\n\n"
            "Team Velocity #Velocity\n\nP1 - Reduce bug count by 25% 0.2\n")
    document = parse(text)
    assert [o.text for o in document.objectives] == ["Implement the existing standards", "Team Velocity"]
    assert [kr.text for kr in document.objectives[0].key_results] == [
        "Implement Web Animations v1 in Q1 (M82)", "Stabilize Scroll Snap"]
    cut = document.objectives[1].key_results[0]
    assert cut.text == "Reduce bug count by 25%"
    assert cut.measure.change is not None and cut.measure.change.value == 25


def test_results_as_headings_one_level_above_their_objective() -> None:
    # Chromium input team: "### Objective 0.40" over "## Result P1 0.70" headings, wrapped onto a second line
    text = ("# 2015 OKRs\n\n## 2015 Q4 0.54\n\n### Improve input latency 0.40\n\n"
            "## Get EventListenerOptions into official DOM event spec P1 0.70\n\n"
            "## All touch latency UMA regressions have owners within 3 weeks. P3\n1.00\n\n"
            "### Eliminate developer pain points 0.56\n\n## Fix at least 150 Hotlist-Input-Dev bugs P1 0.60\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {5, 12}
    assert results == {7: 5, 9: 5, 14: 12}
    assert document.objectives[0].key_results[1].text == "All touch latency UMA regressions have owners within 3 weeks."


def test_results_as_headings_one_level_below_and_code_indented_sections() -> None:
    # a converted page indents everything: Markdown shows it as code, a reader sees headings
    text = ("# Platform predictability OKRs\n\n## 2016 Q3\n\n    ### Improve interop testing\n\n"
            "    Invest in a high quality test suite.\n\n        #### Imports happening daily\n\n"
            "        *   Add a builder which tries to update\n        *   Add a script to trigger try jobs\n\n"
            "        #### Eliminate csswg-test build step\n\n        Test harness runs unbuilt tests\n\n"
            "        #### Eliminate csswg-test pull-request backlog\n\n        32 as of 6/20\n")
    document = parse(text)
    assert [o.text for o in document.objectives] == ["Improve interop testing"]
    assert [kr.text for kr in document.objectives[0].key_results] == [
        "Imports happening daily", "Eliminate csswg-test build step", "Eliminate csswg-test pull-request backlog"]
    assert document.period is not None and document.period.label == "2016-Q3"


def test_a_table_flattened_into_nested_bullets() -> None:
    text = ("List of objectives and key results for 2015 Q4.\n\n## Overview\n\n"
            "*   Objective / Key Result Owner(s) Score\n*   Code health\n"
            "    *   [Remove simple text](#o2r2) eae, drott 0.90\n"
            "    *   [Finish wrapping block layout in an\n                API](#o2r4) leviw 0.70\n"
            "*   Bug Health\n    *   [Reduce untriaged bug count by 50%](#o3r2) eae 1.00\n\n"
            "## Details\n\n### Remove simple text\n\nOwner(s):eae\nScore:0.90\n")
    objectives, results = structure(parse(text))
    assert objectives == {6, 10}
    assert results == {7: 6, 8: 6, 11: 10}


def test_a_plain_list_under_a_goals_heading_is_a_list_of_objectives() -> None:
    document = parse("# Team page\n\n## Q2 goals\n\n- Linux64 nightlies published\n- Mac signing\n")
    assert [o.text for o in document.objectives] == ["Linux64 nightlies published", "Mac signing"]


def test_prose_sections_of_an_okr_page_are_not_objectives() -> None:
    text = ("# OKRs\n\n## How we grade\n\n- 0.7 is a good score\n- 1.0 means we aimed too low\n\n"
            "## Links\n\n- [Previous quarter](2019-q3.md)\n- [Next quarter](2020-q1.md)\n")
    assert parse(text).objectives == []


def test_labelled_pages_keep_their_labels() -> None:
    # a page that labels its objectives: unlabelled headings with bullets are not objectives
    text = ("# OKRs\n\n## Objective: Grow revenue\n\n- KR: Reach $1M ARR\n\n"
            "## Process\n\n### Planning week\n\n- Draft the OKRs\n- Review them\n\n"
            "### Grading week\n\n- Score each KR\n- Publish the scores\n")
    document = parse(text)
    assert [o.text for o in document.objectives] == ["Grow revenue"]


# --------------------------------------------------------------------------- evidence, one class each


@pytest.mark.parametrize(("text", "statement", "score", "priority"), [
    ("Fix impactful bugs P1 0.60", "Fix impactful bugs", True, "suffix"),
    ("Improve input latency and smoothness 0.40", "Improve input latency and smoothness", True, ""),
    ("P1 - Ship Viz Hit Testing V2 1.0", "Ship Viz Hit Testing V2", True, "prefix"),
    ("PX @magik6k - The Core API is finalized", "The Core API is finalized", False, "prefix"),
    ("Team Velocity #Velocity", "Team Velocity", False, ""),
    ("Grow MQLs from 100 to 200 => 60% achieved", "Grow MQLs from 100 to 200", True, ""),
    ("Launch the podcast - DONE", "Launch the podcast", True, ""),
    ("Keep the error rate below 0.40", "Keep the error rate below 0.40", False, ""),
    ("Run GitLab.com more efficiently.Issue 8303", "Run GitLab.com more efficiently", False, ""),
    ("Harden the renderer (crbug.com/848778) P3 0.20", "Harden the renderer", True, "suffix"),
    ("Simplified UX (ipfs-companion/#324 ipfs-companion/#342)", "Simplified UX", False, ""),
    ("Fix the login bug #123", "Fix the login bug", False, ""),
    ("Be the #1 tool for search", "Be the #1 tool for search", False, ""),
    ("Reach rank #10", "Reach rank #10", False, ""),
    ("Close issue 42", "Close issue 42", False, ""),
    ("Hire 1", "Hire 1", False, ""),
])
def test_grade_of(text: str, statement: str, score: bool, priority: str) -> None:
    grade = grade_of(text)
    assert (text[grade.start:grade.end], grade.score, grade.priority) == (statement, score, priority)


def test_a_bare_score_needs_a_graded_page() -> None:
    grade = grade_of("Improve input latency 0.40", scores=False)
    assert grade.end == len("Improve input latency 0.40") and not grade.score


@pytest.mark.parametrize(("text", "owner"), [
    ("CFO: Grow net revenue", "CFO"), ("Marketing — Grow pipeline", "Marketing"),
    ("[Finance] Close the books faster", "Finance"), ("Head of Design, Web: Ship the redesign", "Head of Design, Web"),
    ("Grow revenue: by selling more", None), ("Objective: Grow", None),
])
def test_owner_prefix(text: str, owner: str | None) -> None:
    match = owner_prefix(text)
    assert (match and (match["tag"] or match["who"])) == owner


@pytest.mark.parametrize(("text", "expected"), [
    ("2015 Q4 0.54", True), ("2020 Q1", True), ("FY23-Q1 OKRs", True), ("2024 OKRs", True),
    ("Improve Q3 revenue", False), ("Code Health 1.00", False),
])
def test_is_period_name(text: str, expected: bool) -> None:
    assert is_period_name(text) is expected


def test_small_recognisers() -> None:
    assert is_generic_heading("On this page") and is_generic_heading("Details")
    assert not is_generic_heading("Be profitable")
    assert is_goal_section("Q2 goals") and is_goal_section("Platform Priorities 2025")
    assert not is_goal_section("Grow our goals in the enterprise market segment")
    assert is_metadata("Notes: we might drop this") and is_metadata("Tracked: Weekly") and is_metadata("Final Score")
    assert not is_metadata("Grow MQLs from 100 to 200")
    assert is_toc_entry("[Objective 1: Grow revenue](#objective-1)") and not is_toc_entry("[Grow](https://x.org) by 5%")
    assert is_bold_lead("**Get the [Brave](https://brave.com) integration released**")
    assert is_bold_lead("**Set up `arewedistributedyet.com` as a call to action.** ([#24](https://github.com/x/y/24))")
    assert not is_bold_lead("**Owner:** Dana and the growth team")


def test_period_helpers() -> None:
    found = in_title("Platform Priorities 2025", 1)
    assert found is not None and found.period.label == "2025"
    assert in_title("OKRs (2020 Set 1)", 1) is None  # a part of 2020, not the year
    span = dates_in("This quarter will run from February 1, 2022 to April 30, 2022.")
    assert span is not None and span[:2] == (span[0].replace(2022, 2, 1), span[1].replace(2022, 4, 30))
    first, last = span[0], span[1]
    assert fiscal_start(first, last, None) == 2
    period = from_dates(first, last, 2)
    assert period is not None and period.label == "FY23-Q1"


def test_a_period_of_its_own_dates_in_a_start_and_end_sentence() -> None:
    # World Change's page (heldout2): day-first dates that are neither a quarter nor a half
    document = parse(
        "# Our OKRs\n\n## Time horizon\nWe define the first OKRs on a three-month basis. Start for the first "
        "period is 23.11.2020. End is 28.02.2021.\n\n### Objective 1\nGrow the community\n\n"
        "* Reach 10,000 followers by the end of the period\n"
    )
    period = document.period
    assert period is not None
    assert (period.label, period.start, period.end, period.source) == (
        "23.11.2020-28.02.2021", "2020-11-23", "2021-02-28", "sentence")
    deadline = document.objectives[0].key_results[0].deadline
    assert deadline is not None and deadline.date == "2021-02-28"


@pytest.mark.parametrize(("sentence", "label", "start", "end"), [
    ("Start date: 1 March 2021, end date: 15 May 2021.", "1 March 2021 to 15 May 2021", "2021-03-01", "2021-05-15"),
    ("The cycle runs from 2021-03-08 to 2021-06-04.", "2021-03-08 to 2021-06-04", "2021-03-08", "2021-06-04"),
    # a whole quarter keeps its name
    ("This cycle runs from 01.01.2022 to 31.03.2022.", "2022-Q1", "2022-01-01", "2022-03-31"),
])
def test_a_sentence_with_the_periods_dates(sentence: str, label: str, start: str, end: str) -> None:
    document = parse(f"# Team OKRs\n\n{sentence}\n\n## Objective: Grow\n\n- KR: Raise NPS from 30 to 45\n")
    period = document.period
    assert period is not None and (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize("sentence", [
    "Start for the first period is 31.11.2020. End is 28.02.2021.",  # no 31 November
    "Start is 28.02.2021. End is 23.11.2020.",  # ends before it starts
    "We started on 23.11.2020 and met on 28.02.2021.",  # dates, but not a start and an end
])
def test_dates_that_are_no_period(sentence: str) -> None:
    assert parse(f"# Team OKRs\n\n{sentence}\n\n## Objective: Grow\n\n- KR: Ship it\n").period is None


@pytest.mark.parametrize(("written", "label", "start", "end"), [
    ("23.11.2020-28.02.2021", "23.11.2020-28.02.2021", "2020-11-23", "2021-02-28"),
    ("2021-08-01 to 2021-10-31", "2021-08-01 to 2021-10-31", "2021-08-01", "2021-10-31"),
    ("2026-07-01 to 2026-09-30", "2026-Q3", "2026-07-01", "2026-09-30"),
])
def test_a_period_line_may_give_its_dates(written: str, label: str, start: str, end: str) -> None:
    for document in (parse(f"period: {written}\n\n## Objective: Grow\n\n- KR: Ship it\n"),
                     parse_okr(f"period: {written}\n\nObjective: Grow\n  KR: Ship it\n", "plan.okr")):
        assert document.syntax_errors == []
        period = document.period
        assert period is not None and (period.label, period.start, period.end) == (label, start, end)


def test_a_period_of_its_own_dates_names_no_year_for_comparing_plans() -> None:
    assert fiscal_year(parse("period: 23.11.2020-28.02.2021\n\n## Objective: Grow\n")) is None
    assert fiscal_year(parse("period: FY27 Q1\n\n## Objective: Grow\n")) == 2027


# --------------------------------------------------------------------------- inputs built to be slow


@pytest.mark.parametrize("unit", ["<!--a ", "<?a ", "<![CDATA[a ", "<!A ", "[", "*a _b ", "`" * 7 + "a"])
def test_unclosed_markup_keeps_the_statement(unit: str) -> None:
    """Thousands of unclosed openers in one statement (read in one pass: bench figures in the
    report) leave the statement's own words and its target in place."""
    document = parse("# OKRs\n\n## Objective: Grow\n\n- KR: Reach 10 customers " + unit * 3000 + "\n")
    kr = document.objectives[0].key_results[0]
    assert kr.text.startswith("Reach 10 customers")


MEASURES = """\
# Council Plan performance measures

## Priority 1: Thriving local economy

| Measure | Baseline | Target | Year | Owner |
|---|---|---|---|---|
| Number of new business start-ups | 1,200 | 1,500 | 2025 | Economy team |
| Percentage of residents in employment | 72% | ≥ 75% | 2026 | |

## Service KPIs

| KPI | Target | Frequency | Source |
|---|---|---|---|
| Calls answered within 60 seconds | 90% | Monthly | Contact centre system |
"""


def test_a_measure_table_under_a_numbered_priority() -> None:
    document = parse(MEASURES)
    assert document.syntax_errors == []
    (priority,) = document.objectives
    assert (priority.label, priority.text) == ("O1", "Thriving local economy")
    starts, employment = priority.kpis
    assert starts.name == "Number of new business start-ups"
    assert starts.measure.baseline is not None and starts.measure.baseline.value == 1200
    assert starts.measure.target is not None and starts.measure.target.value == 1500
    assert starts.measure.direction == "increase"
    assert starts.deadline is not None and starts.deadline.date == "2025-12-31"
    assert starts.owner is not None and starts.owner.text == "Economy team"
    assert MEASURES[starts.measure.baseline.span.start.offset:starts.measure.baseline.span.end.offset] == "1,200"
    assert employment.measure.target is not None and employment.measure.target.comparator == ">="


def test_a_kpi_table_names_target_cadence_and_source_by_its_headings() -> None:
    (calls,) = parse(MEASURES).kpis
    assert calls.name == "Calls answered within 60 seconds"
    # the target column is the target, not the number inside the measure's name
    assert calls.measure.target is not None and (calls.measure.target.value, calls.measure.target.unit) == (90, "%")
    assert calls.cadence is not None and calls.cadence.every == "monthly"
    assert calls.source is not None and calls.source.text == "Contact centre system"


def test_bullets_under_a_key_result_heading_are_its_details() -> None:
    text = ("# OKRs\n\n## Objective: Grow\n\n### KR1: Reach $1M ARR\n\n- details of how\n\n"
            "### KR2: Sign 10 customers\n")
    (grow,) = parse(text).objectives
    assert [kr.text for kr in grow.key_results] == ["Reach $1M ARR", "Sign 10 customers"]


def test_objectives_as_numbered_items_and_as_headings_under_an_objectives_section() -> None:
    items = ("# Team\n\n## Q3 Objectives\n\n1. Grow revenue\n   - Reach $1M ARR\n"
             "2. Improve reliability\n   - Reach 99.9% uptime\n")
    headings = ("# Team plan\n\n## Objectives\n\n### Grow revenue\n\n- Reach $1M ARR\n\n"
                "### Improve reliability\n\n- Reach 99.9% uptime\n")
    for text in (items, headings):
        document = parse(text)
        assert [(o.text, [kr.text for kr in o.key_results]) for o in document.objectives] == [
            ("Grow revenue", ["Reach $1M ARR"]), ("Improve reliability", ["Reach 99.9% uptime"])]


def test_pages_that_are_not_plans_give_nothing() -> None:
    readme = "# My project\n\n## Install\n\n- pip install x\n- run it\n\n## Usage\n\n- call foo\n- call bar\n"
    process = ("# How we do OKRs\n\nOur OKRs are set quarterly.\n\n## Planning\n\n- Draft objectives\n- Review them\n\n"
               "## Grading\n\n- Score each key result 0 to 1\n- Share the scores\n")
    assert parse(readme).objectives == [] and parse(process).objectives == []


# ------------------------------------------------------------------ fourth batch (VA.gov, source{d}, CHAOSS)


def test_an_owner_or_team_in_front_of_the_objective_or_key_result_label() -> None:
    """"## OCTO Objective 1: Better experiences." (an agency's cascade) and "### Company key
    result: Close the funding round" (a company's OKRs): the team is the owner, never the text."""
    text = ("# Mobile OKRs 2024\n\n## OCTO Objective 1: Better experiences.\n\n"
            "* Our platforms power twice as many interactions compared to last year.\n\n"
            "## Company objective: Have a healthy financial status\n\n"
            "### Company key result: Close the funding round\n\nInitiative: Advance talks with investors\n")
    octo, company = parse(text).objectives
    assert (octo.text, octo.owner and octo.owner.text) == ("Better experiences.", "OCTO")
    (platforms,) = octo.key_results
    assert platforms.text == "Our platforms power twice as many interactions compared to last year."
    assert (company.text, company.owner and company.owner.text) == ("Have a healthy financial status", "Company")
    (funding,) = company.key_results  # the initiative under it is not a key result
    assert (funding.text, funding.owner and funding.owner.text) == ("Close the funding round", "Company")


def test_prose_that_mentions_an_objective_is_not_a_label() -> None:
    text = ("# OKRs\n\n## Objective: Grow\n\n- KR: Reach 10 customers\n\n"
            "This objective: has four KRs.\n\nThe key result: is where we will have the biggest impact.\n")
    (grow,) = parse(text).objectives
    assert [kr.text for kr in grow.key_results] == ["Reach 10 customers"]


def test_labelled_key_results_indented_as_code_under_their_objective() -> None:
    """"Objective 2: …" over "    KR1: All tasks are defined" (4 spaces: a code block to
    CommonMark), the lines indented further being the key result's details."""
    text = ("# Team OKRs 2024\n\nObjective 2: Increase the number of tasks completed\n\n"
            "    KR1: All tasks are defined\n        e.g. onboarding, documentation\n"
            "    KR2: Number of tasks completed is increased by 25%\n\n"
            "Objective 3: Improve Veteran Satisfaction\n\n    KR1: App store rating remains above 4.8\n")
    tasks, satisfaction = parse(text).objectives
    assert [kr.line_span.start.line for kr in tasks.key_results if kr.line_span] == [5, 7]
    assert tasks.key_results[1].text == "Number of tasks completed is increased by 25%"
    assert [kr.text for kr in satisfaction.key_results] == ["App store rating remains above 4.8"]


CASCADE = """\
# OKRs 2019 Q1

## Bring 'Code as Data' to market with enterprises

### Enable engine integration with 3rd parties

- [ ] gitbase-spark-connector SQL 3rd party interop [P0][DP]

### Increase number of algorithms we can run

- [ ] Support for git diff tree [P0][DP]

### Get bblfsh ready for wide language support

- [ ] Make UAST v2 the standard interface for Babelfish [P0][LA]

## Improve the 'Code as Data' individual user experience

## Store the world's source code

### Improve borges storage

- [ ] Research distributed storage alternatives [P2][INFRA][DR]
"""


def test_a_cascade_of_unlabelled_goal_headings() -> None:
    """Headings worded as goals over headings that are goals over their results (a company's
    cascaded OKRs): every level is an objective, the last sub-heading of each as well as the
    others, and a goal heading with nothing under it among them too."""
    document = parse(CASCADE)
    objectives, results = structure(document)
    assert objectives == {3, 5, 9, 13, 17, 19, 21}
    assert results == {7: 5, 11: 9, 15: 13, 23: 21}


def test_a_team_heading_over_goal_headings_is_not_a_goal() -> None:
    text = CASCADE.replace("## Store the world's source code", "## Infrastructure team")
    objectives, _ = structure(parse(text))
    assert 19 not in objectives and {3, 21} <= objectives


def test_an_empty_numbered_goal_heading_among_goals() -> None:
    """"### Goal #0: Make the boundaries … clear" with nothing under it, beside goals with
    "* We are aiming to …" bullets (a working group's roadmap), its bullets' wrapped lines kept."""
    text = ("# Roadmap: WG Goals for 2019\n\n## Risks:\n\n* No one wants to use the metrics.\n\n## Goals\n\n"
            "### Goal #0: Make the boundaries of the focus area clear\n\n### Goal #1: Fully implemented focus areas\n\n"
            "* We are aiming to have one focus area implemented from top to bottom\nby February.\n\n"
            "* We are aiming to release version 1 of the metrics by Summer.\n\n"
            "### Goal #2: Grow the work group\n\n* We are aiming to recruit more contributors.\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {9, 11, 18}
    assert results == {13: 11, 16: 11, 20: 18}
    assert document.objectives[1].key_results[0].text.endswith("by February.")


# ------------------------------------------------------------------ fifth batch (Joystream, Countable, SciLifeLab)


def test_status_marks_and_emoji_before_a_label() -> None:
    """"## !WIP! :construction_worker: Objective: `Launch …`" (a project's live OKRs): the marks
    are not the objective, and the label still makes it one."""
    for mark in ("!WIP! :construction_worker: ", "🚧 ", "[WIP] "):
        (objective,) = parse(f"# OKRs\n\n## {mark}Objective: `Launch the video platform`\n\n"
                             "- KR: Reach 100 publishers\n").objectives
        assert objective.text == "Launch the video platform"
        assert [kr.text for kr in objective.key_results] == ["Reach 100 publishers"]


ROME = """\
# Release OKRs

## Objective: `Introduce a Better Content System`
- **Active from:** 20.08.19
- **KR Measurement Deadline**: 7 days after Rome launch
- **Tracking Manager**: Martin
- **Key Results**:
  1. `Members can publish content under a Content Creator profile.`

  2. `Launch with 3 content types.`

#### Tracking

| Date         | KR #1 | KR #2 |      Comments          |
|--------------|:-----:|:-----:|------------------------|
| 27.08.19     | 0.04  | 0.11  |     Weighting v0       |
"""


def test_notes_beside_the_key_results_item_and_a_tracking_table_are_not_results() -> None:
    """Beside "- **Key Results**:" over the numbered results, the other bullets are notes about
    the objective; a table of scores with a column for each key result is tracking."""
    (objective,) = parse(ROME).objectives
    assert [kr.line_span.start.line for kr in objective.key_results if kr.line_span] == [8, 10]
    assert objective.key_results[1].text == "Launch with 3 content types."


def test_points_of_an_argument_with_sub_points_are_not_objectives() -> None:
    """A decision record's discussion: long bullets of several sentences, or ending in "because:",
    with sub-points under them, are an argument, not goals over their results."""
    text = ("# Plan for 2024: Objectives and Key Results\n\n## Context\n\n"
            "- Implementing it would require a front-end developer. We have been waiting for one for long.\n"
            "  - Even if one was hired during 2024, a complete reset of the frontend is not a good idea.\n"
            "- If we did it without one, we would need to duplicate all of the API code, because:\n"
            "  - Calling the API endpoints from the Flask routes does not work.\n"
            "  - Moving the API code is too much work.\n")
    assert parse(text).objectives == []


# ------------------------------------------------------------------ sixth batch (TODO Group, publiccode.net, Refocus)


def test_emoji_and_status_marks_before_goal_headings() -> None:
    """"# 🧩 TODO Strategic Goals" over "## Steering Committee SG:" over "### ➡️ Grow the
    community" and its bullets (a foundation's goals): the marks hide neither the page's subject
    nor the goal, and the team heading over the goals is not one."""
    text = ("# 🧩 TODO Strategic Goals\n\n# 📌[PROPOSED] 2022\n\n## Steering Committee SG:\n\n"
            "### ➡️ Cultivate growth and adoption of OSPOs\n\n- Host 8 OSPOlogy sessions\n\n"
            "### ➡️ Grow the community\n\n- Cultivate relationships with other communities\n\n"
            "### ➡️ Create value for all members\n\n- Run 2 TODO Satisfaction Surveys, >80% satisfaction\n")
    document = parse(text)
    assert [o.text for o in document.objectives] == [
        "Cultivate growth and adoption of OSPOs", "Grow the community", "Create value for all members"]
    assert [kr.line_span.start.line for o in document.objectives for kr in o.key_results if kr.line_span] == [9, 13, 17]


def test_a_table_of_ambitions_and_the_quarter_goals_toward_them() -> None:
    """"One year ambition | Q4 2021 goal": each row an objective and its key result (on the same
    line); an HTML list in a cell reads as words, not run together; a row with no goal is an
    objective alone."""
    text = ("# End of year goals\n\n| One year ambition | Q4 2021 goal |\n|---|---|\n"
            "| Launch formal process stewardship practice | <ol><li>Clean up our documentation</li>"
            "<li>Outline a certification process</li></ol> |\n"
            "| Help a codebase become its own foundation |  |\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {5, 6} and results == {5: 5}
    assert document.objectives[0].key_results[0].text == "Clean up our documentation Outline a certification process"


V2MOM = """\
# Refocus V2MOM 2018 (Vision, Values, Methods, Obstacles, Metrics)

# Vision

We accelerate innovation by giving our customers an intuitive platform.

# Methods

1. Reliability: Our customers rely on Refocus 24/7. We will improve our logging.
2. Scale: We are going to support 200 million samples every day.

# Metrics

|Method |Q1 |Q2 |Q3 |Q4 |
|---    |---    |---    |---    |---    |
|1) Reliability |Improved logging   |Enhanced Monitoring    |-  |-  |
|2) Scale   |Support 100 million samples per day |- |Support 200 Million samples per day |-  |
"""


def test_a_v2mom_methods_and_the_metrics_table_that_measures_them() -> None:
    """A V2MOM's numbered methods are its objectives; the metrics table names the method each row
    measures ("1) Reliability"), and the row (where it ends up) is that method's key result. The
    title before a paragraph is no owner, and "V2MOM" holds no number for the period."""
    document = parse(V2MOM)
    objectives, results = structure(document)
    assert objectives == {9, 10} and results == {16: 9, 17: 10}
    reliability, scale = document.objectives
    assert reliability.owner is None and reliability.text.startswith("Reliability: Our customers")
    assert scale.key_results[0].text == "Support 200 Million samples per day"
    assert document.period is not None and document.period.label == "2018"


def test_a_metrics_table_naming_no_objective_of_the_page_is_not_read_as_theirs() -> None:
    text = V2MOM.replace("|2) Scale ", "|9) Growth ")
    _, results = structure(parse(text))
    assert results == {}


# ------------------------------------------------------------------ seventh batch (Mozilla Foundation wiki, Obvious)


MOFO = """\
Mozilla Foundation 2020 OKRs

OKR 1: THOUGHT LEADERSHIP: Establish Mozilla as a credible thought leader.

Responsible: Ashley Boyd

# Key Results KR Lead
1.1 Publish a whitepaper theory of change Becca Ricks
1.2 250 people and organizations participate in mapping Eeva Moore

OKR 2: DATA STEWARDSHIP: Increase the number of data stewardship innovations.

# Key Results KR Lead
2.1 $3 million raised to support data stewardship. Mark Surman
Key Activities and Deliverables for OKR 2
* Communicate the fellows' work back to Mozilla
"""


def test_a_wiki_page_converted_to_text() -> None:
    """"OKR 1: …" paragraphs, a key-results table flattened into a heading ("# Key Results KR
    Lead") over numbered rows ("1.1 …"), the title a short line before any heading; the
    activities after their lead-in line are not results."""
    document = parse(MOFO)
    objectives, results = structure(document)
    assert objectives == {3, 11} and results == {8: 3, 9: 3, 14: 11}
    first = document.objectives[0]
    assert (first.label, first.key_results[1].label) == ("O1", "KR1.2")
    assert document.period is not None and document.period.label == "2020"
    assert document.syntax_errors == []


def test_numbered_lines_are_results_only_under_the_objective_they_number() -> None:
    text = ("# Plan\n\n1.1 Background of the project\n1.2 Scope of this document\n\n"
            "OKR 2: Grow the community\n\n1.1 Something numbered for another objective\n")
    document = parse(text)
    (community,) = document.objectives
    assert community.key_results == [] and document.syntax_errors == []


# ---------------------------------------------------------- eighth batch (Rust goal slate, Wikimedia, an OKR tool)


def test_a_table_of_the_periods_goals_with_their_longer_ambition_beside_them() -> None:
    """"2024 goal | Long-term ambition | Owner": each row a goal of the half, the ambition its
    theme (no result), unlike "One year ambition | Q4 2021 goal" where the nearer goal serves
    the ambition on its left."""
    text = ("# The 2024H2 goal slate\n\n## Accepted goals\n\n| 2024 goal | Working towards | Owner |\n|---|---|---|\n"
            "| [Assemble goal slate][AGS] | Smooth project ops | [nikomatsakis][] |\n\n"
            "## Top candidate goals\n\n| 2024 goal | Long-term ambition | Owner |\n|---|---|---|\n"
            "| [Async closures and send bounds][AFE] | Async/sync parity | [tmandry][] |\n\n"
            "[AGS]: ./slate.md\n[AFE]: ./async.md\n")
    document = parse(text)
    assert [(o.text, o.key_results) for o in document.objectives] == [
        ("Assemble goal slate", []), ("Async closures and send bounds", [])]


def test_an_objective_code_and_name_over_its_numbered_results() -> None:
    """"WE1: Contributor experience" alone on its line (a wiki page's text), its statement and a
    context paragraph after it, then its key results as a numbered list."""
    text = ("Annual Plan/2023-2024/Product & Technology/OKRs\n\nObjectives and key results for the year.\n\n"
            "WE1: Contributor experience\n\nedit\n\nSupport the growth of high quality content.\n\n"
            "Context: In order to focus on one thing we need to trade off another.\n\n"
            "1. Increase unreverted mobile contributions on Wikipedias by 10%.\n"
            "2. Reduce the time to review a new article by 20%.\n")
    (objective,) = parse(text).objectives
    assert (objective.label, objective.text, objective.owner) == ("WE1", "Contributor experience", None)
    assert [kr.line_span.start.line for kr in objective.key_results if kr.line_span] == [13, 14]


# ---------------------------------------------------------- ninth batch (Code for America Network, a board decision)


def test_dot_bullets_of_a_page_converted_to_text() -> None:
    """"  • KR: …" as a web page's text writes a list: read as the bullets they stand for."""
    document = parse("# OKRs\n\n## Objective: Grow\n\n  • KR: Reach 10 customers\n  • KR: Sign 3 partners\n")
    assert [(kr.text, kr.line_span.start.line if kr.line_span else 0) for kr in document.objectives[0].key_results] == [
        ("Reach 10 customers", 5), ("Sign 3 partners", 6)]


def test_goals_numbered_under_a_numbered_pillar() -> None:
    """"1. Organize" over "• Goal 1a: …" and "• Goal 1b: …" (a network's goals for 2024): the
    pillar is the objective and its sub-numbered goals are its results, their details not."""
    text = ("Goals for 2024\n\n1. Organize\n\n  • Goal 1a: Scale up active volunteers from 10,000 to 20,000.\n\n"
            "    • Measure of success:\n\n      • # of active volunteers\n\n"
            "  • Goal 1b: 70 healthy brigades with an identified core team.\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {3} and results == {5: 3, 11: 3}
    first = document.objectives[0].key_results[0]
    assert (first.label, first.text) == ("KR1a", "Scale up active volunteers from 10,000 to 20,000.")


# ---------------------------------------------------------- layouts named in issue 12 and not yet met on a real page


def test_a_label_heading_over_the_paragraph_that_says_it() -> None:
    """"## Objective 1" over "Grow revenue", "### Key Result 1" over "Reach $1M ARR": one item
    on the heading's line, with the paragraph's words (not "Objective 1") as its text."""
    text = ("# OKRs\n\n## Objective 1\n\nGrow revenue\n\n### Key Result 1\n\nReach $1M ARR\n\n"
            "### Key Result 2\n\nSign 10 customers\n")
    (objective,) = parse(text).objectives
    assert (objective.label, objective.text, objective.line_span.start.line if objective.line_span else 0) == (
        "O1", "Grow revenue", 3)
    assert [(kr.label, kr.text) for kr in objective.key_results] == [
        ("KR1", "Reach $1M ARR"), ("KR2", "Sign 10 customers")]


def test_goal_and_measure_paragraphs() -> None:
    text = ("# 2024 Goals\n\nGoal: Grow the community\n\nMeasure: 500 monthly active contributors\n\n"
            "Goal: Faster releases\n\nMeasure: Release every 6 weeks\n")
    document = parse(text)
    assert [(o.text, [kr.text for kr in o.key_results]) for o in document.objectives] == [
        ("Grow the community", ["500 monthly active contributors"]), ("Faster releases", ["Release every 6 weeks"])]


def test_success_metrics_under_a_heading_make_it_an_objective() -> None:
    """"### Outcome: Faster checkout" over "Success metrics:" and a list, on a page that never says
    OKRs: the heading is the objective, the list its results."""
    text = ("# Product plan H2\n\n### Outcome: Faster checkout\n\nSuccess metrics:\n- Checkout time under 30 seconds\n"
            "- Conversion from 2% to 3%\n")
    (objective,) = parse(text).objectives
    assert objective.text == "Faster checkout"
    assert [kr.text for kr in objective.key_results] == ["Checkout time under 30 seconds", "Conversion from 2% to 3%"]


def test_bold_lead_ins_with_links_under_a_title_that_names_the_okrs() -> None:
    """"# Team OKRs" over "**[Grow pipeline](…)**" and its bullets: the title's goal-list reading
    ("# Q2 goals" over a plain list, each item a goal) does not take the lead-ins' results."""
    text = ("# Team OKRs\n\n**[Grow pipeline](https://example.com/o1)**\n\n- 300 MQLs a month\n"
            "- 40% of pipeline from inbound\n\n**Improve reliability** ([#12](https://example.com/12))\n\n"
            "- 99.9% uptime\n")
    objectives, results = structure(parse(text))
    assert objectives == {3, 8} and results == {5: 3, 6: 3, 10: 8}


def test_a_heading_over_a_table_of_key_results() -> None:
    """"## Grow revenue" over "| KR | Target | Actual |" on a page of OKRs: the heading is the
    objective of the table's rows (it was a "no objective above them" problem)."""
    text = ("# Q3 OKRs\n\n## Grow revenue\n\n| KR | Target | Actual |\n|---|---|---|\n| Reach ARR | $1M | $600k |\n"
            "| Sign customers | 10 | 4 |\n")
    document = parse(text)
    assert document.syntax_errors == []
    objectives, results = structure(document)
    assert objectives == {3} and results == {7: 3, 8: 3}


def test_a_status_mark_after_an_objective_is_not_its_text() -> None:
    (objective,) = parse("# OKRs\n\n## Objective 1: Grow revenue 🟢\n\n- KR: Reach $1M ARR ✅\n").objectives
    assert objective.text == "Grow revenue"
    assert objective.key_results[0].text == "Reach $1M ARR"


# ---------------------------------------------------------- tenth batch (Kiwi TCMS roadmap 2020)


def test_goal_paragraphs_under_area_headings_of_a_blog_roadmap() -> None:
    """A blog post (Pelican's "Title:" metadata lines, no fences) naming its plan's year, setext
    headings for its areas, "**Goal:** …" paragraphs under each: the area is the objective, its
    goals the key results; the title gives the period."""
    text = ("Title: Project roadmap 2020\ndate: 2020-01-17 19:40\nauthor: Alexander Todorov\n\nHello testers,\n\n"
            "Team\n----\n\nRight now we have a core team with 6 newcomers on-boarding.\n\n"
            "**Goal:** to have a cohesive team at the end of the year which operates with\na predictable capacity.\n\n"
            "**Goal:** 1 PR/week/person as broad measure of individual performance.\n\n"
            "Technical\n---------\n\n**Goal:** all pylint issues resolved.\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {7, 17} and results == {12: 7, 15: 7, 20: 17}
    assert document.objectives[0].key_results[1].text == "1 PR/week/person as broad measure of individual performance."
    assert document.period is not None and document.period.label == "2020"


# ------------------------------------------- eleventh batch: mechanisms, not layouts (issue #12)


def test_a_line_naming_a_periods_goals_holds_them_and_is_none() -> None:
    """"OKRs for Q3 2021 to Q2 2022" and "The following are our goals for 2021:" (Tor's
    anti-censorship team), a plain "Goals for Q1 and Q2 of 2021" line (Ortelius): each names the
    goals of a period; its items are the goals, it is none itself."""
    text = ("# Team page\n\n## OKRs for Q3 2021 to Q2 2022\n\n- make Tor accessible in China\n"
            "- detect and categorize attempts to censor Tor\n\n"
            "## Development goals\n\nGoals for Q1 and Q2 of 2021\n\n1) Improve data graphs and maps\n"
            "2) Convert DMScript to Python\n")
    objectives, results = structure(parse(text))
    assert objectives == {5, 6, 12, 13} and results == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("OKRs for Q3 2021 to Q2 2022", True),
    ("The following were our goals for 2020:", True),
    ("Ortelius Development Goals for 2021", True),
    ("Q2 goals", True),
    ("OKR's 4 Key Parts:", False),  # about goals in general, no period
    ("Improve our goals process for 2021", False),  # worded as a goal
    ("Objective 1: Grow revenue in 2021", False),  # a label
    ("What are our goals for 2021?", False),
    ("Key results for Q3 2021", False),
])
def test_is_goal_section_names_a_periods_goals(text: str, expected: bool) -> None:
    assert is_goal_section(text) is expected


def test_beside_a_list_of_goals_other_headings_over_lists_are_not_goals() -> None:
    """Tor's team page lists its goals under "OKRs for …"; its meeting and volunteering sections
    (headings over bullets, even "Becoming a volunteer") are other parts of the page."""
    text = ("# IRC meetings schedule\n\nWe meet weekly to:\n\n* Make announcements to the team.\n"
            "* Coordinate code review.\n\n# Road-mapping goals\n\n## OKRs for Q3 2021 to Q2 2022\n\n"
            "- make Tor accessible in China\n- release our data and software\n\n"
            "# Becoming a volunteer\n\n* Do you know how to code? Come help us!\n"
            "* We maintain lots of documentation.\n")
    objectives, results = structure(parse(text))
    assert objectives == {12, 13} and results == {}


def test_measured_items_make_a_list_of_results_on_a_page_that_never_says_okr() -> None:
    """The fallback by evidence: a list whose items mostly read as measurable results (a metric
    with a target or a change) is a list of key results, and the heading, bold lead-in or item
    over it its objective, whatever the page calls itself."""
    text = ("# Platform team plan\n\nSome intro text.\n\n## Grow adoption\n\n"
            "- Increase weekly active users from 200 to 500\n- Reduce onboarding time from 10 days to 3\n"
            "- Publish the SDK docs\n\n## Risks\n\n- Hiring may slip by 2 months\n- Budget cut of 10%\n\n"
            "**Make support faster**\n\n- Cut first response time from 8 h to 2 h\n"
            "- Resolve 90% of tickets within 3 days\n")
    objectives, results = structure(parse(text))
    assert objectives == {5, 16} and results == {7: 5, 8: 5, 9: 5, 18: 16, 19: 16}


def test_an_item_over_measured_sub_items_is_their_objective() -> None:
    text = ("# Operations plan\n\n## Focus areas\n\n- Keep the lights on\n    - Uptime above 99.9%\n"
            "    - Error rate below 0.5%\n- Ship the new API\n    - 3 partners on the new API by June\n"
            "    - Latency under 200 ms\n\n## How we work\n\n- Meet every Monday for 30 minutes\n"
            "- Write a weekly update\n")
    objectives, results = structure(parse(text))
    assert objectives == {5, 8} and results == {6: 5, 7: 5, 9: 8, 10: 8}


def test_lists_that_measure_nothing_stay_prose() -> None:
    """Precision: a page of process lists (names, steps, questions) has nothing to find, even
    with a number here and there."""
    text = ("# How we run meetings\n\n## Agenda\n\n- Review the board for 10 minutes\n- Discuss blockers\n"
            "- Pick a note taker\n\n## Contributors\n\n- Steve Taylor\n- Sacha Wharton\n\n"
            "## Questions\n\n- What is being measured?\n- Who does this serve?\n")
    assert parse(text).objectives == []


# ---------------------------------- twelfth batch (PostHog team objectives, Data4Democracy, a guide)


def test_questions_and_examples_under_a_goal_are_not_its_results() -> None:
    text = ("# Project goals\n\n### Goal 1: Understand how the money is spent\n\nWe'll answer questions like:\n\n"
            "- Which conditions cost the most?\n- How much do people pay?\n\n"
            "### Goal 2: Understand changes over time\n\nSome examples of what we're looking for:\n\n"
            "- New medications changing habits\n- Competition between brands\n")
    objectives, results = structure(parse(text))
    assert objectives == {3, 10} and results == {}


def test_a_guide_whose_lists_speak_of_okrs_has_no_goals() -> None:
    text = ("# OKRs\n\n## The What\n\n* Objectives are ambitious\n* Key results are measurable\n\n"
            "## Leadership team\n\n* Set up objectives\n* Define key results\n\n"
            "## Pitfalls\n\n* Being granular\n* Being prescriptive\n")
    assert parse(text).objectives == []


def test_owner_headings_under_a_periods_objectives_hold_goals() -> None:
    """"## Q2 2025 Objectives" over "### Pato" over plain items: the items are the goals."""
    text = ("## Q2 2025 Objectives\n\n### Pato\n\n- Pricing changes\n- Billing runbooks and docs\n\n"
            "### Zach\n\n- Evaluate Orb\n- Spike alerts system\n")
    objectives, results = structure(parse(text))
    assert objectives == {5, 6, 10, 11} and results == {}


def test_goal_headings_with_nothing_under_them_and_the_goals_listed_before() -> None:
    text = ("## Q2 2026 Goals\n\n- Hit net revenue retention of 120%\n- Hit all team revenue goals\n\n"
            "### AI tooling\n\n**We'll know we're successful when**:\n\n### Account auditing deep dive\n\n"
            "**We'll know we're successful when**:\n")
    objectives, results = structure(parse(text))
    assert objectives == {3, 4, 6, 10} and results == {}


def test_a_disclosure_summary_heads_its_goal_and_success_criteria_are_its_results() -> None:
    text = ("## Q4 2026 objectives\n\n<details>\n<summary>Go live with Ramp and Sphere</summary>\n\n"
            "**What we'll ship:**\n- Setting up Ramp\n\n**We'll know we're successful when:**\n"
            "- Brex is fully closed down by end of Q4 2026\n\n</details>\n\n<details>\n"
            "<summary>New revenue model go live</summary>\n\n**We'll know we're successful when:**\n"
            "We report revenue fully compliant with ASC 606.\n\n</details>\n")
    objectives, results = structure(parse(text))
    assert objectives == {4, 15} and results == {7: 4, 10: 4, 18: 15}


# ------------------- thirteenth batch (Hack Club, NASA IMPACT, Wechaty, a Viva Goals guide, SAP Concur)


def test_a_guides_objectives_and_key_results_headings_are_a_glossary() -> None:
    """"## Definitions" over "### Objectives" and "### Key Results" (a guide): neither the parent nor
    the question bullets under "### Objectives" are goals."""
    text = ("# Writing OKRs\n\nOKRs align teams. Key results measure objectives.\n\n## Definitions\n\n"
            "- **Objectives** are the goal you want to achieve.\n- **Key Results** are how you'll measure it.\n"
            "- **Key Initiatives** are the tasks under them.\n\n### Objectives\n\n"
            "- Your best friend asks what you're working on. What would you say?\n"
            "- What is preventing us from achieving success?\n\n### Key Results\n\n"
            "- If Objectives are the words of a Leader, Key Results are the numbers of a Scientist.\n"
            "- The results should be clear and measurable.\n\n### The OKR Mindset\n\n"
            "1. **Remember your why**\n1. **Communicate clearly**\n")
    document = parse(text)
    assert document.objectives == [] and document.syntax_errors == []


def test_a_heading_over_topic_sub_headings_is_no_goal_over_results() -> None:
    """"## Quarterly Cadence" over "### At the beginning of each quarter" (a process page) and "## Key
    Result v.s. Initiative" over "### 1. Key Result": topics, not a goal over its results as headings."""
    text = ("# Crafting quarterly goals\n\nWe set goals every quarter.\n\n## Quarterly Cadence\n\n"
            "### At the beginning of each quarter\nYour goals should be written down.\n\n"
            "### Throughout each quarter\nUpdate your goals when they change.\n\n"
            "### At the end of each quarter\nYour manager schedules a review.\n")
    assert parse(text).objectives == []
    goal = ("# Platform OKRs\n\n## Improve interop testing\n\n### Imports happening daily\n\n"
            "### Easier contribution to the test suite\n\n### Eliminate the build step\n")
    objectives, results = structure(parse(goal))
    assert objectives == {3} and results == {5: 3, 7: 3, 9: 3}


def test_a_page_titled_objectives_keeps_its_parts_out_of_its_goals() -> None:
    """"# Quarterly Objectives" names no period: its "## Visualization" and "## Configuration" parts
    are not goals with nothing under them; the table's objectives are."""
    text = ("# Quarterly Objectives\n\nThis page tracks quarterly objectives.\n\n## Current PI: 26.2\n\n"
            "| # | Objective | Contributors |\n|---|---|---|\n| 1 | Hub Support | ana |\n"
            "| 2 | Cloud Optimized Workflows | bo |\n\n## Visualization\n\nThe charts show each repo.\n\n"
            "## Configuration\n\nObjectives are configured in a file.\n")
    objectives, _ = structure(parse(text))
    assert objectives == {9, 10}


def test_a_guides_comparison_table_is_no_table_of_goals() -> None:
    text = ("# OKR review\n\nWe use OKRs.\n\n| Difference | Outcome V.S. Output | Value V.S. Activity |\n"
            "| --- | --- | --- |\n| Key Result | What you can GET | Value-based |\n"
            "| Initiative | What you can DO | Activity-based |\n")
    assert parse(text).objectives == []


def test_sibling_headings_over_lists_need_evidence_of_goals() -> None:
    """A handbook that mentions OKRs: "## Onboarding" and "## On-call" over process bullets are
    parts of the page; headings worded as goals, or over lists that measure, are goals."""
    handbook = ("# Engineering handbook\n\nWe set OKRs every quarter.\n\n## Onboarding\n\n"
                "- Pair with a buddy for the first 2 weeks\n- Ship a small change in your first 5 days\n\n"
                "## On-call\n\n- Rotations last 7 days\n- Hand over at 10:00 on Mondays\n")
    assert parse(handbook).objectives == []
    plan = ("# Platform team OKRs\n\n## Make deploys boring\n\n- Cut deploy time from 30 to 10 minutes\n"
            "- 95% of deploys need no rollback\n\n## Community\n\n- Grow contributors from 20 to 40\n"
            "- Host 4 meetups by June\n")
    objectives, results = structure(parse(plan))
    assert objectives == {3, 8} and results == {5: 3, 6: 3, 10: 8, 11: 8}


def test_owner_headings_need_a_periods_goals_above_them() -> None:
    """"## Our goals" over "### Meetings" and "### Tools": no period's goals split by owner, so the
    items under them are not goals of their own."""
    text = ("# Team handbook\n\n## Our goals\n\n### Meetings\n\n- Standup at 9:30\n- Retro every second Friday\n\n"
            "### Tools\n\n- Linear for issues\n- Notion for docs\n")
    objectives, _ = structure(parse(text))
    assert not objectives & {7, 8, 12, 13}


def test_a_gerund_alone_names_a_topic() -> None:
    from goallint.syntax.markdown.evidence import reads_as_goal

    assert not reads_as_goal("Onboarding") and not reads_as_goal("Hiring")
    assert reads_as_goal("Being a better company to work at") and reads_as_goal("Analyze current performance limits")


def test_a_measure_with_its_target_listed_under_it_is_a_result_of_its_heading() -> None:
    """An open-source project's sustainability goals: "### Sustainable Maintainership" over a
    "Goal: …" line and "Metric: Number of maintainers." with "- Target: 2 or more" under it. The
    heading is the goal, the metric its result (on a page that never says OKR), the goal line
    says the heading again, and the Current/Target bullets are the metric's details."""
    text = ("# Sustainability Goals, Metrics, and Measurement\n\n## Goals and Metrics\n\n"
            "### Responsiveness to Community Needs\n\nMetric: Response time to triage new issues.\n\n"
            "- Current: Need to measure\n- Target: 90% of issues reviewed within 2 working days\n\n"
            "### Sustainable Maintainership\n\nGoal: The project should have a sufficient number of maintainers.\n\n"
            "Metric: Number of maintainers.\n\n- Current: 2\n- Target: 2 or more\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {5, 12} and results == {7: 5, 16: 12}
    assert [kr.text for o in document.objectives for kr in o.key_results] == [
        "Response time to triage new issues.", "Number of maintainers."]
    # a metric with no target under it, on a page about nothing planned, is only a description
    described = "# Dashboards\n\n### Latency\n\nMetric: p95 response time of the API.\n\n- Shown hourly\n"
    assert parse(described).objectives == []


def test_beside_a_listed_goal_section_a_report_of_figures_is_no_goal() -> None:
    """A project's annual review: its current goals are listed under "## Project Goals"; the
    "## DevStats" section beside it reports growth figures ("331% annual growth from 524 -> 1735"),
    which measure but are no results of a goal of that section."""
    text = ("# Annual Review\n\n## DevStats\n\nWe use the following metrics as key indicators:\n"
            "* Stargazers: 331% annual growth from 524 -> 1735.\n"
            "* Issue Creators: 500% annual growth from 45 -> 225.\n\n"
            "## Adoption\n\n* Flux\n* OpenEBS\n\n## Project Goals\n\n1. **Scalability**: Improve scalability.\n"
            "2. **Adoption**: Exceed 30% adoption by Q4 2022.\n")
    objectives, results = structure(parse(text))
    assert objectives == {16, 17} and results == {}


def test_beside_a_listed_goal_section_nested_lists_need_their_own_evidence() -> None:
    """Working-group minutes list the year's goals under "## 2023 Goals"; the events list (a date
    over "- Full paper due 9 Feb") and the discussion outline (topics over sub-topics) are no
    goals over results. An item worded as a goal over a sub-list that measures still is one."""
    minutes = ("# Minutes\n\n## Upcoming Events\n\n- 15-19 July Space Mission Challenges in Mountain View\n"
               "  - Full paper due 9 Feb\n- 1-3 Oct Digital Avionics Systems Conference\n  - Abstracts due 23 Feb\n\n"
               "## 2023 Goals\n\n- Identify the challenges to adopting Linux in aerospace\n"
               "- Recruit additional members\n\n"
               "## Discussion\n\n- Scope for feature selection\n  - Technical scope\n- Tools\n  - Qualification\n")
    objectives, results = structure(parse(minutes))
    assert objectives == {12, 13} and results == {}
    plan = ("# Minutes\n\n## 2023 Goals\n\n- Recruit additional members\n- Publish the white paper\n\n"
            "## Community work\n\n- Grow the mailing list\n  - From 40 to 80 subscribers by June\n"
            "- Improve meeting attendance\n  - Average attendance from 5 to 10 people\n")
    objectives, results = structure(parse(plan))
    assert objectives == {5, 6, 10, 12} and results == {11: 10, 13: 12}


def test_a_code_heading_and_the_labelled_paragraph_under_it_are_one_item() -> None:
    """A data team's OKRs: "### O1" and "#### O1KR1" headings over paragraphs that say their kind
    again ("_Objective_: …", "_Key Result_: …", once with the label alone on the first line):
    one item each, on the heading's line, with the paragraph's statement and the heading's label."""
    text = ("# CY22-Q2 OKRs\n## Team\n### O1\n_Objective_: Lead the design of a modern data platform\n\n"
            "#### O1KR1 \n_Key Result_: The teams have write access to a data catalog tool. [0/1]\n\n"
            "#### O1KR2 \nAny component of our cloud infrastructure can be deployed via a push-button process"
            " [2.5/4]\n\n"
            "#### O1KR3\n_Key Result_: \nKey Result 3: At least 4 analysts have merged 2 pull requests each. [1/8]\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {3} and results == {6: 3, 9: 3, 12: 3}
    (objective,) = document.objectives
    assert (objective.label, objective.text) == ("O1", "Lead the design of a modern data platform")
    assert [(kr.label, kr.text) for kr in objective.key_results] == [
        ("KR1", "The teams have write access to a data catalog tool."),
        ("KR2", "Any component of our cloud infrastructure can be deployed via a push-button process"),
        ("KR3", "At least 4 analysts have merged 2 pull requests each.")]


def test_an_objective_line_under_an_objective_heading_states_it_again() -> None:
    """"### O1 Build Data Platform" over "_Objective_: Design, implement, …" and "### OKR '2022.M1': …"
    over "**Objective: We will validate …**": one objective each, on the heading's line (its code
    its label); a numbered "Objective 2:" there is an objective of its own."""
    text = ("# OKRs\n\n### O1 Build Data Platform\n\n_Objective_: Design and maintain a modern data platform.\n\n"
            "- KR: 3 codebases deployed via CI/CD\n\n### OKR '2022.M1': \"Validate the vision\"\n\n"
            "Scope: Company-Wide\n\n**Objective: We will validate our broad vision.**\n\n#### Key Results\n\n"
            "- Monthly active projects from 10 to 20\n\n"
            "#### Timeframe for measurement\n\n- 50% of initiatives are expected to resolve by end of April 2022.\n"
            "- 100% of initiatives are expected to resolve by end of May 2022.\n\n"
            "## Objective 1: Grow revenue\n\nObjective 2: Cut costs\n\n- KR: Spend from $10k to $8k a month\n")
    document = parse(text)
    objectives, results = structure(document)
    assert objectives == {3, 9, 24, 26} and results == {7: 3, 17: 9, 28: 26}
    assert [o.label for o in document.objectives] == ["O1", "2022.M1", "O1", "O2"]


def test_a_v2mom_methods_line_over_its_list() -> None:
    """A handbook's V2MOM writes its parts as lines of their own ("Methods"), not headings: the
    methods are its goals; vision, values, obstacles and measures are not."""
    text = ("# V2MOM\n\nVision\n\n* Make other functions wildly successful\n\nValues\n\n* Trust\n* Growth\n\n"
            "Methods\n\n* Project Management: Define, scope and prioritize the right things in Q4.\n"
            "* IT systems operations: Create a catalog of all systems we use.\n\nObstacles\n\n"
            "* Resources available to tackle key projects\n\nMeasures\n\n* TBD within Q4\n")
    objectives, results = structure(parse(text))
    assert objectives == {14, 15} and results == {}


def test_progress_in_brackets_after_a_result_is_no_target() -> None:
    assert grade_of("are deployed via CI/CD. [7/14]").end == len("are deployed via CI/CD.")
    assert grade_of("the warehouse project.[30%]").end == len("the warehouse project.")
    assert grade_of("email requests take fewer than 15 minutes to satisfy []").end == len(
        "email requests take fewer than 15 minutes to satisfy")
    assert grade_of("See the note [1]").end == len("See the note [1]")  # a reference, not progress


def test_a_sentence_that_introduces_a_periods_goals_over_a_list() -> None:
    """A post writes its year's goals after a sentence that introduces them ("… six high-level
    objectives for 2012. Those objectives are:", "here are the big focuses for this year:"): the
    items are the goals, and the year there is their period. A method's rules introduced so
    ("… setting OKRs every quarter using these guidelines:") are no goals."""
    text = ("The board met in December and identified six high-level objectives for 2012. Those objectives are:\n\n"
            "  1. Improve collaboration tools on drupal.org\n"
            "  2. Organize global trainings to solve the talent issue\n")
    document = parse(text)
    objectives, _ = structure(document)
    assert objectives == {3, 4}
    assert document.period is not None and (document.period.label, document.period.source) == ("2012", "sentence")
    focuses = ("# Big Picture\n\nFor easy tracking, here are the big focuses for this year:\n\n"
               "1. Drive adoption\n2. Get ready\n")
    assert structure(parse(focuses))[0] == {5, 6}
    guide = ("Each person and team has been setting OKRs every quarter using these guidelines:\n\n"
             "  • Start with 3–5 objectives. Make them big, tough-to-achieve goals!\n"
             "  • Grade OKRs at the end of each quarter.\n")
    assert parse(guide).objectives == []


def test_a_lead_in_that_joins_the_list_above_it() -> None:
    """A web page's text with no blank line after a list: the sentence that introduces the goals
    joins the last item above it, and the goals continue the same list."""
    text = ("Topics discussed included:\n- an overview of the budget\n- the staffing needs\n"
            "Coming out of this retreat, we identified five areas that we will focus on in 2010. "
            "These items had the highest priority:\n- Completing the website redesign\n"
            "- Hiring permanent staff\n")
    document = parse(text)
    objectives, _ = structure(document)
    assert objectives == {5, 6}
    assert document.period is not None and document.period.label == "2010"


def test_a_method_pages_phases_over_steps_are_no_goals() -> None:
    """A tool's guide to running OKRs: "## Launch Phase" over "### Step 1: Establish …" headings is
    a procedure, though "Launch" is a goal's verb."""
    text = ("This document describes how to implement OKR management in agile teams.\n\n## Launch Phase\n\n"
            "### Step 1: Establish a special implementation team\n\nEstablish an OKR team.\n\n"
            "### Step 2: Determine the implementation cycle\n\nSet quarterly OKRs.\n\n## Key points\n\n"
            "When setting objectives, make sure they are:\n- Aligned with the company vision.\n"
            "- Transparent to all members.\n\nWhen setting key results, make sure they:\n"
            "- Always promote the achievement of objectives\n- Focus on 3 to 5 results\n\n## Retrospective\n\n"
            "- Objective achievement rate\n- Key direction of OKRs for the next cycle\n")
    assert parse(text).objectives == []


def test_a_title_with_a_planning_word_and_a_year_names_the_period() -> None:
    assert in_title("Our Three Big Ideas for 2022!", 1) is not None
    assert in_title("Our focus for 2023", 1) is not None
    assert in_title("Released in 2022", 1) is None


def test_a_lead_in_whose_subject_is_the_goals() -> None:
    """"The 3 goals KDE will be focusing on over the next 3 to 4 years are:" over '*' bullets whose
    text wraps onto unindented lines: each bullet is a goal."""
    text = ("Today I am proud to announce the result.\n\n"
            "The 3 goals KDE will be focusing on over the next 3 to 4 years are:\n"
            "* Top-notch usability and productivity for basic software: We want our\nusers to love our software.\n"
            "* Privacy Software: A central part of our vision for the future is\nprivacy.\n")
    objectives, _ = structure(parse(text))
    assert objectives == {4, 6}


def test_goal_names_kept_as_lines_after_a_sentence_that_counts_them() -> None:
    """A web page as text: "To guide our work we have selected 3 goals to focus on over the next
    couple of years.", then each goal's name as a short line of its own over paragraphs about it.
    An image's caption at the end, over no prose, is no goal; nor are such lines where the page
    counts no goals."""
    prose = "This goal will prioritize tracking down and fixing the issues that keep our software from parity."
    text = ("KDE's Goals\n\nTo guide our work we have selected 3 goals to focus on over the next couple of years.\n\n"
            f"KDE is All About the Apps\n\n{prose}\n\nWayland\n\n{prose}\n\nWayland logo\n")
    objectives, _ = structure(parse(text))
    assert objectives == {5, 9}
    uncounted = f"About us\n\nWe make software.\n\nOur History\n\n{prose}\n\nOur Team\n\n{prose}\n"
    assert parse(uncounted).objectives == []


# --------------------------------------------------------------------------- public-sector plans (plans.py)


def test_a_flattened_table_of_measures_is_read_as_kpis() -> None:
    """A university's measures of success as its page's text keeps them: the header row and the
    rows are lines of cells (numbered, so Markdown reads a list), section rows and a footnote
    between them. Each row is a KPI, its target and baseline from the columns the header names."""
    text = ("Measures of Success\n2030 Strategy\nThe table below shows our measures of success.\n"
            "OUR STUDENTS | ||\nMeasure | 2021-22 Performance | 2030 Target |\n"
            "1. Student Voice (NSS - National Student Survey) | 72% | Top quartile (85% and above) |\n"
            "2. Continuation (B3 / OfS) | Above benchmark | Above benchmark |\n"
            "3. Percentage of programmes with professional practice embedded | 60% | 100% |\n"
            "*This measure and target will be subject to change.\nOUR PEOPLE AND PLACE | ||\n"
            "Measure | 2021-22 Performance | 2030 Target |\n4. Staff engagement | 77% | 80% and above |\n")
    document = parse(text)
    assert [(k.line_span.start.line, k.name) for k in document.kpis if k.line_span] == [
        (6, "Student Voice (NSS - National Student Survey)"), (7, "Continuation (B3 / OfS)"),
        (8, "Percentage of programmes with professional practice embedded"), (12, "Staff engagement"),
    ]
    embedded = document.kpis[2].measure
    assert embedded.baseline is not None and embedded.baseline.value == 60
    assert embedded.target is not None and embedded.target.value == 100
    assert document.objectives == [] and document.period is not None and document.period.label == "2030"


def test_pipes_in_prose_without_a_header_of_measures_are_no_table() -> None:
    text = "Our plan\n\nTeams | Leads | Dates\n\n1. Alpha | Sam | June\n2. Beta | Kim | July\n"
    assert parse(text).kpis == []


def test_label_lines_with_no_blank_lines_are_parts_of_a_priority() -> None:
    """A hospital's quality priorities copied with no blank lines: Markdown joins "Aim",
    "Measures" and "Priority 2: …" to the item above; each priority is an objective, the
    bullets under "Measures" its key results, the aim none."""
    text = ("These programmes focus on four key areas:\n- Patient safety\n- Patient experience\n"
            "1. Deteriorating patient (PEWS & Call 4 Concern)\nAim\n"
            "Establish a 24/7 contact number and process for raising concerns about patient deterioration.\n"
            "Measures\n- 95% review within one hour of Call 4 Concern\n"
            "Priority 2: Tobacco and smoking reduction\nAim\nExpand tobacco dependency treatment to inpatients.\n"
            "Measures\n- 75% of inpatients to have smoking status recorded\n"
            "- 100% of known inpatient smokers to be referred for treatment\n")
    document = parse(text)
    assert structure(document) == ({4, 9}, {8: 4, 13: 9, 14: 9})
    assert [(o.label, o.text) for o in document.objectives] == [
        (None, "Deteriorating patient (PEWS & Call 4 Concern)"), ("O2", "Tobacco and smoking reduction"),
    ]


def test_a_goal_label_over_its_statement_and_an_objectives_list() -> None:
    """A school district's plan: "Goal 1" alone, its statement under it, then "Objectives:" over a
    numbered list. The page's "objectives" are the goal's key results; the goal is one objective
    on its label's line, numbered by it."""
    text = ("District Improvement Plan 2023-28\n\nGoal 1\n\n"
            "Prepare all students for college and career readiness by increasing academic achievement.\n\n"
            "(English Language Arts; Science, Technology, Engineering, and Math)\n\nObjectives:\n\n"
            "  1. Create equitable and inclusive access to grade level instruction for each child.\n"
            "  2. Staff will apply knowledge gained from professional development.\n\nGoal 2\n\n"
            "Increase engagement and communication with students and families.\n\nObjectives:\n\n"
            "  1. Create equitable and inclusive access to grade level instruction for each child.\n")
    document = parse(text)
    assert structure(document) == ({3, 14}, {11: 3, 12: 3, 20: 14})
    first = document.objectives[0]
    assert first.label == "O1" and first.text.startswith("Prepare all students for college")


def test_objectives_without_a_goal_above_them_stay_the_pages_goals() -> None:
    text = "## Q3 goals\n\nObjectives:\n\n- Ship the new docs site\n- Hire two engineers\n"
    assert structure(parse(text))[0] == {5, 6}


def test_infinitive_goals_over_their_lists() -> None:
    """A hospital trust's strategic objectives: "To …" paragraphs under theme lines, most over
    "•" bullets that are their key results, one with none; the mission above is no goal."""
    text = ("Our goals (or Strategic Objectives) for the future.\n\nOur Mission\n\n"
            "Improving health by putting patients at the centre of excellent specialist health care.\n\n"
            "Our Services\n\nTo improve year on year the safety of our organisation for patients\n\n"
            "To continue to align our services between our sites\n\n"
            "  • To improve the management of patients requiring emergency abdominal surgery\n"
            "  • To improve the management of patients with fractured neck of femur\n\n"
            "To future proof our services through clinical collaboration\n\n"
            "  • To contribute to the development of an emergency care network\n")
    assert structure(parse(text)) == ({9, 11, 16}, {13: 11, 14: 11, 18: 16})


def test_one_infinitive_over_a_list_is_no_layout_of_goals() -> None:
    text = ("Our goals for the year.\n\nTo apply, please send:\n\nTo join us\n\n"
            "- a letter about yourself\n- two references\n")
    assert parse(text).objectives == []


def test_a_lettered_goal_over_results_in_roman_numerals() -> None:
    """A state agency's OKRs after a page of prose on the method: "A.  Improve …" over "i …",
    "ii …", "iii …" lines; the numerals and the letter are no part of the statements."""
    text = ("OGIC Objectives and Key Results\n\n"
            "An Objective is simply what is to be achieved, no more and no less.\n\n"
            "A.  Improve data sharing and accessibility\n\n"
            "i A detailed budget of equipment and software needed for GEOHub portal is developed\n"
            "ii Annual GEOHub maintenance costs are determined and documented\n"
            "iii 5-10 year GEOHub replacement costs are determined and documented\n")
    document = parse(text)
    assert structure(document) == ({5}, {7: 5, 8: 5, 9: 5})
    objective = document.objectives[0]
    assert (objective.label, objective.text) == ("OA", "Improve data sharing and accessibility")
    assert objective.key_results[1].text == "Annual GEOHub maintenance costs are determined and documented"


def test_roman_numerals_out_of_turn_are_no_results() -> None:
    text = "Our objectives\n\nA.  Improve data sharing\n\nii Annual costs are documented\niv Budget is set\n"
    assert parse(text).objectives == []


def test_a_line_that_counts_the_goals_over_a_list_of_that_many() -> None:
    """A council's "Our four strategic priorities are:" over four items, and a charity's "Six goals
    to change the world" over a sentence and six items: the count, matched by the list, makes the
    items the goals (no period is named)."""
    council = ("Our Council Plan sets out our commitments to residents.\n\nOur four strategic priorities are:\n\n"
               "  1. Provide affordable and high-quality housing\n  2. Grow our economy\n  3. Communities for all\n"
               "  4. Respond to the climate and nature crisis\n\nFor each strategic priority, we report on:\n\n"
               "  • key actions we are taking to deliver the priority\n  • risks that could affect us\n")
    assert structure(parse(council)) == ({5, 6, 7, 8}, {})
    charity = ("Six goals to change how we work\n\nThese goals aim to improve our internal operations.\n\n"
               "  • a worldwide influencing network\n  • program quality\n  • accountability\n"
               "  • investing in people\n  • cost-effectiveness\n  • income growth\n")
    assert structure(parse(charity))[0] == {5, 6, 7, 8, 9, 10}


def test_a_count_the_list_does_not_match_names_no_goals() -> None:
    text = ("Our four strategic priorities are:\n\n  1. Provide affordable housing\n  2. Grow our economy\n"
            "  3. Communities for all\n")
    assert parse(text).objectives == []


def test_a_priority_over_a_themed_objectives_label_with_no_blank_lines() -> None:
    """A library's plan copied with no blank lines: "Priority 1: …", its description, "Engagement
    Objectives:" (a theme before the label) and bullets; the next priority joins the last bullet."""
    text = ("Our Journey Continues, 2019-2022 Strategic Plan\nPriority 1: Engage with our Community\n"
            "Offer library programs and services to promote strong connections with our patrons.\n"
            "Engagement Objectives:\n- Actively engage with community groups in support of shared goals.\n"
            "- Adopt policies and internal operating procedures that reflect equitable practices.\n"
            "Priority 2: Optimize Space\nMake effective use of our library building and garden.\n"
            "Space Objectives:\n- Maximize existing spaces to meet user needs.\n")
    document = parse(text)
    assert structure(document) == ({2, 7}, {5: 2, 6: 2, 10: 7})
    assert [(o.label, o.text) for o in document.objectives] == [("O1", "Engage with our Community"),
                                                               ("O2", "Optimize Space")]


def test_a_bare_goal_over_one_bullet_is_one_objective_and_guardrails_are_none() -> None:
    """A school district's "Goal 1" over one bullet that states it; its "Guardrail 1" over "The
    Superintendent shall not …" is a limit, not a goal."""
    text = ("Goal 1\n\n  • Increase the percent of K-2 students scoring at or above benchmark in early literacy\n\n"
            "Goal 2\n\n  • Increase the percent of students scoring CCR on Math I assessments.\n\n\nGuardrail 1\n\n"
            "  • The Superintendent shall not allow an unsafe environment in schools.\n")
    document = parse(text)
    assert structure(document) == ({1, 5}, {})
    assert document.objectives[0].label == "O1"
    assert document.objectives[0].text.startswith("Increase the percent of K-2 students")


def test_focus_areas_kept_under_the_first_bullet_with_text_bullets() -> None:
    """A school district's focus areas as its page's text keeps them: the first a "•" bullet, the
    rest of the page indented under it, goals as "·" lines; focus areas numbered in roman numerals."""
    text = ("• FOCUS AREA I - Update District Facilities and Technology\n\n"
            "    ·   Replace/update aging facilities to meet 21st century requirements by 2021\n\n"
            "    ·   Develop technology systems that support an adaptable learning environment by 2020\n\n\n"
            "    FOCUS AREA IV- Stabilize Leadership\n\n"
            "    ·   Develop protocols to evaluate school climate on an annual basis by 2018\n")
    document = parse(text)
    assert structure(document) == ({1, 8}, {3: 1, 5: 1, 10: 8})
    assert [(o.label, o.text) for o in document.objectives] == [
        ("O1", "Update District Facilities and Technology"), ("O4", "Stabilize Leadership"),
    ]
    assert document.objectives[0].key_results[0].text.startswith("Replace/update aging facilities")


def test_a_plans_measures_under_label_lines_are_kpis() -> None:
    """A hospital trust's "Strategic measures": a measure after its dimension, lists under label
    lines, a paragraph under a label; the labels are none, and prose ends the measures."""
    text = ("Strategic priorities\n\n  • Improve access, experience, and safety of services\n"
            "  • Embed continuous quality improvement in everything we do.\n\nStrategic measures\n\n"
            "Lead metric\nEffectiveness: Increase in healthy life expectancy in the most deprived communities.\n\n"
            "Safety:\n\n  • Summary Hospital-level Mortality Indicator\n"
            "  • Percentage of incidents that caused harm.\n\n"
            "Experience:\n\nFriends and Family Test (FFT) positive experience.\n\nCQC rating performance\n\n"
            "  • RTT <52 weeks\n\n" + "We report on these measures every quarter to the board. " * 8 + "\n\n"
            "  • a list after the prose\n")
    document = parse(text)
    assert structure(document)[0] == {3, 4}
    assert [(k.line_span.start.line, k.text) for k in document.kpis if k.line_span] == [
        (9, "Increase in healthy life expectancy in the most deprived communities."),
        (13, "Summary Hospital-level Mortality Indicator"), (14, "Percentage of incidents that caused harm."),
        (18, "Friends and Family Test (FFT) positive experience."), (22, "RTT <52 weeks"),
    ]


def test_goal_lines_over_labelled_objectives_are_objectives_too() -> None:
    """A labelled cascade: "Goal 1: …" over "Objective 1.1" label lines, each with its statement on
    the next line (a university's plan), and "Goal / Focus Area 2: …" over "• Objective 1: …"
    bullets (a county's): every level is an objective, listed flat."""
    university = ("Goals and Objectives\n\nGoal 1: Extend Faculty and Academic Excellence and Diversity\n\n"
                  "Objective 1.1\nRecruit, develop, retain, and promote an excellent and diverse faculty\n"
                  "Objective 1.2\nInvest in faculty excellence and plan for faculty turnover\n")
    document = parse(university)
    assert structure(document) == ({3, 5, 7}, {})
    assert [(o.label, o.text) for o in document.objectives] == [
        ("O1", "Extend Faculty and Academic Excellence and Diversity"),
        ("O1.1", "Recruit, develop, retain, and promote an excellent and diverse faculty"),
        ("O1.2", "Invest in faculty excellence and plan for faculty turnover"),
    ]
    county = ("Goal / Focus Area 2: Education\n\nTo build an educated and highly skilled workforce.\n\n"
              "  • Objective 1: Continue to collaborate with county educational partners.\n"
              "  • Objective 2: Identify pathways to future success for students after high school.\n")
    assert structure(parse(county)) == ({1, 5, 6}, {})


def test_measures_numbered_in_the_plans_scheme_are_kpis() -> None:
    """"Measure 1.1.1: …" lines over "Targets: …" lines (a university's plan, no blank lines): each
    measure a KPI, its number and the targets line no part of it."""
    text = ("Each objective has its own targets that will allow the campus to track progress.\n"
            "Measure 1.1.1: Advancement rates for tenure and promotion, disaggregated to track parity.\n"
            "Targets: Maintain or increase the percentage of faculty promoted at barrier promotions.\n"
            "Measure 1.1.2: Number of impactful publications, relevant to disciplinary norms.\n"
            "Targets: Increase department-specific numbers; metrics will be developed.\n")
    document = parse(text)
    assert [(k.line_span.start.line, k.text) for k in document.kpis if k.line_span] == [
        (2, "Advancement rates for tenure and promotion, disaggregated to track parity."),
        (4, "Number of impactful publications, relevant to disciplinary norms."),
    ]
    assert document.objectives == []


def test_a_count_closing_a_paragraph_over_numbered_lines() -> None:
    """Minutes: "… and contained five priority areas:" closing a long paragraph, over lines
    numbered 1 to 5 with no list marker; numbers out of turn are no such list."""
    lines = ["Growth and our Economy", "Housing that meets the needs of All Residents", "Health and Strong Communities"]
    lead = ("The Assistant Chief Executive introduced the report on the Corporate Plan. " * 3
            + "The Plan set out the vision for the district and contained three priority areas:\n\n")
    text = lead + "".join(f"{n}      {line}\n\n" for n, line in enumerate(lines, start=1))
    document = parse(text)
    assert structure(document) == ({3, 5, 7}, {})
    assert [o.label for o in document.objectives] == ["O1", "O2", "O3"]
    shuffled = lead + "".join(f"{n}      {line}\n\n" for n, line in zip((1, 3, 2), lines, strict=True))
    assert parse(shuffled).objectives == []


def test_a_label_over_the_definition_of_its_term_is_no_item() -> None:
    """A state's guide to strategic plans: "Objective: The objective is a planning element that …"
    defines the term; an objective written after its label is still one."""
    guide = ("Strategic Plan - Due July 1\n\n"
             "Goals for major divisions: A goal is a planning element that describes the broad outcome.\n\n"
             "Objective: The objective is a planning element that describes how the agency plans to achieve it.\n\n"
             "Performance Measures: Performance measures assess the progress the agency is making.\n")
    document = parse(guide)
    assert document.objectives == [] and document.syntax_errors == []
    assert structure(parse("Objective: Improve the objectives review process\n"))[0] == {1}


def test_a_strategic_objective_with_its_actions_and_measures() -> None:
    """A housing association's plan, one objective a page: "Strategic Objective 6" over its name,
    "We will:" over its actions (its key results), and "Performance Measure Level 1" over measure
    lines with no markers (KPIs)."""
    text = ("Strategic Objective 6\n\nSustaining strong communities\n\n"
            " That are economically and socially included.\n\nHow will we achieve success?\n\nWe will:\n\n"
            "  • Reduce social isolation in communities\n"
            "  • Promote wellbeing and good health in our communities\n\nHow will we measure success?\n\n"
            "Balancing communities will be measured via the following suite of performance measures.\n\n"
            "Performance Measure Level 1 \nPercentage of sustainable community zones improved\n"
            "Turnover of tenancies as a percentage of overall stock\n\nJump to another section\n")
    document = parse(text)
    assert structure(document) == ({1}, {11: 1, 12: 1})
    assert (document.objectives[0].label, document.objectives[0].text) == ("O6", "Sustaining strong communities")
    assert [(k.line_span.start.line, k.text) for k in document.kpis if k.line_span] == [
        (19, "Percentage of sustainable community zones improved"),
        (20, "Turnover of tenancies as a percentage of overall stock"),
    ]


def test_a_goal_label_with_its_number_left_out_after_numbered_ones() -> None:
    """A library's plan copied with no blank lines: "Goal : …" after "Goal 1:" and "Goal 2:" is
    the last goal, not the end of the bullet above it."""
    text = ("Goal 1: Reach more readers\n- Visit two schools a month\n- Open on Sundays\n"
            "Goal 2: Renew the building\n- Paint the reading room\n"
            "Goal : Provide internet access\n- Add wireless access\n- Count the connections\n")
    assert structure(parse(text)) == ({1, 4, 6}, {2: 1, 3: 1, 5: 4, 7: 6, 8: 6})
    # alone, "Goal : …" joined to a bullet is no goal's line
    assert structure(parse("- Paint the reading room\nGoal : Provide internet access\n"))[0] == set()


def test_a_goal_list_under_the_current_periods_heading() -> None:
    """"#### Current quarter objectives" over bullets on a page about how the team sets OKRs: the
    period's goals, with no results under them; "Previous quarter objectives" lists none."""
    text = ("### Objectives\n\nEach quarter we set objectives and key results (or OKRs).\n\n"
            "#### Current quarter objectives\n\n* Ensure product decisions are grounded in research.\n"
            "* Prepare our research operation for new teams.\n\n#### Previous quarter objectives\n\n"
            "* Grow the research panel to 500 people.\n\n#### How we set objectives quarterly\n\n"
            "1. We score the last quarter's objectives.\n")
    assert structure(parse(text))[0] == {7, 8}


def test_period_named_goals_over_north_star_lines() -> None:
    """A fund's handbook: "First Quarter: Brand awareness" over "North star: …", prose, and its
    milestones under a lead-in. Done twice, each period line is an objective, its north star and
    milestones its key results; done once, it is prose."""
    quarter = ("{name}: {theme}\n\nNorth star: {star}\nWhy this matters comes first.\n"
               "What you'll need to do this quarter:\n  1. {step}\n  1. Hire 2 engineers\n\n")
    text = (quarter.format(name="First Quarter", theme="Brand awareness", star="1 post a week on the front page",
                           step="Hire a writer")
            + quarter.format(name="Second Quarter", theme="Contributor growth", star="20% more contributors",
                             step="Label 10 good first issues"))
    assert structure(parse(text)) == ({1, 9}, {3: 1, 6: 1, 7: 1, 11: 9, 14: 9, 15: 9})
    one = quarter.format(name="First Quarter", theme="Brand awareness", star="1 post a week", step="Hire a writer")
    assert structure(parse(one))[0] == set()


def test_unlabelled_goal_lines_each_over_their_bullets() -> None:
    """A food bank's plan with no headings or blank lines: goal lines worded as goals, each over
    "- We …" bullets, are objectives over their key results; a "Values" line over a list is none,
    and with it the page is read some other way."""
    text = ("Feed more neighbors in need\n- By 2025, we distribute 12 M meals a year.\n- We prioritize child hunger.\n"
            "Lead the community to end hunger\n- We increase brand awareness of the Food Bank.\n")
    assert structure(parse(text)) == ({1, 4}, {2: 1, 3: 1, 5: 4})
    assert structure(parse("Values\n- Respect for all.\n\n" + text))[0] == set()


def test_goal_lines_over_deliverables_labels() -> None:
    """"Goal 1: …" over "Deliverables" and "Measures" labels, each over bullets (a library's plan):
    the goal is an objective, its deliverables its key results."""
    text = ("Goal 1: Diversify our income stream.\nDeliverables\n- Improved payment options.\n- Room rentals.\n"
            "Measures\n- Revenue up 5 percent over the prior year.\n"
            "Goal 2: Review whether the district serves all citizens.\nDeliverables\n"
            "- Review hours of operation for each library.\nMeasures\n- Coverage reaches 100 percent.\n")
    objectives, results = structure(parse(text))
    assert objectives == {1, 7}
    assert {line: results.get(line) for line in (3, 4, 9)} == {3: 1, 4: 1, 9: 7}


# "**Objective 1:** …" (or "Objective 1: …") as a paragraph of its own, its results an unlabelled
# list right under it, with or without a blank line between: the layout of council and charity plans
# and of many company OKR pages
OBJECTIVE_PARAGRAPHS = """\
# Plan 2023

**Objective 1:** Grow earned revenue

- Earned revenue rises from $1.2M to $1.8M
- 20 new corporate sponsors

Objective 2: Diversify funding
- No funder above 15% of income

**Objective 3: Keep our costs down**

1. Cut office costs by 10%

Objective 4: Build the team

We will hire carefully and train well.

- Our values guide every hire
"""


def test_an_objective_paragraph_over_an_unlabelled_list_of_results() -> None:
    objectives, results = structure(parse(OBJECTIVE_PARAGRAPHS))
    assert objectives == {3, 8, 11, 15}
    # the list after prose under an objective is not read as its results
    assert results == {5: 3, 6: 3, 9: 8, 13: 11}


def test_who_owns_an_item_written_after_it() -> None:
    document = parse(
        "# Company OKRs Q1 2022\n\n"
        "**Build a product customers love** (Owner: CPO)\n"
        "- NPS from 32 to 45 — @sara\n"
        "- Reduce P1 bugs by 50% (owner: Li)\n"
        "- Ship self-serve onboarding (@ken, @li)\n"
        "- Cut churn to 2% - a stretch\n\n"
        "**Scale go-to-market** (@joe)\n"
        "- Reach $3M new ARR\n"
    )
    first, second = document.objectives
    assert (first.text, first.owner and first.owner.text) == ("Build a product customers love", "CPO")
    assert (second.text, second.owner and second.owner.text) == ("Scale go-to-market", "@joe")
    assert [(kr.text, kr.owner and kr.owner.text) for kr in first.key_results] == [
        ("NPS from 32 to 45", "@sara"), ("Reduce P1 bugs by 50%", "Li"),
        ("Ship self-serve onboarding", "@ken, @li"), ("Cut churn to 2% - a stretch", None),
    ]
    nps = first.key_results[0]
    assert nps.measure is not None and nps.measure.target is not None and nps.measure.target.value == 45


@pytest.mark.parametrize("text", [
    "**Build a product customers love** (Owner: CPO)", "**Grow activation** (@maria)",
    "**Grow activation** (DRI: Dana Lee)",
])
def test_a_bold_lead_may_name_its_owner_after_it(text: str) -> None:
    assert is_bold_lead(text)
    assert not is_bold_lead("**Grow activation** (see the notes below for why this matters)")


def test_advice_under_an_example_objective_is_no_list_of_its_results() -> None:
    document = parse(
        "# How we write OKRs\n\nAn objective is qualitative and inspiring.\n\n**Objective:** Delight our customers\n\n"
        "- Key results should be measurable\n- Keep to three to five key results\n"
    )
    assert [kr for o in document.objectives for kr in o.key_results] == []


# a plan's goals as headings ("## Goal 1: Expand access"): over a results label and its list, the
# goal is the objective and the list its key results; over labelled objectives (lines or headings), a
# labelled cascade, every level an objective
GOAL_HEADINGS_OVER_LABELS = """\
# Library Strategic Plan

## Goal 1: Expand access

**Objectives:**

- Extend weekend opening hours at three branches
- Launch a mobile library service

## Goal 2: Strengthen community partnerships

Measures

- Partner with five local schools
"""
GOAL_HEADINGS_OVER_OBJECTIVES = """\
# Strategic Plan

## Goal 1: Student Achievement

Objective 1.1: Increase reading proficiency in grades K-3

Objective 1.2: Close the math achievement gap

## Goal 2: Safe and Welcoming Schools

### Objective 2.1: Reduce chronic absenteeism

Strategy: Call families on the first day missed.

## About this plan

The board adopted the plan in June.
"""


def test_goal_headings_over_a_results_label_and_over_labelled_objectives() -> None:
    assert structure(parse(GOAL_HEADINGS_OVER_LABELS)) == ({3, 10}, {7: 3, 8: 3, 14: 10})
    assert structure(parse(GOAL_HEADINGS_OVER_OBJECTIVES)) == ({3, 5, 7, 9, 11}, {})


# numbered goals with their results as lines marked "a.", "b." (or "1.1", "1.2") under them, which
# Markdown keeps in the goal's paragraph; or as bullets that are lettered as well
LETTERED_RESULTS = """\
# 2024 Goals

1. Improve customer retention
   a. Reduce churn from 5% to 3%
   b. Launch a customer success program
2. Expand to new markets
   a. Open an office in Berlin
"""
SUB_NUMBERED_RESULTS = """\
# Team OKRs Q2 2024

1. Improve hiring
1.1 Hire 5 engineers
1.2 Cut time to hire from 60 to 40 days

2. Improve retention
2.1 Raise eNPS from 10 to 30
"""
LETTERED_BULLETS = """\
# 2024 Goals

1. Improve customer retention
    - a) Reduce churn from 5% to 3%
    - b) Launch a customer success program
2. Expand to new markets
    - a) Open an office in Berlin
    - b) Sign 15 customers in DACH
"""


@pytest.mark.parametrize(("page", "expected"), [
    (LETTERED_RESULTS, ({3, 6}, {4: 3, 5: 3, 7: 6})),
    (SUB_NUMBERED_RESULTS, ({3, 7}, {4: 3, 5: 3, 8: 7})),
    (LETTERED_BULLETS, ({3, 6}, {4: 3, 5: 3, 7: 6, 8: 6})),
])
def test_results_marked_as_parts_of_a_numbered_goal(page: str, expected: tuple[set[int], dict[int, int]]) -> None:
    document = parse(page)
    assert structure(document) == expected
    first = document.objectives[0]
    assert (first.text, first.key_results[0].text) in (
        ("Improve customer retention", "Reduce churn from 5% to 3%"), ("Improve hiring", "Hire 5 engineers"))


def test_marked_lines_out_of_turn_stay_the_items_text() -> None:
    document = parse("# 2024 Goals\n\n1. Improve retention\n   b. Reduce churn\n   d. Launch a program\n"
                     "2. Expand\n   a. Open an office\n")
    # only "a." under the second goal runs in turn: one marked line in the list is too few
    assert [(o.text, o.key_results) for o in document.objectives] == [
        ("Improve retention b. Reduce churn d. Launch a program", []), ("Expand a. Open an office", [])]


# a repository's OKRs.md that never says "OKR": milestone headings, each a date and a name, over
# the work planned for it (one list worded otherwise than the rest)
DATED_MILESTONES = """\
## 3/2/2021 -- Parser rewrite ##
  * Support the new grammar
  * Add error recovery
  * Fix the slow tokenizer

## 4/5/2021 -- Release v2.0 ##
  * A release has to happen soon
  * Update the changelog

## 5/9/2021 -- Editor support ##
  * Ship the language server
  * Show hover docs
"""


def test_dated_milestone_headings_of_a_file_named_for_its_okrs() -> None:
    expected = ({1, 6, 10}, {2: 1, 3: 1, 4: 1, 7: 6, 8: 6, 11: 10, 12: 10})
    assert structure(parse_markdown(DATED_MILESTONES, "docs/OKRs.md")) == expected
    assert structure(parse_markdown(DATED_MILESTONES, "project_okrs_2021.md")) == expected
    # named otherwise, the page gives no evidence that it plans anything
    assert structure(parse_markdown(DATED_MILESTONES, "CHANGELOG.md")) == (set(), {})


# a library's plan copied as text: goal lines closing with a colon, a blank line, then lines that
# start with an en dash (one lost its dash in the copy)
COLON_GOALS_OVER_DASHES = """\
Strategic Plan 2022-2025

Promote Lifelong Learning:

– Enhance library resources that foster literacies.
– Invest in programs for families.

Achieve Excellence

– Align resources to remain a leader in the community.
Encourage the sharing of best practices.
– Promote community engagement and dialogue.

(Approved by the Board of Trustees, March 7, 2022)
"""


def test_goal_lines_closing_with_a_colon_over_dash_lines() -> None:
    objectives, results = structure(parse(COLON_GOALS_OVER_DASHES))
    assert objectives == {3, 8}
    assert results == {5: 3, 6: 3, 10: 8, 12: 8}  # the line that lost its dash goes on the one above
    assert parse(COLON_GOALS_OVER_DASHES).objectives[0].text == "Promote Lifelong Learning"


# a nonprofit's plan: "### GOAL 1:" with its statement as the heading under it, a rationale, then
# "**Objectives:**" over the goal's results, perhaps in groups under bold labels
GOAL_HEADINGS_WITH_RATIONALE = """\
## Strategic Goals and Objectives

### GOAL 1:

#### Build regional and local capacity.
<br>
**Rationale:**

We want local capacity to be built in a sustainable manner.

**Objectives:**

- Create a program for developing Local Leadership.
- Develop a kit of resources for local communities.

### GOAL 2:

#### Strengthen our organisational structure.
<br>
**Rationale:**

We need a responsive structure.

**Objectives:**

**CORE TEAM**

- Develop Core Team structures.

**REVENUE**

- Pursue grant opportunities.
- Update the membership model.
"""


def test_bare_goal_headings_with_their_statement_under_them_over_grouped_results() -> None:
    document = parse(GOAL_HEADINGS_WITH_RATIONALE)
    assert structure(document) == ({3, 16}, {13: 3, 14: 3, 28: 16, 32: 16, 33: 16})
    assert [(o.label, o.text) for o in document.objectives] == [
        ("O1", "Build regional and local capacity."), ("O2", "Strengthen our organisational structure.")]


# a library's plan copied as text: a priority line over goal lines, each goal restated in a paragraph
# and its initiatives numbered under its number
NUMBERED_INITIATIVES = """\
Strategic Priority: INSPIRE CREATIVITY

We inspire creativity by providing unique programs.

Goal 1: Integrated Discovery

Pair learning opportunities with curated resources - We pair every learning opportunity with resources.

  • Initiative 1.1: Develop standards for integrating collections with programs

  • Initiative 1.2: Curate high-quality digital resources

Goal 2: Space for Making

  • Initiative 2.1: Expand the makerspace
  • Initiative 3.1: Host a maker in residence
"""


def test_goal_lines_over_initiatives_numbered_under_them() -> None:
    document = parse(NUMBERED_INITIATIVES)
    # the second goal's list is not all numbered under it: nothing is read there
    assert structure(document) == ({1, 5}, {9: 5, 11: 5})
    assert [(kr.label, kr.text) for kr in document.objectives[1].key_results] == [
        ("KR1.1", "Develop standards for integrating collections with programs"),
        ("KR1.2", "Curate high-quality digital resources")]


# a council's page of its plan's indicators: a sentence that says so, then the indicators' names as
# lines under group lines
INDICATOR_NAMES = """\
These factfiles explain each performance indicator in our Strategic Plan.

Priority One

Employment Rate

Workless households

Priority Two

Child Poverty
"""


def test_indicator_names_under_a_sentence_that_says_they_are_the_plans() -> None:
    document = parse(INDICATOR_NAMES)
    assert [(k.line_span.start.line, k.name) for k in document.kpis if k.line_span] == [
        (5, "Employment Rate"), (7, "Workless households"), (11, "Child Poverty")]
    assert document.objectives == []
    # the same lines under a sentence that names no plan's indicators are prose
    assert parse(INDICATOR_NAMES.replace("each performance indicator in our Strategic Plan", "our work")).kpis == []


def test_a_report_naming_goals_of_two_periods_plans_for_the_later() -> None:
    page = ("# Annual report\n\n## Goals for 2022\n\nWe set out to hire two developers.\n\n## Goals for 2023\n\n"
            "- Hire a release manager\n- Publish a security audit\n")
    period = parse(page).period
    assert period is not None and (period.label, period.source) == ("2023", "heading")
    # one period's goals alone: that period
    only = parse(page.replace("## Goals for 2023", "## Next steps")).period
    assert only is not None and only.label == "2022"


ROADMAP_BY_QUARTER = """\
# Roadmap

## Q1 2023

- **Ship v2.0**
  - Release the new parser
  - Migrate 10 plugins
- **Grow adoption**
  - 500 GitHub stars

## Q2 2023

- **Stabilise**
  - Close 100 bugs
"""


def test_bold_goals_under_quarter_headings_of_a_roadmap() -> None:
    assert structure(parse(ROADMAP_BY_QUARTER)) == ({5, 8, 13}, {6: 5, 7: 5, 9: 8, 14: 13})
    # a changelog's years over bold groups of changes plans nothing
    changelog = ROADMAP_BY_QUARTER.replace("# Roadmap", "# Changelog")
    changelog = changelog.replace("Q1 2023", "2023").replace("Q2 2023", "2022")
    assert structure(parse(changelog)) == (set(), {})


def test_goal_lines_over_objectives_labels_copied_with_no_blank_lines() -> None:
    """A college plan copied with no blank lines: "Goal 2.1" alone, its statement, "Objectives" and
    bullets numbered in the plan's outline ("2.1.1. …"); the next goal joins the last bullet. Each
    goal is one objective on its label's line, the bullets its key results without their numbers."""
    text = ("Strategic Plan 2024-2027 Strategic Direction: Student Success\nGoal 2.1\n"
            "Increase persistence from first to second year by the end of Spring 2027.\nObjectives\n"
            "- 2.1.1. Launch an early alert system for first-year students by the end of Fall 2024.\n"
            "- 2.1.2. Train all advisors in the new advising model by the end of Spring 2025.\n"
            "Goal 2.2\nClose equity gaps in course completion by the end of Spring 2027.\nObjectives\n"
            "- 2.2.1. Publish completion data by student group each term by the end of Fall 2025.\n")
    document = parse(text)
    assert structure(document) == ({2, 7}, {5: 2, 6: 2, 10: 7})
    assert document.objectives[0].text.startswith("Increase persistence")
    assert document.objectives[0].key_results[0].text.startswith("Launch an early alert system")


def test_a_goal_label_joined_to_a_sentence_is_not_cut_without_labelled_parts() -> None:
    """"Goal 1" first in a paragraph with no results label in it stays as it was read."""
    text = "Goal 1\nWe will write more tests this year.\n\nSome more prose about the plan.\n"
    assert structure(parse(text)) == (set(), {})


def test_a_plans_strategic_objectives_need_no_period() -> None:
    """A hospital trust's strategy: "Our Strategic Objectives (what we will do …) are:" over "•" bullets
    names the plan's goals, though no period is named; its purpose and values lists are none."""
    text = ("Our Purpose (why we exist) is:\n\n  • To deliver excellent care every day\n\n"
            "Our Strategic Objectives (what we will do to achieve our ambition) are:\n\n"
            "  • To provide timely and safe services at all times\n  • To create a great place to work and learn\n\n"
            "Our Values, developed with our staff, are:\n\n  • Kindness\n  • Openness\n")
    assert structure(parse(text)) == ({7, 8}, {})


def test_a_guides_objectives_without_a_period_are_no_goals() -> None:
    text = "The objectives of this workshop are:\n\n- Learn how to write a key result\n- Practise scoring\n"
    assert structure(parse(text)) == (set(), {})


def test_measures_with_their_targets_in_brackets_are_kpis() -> None:
    """A KPI page with its graphs gone: paragraphs of a measure and its bracketed target."""
    text = ("Each KPI has a target which we intend to meet by the end of the year.\n\n"
            "Average number of days to answer a complaint (target = 10 days)\n\n"
            "% of tenants satisfied with repairs (Target: 95%)\n\n"
            "% of void property turnover rate (cumulative) (year-end target = 6.0%)\n")
    document = parse(text)
    assert [k.line_span.start.line for k in document.kpis if k.line_span] == [3, 5, 7]
    assert not document.objectives


def test_one_bracketed_target_or_results_under_goals_are_no_plan_kpis() -> None:
    alone = "Our service standards.\n\nAverage number of days to answer a complaint (target = 10 days)\n"
    assert not parse(alone).kpis
    okrs = ("## Objective 1: Faster repairs\n\n- Cut the days to complete a repair (target = 5 days)\n"
            "- Raise satisfaction with repairs (target = 95%)\n")
    document = parse(okrs)
    assert structure(document) == ({1}, {3: 1, 4: 1}) and not document.kpis


def test_goal_lines_with_spelled_numbers_and_their_results_on_the_line() -> None:
    """A nonprofit's goals as a rating site shows them: "Goal One: <goal>: <result>; <result>" lines
    with no blank lines. Each line is an objective named by the text before its results."""
    text = ("The organization shares its most important strategic goals.\n"
            "Goal One: Grow our volunteer base: recruit 40 new volunteers by Q4, 2026; "
            "open a second volunteer centre by Q2, 2027.\n"
            "Goal Two: Strengthen our finances: raise $200,000 in new grants by Q4, 2026. "
            "Build a reserve of three months of expenses by Q4, 2027.\n")
    document = parse(text)
    assert structure(document) == ({2, 3}, {})
    assert [(o.label, o.text) for o in document.objectives] == [
        ("O1", "Grow our volunteer base"), ("O2", "Strengthen our finances")]


def test_goal_lines_numbered_out_of_turn_are_no_goals() -> None:
    text = "Notes from the meeting.\n\nGoal 3: Finish the report\n\nGoal 1: Ship the survey\n"
    assert structure(parse(text)) == (set(), {})


@pytest.mark.parametrize("lead_in", [
    "No caso, os OKR's do time são:",
    "Nuestros objetivos son:",
    "For this half, our OKRs are:",
])
def test_goal_paragraphs_after_a_sentence_that_says_they_are_the_goals(lead_in: str) -> None:
    """A team's OKRs page, the goals as plain paragraphs after the sentence that names them (in
    Portuguese on a real page); a paragraph of prose after them is none."""
    text = ("---\ntitle: OKRs Semestral\n---\n\nA metodologia OKR ajuda o time.\n\n" + lead_in + "\n\n"
            "Ser uma referência técnica dentro da empresa.\n\nMelhorar a qualidade dos produtos.\n\n"
            "This page is updated every month.\n")
    assert structure(parse(text)) == ({9, 11}, {})


def test_paragraphs_after_a_goals_sentence_on_a_page_not_about_goals_are_none() -> None:
    text = "Os OKRs são:\n\nFerramentas de gestão.\n\nMuito usadas no Google.\n"
    assert structure(parse(text)) == (set(), {})


def test_objective_headings_over_their_statement_and_results_tables_with_label_cells() -> None:
    """A project team's OKRs: "## Team OKR — …" parts, each "### Objective" (the kind's name) over the
    objective's statement as a paragraph and commentary, "### Key Results" over "| KR | Target |"
    tables whose first cell is the label, grouped under headings, and "### Success Metrics" bullets
    that name a measure and its target (the objective's KPIs)."""
    text = ("# Mapper — OKRs\n\n## Team OKR — Shared Goal\n\n### Objective\n"
            "Ship a validator the mapping community trusts.\n\nNot just a tool that flags places.\n\n"
            "### Key Results\n\n| KR | Target |\n|----|--------|\n"
            "| **KR 1** | Validate at least 500 places in one city. |\n| **KR 2** | Reach 90% precision. |\n\n"
            "### Success Metrics\n\n- **Precision target:** ≥90%\n- **False positive ceiling:** <10% of flags\n\n"
            "## Individual OKR — Backend\n\n### Owner: Sam\n\n### Objective\n"
            "Build a reliable backend for the results.\n\n### Key Results\n\n#### Storage\n\n"
            "| KR | Target |\n|----|--------|\n| **KR 1** | Store 500 records by Week 4. |\n")
    document = parse(text)
    assert structure(document) == ({6, 27}, {14: 6, 15: 6, 35: 27})
    first = document.objectives[0]
    assert first.text == "Ship a validator the mapping community trusts."
    assert [(kr.label, kr.text) for kr in first.key_results] == [
        ("KR1", "Validate at least 500 places in one city."), ("KR2", "Reach 90% precision.")]
    assert [kpi.line_span.start.line for kpi in first.kpis if kpi.line_span] == [19, 20]


def test_a_metrics_heading_over_current_figures_holds_no_kpis() -> None:
    """"## Metrics" over figures as they stand (no target, no bound) is a report, not measures."""
    text = "# Project OKRs\n\n## Metrics\n\n- **Stars:** 1,200 on GitHub\n- **Contributors:** 45 this year\n"
    document = parse(text)
    assert not document.kpis and not document.objectives


def test_a_table_row_of_the_projects_facts_names_its_period() -> None:
    text = ("# Mapper OKRs\n\n| Field | Value |\n|-------|-------|\n| **Project** | Mapper |\n"
            "| **Cycle** | Q2 2026 (90 days) |\n\n## Objective: Ship the validator\n\n- KR: Validate 500 places\n")
    document = parse(text)
    assert document.period is not None and document.period.label == "2026-Q2"
    assert document.period.source == "period" and document.period.text == "Q2 2026"


def test_goal_lines_over_labelled_results_with_no_blank_lines() -> None:
    text = ("# 2024 Goals\n\nGoal 1: Grow revenue\nKR 1.1: Increase ARR from $1M to $2M\n"
            "KR 1.2: Raise the win rate from 20% to 25%\nGoal 2: Improve retention\n"
            "KR 2.1: Reduce churn from 5% to 3%\n")
    document = parse(text)
    assert structure(document) == ({3, 6}, {4: 3, 5: 3, 7: 6})
    assert [o.text for o in document.objectives] == ["Grow revenue", "Improve retention"]


def test_results_as_paragraphs_after_a_results_label_or_heading() -> None:
    """A copy that lost its bullets: after "Key results:" (or "### Key Results"), paragraphs whose
    every line starts a sentence and measures or is worded as a goal are one key result a line, up
    to anything else (a paragraph of prose is none)."""
    text = ("Objective: Improve retention\n\nKey results:\n\nReduce churn from 5% to 3%\n"
            "Raise NPS from 30 to 45\n\nLaunch the loyalty programme\n\nWe chose these because they matter.\n\n"
            "## Objective 2: Grow revenue\n\n### Key Results\n\nIncrease ARR from $1M to $2M\n\n"
            "### Notes\n\nDouble the team by the end of the year.\n")
    document = parse(text)
    assert structure(document) == ({1, 12}, {5: 1, 6: 1, 8: 1, 16: 12})


def test_a_wrapped_result_after_a_results_label_is_not_cut_into_lines() -> None:
    text = "Objective: Improve retention\n\nKey results:\n\nReduce churn from 5% to 3%\nacross every region we serve\n"
    assert structure(parse(text)) == ({1}, {})


@pytest.mark.parametrize(("text", "lines"), [
    ("# Housing KPIs 2024\n\n## Key Performance Indicators\n\n"
     "- Average days to re-let a void property (target 13 days)\n- Tenant satisfaction (target: 90%)\n", [5, 6]),
    ("# Our performance\n\nKey performance indicators\n\n- Average days to re-let a void property: 13 days\n"
     "- Tenant satisfaction: 90%\n", [5, 6]),
    ("# Service standards\n\nAverage days to re-let a void property – target 13 days\n\n"
     "Tenant satisfaction – target 90%\n", [3, 5]),
])
def test_kpis_listed_with_their_targets(text: str, lines: list[int]) -> None:
    """A KPI page's measures: a list under a heading or line that names them, each with its target
    in brackets, after a colon or after a dash; or such paragraphs alone."""
    document = parse(text)
    assert [k.line_span.start.line for k in document.kpis if k.line_span] == lines
    assert not document.objectives


def test_a_dash_before_a_word_that_is_no_target_is_no_kpi() -> None:
    text = "# Notes\n\nWe met 3 teams – targets were discussed\n\nThe 2024 plan – target audience is new users\n"
    assert not parse(text).kpis


def test_a_measures_line_over_one_list_without_targets_holds_no_kpis() -> None:
    """A V2MOM's "Measures" over "TBD within Q4": one list whose items give no target is no KPIs."""
    text = "Measures\n\n* TBD within Q4\n* Will be based on project milestones\n"
    assert not parse(text).kpis


@pytest.mark.parametrize("text", [
    "# Q2 2026 OKRs\n\n**Objective**\nShip a validator the community trusts.\n\n**Key Results**\n"
    "- Validate 500 places in one city\n- Reach 90% precision\n",
    "# Q2 2026 OKRs\n\nObjective\nShip a validator the community trusts.\n\nKey Results\n"
    "- Validate 500 places in one city\n- Reach 90% precision\n",
    "# Q2 2026 OKRs\n\n### 🎯 Objective\nShip a validator the community trusts.\n\n### 📈 Key Results\n"
    "- Validate 500 places in one city\n- Reach 90% precision\n",
])
def test_kind_names_without_a_colon_over_the_statement_and_the_results(text: str) -> None:
    """"Objective" (bold, plain or after an emoji, no colon) over the statement on the next line, and
    "Key Results" over the list: the statement is the objective on its own line, the list its results."""
    document = parse(text)
    assert structure(document) == ({4}, {7: 4, 8: 4})
    assert document.objectives[0].text == "Ship a validator the community trusts."


def test_the_kind_names_in_a_copy_with_no_blank_lines() -> None:
    text = ("# Q2 2026 OKRs\n\nObjective\nShip a validator the community trusts.\nKey Results\n"
            "- Validate 500 places in one city\n- Reach 90% precision\n")
    assert structure(parse(text)) == ({4}, {6: 4, 7: 4})


def test_a_guides_key_results_line_over_advice_is_no_results() -> None:
    text = "# Writing OKRs\n\nKey Results\n\n- should be measurable\n- should be ambitious\n"
    assert structure(parse(text)) == (set(), {})


def test_labelled_goal_items_over_labelled_measures() -> None:
    """A plan as a list: "- **Goal:** …" items, each over "- **Measure:** …" sub-items."""
    text = ("# Plan\n\n- **Goal:** Grow revenue\n  - **Measure:** ARR from $1M to $2M\n"
            "  - **Measure:** 10 new enterprise customers\n- **Goal:** Improve retention\n"
            "  - **Measure:** Churn from 5% to 3%\n")
    document = parse(text)
    assert structure(document) == ({3, 6}, {4: 3, 5: 3, 7: 6})
    assert [o.text for o in document.objectives] == ["Grow revenue", "Improve retention"]
    assert document.objectives[0].key_results[0].text == "ARR from $1M to $2M"


def test_one_goal_item_over_measures_on_a_page_not_about_goals_is_none() -> None:
    text = "# Meeting notes\n\n- Goal: tidy the wiki\n  - Measure: pages moved\n  - Measure: links fixed\n"
    assert structure(parse(text)) == (set(), {})


@pytest.mark.parametrize("text", [
    "# OKRs Q3 2025\n\nObjetivo: Aumentar a receita\nResultados-chave:\n- Aumentar o ARR de R$1M para R$2M\n"
    "- Fechar 10 novos clientes\n",
    "# OKRs T3 2025\n\n**Objetivo 1:** Mejorar la retención\nResultados clave:\n- Reducir el churn del 5% al 3%\n"
    "- Subir el NPS de 30 a 45\n",
    "# OKR T3 2025\n\n## Objectif 1 : Augmenter les ventes\n\n- Résultat clé 1 : Passer de 1 M€ à 2 M€\n"
    "- Résultat clé 2 : Signer 10 nouveaux clients\n",
])
def test_labels_in_portuguese_spanish_and_french(text: str) -> None:
    """"Objetivo:", "Objectif :", "Resultados-chave:", "Résultat clé 1 :": the labels as other
    languages write them; the label is no part of the statement."""
    document = parse(text)
    objectives, results = structure(document)
    assert len(objectives) == 1 and len(results) == 2
    assert not document.objectives[0].text.lower().startswith("obj")
    assert not any(kr.text.lower().startswith(("résultat", "resultado")) for kr in document.objectives[0].key_results)


def test_outline_numbered_lines_under_an_objectives_label_with_no_markers() -> None:
    """The college plan's layout with its bullets lost as well: "1.1.1. …" lines under "Objectives"."""
    text = ("Strategic Plan 2025-2028\nGoal 1\nRefine the governance structure by Fall 2028.\nObjectives\n"
            "1.1.1. Create a map of the structures by Fall 2025.\n1.1.2. Create an online presence by Fall 2025.\n"
            "Goal 2\nSet benchmarks by Spring 2028.\nObjectives\n1.2.1. Establish annual goals by Fall 2025.\n")
    document = parse(text)
    assert structure(document) == ({2, 7}, {5: 2, 6: 2, 10: 7})
    assert document.objectives[0].key_results[0].text == "Create a map of the structures by Fall 2025."


def test_bracketed_targets_and_goal_labels_as_list_items() -> None:
    kpis = ("Our KPIs are updated monthly.\n\n- Average number of days to complete a repair (target = 5 days)\n"
            "- % of tenants satisfied with repairs (target = 95%)\n")
    assert [k.line_span.start.line for k in parse(kpis).kpis if k.line_span] == [3, 4]
    goals = ("Our goals.\n\n- Goal 1: Grow our volunteer base: recruit 40 new volunteers by Q4 2026; "
             "open a second centre by Q2 2027.\n- Goal 2: Strengthen our finances\n")
    document = parse(goals)
    assert structure(document) == ({3, 4}, {})
    assert document.objectives[0].text == "Grow our volunteer base"


# --------------------------------------------------------------------------- runs (runs.py)


@pytest.mark.parametrize("text, expected", [
    # a foundation's roadmap: stage lines over numbered deliverables
    ("# 2025 Roadmap\n\nPhase 1: Foundations\n\n1. Launch the contributor guide\n2. Establish a steering group\n\n"
     "Phase 2: Growth\n\n1. Expand the mentoring programme\n2. Introduce quarterly community calls\n",
     ({3, 8}, {5: 3, 6: 3, 10: 8, 11: 8})),
    # a charity's aims: a verb-first sentence, "We will:", then the actions
    ("Our aims for 2024\n\nImprove the support we give to carers.\n\nWe will:\n\n"
     "- Offer a helpline open seven days a week.\n"
     "- Train volunteers in every region.\n\nReach more young people through schools.\n\nWe will:\n\n"
     "- Work with 40 schools on a new programme.\n- Use feedback to shape our lessons.\n",
     ({3, 10}, {7: 3, 8: 3, 14: 10, 15: 10})),
    # a GitBook page: the stage line joined to the prose above it by hard line breaks
    ("# Plan\n\nOur strategy builds on last year's work and widens it.\\\n\\\nYear 1: **Build capacity**\n\n"
     "- Hire two community managers\n- Create an onboarding course\n\nYear 2: **Scale**\n\n"
     "- Expand to three new regions\n- Launch a grants programme\n",
     ({5, 10}, {7: 5, 8: 5, 12: 10, 13: 10})),
    # a council's themes named as lines, over actions whose verbs no goal heading uses
    ("Delivery plan 2025/26\n\nCommunity Safety and Cohesion\n\n- Appoint two community wardens\n"
     "- Map antisocial behaviour hotspots\n\nOur Environment\n\n- Procure electric fleet vehicles\n"
     "- Rationalise our office estate\n",
     ({3, 8}, {5: 3, 6: 3, 10: 8, 11: 8})),
    # the same copied as text: no bullets, no blank line between a theme and its actions
    ("Delivery plan 2025/26\n\nCommunity Safety and Cohesion\nAppoint two community wardens\n"
     "Map antisocial behaviour hotspots\n\nOur Environment\nProcure electric fleet vehicles\n"
     "Reduce office energy use by 20%\n",
     ({3, 7}, {4: 3, 5: 3, 8: 7, 9: 7})),
    # goal headings over "### Key actions" labels over their runs
    ("# Plan 2025\n\n## Grow our membership\n\n### Key actions\n\n- Launch a referral scheme\n"
     "- Offer a student rate\n\n"
     "## Improve our events\n\n### Key actions\n\n- Introduce online booking\n- Survey attendees after each event\n",
     ({3, 10}, {7: 3, 8: 3, 14: 10, 15: 10})),
    # aims closing with a colon, a sentence of why between each and its run
    ("Plan for 2025\n\nGrow our membership:\n\nMembership fell last year, so this matters.\n\n"
     "- Launch a referral scheme\n- Offer a student rate\n\nImprove our events:\n\n"
     "Events are our best recruiter.\n\n- Introduce online booking\n- Survey attendees after each event\n",
     ({3, 10}, {7: 3, 8: 3, 14: 10, 15: 10})),
    # a list of links after the runs is in no run's way
    ("Phase 1: Foundations\n\n- Launch the guide\n- Establish a group\n\nPhase 2: Growth\n\n- Expand mentoring\n"
     "- Introduce calls\n\nSee also\n\n- [Our charter](charter.md)\n- [Last year's plan](2024.md)\n",
     ({1, 6}, {3: 1, 4: 1, 8: 6, 9: 6})),
])
def test_runs_of_deliverables_under_the_aim_above_them(text: str, expected: tuple[set[int], dict[int, int]]) -> None:
    """On a page no layout rule reads, runs of verb-first items are key results of the nearest line
    above them worded as an aim; labels ("We will:") and prose between are skipped."""
    assert structure(parse(text)) == expected


@pytest.mark.parametrize("text", [
    # one aim over one run: no pattern
    "Improve the support we give to carers.\n\n- Offer a helpline open seven days a week.\n"
    "- Train volunteers in every region.\n",
    # a guide's steps under generic headings
    "# How to plan\n\n## Overview\n\n- Write down what you want\n- Review it weekly\n\n## Process\n\n"
    "- Create a draft\n- Share it with the team\n",
    # a README: sections named as lines over steps, on a page that never speaks of plans or goals
    "# mytool\n\nA small command-line tool.\n\n## Installation\n\n- Install Python 3.11\n- Run pip install mytool\n\n"
    "## Usage\n\n- Run mytool --help\n- Create a config file\n",
    # prose wrapped by hand: its lines are no items
    "Our Year\n\nWe started the year with a new plan\nand a new team. Build\nsomething new, we said.\n\n"
    "Looking Ahead\n\nGrow the team\nand its reach across\nthe region.\n",
    # a list that is no run (names) beside two runs: the page is laid out some other way
    "Phase 1: Foundations\n\n- Launch the guide\n- Establish a group\n\nPhase 2: Growth\n\n- Expand mentoring\n"
    "- Introduce calls\n\nThanks to\n\n- Maria Lopez\n- Ken Ito\n",
])
def test_runs_need_the_pattern_and_every_list_a_run(text: str) -> None:
    assert structure(parse(text)) == (set(), {})


def test_runs_of_measures_on_a_page_that_names_its_standards_are_kpis() -> None:
    """A housing body's service standards: shares with a time bound, and measures tracked with no
    target ("We monitor …"), under theme lines: the page's KPIs, where it calls them standards."""
    text = ("Our service standards are the measures we report on each year.\n\nRepairs\n\n"
            "- 98% of emergency repairs completed within 24 hours\n"
            "- 90% of routine repairs completed within 20 days\n\n"
            "Complaints\n\n- No more than 2% of cases result in a complaint\n"
            "- We monitor tenant satisfaction every month\n")
    document = parse(text)
    assert [k.line_span.start.line for k in document.kpis if k.line_span] == [5, 6, 10, 11]
    assert structure(document) == (set(), {})
    unnamed = text.replace("Our service standards are the measures we report on each year.", "Hello.")
    assert not parse(unnamed).kpis


@pytest.mark.parametrize("text, expected", [
    # a council's performance report copied with no blank lines: its status tally is no goal
    ("Annual Performance Report\nOur plan was adopted in May. Our strategic priorities for the year were:\n"
     "- Jobs and Tourism\n- Learning for Life\n- Our Environment\nPerformance Summary\n"
     "We set 40 measures. At the end of the year:\n- 70% were achieved.\n- 30% were not achieved.\n",
     {3, 4, 5}),
    # a trust's look back, the lead-in ending a long paragraph of prose
    ("Quality Account\n" + "This account reports on the care we gave and on what our patients told us. " * 20
     + "The Trust's strategic objectives were:\n- Safe care every time\n- A great place to work\n",
     {3, 4}),
])
def test_a_report_that_names_the_goals_it_had(text: str, expected: set[int]) -> None:
    """"… strategic priorities for the year were:": a report's own goals, looked back on; a line
    that names the next part ("Performance Summary"), joined to the last bullet by the copy, ends them."""
    assert structure(parse(text)) == (expected, {})


def test_a_part_name_joined_to_a_bullet_is_cut_but_a_wrapped_bullet_is_not() -> None:
    """A page copied with no blank lines: "The cases we resolve" names the next part, not the end of
    the bullet above it; "… in" / "North America" is one bullet wrapped."""
    text = ("Our service standards are the measures we report against.\nTimeliness\n"
            "- 95% of enquiries are answered within five working days\nThe cases we resolve\n"
            "- 70% of cases are resolved within three months\n- 90% of cases are resolved within six months\n"
            "Standard of service\n- We survey our customers to assess confidence in the service\n")
    document = parse(text)
    assert [k.line_span.start.line for k in document.kpis if k.line_span] == [3, 5, 6, 8]
    assert document.kpis[0].text == "95% of enquiries are answered within five working days"
    wrapped = "Our goals for 2025 are:\n- Grow revenue by 20% in\nNorth America\n- Open two new offices\n"
    assert structure(parse(wrapped)) == ({2, 4}, {})


@pytest.mark.parametrize("label", ["Fifth Goal", "Goal Five", "Second Priority"])
def test_a_goal_label_numbered_in_words_over_its_statement(label: str) -> None:
    """A university's strategic map, one goal a page: "Fifth Goal" alone, its statement, prose, then
    "Key objectives:" over the goal's results; the objective is on the label's line."""
    text = (f"{label}\n\nFoster a culture of strategic planning and assessment.\n\n"
            "Benchmarking our progress will be a key factor toward achieving our goals.\n\nKey objectives:\n\n"
            "- Review the role of the offices involved in assessment.\n- Develop a reporting system for initiatives.\n")
    document = parse(text)
    assert structure(document) == ({1}, {9: 1, 10: 1})
    assert document.objectives[0].text == "Foster a culture of strategic planning and assessment."


@pytest.mark.parametrize("text, expected", [
    ("Council performance 2024/25\n\nThese are the indicators we report to the cabinet.\n\nHousing\n"
     "Number of affordable homes delivered\nPercentage of household waste recycled\n\nCustomer service\n"
     "Average time to answer calls\n% of complaints resolved within 10 days\n", [6, 7, 10, 11]),
    ("# Library service 2025\n\nOur key performance indicators, reported each quarter.\n\n## Lending\n\n"
     "- Number of active borrowers\n- Total of e-book loans\n\n## Visits\n\n- Average daily visits per branch\n"
     "- Rate of return visits\n", [7, 8, 12, 13]),
])
def test_runs_of_indicators_named_with_no_target_are_kpis(text: str, expected: list[int]) -> None:
    """Indicators named with no target ("Number of …", "% of …", "Average …") under theme lines, on a
    page that calls them its indicators: its KPIs, lost bullets or not; where the page does not say
    so, nothing."""
    document = parse(text)
    assert [k.line_span.start.line for k in document.kpis if k.line_span] == expected
    assert not document.objectives
    lines = text.splitlines()
    unnamed = "\n".join(line for line in lines if "indicators" not in line)
    assert not parse(unnamed).kpis


@pytest.mark.parametrize("text, expected", [
    ("# Our plan for 2025\n\n1. Grow our membership\n   - Launch a referral scheme\n   - Offer a student rate\n"
     "2. Improve our events\n   - Introduce online booking\n   - Survey attendees after each event\n",
     ({3, 6}, {4: 3, 5: 3, 7: 6, 8: 6})),
    ("Library strategy 2025\n\n- Community Spaces\n  - Open a makerspace in the central branch\n"
     "  - Extend weekend opening hours\n- Digital Access\n  - Lend laptops and hotspots\n"
     "  - Offer weekly digital skills classes\n",
     ({3, 6}, {4: 3, 5: 3, 7: 6, 8: 6})),
    # a README's sections as items over their steps: no plan, nothing found
    ("# tool\n\n- Installation\n  - Install Python\n  - Run pip install tool\n- Usage\n  - Run tool\n"
     "  - Create a config\n", (set(), {})),
])
def test_runs_nested_under_the_items_that_are_their_aims(
        text: str, expected: tuple[set[int], dict[int, int]]) -> None:
    """A list of aims, each over a nested run of deliverables: the items are the objectives."""
    assert structure(parse(text)) == expected
