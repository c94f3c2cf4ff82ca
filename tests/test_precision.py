"""Each rule's precision and recall on the labelled sets stay where bench/precision.py recorded
them (src/goallint/rule_precision.json, the figures `goallint explain` shows): a rule whose F1
on a set drops by more than 0.05 fails here. Re-record with `bench/precision.py --record` when a
change makes a rule better, and say why in the commit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from goallint.measured import FIGURES, explain_lines, figures

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 0.05


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("precision_bench", ROOT / "bench" / "precision.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> dict[str, dict[str, Any]]:
    """{set: {rule: Tally}} for every labelled set present (the shared corpus only beside ../shared)."""
    bench = _bench()
    check = bench._checker()
    out: dict[str, dict[str, Any]] = {}
    for name, kind, rows in bench.labelled_sets(holdout=True):
        out[name] = bench.SCORERS[kind](rows, check)
    return out


def _recorded() -> list[tuple[str, str, dict[str, Any]]]:
    rules = sorted(figures()["rules"].items())
    return [(rule, name, row) for rule, sets in rules for name, row in sorted(sets.items())]


def test_figures_are_recorded_for_the_project_s_own_sets() -> None:
    sets = {name for _, name, _ in _recorded()}
    assert {"dev", "holdout", "holdout2", "written", "documents", "kpis"} <= sets, FIGURES


@pytest.mark.parametrize(("rule", "name", "row"), _recorded(), ids=lambda x: x if isinstance(x, str) else "")
def test_f1_does_not_drop(measured: dict[str, dict[str, Any]], rule: str, name: str, row: dict[str, Any]) -> None:
    if name not in measured:
        pytest.skip(f"the {name} set is not here (../shared/corpus is beside a checkout only)")
    now = measured[name].get(rule)
    assert now is not None, f"{rule} is no longer scored on {name}"
    said = (f"{rule} on {name}: now TP {now.tp} FP {now.fp} FN {now.fn}, "
            f"recorded TP {row['tp']} FP {row['fp']} FN {row['fn']}")
    if row["f1"] is not None:
        assert now.f1 is not None and now.f1 >= row["f1"] - TOLERANCE, said
    if row["precision"] is not None:
        assert now.precision is not None and now.precision >= row["precision"] - TOLERANCE, said
    else:  # a rule silent on the set stays (nearly) silent
        assert now.fp <= 1, said


def test_explain_shows_the_measured_figures() -> None:
    from click.testing import CliRunner

    from goallint.cli import main

    shown = CliRunner().invoke(main, ["explain", "task-not-outcome"]).output
    lines = explain_lines("task-not-outcome")
    assert lines[0].startswith("Measured") and all(line in shown for line in lines)
    assert any("precision" in line and "recall" in line and "held out until the end" in line for line in lines)
    assert explain_lines("no-such-rule") == []
