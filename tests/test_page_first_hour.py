"""The page for a newcomer (issue 17): real handbook pages pasted with the default "Written as"
are read as Markdown, the choice follows and says so, and at phone width (390 px) nothing
scrolls sideways. Driven in headless Chromium with test_page.py's harness; screenshots go to
tests/artifacts/.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from harness import CORPUS, goallint

# test_page's harness: a served page in Chromium (importing it skips this module where there is none)
from test_page import browser, page, server, shoot  # noqa: F401

PAGES = sorted((CORPUS / "docs").glob("*.md"))


def file_findings(path: Path, cwd: Path) -> list[str]:
    """What `goallint check FILE` finds, as the page lists it: the rule and where."""
    result = goallint("check", "--no-cache", "--output-format", "json", path, cwd=cwd)
    assert result.returncode in (0, 1), result.stderr
    return [f"{f['code']} {f['rule']} @ Line {f['span']['start']['line']}, column {f['span']['start']['column']}"
            for f in json.loads(result.stdout)]


def page_findings(page: Page) -> list[str]:  # noqa: F811
    rules = page.locator("#findings li .rule").all_inner_texts()
    places = page.locator("#findings li .where").all_inner_texts()
    return [f"{rule} @ {where}" for rule, where in zip(rules, places, strict=True)]


@pytest.mark.parametrize("handbook", PAGES, ids=lambda handbook: handbook.stem)
def test_a_pasted_handbook_page_is_read_as_markdown_with_the_files_findings(
    page: Page, handbook: Path, tmp_path: Path,  # noqa: F811
) -> None:
    expected = file_findings(handbook, tmp_path)
    assert page.input_value("#format") == "okr"  # the default
    page.fill("#text", handbook.read_text(encoding="utf-8"))
    # a long page on a busy machine (two cores shared by the test run) may take seconds to lint
    expect(page.locator("#format")).to_have_value("md", timeout=30_000)
    expect(page.locator("#format-note")).to_contain_text("This looks like a Markdown page")
    expect(page.locator("#findings li")).to_have_count(len(expected), timeout=30_000)
    assert page_findings(page) == expected


def test_a_choice_made_by_hand_is_kept(page: Page) -> None:  # noqa: F811
    handbook = (CORPUS / "docs" / "gsf_impact_framework_2025_okrs.md").read_text(encoding="utf-8")
    page.select_option("#format", "okr")  # chosen: the text is read as plain goals, whatever it looks like
    page.fill("#text", handbook)
    expect(page.locator("#findings li .rule", has_text="GL001 syntax")).not_to_have_count(0)
    assert page.input_value("#format") == "okr"
    expect(page.locator("#format-note")).to_be_hidden()


def test_the_understood_table_shows_the_direction_and_how_to_report_a_misreading(page: Page) -> None:  # noqa: F811
    page.fill("#text", "period: 2026-Q3\nObjective: Keep customers\n  KR1: Cut churn from 4% to 3%\n"
                       "  KR2: Grow weekly active teams from 10 to 20\n")
    headers = page.locator("#understood thead th").all_inner_texts()
    assert headers[2:4] == ["Metric", "Direction"]
    expect(page.locator("#understood tbody tr")).to_have_count(2)
    assert [row.locator("td").nth(3).inner_text() for row in page.locator("#understood tbody tr").all()] == [
        "↓ decrease", "↑ increase"]
    help_text = page.locator(".understood .help").first.inner_text()
    assert "goallint may have misread" in help_text and "the wording is ambiguous" not in help_text


def test_at_phone_width_nothing_scrolls_sideways(page: Page) -> None:  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    page.select_option("#example", label="Node.js Community Committee, 2020 (a real page, Markdown)")
    page.click("#load-example")
    expect(page.locator("#findings li").first).to_be_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
                           " document.body.scrollWidth]")
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter((el) => el.closest('.table-wrap') === null && el.getBoundingClientRect().right > innerWidth + 0.5)
        .map((el) => el.id || el.className || el.tagName)""")
    assert wide == []  # only the table scrolls, inside its own box
    shoot(page, "page-390px")
