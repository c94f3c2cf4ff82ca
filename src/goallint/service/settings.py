"""What the operator chose when starting the service (never changed by a caller)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MAX_BODY = 1024 * 1024  # 1 MiB
DEFAULT_TIMEOUT = 10.0  # seconds for one document, waiting for a worker included
# A worker that has grown past this (a huge document leaves its memory with the process) answers,
# then stops, and a fresh one takes its place.
DEFAULT_WORKER_MEMORY = 768 * 1024 * 1024
# An answer larger than this is not sent: the caller is told to split the document instead.
DEFAULT_MAX_ANSWER = 64 * 1024 * 1024
_SIZE = re.compile(r"^\s*+(\d+)\s*+([kmg]i?b?|b)?\s*+$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


@dataclass(frozen=True)
class ServiceSettings:
    host: str = "127.0.0.1"
    port: int = 8080
    workers: int = 1
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    cors_origins: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    config: Path | None = None
    access_log: bool = True
    worker_memory: int = DEFAULT_WORKER_MEMORY
    max_answer: int = DEFAULT_MAX_ANSWER


def parse_size(text: str) -> int:
    """A byte count as an operator writes it: `1048576`, `512k`, `1MiB`, `2M` (binary units)."""
    found = _SIZE.match(text)
    if not found:
        raise ValueError(f"'{text}' is not a size (examples: 1048576, 512k, 1MiB)")
    unit = (found[2] or "").lower()[:1]
    return int(found[1]) * _UNITS[unit]


def default_workers() -> int:
    """One lint worker per CPU this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")
