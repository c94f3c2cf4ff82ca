"""The HTTP service, tested as it runs: `goallint serve` in a subprocess on a free loopback port,
talked to over HTTP. Every endpoint, every error status, the token, the body limit, the time limit.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from goallint.config import SETTING_KEYS
from goallint.engine.plugins import load_plugins
from goallint.syntax import parse_document

ROOT = Path(__file__).resolve().parents[1]
GROWTH = (ROOT / "examples" / "growth-q3.okr").read_text(encoding="utf-8")
TOKEN = "s3cret-token-for-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_server(tmp: Path, *options: str, env: dict[str, str] | None = None, workers: int = 1) -> Server:
    """`goallint serve` on a free port, once /healthz says a worker is ready."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    command = [_goallint(), "serve", "--port", str(port), "--workers", str(workers), *options]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=tmp,
                                   env={**os.environ, **(env or {})})
    server = Server(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"goallint serve exited {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"goallint serve did not become ready:\n{log.read_text()}")


def _goallint() -> str:
    found = shutil.which("goallint", path=str(Path(sys.executable).parent)) or shutil.which("goallint")
    assert found, "the goallint console script is not installed"
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("serve"), workers=2)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def api(server: Server) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client


def lint(api: httpx.Client, text: str, **fields: object) -> httpx.Response:
    return api.post("/v1/lint", json={"text": text, **fields})


def codes(answer: httpx.Response) -> list[tuple[str, int, int]]:
    return [(f["code"], f["span"]["start"]["line"], f["span"]["start"]["column"]) for f in answer.json()["findings"]]


# --- /healthz, the page, /openapi.json ---------------------------------------------------------


def test_healthz_says_ready_with_version_and_workers(api: httpx.Client) -> None:
    answer = api.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "version": "0.1.0", "workers": 2, "busy": 0}


def test_page_and_its_assets_are_served_by_the_package_alone(api: httpx.Client) -> None:
    page = api.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    for asset, kind in (("/static/app.js", "javascript"), ("/static/app.css", "text/css")):
        served = api.get(asset)
        assert served.status_code == 200 and kind in served.headers["content-type"]
        assert "http://" not in served.text and "https://" not in served.text  # nothing from the internet
    assert 'src="static/app.js"' in page.text and "://" not in page.text
    examples = api.get("/static/examples/index.json").json()
    assert len(examples) >= 3
    for example in examples:
        assert api.get(f"/static/examples/{example['file']}").status_code == 200


def test_openapi_document(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/v1/lint", "/v1/parse", "/v1/status", "/v1/rules", "/v1/rules/{name}", "/healthz"}
    lint_responses = schema["paths"]["/v1/lint"]["post"]["responses"]
    assert {"200", "400", "413", "415", "422", "503", "504"} <= set(lint_responses)
    assert "HTTPValidationError" not in json.dumps(schema)  # every 422 is our ErrorBody
    assert "securitySchemes" not in schema.get("components", {})  # no token on this server
    assert api.get("/docs").status_code == 404  # Swagger UI would load a CDN


# --- POST /v1/lint --------------------------------------------------------------------------------


def test_lint_finds_what_goallint_check_finds(api: httpx.Client) -> None:
    answer = lint(api, GROWTH, filename="plans/growth-q3.okr")
    assert answer.status_code == 200
    body = answer.json()
    assert codes(answer) == [("GL202", 6, 31), ("GL101", 11, 5)]
    first = body["findings"][0]
    assert first["rule"] == "missing-baseline" and first["severity"] == "warning"
    assert first["hint"].startswith("Say where you start")
    assert first["path"] == "plans/growth-q3.okr"
    assert first["span"]["start"]["offset"] == GROWTH.index("under 800 ms")
    assert body["summary"] == {"error": 0, "warning": 2, "info": 0, "total": 2, "fail_on": "warning", "failed": True}
    understood = body["document"]["objectives"][0]["key_results"][0]
    assert understood["measure"]["metric"] == "weekly active teams"
    assert understood["measure"]["baseline"]["value"] == 1200 and understood["measure"]["target"]["value"] == 2000
    assert understood["deadline"]["date"] == "2026-09-30" and understood["kind"] == "outcome"
    assert "reports" not in body


def test_the_log_never_holds_a_document(api: httpx.Client, server: Server) -> None:
    marker = "Objective: Zanzibar-marker-7741"
    assert lint(api, marker).status_code == 200
    assert api.post("/v1/parse", json={"text": marker}).status_code == 200
    log = server.log.read_text()
    assert '"POST /v1/lint HTTP/1.1" 200' in log  # the access log is on
    assert "Zanzibar" not in log


def test_lint_counts_offsets_in_code_points(api: httpx.Client) -> None:
    text = "period: 2026-Q3\nObjective: Win 🚀 teams\n  KR1: Cut p95 page load to under 800 ms\n"
    finding = next(f for f in lint(api, text).json()["findings"] if f["code"] == "GL202")
    assert finding["span"]["start"]["offset"] == text.index("under 800")  # Python indexes code points


def test_lint_reads_markdown_by_file_name_or_format(api: httpx.Client) -> None:
    page = "---\nperiod: 2026-Q3\n---\n## Objective 1: Win\n- Grow weekly active teams from 10 to 20 by Sept 30\n"
    by_name = lint(api, page, filename="team.md").json()
    by_format = lint(api, page, format="md").json()
    assert by_name["document"]["format"] == by_format["document"]["format"] == "md"
    assert by_name["document"]["objectives"][0]["key_results"][0]["measure"]["target"]["value"] == 20
    # no name, no format: read by the text (a subheading is Markdown's), and the answer says which
    assert lint(api, page).json()["document"]["format"] == "md"
    assert lint(api, GROWTH).json()["document"]["format"] == "okr"
    assert lint(api, page, filename="team.okr").json()["document"]["format"] == "okr"  # the name decides


def test_lint_renders_sarif_and_json_reports_on_request(api: httpx.Client) -> None:
    body = lint(api, GROWTH, reports=["sarif", "json"]).json()
    sarif = json.loads(body["reports"]["sarif"])
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["GL202", "GL101"]
    assert [f["code"] for f in json.loads(body["reports"]["json"])] == ["GL202", "GL101"]


def test_lint_rejects_an_unknown_report(api: httpx.Client) -> None:
    answer = lint(api, GROWTH, reports=["pdf"])
    assert answer.status_code == 422
    assert "unknown format 'pdf'" in answer.json()["problems"][0]["message"]


def test_caller_config_overrides_rules_options_and_severity(api: httpx.Client) -> None:
    ignored = lint(api, GROWTH, config={"ignore": ["missing-baseline"]})
    assert codes(ignored) == [("GL101", 11, 5)]
    relaxed = lint(api, GROWTH, config={"rules": {"kr-count": {"min": 1}}})
    assert [c for c, _, _ in codes(relaxed)] == ["GL202"]
    strict = lint(api, GROWTH, config={"severity": {"GL101": "error"}, "fail-on": "error"}).json()
    assert [f["severity"] for f in strict["findings"]] == ["warning", "error"]
    assert strict["summary"]["failed"] is True and strict["summary"]["fail_on"] == "error"
    fiscal = lint(api, "period: FY27 Q1\nObjective: Win\n", config={"fiscal-year-start": 4}).json()
    assert fiscal["document"]["period"]["start"] == "2026-04-01"


def test_inline_directives_apply(api: httpx.Client) -> None:
    text = GROWTH.replace("under 800 ms", "under 800 ms # goallint: disable=missing-baseline")
    assert [c for c, _, _ in codes(lint(api, text))] == ["GL101"]


@pytest.mark.parametrize(("config", "expected"), [
    ({"selct": ["GL1"]}, "did you mean 'select'"),
    ({"rules": {"kr-count": {"minimum": 2}}}, "minimum"),
    ({"ignore": ["no-such-rule"]}, "unknown rule 'no-such-rule'"),
    ({"severity": {"kr-count": "fatal"}}, "kr-count"),
    ({"output-format": "sarif"}, "'output-format' can be set only in the service's own configuration"),
    *([({"packs": ["/etc/passwd"]}, "'packs' can be set only in the service's own configuration")]
      if "packs" in SETTING_KEYS else []),
])
def test_a_wrong_config_is_422_naming_the_key(api: httpx.Client, config: dict[str, object], expected: str) -> None:
    answer = lint(api, GROWTH, config=config)
    assert answer.status_code == 422
    body = answer.json()
    assert body["error"] == "invalid_request"
    assert any(expected in problem["message"] for problem in body["problems"]), body


@pytest.mark.parametrize("text", [
    "", "\ufeff", "\x00\x01\x02", "KR1: before any objective", "Objective:\n" * 500, "\r\n" * 50,
    "Objective: 🚀" + "9" * 5000, "O1: " + "from 10 to " * 300, "| a | b |\n|---|---|\n" * 40,
    "\u202eObjective: reversed\u202c\n  KR: Grow x from 1 to 2 by Q9", "# goallint: disable=nonsense\n",
])
def test_no_document_causes_a_server_error(api: httpx.Client, text: str) -> None:
    for fmt in ("okr", "md"):
        answer = lint(api, text, format=fmt)
        assert answer.status_code == 200, answer.text
        assert api.post("/v1/parse", json={"text": text, "format": fmt}).status_code == 200


# --- POST /v1/parse -----------------------------------------------------------------------------


def test_parse_answers_the_model_goallint_parse_prints(api: httpx.Client) -> None:
    answer = api.post("/v1/parse", json={"text": GROWTH, "filename": "growth-q3.okr"})
    assert answer.status_code == 200
    expected = parse_document(GROWTH, "growth-q3.okr").model_dump(mode="json")
    assert answer.json() == {"document": expected}


# --- GET /v1/rules ------------------------------------------------------------------------------


def test_rules_lists_every_loaded_rule(api: httpx.Client) -> None:
    rules = api.get("/v1/rules").json()["rules"]
    assert [r["name"] for r in rules] == [r.name for r in sorted(load_plugins().rules.values(), key=lambda r: r.code)]
    kr_count = next(r for r in rules if r["name"] == "kr-count")
    assert kr_count["code"] == "GL101" and kr_count["enabled"] is True and kr_count["plugin"] == "goallint"


@pytest.mark.parametrize("name", ["kr-count", "GL101", "gl101"])
def test_a_rule_by_name_or_code(api: httpx.Client, name: str) -> None:
    rule = api.get(f"/v1/rules/{name}").json()
    assert rule["name"] == "kr-count"
    assert rule["bad"] and rule["good"] and rule["docs"].startswith("GL101 kr-count")
    assert {option["name"] for option in rule["options"]} >= {"min", "max"}
    assert rule["options_schema"]["type"] == "object"


def test_an_unknown_rule_is_404_with_a_suggestion(api: httpx.Client) -> None:
    answer = api.get("/v1/rules/kr-cout")
    assert answer.status_code == 404
    assert answer.json()["message"] == "There is no rule called 'kr-cout'. Did you mean 'kr-count'?"


# --- Errors -------------------------------------------------------------------------------------


def _error(answer: httpx.Response, status: int, error: str) -> dict[str, object]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/json"
    body: dict[str, object] = answer.json()
    assert body["status"] == status and body["error"] == error and body["message"]
    return body


@pytest.mark.parametrize("raw", [b'{"text": ', b"", b"not json", b'{"text": "a"}}', b'{"text": "\xff"}'])
def test_malformed_json_is_400(api: httpx.Client, raw: bytes) -> None:
    _error(api.post("/v1/lint", content=raw, headers={"content-type": "application/json"}), 400, "malformed_json")


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_json_is_415(api: httpx.Client, content_type: str | None) -> None:
    headers = {"content-type": content_type} if content_type else {}
    _error(api.post("/v1/lint", content=b'{"text": "x"}', headers=headers), 415, "unsupported_media_type")


def test_json_with_a_charset_is_accepted(api: httpx.Client) -> None:
    answer = api.post("/v1/lint", content=b'{"text": "O1: Win"}',
                      headers={"content-type": "application/json; charset=utf-8"})
    assert answer.status_code == 200


@pytest.mark.parametrize(("body", "field"), [
    ({}, "text"),
    ({"text": 3}, "text"),
    ({"text": "x", "format": "yaml"}, "format"),
    ({"text": "x", "colour": "red"}, "colour"),
    ({"text": "x", "config": ["select"]}, "config"),
    ({"text": "x", "filename": "a" * 2000}, "filename"),
    ({"text": "\ud800"}, "text"),
    ([{"text": "x"}], None),
])
def test_invalid_fields_are_422_naming_the_field(api: httpx.Client, body: object, field: str | None) -> None:
    raw = json.dumps(body).encode()  # escapes the lone surrogate, as a JavaScript client would send it
    answer = _error(api.post("/v1/lint", content=raw, headers={"content-type": "application/json"}),
                    422, "invalid_request")
    if field is not None:
        assert field in [p["field"] for p in answer["problems"]], answer  # type: ignore[attr-defined]


@pytest.mark.parametrize("depth", [20, 900, 5000])
def test_deeply_nested_json_is_refused_not_a_crash(api: httpx.Client, depth: int) -> None:
    for nested in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        raw = '{"text": "O1: Win", "config": {"rules": {"kr-count": ' + nested + "}}}"
        answer = api.post("/v1/lint", content=raw.encode(), headers={"content-type": "application/json"})
        assert answer.status_code in (400, 422), answer.text


def test_unknown_paths_and_methods_answer_json(api: httpx.Client) -> None:
    _error(api.get("/v2/lint"), 404, "not_found")
    not_allowed = api.get("/v1/lint")
    _error(not_allowed, 405, "method_not_allowed")
    assert not_allowed.headers["allow"] == "POST"


def test_the_body_limit_is_1_mib_by_default(api: httpx.Client) -> None:
    just_under = {"text": "O1: Win\n" + "x" * (1024 * 1024 - 40)}
    assert len(json.dumps(just_under)) <= 1024 * 1024
    assert lint(api, just_under["text"]).status_code == 200
    over = json.dumps({"text": "x" * (1024 * 1024)}).encode()
    body = _error(api.post("/v1/lint", content=over, headers={"content-type": "application/json"}),
                  413, "body_too_large")
    assert "1 MiB" in str(body["message"])


def test_the_body_limit_holds_without_content_length(api: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:  # a generator: httpx sends it chunked, with no Content-Length
        yield b'{"text": "'
        for _ in range(1100):
            yield b"x" * 1024
        yield b'"}'

    answer = api.post("/v1/lint", content=chunks(), headers={"content-type": "application/json"})
    _error(answer, 413, "body_too_large")


# --- The operator's settings: limits, config, CORS, time limit --------------------------------------


@pytest.fixture(scope="module")
def tuned(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    directory = tmp_path_factory.mktemp("tuned")
    (directory / "ops.toml").write_text('ignore = ["GL101"]\n[rules.missing-baseline]\n', encoding="utf-8")
    running = start_server(directory, "--max-body", "4k", "--timeout", "1", "--config", "ops.toml",
                           "--cors-origin", "https://plans.example.com", "--no-access-log")
    yield running
    running.stop()


def test_a_configured_body_limit(tuned: Server) -> None:
    with tuned.client() as client:
        assert lint(client, "x" * 3000).status_code == 200
        body = _error(lint(client, "x" * 5000), 413, "body_too_large")
        assert "4 KiB" in str(body["message"])


def test_the_operators_config_applies_and_callers_add_to_it(tuned: Server) -> None:
    with tuned.client() as client:
        assert [c for c, _, _ in codes(lint(client, GROWTH))] == ["GL202"]
        assert codes(lint(client, GROWTH, config={"ignore": ["GL202"]})) == []  # both ignores hold
        rules = {r["name"]: r for r in client.get("/v1/rules").json()["rules"]}
        assert rules["kr-count"]["enabled"] is False and rules["missing-baseline"]["enabled"] is True


def test_cors_only_for_the_configured_origin(tuned: Server, api: httpx.Client) -> None:
    preflight = {"origin": "https://plans.example.com", "access-control-request-method": "POST",
                 "access-control-request-headers": "content-type"}
    with tuned.client() as client:
        allowed = client.options("/v1/lint", headers=preflight)
        assert allowed.status_code == 200
        assert allowed.headers["access-control-allow-origin"] == "https://plans.example.com"
        other = client.options("/v1/lint", headers={**preflight, "origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    # the default server sends no CORS headers at all
    answer = api.post("/v1/lint", json={"text": "O1: Win"}, headers={"origin": "https://plans.example.com"})
    assert "access-control-allow-origin" not in answer.headers


def _slow_document() -> str:
    objective = "Objective {n}: Grow everything\n" + "".join(
        f"  KR{k}: Grow weekly active teams in region {{n}}{k} from {k}0 to {k}00 by Sept 30\n" for k in range(1, 6))
    return "period: 2026-Q3\n" + "".join(objective.format(n=n) for n in range(3000))


def test_a_document_past_the_time_limit_is_504_and_the_service_recovers(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--timeout", "0.5", "--max-body", "10MiB", "--no-access-log")
    try:
        with server.client() as client:
            started = time.monotonic()
            body = _error(lint(client, _slow_document()), 504, "timeout")
            assert time.monotonic() - started < 5
            assert "0.5 seconds" in str(body["message"])
            # the stuck worker was replaced: the next document is answered
            deadline = time.monotonic() + 30
            while (answer := lint(client, GROWTH)).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert codes(answer) == [("GL202", 6, 31), ("GL101", 11, 5)]
            assert "replacing a worker" in server.log.read_text()
    finally:
        server.stop()


def _hold_the_worker(slow_client: httpx.Client, client: httpx.Client) -> tuple[threading.Thread, list[httpx.Response]]:
    """Send a slow document on `slow_client` and return once a worker is busy with it; the list
    holds its answer after the thread is joined."""
    slow: list[httpx.Response] = []
    hog = threading.Thread(target=lambda: slow.append(lint(slow_client, _slow_document())))
    hog.start()
    deadline = time.monotonic() + 10
    while client.get("/healthz").json()["busy"] == 0:  # until the slow document has the worker
        assert time.monotonic() < deadline, "the slow document never made a worker busy"
        time.sleep(0.01)
    return hog, slow


def test_while_the_only_worker_is_busy_others_get_503(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--timeout", "0.8", "--max-body", "10MiB", "--no-access-log")
    try:
        with server.client() as slow_client, server.client() as client:
            hog, slow = _hold_the_worker(slow_client, client)
            busy = _error(lint(client, GROWTH), 503, "busy")
            assert busy["message"] == "The service is busy. Please try again in a moment."
            hog.join()
            assert slow[0].status_code == 504
    finally:
        server.stop()


def test_a_worker_grown_too_large_is_replaced_without_failing_a_request(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--worker-memory", "1MiB", "--no-access-log")  # every worker is "too large"
    try:
        with server.client() as client:
            for _ in range(3):
                assert codes(lint(client, GROWTH)) == [("GL202", 6, 31), ("GL101", 11, 5)]
        assert "replacing a worker that grew large" in server.log.read_text()
    finally:
        server.stop()


def _descendants(root: int) -> set[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    found, stack = set(), [root]
    while stack:
        pid = stack.pop()
        children = {child for child, parent in parents.items() if parent == pid}
        found |= children
        stack.extend(children)
    return found


def _workers(server: Server) -> set[int]:
    """The worker processes: multiprocessing forks them from its fork server, a child of the service."""
    helpers = _descendants(server.process.pid)
    return {pid for helper in helpers for pid in _descendants(helper)}


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_worker_killed_mid_document_is_503_and_replaced(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--max-body", "10MiB", "--no-access-log")
    try:
        (worker,) = _workers(server)
        with server.client() as slow_client, server.client() as client:
            hog, slow = _hold_the_worker(slow_client, client)
            os.kill(worker, signal.SIGKILL)
            hog.join()
            body = _error(slow[0], 503, "interrupted")
            assert "Please try again" in str(body["message"])
            deadline = time.monotonic() + 30
            while (answer := lint(client, GROWTH)).status_code != 200 and time.monotonic() < deadline:
                time.sleep(0.2)
            assert codes(answer) == [("GL202", 6, 31), ("GL101", 11, 5)]
    finally:
        server.stop()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_service_stops_every_worker(tmp_path: Path, stop: signal.Signals) -> None:
    server = start_server(tmp_path, "--no-access-log", workers=2)
    helpers = _descendants(server.process.pid)
    assert len(helpers) >= 2  # the workers (and multiprocessing's helpers)
    server.process.send_signal(stop)
    assert server.process.wait(15) == 0
    deadline = time.monotonic() + 10
    while (alive := {pid for pid in helpers if Path(f"/proc/{pid}").exists()}) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive


# --- The token ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("guarded"), "--no-access-log", env={"GOALLINT_TOKEN": TOKEN})
    yield running
    running.stop()


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", f"Basic {TOKEN}", "Bearer", TOKEN])
def test_every_v1_call_needs_the_token(guarded: Server, authorization: str | None) -> None:
    headers = {"authorization": authorization} if authorization else {}
    with guarded.client(headers=headers) as client:
        for answer in (lint(client, GROWTH), client.get("/v1/rules"), client.get("/v1/rules/kr-count"),
                       client.post("/v1/parse", json={"text": GROWTH}), client.get("/v1/nothing")):
            _error(answer, 401, "unauthorized")
            assert answer.headers["www-authenticate"].startswith("Bearer")


def test_the_token_is_checked_before_the_body_is_read(guarded: Server) -> None:
    with guarded.client() as client:
        _error(client.post("/v1/lint", content=b"x" * (2 * 1024 * 1024), headers={"content-type": "text/plain"}),
               401, "unauthorized")


def test_with_the_token_everything_works(guarded: Server) -> None:
    with guarded.client(headers={"authorization": f"Bearer {TOKEN}"}) as client:
        assert codes(lint(client, GROWTH)) == [("GL202", 6, 31), ("GL101", 11, 5)]
        assert client.get("/v1/rules").status_code == 200
    with guarded.client() as client:  # the page, its assets and the health check need no token
        assert client.get("/").status_code == 200
        assert client.get("/static/app.js").status_code == 200
        assert client.get("/healthz").status_code == 200
        schema = client.get("/openapi.json").json()
        assert schema["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
        assert schema["paths"]["/v1/lint"]["post"]["security"] == [{"bearer": []}]


# --- The command line -------------------------------------------------------------------------------


def _serve(tmp: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_goallint(), "serve", "--port", str(free_port()), *options], cwd=tmp,
                          capture_output=True, text=True, timeout=60)


def test_a_broken_operator_config_stops_the_start_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "goallint.toml").write_text('selct = ["GL1"]\n', encoding="utf-8")
    done = _serve(tmp_path)
    assert done.returncode == 2
    assert "goallint.toml:1: unknown key 'selct'; did you mean 'select'?" in done.stderr


@pytest.mark.parametrize(("options", "expected"), [
    (["--max-body", "lots"], "'lots' is not a size"),
    (["--config", "missing.toml"], "no such configuration file"),
    (["--workers", "0"], "--workers"),
])
def test_bad_options_exit_2(tmp_path: Path, options: Sequence[str], expected: str) -> None:
    done = _serve(tmp_path, *options)
    assert done.returncode == 2 and expected in done.stderr


def test_help_describes_every_option() -> None:
    done = subprocess.run([_goallint(), "serve", "--help"], capture_output=True, text=True, timeout=60)
    for option in ("--host", "--port", "--workers", "--token", "GOALLINT_TOKEN", "--max-body", "--cors-origin",
                   "--timeout", "--config"):
        assert option in done.stdout
