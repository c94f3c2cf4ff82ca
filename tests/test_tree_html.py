"""`goallint tree --format html` opened in real headless Chromium, with no network, at desktop and
phone widths: what a person sees, not only what the HTML says."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from goallint.cli import main
from harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, skip_without_chromium

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "company"

skip_without_chromium()

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def tree_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tree")
    shutil.copytree(EXAMPLE, folder / "company")
    (folder / "company" / "teams" / "support.okr").write_text(
        "title: Support team plan\nperiod: 2026-Q3\nowner: Support\nparent: Acme company plan O9\n\n"
        "Objective 1: Answer faster\n  KR1: Cut first response time from 8 h to 2 h\n", encoding="utf-8")
    page = folder / "tree.html"
    result = CliRunner().invoke(main, ["tree", "--no-cache", "--as-of", "2026-08-20", "--format", "html",
                                       "--output-file", str(page), str(folder / "company")])
    assert result.exit_code == 0, result.output
    return page


def open_page(browser: Browser, page_file: Path, width: int) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: None if request.url.startswith("file:") else fetched.append(request.url))
    page.goto(page_file.as_uri())
    return page, fetched


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_the_tree_page_shows_plans_objectives_and_findings(browser: Browser, tree_page: Path, width: int) -> None:
    page, fetched = open_page(browser, tree_page, width)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"tree-{width}.png"), full_page=True)
    assert fetched == []  # one self-contained file
    assert page.locator(".summary").inner_text() == "4 plans · 4 objectives in the tree · 2 outside it · 3 findings"
    headings = page.locator("section.plan > h2").all_inner_texts()
    assert headings[0] == "Acme company plan 2026-Q3"
    assert any(h.startswith("Support team plan") and "a parent: link names nothing" in h for h in headings)
    top = page.locator("section.plan").first
    assert top.locator("li .lbl").all_inner_texts()[:2] == ["O1", "Sales team plan 2026-Q3 · O1"]
    broken = page.locator("section.plan", has_text="Support team plan").locator("ul.findings li")
    assert broken.first.is_visible() and "broken-parent" in broken.first.inner_text()
    # nothing runs off the side of a phone
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.context.close()
