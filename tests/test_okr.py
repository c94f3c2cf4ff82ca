"""The `.okr` document format (docs/format.md)."""

from __future__ import annotations

from goallint.model import Document, Span
from goallint.syntax import parse_document


def parse(text: str) -> Document:
    return parse_document(text, "plan.okr")


def source(text: str, span: Span) -> str:
    return text[span.start.offset : span.end.offset]


def test_every_label_layout_people_type() -> None:
    text = (
        "PERIOD: 2026-Q3\n"
        "objective: First\n"
        "  kr: one\n"
        "  KR1: two\n"
        "  KR 2 - three\n"
        "  Key Result 3: four\n"
        "  key result #4: five\n"
        "  - six\n"
        "  * seven\n"
        "  • eight\n"
        "Objective 2: Second\n"
        "O3: Third\n"
        "O4. Fourth\n"
        "\t- KR: nine\n"
    )
    document = parse(text)
    assert [o.text for o in document.objectives] == ["First", "Second", "Third", "Fourth"]
    assert [o.label for o in document.objectives] == ["O", "O2", "O3", "O4"]
    first = document.objectives[0]
    assert [k.text for k in first.key_results] == ["one", "two", "three", "four", "five", "six", "seven", "eight"]
    assert [k.label for k in first.key_results][:5] == ["KR", "KR1", "KR2", "KR3", "KR4"]
    assert [k.text for k in document.objectives[3].key_results] == ["nine"]
    assert document.syntax_errors == []


def test_header_fields_and_periods() -> None:
    for written, label, start, end in [
        ("2026-Q3", "2026-Q3", "2026-07-01", "2026-09-30"),
        ("FY27 Q1", "FY27-Q1", "2027-01-01", "2027-03-31"),
        ("2026 H2", "2026-H2", "2026-07-01", "2026-12-31"),
        ("2026", "2026", "2026-01-01", "2026-12-31"),
    ]:
        document = parse(f"title: Plan\nperiod: {written}\nowner: Growth\nparent: Company O1\n")
        assert document.period is not None
        assert (document.period.label, document.period.start, document.period.end) == (label, start, end)
        assert document.owner is not None and document.owner.text == "Growth"
        assert document.parent is not None and document.parent.text == "Company O1"
        assert document.title is not None and document.title.text == "Plan"


def test_an_unknown_period_is_a_syntax_finding_that_names_it() -> None:
    document = parse("period: next-ish\nObjective: A\n  KR: Ship it\n")
    assert document.period is None
    assert len(document.syntax_errors) == 1
    problem = document.syntax_errors[0]
    assert "next-ish" in problem.message and "2026-Q3" in problem.hint
    assert problem.span.start.line == 1 and problem.span.start.column == 9


def test_kpis_with_fields_at_plan_and_objective_level() -> None:
    text = (
        "Objective: Reliable\n"
        "  KR: Ship status page\n"
        "  KPI: Uptime\n"
        "    target: ≥ 99.9%\n"
        "    source: Pingdom\n"
        "    cadence: weekly\n"
        "    owner: SRE\n"
        "    annual target: 99.95%\n"
        "KPI: Customer satisfaction score – target ≥ 90%, monthly, source: NPS survey\n"
    )
    document = parse(text)
    uptime = document.objectives[0].kpis[0]
    assert uptime.name == "Uptime" and uptime.is_kpi and uptime.kind == "outcome"
    target = uptime.measure.target
    assert target is not None and (target.value, target.unit) == (99.9, "%")
    assert source(text, target.span) == "≥ 99.9%"
    assert uptime.source is not None and uptime.source.text == "Pingdom"
    assert uptime.cadence is not None and uptime.cadence.every == "weekly"
    assert uptime.owner is not None and uptime.owner.text == "SRE"
    assert uptime.annual_target is not None and uptime.annual_target.value == 99.95
    csat = document.kpis[0]
    assert csat.name == "Customer satisfaction score"
    assert csat.measure.target is not None and csat.measure.target.comparator == ">="
    assert csat.cadence is not None and csat.cadence.every == "monthly"
    assert csat.source is not None and csat.source.text == "NPS survey"
    assert source(text, csat.source.span) == "NPS survey"


def test_markers_kpi_and_commitment() -> None:
    document = parse(
        "Objective: Grow [aspirational]\n  KR: [KPI] Keep uptime at 99.9%\n  KR: Lift NPS to 50 *KPI\n  KR: Ship it\n"
    )
    objective = document.objectives[0]
    assert objective.text == "Grow" and objective.commitment == "aspirational"
    assert [k.is_kpi for k in objective.key_results] == [True, True, False]
    assert [k.text for k in objective.key_results] == ["Keep uptime at 99.9%", "Lift NPS to 50", "Ship it"]


def test_comments_directives_and_junk_lines() -> None:
    text = "# a comment\n# goallint: disable=kr-count\nObjective: A\n  KR: B\nthis line is junk\n  KR: C\n"
    document = parse(text)
    assert [d.text for d in document.directives] == ["# goallint: disable=kr-count"]
    assert len(document.syntax_errors) == 1
    problem = document.syntax_errors[0]
    assert source(text, problem.span) == "this line is junk"
    assert "Objective:" in problem.hint
    # the line after the junk is still read, and still belongs to the objective
    assert [k.text for k in document.objectives[0].key_results] == ["B", "C"]


def test_a_key_result_before_any_objective() -> None:
    document = parse("KR: Orphan\nObjective: A\n  KR: B\n")
    assert len(document.syntax_errors) == 1
    assert "no objective" in document.syntax_errors[0].message
    assert [k.text for k in document.objectives[0].key_results] == ["B"]


def test_spans_count_characters_and_offsets_across_crlf_and_bom() -> None:
    lf = "period: 2026-Q3\nObjective: Ünïcode € goals\n  KR1: Raise NPS from 30 to 45 by EOY\n"
    for text in (lf, lf.replace("\n", "\r\n"), "\ufeff" + lf):
        document = parse(text)
        body = text.removeprefix("\ufeff")
        objective = document.objectives[0]
        assert source(body, objective.span) == "Ünïcode € goals"
        item = objective.key_results[0]
        assert item.span.start.line == 3 and item.span.start.column == 8
        assert source(body, item.span) == "Raise NPS from 30 to 45 by EOY"
        assert item.measure.target is not None and source(body, item.measure.target.span) == "45"
        assert source(body, item.line_span) == "  KR1: Raise NPS from 30 to 45 by EOY"


def test_a_trailing_directive_is_not_part_of_the_statement() -> None:
    text = "Objective: A\n  KR1: Lift NPS to 50  # goallint: disable=missing-baseline\n"
    document = parse(text)
    item = document.objectives[0].key_results[0]
    assert item.text == "Lift NPS to 50"
    assert [source(text, d.span) for d in document.directives] == ["# goallint: disable=missing-baseline"]


def test_only_lf_crlf_and_cr_end_a_line() -> None:
    # a form feed or U+2028 inside a line does not start a new one, as in every editor
    text = "Objective: A\x0cB\n  KR: Grow y\u2028z from 1 to 2\r  KR: C\r\n"
    document = parse(text)
    objective = document.objectives[0]
    assert objective.text == "A\x0cB"
    assert [(k.text, k.span.start.line) for k in objective.key_results] == [("Grow y\u2028z from 1 to 2", 2), ("C", 3)]


def test_owner_labelled_key_results_and_unlabelled_objectives() -> None:
    text = (
        "period: 2026-Q3\n\n"
        "CFO: Grow net revenue\n"
        "  - CFO KR: Close the books in 5 days instead of 10\n"
        "  - [Finance] KR: Cut invoice errors from 4% to 1%\n"
        "  - Head of Design, Web KR: Redesign the pricing page\n"
        "  - Raise NPS from 30 to 50 => 60% achieved\n\n"
        "2. Marketing — Grow pipeline\n"
        "  1. Grow MQLs from 100 to 200\n"
        "  2. Launch the podcast - DONE\n"
    )
    document = parse(text)
    assert document.syntax_errors == []
    revenue, pipeline = document.objectives
    assert (revenue.label, revenue.text) == ("O", "Grow net revenue")
    assert revenue.owner is not None and source(text, revenue.owner.span) == "CFO"
    assert [kr.text for kr in revenue.key_results] == [
        "Close the books in 5 days instead of 10", "Cut invoice errors from 4% to 1%", "Redesign the pricing page",
        "Raise NPS from 30 to 50",
    ]
    owners = [kr.owner for kr in revenue.key_results]
    assert [source(text, o.span) if o else None for o in owners] == ["CFO", "Finance", "Head of Design, Web", None]
    assert (pipeline.label, pipeline.text) == ("O2", "Grow pipeline")
    assert pipeline.owner is not None and pipeline.owner.text == "Marketing"
    assert [kr.text for kr in pipeline.key_results] == ["Grow MQLs from 100 to 200", "Launch the podcast"]


def test_an_unlabelled_line_without_bullets_under_it_is_still_unknown() -> None:
    document = parse("Grow net revenue\nObjective: Delight customers\n  KR: Raise CSAT from 80% to 90%\n")
    assert [o.text for o in document.objectives] == ["Delight customers"]
    assert [p.message for p in document.syntax_errors] == ["goallint could not tell what this line is."]
