"""Reading check-ins, grades, milestones and weights as people write them (docs/format.md, "Check-ins")."""

from __future__ import annotations

import pytest

from goallint.model import Checkin, KeyResult
from goallint.syntax import parse_document

PERIOD = "period: 2026-Q3\n\n"


def _kr(text: str, fmt: str = "okr") -> KeyResult:
    document = parse_document(PERIOD + text, f"plan.{fmt}")
    assert document.syntax_errors == []
    [objective] = document.objectives
    return objective.key_results[0]


def _fields(checkin: Checkin) -> dict[str, object]:
    found = checkin.model_dump(exclude={"span"}, exclude_none=True)
    if checkin.value is not None:
        found["value"] = (checkin.value.value, checkin.value.unit)
    if found.get("kind") == "check-in":
        del found["kind"]
    return found


LINES = [
    ("2026-08-14: 1,650 (confidence 0.6) signup flow shipped late",
     {"date": "2026-08-14", "value": (1650.0, None), "confidence": 0.6, "note": "signup flow shipped late"}),
    ("2026/08/14 - 1.65k", {"date": "2026-08-14", "value": (1650.0, None)}),
    ("Aug 14 — 42% (on track)", {"date": "2026-08-14", "value": (42.0, "%"), "status": "on-track"}),
    ("14 Aug 2026: $2.1M (conf 70%, at risk) two deals slipped",
     {"date": "2026-08-14", "value": (2100000.0, "USD"), "confidence": 0.7, "status": "at-risk",
      "note": "two deals slipped"}),
    ("2026-08-14: 900 s", {"date": "2026-08-14", "value": (900.0, "s")}),
    ("2026-08-14: 1,200 users (7/10 confidence)", {"date": "2026-08-14", "value": (1200.0, "users"),
                                                   "confidence": 0.7}),
    ("2026-08-14: done", {"date": "2026-08-14", "done": True}),
    ("2026-08-14: not done, waiting on legal", {"date": "2026-08-14", "done": False, "note": "waiting on legal"}),
    ("- 2026-08-14: 36% behind, new form still in review",
     {"date": "2026-08-14", "value": (36.0, "%"), "status": "off-track", "note": "new form still in review"}),
    ("2026-08-14: 1,650 confidence 0.6", {"date": "2026-08-14", "value": (1650.0, None), "confidence": 0.6}),
    ("=> 0.7", {"kind": "grade", "grade": 0.7}),
    ("=> 60% two of three shipped", {"kind": "grade", "grade": 0.6, "note": "two of three shipped"}),
    ("grade: 7/10", {"kind": "grade", "grade": 0.7}),
    ("final: 70%", {"kind": "grade", "grade": 0.7}),
    ("projection: 0.6", {"kind": "projection", "grade": 0.6}),
    ("=> Shipped for all open source projects", {"kind": "grade", "note": "Shipped for all open source projects"}),
    ("- [x] Google sign-in", {"done": True, "note": "Google sign-in"}),
    ("- [ ] Microsoft sign-in", {"done": False, "note": "Microsoft sign-in"}),
]


@pytest.mark.parametrize(("line", "expected"), LINES, ids=[line for line, _ in LINES])
def test_a_line_under_a_key_result(line: str, expected: dict[str, object]) -> None:
    kr = _kr(f"Objective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n    {line}\n")
    assert [_fields(c) for c in kr.checkins] == [expected]
    assert kr.text == "Increase weekly signups from 1,200 to 2,000"
    span = kr.checkins[0].span
    assert (span.start.line, span.start.column) == (5, 5)


def test_lines_that_are_not_check_ins_are_left_to_the_reader() -> None:
    document = parse_document(PERIOD + "Objective: Grow\n  KR: Increase weekly signups from 1,200 to 2,000\n"
                              "    owner: Dana\n    - Reduce latency from 5 → 3 s\n", "plan.okr")
    first, second = document.objectives[0].key_results
    assert first.checkins == [] and first.owner is not None and first.owner.text == "Dana"
    assert second.text == "Reduce latency from 5 → 3 s" and second.checkins == []


def test_grades_and_priority_after_a_statement() -> None:
    document = parse_document(PERIOD + "Objective: Improve input latency 0.40\n"
                              "  KR: Get listener options into the DOM spec P1 0.70\n"
                              "  KR: Publish the roadmap => 0.6 security review took five weeks\n"
                              "  KR: Fix the crash on start P1\n  KR: Launch the podcast - DONE\n"
                              "  KR: Reduce error rate to 0.50\n", "plan.okr")
    objective = document.objectives[0]
    assert objective.text == "Improve input latency" and [c.grade for c in objective.checkins] == [0.4]
    spec, roadmap, crash, podcast, errors = objective.key_results
    assert (spec.text, spec.priority, [c.grade for c in spec.checkins]) == (
        "Get listener options into the DOM spec", 1, [0.7])
    assert roadmap.text == "Publish the roadmap"
    assert [(c.grade, c.note) for c in roadmap.checkins] == [(0.6, "security review took five weeks")]
    assert (crash.text, crash.priority, crash.checkins) == ("Fix the crash on start", 1, [])
    assert podcast.text == "Launch the podcast"
    assert [(c.done, c.span.start.column) for c in podcast.checkins] == [(True, 26)]  # "- DONE" after it
    assert (errors.text, errors.checkins) == ("Reduce error rate to 0.50", [])  # a key result's own number stays


def test_weight_under_a_key_result() -> None:
    assert _kr("Objective: Grow\n  KR: Increase NPS from 20 to 40\n    weight: 3\n").weight == 3.0


def test_markdown_nested_bullets_and_a_dated_table() -> None:
    page = ("# Growth\n\n## Objective: Grow\n\n"
            "- KR1: Increase weekly signups from 1,200 to 2,000\n"
            "  - 2026-07-15: 1,300 (confidence 0.7) first test live\n"
            "  - [x] new signup form\n"
            "- KR2: Increase activation from 30% to 45%\n\n"
            "  | Date | Value | Confidence | Note |\n  |---|---|---|---|\n"
            "  | 2026-07-20 | 33% | 0.8 | onboarding emails |\n  | 2026-08-10 | 36% | 0.6 | checklist slipped |\n")
    document = parse_document(PERIOD + page, "plan.md")
    first, second = document.objectives[0].key_results
    assert [_fields(c) for c in first.checkins] == [
        {"date": "2026-07-15", "value": (1300.0, None), "confidence": 0.7, "note": "first test live"},
        {"done": True, "note": "new signup form"},
    ]
    assert [(c.date, c.value and c.value.value, c.confidence, c.note) for c in second.checkins] == [
        ("2026-07-20", 33.0, 0.8, "onboarding emails"), ("2026-08-10", 36.0, 0.6, "checklist slipped")]
    assert second.checkins[0].span.start.line == 14  # the table row, in the page's own lines


def test_markdown_grades_after_items_and_in_a_kr_table() -> None:
    page = ("## Objective: Ship SSO\n\n- KR: Launch single sign-on => 60% Google done, Microsoft next quarter\n\n"
            "## Objective: Grow\n\n| Key result | Priority | Projection | Score |\n|---|---|---|---|\n"
            "| Reach 5,000 forum members | P1 | 0.8 | 0.7 |\n")
    document = parse_document(PERIOD + page, "plan.md")
    sso, grow = document.objectives
    assert [(c.kind, c.grade, c.note) for c in sso.key_results[0].checkins] == [
        ("grade", 0.6, "Google done, Microsoft next quarter")]
    members = grow.key_results[0]
    assert members.priority == 1
    assert [(c.kind, c.grade) for c in members.checkins] == [("projection", 0.8), ("grade", 0.7)]
