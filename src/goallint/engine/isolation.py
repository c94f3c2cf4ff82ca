"""Running a plugin's rule so that a rule that raises, never ends, or breaks the rule contract
cannot take the run with it.

`guard` wraps each plugin rule when it loads. A failure becomes one `internal-error` finding
naming the rule and its plugin (the run exits 2 unless `plugin-errors = "warn"`), and the other
rules' findings are kept. Breaking the contract (`check` returns instead of yielding, or yields
something that is not a finding) is said once, with the fix, and the rule is not run again: it
would break the same way on every statement. With `--debug` (GOALLINT_DEBUG=1) the failing
rule's traceback goes to stderr, and the last one is kept on the rule (`last_failure`) for the
test harness.

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from goallint.engine.rule import Context, Rule, describe_value
from goallint.model import Finding, Position, Span

DEBUG_ENV = "GOALLINT_DEBUG"  # set by `goallint --debug`; worker processes inherit it
INTERNAL_ERROR = ("GL000", "internal-error")
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


# --- Tracebacks, for --debug ---------------------------------------------------------------------


def debug_enabled() -> bool:
    """Whether to show plugins' tracebacks (`goallint --debug`, or GOALLINT_DEBUG=1)."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


_ENGINE = os.path.dirname(__file__)
_IMPORTLIB = os.path.join(os.path.dirname(os.__file__), "importlib", "")
_PLUMBING = (os.path.join(_ENGINE, ""), "<frozen importlib", _IMPORTLIB)


def traceback_text(error: BaseException) -> str:
    """The traceback of `error`, in the plugin's code: goallint's engine and the import machinery
    around it left out (all of it if nothing else is left)."""
    import traceback  # only when something failed: start-up does without it

    frames = traceback.extract_tb(error.__traceback__)
    own = [frame for frame in frames if not frame.filename.startswith(_PLUMBING)] or frames
    lines = ["Traceback (most recent call last):\n", *traceback.StackSummary.from_list(own).format()]
    return "".join(lines + traceback.format_exception_only(type(error), error))


def show_traceback(what: str, error: BaseException) -> str:
    """Print `error`'s traceback to stderr when debugging (stdout holds the report); return it."""
    text = traceback_text(error)
    if debug_enabled():
        sys.stderr.write(f"goallint: --debug: where {what} failed:\n{text}")
        sys.stderr.flush()
    return text


# --- Running a plugin's rule --------------------------------------------------------------------

_ORIGIN = Position.model_construct(line=1, column=1, offset=0)
_START_OF_FILE = Span.model_construct(start=_ORIGIN, end=_ORIGIN)
_DEBUG_HINT = "For the plugin's authors: `goallint --debug check …` shows where it failed."
_YIELD_FIX = "For the plugin's authors: write `yield context.finding(span, message)` for each finding in check()."


class BrokenContract(Exception):
    """A rule's `check` gave something other than findings: `problem` says what, in words."""

    def __init__(self, problem: str, kept: list[Finding]) -> None:
        super().__init__(problem)
        self.problem, self.kept = problem, kept


def collected(produced: object) -> list[Finding]:
    """What `check` produced, as a list of findings; raises `BrokenContract` for anything else.
    Iterating runs a generator's body, so call this inside the time limit."""
    if produced is None:
        raise BrokenContract("returned nothing instead of yielding findings (use `yield`, not `return`)", [])
    if isinstance(produced, Finding):
        raise BrokenContract("returned a finding instead of yielding it (use `yield`, not `return`)", [])
    if isinstance(produced, str | bytes) or not isinstance(produced, Iterable):
        raise BrokenContract(f"returned {describe_value(produced)} instead of yielding findings (use `yield`)", [])
    found: list[Finding] = []
    for item in produced:
        if not isinstance(item, Finding):
            raise BrokenContract(f"yielded {describe_value(item)}, not a finding made with context.finding(...)", found)
        if not isinstance(getattr(item, "span", None), Span) or not isinstance(getattr(item, "message", None), str):
            raise BrokenContract("yielded a finding without a span or a message (make it with context.finding(...))",
                                 found)
        found.append(item)
    return found


def guard(rule: type[Rule], plugin: str, label: str, api: str | None = None) -> type[Rule]:
    """The rule of `plugin` (named `label` in messages, written for plugin API `api`), checking
    under a time limit, with a failure or a broken contract reported as a finding naming the rule
    and the plugin."""
    where = f"rule {rule.code} {rule.name} of {label}"

    def fail(self: Rule, node: Any, context: Context, what: str, hint: str | None = None) -> Finding:
        documents = node if isinstance(node, list) else [context.current]
        path = documents[0].path if documents and documents[0] is not None else None
        span = getattr(node, "line_span", None) or _START_OF_FILE
        return Finding.model_construct(
            code=INTERNAL_ERROR[0], rule=INTERNAL_ERROR[1], severity="error",
            message=f"Rule {self.code} {self.name} of {label} {what}; the other rules still ran. "
                    "Please tell the plugin's authors.",
            hint=hint, path=path, span=span, fix=None,
        )

    def stop(self: Rule, node: Any, context: Context, why: str, hint: str | None = None) -> list[Finding]:
        guarded: Any = type(self)
        guarded.stopped, guarded.stopped_hint = why, hint
        state: Any = self
        state.said_stopped = True
        return [fail(self, node, context, why, hint)]

    def check(self: Rule, node: Any, context: Context) -> list[Finding]:
        guarded: Any = type(self)
        state: Any = self
        if guarded.stopped is not None:
            # a rule that was stopped is not run again; each run (instance) still says so, once
            if state.said_stopped:
                return []
            state.said_stopped = True
            return [fail(self, node, context, guarded.stopped, guarded.stopped_hint)]
        limit = time_limit()
        try:
            try:
                WATCHDOG.arm(limit)
                return collected(rule.check(self, node, context))
            finally:
                WATCHDOG.disarm()
        except RuleTimeout:
            WATCHDOG.disarm()  # again: the timeout may have landed in the `finally`
            return stop(self, node, context, f"took longer than {limit:g} s on one statement and was stopped "
                                             "(it is not run again)")
        except BrokenContract as broken:
            guarded.last_failure = f"{where} {broken.problem}\n  check() is at {_source_of(rule)}\n"
            if debug_enabled():
                sys.stderr.write(f"goallint: --debug: {guarded.last_failure}")
            return [*broken.kept, *stop(self, node, context, f"{broken.problem}, so it is not run again", _YIELD_FIX)]
        except (Exception, SystemExit) as error:  # a rule calling sys.exit() must not end the run
            guarded.last_failure = show_traceback(where, error)
            return [fail(self, node, context, f"failed here ({type(error).__name__}: {error})", _DEBUG_HINT)]

    attributes: dict[str, Any] = {
        "check": check, "stopped": None, "stopped_hint": None, "said_stopped": False, "last_failure": None,
        "plugin": plugin, "plugin_api": api,
        "__doc__": rule.__doc__, "__module__": rule.__module__, "__qualname__": rule.__qualname__,
    }
    return type(rule.__name__, (rule,), attributes)


def _source_of(rule: type[Rule]) -> str:
    """Where a rule's `check` is written, as file:line."""
    code = getattr(rule.check, "__code__", None)
    return f"{code.co_filename}:{code.co_firstlineno}" if code is not None else repr(rule.check)
