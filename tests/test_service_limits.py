"""The HTTP service's limits on one document's work: memory measured while a worker works, and
the size of an answer (issue 20). Each test starts its own `goallint serve`."""

from __future__ import annotations

from pathlib import Path

from test_service import GROWTH, codes, lint, start_server

# About 900 KB of key results: parsed, several hundred MB, far more than the limits below.
BIG_PLAN = "period: 2026-Q3\n" + "".join(
    f"Objective: Grow area {n}\n" + "".join(f"  KR {k}: Grow signups from {n} to {n + k} by Q3\n" for k in range(1, 5))
    for n in range(5500)
)


def test_a_document_that_needs_too_much_memory_is_stopped_while_it_works(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--worker-memory", "40MiB", "--max-body", "2MiB", "--timeout", "60")
    try:
        with server.client() as client:
            answer = lint(client, BIG_PLAN)
            assert answer.status_code == 413, answer.text
            body = answer.json()
            assert body["error"] == "too_large"
            assert "more memory than the service allows (40 MiB)" in body["message"]
            assert "Split it" in body["message"]
            # the worker was replaced: the next document is checked as usual
            assert codes(lint(client, GROWTH)) == [("GL202", 6, 31), ("GL101", 11, 5)]
        assert "stopped a worker that grew by 40 MiB" in server.log.read_text()
    finally:
        server.stop()


def test_an_answer_larger_than_max_answer_is_refused_with_a_message(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--max-answer", "16k", "--no-access-log")
    try:
        with server.client() as client:
            answer = lint(client, GROWTH * 20)
            assert answer.status_code == 413, answer.text
            assert answer.json()["error"] == "too_large"
            assert "more than this service sends (16 KiB)" in answer.json()["message"]
            assert "Ask for fewer reports, or split the document" in answer.json()["message"]
            assert lint(client, "Objective: Ship\n").status_code == 200
    finally:
        server.stop()
