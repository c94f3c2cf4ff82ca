"""From the rows of a sheet to an `.okr` plan, each piece of which remembers its cell.

The template: a header row naming the columns (matched loosely), then one row per key result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from goallint.plugin import Cell, Converted, InputError, Piece

# Header names by column, compared without case, spaces or punctuation ("Key Result (KR)" is
# "keyresultkr", which starts with "keyresult").
HEADERS: dict[str, tuple[str, ...]] = {
    "objective": ("objective", "objectives", "goal", "goals", "obj", "o"),
    "key_result": ("keyresult", "keyresults", "kr", "krs", "result", "results", "measurablekeyresult"),
    "owner": ("owner", "owners", "dri", "responsible", "assignee", "lead", "krowner", "accountable"),
    "baseline": ("baseline", "start", "startvalue", "startingvalue", "startingpoint", "from", "initial", "base"),
    "target": ("target", "targetvalue", "goalvalue", "to", "endvalue", "aim"),
    "current": ("current", "currentvalue", "actual", "actuals", "progress", "now", "latest"),
    "due": ("due", "duedate", "deadline", "by", "date", "enddate", "targetdate", "when"),
}
HEADER_ROWS = 20  # the header row is looked for among the first rows of a sheet


@dataclass(frozen=True)
class Row:
    sheet: str | None  # None for a CSV file
    number: int  # from 1, as the spreadsheet shows it
    cells: list[str]


def _normal(header: str) -> str:
    return re.sub(r"[\W_]+", "", header.casefold())


def columns_of(cells: Sequence[str]) -> dict[str, int]:
    """The template's columns a header row names (0-based), or {} if it names no key-result column."""
    found: dict[str, int] = {}
    for index, header in enumerate(cells):
        written = _normal(header)
        if not written:
            continue
        for column, names in HEADERS.items():
            exact = written in names
            loose = any(len(name) >= 3 and written.startswith(name) for name in names)
            if column not in found and (exact or loose):
                found[column] = index
                break
    return found if "key_result" in found else {}


class _Plan:
    """The `.okr` text being written, and the cells its pieces come from."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.converted = Converted("")

    def line(self, *parts: tuple[str, Cell | None]) -> None:
        text, pieces = "", []
        for written, cell in parts:
            if cell is not None and written:
                pieces.append(Piece(len(text) + 1, len(written), cell))
            text += written
        self.lines.append(text)
        if pieces:
            self.converted.pieces[len(self.lines)] = pieces

    def done(self) -> Converted:
        self.converted.text = "\n".join(self.lines) + "\n"
        return self.converted


def rows_to_plan(path: Path, rows: Sequence[Row]) -> Converted:
    """The plan the rows hold. Raises `InputError` when no sheet has a key-result column."""
    plan = _Plan()
    by_sheet: dict[str | None, list[Row]] = {}
    for row in rows:
        by_sheet.setdefault(row.sheet, []).append(row)
    read_any = False
    for sheet, sheet_rows in by_sheet.items():
        header = next((row for row in sheet_rows[:HEADER_ROWS] if columns_of(row.cells)), None)
        if header is None:
            continue
        read_any = True
        plan.line((f"# sheet {sheet}" if sheet else f"# {path.name}", None))
        _sheet(plan, sheet, columns_of(header.cells), [row for row in sheet_rows if row.number > header.number])
    if not read_any:
        raise InputError(f"{path}: has no 'Key result' column, so it holds no key results goallint can read "
                         "(looked for a header row such as: Objective, Key result, Owner, Baseline, Target, "
                         "Current, Due)")
    return plan.done()


def _sheet(plan: _Plan, sheet: str | None, columns: dict[str, int], rows: Sequence[Row]) -> None:
    objective = None
    for row in rows:
        def cell(column: str, row: Row = row) -> tuple[str, Cell | None]:
            """A column's text in this row (spaces collapsed), and where it is."""
            index = columns.get(column)
            if index is None or index >= len(row.cells):
                return "", None
            return " ".join(row.cells[index].split()), Cell(sheet, row.number, index + 1)

        statement, where = cell("key_result")
        written, objective_cell = cell("objective")
        if written and written != objective:
            objective = written
            plan.line(("Objective: ", None), (written, objective_cell))
        if not statement:
            continue
        if objective is None:
            objective = "(no objective)"
            plan.line(("Objective: (no objective)", Cell(sheet, row.number, columns["key_result"] + 1)))
        parts: list[tuple[str, Cell | None]] = [("  KR: ", None), (statement, where)]
        if not re.search(r"\d", statement):  # numbers in the statement itself win over the columns
            for column, word in (("baseline", "from"), ("target", "to")):
                value, value_cell = cell(column)
                if value:
                    parts += [(f" {word} ", None), (value, value_cell)]
        due, due_cell = cell("due")
        if due and due not in statement:
            parts += [(" by ", None), (due, due_cell)]
        plan.line(*parts)
        owner, owner_cell = cell("owner")
        if owner:
            plan.line(("    owner: ", None), (owner, owner_cell))
