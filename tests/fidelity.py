"""Score the statement parser against hand-labelled statements in tests/data/.

Sets labelled by ../shared/corpus/LABELS.md (seven fields a statement, "*" where a careful reader
could go either way, and the metric):
- `statements.jsonl`: the long-standing set (corpus statements and our own cases);
- `statements_tune.jsonl`: real statements gathered for the reading issue, tuned on;
- `statements_heldout.jsonl`, `statements_heldout2.jsonl` to `statements_heldout14.jsonl` and
  `statements_heldout16.jsonl`: real statements from other organisations, labelled and committed
  before goallint read them, each scored once blind (the figures are in tests/test_statements.py)
  and only then tuned on. A slice that has been tuned on no longer says how goallint reads text it
  has not seen: gather a new one for that, and move the old one to `statements_tune.jsonl` with its
  provenance.
- `statements_heldout15.jsonl`: the round's final slice, gathered by someone who changed no code,
  scored once at the end of that round, then tuned on (by class) in the next.
- `statements_heldout18.jsonl`: real key results and KPIs of companies (retail, manufacturing, SaaS,
  a design agency), universities, housing, a food bank and a YMCA, labelled and committed before
  goallint read them, scored once blind (the figure is in tests/test_statements.py), then tuned on.
- `statements_heldout17.jsonl`: a round's final slice (companies, public bodies, charities),
  gathered by someone who changed no code, scored once at the end of that round, then tuned on
  (by class) in the next.
- `statements_heldout19.jsonl`: the next round's final slice (75 statements of 24 organisations:
  governments, transport and library services, companies, charities), gathered by someone who
  changed no code and scored once blind by the integrator (the figure is in
  tests/test_statements.py), then tuned on by class; no longer blind.
- `statements_heldout20.jsonl`: 75 statements of 31 organisations new to the data (banks, rail,
  libraries, airports, public bodies, charities), gathered beside the nineteenth by someone who
  changed no code and scored once blind at the end of the session that tuned the nineteenth, then
  tuned on by class in the next session; no longer blind.
- `statements_heldout21.jsonl` and `statements_heldout22.jsonl`: 80 and 78 statements of organisations
  new to the data (Indian, Nigerian, Kenyan, Tanzanian and Singaporean public bodies, Indian and
  European companies, an open-source messenger, United Ways, hospices, universities), gathered by
  helpers who changed no code, kept apart while heldout20 was tuned on, and scored at that session's
  end (heldout21 also at its start). heldout21 was then tuned on by general mechanism (no longer
  blind); heldout22 is the validation set: never tuned on, its texts and per-item misses unread, a
  reading change kept only if its aggregate figures rose. `tests/data/relabel/` holds heldout21
  labelled a second time, independently (docs/label-agreement.md).
- `statements_heldout23.jsonl`: 93 key results and measures of 27 organisations new to the data (a
  state IT agency's OKR export, open-source foundations' OKRs, US and Australian councils, school
  districts, land trusts, UK charities), gathered by a helper who changed no code, kept apart the
  whole session that tuned heldout21 against heldout22 and scored at its start and end: 69 of 93
  both times (no field moved); two general fixes after that (a decimal without its zero, a role
  label before a colon) make it 71. Blind until then; open for tuning in the next round.

`python tests/fidelity.py [--verbose] [SET…]` prints each set's figures (default: all);
tests/test_statements.py holds them to floors.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goallint.model import KPI, KeyResult
from goallint.syntax import parse_document

DATA_DIR = Path(__file__).parent / "data"
DATA = DATA_DIR / "statements.jsonl"
SETS = {
    "labelled": DATA,
    "tune": DATA_DIR / "statements_tune.jsonl",
    "heldout": DATA_DIR / "statements_heldout.jsonl",
    "heldout2": DATA_DIR / "statements_heldout2.jsonl",
    "heldout3": DATA_DIR / "statements_heldout3.jsonl",
    "heldout4": DATA_DIR / "statements_heldout4.jsonl",
    "heldout5": DATA_DIR / "statements_heldout5.jsonl",
    "heldout6": DATA_DIR / "statements_heldout6.jsonl",
    "heldout7": DATA_DIR / "statements_heldout7.jsonl",
    "heldout8": DATA_DIR / "statements_heldout8.jsonl",
    "heldout9": DATA_DIR / "statements_heldout9.jsonl",
    "heldout10": DATA_DIR / "statements_heldout10.jsonl",
    "heldout11": DATA_DIR / "statements_heldout11.jsonl",
    "heldout12": DATA_DIR / "statements_heldout12.jsonl",
    "heldout13": DATA_DIR / "statements_heldout13.jsonl",
    "heldout14": DATA_DIR / "statements_heldout14.jsonl",
    "heldout15": DATA_DIR / "statements_heldout15.jsonl",
    "heldout16": DATA_DIR / "statements_heldout16.jsonl",
    "heldout17": DATA_DIR / "statements_heldout17.jsonl",
    "heldout18": DATA_DIR / "statements_heldout18.jsonl",
    "heldout19": DATA_DIR / "statements_heldout19.jsonl",
    "heldout20": DATA_DIR / "statements_heldout20.jsonl",
    "heldout21": DATA_DIR / "statements_heldout21.jsonl",
    "heldout22": DATA_DIR / "statements_heldout22.jsonl",
    "heldout23": DATA_DIR / "statements_heldout23.jsonl",
}
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
        "metric": measure.metric,
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


_METRIC_DROP = frozenset({"a", "an", "the", "of", "our", "in", "for", "to", "by"})


def metric_words(phrase: str) -> list[str]:
    """As ../shared/corpus/score_parse.py: lowercase, punctuation out, a few small words out,
    a trailing "s" cut."""
    words = []
    for word in re.sub(r"[^\w\s]", " ", phrase.lower()).split():
        if word in _METRIC_DROP:
            continue
        if len(word) > 2 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.append(word)
    return words


def metric_right(gold: str | None, guess: str | None) -> bool:
    """Right when both are empty, or the token F1 of the two phrases is at least 0.6."""
    if gold is None:
        return not (guess or "").strip()
    if not guess or not guess.strip():
        return False
    expected, found = metric_words(gold), metric_words(guess)
    if not expected or not found:
        return expected == found
    common = sum((Counter(expected) & Counter(found)).values())
    return 10 * common >= 3 * (len(expected) + len(found))


@dataclass
class Score:
    statements: int = 0
    wholly_right: int = 0
    fields: int = 0
    fields_right: int = 0
    metrics: int = 0
    metrics_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def statement_share(self) -> float:
        return self.wholly_right / self.statements if self.statements else 0.0

    @property
    def field_share(self) -> float:
        return self.fields_right / self.fields if self.fields else 0.0

    @property
    def metric_share(self) -> float:
        return self.metrics_right / self.metrics if self.metrics else 0.0

    def summary(self) -> str:
        return (
            f"{self.statement_share:.1%} of {self.statements} statements wholly right, "
            f"{self.field_share:.1%} of {self.fields} fields, metric {self.metric_share:.1%} of {self.metrics}"
        )


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
        gold_metric = row["gold"].get("metric", "*")
        if gold_metric != "*":
            ok = metric_right(gold_metric, guess["metric"])
            result.metrics += 1
            result.metrics_right += ok
            if not ok:
                result.misses.append(
                    f"{row['id']} metric: gold={gold_metric!r} got={guess['metric']!r} :: {row['text'][:100]}"
                )
    return result


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if not a.startswith("-")] or list(SETS)
    for name in names:
        outcome = score(load(SETS[name]))
        if "--verbose" in sys.argv:
            print("\n".join(outcome.misses))
        print(f"{name}: {outcome.summary()}")
