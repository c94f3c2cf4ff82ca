"""bench/label_agreement.py: two labellers' files compared with tests/fidelity.py's own comparison."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "label_agreement.py"


def _gold(**changes: Any) -> dict[str, Any]:
    gold: dict[str, Any] = {
        "direction": "increase", "baseline": 100, "target": 200, "change": None, "unit": "other",
        "deadline": False, "type": "outcome", "metric": "weekly active teams",
    }
    gold.update(changes)
    return gold


def _write(path: Path, golds: list[dict[str, Any]]) -> Path:
    rows = [
        {"id": f"s{number}", "kind": "key_result", "text": f"Statement {number}", "period": "2026",
         "source": "hand-made", "gold": gold}
        for number, gold in enumerate(golds, 1)
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _run(*args: Path | str) -> str:
    result = subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_agreement_both_ways(tmp_path: Path) -> None:
    # s1 agrees wholly; s2 differs in direction and metric; s3 has a "*" on each side (target in the first,
    # unit in the second) and a date against a plain deadline, which agree only one way round
    first = _write(tmp_path / "first.jsonl", [
        _gold(),
        _gold(direction="increase", metric="weekly active teams"),
        _gold(target="*", deadline="2026-06-30", metric="*"),
    ])
    second = _write(tmp_path / "second.jsonl", [
        _gold(),
        _gold(direction="decrease", metric="revenue"),
        _gold(target=10, unit="*", deadline=True, metric="teams"),
    ])
    out = _run(first, second, "--verbose")
    second_on_first, first_on_second = out.split("first.jsonl scored against second.jsonl:")
    assert second_on_first.startswith("second.jsonl scored against first.jsonl:")

    assert "statements wholly agreed: 33.3% (1 of 3)" in second_on_first
    assert "fields agreed: 89.5% (17 of 19; 2 skipped for '*')" in second_on_first
    assert "metrics agreed: 50.0% (1 of 2; 1 skipped for '*')" in second_on_first
    assert "'*' in one file only: 3 fields and metrics" in second_on_first
    assert "as a reader (only the first's '*' skips, the second's is a miss): 33.3% wholly (1 of 3)," \
        " 85.0% of fields (17 of 20), 50.0% of metrics (1 of 2)" in second_on_first
    assert "  - s2 direction: first='increase' second='decrease'" in second_on_first
    assert "  - s2 metric: first='weekly active teams' second='revenue'" in second_on_first
    assert "  - s3 deadline: first='2026-06-30' second=True" in second_on_first
    assert "  * s3 target: first='*' second=10" in second_on_first
    assert "  direction        2    3   66.7%        0" in second_on_first
    assert "  deadline         2    3   66.7%        0" in second_on_first
    assert "  target           2    2  100.0%        1" in second_on_first

    # the other way round a plain `true` agrees with a date, and the first file's "*" is the miss
    assert "statements wholly agreed: 66.7% (2 of 3)" in first_on_second
    assert "fields agreed: 94.7% (18 of 19; 2 skipped for '*')" in first_on_second
    assert "as a reader (only the first's '*' skips, the second's is a miss): 33.3% wholly (1 of 3)," \
        " 90.0% of fields (18 of 20), 33.3% of metrics (1 of 3)" in first_on_second
    assert "s3 deadline" not in first_on_second


def test_blank_prints_no_labels(tmp_path: Path) -> None:
    labelled = _write(tmp_path / "set.jsonl", [_gold(), _gold(direction="decrease")])
    rows = [json.loads(line) for line in _run("--blank", labelled).splitlines()]
    assert [row["id"] for row in rows] == ["s1", "s2"]
    assert all(set(row) == {"id", "kind", "text", "period", "source"} for row in rows)
