"""POST /v1/status: what `goallint status --format json` says of one document, over HTTP."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import jsonschema
import pytest

from goallint.progress.report_json import STATUS_SCHEMA
from test_service import Server, start_server

PLAN = Path(__file__).parent / "data" / "progress" / "growth.okr"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    server: Server = start_server(tmp_path_factory.mktemp("status"), "--no-access-log")
    with server.client() as client:
        yield client
    server.stop()


def test_status_answers_what_the_command_prints(api: httpx.Client) -> None:
    text = PLAN.read_text(encoding="utf-8")
    answer = api.post("/v1/status", json={"text": text, "filename": str(PLAN), "as_of": "2026-08-15"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    printed = subprocess.run([sys.executable, "-m", "goallint", "status", str(PLAN), "--as-of", "2026-08-15",
                              "--format", "json"], capture_output=True, check=True, timeout=120).stdout
    assert body["status"] == json.loads(printed)[0]
    jsonschema.validate([body["status"]], STATUS_SCHEMA)
    assert "stale-checkin" in {f["rule"] for f in body["findings"]}  # judged as of 2026-08-15 too
    assert "html" not in body or body["html"] is None


def test_status_html_and_as_of_do_not_leak_into_the_next_request(api: httpx.Client) -> None:
    text = PLAN.read_text(encoding="utf-8")
    early = api.post("/v1/status", json={"text": text, "as_of": "2026-07-02", "html": True}).json()
    assert early["status"]["as_of"] == "2026-07-02"
    assert early["html"].startswith("<!doctype html>") and "Goal status" in early["html"]
    later = api.post("/v1/status", json={"text": text}).json()
    assert later["status"]["as_of"] != "2026-07-02"


def test_status_says_what_is_wrong_with_a_bad_date(api: httpx.Client) -> None:
    answer = api.post("/v1/status", json={"text": "Objective: x", "as_of": "15/08/2026"})
    assert answer.status_code == 422
