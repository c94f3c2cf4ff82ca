"""Running goallint in the tests: through the library, and through the installed console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from goallint.checking import check_sources
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins

# A plan every built-in rule accepts: the reporters' and the pre-commit hook's clean case.
CLEAN_PLAN = """\
title: Support team goals
period: 2026-Q3
owner: Support team

Objective: Delight customers [committed]
  KR: Lift NPS from 30 to 45 by end of Q3
    owner: Dana
  KR: Cut first response time from 9 h to 2 h by end of Q3
    owner: Lee
  KR: Raise CSAT from 82% to 90% by end of Q3
    owner: Kim
"""


def _command() -> str:
    # the script beside this interpreter, so a venv's pytest tests that venv's goallint
    beside = Path(sys.executable).parent / "goallint"
    if beside.exists():
        return str(beside)
    found = shutil.which("goallint")
    assert found, "the goallint console script is not installed"
    return found


GOALLINT = _command()


def in_ci() -> bool:
    """Whether this is the CI run (`CI=true`, as CI services and .ci/run set it): there a test
    that needs a program CI installs must run, not skip. `CI=false` or `CI=0` is not CI."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes", "on")

# Headless Chromium for the browser tests: found on PATH as .ci/run looks for it (Debian's package
# puts it in /usr/bin), started with the flags this machine's closed network needs.
CHROMIUM = Path(shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"  # screenshots kept for people to look at


def skip_without_chromium() -> None:
    """Skip the calling test module when Chromium is missing, except in CI, which installs it."""
    if not CHROMIUM.exists() and not in_ci():
        pytest.skip("Chromium is not installed: apt-get install chromium", allow_module_level=True)


# What the tests read lives under tests/data, so that a fresh clone runs the whole suite.
DATA = Path(__file__).resolve().parent / "data"
SARIF_SCHEMA = DATA / "schemas" / "sarif-schema-2.1.0.json"
CORPUS = DATA / "corpus"  # copies of real published documents and statements (see its README)
# The language server as an editor starts it, with this interpreter's goallint.
LSP_SERVER = [sys.executable, "-m", "goallint", "lsp"]


def goallint(*args: str | Path, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run `goallint ARGS…`; a traceback on stderr fails the test whatever the exit code."""
    result = subprocess.run(
        [GOALLINT, *map(str, args)], capture_output=True, text=True, encoding="utf-8", cwd=cwd, input=stdin,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def write(root: Path, files: dict[str, str]) -> None:
    """Create files (and their directories) under `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# The rules the configuration, suppression and baseline tests watch; findings of rules added
# later are left out of `check_files`, so those tests stay about what they test.
WATCHED = frozenset({"kr-count", "missing-baseline", "unused-suppression"})


def check_files(
    root: Path, *names: str, config: Path | None = None, select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[tuple[str, int, str]]:
    """Check files under `root` through the library as `goallint check` does: (file, line, rule)
    of each finding of a `WATCHED` rule."""
    finder = ConfigFinder(load_plugins(include_installed=False), config)
    sources = {str(root / name): (root / name).read_text(encoding="utf-8") for name in names}
    findings = check_sources(sources, finder, config, select, ignore, jobs=1)
    return [
        (Path(f.path or "").relative_to(root).as_posix(), f.span.start.line, f.rule)
        for f in findings if f.rule in WATCHED
    ]
