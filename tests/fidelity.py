"""Score the statement parser against hand-labelled statements (tests/data/statements.jsonl).

The labels follow ../shared/corpus/LABELS.md: seven fields a statement, "*" where a careful
reader could go either way (not scored). `python tests/fidelity.py [--verbose]` prints the
figures; tests/test_statements.py holds them to a floor.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goallint.model import KPI, KeyResult
from goallint.syntax import parse_document

DATA = Path(__file__).parent / "data" / "statements.jsonl"
FIELDS = ("direction", "baseline", "target", "change", "unit", "deadline", "type")


def load(path: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parse_one(row: dict[str, Any]) -> KeyResult | KPI:
    """Parse a row as a one-statement document with the row's own period."""
    text = " ".join(row["text"].split())
    period = row.get("period") or ""
    if row["kind"] == "kpi":
        document = parse_document(f"period: {period}\nKPI: {text}\n", "row.okr")
        return document.kpis[0]
    document = parse_document(f"period: {period}\nObjective: Row\n  KR: {text}\n", "row.okr")
    return document.objectives[0].key_results[0]


def unit_class(unit: str | None) -> str | None:
    if unit is None:
        return None
    if unit in ("%", "pp", "USD", "EUR", "GBP"):
        return unit
    return "other"


def predicted(item: KeyResult | KPI) -> dict[str, Any]:
    measure = item.measure
    main = measure.target or measure.change or measure.baseline
    return {
        "direction": measure.direction,
        "baseline": measure.baseline.value if measure.baseline else None,
        "target": measure.target.value if measure.target else None,
        "change": measure.change.value if measure.change else None,
        "unit": (unit_class(main.unit) or "other") if main else None,
        "deadline": item.deadline,
        "type": item.kind,
    }


def is_right(name: str, gold: Any, guess: Any) -> bool:
    if name in ("baseline", "target", "change"):
        if gold is None or guess is None:
            return gold is None and guess is None
        return math.isclose(float(gold), float(guess), rel_tol=1e-6)
    if name == "unit":
        return gold == guess or (gold in ("%", "other") and guess == "pp")
    if name == "deadline":
        if isinstance(gold, str):
            return guess is not None and guess.date == gold
        return bool(gold) == (guess is not None)
    return bool(gold == guess)


@dataclass
class Score:
    statements: int = 0
    wholly_right: int = 0
    fields: int = 0
    fields_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def statement_share(self) -> float:
        return self.wholly_right / self.statements if self.statements else 0.0

    @property
    def field_share(self) -> float:
        return self.fields_right / self.fields if self.fields else 0.0


def score(rows: list[dict[str, Any]]) -> Score:
    result = Score()
    for row in rows:
        guess = predicted(parse_one(row))
        whole = True
        for name in FIELDS:
            gold = row["gold"][name]
            if gold == "*":
                continue
            ok = is_right(name, gold, guess[name])
            result.fields += 1
            result.fields_right += ok
            if not ok:
                whole = False
                shown = guess[name].date or "(no date)" if name == "deadline" and guess[name] else guess[name]
                result.misses.append(f"{row['id']} {name}: gold={gold!r} got={shown!r} :: {row['text'][:100]}")
        result.statements += 1
        result.wholly_right += whole
    return result


if __name__ == "__main__":
    outcome = score(load())
    if "--verbose" in sys.argv:
        print("\n".join(outcome.misses))
    print(
        f"{outcome.statement_share:.1%} of {outcome.statements} statements wholly right, "
        f"{outcome.field_share:.1%} of {outcome.fields} fields"
    )
