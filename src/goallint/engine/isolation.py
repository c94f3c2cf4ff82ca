"""Running a plugin's rule so that a rule that raises, or never ends, cannot take the run with it.

Each call of a plugin rule's `check` gets a time limit (`DEFAULT_TIME_LIMIT` seconds of the
thread's CPU time, or `GOALLINT_RULE_TIME_LIMIT` in the environment). A watchdog thread, started
at the first call, sleeps until the earliest a budget can run out; when a call has used its
budget, the watchdog raises `RuleTimeout`
inside the thread running the rule (CPython's `PyThreadState_SetAsyncExc`). Unlike SIGALRM this
works in any thread (the language server and the HTTP service check off the main thread) and
costs a lock and a dictionary entry per call, not a system call.

Limits, documented in docs/plugins.md: the exception is delivered between Python bytecodes, so a
rule stuck inside one long C call (a catastrophic regular expression) is stopped only when that
call returns; a rule that catches `BaseException` can swallow it; on other Pythons than CPython
there is no time limit. A rule that timed out is not run again in the same process.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

DEFAULT_TIME_LIMIT = 5.0
WALL_FACTOR = 6  # a rule that waits rather than computes is stopped after this many times its limit


def time_limit() -> float:
    """Seconds one call of a plugin rule may take: the environment's setting, or the default."""
    try:
        return max(0.01, float(os.environ.get("GOALLINT_RULE_TIME_LIMIT", DEFAULT_TIME_LIMIT)))
    except ValueError:
        return DEFAULT_TIME_LIMIT


class RuleTimeout(BaseException):
    """Raised inside a rule that ran past its time limit. A BaseException, so that a rule's own
    `except Exception` does not swallow it."""


@dataclass
class _Call:
    """One armed call: its budget, measured on the thread's CPU clock where the system has one
    (so a busy machine does not stop a rule that is merely waiting its turn), else on the wall."""

    limit: float
    clock: int | None
    start: float
    wall_start: float
    fired: bool = False

    def left(self) -> float:
        """Seconds before its budget can run out: CPU time, or (for a rule that waits, on the
        network say) `WALL_FACTOR` times as much wall time."""
        wall_left = self.limit * WALL_FACTOR - (time.monotonic() - self.wall_start)
        if self.clock is None:
            return min(wall_left, self.limit - (time.monotonic() - self.wall_start))
        try:
            used = time.clock_gettime(self.clock) - self.start
        except OSError:  # the thread is gone
            return wall_left
        return min(wall_left, self.limit - used)


def _start(ident: int) -> tuple[int | None, float]:
    """The calling thread's CPU clock and its reading, or (None, wall time)."""
    try:
        clock = time.pthread_getcpuclockid(ident)
        return clock, time.clock_gettime(clock)
    except (AttributeError, OSError):  # not on this system
        return None, time.monotonic()


class Watchdog:
    """Raises `RuleTimeout` in a thread whose armed call runs past its deadline."""

    def __init__(self) -> None:
        self._reset()
        # a worker process forked from a run that already timed rules starts afresh: the parent's
        # watchdog thread does not exist there, and its lock may have been held at the fork
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[int, _Call] = {}
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._raise: Callable[[int, Any], int] | None = None
        self._clear: Callable[[int, Any], int] | None = None
        self._sleeping_until: float | None = None  # None: until woken

    @property
    def available(self) -> bool:
        return sys.implementation.name == "cpython"

    def arm(self, seconds: float) -> None:
        """Start timing the calling thread's call."""
        if not self.available:
            return
        ident = threading.get_ident()
        clock, start = _start(ident)
        wake_by = time.monotonic() + seconds  # CPU time runs no faster than the wall clock
        with self._lock:
            self._calls[ident] = _Call(seconds, clock, start, time.monotonic())
            # wake the watchdog only if it sleeps past this call's budget, not once per call
            wake = self._sleeping_until is None or wake_by < self._sleeping_until
            if self._thread is None:
                self._raise, self._clear = _async_exception_functions()
                self._thread = threading.Thread(target=self._watch, name="goallint-rule-watchdog", daemon=True)
                self._thread.start()
        if wake:
            self._wake.set()

    def disarm(self) -> None:
        """Stop timing the calling thread's call; cancel a timeout raised but not yet delivered."""
        if not self.available:
            return
        ident = threading.get_ident()
        with self._lock:
            call = self._calls.pop(ident, None)
            if call is not None and call.fired and self._clear is not None:
                self._clear(ident, None)  # NULL: cancels a pending asynchronous exception

    def _watch(self) -> None:
        while True:
            with self._lock:
                waiting = []
                for ident, call in self._calls.items():
                    if call.fired:
                        continue
                    left = call.left()
                    if left <= 0 and self._raise is not None:
                        call.fired = True  # once: a second one could land outside the rule
                        self._raise(ident, RuleTimeout)
                    else:
                        waiting.append(left)
                now = time.monotonic()
                self._sleeping_until = now + max(0.005, min(waiting)) if waiting else None
                self._wake.clear()
            self._wake.wait(self._sleeping_until - now if self._sleeping_until is not None else None)


def _async_exception_functions() -> tuple[Callable[[int, Any], int], Callable[[int, Any], int]]:
    """CPython's PyThreadState_SetAsyncExc, typed to raise an exception class in a thread, and
    typed to pass NULL (cancel). Imported only once a plugin rule runs: start-up skips ctypes."""
    import ctypes

    name = ("PyThreadState_SetAsyncExc", ctypes.pythonapi)
    raise_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.py_object)(name)
    cancel_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(name)
    return raise_in, cancel_in


WATCHDOG = Watchdog()
