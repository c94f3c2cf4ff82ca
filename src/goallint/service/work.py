"""What a worker process does: parse or lint one text per job, answering with the JSON to send.

A worker is started with the operator's settings, loads the plugins the way the CLI does, and
then answers jobs on its pipe until the pipe closes. The answer is the finished JSON body, so
the HTTP process only copies bytes. Nothing here may depend on earlier jobs.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import traceback
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter

from goallint.checking import check_text, plain_suffixes
from goallint.config import Config
from goallint.engine.plugins import Plugins, load_plugins
from goallint.inputs import reading_of
from goallint.model import SEVERITY_RANK, Finding
from goallint.service.configuring import Configs
from goallint.syntax import Format, parse_document

_FINDINGS = TypeAdapter(list[Finding])
_WARM_UP = "period: 2026-Q3\nObjective: Warm up\n  KR1: Grow weekly active teams from 10 to 20 by Sept 30\n"


@dataclass(frozen=True)
class Job:
    """One request's work. `overrides` has been checked by the HTTP process already."""

    kind: Literal["lint", "parse", "status"]
    text: str
    filename: str | None
    fmt: Format | None
    overrides: Mapping[str, Any] | None
    reports: Sequence[str] = ()
    status: Mapping[str, Any] | None = None  # the options of a "status" job (goallint.service.status)


# ("ok", body, whether the worker stops after this answer), ("too_large", a message for the
# caller) or ("error", traceback)
Answer = tuple[Literal["ok"], bytes, bool] | tuple[Literal["too_large", "error"], str]


class Worker:
    def __init__(self, base: Mapping[str, Any], source: Path | None) -> None:
        self.plugins: Plugins = load_plugins()
        self.configs = Configs(self.plugins, base, source)
        self.configs.default.apply_to_run(self.plugins)  # as the service's own process did

    def answer(self, job: Job) -> bytes:
        config = self.configs.get(job.overrides)
        name = job.filename or None
        fmt = job.fmt or reading_of(name, job.text, plain_suffixes(self.plugins)).format  # by name, else text
        if job.kind == "parse":
            document = parse_document(job.text, name, fmt, fy_start_month=config.fiscal_year_start)
            return b'{"document":' + document.model_dump_json().encode() + b"}"
        if job.kind == "status":
            from goallint.service.status import status_answer

            return status_answer(job.text, name, fmt, config, self.plugins, job.status or {})
        document, findings = check_text(job.text, name, config, self.plugins, fmt)
        parts = [
            b'{"findings":', _FINDINGS.dump_json(findings),
            b',"summary":', json.dumps(_summary(findings, config)).encode(),
            b',"document":', document.model_dump_json().encode(),
        ]
        if job.reports:
            reports = {wanted: self._render(wanted, findings, document.path or "<text>", job.text)
                       for wanted in job.reports}
            parts += [b',"reports":', json.dumps(reports, ensure_ascii=False).encode()]
        return b"".join([*parts, b"}"])

    def _render(self, reporter: str, findings: list[Finding], path: str, text: str) -> str:
        from goallint.report import Report

        return self.plugins.reporters[reporter](Report(findings, {path: text}, self.plugins.rules))


def _summary(findings: Sequence[Finding], config: Config) -> dict[str, Any]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.severity] += 1
    threshold = SEVERITY_RANK.get(config.fail_on)
    failed = threshold is not None and any(SEVERITY_RANK[f.severity] >= threshold for f in findings)
    return {**counts, "total": len(findings), "fail_on": config.fail_on, "failed": failed}


def serve(
    connection: Connection, base: Mapping[str, Any], source: Path | None, memory_limit: int,
    max_answer: int = 64 * 1024 * 1024,
) -> None:
    """A worker process's main loop (the target of `multiprocessing.Process`). After an answer
    that leaves it larger than `memory_limit` bytes, it says so and stops (the service also stops
    it while it works, past that limit). An answer over `max_answer` bytes is not sent."""
    # Ctrl-C in a terminal reaches the whole process group; the service stops its workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    worker = Worker(base, source)
    worker.answer(Job("lint", _WARM_UP, None, "okr", None))  # builds the parser before the first request
    # As in the CLI (see cli.main): what is loaded now lives as long as the worker, so the cyclic
    # collector need not scan it again and again; about 6% of a small document's time.
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the service has gone
            return
        answer: Answer
        try:
            body = worker.answer(job)
            if len(body) > max_answer:
                answer = ("too_large", _too_large(len(body), max_answer))
            else:
                answer = ("ok", body, resident_bytes() > memory_limit)
        except Exception:  # reported by the service as an internal error, with this traceback in its log
            answer = ("error", traceback.format_exc())
        connection.send(answer)
        if answer[0] == "ok" and answer[2]:
            return


def _too_large(size: int, limit: int) -> str:
    return (f"The answer for this document would be {_size(size)}, more than this service sends "
            f"({_size(limit)}). Ask for fewer reports, or split the document into smaller ones.")


def _size(count: int) -> str:
    return f"{count / 2**20:.1f} MiB" if count >= 2**20 else f"{count / 2**10:.0f} KiB"


def resident_bytes(pid: int | str = "self") -> int:
    """A process's resident memory now (0 where /proc is not there to say, or it has ended)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
