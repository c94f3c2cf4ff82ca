"""Where a finding is, in the units other tools count in: shared by the machine-readable reporters.

goallint counts columns in characters. SARIF consumers and GitHub are JavaScript underneath and
count UTF-16 code units, which differ after a character outside the Basic Multilingual Plane (an
emoji counts 2). Paths are written relative to the working directory, with forward slashes, so
that CI systems can match them to files in the repository.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import PurePath

from goallint.lines import split_lines


class SourceLines:
    """The lines of each checked file, split as the parser split them (BOM dropped)."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        self._sources = sources
        self._lines: dict[str, list[str]] = {}
        self._astral: dict[tuple[str, int], list[int]] = {}

    def line(self, path: str | None, number: int) -> str | None:
        """The text of line `number` (1-based) of `path`, without its line break; None if unknown."""
        if path is None or path not in self._sources:
            return None
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = split_lines(self._sources[path].lstrip("\ufeff"))
        return lines[number - 1] if 1 <= number <= len(lines) else None

    def utf16(self, path: str | None, number: int, column: int) -> int:
        """`utf16_column` of line `number` of `path`, in log time: where the line's characters
        outside the Basic Multilingual Plane are is worked out once per line, not per finding
        (a long line with many findings was measured again for each)."""
        line = self.line(path, number)
        if line is None or column <= 1:
            return column
        key = (path or "", number)
        astral = self._astral.get(key)
        if astral is None:
            astral = self._astral[key] = [m.start() for m in _ASTRAL_RE.finditer(line)]
        return column + bisect.bisect_left(astral, min(column - 1, len(line)))

    def window(self, path: str | None, number: int, start: int, end: int) -> tuple[str, int] | None:
        """Line `number`, or on a line longer than `LONG_LINE` the part of it around the 1-based
        columns [start, end) (at most `WINDOW` characters on each side): its text and the
        column it starts at. Reports that quote the line stay bounded on a very long one."""
        line = self.line(path, number)
        if line is None:
            return None
        if len(line) <= LONG_LINE:
            return line, 1
        first = max(0, start - 1 - WINDOW)
        last = min(len(line), max(end - 1, start) + WINDOW)
        return line[first:last], first + 1


# A quoted line longer than this is cut to WINDOW characters either side of the finding.
LONG_LINE = 1000
WINDOW = 200
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


def utf16_column(line: str | None, column: int) -> int:
    """The 1-based UTF-16 column of the 1-based character `column` on `line`.

    Without the line's text the character column is returned unchanged (the two agree unless the
    line holds characters outside the Basic Multilingual Plane).
    """
    if line is None or column <= 1:
        return column
    before = line[: column - 1]
    beyond = column - 1 - len(before)  # a column just past the end of the line
    return 1 + len(before.encode("utf-16-le")) // 2 + beyond


class ReportPath:
    """A finding's path as the user gave it, and as other tools want it."""

    def __init__(self, path: str, cwd: str | None = None) -> None:
        self.path = path
        self._cwd = cwd if cwd is not None else os.getcwd()

    @cached_property
    def _absolute(self) -> str:
        return os.path.normpath(os.path.join(self._cwd, self.path))

    @cached_property
    def relative(self) -> str | None:
        """The path relative to the working directory, with forward slashes; None if outside it."""
        try:
            inside = os.path.relpath(self._absolute, self._cwd)
        except ValueError:  # another drive on Windows
            return None
        if inside == os.pardir or inside.startswith(os.pardir + os.sep):
            return None
        return PurePath(inside).as_posix()

    @property
    def shown(self) -> str:
        """Relative with forward slashes where possible, else absolute as given."""
        return self.relative if self.relative is not None else self.path

    @property
    def absolute_uri(self) -> str:
        return PurePath(self._absolute).as_uri()
