"""`goallint status --format html` opened in real headless Chromium (as tests/test_page.py drives it),
at desktop and phone widths, with no network: what a reader sees, measured on the page.
Screenshots are kept in tests/artifacts/ (not committed)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, skip_without_chromium

PLAN = Path(__file__).parent / "data" / "progress" / "growth.okr"

skip_without_chromium()

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("status") / "status.html"
    subprocess.run([sys.executable, "-m", "goallint", "status", str(PLAN), "--as-of", "2026-08-15", "--format",
                    "html", "--output-file", str(out)], check=True, timeout=120, capture_output=True)
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _open(browser: Browser, report: Path, width: int, height: int) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(("file://", "data:"))
            else fetched.append(request.url))
    page.goto(report.as_uri())
    return page, fetched


def _share(row: Locator, part: str) -> float:
    """Where `part` (the fill's right edge, or the tick) sits along the bar of `row`, from 0 to 1."""
    bar = row.locator(".bar").bounding_box()
    mark = row.locator(f".bar {part}").bounding_box()
    assert bar is not None and mark is not None
    if part == ".fill":
        return mark["width"] / bar["width"]
    return (mark["x"] + mark["width"] / 2 - bar["x"]) / bar["width"]


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1366, 900), ("phone", 390, 844)])
def test_status_page_shows_bars_statuses_and_sparklines(browser: Browser, report: Path, name: str, width: int,
                                                         height: int) -> None:
    page, fetched = _open(browser, report, width, height)
    expect(page.locator("h1")).to_have_text("Goal status")
    # the summary at the top: a number and a word per status
    expect(page.locator('[data-count="on-track"]')).to_contain_text("On track")
    expect(page.locator('[data-count="off-track"]')).to_contain_text("Off track")
    expect(page.locator('[data-count="not-updated"]')).to_contain_text("Not updated")
    objectives = page.locator("section.objective:not(.kpis)")
    expect(objectives).to_have_count(2)
    for index in range(2):
        head = objectives.nth(index).locator(".ohead")
        expect(head.locator(".bar")).to_be_visible()
        expect(head.locator(".status")).to_be_visible()
        assert head.locator(".status").inner_text() in ("On track", "At risk", "Off track", "Not started", "Done")
    kr = page.locator(".kr", has_text="Increase weekly signups")
    expect(kr).to_contain_text("Increase weekly signups from 1,200 to 2,000")
    expect(kr.locator(".status")).to_have_text("On track")
    expect(kr.locator(".barline strong")).to_have_text("56%")
    expect(kr).to_contain_text("confidence 60%")
    expect(kr.locator(".spark svg")).to_be_visible()
    expect(kr.locator(".spark circle")).to_have_count(2)  # the two check-ins
    assert _share(kr, ".fill") == pytest.approx(0.5625, abs=0.01)
    assert _share(kr, ".tick") == pytest.approx(45 / 91, abs=0.01)
    dropoff = page.locator(".kr", has_text="Reduce signup drop-off")
    expect(dropoff.locator(".status")).to_have_text("At risk")
    assert _share(dropoff, ".fill") == pytest.approx(6 / 15, abs=0.01)
    # findings of `goallint check` beside the item they are about
    expect(page.locator(".findings").first).to_be_visible()
    expect(page.locator(".findings").first).to_contain_text("GL")
    # nothing is cut off or scrolls sideways
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"status-{name}.png"), full_page=True)
    page.context.close()
    assert fetched == []
