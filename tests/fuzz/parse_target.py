"""An atheris (libFuzzer) target for the syntax stage: any bytes, read as `.okr` and as Markdown,
must parse without raising, and every span must lie inside the text.

    python tests/fuzz/parse_target.py -max_total_time=60 [corpus_dir]

CI runs it for a bounded time (.ci/run); run it longer by hand. A crash is saved by libFuzzer as
`crash-*` in the current directory, and replayed with `python tests/fuzz/parse_target.py crash-…`.
The seeds are the repository's plans, Markdown pages and labelled statements, so the fuzzer starts
from real goals, and half its mutations splice lines of those pages, keeping a goal document's shape.
The fiscal year's first month follows the input's length, so every month is read too.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared span check
from fuzz.spans import misplaced_spans

# The hook instruments only what is imported inside this block, and parse_document imports its
# readers lazily: every submodule of goallint.syntax is imported here, or coverage sees none of them.
with atheris.instrument_imports(include=["goallint"]):
    import importlib
    import pkgutil

    import goallint.syntax
    from goallint.syntax import parse_document

    for _module in pkgutil.walk_packages(goallint.syntax.__path__, "goallint.syntax."):
        importlib.import_module(_module.name)


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    content = text.removeprefix("\ufeff")
    for path in ("fuzz.okr", "fuzz.md"):
        dumped = parse_document(text, path, fy_start_month=1 + len(data) % 12).model_dump(mode="json")
        misplaced = misplaced_spans(dumped, len(content))
        if misplaced:
            raise AssertionError(f"span {misplaced[0]} outside a text of {len(content)} characters ({path})")


ROOT = Path(__file__).resolve().parents[2]
# Ways a goal line starts in the pages goallint reads: a statement is seeded behind each in turn.
_MARKERS = ("KR 1: ", "KPI: ", "Objective: ", "- **KR1:** ", "1. ", "* KR: ", "## O1: ", "Key result 2 – ", "| ")


def _seed_texts() -> list[tuple[str, str]]:
    """(name, text) seeds from the repository's own test data: the plans, the Markdown pages (whole
    and in windows of 40 lines, so small inputs reach every layout) and the labelled statements
    behind each kind of marker, as `.okr` plans, Markdown lists and table rows."""
    import json

    seeds: list[tuple[str, str]] = []
    plans = sorted((ROOT / "examples").rglob("*.okr")) + sorted((ROOT / "tests" / "data" / "plans").rglob("*.okr"))
    pages = sorted((ROOT / "tests" / "data" / "plans").rglob("*.md")) + sorted(
        (ROOT / "tests" / "data" / "docs" / "tune").glob("*.md")
    )
    for path in plans + pages:
        text = path.read_text(encoding="utf-8", errors="replace")
        seeds.append((path.name, text))
        lines = text.splitlines(keepends=True)
        seeds.extend(
            (f"{path.stem}-{at}", "".join(lines[at : at + 40])) for at in range(0, len(lines), 40) if len(lines) > 40
        )
    rows = (ROOT / "tests" / "data" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    statements = [str(json.loads(row).get("text", "")) for row in rows if row.strip()]
    for number, statement in enumerate(statements):
        marker = _MARKERS[number % len(_MARKERS)]
        if number % 3 == 0:
            plan = f"period: 2026-Q3\nObjective: Grow\n  KR 1: {statement}\n  KPI: {statement}\n"
            seeds.append((f"kr-{number}.okr", plan))
        else:
            seeds.append((f"kr-{number}.md", f"# OKRs Q3 2026\n\n## Objective: Grow\n\n{marker}{statement}\n"))
    for number in range(0, len(statements), 8):
        cells = "".join(f"| {statement} | 5% | 10% | Ann |\n" for statement in statements[number : number + 4])
        table = f"## KPIs\n\n| KPI | Baseline | Target | Owner |\n|---|---:|:-:|---|\n{cells}"
        seeds.append((f"table-{number}.md", table))
    return seeds


def _seed_corpus() -> Path:
    """A directory of the seeds, one per file."""
    import tempfile

    directory = Path(tempfile.mkdtemp(prefix="goallint-fuzz-seeds-"))
    for number, (name, text) in enumerate(_seed_texts()):
        (directory / f"{number:05d}-{name}").write_text(text, encoding="utf-8")
    return directory


class _LineMutator:
    """A structured mutation half the time: a line of a real page or plan put into the input (added,
    swapped for a line, or its body behind another line's marker), so that mutations keep the shape
    of goal documents; the other half libFuzzer's byte mutations."""

    def __init__(self, seeds: list[tuple[str, str]]) -> None:
        self.pool = sorted({line for _, text in seeds for line in text.splitlines() if line.strip()})

    def __call__(self, data: bytes, max_size: int, seed: int) -> bytes:
        import random

        chance = random.Random(seed)
        if not self.pool or chance.random() < 0.5:
            return bytes(atheris.Mutate(data, max_size))
        lines = data.decode("utf-8", errors="replace").split("\n")
        at = chance.randrange(len(lines) + 1)
        other = chance.choice(self.pool)
        move = chance.randrange(5)
        if move == 0:
            lines.insert(at, other)
        elif move == 1 and at < len(lines):
            lines[at] = other
        elif move == 2 and at < len(lines):  # this line's marker and indent before another line's words
            words = other.lstrip(" -*#|>0123456789.").split(":", 1)[-1]
            cut = len(lines[at]) - len(lines[at].lstrip(" -*#|>0123456789.")) + chance.randrange(8)
            lines[at] = lines[at][:cut] + words
        elif move == 3 and at < len(lines):  # words cut out, marks kept: "KPI: Uptime: 99%" -> "KPI: : 99%"
            line = lines[at]
            edges = [k for k in range(len(line) + 1) if line[k - 1 : k].isalnum() != line[k : k + 1].isalnum()]
            first, second = sorted((chance.choice(edges or [0]), chance.choice(edges or [0])))
            lines[at] = line[:first] + line[second:]
        elif lines:  # one of its lines again, here
            lines.insert(at, lines[chance.randrange(len(lines))])
        return "\n".join(lines).encode("utf-8")[:max_size]


if __name__ == "__main__":
    arguments = list(sys.argv)
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        arguments.append(str(_seed_corpus()))  # no corpus or crash file named: start from the seeds
    atheris.Setup(arguments, test_one_input, custom_mutator=_LineMutator(_seed_texts()))
    atheris.Fuzz()
