"""From goallint's positions (1-based lines, columns counting characters) to LSP's (0-based
lines, columns counting UTF-16 code units) and back.

An emoji is one character to Python and two code units to LSP; `€` and `≥` are one of each.
Most lines are ASCII, where the two agree, so only the others are re-counted.
"""

from __future__ import annotations

import re

from goallint.lines import split_lines
from goallint.model import Position, Span

LspPosition = dict[str, int]
_OTHER_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines breaks, not editors
LspRange = dict[str, LspPosition]


class LineIndex:
    """The lines of one text, as the editor holds it (a leading BOM included, if it sent one)."""

    def __init__(self, text: str) -> None:
        # goallint counts from after a BOM; the editor's first line still holds it.
        self.bom = text.startswith("\ufeff")
        # str.splitlines is many times quicker, and the same where it has no other breaks to split at
        self.lines = split_lines(text) if _OTHER_BREAKS.search(text) else text.splitlines()

    def line(self, number: int) -> str:
        """Line `number` (1-based) as goallint reads it; "" past the end."""
        if not 1 <= number <= len(self.lines):
            return ""
        text = self.lines[number - 1]
        return text[1:] if number == 1 and self.bom else text

    def position(self, position: Position) -> LspPosition:
        line = self.line(position.line)
        before = position.column - 1
        if line.isascii():
            units = before
        else:
            head = line[:before]
            units = len(head.encode("utf-16-le")) // 2 + max(0, before - len(head))
        if position.line == 1 and self.bom:
            units += 1
        return {"line": position.line - 1, "character": units}

    def range(self, span: Span) -> LspRange:
        return {"start": self.position(span.start), "end": self.position(span.end)}

    def column(self, lsp_line: int, character: int) -> int:
        """The 1-based character column of an LSP position (the inverse of `position`)."""
        line = self.line(lsp_line + 1)
        if lsp_line == 0 and self.bom:
            character = max(0, character - 1)
        if line.isascii():
            return character + 1
        units = 0
        for index, char in enumerate(line):
            if units >= character:
                return index + 1
            units += 2 if ord(char) > 0xFFFF else 1
        return len(line) + 1

