"""The wheel as a user gets it: built, installed in a clean venv, run outside the source tree.

Slow (about a minute: it builds the wheel and installs its dependencies into a new venv),
and it needs the package index: marked `network`, left out of a plain `pytest` run, run by
.ci/run (`pytest -m network`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.network, pytest.mark.timeout(900)]


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # No PYTHONPATH and no venv of ours leaking in: the new venv must stand on its own.
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env, timeout=600
    )
    command = " ".join(map(str, args))
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def test_the_installed_wheel_parses_the_example_with_its_own_grammar(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT)
    (wheel,) = dist.glob("goallint-*.whl")

    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", wheel)
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())

    # the data directories are inside the installed package
    installed = site_packages / "goallint"
    assert (installed / "grammar" / "statement.lark").is_file()
    assert (installed / "rules" / "README.md").is_file()
    assert (installed / "grammar" / "statement.lark").read_bytes() == (ROOT / "grammar" / "statement.lark").read_bytes()

    # a working directory away from the checkout, holding only the example
    work = tmp_path / "work"
    (work / "examples").mkdir(parents=True)
    shutil.copy(ROOT / "examples" / "growth-q3.okr", work / "examples")

    located = run(
        python, "-c",
        "import goallint, goallint.resources as r; print(goallint.__file__); print(r.grammar_path('statement.lark'))",
        cwd=work,
    ).stdout.splitlines()
    assert [Path(line).resolve().is_relative_to(installed.resolve()) for line in located] == [True, True], located

    result = run(venv / "bin" / "goallint", "parse", "examples/growth-q3.okr", "--format", "json", cwd=work)
    assert "Traceback" not in result.stderr
    document = json.loads(result.stdout)
    assert document["period"]["label"] == "2026-Q3"
    objectives = document["objectives"]
    assert [o["text"] for o in objectives] == ["Make onboarding effortless", "Be the cheapest to run"]
    assert all(o["key_results"] for o in objectives)
    first = objectives[0]["key_results"][0]
    # the measure comes from the statement grammar, so the grammar was found and loaded
    assert first["measure"]["direction"] == "increase"
    assert first["measure"]["baseline"]["value"] == 1200
    assert first["measure"]["target"]["value"] == 2000
    assert first["deadline"]["date"] == "2026-09-30"
    assert document["kpis"][0]["cadence"]["every"] == "monthly"
