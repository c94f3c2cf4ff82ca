"""`goallint check --fix / --diff` and `goallint init`: fixes are data, applied until they settle."""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

import pytest

from goallint import fixes
from goallint.checks.fixable import written_consistently
from goallint.fixes import FixesDidNotSettle, apply_fixes, fix_until_settled, write_atomically
from goallint.model import Edit, Finding, Fix, Position, Span
from goallint.starter import EXAMPLE
from test_cli import goallint

UNTIDY = """\
period: 2026-Q3

Objective 1: Grow the community
  KR1: Grow forum members from 20000 to 45000 by end of Q3
  - KR 3: Lift answered questions to 80 percent by end of Q3
  KR3: Run 6 community events by end of Q3
# a comment that stays as it is: 12345 percent
"""

TIDY = """\
period: 2026-Q3

Objective 1: Grow the community
  KR1: Grow forum members from 20,000 to 45,000 by end of Q3
  - KR 2: Lift answered questions to 80% by end of Q3
  KR3: Run 6 community events by end of Q3
# a comment that stays as it is: 12345 percent
"""


def span(start: int, end: int) -> Span:
    return Span(start=Position(line=1, column=start + 1, offset=start),
                end=Position(line=1, column=end + 1, offset=end))


def fix(start: int, end: int, text: str) -> Fix:
    return Fix(message="", edits=[Edit(span=span(start, end), replacement=text)])


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "community.okr"
    path.write_text(UNTIDY, encoding="utf-8")
    return path


def test_fix_renumbers_labels_and_tidies_numbers(plan: Path) -> None:
    result = goallint("check", "--fix", "--select", "kr-numbering,number-format", plan)
    assert result.returncode == 0, result.stdout + result.stderr
    assert plan.read_text(encoding="utf-8") == TIDY
    assert "fixed 4 findings in 1 file" in result.stderr


def test_fixing_twice_changes_nothing_the_second_time(plan: Path) -> None:
    goallint("check", "--fix", plan)
    first = plan.read_bytes()
    mtime = plan.stat().st_mtime_ns
    again = goallint("check", "--fix", plan)
    assert plan.read_bytes() == first
    assert plan.stat().st_mtime_ns == mtime  # not rewritten
    assert "fixed" not in again.stderr


def test_text_outside_the_fixed_spans_is_byte_identical(plan: Path) -> None:
    plan.write_bytes(UNTIDY.replace("\n", "\r\n").encode("utf-8-sig"))
    goallint("check", "--fix", plan)
    assert plan.read_bytes() == TIDY.replace("\n", "\r\n").encode("utf-8-sig")


def test_remaining_findings_are_reported_and_fixed_ones_are_not(plan: Path) -> None:
    plan.write_text(UNTIDY.replace("  KR3: Run 6 community events by end of Q3\n", ""), encoding="utf-8")
    result = goallint("check", "--fix", "--output-format", "json", plan)
    assert result.returncode == 1
    assert "kr-count" in result.stdout
    assert "kr-numbering" not in result.stdout and "number-format" not in result.stdout


def test_diff_shows_the_fix_and_changes_nothing(plan: Path) -> None:
    result = goallint("check", "--diff", plan)
    assert result.returncode == 1
    assert f"--- {plan}\n+++ {plan}\n" in result.stdout
    assert "-  - KR 3: Lift answered questions to 80 percent by end of Q3\n" in result.stdout
    assert "+  - KR 2: Lift answered questions to 80% by end of Q3\n" in result.stdout
    assert plan.read_text(encoding="utf-8") == UNTIDY
    plan.write_text(TIDY, encoding="utf-8")
    clean = goallint("check", "--diff", plan)
    assert (clean.returncode, clean.stdout) == (0, "")


def test_fix_keeps_the_file_mode(plan: Path) -> None:
    plan.chmod(0o640)
    goallint("check", "--fix", plan)
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_whole(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "replace", fail)
    with pytest.raises(OSError):
        write_atomically(plan, TIDY)
    assert plan.read_text(encoding="utf-8") == UNTIDY
    assert [p.name for p in plan.parent.iterdir()] == [plan.name]  # no temporary file left


def test_fix_on_standard_input_is_a_usage_error(plan: Path) -> None:
    assert goallint("check", "--fix", "-").returncode == 2


def test_overlapping_fixes_wait_for_the_next_round() -> None:
    text, applied = apply_fixes("abcdef", [fix(1, 3, "X"), fix(2, 4, "Y"), fix(4, 4, "+"), fix(5, 6, "Z")])
    assert (text, applied) == ("aXd+eZ", 3)


def test_fixes_that_never_settle_are_an_error() -> None:
    def lint(texts: Mapping[str, str]) -> list[Finding]:
        grows = Fix(message="grow", edits=[Edit(span=span(0, 0), replacement="x")])
        return [Finding(code="GL999", rule="ever-growing", severity="warning", message="m", path="a.okr",
                        span=span(0, 0), fix=grows)]

    with pytest.raises(FixesDidNotSettle, match=r"did not settle.*ever-growing \(GL999\)"):
        fix_until_settled({"a.okr": ""}, lint)


def test_unsafe_fixes_apply_only_when_asked() -> None:
    def lint(texts: Mapping[str, str]) -> list[Finding]:
        if texts["a.okr"] == "after":
            return []
        change = Fix(message="m", edits=[Edit(span=span(0, 6), replacement="after")], applicability="unsafe")
        return [Finding(code="GL999", rule="r", severity="warning", message="m", path="a.okr",
                        span=span(0, 6), fix=change)]

    assert fix_until_settled({"a.okr": "before"}, lint).sources == {"a.okr": "before"}
    assert fix_until_settled({"a.okr": "before"}, lint, unsafe=True).sources == {"a.okr": "after"}


@pytest.mark.parametrize(("written", "better"), [
    ("2000000", "2,000,000"), ("45 percent", "45%"), ("9999", "9999"), ("12,500", "12,500"),
    ("1.000.000", "1.000.000"), ("0.000015", "0.000015"), ("30 percentage points", "30 percentage points"),
])
def test_number_format(written: str, better: str) -> None:
    assert written_consistently(written) == better


def test_init_writes_a_starter_that_checks_clean(tmp_path: Path) -> None:
    result = goallint("init", tmp_path / "plans")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plans" / "goals.okr").read_text(encoding="utf-8") == EXAMPLE
    assert (tmp_path / "plans" / "goallint.toml").read_text(encoding="utf-8").startswith("# goallint")
    assert goallint("check", ".", cwd=tmp_path / "plans").returncode == 0


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "goals.okr").write_text("mine\n", encoding="utf-8")
    refused = goallint("init", cwd=tmp_path)
    assert refused.returncode == 2
    assert "goals.okr already exists; use --force" in refused.stderr
    assert (tmp_path / "goals.okr").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "goallint.toml").exists()
    assert goallint("init", "--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "goals.okr").read_text(encoding="utf-8") == EXAMPLE
