"""Whole planning documents, checked through the console script: the expected rule names at the
expected lines, and nothing on good goals (tests/data/plans/README.md says how to add one)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from harness import goallint

PLANS = Path(__file__).parent / "data" / "plans"
# each entry is checked in one run: a file alone, a folder as a set of plans
ENTRIES = sorted(p for p in PLANS.iterdir() if p.is_dir() or (p.suffix in (".okr", ".md") and p.name != "README.md"))


def expected(document: Path) -> set[tuple[int, str]]:
    sidecar = document.with_suffix(".expect")
    if not sidecar.exists():
        return set()
    found = set()
    for line in sidecar.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            number, rule = line.split()
            found.add((int(number), rule))
    return found


def documents(entry: Path) -> list[Path]:
    return sorted(entry.rglob("*.okr")) if entry.is_dir() else [entry]


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda entry: entry.name)
def test_plan_findings_are_exactly_the_expected_ones(entry: Path) -> None:
    result = goallint("check", entry, "--output-format", "json", "--no-cache")
    findings = json.loads(result.stdout)
    for document in documents(entry):
        got = {(f["span"]["start"]["line"], f["rule"]) for f in findings if Path(f["path"]) == document}
        assert got == expected(document), document.name
    assert result.returncode == (1 if findings else 0)


def test_every_expectation_names_a_document() -> None:
    for sidecar in PLANS.rglob("*.expect"):
        assert [p for p in sidecar.parent.glob(sidecar.stem + ".*") if p.suffix != ".expect"], sidecar
