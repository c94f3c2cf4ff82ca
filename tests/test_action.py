"""action.yml: the composite GitHub Action's own script, run here as the runner would run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml  # PyYAML, declared in the test extra

ACTION = Path(__file__).resolve().parent.parent / "action.yml"

PLAN = "period: 2026-Q3\n\nObjective: Grow revenue in Europe\n  KR: Raise NPS from 30 to 45 by end of Q3\n"


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def step(name: str) -> dict[str, Any]:
    return next(s for s in action()["runs"]["steps"] if s.get("name") == name)


def test_the_action_checks_then_uploads_sarif_then_fails_on_findings() -> None:
    steps = action()["runs"]["steps"]
    assert action()["runs"]["using"] == "composite"
    assert [s.get("uses", "run").split("@")[0] for s in steps] == [
        "actions/setup-python", "run", "run", "github/codeql-action/upload-sarif", "run",
    ]
    assert step("Upload to code scanning")["with"]["sarif_file"] == action()["outputs"]["sarif-file"]["value"]
    assert {"paths", "fail-on", "continue-on-error", "upload", "category"} <= set(action()["inputs"])


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
@pytest.mark.parametrize(("fail_on", "expected"), [("warning", "1"), ("error", "0")])
def test_the_check_step_writes_sarif_and_records_the_exit_code(tmp_path: Path, fail_on: str, expected: str) -> None:
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "europe.okr").write_text(PLAN, encoding="utf-8")
    output = tmp_path / "github-output"
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_OUTPUT": str(output),
        "GOALLINT_PATHS": "goals\n",
        "GOALLINT_FAIL_ON": fail_on,
        "GOALLINT_ANNOTATE": "true",
    }
    run = subprocess.run(["bash", "-e", "-c", step("Check goal documents")["run"]], cwd=tmp_path, env=env,
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert output.read_text(encoding="utf-8").splitlines() == [f"exit-code={expected}"]
    sarif = json.loads((tmp_path / "goallint.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"goals/europe.okr"}
    assert run.stdout.startswith("::warning file=goals/europe.okr,line=3,")
