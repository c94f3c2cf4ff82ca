"""Inputs of the classes that break readers (issue 12: `parse_document` never raises on content),
read as `.okr` and as Markdown with every fiscal-year start and checked by `goallint check`; then
documents spliced from the lines of the repository's real pages, the way tests/fuzz/parse_target.py
mutates its seeds, which must read and lint without raising or an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz.spans import misplaced_spans
from goallint.checking import check_text
from goallint.config import Config
from goallint.engine.plugins import load_plugins
from goallint.syntax import parse_document
from harness import DATA, goallint

BIG = "9" * 5000  # past the 4,300 digits Python's int() takes from a string
# Each class of input that has raised in a reader somewhere (an empty split or match group, an
# index past the end, a day no calendar has, a year past 9999, an int too big, digits that are
# not ASCII), written as goal lines of both formats.
CLASSES = {
    "nothing after a label's separator": "KPI: : 5%\nKPI 1:  – target 90%\nKR 1:\nObjective:\n- **KR1:** \n**:**\n",
    "thousands of digits in labels": f"Priority {BIG}: Grow\nKR {BIG}.{BIG}: Grow 5%\nO{BIG}. Grow\n{BIG}) Grow\n",
    "thousands of digits as amounts": f"KR 1: Grow users from {BIG} to {BIG}.5% by Q3\nKPI: ${BIG}M\n",
    "days no calendar has": "KR 1: Ship by 2026-02-30\n  due: 31/02/2026\nKR 2: Launch by 32 Jan 2026\n",
    "years at the calendar's ends": "period: FY9999\nKR 1: Ship by 31 Dec 9999\nKR 2: Start by Jan 1 0001\n",
    "digits that are not ASCII": "KR ٣: Grow to ١٢٠ users by Q٣\nKR ²: Cut churn to ½%\nGoal Ⅻ: 𝟙𝟚 teams\n",
    "empty table cells and rows": "| KR | Target |\n|-|-|\n| | |\n||\n| KPI: | : |\n|\n",
    "markers with no body": "#\n##\n- \n1.\n> \n- [ ]\n|-|\n```\n",
}


def read_both_ways(text: str, fy_start_month: int = 1) -> None:
    """Parse as `.okr` and as Markdown; every span lies inside the text (without its BOM)."""
    length = len(text.removeprefix("\ufeff"))
    for path in ("plan.okr", "plan.md"):
        dumped = parse_document(text, path, fy_start_month=fy_start_month).model_dump(mode="json")
        assert not misplaced_spans(dumped, length), (path, misplaced_spans(dumped, length))


@pytest.mark.parametrize("name", CLASSES)
def test_each_class_reads_as_okr_and_markdown_with_every_fiscal_year_start(name: str) -> None:
    text = f"period: 2026-Q3\nowner: Growth\nObjective: Grow\n{CLASSES[name]}"
    for month in range(1, 13):
        read_both_ways(text, month)
        read_both_ways(f"# OKRs\n\n## Objective 1: Grow\n\n{CLASSES[name]}", month)


def test_each_class_is_checked_by_the_command_with_findings_not_a_traceback(tmp_path: Path) -> None:
    for number, text in enumerate(CLASSES.values()):
        (tmp_path / f"plan{number}.okr").write_text(f"period: 2026-Q3\nObjective: Grow\n{text}", encoding="utf-8")
        (tmp_path / f"page{number}.md").write_text(f"# OKRs\n\n## Objective: Grow\n\n{text}", encoding="utf-8")
    result = goallint("check", "--output-format", "json", tmp_path)  # the harness fails on a traceback
    assert result.returncode in (0, 1), result.stderr
    findings = json.loads(result.stdout)
    assert not [finding for finding in findings if finding["rule"] == "internal-error"]
    # every file was read and linted: each plan of one objective and odd lines has something to fix
    assert {Path(finding["path"]).name for finding in findings} == {path.name for path in tmp_path.iterdir()}


# --- documents spliced from real pages -----------------------------------------------------------

PAGES = sorted((DATA / "docs" / "tune").glob("*.md")) + sorted((DATA / "plans").rglob("*.okr"))
LINES = sorted({line for page in PAGES for line in page.read_text(encoding="utf-8").splitlines() if line.strip()})
MARKERS = ["", "  ", "- ", "* ", "1. ", "## ", "> ", "| ", "- [ ] ", "**", "KR 1: ", "KPI: ", "Objective: ", "O1. "]
PIECES = ["", ":", " : ", " – ", "|", "**", "_", "`", "(", ")", "%", "5", "0", "1,000", BIG[:40], "Q3", "FY99",
          "2026-02-30", "by", "from", "to", "\u00a0", "\ufeff", "\r"]
PLUGINS = load_plugins()
CONFIG = Config()


@st.composite
def spliced_line(draw: st.DrawFn) -> str:
    line = draw(st.sampled_from(LINES))
    cut = draw(st.integers(0, len(line)))
    kind = draw(st.integers(0, 2))
    if kind == 0:  # the line as a page has it
        return line
    if kind == 1:  # its words behind another marker
        return draw(st.sampled_from(MARKERS)) + line[cut:].lstrip(" -*#>|0123456789.")
    return line[:cut] + draw(st.sampled_from(PIECES)) + line[cut:]  # a piece put inside it


spliced = st.lists(spliced_line(), max_size=20).map("\n".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spliced, st.integers(1, 12))
def test_documents_spliced_from_real_pages_read_both_ways(text: str, month: int) -> None:
    read_both_ways(text, month)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spliced, st.sampled_from(["plan.okr", "plan.md"]))
def test_documents_spliced_from_real_pages_lint_without_an_internal_error(text: str, path: str) -> None:
    _, found = check_text(text, path, CONFIG, PLUGINS)
    assert not [finding.message for finding in found if finding.rule == "internal-error"]
