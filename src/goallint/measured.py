"""How often each built-in rule is right on real goals: the figures `bench/precision.py --record`
measured on hand-labelled key results and documents, as `goallint explain` and docs/rules.md
show them. The figures live in `rule_precision.json` beside this module; tests/test_precision.py
fails when a rule's F1 drops more than 0.05 below them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

FIGURES = Path(__file__).resolve().parent / "rule_precision.json"

# Each labelled set, in the order shown, and what it is.
SETS = {
    "holdout2": "real key results of organisations held out until the end",
    "holdout": "real key results of organisations held out, later used to fix rules",
    "dev": "real key results the rules were tuned on",
    "corpus": "real key results of the shared corpus",
    "documents": "whole real OKR pages",
    "kpis": "real KPI statements",
    "written": "cases written on purpose, for the arithmetic",
}


@cache
def figures() -> dict[str, Any]:
    """{"measured_on": {set: size}, "rules": {rule: {set: {labelled, tp, fp, fn, precision, recall, f1}}}}."""
    try:
        loaded: dict[str, Any] = json.loads(FIGURES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"measured_on": {}, "rules": {}}
    return loaded


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def explain_lines(rule: str) -> list[str]:
    """What `goallint explain` says of a rule's measured precision and recall; none for a rule
    never measured (a plugin's, or one no labelled set exercises)."""
    measured = figures()["rules"].get(rule)
    if not measured:
        return []
    sizes = figures()["measured_on"]
    lines = ["Measured by bench/precision.py on goals labelled by hand:"]
    for name, what in SETS.items():
        row = measured.get(name)
        if row is not None:
            lines.append(f"  {sizes.get(name, '?')} {what}: {_verdict(row)}")
    return lines


def _verdict(row: dict[str, Any]) -> str:
    findings, to_find = row["tp"] + row["fp"], row["tp"] + row["fn"]
    said = []
    if findings:
        said.append(f"precision {_ratio(row['precision'])} ({row['tp']} of {findings} findings right)")
    if to_find:
        said.append(f"recall {_ratio(row['recall'])} ({row['tp']} of {to_find} found)")
    return ", ".join(said) or "no findings, none expected"


def table() -> str:
    """The per-rule table of docs/rules.md: each labelled set, each rule it exercises."""
    sizes = figures()["measured_on"]
    out: list[str] = []
    for name, what in SETS.items():
        rows = [(rule, sets[name]) for rule, sets in sorted(figures()["rules"].items()) if name in sets]
        if not rows:
            continue
        out += ["", f"**{name}**: {sizes.get(name, '?')} {what}", "",
                "| rule | labelled | TP | FP | FN | precision | recall | F1 |", "|---|---|---|---|---|---|---|---|"]
        for rule, row in rows:
            out.append(f"| {rule} | {row['labelled']} | {row['tp']} | {row['fp']} | {row['fn']} | "
                       f"{_ratio(row['precision'])} | {_ratio(row['recall'])} | {_ratio(row['f1'])} |")
    return "\n".join(out).lstrip("\n")
