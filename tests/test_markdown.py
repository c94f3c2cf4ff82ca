"""The Markdown front end: OKRs in handbook pages, as headings, bullets and tables."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goallint.model import Document, KeyResult, Span
from goallint.syntax import parse_document
from goallint.syntax.markdown import parse_markdown

# copies of the real handbook pages, carried by the repository (tests/data/corpus/README.md)
CORPUS = Path(__file__).resolve().parent / "data" / "corpus" / "docs"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="tests/data/corpus/docs is missing from this checkout")


def parse(text: str) -> Document:
    return parse_markdown(text, "plan.md")


def source(text: str, span: Span) -> str:
    return text[span.start.offset : span.end.offset]


def position(text: str, offset: int) -> tuple[int, int]:
    """Line and column of an offset, counted independently of goallint (CRLF, CR, LF end lines)."""
    lines = re.split(r"\r\n|\r|\n", text[:offset])
    return len(lines), len(lines[-1]) + 1


def assert_span(text: str, span: Span, expected: str, after: str = "") -> None:
    """The span covers exactly the first `expected` (after the first `after`), with lines and columns."""
    offset = text.index(expected, text.index(after) if after else 0)
    assert source(text, span) == expected
    assert span.start.offset == offset
    assert (span.start.line, span.start.column) == position(text, offset)
    assert (span.end.line, span.end.column) == position(text, offset + len(expected))


def key_results(document: Document) -> list[KeyResult]:
    return [kr for objective in document.objectives for kr in objective.key_results]


def read_corpus(name: str) -> tuple[str, Document]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return text, parse_markdown(text, name)


# --------------------------------------------------------------------------- real handbook pages


@needs_corpus
def test_nodejs_bold_labelled_bullets() -> None:
    text, document = read_corpus("nodejs_community_committee_okrs_2020.md")
    assert document.format == "md"
    assert document.syntax_errors == []
    assert [len(o.key_results) for o in document.objectives] == [2, 6, 3, 2]
    assert [o.text for o in document.objectives] == [
        "Bring more diverse perspectives to our work",
        "Positively affect the rest of the JavaScript Ecosystem",
        "Create positively impactful content",
        "Grow, enhance, and support collaboration across the Node.js project",
    ]
    assert {o.label for o in document.objectives} == {"O"}
    assert {kr.label for kr in key_results(document)} == {"KR"}
    first = document.objectives[0]
    assert_span(text, first.span, "Bring more diverse perspectives to our work")
    kr = first.key_results[0]
    assert kr.text.startswith("Add and retain 5 members")
    assert_span(text, kr.span, kr.text)
    assert kr.measure.target is not None and kr.measure.target.value == 5
    assert_span(text, kr.measure.target.span, "5", after="Add and retain")
    # the line span is the whole source line, bullet and indentation included
    line = "    * **Key Result:** Add and retain 5 members"
    assert source(text, kr.line_span).startswith(line)
    assert kr.line_span.start.column == 1
    # "Key Concepts" explains OKRs in bullets: prose, not goals
    assert not any("qualatative" in k.text for k in key_results(document))
    assert document.title is not None and document.title.text == "Community Committee Objectives and Key Results"
    assert document.period is None


@needs_corpus
def test_sourcegraph_fy22_bold_numbered_objectives_with_kr_bullets() -> None:
    text, document = read_corpus("sourcegraph_fy22_q3_okrs.md")
    assert document.syntax_errors == []
    assert len(document.objectives) == 22
    assert [len(o.key_results) for o in document.objectives] == [
        4, 5, 1, 4, 3, 3, 2, 2, 1, 1, 2, 2, 2, 3, 2, 2, 3, 2, 3, 5, 6, 3,
    ]
    assert len(key_results(document)) == 61
    assert document.period is not None and document.period.label == "FY22-Q3"
    assert_span(text, document.period.span, "FY22-Q3")
    first = document.objectives[0]
    assert first.label is None
    assert first.text == "Bring code search to the largest enterprises (5k+ user, multi-business unit, global)"
    assert_span(text, first.span, first.text)
    # links, emphasis and <sub> tags are stripped from the text; the span keeps the original characters
    kr = first.key_results[0]
    assert kr.text == "N0 IARR (N1 Stretch)"
    assert_span(text, kr.span, "N<sub>0</sub>_][n0] IARR ([_N<sub>1</sub>_][n1] Stretch)")
    # "OBJECTIVE:" inside the bold is a label
    labelled = next(o for o in document.objectives if o.text.startswith("Make cloud and enterprise"))
    assert labelled.label == "O"
    assert_span(text, labelled.span, "Make cloud and enterprise successful at a massive scale")
    linked = next(k for k in key_results(document) if k.text == "2x cloud weekly activation rate to N7")
    # the span ends on the last character of the statement, the "7" inside <sub>
    assert_span(text, linked.span, "2x cloud weekly activation rate to [_N<sub>7")
    # People Ops writes its plans as prose bullets with no objective: none of them is a key result
    assert not any(k.text.startswith("Team-specific onboarding") for k in key_results(document))
    # "**WHY:**" paragraphs are prose
    assert not any("WHY" in k.text for k in key_results(document))


@needs_corpus
def test_sourcegraph_cy19_nested_objectives_and_owner_prefixed_krs() -> None:
    text, document = read_corpus("sourcegraph_cy19_q4_okrs.md")
    assert document.syntax_errors == []
    assert len(document.objectives) == 24
    assert len(key_results(document)) == 42
    assert document.period is not None and document.period.label == "CY19-Q4"
    assert document.period.start == "2019-10-01"
    top, sales = document.objectives[0], document.objectives[1]
    # an owner in front of an unlabelled objective is its owner, not part of its text
    assert top.text == "Net new ARR" and top.key_results == [] and top.parent is None
    assert top.owner is not None and top.owner.text == "CEO"
    assert_span(text, top.owner.span, "CEO", after="**CEO: Net new ARR")
    assert sales.text.startswith("Reach $N net new ARR in Q4")
    assert sales.owner is not None and sales.owner.text == "Sales (Closing Deals)"
    # a bold item nested under another objective's bullet aligns to it
    assert sales.parent is not None and sales.parent.text == "Net new ARR"
    assert sales.parent.span == top.span
    kr = sales.key_results[0]
    assert kr.label == "KR"
    assert kr.text == "Get 70% of companies on a free trial to convert to paid customers."
    assert_span(text, kr.span, kr.text)
    assert kr.owner is not None and kr.owner.text == "Sales (Closing Deals)"
    assert_span(text, kr.owner.span, "Sales (Closing Deals)", after="1. Sales (Closing Deals) KR")
    # the last bold item has no key results, but its bold siblings are objectives: so is it
    last = document.objectives[-1]
    assert last.text.startswith("Develop a Sales hiring plan") and last.key_results == []
    assert last.owner is not None and last.owner.text == "Sales"
    assert last.parent is not None and last.parent.text == "Aspirational team."
    # a deadline resolves against the period taken from the title heading
    eoy = next(k for k in key_results(document) if k.text.endswith("requirements by EOY."))
    assert eoy.deadline is not None and eoy.deadline.date == "2019-12-31"


@needs_corpus
def test_ipfs_table_with_bold_objective_rows() -> None:
    text, document = read_corpus("ipfs_cluster_okrs.md")
    assert document.syntax_errors == []
    assert [o.label for o in document.objectives] == ["O1", "O2", "O3", "O4"]
    assert [o.text for o in document.objectives] == [
        'Finish the "base cluster" use-case',
        "Release collaborative clusters",
        "Improve cluster scalability",
        "Cluster outreach",
    ]
    assert [len(o.key_results) for o in document.objectives] == [10, 6, 5, 6]
    assert document.period is not None and document.period.label == "2019-Q2"
    assert_span(text, document.period.span, "2019 Q2")
    assert_span(text, document.objectives[0].span, 'Finish the "base cluster" use-case')
    swagger = document.objectives[0].key_results[0]
    assert swagger.text == "Swagger API documentation for the REST API (Kishan)"
    assert_span(text, swagger.span, swagger.text)
    assert swagger.owner is not None and swagger.owner.text == "Kishan"
    assert_span(text, swagger.owner.span, "Kishan", after="| **P0** |")
    assert source(text, swagger.line_span).startswith("|  Swagger API")
    # an italic note between the rows is not a key result
    assert not any("not likely" in k.text for k in key_results(document))
    # the links to older quarters' spreadsheets are prose
    assert all("spreadsheets" not in k.text for k in key_results(document))


# --------------------------------------------------------------------------- headings and bullets


def test_objective_heading_forms() -> None:
    text = (
        "## Objective: Make deploys boring\n\n- KR: Cut failed deploys to 2%\n\n"
        "### O1 Improve reliability\n\n- KR: Raise uptime to 99.9%\n\n"
        "### O2: Faster builds\n\n- KR: Halve build time\n\n"
        "## Objective 3 - Grow the team\n\n- KR: Hire 3 SREs\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    assert [(o.label, o.text) for o in document.objectives] == [
        ("O", "Make deploys boring"),
        ("O1", "Improve reliability"),
        ("O2", "Faster builds"),
        ("O3", "Grow the team"),
    ]
    assert [[k.text for k in o.key_results] for o in document.objectives] == [
        ["Cut failed deploys to 2%"], ["Raise uptime to 99.9%"], ["Halve build time"], ["Hire 3 SREs"],
    ]
    assert_span(text, document.objectives[2].span, "Faster builds")
    assert_span(text, document.objectives[3].span, "Grow the team")
    assert source(text, document.objectives[3].line_span) == "## Objective 3 - Grow the team"


def test_key_result_bullet_forms() -> None:
    text = (
        "- **Objective:** Delight customers\n"
        "    - KR: Raise NPS from 30 to 50\n"
        "    * KR1: Cut tickets by 20%\n"
        "    1. Key Result: Answer within 4 hours\n"
        "    - **Key Result:** Ship the help center\n"
        "    - __KR2:__ Publish 10 guides\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    objective = document.objectives[0]
    assert (objective.label, objective.text) == ("O", "Delight customers")
    assert [(k.label, k.text) for k in objective.key_results] == [
        ("KR", "Raise NPS from 30 to 50"),
        ("KR1", "Cut tickets by 20%"),
        ("KR", "Answer within 4 hours"),
        ("KR", "Ship the help center"),
        ("KR2", "Publish 10 guides"),
    ]
    for kr in objective.key_results:
        assert_span(text, kr.span, kr.text)
    nps = objective.key_results[0]
    assert nps.measure.direction == "increase"
    assert nps.measure.baseline is not None and nps.measure.target is not None
    assert_span(text, nps.measure.baseline.span, "30")
    assert_span(text, nps.measure.target.span, "50", after="30 to")


def test_bold_numbered_item_with_nested_kr_bullets_is_an_objective() -> None:
    text = (
        "# FY22-Q3 OKRs\n\n"
        "## Company\n\n"
        "1. **Bring code search to the largest enterprises**\n\n"
        "   **WHY:** Because it matters. KR: this is prose inside a paragraph line.\n\n"
        "   - KR: Land 5 large logos\n"
        "   - KR: Close $2M in new ARR\n\n"
        "1. **Promote an async company culture**\n\n"
        "   - KR: Survey score of 4+\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    assert [o.text for o in document.objectives] == [
        "Bring code search to the largest enterprises", "Promote an async company culture",
    ]
    assert [k.text for k in document.objectives[0].key_results] == ["Land 5 large logos", "Close $2M in new ARR"]
    assert_span(text, document.objectives[0].span, "Bring code search to the largest enterprises")


def test_plain_bullets_are_key_results_only_under_an_objective() -> None:
    text = (
        "## Objective: Make onboarding effortless\n\n"
        "Why: new teams churn in week one.\n\n"
        "- Grow weekly active teams from 1.2k to 2,000\n"
        "- Cut time to first value\n"
        "  to under 10 minutes\n"
        "  - a detail under a key result, not one itself\n\n"
        "### Notes\n\n"
        "- this is a note, not a key result\n\n"
        "- **Objective:** Be the cheapest to run\n"
        "  - Bring monthly churn down from 4.1% to 3%\n\n"
        "## Team rituals\n\n"
        "- We meet on Mondays\n"
        "- **Retro** every other Friday\n"
        "  - with snacks\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    first, second = document.objectives
    assert [k.text for k in first.key_results] == [
        "Grow weekly active teams from 1.2k to 2,000",
        "Cut time to first value to under 10 minutes",
    ]
    # a statement wrapped over two lines: its span runs from its first to its last character
    wrapped = first.key_results[1]
    assert_span(text, wrapped.span, "Cut time to first value\n  to under 10 minutes")
    assert wrapped.span.start.line + 1 == wrapped.span.end.line
    assert wrapped.measure.target is not None
    assert_span(text, wrapped.measure.target.span, "under 10")
    assert [k.text for k in second.key_results] == ["Bring monthly churn down from 4.1% to 3%"]


def test_a_handbook_page_of_prose_has_no_goals_and_no_problems() -> None:
    text = (
        "# Engineering handbook\n\n"
        "We value **ownership**. See [the guide](guide.md).\n\n"
        "## How we work\n\n"
        "- Objectives are set quarterly\n"
        "  - Key Results are measurable\n"
        "* **Planning** happens in week 1\n"
        "  * then we review\n"
        "1. Write the doc\n"
        "2. Ship it\n\n"
        "| Test | Results |\n|---|---|\n| **Load** | | \n| latency | fine |\n\n"
        "```\nKR: inside a code block\n```\n\n"
        "> Objective of this page: explain things\n"
    )
    document = parse(text)
    assert document.objectives == []
    assert document.kpis == []
    assert document.syntax_errors == []
    assert document.title is not None and document.title.text == "Engineering handbook"


def test_bold_items_with_bullets_in_an_okr_section() -> None:
    text = "## Q3 2026 OKRs\n\n1. **Grow revenue**\n   - Close 10 deals\n   - Reach $2M ARR\n2. **Hire well**\n"
    document = parse(text)
    assert [o.text for o in document.objectives] == ["Grow revenue", "Hire well"]
    assert [k.text for k in document.objectives[0].key_results] == ["Close 10 deals", "Reach $2M ARR"]
    assert document.period is not None and document.period.label == "2026-Q3"


def test_key_results_intro_line_makes_bullets_key_results() -> None:
    text = (
        "- **Objective:** Ship the billing page\n\n"
        "**Key results:**\n\n"
        "- Launch to 100% of users by Sept 30\n"
        "- Cut billing tickets by 30%\n"
    )
    document = parse(text)
    assert [k.text for k in document.objectives[0].key_results] == [
        "Launch to 100% of users by Sept 30", "Cut billing tickets by 30%",
    ]


def test_paragraph_lines_with_labels() -> None:
    text = "**Objective:** Delight customers\nKR1: Raise NPS from 30 to 50\nKR2: Cut tickets\nby 20%\nowner: Ana\n"
    document = parse(text)
    objective = document.objectives[0]
    assert [k.text for k in objective.key_results] == ["Raise NPS from 30 to 50", "Cut tickets by 20%"]
    assert objective.key_results[1].owner is not None and objective.key_results[1].owner.text == "Ana"
    assert_span(text, objective.key_results[1].span, "Cut tickets\nby 20%")


def test_markers_and_checkboxes() -> None:
    text = "## O1: Be reliable [committed]\n\n- [ ] KR: Raise uptime to 99.9% [KPI]\n- [x] KR: Page less often\n"
    document = parse(text)
    objective = document.objectives[0]
    assert objective.commitment == "committed"
    assert objective.text == "Be reliable"
    uptime, paging = objective.key_results
    assert uptime.is_kpi and uptime.text == "Raise uptime to 99.9%"
    assert_span(text, uptime.span, "Raise uptime to 99.9%")
    assert paging.text == "Page less often"


# --------------------------------------------------------------------------- inline markup and spans


def test_inline_markup_is_stripped_but_spans_stay_on_the_original_characters() -> None:
    text = "## Objective: Grow **revenue**\n\n- KR: **Raise** [deploy NPS](https://example.com/nps) from `30` to 50\n"
    document = parse(text)
    objective = document.objectives[0]
    assert objective.text == "Grow revenue"
    assert_span(text, objective.span, "Grow **revenue")
    kr = objective.key_results[0]
    assert kr.text == "Raise deploy NPS from 30 to 50"
    assert_span(text, kr.span, "Raise** [deploy NPS](https://example.com/nps) from `30` to 50")
    assert kr.measure.baseline is not None and kr.measure.target is not None
    assert_span(text, kr.measure.baseline.span, "30")
    assert_span(text, kr.measure.target.span, "50")
    assert kr.measure.metric is not None and "NPS" in kr.measure.metric


def test_escapes_entities_and_html() -> None:
    text = "- Objective: R&amp;D\n  - KR: Ship 3 \\*new\\* features<br>by Q3\n"
    document = parse(text)
    objective = document.objectives[0]
    assert objective.text == "R&D"
    assert_span(text, objective.span, "R&amp;D")
    kr = objective.key_results[0]
    assert kr.text == "Ship 3 *new* features by Q3"
    assert_span(text, kr.span, "Ship 3 \\*new\\* features<br>by Q3")
    assert kr.deadline is not None and kr.deadline.text == "by Q3"
    assert_span(text, kr.deadline.span, "by Q3")


# --------------------------------------------------------------------------- tables


def test_table_with_objective_key_result_and_owner_columns() -> None:
    text = (
        "# 2026-Q3 OKRs\n\n"
        "| Objective | Key result | Owner |\n"
        "|---|---|---|\n"
        "| Delight users | Raise NPS to 60 by end of quarter | Bo |\n"
        "| Delight users | Cut churn to 2% | Cy |\n"
        "| **Ship v2** | KR3: Launch v2 by Sept 30 | |\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    assert [o.text for o in document.objectives] == ["Delight users", "Ship v2"]
    first, second = document.objectives
    assert [k.text for k in first.key_results] == ["Raise NPS to 60 by end of quarter", "Cut churn to 2%"]
    nps = first.key_results[0]
    assert_span(text, nps.span, nps.text)
    assert nps.owner is not None
    assert_span(text, nps.owner.span, "Bo")
    assert nps.deadline is not None and nps.deadline.date == "2026-09-30"
    assert source(text, nps.line_span) == "| Delight users | Raise NPS to 60 by end of quarter | Bo |"
    launch = second.key_results[0]
    assert (launch.label, launch.text, launch.owner) == ("KR3", "Launch v2 by Sept 30", None)
    assert_span(text, second.span, "Ship v2")


def test_table_key_results_without_an_objective_are_one_problem() -> None:
    text = "| KR | Owner |\n|---|---|\n| Raise NPS to 60 | Bo |\n| Cut churn | Cy |\n"
    document = parse(text)
    assert document.objectives == []
    assert len(document.syntax_errors) == 1
    assert_span(text, document.syntax_errors[0].span, "Raise NPS to 60")


def test_a_table_under_an_objective_heading_lists_its_key_results() -> None:
    text = "### O1: Faster builds\n\n| Result | Score |\n|---|---|\n| Halve build time | 0.5 |\n"
    document = parse(text)
    assert [k.text for k in document.objectives[0].key_results] == ["Halve build time"]


# --------------------------------------------------------------------------- header fields and KPIs


def test_period_owner_and_title_from_front_matter() -> None:
    text = (
        '---\ntitle: "Platform OKRs"\nperiod: 2026-Q3\nowner: Jane Doe\n---\n\n'
        "# Platform\n\n## O1: Ship\n\n- KR: by August\n"
    )
    document = parse(text)
    assert document.title is not None and document.title.text == "Platform OKRs"
    assert_span(text, document.title.span, "Platform OKRs")
    assert document.period is not None and document.period.label == "2026-Q3"
    assert_span(text, document.period.span, "2026-Q3")
    assert document.owner is not None and document.owner.text == "Jane Doe"
    kr = document.objectives[0].key_results[0]
    assert kr.deadline is not None and kr.deadline.date == "2026-08-31"


def test_period_line_wins_over_a_period_heading() -> None:
    text = "# Q1 2020 archive\n\n**Period:** FY27 Q1\nOwner: Growth team\n\n## Objective: Grow\n"
    document = parse_markdown(text, "plan.md", fy_start_month=4)
    assert document.period is not None
    period = document.period
    assert (period.label, period.start, period.end) == ("FY27-Q1", "2026-04-01", "2026-06-30")
    assert_span(text, document.period.span, "FY27 Q1")
    assert document.owner is not None and document.owner.text == "Growth team"


def test_period_from_headings() -> None:
    for heading, label in (("## 2026-Q3", "2026-Q3"), ("# FY22-Q3 OKRs", "FY22-Q3"), ("## Q3 2026", "2026-Q3"),
                           ("# 2026 H2 goals", "2026-H2"), ("# OKRs 2027", "2027")):
        document = parse(f"{heading}\n\n## Objective: Grow\n")
        assert document.period is not None and document.period.label == label, heading
    assert parse("# OKRs (2020 Set 1)\n").period is None


def test_a_period_it_cannot_read_is_one_problem() -> None:
    text = "period: next quarter\n\n## Objective: Grow\n\n- KR: Sell more\n"
    document = parse(text)
    assert document.period is None
    assert len(document.syntax_errors) == 1
    assert_span(text, document.syntax_errors[0].span, "next quarter")


def test_owners_of_objectives_and_key_results() -> None:
    text = "## Objective: Ship\nowner: Sam\n\n- KR: Launch v2\n  - owner: Ana\n- Objective: Later\n  - owner: Bo\n"
    document = parse(text)
    ship, later = document.objectives
    assert ship.owner is not None and ship.owner.text == "Sam"
    assert_span(text, ship.owner.span, "Sam")
    assert ship.key_results[0].owner is not None and ship.key_results[0].owner.text == "Ana"
    assert later.owner is not None and later.owner.text == "Bo"


def test_kpis_for_the_document_and_for_an_objective() -> None:
    text = (
        "## Objective: Keep customers\n\n"
        "- KPI: Error budget burn – target ≤ 1x, monthly, source: SLO dashboard\n\n"
        "## KPIs\n\n"
        "- KPI: Weekly active users\n"
        "  - target: ≥ 5000\n"
        "  - source: Amplitude\n"
        "  - cadence: weekly\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    objective_kpi = document.objectives[0].kpis[0]
    assert objective_kpi.name == "Error budget burn"
    assert objective_kpi.source is not None and objective_kpi.source.text == "SLO dashboard"
    assert_span(text, objective_kpi.source.span, "SLO dashboard")
    assert objective_kpi.cadence is not None and objective_kpi.cadence.every == "monthly"
    (plan_kpi,) = document.kpis
    assert plan_kpi.text == "Weekly active users"
    assert plan_kpi.source is not None and plan_kpi.source.text == "Amplitude"
    assert_span(text, plan_kpi.source.span, "Amplitude")
    assert plan_kpi.cadence is not None and plan_kpi.cadence.every == "weekly"
    assert plan_kpi.measure.target is not None and plan_kpi.measure.target.value == 5000
    assert_span(text, plan_kpi.measure.target.span, "≥ 5000")


# --------------------------------------------------------------------------- problems, line endings, robustness


def test_broken_goal_items_are_problems_and_only_those() -> None:
    text = (
        "Some prose that mentions a KR and an objective.\n\n"
        "- KR: A key result before any objective\n\n"
        "## Objective: Ship\n\n"
        "- KR:\n"
        "- KR: Launch v2\n"
    )
    document = parse(text)
    assert [k.text for k in document.objectives[0].key_results] == ["Launch v2"]
    messages = [p.message for p in document.syntax_errors]
    assert messages == ["This key result has no objective above it.", "This key result has no text."]
    assert_span(text, document.syntax_errors[0].span, "KR: A key result before any objective")
    assert_span(text, document.syntax_errors[1].span, "KR:", after="## Objective")


def test_crlf_and_bom() -> None:
    lf = "# 2026-Q3 OKRs\n\n## O1: Grow **revenue**\n\n- KR1: Reach $2M ARR by end of Q3\n- KR2: Sign 10 new logos\n"
    crlf = "\ufeff" + lf.replace("\n", "\r\n")
    document = parse(crlf)
    content = crlf[1:]
    assert document.period is not None and document.period.label == "2026-Q3"
    reach, logos = document.objectives[0].key_results
    assert reach.text == "Reach $2M ARR by end of Q3"
    assert reach.deadline is not None and reach.deadline.date == "2026-09-30"
    assert_span(content, reach.span, reach.text)
    assert_span(content, logos.span, "Sign 10 new logos")
    assert (logos.span.start.line, logos.span.start.column) == (6, 8)
    assert source(content, logos.line_span) == "- KR2: Sign 10 new logos"
    assert reach.measure.target is not None
    assert_span(content, reach.measure.target.span, "$2M")
    # the same document with LF reads the same, apart from the offsets
    plain = parse(lf)
    assert [(k.text, k.span.start.line, k.span.start.column) for k in plain.objectives[0].key_results] == [
        (k.text, k.span.start.line, k.span.start.column) for k in document.objectives[0].key_results
    ]


def test_old_mac_line_endings() -> None:
    text = "## Objective: Grow\r\r- KR: Sell 5 more\r"
    document = parse(text)
    kr = document.objectives[0].key_results[0]
    assert_span(text, kr.span, "Sell 5 more")
    assert kr.span.start.line == 3


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ufeff",
        "- KR: " + "[" * 3000,
        "- KR: " + "*a" * 2000,
        "- KR: " + "`" * 500 + "a",
        "> " * 100 + "KR: x",
        "- " * 200 + "KR: x",
        "|a|\n|-|\n" + "|**x**|\n" * 50,
        "---\nperiod: 2026-Q3\n",
        "---\n---\n## Objective: A\n- KR: b\n",
        "<div>\n\n**Objective:** in html\n\n</div>\n",
        "* **\n* KR\n* :\n1. **O1:**\n",
        "[x]: http://x\n\n- Objective: [x]\n  - KR: [x][] and [y][x] and ![img](u)\n",
        "Objective:\nKPI:\n## Key results\n### O1\n",
    ],
)
def test_any_markdown_reads_without_failing(text: str) -> None:
    document = parse(text)
    content = text.removeprefix("\ufeff")
    for objective in document.objectives:
        for span in (objective.span, objective.line_span, *(k.span for k in objective.key_results)):
            assert 0 <= span.start.offset <= span.end.offset <= len(content)
            assert (span.start.line, span.start.column) == position(content, span.start.offset)
    assert len(document.syntax_errors) <= 3


def test_parse_document_sends_markdown_files_here() -> None:
    document = parse_document("## Objective: Grow\n\n- KR: Sell more\n", "goals.markdown")
    assert document.format == "md"
    assert document.objectives[0].key_results[0].text == "Sell more"


def _goallint() -> str:
    beside = Path(sys.executable).parent / "goallint"
    found = str(beside) if beside.exists() else shutil.which("goallint")
    assert found, "the goallint console script is not installed"
    return found


def test_cli_parse_json(tmp_path: Path) -> None:
    path = tmp_path / "team.md"
    path.write_bytes(b"# 2026-Q3 OKRs\r\n\r\n- **Objective:** Grow\r\n  - **Key Result:** Sell 5 more by August\r\n")
    result = subprocess.run(
        [_goallint(), "parse", str(path), "--format", "json"], capture_output=True, text=True, encoding="utf-8",
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    dumped = json.loads(result.stdout)
    assert dumped["format"] == "md"
    assert dumped["path"] == str(path)
    assert dumped["period"]["label"] == "2026-Q3"
    (objective,) = dumped["objectives"]
    assert objective["text"] == "Grow"
    (kr,) = objective["key_results"]
    assert kr["text"] == "Sell 5 more by August"
    assert kr["deadline"]["date"] == "2026-08-31"
    assert kr["span"]["start"] == {"line": 4, "column": 21, "offset": 61}
    assert dumped["syntax_errors"] == []
    text_output = subprocess.run(
        [_goallint(), "parse", str(path)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert text_output.returncode == 0
    assert "KR  Sell 5 more by August" in text_output.stdout


@pytest.mark.parametrize("label", ["KR1:", "KR 2:", "KR#3 -", "KR1.", "Key result 4:", "KR:"])
def test_numbered_key_results_under_a_numbered_heading(label: str) -> None:
    """A numbered heading over labelled key results is their objective, whatever the label's number
    looks like (a cheap screen for label words once missed 'KR1')."""
    page = f"# Sales\n\n## 1. Close more mid-sized retailers\n- {label} Grow pipeline from $4M to $6M\n"
    document = parse_document(page, "sales.md")
    assert [(o.text, [kr.text for kr in o.key_results]) for o in document.objectives] == [
        ("Close more mid-sized retailers", ["Grow pipeline from $4M to $6M"])
    ]
    assert document.syntax_errors == []
