"""Hostile inputs through `goallint check`: time, peak memory and output size, family by size.

    python bench/hostile.py [--sizes 16,64,256] [--family md_] [--format text] [--timeout 30]
                            [--extra=--diff] [--cache]

The families are tests/fuzz/hostile.py's (each stresses one part of the reader, the rules, the
suppression or the reporters). Each document (sizes in KB) is written to a temporary directory
and checked by a whole process, the way a user runs it:

    goallint check FILE --no-cache --output-format FORMAT  (stdout to a file, to count its size)

With `--cache` the runs keep the result cache (one folder for the whole table, as for files
checked one after another in one place): `goallint check FILE` as a user types it.

- time: wall time of that process (perf_counter around spawn and wait);
- cpu: its user + system CPU time (from os.wait4): what the input costs, whatever else the
  machine is doing;
- peak: the child's own peak RSS (ru_maxrss from os.wait4 for that process);
- out: the size of what it printed;
- x2: the CPU time at this size over the CPU time at the size before, per doubling of the input
  (linear ≈ 2; start-up weighs on the small sizes, so it reads low there);
- a status other than 0 or 1, a traceback on stderr or a timeout is flagged in the last column.

The issue's budget is 2 s and 400 MB for each input of 16 to 260 KB; rows over it are flagged.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
GOALLINT = Path(sys.executable).with_name("goallint")
BUDGET_SECONDS = 2.0
BUDGET_MB = 400.0


def load_families() -> ModuleType:
    path = HERE.parent / "tests" / "fuzz" / "hostile.py"
    spec = importlib.util.spec_from_file_location("goallint_hostile", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the hostile families from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(
    path: Path, out: Path, fmt: str, extra: list[str], timeout: float, cache: Path | None = None,
) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds, peak RSS in MB, exit status (-1 on timeout) and stderr of one
    check (with the result cache in `cache`, else without one)."""
    uncached = ["--no-cache"] if cache is None else []
    command = [str(GOALLINT), "check", str(path), *uncached, "--output-format", fmt, *extra]
    environment = {**os.environ, "GOALLINT_CACHE_DIR": str(cache)} if cache is not None else None
    with out.open("wb") as stdout, tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, env=environment)
        deadline = started + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = -1
                break
            time.sleep(0.005)
        elapsed = time.perf_counter() - started
        code = process.returncode if process.returncode == -1 else os.waitstatus_to_exitcode(status)
        process.returncode = code  # reaped above: keep Popen from waiting again
        stderr.seek(0)
        errors = stderr.read().decode("utf-8", "replace")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="16,32,64,128,256", help="sizes in KB, comma-separated")
    parser.add_argument("--family", action="append", default=[], help="only families whose name contains this")
    parser.add_argument("--format", default="text", help="the --output-format to check with")
    parser.add_argument("--extra", action="append", default=[], help="more arguments for goallint check")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a run is stopped")
    parser.add_argument("--cache", action="store_true", help="keep the result cache, as a plain check does")
    args = parser.parse_args()
    families = load_families().FAMILIES
    chosen = [name for name in families if not args.family or any(part in name for part in args.family)]
    sizes = [int(float(size) * 1024) for size in args.sizes.split(",")]
    print(f"goallint check {'' if args.cache else '--no-cache '}--output-format {args.format} "
          f"{' '.join(args.extra)}".rstrip())
    columns = ("KB", 5), ("time s", 7), ("cpu s", 6), ("x2", 5), ("peak MB", 8), ("out KB", 9), ("exit", 4)
    print(f"{'family':<27} " + " ".join(f"{name:>{width}}" for name, width in columns) + "  flags")
    over = 0
    with tempfile.TemporaryDirectory(prefix="goallint-hostile-") as directory:
        for name in chosen:
            before: tuple[int, float] | None = None
            for size in sizes:
                suffix, text = families[name](size)
                path = Path(directory) / f"{name}{suffix}"
                path.write_text(text, encoding="utf-8")
                out = Path(directory) / "out"
                cache = Path(directory) / "cache" if args.cache else None
                seconds, cpu, peak, code, errors = run(path, out, args.format, args.extra, args.timeout, cache)
                flags = []
                if code == -1:
                    flags.append("TIMEOUT")
                elif code not in (0, 1):
                    flags.append(f"EXIT {code}: {errors.strip().splitlines()[-1][:80] if errors.strip() else ''}")
                if "Traceback" in errors:
                    flags.append("TRACEBACK")
                if seconds > BUDGET_SECONDS or peak > BUDGET_MB:
                    flags.append("OVER BUDGET")
                over += bool(flags)
                growth = ""
                if before is not None and before[1] > 0.05:
                    steps = math.log2(len(text) / before[0])
                    growth = f"{(cpu / before[1]) ** (1 / steps):.2f}" if steps > 0 else ""
                before = (len(text), cpu)
                print(f"{name:<27} {len(text) / 1024:>5.0f} {seconds:>7.2f} {cpu:>6.2f} {growth:>5} {peak:>8.0f} "
                      f"{out.stat().st_size / 1024:>9.0f} {code:>4}  {' '.join(flags)}", flush=True)
    print(f"{over} run(s) over budget or failing")


if __name__ == "__main__":
    main()
