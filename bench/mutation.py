"""Mutation testing: how many deliberate small breaks of goallint's code the tests catch.

    pip install -e '.[test,mutation]'
    python bench/mutation.py                                  # every module [tool.mutmut] names
    python bench/mutation.py goallint.baseline goallint.checks.structure   # some of them
    python bench/mutation.py --report                         # the figures of the last run, again
    python bench/mutation.py --survivors goallint.cache       # only what is not killed yet (survived, not run)
    python bench/mutation.py --names todo.txt                 # the mutants (or patterns) a file lists, one a line

mutmut (configured in pyproject.toml's [tool.mutmut]) copies the package to mutants/, changes
one operator, constant or call at a time, and runs the tests that reach the changed function.
A mutant is killed when a test fails (or it runs past its time); it survives when every test
passes; "no tests" means no selected test reaches it. Slow: hours for every module on two
cores, so it is run by hand, not on every CI run; mutmut keeps results in mutants/ and reruns
only what changed. mutmut copies the files it does not mutate only once, so before each run
this script refreshes the copies in mutants/ of the package files that changed since (the
mutated ones mutmut regenerates itself). Given module names, mutmut runs all their mutants
again; --survivors runs only the ones not killed yet. mutmut maps tests to functions again only
for tests it has not seen: after the package's code changed (a function added or moved), delete
mutants/mutmut-stats.json before the final run, or a mutant may survive for want of the tests
that reach its function.

bench/mutation-equivalent.txt lists survivors that are equivalent to the original (no test
could tell them apart), one mutant name a line with the reason after `#`; they are left out of
the score. The score printed is killed / (mutants tried - equivalent), per module and overall.
"""

from __future__ import annotations

import argparse
import filecmp
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = Path(__file__).resolve().parent / "mutation-equivalent.txt"
KILLED = {"killed", "timeout", "caught by type check"}
_RESULT = re.compile(r"^\s+(?P<name>[\w.]+__mutmut_\d+): (?P<status>.+)$")


def equivalent_mutants() -> dict[str, str]:
    """Mutant name -> why it is equivalent, from bench/mutation-equivalent.txt."""
    listed: dict[str, str] = {}
    if EQUIVALENT.exists():
        for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
            name, _, why = line.partition("#")
            if name.strip():
                listed[name.strip()] = why.strip()
    return listed


def module_of(mutant: str) -> str:
    """goallint.checks.structure.xǁKrCountǁcheck__mutmut_3 -> goallint.checks.structure"""
    parts = mutant.split(".")
    return ".".join(part for part in parts[:-1])


def results() -> dict[str, str]:
    """Mutant name -> status, of every mutant mutmut has generated."""
    listed = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    return {m["name"]: m["status"] for line in listed.splitlines() if (m := _RESULT.match(line))}


def refresh_unmutated_copies() -> int:
    """Copy into mutants/ the package files mutmut does not mutate that changed since it copied them."""
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    mutated = settings.get("only_mutate", [])
    refreshed = 0
    for source_path in settings.get("source_paths", []):
        for source in (ROOT / source_path).rglob("*"):
            relative = source.relative_to(ROOT)
            copy = ROOT / "mutants" / relative
            if not source.is_file() or "__pycache__" in relative.parts or not copy.exists():
                continue
            if source.suffix == ".py" and any(fnmatch.fnmatch(str(relative), p) for p in mutated):
                continue  # mutmut regenerates a mutated file when its source is newer
            if not filecmp.cmp(source, copy, shallow=False):
                shutil.copy2(source, copy)
                refreshed += 1
    return refreshed


def report(statuses: dict[str, str], modules: list[str]) -> float:
    equivalent = equivalent_mutants()
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    for name, status in sorted(statuses.items()):
        module = module_of(name)
        if modules and not any(module == m or module.startswith(m + ".") for m in modules):
            continue
        if status == "not checked":
            by_module[module]["not run"] += 1
            continue
        if status not in KILLED and name in equivalent:
            by_module[module]["equivalent"] += 1
            continue
        by_module[module]["killed" if status in KILLED else status] += 1
        if status not in KILLED:
            survivors.append(f"{name}: {status}")
    total: Counter[str] = Counter()
    print(f"{'module':42} {'tried':>6} {'killed':>6} {'equiv':>6} {'survived':>8} {'no tests':>8} {'score':>6}")
    for module, counts in sorted(by_module.items()):
        total.update(counts)
        print(_row(module, counts))
    print(_row("all", total))
    if survivors:
        print(f"\n{len(survivors)} not killed (see one with: python -m mutmut show NAME):")
        print("\n".join(f"  {line}" for line in survivors))
    return _score(total)


def _score(counts: Counter[str]) -> float:
    tried = sum(counts.values()) - counts["equivalent"] - counts["not run"]
    return 100.0 * counts["killed"] / tried if tried else 0.0


def _row(module: str, counts: Counter[str]) -> str:
    tried = sum(counts.values()) - counts["not run"]
    others = tried - counts["killed"] - counts["equivalent"] - counts["survived"] - counts["no tests"]
    extra = f"  (+{others} other)" if others else ""
    extra += f"  ({counts['not run']} not run yet)" if counts["not run"] else ""
    return (f"{module:42} {tried:6} {counts['killed']:6} {counts['equivalent']:6} {counts['survived']:8} "
            f"{counts['no tests']:8} {_score(counts):5.1f}%{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="dotted module names or packages (default: all configured)")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    parser.add_argument("--report", action="store_true", help="print the figures of the last run, run nothing")
    parser.add_argument("--survivors", action="store_true",
                        help="run only the mutants of these modules not killed yet (survived, or not run)")
    parser.add_argument("--names", type=Path, help="run only the mutants this file names (or matches), one a line")
    arguments = parser.parse_args()
    if not arguments.report:
        if (refreshed := refresh_unmutated_copies()):
            print(f"refreshed {refreshed} unmutated file(s) in mutants/", flush=True)
        patterns = [f"{module}.*" for module in arguments.modules]
        if arguments.names:  # a list made by hand: the survivors of a run that had to stop, say
            listed = arguments.names.read_text(encoding="utf-8").splitlines()
            patterns = [line.strip() for line in listed if line.strip()]
            if not patterns:  # no names would make mutmut run every mutant
                print(f"{arguments.names} names no mutants")
                return
        elif arguments.survivors:
            equivalent = equivalent_mutants()
            patterns = [name for name, status in sorted(results().items())
                        if status not in KILLED and (name not in equivalent or status in ("not checked", "no tests"))
                        and (not arguments.modules or any(name.startswith(m + ".") for m in arguments.modules))]
            if not patterns:
                print("no survivors to rerun")
                return
        command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(arguments.max_children), *patterns]
        print("$", " ".join(command[1:]), flush=True)
        subprocess.run(command, cwd=ROOT, check=False)
    score = report(results(), arguments.modules)
    print(f"\nmutation score: {score:.1f}% of non-equivalent mutants killed")


if __name__ == "__main__":
    main()
