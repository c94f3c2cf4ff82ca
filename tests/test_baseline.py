"""Baselines: record today's findings, then report only new ones, even after lines move."""

from __future__ import annotations

import json
from pathlib import Path

from harness import goallint, write

# kr-count on the objective, missing-baseline on the key result
PLAN = "period: 2026-Q3\nObjective: Delight customers\n  KR: Lift NPS to 50\n"


def record(root: Path, *files: str) -> Path:
    # only the two rules PLAN is written for, whatever rules are added later
    write(root, {"goallint.toml": "select = ['kr-count', 'missing-baseline']\n"})
    baseline = root / "goallint-baseline.json"
    result = goallint("check", *files, "--write-baseline", baseline, cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return baseline


def rules_reported(root: Path, *files: str, baseline: Path) -> list[str]:
    result = goallint("check", *files, "--baseline", baseline, "--output-format", "json", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [f"{f['path']}:{f['span']['start']['line']} {f['rule']}" for f in json.loads(result.stdout)]


def test_the_baseline_records_path_rule_fingerprint_and_occurrence_not_lines(tmp_path: Path) -> None:
    write(tmp_path, {"plans/q3.okr": PLAN})
    baseline = record(tmp_path, "plans/q3.okr")
    recorded = json.loads(baseline.read_text(encoding="utf-8"))
    assert recorded["version"] == 1
    assert [(e["path"], e["rule"], e["occurrence"]) for e in recorded["findings"]] == [
        ("plans/q3.okr", "kr-count", 0),
        ("plans/q3.okr", "missing-baseline", 0),
    ]
    assert all(set(entry) == {"path", "rule", "fingerprint", "occurrence"} for entry in recorded["findings"])


def test_writing_a_baseline_says_how_many_it_recorded_and_exits_0(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN, "goallint.toml": "select = ['kr-count', 'missing-baseline']\n"})
    result = goallint("check", "plan.okr", "--write-baseline", "base.json", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "goallint: recorded 2 findings in base.json\n")


def test_findings_in_the_baseline_are_not_reported(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    baseline = record(tmp_path, "plan.okr")
    result = goallint("check", "plan.okr", "--baseline", baseline, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "No problems found.\n")


def test_the_baseline_survives_lines_inserted_above(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    baseline = record(tmp_path, "plan.okr")
    write(tmp_path, {"plan.okr": "title: Growth\nowner: Growth team\n\n# reviewed in July\n" + PLAN})
    assert rules_reported(tmp_path, "plan.okr", baseline=baseline) == []


def test_a_new_finding_is_reported(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    baseline = record(tmp_path, "plan.okr")
    write(tmp_path, {"plan.okr": PLAN + "  KR: Cut churn to 3%\n"})
    assert rules_reported(tmp_path, "plan.okr", baseline=baseline) == ["plan.okr:4 missing-baseline"]


def test_changing_the_flagged_line_makes_its_finding_new(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    baseline = record(tmp_path, "plan.okr")
    write(tmp_path, {"plan.okr": PLAN.replace("Delight customers", "Delight our customers")})
    assert rules_reported(tmp_path, "plan.okr", baseline=baseline) == ["plan.okr:2 kr-count"]


def test_identical_lines_are_told_apart_by_their_occurrence(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN + "  KR: Lift NPS to 50\n"})
    baseline = record(tmp_path, "plan.okr")
    write(tmp_path, {"plan.okr": PLAN + "  KR: Lift NPS to 50\n" * 2})
    assert rules_reported(tmp_path, "plan.okr", baseline=baseline) == ["plan.okr:5 missing-baseline"]


def test_paths_are_relative_to_the_baseline_so_any_directory_can_use_it(tmp_path: Path) -> None:
    write(tmp_path, {"plans/q3.okr": PLAN})
    baseline = record(tmp_path, "plans/q3.okr")
    assert rules_reported(tmp_path / "plans", "q3.okr", baseline=baseline) == []


def test_the_baseline_is_per_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.okr": PLAN, "b.okr": PLAN})
    baseline = record(tmp_path, "a.okr")
    reported = rules_reported(tmp_path, "a.okr", "b.okr", baseline=baseline)
    assert reported == ["b.okr:2 kr-count", "b.okr:3 missing-baseline"]


def test_a_missing_baseline_exits_2_naming_it(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN})
    result = goallint("check", "plan.okr", "--baseline", "nope.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "goallint: nope.json: no such baseline file (write one with --write-baseline)\n"


def test_a_file_that_is_not_a_baseline_exits_2(tmp_path: Path) -> None:
    write(tmp_path, {"plan.okr": PLAN, "base.json": '{"findings": "all of them"}'})
    result = goallint("check", "plan.okr", "--baseline", "base.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("goallint: base.json: is not a goallint baseline (")
