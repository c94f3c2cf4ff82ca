"""The slow one: plugins installed with pip into a fresh environment beside goallint, as a user
installs them, then listed, used and (the broken ones) isolated by the installed command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent

# The plugin of the tutorial in docs/plugins.md, as a reader would write it.
ACME = {
    "pyproject.toml": """\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "goallint-acme"
        version = "1.2.0"
        dependencies = ["goallint"]

        [project.entry-points.goallint]
        acme = "goallint_acme"
        """,
    "goallint_acme/__init__.py": """\
        from goallint.plugin import Rule, hookimpl

        goallint_api = "1.0"


        class NoBonus(Rule):
            code = "ACME101"
            name = "no-bonus"
            summary = "A key result about bonuses."
            scope = "key_result"
            why = "Pay is agreed with each person, not set as a team goal."
            bad = "Objective: Sell more\\n  KR: Pay a bonus to 5 reps"
            good = "Objective: Sell more\\n  KR: Sign 5 new logos"

            def check(self, node, context):
                if "bonus" in node.text.lower():
                    yield context.finding(node.span, "Bonuses are not goals.", "Agree pay outside the OKRs.")


        @hookimpl
        def goallint_rules():
            return [NoBonus]
        """,
}

BROKEN = {
    "pyproject.toml": """\
        [build-system]
        requires = ["hatchling"]
        build-backend = "hatchling.build"

        [project]
        name = "goallint-broken"
        version = "0.0.1"
        dependencies = ["goallint"]

        [project.entry-points.goallint]
        broken-import = "goallint_broken.half"
        broken-rule = "goallint_broken"
        """,
    "goallint_broken/__init__.py": """\
        from goallint.plugin import Rule, hookimpl

        goallint_api = "1.0"


        class Crash(Rule):
            code = "BRK1"
            name = "crash"
            summary = "Fails on every key result."
            scope = "key_result"

            def check(self, node, context):
                raise ZeroDivisionError("division by zero")


        class Spin(Rule):
            code = "BRK2"
            name = "spin"
            summary = "Never ends on an objective."
            scope = "objective"

            def check(self, node, context):
                while True:
                    pass


        @hookimpl
        def goallint_rules():
            return [Crash, Spin]
        """,
    "goallint_broken/half.py": "import goallint_no_such_dependency\n",
}

PLAN = "period: 2026-Q3\n\nObjective: Sell more\n  KR: Pay a bonus to 5 reps by end of Q3\n"


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def _run(*command: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    environment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    environment["GOALLINT_RULE_TIME_LIMIT"] = "0.5"
    return subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=cwd,
                          env=environment, timeout=600)


@pytest.mark.network  # pip fetches the build backend and dependencies: run by .ci/run (-m network)
@pytest.mark.timeout(900)
@pytest.mark.skipif(os.environ.get("GOALLINT_SKIP_SLOW") == "1", reason="GOALLINT_SKIP_SLOW=1")
def test_plugins_installed_with_pip_are_listed_used_and_the_broken_ones_isolated(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    assert _run(sys.executable, "-m", "venv", venv).returncode == 0
    python, goallint = venv / "bin" / "python", venv / "bin" / "goallint"
    for package in (REPOSITORY, _package(tmp_path / "acme", ACME), _package(tmp_path / "broken", BROKEN)):
        installed = _run(python, "-m", "pip", "install", "--quiet", package)
        assert installed.returncode == 0, installed.stderr
    (tmp_path / "plan.okr").write_text(PLAN, encoding="utf-8")

    listed = _run(goallint, "plugins")
    assert listed.returncode == 2
    acme = next(line for line in listed.stdout.splitlines() if line.startswith("acme "))
    assert acme.split() == ["acme", "goallint-acme", "1.2.0", "API", "1.0", "loaded:", "1", "rule", "(ACME101)"]
    assert "goallint: plugin 'broken-import' (goallint-broken 0.0.1) could not be loaded (ModuleNotFoundError" \
        in listed.stderr

    rules = _run(goallint, "rules")
    assert any(line.split()[:3] == ["ACME101", "no-bonus", "warning"] for line in rules.stdout.splitlines())
    assert "Pay is agreed with each person" in _run(goallint, "explain", "no-bonus").stdout

    checked = _run(goallint, "check", "plan.okr", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 2, checked.stderr
    assert "plan.okr:4:7: warning ACME101 no-bonus: Bonuses are not goals." in checked.stdout
    assert ("plan.okr:4:1: error GL000 internal-error: Rule BRK1 crash of plugin 'broken-rule' (goallint-broken "
            "0.0.1) failed here (ZeroDivisionError: division by zero)") in checked.stdout
    assert ("plan.okr:3:1: error GL000 internal-error: Rule BRK2 spin of plugin 'broken-rule' (goallint-broken "
            "0.0.1) took longer than 0.5 s on one statement and was stopped") in checked.stdout
    assert "Traceback" not in checked.stderr

    (tmp_path / "goallint.toml").write_text('disable-plugins = ["broken-import", "broken-rule"]\n', encoding="utf-8")
    checked = _run(goallint, "check", "plan.okr", "--no-cache", cwd=tmp_path)
    assert checked.returncode == 1, checked.stderr
    assert "ACME101 no-bonus" in checked.stdout and "GL000" not in checked.stdout
