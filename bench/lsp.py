"""How quickly `goallint lsp` answers a keystroke: time from `didChange` to `publishDiagnostics`.

    python bench/lsp.py [--lines 2000] [--edits 200] [--seed 7] [--whole]

Starts the server as an editor does (a subprocess on stdio), opens a generated plan (the
generator of bench/parse.py, fixed seed), then makes single-character edits one after the
other: each inserts a letter, digit or space at a random place in a random non-blank line, as
typing does, and waits for the diagnostics of that version. The time is taken on this side of
the pipe, from writing the change to reading the diagnostics, so it includes the JSON-RPC
round trip. It also reports the CPU time the server and this client spent per edit, which a
busy machine does not inflate as it does the wall time. `--whole` has the server check every
version whole instead of incrementally, to compare. Goal: p95 at most 50 ms.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
GOAL_P95_MS = 50.0
SERVER = [sys.executable, "-m", "goallint", "lsp"]
TYPED = "abcdefghijklmnopqrstuvwxyz0123456789 "


def _generate(lines: int, seed: int) -> str:
    spec = importlib.util.spec_from_file_location("goallint_bench_parse", HERE / "parse.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the plan generator from {HERE / 'parse.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(lines, seed)
    return text


class Connection:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stdin is not None and process.stdout is not None
        self.writer: IO[bytes] = process.stdin
        self.reader: IO[bytes] = process.stdout
        self.next_id = 0

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.writer.flush()

    def request(self, method: str, params: Any) -> dict[str, Any]:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == self.next_id and "method" not in message:
                return message
            if "method" in message and "id" in message:  # a request from the server: say yes
                self.send({"id": message["id"], "result": None})

    def read(self) -> dict[str, Any]:
        length = 0
        while (line := self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("ascii").partition(":")
            if name.lower() == "content-length":
                length = int(value)
        if not length:
            raise SystemExit("the server closed the connection")
        message: dict[str, Any] = json.loads(self.reader.read(length))
        return message

    def diagnostics(self, version: int) -> int:
        """Wait for this version's diagnostics; how many there are."""
        while True:
            message = self.read()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("version") == version:
                return len(params["diagnostics"])
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": None})


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _edit_at(text: str, rng: random.Random) -> tuple[int, int, str]:
    """A 0-based line and character (this plan is ASCII, so characters are UTF-16 units) and what to type."""
    lines = text.split("\n")
    while True:
        line = rng.randrange(len(lines))
        if lines[line].strip():
            return line, rng.randint(1, len(lines[line])), rng.choice(TYPED)


def run(lines: int, edits: int, seed: int, whole: bool) -> dict[str, Any]:
    text = _generate(lines, seed)
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="goallint-bench-lsp-") as folder:
        path = Path(folder) / "plan.okr"
        path.write_text(text, encoding="utf-8")
        uri = path.as_uri()
        process = subprocess.Popen(SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder)
        try:
            connection = Connection(process)
            options = {"incremental": not whole}
            connection.request("initialize", {"processId": None, "rootUri": Path(folder).as_uri(),
                                              "capabilities": {}, "initializationOptions": options})
            connection.send({"method": "initialized", "params": {}})
            started = time.perf_counter()
            connection.send({"method": "textDocument/didOpen", "params": {"textDocument": {
                "uri": uri, "languageId": "okr", "version": 1, "text": text}}})
            count = connection.diagnostics(1)
            opened_ms = (time.perf_counter() - started) * 1000
            times: list[float] = []
            server_cpu, client_cpu = _cpu_seconds(process.pid), time.process_time()
            for version in range(2, edits + 2):
                line, character, typed = _edit_at(text, rng)
                rows = text.split("\n")
                rows[line] = rows[line][:character] + typed + rows[line][character:]
                text = "\n".join(rows)
                where = {"line": line, "character": character}
                started = time.perf_counter()
                connection.send({"method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": where, "end": where}, "text": typed}],
                }})
                count = connection.diagnostics(version)
                times.append((time.perf_counter() - started) * 1000)
            server_cpu = _cpu_seconds(process.pid) - server_cpu
            client_cpu = time.process_time() - client_cpu
            connection.request("shutdown", None)
            connection.send({"method": "exit", "params": None})
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    times.sort()
    return {
        "lines": len(text.split("\n")), "edits": edits, "mode": "whole" if whole else "incremental",
        "open_ms": round(opened_ms, 1), "diagnostics": count,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, round(0.95 * len(times)) - 1)], 1),
        "max_ms": round(times[-1], 1), "mean_ms": round(statistics.fmean(times), 1),
        # CPU time per edit, which waiting for a busy machine does not inflate as it does wall time
        "server_cpu_ms": round(server_cpu * 1000 / edits, 1), "client_cpu_ms": round(client_cpu * 1000 / edits, 1),
        "load_average": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--whole", action="store_true", help="check every version whole, to compare")
    arguments = parser.parse_args()
    result = run(arguments.lines, arguments.edits, arguments.seed, arguments.whole)
    print(json.dumps(result))
    verdict = "met" if result["p95_ms"] <= GOAL_P95_MS else "missed"
    print(f"{result['mode']}: {result['lines']} lines, {result['edits']} single-character edits, "
          f"{result['diagnostics']} diagnostics: didChange -> publishDiagnostics p50 {result['p50_ms']} ms, "
          f"p95 {result['p95_ms']} ms (goal p95 <= {GOAL_P95_MS:.0f} ms: {verdict}); "
          f"opening took {result['open_ms']} ms")
    print(f"CPU per edit: server {result['server_cpu_ms']} ms, this client {result['client_cpu_ms']} ms "
          f"(load average {result['load_average']:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
