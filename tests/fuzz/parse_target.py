"""An atheris (libFuzzer) target for the syntax stage: any bytes, read as `.okr` and as Markdown,
must parse without raising, and every span must lie inside the text.

    python tests/fuzz/parse_target.py -max_total_time=60 [corpus_dir]

CI runs it for a bounded time (.ci/run); run it longer by hand. A crash is saved by libFuzzer as
`crash-*` in the current directory, and replayed with `python tests/fuzz/parse_target.py crash-…`.
The seeds are the labelled statements and the example plan, so the fuzzer starts from real goals.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    from goallint.syntax import parse_document


def _spans(node: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("start"), dict) and isinstance(item.get("end"), dict):
                found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    content = text.removeprefix("\ufeff")
    for path in ("fuzz.okr", "fuzz.md"):
        dumped = parse_document(text, path).model_dump(mode="json")
        for span in _spans(dumped):
            start, end = span["start"]["offset"], span["end"]["offset"]
            if not 0 <= start <= end <= len(content):
                raise AssertionError(f"span {span} outside a text of {len(content)} characters ({path})")


def _seed_corpus() -> Path:
    """A directory of seeds: the example plan and, one per file, labelled statements."""
    import json
    import tempfile

    root = Path(__file__).resolve().parents[2]
    seeds = Path(tempfile.mkdtemp(prefix="goallint-fuzz-seeds-"))
    (seeds / "example.okr").write_bytes((root / "examples" / "growth-q3.okr").read_bytes())
    rows = (root / "tests" / "data" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    for number, row in enumerate(rows[:200]):
        statement = json.loads(row).get("text", "")
        (seeds / f"kr-{number}.okr").write_text(f"Objective: Grow\n  KR: {statement}\n", encoding="utf-8")
    return seeds


if __name__ == "__main__":
    arguments = list(sys.argv)
    if not any(not argument.startswith("-") for argument in arguments[1:]):
        arguments.append(str(_seed_corpus()))  # no corpus or crash file named: start from the seeds
    atheris.Setup(arguments, test_one_input)
    atheris.Fuzz()
