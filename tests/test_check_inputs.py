"""What `goallint check` reads: the files under a directory, and the limit on a file's size."""

from __future__ import annotations

import json
from pathlib import Path

from harness import CLEAN_PLAN, goallint, write

KR_COUNT_PLAN = "Objective: Grow the business\n  KR: Increase retention from 70% to 80% by end of Q3 2026\n"


def checked_files(root: Path, *args: str) -> set[str]:
    result = goallint("check", ".", "--output-format", "json", "--no-cache", *args, cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return {Path(finding["path"]).as_posix() for finding in json.loads(result.stdout)}


def test_a_directory_gives_goal_documents_and_markdown_that_mentions_goals(tmp_path: Path) -> None:
    write(tmp_path, {
        "plans/team.okr": KR_COUNT_PLAN,
        "plans/handbook.md": "# Team OKRs\n\n## Objective: Grow the business\n\n- KR: Raise NPS from 30 to 45\n",
        "plans/notes.markdown": "Some notes.\n\n## O1: Grow the business\n\n- Raise NPS from 30 to 45\n",
        "README.md": "# Our tools\n\nHow to build the site. Objectively, nothing here.\n",
        "CHANGELOG.md": "## 1.2\n\n- Fixed the export\n",
        ".hidden/team.okr": KR_COUNT_PLAN,
        "notes.txt": KR_COUNT_PLAN,
    })
    assert checked_files(tmp_path) == {"plans/team.okr", "plans/handbook.md", "plans/notes.markdown"}


def test_a_markdown_file_named_on_the_command_line_is_always_checked(tmp_path: Path) -> None:
    # no goal words, but a directive that silences nothing: reported only if the file is read
    write(tmp_path, {"docs/README.md": "# Our tools\n\n<!-- goallint: disable=GL101 -->\nHow to build.\n"})
    walked = goallint("check", ".", "--no-cache", cwd=tmp_path)  # nothing found: said, with why, exit 2
    assert (walked.returncode, walked.stdout) == (2, "")
    assert walked.stderr.startswith("goallint: nothing was checked: no goal document found in '.'")
    assert "left out: 1 Markdown file that mentions no objective, key result, OKR or KPI" in walked.stderr
    result = goallint("check", "docs/README.md", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/README.md:3:" in result.stdout and "unused-suppression" in result.stdout


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    write(tmp_path, {"huge.okr": CLEAN_PLAN * 4000, "plan.okr": KR_COUNT_PLAN})  # 1.1 MB
    result = goallint("check", "huge.okr", "plan.okr", "--max-file-size", "1", "--no-cache", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "goallint: huge.okr: is 1.1 MB, more than the 1 MB goallint reads in one file; split it "
        "(one file per team or period), or raise the limit with --max-file-size"
    ]
    assert "plan.okr:1:" in result.stdout  # the other file is still checked
    raised = goallint("check", "huge.okr", "--max-file-size", "2", "--no-cache", cwd=tmp_path)
    assert raised.returncode == 1 and raised.stderr == ""  # read and checked (the copies repeat each other)


def test_standard_input_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    result = goallint("check", "-", "--max-file-size", "0.5", "--no-cache", stdin=CLEAN_PLAN * 2000, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("goallint: <stdin>: is more than the 0.5 MB goallint reads in one file")


def test_only_unreadable_files_print_no_report(tmp_path: Path) -> None:
    result = goallint("check", "missing.okr", "--no-cache", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "goallint: missing.okr: no such file\n"
