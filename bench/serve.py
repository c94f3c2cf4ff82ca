"""How many lint requests per second `goallint serve` answers, and how fast, on loopback.

    python bench/serve.py [--seconds 20] [--clients 8] [--workers N] [--lines 40] [--distinct 1]
                          [--url http://127.0.0.1:8080] [--token T]

Starts `goallint serve --no-access-log` on a free port (or uses --url), then keeps --clients
connections busy for --seconds (after a 2 s warm-up), each posting a --lines document
(bench/parse.py's generator, seed 7) to /v1/lint and waiting for the whole answer: a closed loop,
as many callers would. --distinct N rotates N different documents, so that the parser's cache of
statements helps less (a page re-linting as someone types repeats most statements; N=1 is that).

The client is a few lines of asyncio over raw HTTP/1.1 keep-alive, to spend as little of the
machine as it can. Reported: requests/s, latency percentiles, non-200 answers, and where the CPU
went (the service's processes, this client, and everything else on the machine), because on a
shared machine the other load decides what the service can get.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import check  # bench/check.py, for the plan generator: `python bench/serve.py` puts bench/ on the path

WARM_UP = 2.0
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


async def client(host: str, port: int, requests: list[bytes], until: float, measure_from: float,
                 tally: Tally, offset: int) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = offset
    try:
        while (started := time.perf_counter()) < until:
            writer.write(requests[index % len(requests)])
            index += 1
            try:
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head.split(b" ", 2)[1])
                length = next(int(line.split(b":", 1)[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                await reader.readexactly(length)
            except (asyncio.IncompleteReadError, ConnectionError, StopIteration):
                tally.errors += 1
                writer.close()
                reader, writer = await asyncio.open_connection(host, port)
                continue
            if started >= measure_from:
                tally.latencies.append(time.perf_counter() - started)
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
    finally:
        writer.close()


def _request(host: str, port: int, text: str, token: str | None) -> bytes:
    body = json.dumps({"text": text, "format": "okr", "filename": "plan.okr"}).encode()
    auth = f"Authorization: Bearer {token}\r\n" if token else ""
    return (f"POST /v1/lint HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n{auth}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


# --- CPU accounting from /proc (Linux) ---------------------------------------------------------


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def _tree_ticks(root: int) -> int:
    """CPU ticks (user + system) used so far by `root` and every process below it."""
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        after = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(after[1])
        ticks[int(entry.name)] = int(after[11]) + int(after[12])
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += ticks.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


# --- Running ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _start(workers: int | None) -> tuple[subprocess.Popen[bytes], str]:
    goallint = shutil.which("goallint", path=str(Path(sys.executable).parent)) or shutil.which("goallint")
    if goallint is None:
        raise SystemExit("goallint is not installed (pip install -e '.[serve]')")
    port = _free_port()
    command = [goallint, "serve", "--port", str(port), "--no-access-log"]
    if workers:
        command += ["--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            said = process.stderr.read().decode() if process.stderr else ""
            raise SystemExit(f"goallint serve exited {process.returncode}: {said}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url + "/healthz", timeout=2) as answer:
            if answer.status == 200:
                return process, url
        time.sleep(0.1)
    process.kill()
    raise SystemExit("goallint serve did not become ready in 60 s")


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def _run(url: str, texts: list[str], clients: int, seconds: float, token: str | None) -> Tally:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    requests = [_request(host, port, text, token) for text in texts]
    tally = Tally()
    start = time.perf_counter()
    measure_from, until = start + WARM_UP, start + WARM_UP + seconds
    await asyncio.gather(*(client(host, port, requests, until, measure_from, tally, i) for i in range(clients)))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, help="the service's --workers (default: its own, one per CPU)")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--distinct", type=int, default=1, help="different documents to rotate through")
    parser.add_argument("--url", help="measure a service already running here instead of starting one")
    parser.add_argument("--token", default=os.environ.get("GOALLINT_TOKEN"))
    options = parser.parse_args()

    generator = check._load_generator()
    texts = [generator.generate(options.lines, 7 + n) for n in range(options.distinct)]
    process, url = (None, options.url) if options.url else _start(options.workers)
    try:
        with urllib.request.urlopen(urllib.request.Request(
            url + "/v1/lint", data=json.dumps({"text": texts[0]}).encode(),
            headers={"Content-Type": "application/json",
                     **({"Authorization": f"Bearer {options.token}"} if options.token else {})},
        )) as answer:
            found = len(json.load(answer)["findings"])
        load_before = os.getloadavg()
        machine_before, client_before = _machine_ticks(), time.process_time()
        server_before = _tree_ticks(process.pid) if process else 0
        wall = time.perf_counter()
        tally = asyncio.run(_run(url, texts, options.clients, options.seconds, options.token))
        wall = time.perf_counter() - wall
        machine_after, client_after = _machine_ticks(), time.process_time()
        server_after = _tree_ticks(process.pid) if process else 0
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    ordered = sorted(tally.latencies)
    if not ordered:
        raise SystemExit("no request was answered")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    busy = (machine_after[0] - machine_before[0]) / TICKS / wall
    capacity = (machine_after[1] - machine_before[1]) / TICKS / wall
    server_cores = (server_after - server_before) / TICKS / wall
    client_cores = (client_after - client_before) / wall
    ok = tally.statuses.get(200, 0)
    print(f"goallint serve, POST /v1/lint, {options.lines}-line document ({found} findings), "
          f"{options.distinct} distinct, {options.clients} clients, {options.seconds:g} s after {WARM_UP:g} s warm-up")
    print(f"  requests/s   {len(ordered) / options.seconds:8.1f}   ({ok} answered 200, "
          f"other statuses {dict((s, n) for s, n in tally.statuses.items() if s != 200) or 'none'}, "
          f"connection errors {tally.errors})")
    print(f"  latency ms   p50 {_percentile(ordered, 0.50) * 1000:.1f}   p90 {_percentile(ordered, 0.90) * 1000:.1f}   "
          f"p99 {_percentile(ordered, 0.99) * 1000:.1f}   max {ordered[-1] * 1000:.1f}   "
          f"mean {statistics.fmean(ordered) * 1000:.1f}")
    print(f"  CPU (cores)  machine {cpus} CPUs ({capacity:.2f} counted), busy {busy:.2f}: "
          f"service {server_cores:.2f}" + ("" if process else " (not measured: --url)") +
          f", this client {client_cores:.2f}, everything else {max(busy - server_cores - client_cores, 0):.2f}")
    print(f"  load average before the run: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")


if __name__ == "__main__":
    main()
