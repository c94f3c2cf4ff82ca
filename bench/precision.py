"""Each rule's precision and recall on labelled goals: labelled cases, TP, FP, FN, P, R, F1.

    .venv/bin/python bench/precision.py              # every labelled set but the held-out one
    .venv/bin/python bench/precision.py --holdout    # the held-out slice too (score it at the end)
    .venv/bin/python bench/precision.py --verbose    # and list each false positive and negative
    .venv/bin/python bench/precision.py --record     # write the figures goallint explain shows

Labelled sets (tests/data/rules/README.md says how each was made):

- `corpus`: ../shared/corpus/rules_gold.jsonl, 150 real key results, when ../shared is present;
- `dev`: tests/data/rules/key_results.jsonl, the real key results rules may be tuned on;
- `holdout`, `holdout2`: the same file's held-out slices (organisations never tuned on; README says
  which is still clean);
- `written`: tests/data/rules/written_cases.jsonl, cases written on purpose for the arithmetic rules;
- `documents`: tests/data/rules/documents.jsonl, whole real documents labelled for the rules that
  judge an objective's or a plan's key results together (kr-count, objective-count, duplicate-statement);
- `kpis`: tests/data/rules/kpis.jsonl, real KPI statements labelled for the KPI rules.

A statement-level set is scored the way ../shared/corpus/score_rules.py scores it: one plan
(`period: 2026-Q3`, objectives of four key results, one key result a line), each finding matched
to the key result on its line; task-not-outcome, which goallint reports on the objective, is
scored on a second plan in which each key result has an objective of its own. A `"*"` label is
a judgement call and is skipped. goallint runs in this process, with its built-in rules only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "rules"
SHARED_GOLD = Path(os.environ.get("GOALLINT_SHARED_CORPUS", ROOT.parent / "shared" / "corpus")) / "rules_gold.jsonl"
RECORD = ROOT / "src" / "goallint" / "rule_precision.json"

STATEMENT_RULES = [
    "kr-not-measurable", "missing-baseline", "missing-deadline", "direction-contradiction", "no-change",
    "unit-mismatch", "percent-of-percent", "multiple-metrics", "task-not-outcome", "maintain-kr",
    "low-ambition", "vague-language",
]
PER_OBJECTIVE = "task-not-outcome"
KRS_PER_OBJECTIVE = 4
GOAL_PRECISION, GOAL_RECALL, MIN_FINDINGS = 0.90, 0.80, 5

# the same key-result lines score_rules.py writes, so that both score the same documents
OWN_LABEL = re.compile(r"^(?:KR|Key\s*Results?)\s*#?\s*\d*\s*[:.)\-\u2013\u2014]", re.IGNORECASE)
OWNER_LABEL = re.compile(r"^[^:\s][^:]{0,100}?\s(?:KR|Key\s*Result)\s*\d*\s*:", re.IGNORECASE)


@dataclass
class Tally:
    """One rule on one labelled set."""

    rule: str
    labelled: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Any, hit: bool, what: str) -> None:
        if gold == "*" or gold is None:
            return
        self.labelled += 1
        if gold is True and hit:
            self.tp += 1
        elif gold is True:
            self.fn += 1
            self.false_negatives.append(what)
        elif hit:
            self.fp += 1
            self.false_positives.append(what)


def _checker() -> Any:
    """A function from (text, name) to findings, with goallint's built-in rules and defaults."""
    from goallint.checking import check_text
    from goallint.config import Config
    from goallint.engine.plugins import load_plugins

    plugins = load_plugins(include_installed=False)
    config = Config(directory=ROOT)

    def check(text: str, name: str) -> list[Any]:
        return check_text(text, name, config, plugins)[1]

    return check


def kr_line(text: str) -> str:
    t = " ".join(str(text).split())
    if OWN_LABEL.match(t):
        return "  " + t
    if OWNER_LABEL.match(t):
        return "  - " + t
    return "  KR: " + t


def build_plan(rows: Sequence[dict[str, Any]], per_objective: int) -> tuple[str, dict[int, int], dict[int, list[int]]]:
    """The plan text, {line: row} of its key results and {line: [rows]} of its objectives."""
    lines = ["period: 2026-Q3", "owner: Evaluation", ""]
    kr_at: dict[int, int] = {}
    objective_at: dict[int, list[int]] = {}
    current = 0
    for i, row in enumerate(rows):
        if i % per_objective == 0:
            if i:
                lines.append("")
            lines.append(f"Objective: Evaluation objective number {i // per_objective + 1}")
            current = len(lines)
            objective_at[current] = []
        lines.append(kr_line(row["text"]))
        kr_at[len(lines)] = i
        objective_at[current].append(i)
    return "\n".join(lines) + "\n", kr_at, objective_at


def score_statements(rows: Sequence[dict[str, Any]], check: Any) -> dict[str, Tally]:
    text, kr_at, _ = build_plan(rows, KRS_PER_OBJECTIVE)
    flagged: list[set[str]] = [set() for _ in rows]
    for finding in check(text, "rules_eval.okr"):
        i = kr_at.get(finding.span.start.line)
        if i is not None and finding.rule in STATEMENT_RULES and finding.rule != PER_OBJECTIVE:
            flagged[i].add(finding.rule)
    text, _, objective_at = build_plan(rows, 1)
    for finding in check(text, "rules_eval_one.okr"):
        if finding.rule == PER_OBJECTIVE and finding.span.start.line in objective_at:
            for i in objective_at[finding.span.start.line]:
                flagged[i].add(PER_OBJECTIVE)
    tallies = {rule: Tally(rule) for rule in STATEMENT_RULES}
    for row, hits in zip(rows, flagged, strict=True):
        for rule, tally in tallies.items():
            tally.add(row["should_flag"].get(rule, "*"), rule in hits, f"{row.get('id', '?')}: {row['text']}")
    return tallies


def score_documents(rows: Sequence[dict[str, Any]], check: Any) -> dict[str, Tally]:
    """Whole documents: each row names a file and, per rule, the lines a finding should start on
    (`flag`), the lines where one would be wrong (`quiet`) and the judgement calls (`maybe`).
    A finding on a line in none of them counts as a false positive."""
    tallies: dict[str, Tally] = {}
    for row in rows:
        path = ROOT / row["file"]
        findings = check(path.read_text(encoding="utf-8"), str(path))
        for rule, lines in row["labels"].items():
            tally = tallies.setdefault(rule, Tally(rule))
            found = {f.span.start.line for f in findings if f.rule == rule}
            flag, maybe = set(lines.get("flag", [])), set(lines.get("maybe", []))
            for line in sorted(flag | set(lines.get("quiet", [])) | (found - maybe)):
                tally.add(line in flag, line in found, f"{row['file']}:{line}")
    return tallies


def score_kpis(rows: Sequence[dict[str, Any]], check: Any) -> dict[str, Tally]:
    """KPI statements, one `KPI: <text>` line each in one plan with a period."""
    lines = ["period: 2026-Q3", "owner: Evaluation", ""]
    at: dict[int, int] = {}
    for i, row in enumerate(rows):
        lines.append("KPI: " + " ".join(row["text"].split()))
        at[len(lines)] = i
    flagged: list[set[str]] = [set() for _ in rows]
    for finding in check("\n".join(lines) + "\n", "kpis_eval.okr"):
        if finding.span.start.line in at:
            flagged[at[finding.span.start.line]].add(finding.rule)
    rules = sorted({rule for row in rows for rule in row["should_flag"]})
    tallies = {rule: Tally(rule) for rule in rules}
    for row, hits in zip(rows, flagged, strict=True):
        for rule, tally in tallies.items():
            tally.add(row["should_flag"].get(rule, "*"), rule in hits, f"{row['id']}: {row['text']}")
    return tallies


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_sets(holdout: bool) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(name, kind, rows) of every set present."""
    sets: list[tuple[str, str, list[dict[str, Any]]]] = []
    if SHARED_GOLD.is_file():
        sets.append(("corpus", "statements", read_jsonl(SHARED_GOLD)))
    real = read_jsonl(DATA / "key_results.jsonl")
    sets.append(("dev", "statements", [r for r in real if r["slice"] == "dev"]))
    if holdout:
        sets += [(name, "statements", [r for r in real if r["slice"] == name]) for name in ("holdout", "holdout2")]
    sets.append(("written", "statements", read_jsonl(DATA / "written_cases.jsonl")))
    sets.append(("documents", "documents", read_jsonl(DATA / "documents.jsonl")))
    sets.append(("kpis", "kpis", read_jsonl(DATA / "kpis.jsonl")))
    return sets


def _fmt(value: float | None) -> str:
    return " n/a" if value is None else f"{value:.2f}"


def table(name: str, rows: int, tallies: Iterable[Tally]) -> list[str]:
    unit = {"documents": "documents", "kpis": "KPIs"}.get(name, "key results")
    out = [f"{name} ({rows} labelled {unit})",
           f"  {'rule':<24} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'P':>5} {'R':>5} {'F1':>5}"]
    total = Tally("all")
    for t in tallies:
        if not t.labelled:
            continue
        total.labelled += t.labelled
        total.tp, total.fp, total.fn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn
        out.append(f"  {t.rule:<24} {t.labelled:>5} {t.tp:>4} {t.fp:>4} {t.fn:>4} "
                   f"{_fmt(t.precision):>5} {_fmt(t.recall):>5} {_fmt(t.f1):>5}")
    out.append(f"  {'micro (all rules)':<24} {total.labelled:>5} {total.tp:>4} {total.fp:>4} {total.fn:>4} "
               f"{_fmt(total.precision):>5} {_fmt(total.recall):>5} {_fmt(total.f1):>5}")
    return out


def goal_line(tallies: dict[str, Tally]) -> str:
    """score_rules.py's goal: every rule with >= 5 findings at precision >= 0.90, micro recall >= 0.80."""
    below = [t.rule for t in tallies.values() if t.tp + t.fp >= MIN_FINDINGS and (t.precision or 0) < GOAL_PRECISION]
    tp = sum(t.tp for t in tallies.values())
    fn = sum(t.fn for t in tallies.values())
    recall = tp / (tp + fn) if tp + fn else 0.0
    ok = not below and recall >= GOAL_RECALL
    return (f"  goal {'met' if ok else 'NOT met'}: rules with >= {MIN_FINDINGS} findings below "
            f"{GOAL_PRECISION:.2f} precision: [{', '.join(below)}]; micro recall {recall:.2f}")


def figures(results: dict[str, tuple[int, dict[str, Tally]]]) -> dict[str, Any]:
    """{rule: {set: {labelled, tp, fp, fn, precision, recall, f1}}}, what `goallint explain` shows."""
    out: dict[str, Any] = {}
    for name, (_, tallies) in results.items():
        for t in tallies.values():
            if not t.labelled:
                continue
            out.setdefault(t.rule, {})[name] = {
                "labelled": t.labelled, "tp": t.tp, "fp": t.fp, "fn": t.fn,
                **{k: None if v is None else round(v, 2) for k, v in
                   (("precision", t.precision), ("recall", t.recall), ("f1", t.f1))},
            }
    return out


SCORERS = {"statements": score_statements, "documents": score_documents, "kpis": score_kpis}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--holdout", action="store_true", help="score the held-out slice too")
    parser.add_argument("--verbose", action="store_true", help="list the false positives and negatives")
    parser.add_argument("--record", action="store_true", help=f"write the figures to {RECORD.relative_to(ROOT)}")
    args = parser.parse_args(argv)

    check = _checker()
    results: dict[str, tuple[int, dict[str, Tally]]] = {}
    for name, kind, rows in labelled_sets(args.holdout or args.record):
        tallies = SCORERS[kind](rows, check)
        results[name] = (len(rows), tallies)
        print("\n".join(table(name, len(rows), tallies.values())))
        if name in ("corpus", "dev", "holdout", "holdout2"):
            print(goal_line(tallies))
        if args.verbose:
            for t in tallies.values():
                for what in t.false_positives:
                    print(f"    FP {t.rule}  {what}")
                for what in t.false_negatives:
                    print(f"    FN {t.rule}  {what}")
        print()
    if args.record:
        record = {"measured_on": {name: size for name, (size, _) in results.items()}, "rules": figures(results)}
        RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {RECORD.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
