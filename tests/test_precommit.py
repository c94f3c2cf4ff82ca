"""The pre-commit hook, run by the real `pre-commit` in a fresh repository that uses it.

pre-commit installs goallint from a git repository at a commit, into a virtualenv of its own (pip
fetches the build backend and dependencies from the package index). That repository is this
checkout at HEAD when HEAD already holds the hook file and the work tree is clean; otherwise a
snapshot of the work tree (tracked and untracked files, minus ignored ones) committed to a
temporary repository, so that the code under test is the code in front of you.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness import CLEAN_PLAN

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.network,  # pre-commit's pip fetches goallint's build backend and dependencies (.ci/run: -m network)
    pytest.mark.timeout(900),
]

BAD = """\
period: 2026-Q3

Objective: Grow revenue in Europe
  KR: Raise NPS from 30 to 45 by end of Q3
"""


GIT_ENV = {
    "GIT_AUTHOR_NAME": "goallint tests", "GIT_AUTHOR_EMAIL": "tests@goallint.invalid",
    "GIT_COMMITTER_NAME": "goallint tests", "GIT_COMMITTER_EMAIL": "tests@goallint.invalid",
}


def git(*args: str, cwd: Path) -> str:
    result = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, timeout=120,
    )
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def _snapshot(into: Path) -> None:
    """Commit the work tree's files, as they are now, to a new repository at `into`."""
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is left out
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, into / name)
    git("init", "-q", cwd=into)
    git("add", "-A", cwd=into)
    git("commit", "-q", "-m", "goallint work tree snapshot", cwd=into)


@pytest.fixture(scope="module")
def hook_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The repository pre-commit installs goallint from, and the commit to use."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    committed = git("ls-tree", "--name-only", "HEAD", ".pre-commit-hooks.yaml", cwd=ROOT).strip()
    clean = not git("status", "--porcelain", cwd=ROOT).strip()
    repository = ROOT
    if not (committed and clean):
        repository = tmp_path_factory.mktemp("goallint-snapshot")
        _snapshot(repository)
    return repository, git("rev-parse", "HEAD", cwd=repository).strip()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by the tests here so that the hook is installed once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def project_with(files: dict[str, str], hook_source: tuple[Path, str], at: Path) -> Path:
    """A repository holding `files` whose .pre-commit-config.yaml uses the goallint hook."""
    repository, rev = hook_source
    (at / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repository.as_posix()}\n    rev: {rev}\n    hooks:\n      - id: goallint\n",
        encoding="utf-8",
    )
    for name, text in files.items():
        (at / name).parent.mkdir(parents=True, exist_ok=True)
        (at / name).write_text(text, encoding="utf-8")
    git("init", "-q", cwd=at)
    git("add", "-A", cwd=at)
    git("commit", "-q", "-m", "Goals, checked by goallint", cwd=at)
    return at


def pre_commit_run(project: Path, home: Path) -> tuple[int, str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=project, capture_output=True, text=True, encoding="utf-8", env=env, timeout=900,
    )
    return result.returncode, result.stdout + result.stderr


def test_the_hook_fails_on_a_bad_plan(hook_source: tuple[Path, str], pre_commit_home: Path, tmp_path: Path) -> None:
    files = {"goals/europe.okr": BAD, "notes.txt": "Objective: not a goal document, so not checked\n"}
    code, output = pre_commit_run(project_with(files, hook_source, tmp_path), pre_commit_home)
    assert code == 1, output
    assert "goallint" in output and "Failed" in output
    assert "goals/europe.okr:3:12: warning GL101 kr-count: This objective has 1 key result" in output
    assert "notes.txt" not in output


def test_the_hook_passes_on_a_good_plan(hook_source: tuple[Path, str], pre_commit_home: Path, tmp_path: Path) -> None:
    project = project_with({"goals/support.okr": CLEAN_PLAN}, hook_source, tmp_path)
    code, output = pre_commit_run(project, pre_commit_home)
    assert code == 0, output
    assert "goallint" in output and "Passed" in output
