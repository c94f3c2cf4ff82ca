"""Reading what `goallint check` is given: goal documents, and files an input-format plugin reads.

An `InputFormat` (from the `goallint_input_formats` hook) turns a file of its suffixes, given as
bytes, into a `Converted` plan: `.okr` text goallint checks like any other, and for each line of
that text the cells it came from. Findings on a converted plan are moved back to those cells:
the line is the sheet's row, the column the sheet's column, and the message names the cell
(`Q3!C5`). A spreadsheet is never rewritten, so their fixes are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from goallint.loading import DEFAULT_MAX_FILE_SIZE, InputError, read_bytes, read_text
from goallint.syntax import MARKDOWN_SUFFIXES, mentions_goals

if TYPE_CHECKING:
    from goallint.engine.plugins import Plugins
    from goallint.model import Finding

GOAL_SUFFIXES = (".okr", *sorted(MARKDOWN_SUFFIXES))


@dataclass(frozen=True)
class Cell:
    """Where a piece of a converted plan was written: a sheet (None for a CSV file), a row and
    a column, both counted from 1 as a spreadsheet shows them."""

    sheet: str | None
    row: int
    column: int

    @property
    def reference(self) -> str:
        """The cell as a spreadsheet names it: `C5`, or `'Q3 plan'!C5` with its sheet."""
        letters, number = "", self.column
        while number:
            number, remainder = divmod(number - 1, 26)
            letters = chr(ord("A") + remainder) + letters
        if self.sheet is None:
            return f"{letters}{self.row}"
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"
        return f"{sheet}!{letters}{self.row}"


@dataclass(frozen=True)
class Piece:
    """Characters `start` (a 1-based column) to `start + length` of a line of the converted text,
    which come from `cell`."""

    start: int
    length: int
    cell: Cell


@dataclass
class Converted:
    """A plan read by an input format: its `.okr` text, and where each line's pieces came from."""

    text: str
    pieces: dict[int, list[Piece]] = field(default_factory=dict)  # line (from 1) -> pieces

    def cell_at(self, line: int, column: int) -> Cell | None:
        """The cell that column of that line of the text came from (the nearest piece before it)."""
        pieces = self.pieces.get(line) or []
        before = [piece for piece in pieces if piece.start <= column]
        chosen = before[-1] if before else (pieces[0] if pieces else None)
        return chosen.cell if chosen is not None else None


@dataclass(frozen=True)
class InputFormat:
    """A kind of file a plugin reads: its name, the suffixes it claims (`.csv`), and `read`,
    which gets the file's path and bytes and returns a `Converted` plan, or raises
    `goallint.plugin.InputError` with a message naming the file. `holds_goals`, if given, says
    cheaply whether a file found while searching a directory is one to check (a CSV of data is
    not); a file named on the command line is always read."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Path, bytes], Converted]
    holds_goals: Callable[[Path], bool] | None = None
    plugin: str = ""  # filled in when it loads

    def claimed_by(self, plugin: str) -> InputFormat:
        return replace(self, suffixes=tuple(s.lower() for s in self.suffixes), plugin=plugin)


class Inputs:
    """The files of one run: which to check, their text, and the findings moved back to cells."""

    def __init__(self, plugins: Plugins, max_file_size: int | None = DEFAULT_MAX_FILE_SIZE) -> None:
        self.formats = {suffix: f for f in plugins.input_formats for suffix in f.suffixes}
        self.converted: dict[str, Converted] = {}
        self.max_file_size = max_file_size
        self._read: dict[Path, str] = {}  # Markdown read while looking for goals, kept for `read`

    @property
    def suffixes(self) -> tuple[str, ...]:
        return (*GOAL_SUFFIXES, *self.formats)

    def expand(self, paths: Iterable[Path]) -> list[Path]:
        """Files as given, and the files of a known suffix found under directories (not hidden).
        A Markdown file found in a directory is taken only if it mentions goals at all (a README
        or a changelog does not): a file named on the command line is always checked."""
        found: list[Path] = []
        for path in paths:
            if path.is_dir():
                found.extend(sorted(
                    p for p in path.rglob("*") if p.suffix.lower() in self.suffixes and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                    and self._may_hold_goals(p)
                ))
            else:
                found.append(path)
        return found

    def _may_hold_goals(self, path: Path) -> bool:
        input_format = self.formats.get(path.suffix.lower())
        if input_format is not None:
            return input_format.holds_goals is None or _safely(input_format.holds_goals, path)
        if path.suffix.lower() not in MARKDOWN_SUFFIXES:
            return True
        try:
            self._read[path] = read_text(path, self.max_file_size)
        except InputError:
            return True  # checked anyway, so that the problem is reported
        return mentions_goals(self._read[path])

    def read(self, path: Path) -> str:
        """The text goallint checks for this file. Raises `InputError` naming the file."""
        if path in self._read:
            return self._read.pop(path)
        input_format = self.formats.get(path.suffix.lower())
        if input_format is None:
            return read_text(path, self.max_file_size)
        data = read_bytes(path, self.max_file_size)
        try:
            converted = input_format.read(path, data)
        except InputError:
            raise
        except Exception as error:  # a plugin's reader must not stop the run either
            raise InputError(f"{path}: the input format '{input_format.name}' of plugin '{input_format.plugin}' "
                             f"failed to read it ({type(error).__name__}: {error}); please tell its authors") from None
        self.converted[str(path)] = converted
        return converted.text

    def locate(self, findings: Sequence[Finding]) -> list[Finding]:
        """Findings on converted plans moved to the cells they are about, without fixes."""
        if not self.converted:
            return list(findings)
        return [self._located(f) if f.path in self.converted else f for f in findings]

    def _located(self, finding: Finding) -> Finding:
        from goallint.model import Position, Span

        converted = self.converted[finding.path or ""]
        start = finding.span.start
        cell = converted.cell_at(start.line, start.column)
        if cell is None:
            return finding.model_copy(update={"fix": None})
        at = Position.model_construct(line=cell.row, column=cell.column, offset=start.offset)
        after = Position.model_construct(line=cell.row, column=cell.column + 1, offset=finding.span.end.offset)
        return finding.model_copy(update={
            "span": Span.model_construct(start=at, end=after),
            "message": f"{finding.message} (cell {cell.reference})",
            "fix": None,
        })

    def shown(self, sources: Mapping[str, str]) -> dict[str, str]:
        """The sources a report may quote: converted plans have no lines of their own to show."""
        return {name: text for name, text in sources.items() if name not in self.converted}


def _safely(holds_goals: Callable[[Path], bool], path: Path) -> bool:
    """A plugin's answer; when it fails, the file is read, so that the failure is reported."""
    try:
        return bool(holds_goals(path))
    except Exception:
        return True
