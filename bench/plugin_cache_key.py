"""What keying the result cache on plugins' code costs at start-up.

    python bench/plugin_cache_key.py [--runs 200] [--files 200]

The cache key of every `goallint check` includes each installed plugin's code as it is on disk
(the newest modification time, total size and count of the files of its top-level package), so
that an editable plugin edited in place, or a plugin reinstalled at the same version, is never
served stale results. This prints what that costs per run for the plugins installed here, and
for a made-up plugin of --files modules (a large one), next to the whole engine fingerprint.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from goallint.cache import _engine_fingerprint, plugin_code_fingerprint
from goallint.engine.plugins import ENTRY_POINT_GROUP, load_plugins


def _median_ms(function: object, runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--files", type=int, default=200)
    arguments = parser.parse_args()
    load_plugins()  # as `goallint check` has by the time it makes the cache
    installed = list(entry_points(group=ENTRY_POINT_GROUP))
    names = ", ".join(entry.name for entry in installed) or "none"
    per_run = _median_ms(lambda: [plugin_code_fingerprint(entry) for entry in installed], arguments.runs)
    print(f"installed plugins ({names}): {per_run:.3f} ms per run")
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder) / "bench_big_plugin"
        for number in range(arguments.files):
            (package / f"part{number // 20}").mkdir(parents=True, exist_ok=True)
            (package / f"part{number // 20}" / f"module{number}.py").write_text("X = 1\n" * 50, encoding="utf-8")
        (package / "__init__.py").write_text("", encoding="utf-8")
        sys.path.insert(0, folder)
        big = EntryPoint("big", "bench_big_plugin", ENTRY_POINT_GROUP)
        big_ms = _median_ms(lambda: plugin_code_fingerprint(big), arguments.runs)
        print(f"a plugin of {arguments.files} files: {big_ms:.3f} ms")
    whole = _median_ms(lambda: _engine_fingerprint(ENTRY_POINT_GROUP), max(10, arguments.runs // 10))
    print(f"whole engine fingerprint (goallint's own files, Python, every plugin): {whole:.3f} ms")


if __name__ == "__main__":
    main()
