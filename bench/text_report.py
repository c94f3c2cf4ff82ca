"""The text report on long lines: size and time of `render_text` for many findings on one long
line (issue 20: 4,000 findings on a 28,000-character key result printed 169 MB before lines were
windowed), and on many short lines for comparison.

    python bench/text_report.py
"""

from __future__ import annotations

import time

from goallint.model import Finding, Position, Span
from goallint.report import Report
from goallint.report.text import render_text


def findings_on(text: str, line_number: int, columns: list[int]) -> list[Finding]:
    offset = sum(len(line) + 1 for line in text.split("\n")[: line_number - 1])
    return [
        Finding(code="GL601", rule="vague-language", severity="warning", message="'better' is vague.",
                hint="Say how much.", path="plan.okr",
                span=Span(start=Position(line=line_number, column=column, offset=offset + column - 1),
                          end=Position(line=line_number, column=column + 6, offset=offset + column + 5)))
        for column in columns
    ]


def measure(name: str, report: Report) -> None:
    started = time.perf_counter()
    rendered = render_text(report)
    elapsed = time.perf_counter() - started
    print(f"{name:<44} {len(report.findings):>6,} findings  {len(rendered.encode()) / 1e6:>7.2f} MB  {elapsed:>6.3f} s")


def main() -> None:
    prefix = "  KR1: Improve revenue "
    for words in (1000, 2000, 4000, 8000):
        text = "Objective: Grow\n" + prefix + "better " * words + "\n"
        columns = [len(prefix) + 7 * n + 1 for n in range(words)]
        measure(f"one line of {len(prefix) + 7 * words:,} characters", Report(findings_on(text, 2, columns),
                                                                              {"plan.okr": text}))
    short = "Objective: Grow\n" + "".join(f"  KR{n}: Improve revenue better\n" for n in range(4000))
    many = [f for n in range(4000) for f in findings_on(short, n + 2, [len(f"  KR{n}: Improve revenue ") + 1])]
    measure("4,000 short lines, a finding each", Report(many, {"plan.okr": short}))


if __name__ == "__main__":
    main()
