"""Inline `goallint: disable` directives in .okr and Markdown, and the unused-suppression rule."""

from __future__ import annotations

from pathlib import Path

from goallint.engine.suppression import find_suppressions
from harness import check_files, goallint, write


def check(tmp_path: Path, text: str, name: str = "plan.okr", config: str | None = None) -> list[tuple[int, str]]:
    """(line, rule) of each finding in a document, checked through the library."""
    write(tmp_path, {name: text, **({"goallint.toml": config} if config is not None else {})})
    return [(line, rule) for _, line, rule in check_files(tmp_path, name)]


# --- .okr -----------------------------------------------------------------------------------------

# kr-count on line 2 (the objective), missing-baseline on line 3
SHORT = "period: 2026-Q3\nObjective: Delight customers\n  KR: Lift NPS to 50\n"


def test_without_directives_both_findings_are_reported(tmp_path: Path) -> None:
    assert check(tmp_path, SHORT) == [(2, "kr-count"), (3, "missing-baseline")]


def test_a_directive_on_its_own_line_silences_the_next_line(tmp_path: Path) -> None:
    text = "period: 2026-Q3\n# goallint: disable=kr-count\nObjective: Delight customers\n  KR: Lift NPS to 50\n"
    assert check(tmp_path, text) == [(4, "missing-baseline")]


def test_blank_lines_and_comments_between_a_directive_and_its_line_are_skipped(tmp_path: Path) -> None:
    text = (
        "period: 2026-Q3\n# goallint: disable=kr-count\n\n# one key result is enough for this one\n"
        "# goallint: disable=GL202\nObjective: Delight customers\n"
        "  # goallint: disable=missing-baseline\n  KR: Lift NPS to 50\n"
    )
    assert check(tmp_path, text) == [(5, "unused-suppression")]  # GL202 reports on line 8, not 6


def test_a_directive_silences_only_its_line(tmp_path: Path) -> None:
    text = "period: 2026-Q3\n# goallint: disable=missing-baseline\nObjective: A\n  KR: Lift NPS to 50\n"
    assert check(tmp_path, text) == [(2, "unused-suppression"), (3, "kr-count"), (4, "missing-baseline")]


def test_a_directive_at_the_end_of_a_line_silences_that_line(tmp_path: Path) -> None:
    text = "period: 2026-Q3\nObjective: Delight customers  # goallint: disable=GL101\n  KR: Lift NPS to 50\n"
    assert check(tmp_path, text) == [(3, "missing-baseline")]


def test_a_directive_names_several_rules_by_name_or_code(tmp_path: Path) -> None:
    text = "period: 2026-Q3\nObjective: A\n  KR: Lift NPS to 50 # goallint: disable=kr-count, GL202\n"
    assert check(tmp_path, text) == [(2, "kr-count"), (3, "unused-suppression")]


def test_disable_file_silences_the_rule_everywhere(tmp_path: Path) -> None:
    text = SHORT + "Objective: Win the mid-market\n  KR: Sign 12 partners\n# goallint: disable-file=kr-count\n"
    assert check(tmp_path, text) == [(3, "missing-baseline")]


def test_a_directive_that_silences_nothing_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": "period: 2026-Q3\n# goallint: disable=direction-contradiction\n" + SHORT[16:]})
    result = goallint("check", "plan.okr", "--select", "GL9", "--select", "GL2", cwd=tmp_path)
    assert (
        "plan.okr:2:1: warning GL901 unused-suppression: This directive disables direction-contradiction, "
        "but direction-contradiction reports nothing on line 3."
    ) in result.stdout.splitlines()
    assert "   2 | # goallint: disable=direction-contradiction" in result.stdout.splitlines()
    assert result.returncode == 1


def test_an_unknown_rule_in_a_directive_suggests_the_rule(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": "# goallint: disable-file=kr-cuont\n" + SHORT})
    result = goallint("check", "plan.okr", "--select", "unused-suppression", cwd=tmp_path)
    assert "There is no rule 'kr-cuont' to disable. Did you mean 'kr-count'?" in result.stdout


def test_a_directive_goallint_cannot_read_is_reported(tmp_path: Path) -> None:
    assert check(tmp_path, "# goallint: disabel=kr-count\n" + SHORT) == [
        (1, "unused-suppression"), (3, "kr-count"), (4, "missing-baseline"),
    ]


def test_a_rule_that_is_not_enabled_makes_its_directive_unused(tmp_path: Path) -> None:
    text = "# goallint: disable-file=kr-count\n" + SHORT
    found = check(tmp_path, text, config="ignore = ['kr-count']\n")
    assert found == [(1, "unused-suppression"), (4, "missing-baseline")]


def test_unused_suppression_follows_the_configuration_like_any_rule(tmp_path: Path) -> None:
    text = "# goallint: disable-file=no-change\n" + SHORT
    found = check(tmp_path, text, config="ignore = ['unused-suppression']\n")
    assert found == [(3, "kr-count"), (4, "missing-baseline")]
    write(tmp_path, {"goallint.toml": "[severity]\nGL901 = 'info'\n"})
    assert "plan.okr:1:1: info GL901 unused-suppression:" in goallint("check", "plan.okr", cwd=tmp_path).stdout


def test_unused_suppression_can_itself_be_silenced(tmp_path: Path) -> None:
    text = "# goallint: disable-file=unused-suppression\n# goallint: disable=no-change\n" + SHORT
    assert check(tmp_path, text) == [(4, "kr-count"), (5, "missing-baseline")]


def test_a_fully_silenced_file_exits_0(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": "# goallint: disable-file=kr-count,missing-baseline\n" + SHORT})
    result = goallint("check", "plan.okr", "--select", "kr-count,missing-baseline", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_directives_in_a_crlf_file(tmp_path: Path) -> None:
    text = "period: 2026-Q3\r\n# goallint: disable=kr-count\r\nObjective: A\r\n"
    text += "  KR: Lift NPS to 50 # goallint: disable=GL202\r\n"
    (tmp_path / "plan.okr").write_bytes(text.encode("utf-8"))
    assert [(line, rule) for _, line, rule in check_files(tmp_path, "plan.okr")] == []


def test_a_directive_with_no_line_after_it_is_reported(tmp_path: Path) -> None:
    assert check(tmp_path, SHORT + "\n# goallint: disable=kr-count\n\n") == [
        (2, "kr-count"), (3, "missing-baseline"), (5, "unused-suppression"),
    ]


def test_a_hash_inside_a_statement_is_not_a_directive() -> None:
    assert find_suppressions("Objective: A\n  Key Result #3: Close issue #726 # goallint-ish\n", "okr") == []


# --- Markdown -----------------------------------------------------------------------------------------

MARKDOWN = """# Growth OKRs

period: 2026-Q3

## Objective 1: Make onboarding effortless

- KR: Lift NPS to 50
"""  # kr-count on line 5, missing-baseline on line 7


def test_markdown_findings_without_directives(tmp_path: Path) -> None:
    assert check(tmp_path, MARKDOWN, "plan.md") == [(5, "kr-count"), (7, "missing-baseline")]


def test_a_markdown_comment_silences_the_next_line(tmp_path: Path) -> None:
    text = MARKDOWN.replace("## Objective 1", "<!-- goallint: disable=kr-count -->\n\n## Objective 1")
    assert check(tmp_path, text, "plan.md") == [(9, "missing-baseline")]


def test_a_markdown_comment_at_the_end_of_a_line_silences_that_line(tmp_path: Path) -> None:
    text = MARKDOWN.replace("to 50", "to 50 <!-- goallint: disable=GL202 -->")
    assert check(tmp_path, text, "plan.md") == [(5, "kr-count")]


def test_a_markdown_disable_file_comment(tmp_path: Path) -> None:
    text = MARKDOWN + "\n<!--\n  goallint: disable-file=kr-count, missing-baseline\n-->\n"
    assert check(tmp_path, text, "plan.md") == []


def test_a_directive_inside_a_code_block_is_an_example_not_a_directive(tmp_path: Path) -> None:
    text = MARKDOWN + "\n```markdown\n<!-- goallint: disable-file=kr-count -->\n```\n"
    assert check(tmp_path, text, "plan.md") == [(5, "kr-count"), (7, "missing-baseline")]


def test_an_unused_markdown_directive_is_reported_where_it_is_written(tmp_path: Path) -> None:
    text = MARKDOWN.replace("- KR", "<!-- goallint: disable=kr-count -->\n- KR")
    write(tmp_path, {"plan.md": text})
    result = goallint("check", "plan.md", "--select", "GL901", "--select", "kr-count", cwd=tmp_path)
    assert (
        "plan.md:7:1: warning GL901 unused-suppression: This directive disables kr-count, "
        "but kr-count reports nothing on line 8."
    ) in result.stdout.splitlines()


def test_a_hash_comment_is_a_heading_in_markdown_not_a_directive() -> None:
    assert find_suppressions("# goallint: disable=kr-count\n", "md") == []
