"""How often two people labelling the same statements by ../shared/corpus/LABELS.md agree (issue #12).

    python bench/label_agreement.py FIRST.jsonl SECOND.jsonl [--verbose]
    python bench/label_agreement.py --blank SET.jsonl > to_label.jsonl

The first form scores the second labeller's "gold" against the first's with exactly the comparison
tests/fidelity.py uses to score the reader (its FIELDS, is_right and metric_right): a statement is
wholly agreed when all seven fields agree, and "*" in either file skips the field (or the metric),
as a "*" in gold does for the reader. No reader can score higher against one labeller than a
second careful labeller does, so the figures are a ceiling for the reader's. The comparison is not
quite symmetric (a deadline date in the first only agrees with the same date, a plain `true` in the
first agrees with any date), so both directions are printed. --verbose lists each disagreement.

The second form prints each row's id, kind, text, period and source and nothing else, so that a
second labeller can label a set without seeing the first one's labels.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fidelity import FIELDS, Score, is_right, metric_right  # tests/ is put on the path above

BLANK_KEYS = ("id", "kind", "text", "period", "source")


class _Deadline(NamedTuple):
    """A labelled deadline in the shape the reader's deadline has, for is_right: a date or none."""

    date: str | None


def load(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def blank(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows without their labels."""
    return [{key: row.get(key) for key in BLANK_KEYS} for row in rows]


def as_guess(name: str, label: Any) -> Any:
    """A label in the form is_right expects of the reader's value."""
    if name != "deadline":
        return label
    if label is False or label is None:
        return None
    return _Deadline(label if isinstance(label, str) else None)


def _summary(tally: Score) -> str:
    return (
        f"{_share(tally.wholly_right, tally.statements)} wholly ({tally.wholly_right} of {tally.statements}),"
        f" {_share(tally.fields_right, tally.fields)} of fields ({tally.fields_right} of {tally.fields}),"
        f" {_share(tally.metrics_right, tally.metrics)} of metrics ({tally.metrics_right} of {tally.metrics})"
    )


@dataclass
class Agreement:
    # "*" in either file skips the field, as "*" in gold does for the reader
    agreed: Score = field(default_factory=Score)
    # the second file read as a reader's answer: only the first's "*" skips, the second's counts as a miss
    as_reader: Score = field(default_factory=Score)
    starred: int = 0
    metrics_starred: int = 0
    # per field: agreed, compared, skipped for "*"
    per_field: dict[str, list[int]] = field(default_factory=lambda: {name: [0, 0, 0] for name in FIELDS})
    differences: list[str] = field(default_factory=list)
    # fields skipped because one file has "*" and the other a value: where the two labellers differ in doubt
    one_sided: list[str] = field(default_factory=list)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def _same(name: str, mine: Any, theirs: Any) -> bool:
    if name == "metric":
        return metric_right(mine, theirs)
    return is_right(name, mine, as_guess(name, theirs))


def compare(first: list[dict[str, Any]], second: list[dict[str, Any]]) -> Agreement:
    """The second file's labels scored against the first's, statement by statement (by id)."""
    others = {row["id"]: row for row in second}
    result = Agreement()
    for row in first:
        other = others.get(row["id"])
        if other is None:
            result.differences.append(f"{row['id']}: not in the second file")
            continue
        gold, guess = row["gold"], other["gold"]
        whole = reader_whole = True
        for name in (*FIELDS, "metric"):
            mine, theirs = gold.get(name, "*"), guess.get(name, "*")
            if mine == "*":
                agreed = reader_agreed = None
            elif theirs == "*":
                agreed, reader_agreed = None, False
            else:
                agreed = reader_agreed = _same(name, mine, theirs)
            if name == "metric":
                result.metrics_starred += agreed is None
                for tally, ok in ((result.agreed, agreed), (result.as_reader, reader_agreed)):
                    if ok is not None:
                        tally.metrics += 1
                        tally.metrics_right += ok
            else:
                counts = result.per_field[name]
                counts[2] += agreed is None
                counts[1] += agreed is not None
                counts[0] += bool(agreed)
                result.starred += agreed is None
                for tally, ok in ((result.agreed, agreed), (result.as_reader, reader_agreed)):
                    if ok is not None:
                        tally.fields += 1
                        tally.fields_right += ok
                whole = whole and agreed is not False
                reader_whole = reader_whole and reader_agreed is not False
            shown = f"{row['id']} {name}: first={mine!r} second={theirs!r} :: {row['text'][:100]}"
            if agreed is False:
                result.differences.append(shown)
            elif agreed is None and (mine == "*") != (theirs == "*"):
                result.one_sided.append(shown)
        for tally, ok in ((result.agreed, whole), (result.as_reader, reader_whole)):
            tally.statements += 1
            tally.wholly_right += ok
    return result


def report(outcome: Agreement, verbose: bool) -> list[str]:
    lines = []
    if verbose:
        lines += [f"  - {difference}" for difference in outcome.differences]
        lines += [f"  * {difference}" for difference in outcome.one_sided]
    tally = outcome.agreed
    lines += [
        f"  statements wholly agreed: {_share(tally.wholly_right, tally.statements)}"
        f" ({tally.wholly_right} of {tally.statements})",
        f"  fields agreed: {_share(tally.fields_right, tally.fields)} ({tally.fields_right} of {tally.fields};"
        f" {outcome.starred} skipped for '*')",
        f"  metrics agreed: {_share(tally.metrics_right, tally.metrics)} ({tally.metrics_right} of {tally.metrics};"
        f" {outcome.metrics_starred} skipped for '*')",
        f"  '*' in one file only: {len(outcome.one_sided)} fields and metrics (listed with --verbose as '* ...')",
        f"  as a reader (only the first's '*' skips, the second's is a miss): {_summary(outcome.as_reader)}",
        f"  {'field':<10} {'agreed':>7} {'of':>4} {'share':>7} {'skipped':>8}",
    ]
    for name, (agreed, compared, starred) in outcome.per_field.items():
        lines.append(f"  {name:<10} {agreed:>7} {compared:>4} {_share(agreed, compared):>7} {starred:>8}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("files", nargs="+", type=Path, help="FIRST SECOND, or one SET with --blank")
    parser.add_argument("--blank", action="store_true", help="print the rows of one set without their labels")
    parser.add_argument("--verbose", action="store_true", help="list each disagreement")
    args = parser.parse_args(argv)
    if args.blank:
        if len(args.files) != 1:
            parser.error("--blank takes one file")
        for row in blank(load(args.files[0])):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    if len(args.files) != 2:
        parser.error("give two labelled files: FIRST SECOND")
    first_path, second_path = args.files
    first, second = load(first_path), load(second_path)
    for one_path, one, other_path, other in (
        (first_path, first, second_path, second),
        (second_path, second, first_path, first),
    ):
        print(f"{other_path.name} scored against {one_path.name}:")
        print("\n".join(report(compare(one, other), args.verbose)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
