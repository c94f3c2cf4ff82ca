"""The service page shows progress for pasted goals (POST /v1/status), in headless Chromium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from goallint.progress.evaluate import evaluate_document
from goallint.progress.labels import STATUS_WORDS
from goallint.syntax import parse_document
from test_page import ARTIFACTS, browser, page, server  # noqa: F401  (fixtures)

PLAN = (Path(__file__).parent / "data" / "progress" / "growth.okr").read_text(encoding="utf-8")


def test_pasted_goals_with_check_ins_show_their_progress(page: Page) -> None:  # noqa: F811
    expect(page.locator("#progress-summary")).to_contain_text("Write check-ins under a key result")
    page.fill("#text", PLAN)
    rows = page.locator("#progress li")
    expect(rows).to_have_count(9)  # 2 objectives, 6 key results, 1 KPI
    signups = page.locator("#progress li", has_text="Increase weekly signups")
    today = evaluate_document(parse_document(PLAN, "goals"), date.today())  # the page judges as of today
    expected = today.objectives[0].key_results[0]
    expect(signups.locator(".word")).to_have_text(STATUS_WORDS[expected.status])
    expect(signups.locator(".facts")).to_contain_text("now 1,650")
    bar = signups.locator(".bar").bounding_box()
    fill = signups.locator(".fill").bounding_box()
    assert bar is not None and fill is not None and bar["width"] > 0
    assert fill["width"] / bar["width"] == pytest.approx(min(expected.progress or 0, 1.0), abs=0.02)
    expect(page.locator("#progress-summary")).to_contain_text("on track")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-progress.png"), full_page=True)
