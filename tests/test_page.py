"""The page at `/`, driven in real headless Chromium (Debian's `chromium`, through Playwright).

Paste a document, see the findings marked on the text and listed, click one, load an example,
export. A screenshot of each scene is kept in tests/artifacts/ (not committed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, skip_without_chromium
from test_service import GROWTH, TOKEN, Server, start_server

skip_without_chromium()

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("page"), "--no-access-log")
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"], base_url=server.url)
    opened = context.new_page()
    errors: list[str] = []
    elsewhere: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("request", lambda request: None if request.url.startswith((server.url, "data:", "blob:"))
              else elsewhere.append(request.url))
    opened.goto("/")
    yield opened
    context.close()
    assert not errors, f"the page raised: {errors}"
    assert not elsewhere, f"the page fetched from outside the service: {elsewhere}"


def shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def findings(page: Page) -> list[str]:
    return page.locator("#findings li .rule").all_inner_texts()


def test_pasted_goals_are_marked_listed_and_understood(page: Page) -> None:
    page.fill("#text", GROWTH)
    expect(page.locator("#status")).to_have_text("2 things to look at: 2 warnings.")
    assert findings(page) == ["GL202 missing-baseline", "GL101 kr-count"]
    first = page.locator("#findings li").first
    expect(first.locator(".where")).to_have_text("Line 6, column 31")
    expect(first.locator(".hint")).to_contain_text("Say where you start and where you aim")
    # the marks on the text cover exactly the text of each finding
    marks = page.locator("#highlights mark")
    assert marks.all_text_contents() == ["under 800", "Be the cheapest to run"]
    assert marks.first.get_attribute("class") == "sev-warning"
    row = page.locator("#understood tbody tr").first
    assert row.locator("td").all_inner_texts() == [
        "O1: Make onboarding effortless", "KR1: Grow weekly active teams from 1.2k to 2,000 by Sept 30",
        "weekly active teams", "↑ increase", "1.2k → 2,000", "by Sept 30 (2026-09-30)", "outcome",
    ]
    expect(page.locator("#understood tbody tr")).to_have_count(7)  # 5 key results, 2 KPIs
    kpi = page.locator("#understood tbody tr").last.locator("td").all_inner_texts()
    assert kpi[:2] == ["The whole plan", "KPI: Customer satisfaction score"]
    shoot(page, "page-pasted")


def test_clicking_a_finding_selects_its_text(page: Page) -> None:
    page.fill("#text", GROWTH)
    finding = page.locator("#findings li").first
    expect(finding).to_be_visible()
    finding.locator("button.finding").click()
    selected = page.evaluate("() => { const t = document.getElementById('text');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert selected == "under 800"
    expect(finding).to_have_class("sev-warning active")
    expect(page.locator("#highlights mark.active")).to_have_text("under 800")
    assert page.evaluate("document.activeElement.id") == "text"


def test_findings_can_be_reached_and_chosen_with_the_keyboard(page: Page) -> None:
    page.fill("#text", GROWTH)
    expect(page.locator("#findings li")).to_have_count(2)
    page.locator("#findings li button.finding").nth(1).focus()
    page.keyboard.press("Enter")
    selected = page.evaluate("() => { const t = document.getElementById('text');"
                             " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert selected == "Be the cheapest to run"


def test_typing_relints_after_a_pause(page: Page) -> None:
    page.fill("#text", GROWTH)
    expect(page.locator("#findings li")).to_have_count(2)
    page.locator("#text").press("End")
    page.keyboard.press("Control+End")
    page.keyboard.type("  KR3: Improve things a lot", delay=15)  # a key result after the plan's KPI
    expect(page.locator("#findings li .rule", has_text="GL001 syntax")).to_have_count(1)
    expect(page.locator("#status")).to_have_text("3 things to look at: 1 error, 2 warnings.")
    expect(page.locator("#highlights mark.sev-error")).to_have_count(1)


def test_offsets_stay_right_after_characters_outside_the_basic_plane(page: Page) -> None:
    text = "period: 2026-Q3\nObjective: 🚀 Win 🎯 big\n  KR1: Cut p95 page load 🐢 to under 800 ms\n"
    page.fill("#text", text)
    expect(page.locator("#highlights mark", has_text="under 800")).to_have_count(1)
    assert page.locator("#highlights mark").nth(1).text_content() == "under 800"
    expect(page.locator("#highlights mark").first).to_have_text("🚀 Win 🎯 big")


def test_loading_an_example(page: Page) -> None:
    page.select_option("#example", label="A plan that needs work (plain goals)")
    page.click("#load-example")
    expect(page.locator("#findings li")).to_have_count(12)
    assert page.input_value("#text").startswith("title: Support team plan")
    assert page.input_value("#format") == "okr"
    page.select_option("#example", label="A handbook page (Markdown)")
    page.click("#load-example")
    expect(page.locator("#status")).to_have_text("5 things to look at: 4 warnings, 1 suggestion.")  # kr-numbering: info
    assert page.input_value("#format") == "md"
    shoot(page, "page-example")


def test_an_example_replaces_pasted_text_only_when_asked(page: Page) -> None:
    page.fill("#text", "Objective: My own plan\n")
    page.select_option("#example", label="Growth team, Q3 (plain goals)")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#load-example")
    expect(page.locator("#text")).to_have_value("Objective: My own plan\n")
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#load-example")
    expect(page.locator("#text")).to_have_value(GROWTH)


def test_export_as_json_and_sarif_and_copy(page: Page) -> None:
    page.fill("#text", GROWTH)
    expect(page.locator("#findings li")).to_have_count(2)
    exported = json.loads(page.input_value("#export-text"))
    assert [f["code"] for f in exported["findings"]] == ["GL202", "GL101"]
    assert exported["document"]["period"]["label"] == "2026-Q3"
    page.select_option("#export-format", "sarif")
    expect(page.locator("#export-text")).to_have_value(re.compile(r'"version": "2\.1\.0"'))
    page.click("#copy")
    expect(page.locator("#copy-status")).to_have_text("Copied the SARIF report.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert json.loads(copied)["runs"][0]["results"][0]["ruleId"] == "GL202"


def test_every_control_has_a_label_and_results_are_announced(page: Page) -> None:
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('select, textarea, input')]
        .filter((el) => !el.labels.length && !el.getAttribute('aria-label')).map((el) => el.id)""")
    assert unlabelled == []
    status = page.locator("#status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.fill("#text", "period: 2026-Q3\nObjective: Win\n  KR1: Grow weekly active teams from 10 to 20 by Sept 30\n"
                       "  KR2: Grow paying teams from 5 to 9 by Sept 30\n  KR3: Cut churn from 4% to 3% by Sept 30\n")
    expect(status).to_have_text("No problems found. These goals read well.")


def test_a_rule_can_be_explained_from_its_finding(page: Page) -> None:
    page.fill("#text", GROWTH)
    details = page.locator("#findings li details").first
    details.locator("summary").click()
    expect(details.locator("pre")).to_contain_text("GL202 missing-baseline")


def test_with_a_token_the_page_asks_for_it(browser: Browser, tmp_path: Path) -> None:
    guarded = start_server(tmp_path, "--no-access-log", env={"GOALLINT_TOKEN": TOKEN})
    try:
        context = browser.new_context(base_url=guarded.url)
        page = context.new_page()
        page.goto("/")
        page.fill("#text", GROWTH)
        expect(page.locator("#token-form")).to_be_visible()
        page.fill("#token", TOKEN)
        page.click("#token-form button")
        expect(page.locator("#findings li")).to_have_count(2)
        context.close()
    finally:
        guarded.stop()


def test_moving_the_caret_into_a_marked_phrase_points_at_its_finding(page: Page) -> None:
    page.fill("#text", GROWTH)
    expect(page.locator("#findings li")).to_have_count(2)
    caret = GROWTH.index("under 800")
    page.evaluate("(at) => { const t = document.getElementById('text'); t.focus(); t.setSelectionRange(at, at); }",
                  caret)
    page.keyboard.press("ArrowRight")
    expect(page.locator("#findings li.at-caret .rule")).to_have_text("GL202 missing-baseline")
    page.keyboard.press("Control+Home")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#findings li.at-caret")).to_have_count(0)
