"""Worker processes that parse and lint, each stoppable on its own.

Linting is CPU-bound Python: in the HTTP process it would hold the event loop (and the GIL),
and a thread cannot be stopped when a document takes too long. So each job goes to a worker
process over a pipe; a job past its time limit has its worker killed and replaced, and the
other workers go on. A thread per busy worker waits on its pipe, keeping the event loop free.

That thread also watches the worker's memory while it works (every `SAMPLE_SECONDS`, from
/proc): a document that makes it grow by more than its memory limit has it stopped there,
before the machine runs short, instead of being noticed after the answer. (A worker that is
left larger than the limit after an answer is replaced, as memory stays with a process.)
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import multiprocessing.context
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

from goallint.service.settings import DEFAULT_MAX_ANSWER
from goallint.service.work import Answer, Job, resident_bytes, serve

log = logging.getLogger("goallint.service")

START_TIMEOUT = 60.0  # seconds for a new worker to load the plugins and build the parser
SAMPLE_SECONDS = 0.01  # how often a busy worker's memory is read (a read costs about 20 µs)
# Requests allowed to wait for a free worker, per worker; past that the service says it is busy.
QUEUE_PER_WORKER = 64


class Busy(Exception):
    """No worker became free in time, or too many requests are already waiting."""


class TookTooLong(Exception):
    """The job ran past its time limit; its worker was stopped."""


class WorkerFailed(Exception):
    """The worker raised on this job (the traceback is logged): a bug in goallint or a plugin."""


class WorkerStopped(Exception):
    """The worker died on this job (killed from outside, or out of memory); it was replaced."""


class TooLarge(Exception):
    """The job needed more memory than a worker may use (the worker was stopped and replaced), or
    its answer was larger than the service sends. The message says which, for the caller."""


Outcome = Answer | Literal["timeout", "stopped", "memory"]


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: fresh, single-threaded children (no fork of the event loop's threads), started
    # from a server that has already imported goallint, so replacing a worker is quick
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["goallint.service.work"])
        return context
    return multiprocessing.get_context("spawn")


class _Process:
    """One worker process and the service's end of its pipe."""

    def __init__(
        self, context: multiprocessing.context.BaseContext, base: Mapping[str, Any], source: Path | None,
        memory_limit: int, max_answer: int,
    ) -> None:
        self.connection, child = context.Pipe()
        self.process = context.Process(  # type: ignore[attr-defined]
            target=serve, args=(child, dict(base), source, memory_limit, max_answer), daemon=True,
            name="goallint-worker")
        self.process.start()
        child.close()

    def wait_ready(self) -> None:
        try:
            if not self.connection.poll(START_TIMEOUT):
                raise RuntimeError(f"a worker did not start within {START_TIMEOUT:.0f} s")
            self.connection.recv()
        except (EOFError, OSError):
            self.stop()
            raise RuntimeError("a worker stopped while starting (its error is above)") from None
        except RuntimeError:
            self.stop()
            raise

    def call(self, job: Job, timeout: float, memory_limit: int) -> Outcome:
        """The worker's answer, or why there is none (then the caller replaces the worker)."""
        try:
            # what one document may add to the worker: past `memory_limit` more, it is stopped
            ceiling = resident_bytes(self.process.pid) + memory_limit
            self.connection.send(job)
            deadline = time.monotonic() + max(timeout, 0.0)
            while not self.connection.poll(min(SAMPLE_SECONDS, max(deadline - time.monotonic(), 0.0))):
                if time.monotonic() >= deadline:
                    return "timeout"
                if memory_limit and resident_bytes(self.process.pid) > ceiling:
                    return "memory"
            answer: Answer = self.connection.recv()
            return answer
        except (EOFError, OSError):
            return "stopped"

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.connection.close()


class LintPool:
    def __init__(
        self, size: int, base: Mapping[str, Any], source: Path | None, memory_limit: int,
        max_answer: int = DEFAULT_MAX_ANSWER,
    ) -> None:
        self.size = size
        self._max_answer = max_answer
        self._base = dict(base)
        self._source = source
        self._memory_limit = memory_limit
        self._context = _context()
        self._idle: asyncio.Queue[_Process] = asyncio.Queue()
        self._all: set[_Process] = set()
        self._waiting = 0
        self._closing = False
        self._tasks: set[asyncio.Task[None]] = set()
        # one thread per worker waits on its pipe; one more starts replacements
        self._threads = ThreadPoolExecutor(size + 1, thread_name_prefix="goallint-pipe")

    @property
    def ready(self) -> int:
        return len(self._all)

    @property
    def busy(self) -> int:
        return len(self._all) - self._idle.qsize()

    async def start(self) -> None:
        await asyncio.gather(*(self._add() for _ in range(self.size)))

    async def _add(self) -> None:
        loop = asyncio.get_running_loop()
        worker = await loop.run_in_executor(self._threads, self._start_one)
        if self._closing:
            worker.stop()
            return
        self._all.add(worker)
        self._idle.put_nowait(worker)

    def _start_one(self) -> _Process:
        worker = _Process(self._context, self._base, self._source, self._memory_limit, self._max_answer)
        worker.wait_ready()
        return worker

    async def run(self, job: Job, timeout: float) -> bytes:
        """The JSON answer to a job. Raises Busy, TookTooLong or WorkerFailed."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        if self._waiting >= self.size * QUEUE_PER_WORKER:
            raise Busy
        self._waiting += 1
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout)
        except TimeoutError:
            raise Busy from None
        finally:
            self._waiting -= 1
        call = loop.run_in_executor(self._threads, worker.call, job, deadline - loop.time(), self._memory_limit)
        try:
            outcome = await asyncio.shield(call)
        except asyncio.CancelledError:
            # the request went away; the worker is still busy until the call returns
            call.add_done_callback(lambda done: self._release(worker, done.result()))
            raise
        self._release(worker, outcome)
        if outcome == "timeout":
            raise TookTooLong
        if outcome == "stopped":
            log.error("a worker stopped while checking a document (killed, or out of memory?)")
            raise WorkerStopped
        if outcome == "memory":
            log.warning("stopped a worker that grew by %d MiB on one document", self._memory_limit // 2**20)
            raise TooLarge(
                f"Checking this document needed more memory than the service allows "
                f"({self._memory_limit // 2**20} MiB), so it was stopped. Split it into smaller documents."
            )
        if outcome[0] == "too_large":
            raise TooLarge(outcome[1])
        if outcome[0] == "error":
            log.error("a worker failed on a request:\n%s", outcome[1])
            raise WorkerFailed
        return outcome[1]

    def _release(self, worker: _Process, outcome: Outcome) -> None:
        retiring = isinstance(outcome, tuple) and outcome[0] == "ok" and outcome[2]
        if isinstance(outcome, tuple) and not retiring and not self._closing:
            self._idle.put_nowait(worker)
            return
        self._all.discard(worker)
        worker.stop()
        if not self._closing:
            if retiring:
                log.info("replacing a worker that grew large on a big document")
            else:
                log.warning("replacing a worker that ran out of time or stopped")
            task = asyncio.get_running_loop().create_task(self._replace())
            self._tasks.add(task)  # held until done: the loop keeps only a weak reference
            task.add_done_callback(self._tasks.discard)

    async def _replace(self) -> None:
        while not self._closing:
            try:
                await self._add()
                return
            except Exception:
                log.exception("could not start a worker; trying again in a second")
                await asyncio.sleep(1)

    async def close(self) -> None:
        self._closing = True
        for worker in list(self._all):
            worker.stop()
        self._all.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
