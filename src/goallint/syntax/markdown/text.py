"""Text with origins: every character of cleaned text remembers the source offsets it came
from, so that spans found on the clean text map back onto the Markdown file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Text:
    """Text in which every character remembers the source offsets it came from
    (`starts[i]` to `ends[i]`); `anchor` is where the text sits when it is empty."""

    text: str
    # a `range` while the text is one piece of the source as written (most lines): slicing it
    # costs nothing, and `verbatim` says so at once; a tuple once markup is taken out
    starts: Sequence[int]
    ends: Sequence[int]
    anchor: int

    @staticmethod
    def raw(text: str, offset: int) -> Text:
        size = len(text)
        return Text(text, range(offset, offset + size), range(offset + 1, offset + size + 1), offset)

    def verbatim(self) -> bool:
        """Whether the characters are consecutive source characters, one each (a piece of the
        source as written, nothing taken out)."""
        size = len(self.text)
        if not size:
            return False
        starts, ends = self.starts, self.ends
        if type(starts) is range and type(ends) is range:
            return starts.step == 1 and ends.step == 1 and ends.start == starts.start + 1
        first = starts[0]
        return (tuple(starts) == tuple(range(first, first + size))
                and tuple(ends) == tuple(range(first + 1, first + size + 1)))

    @property
    def start(self) -> int:
        return self.starts[0] if self.text else self.anchor

    @property
    def end(self) -> int:
        return self.ends[-1] if self.text else self.anchor

    def sub(self, start: int, end: int | None = None) -> Text:
        stop = len(self.text) if end is None else end
        anchor = self.starts[start] if start < len(self.text) else self.end
        return Text(self.text[start:stop], self.starts[start:stop], self.ends[start:stop], anchor)

    def strip(self) -> Text:
        text = self.text
        if not text or (not text[0].isspace() and not text[-1].isspace() and self.anchor == self.starts[0]):
            return self  # nothing to take off (most lines): what `sub` would make is this text
        lead = len(text) - len(text.lstrip())
        return self.sub(lead, len(text.rstrip()))


class Builder:
    """Text made piece by piece, each character with the source offsets it came from: what
    `join` and the inline cleaner write. Pieces are kept as strings (a run of plain text is one
    append), their characters' origins in two parallel lists."""

    def __init__(self, anchor: int) -> None:
        self.pieces: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.anchor = anchor

    def add(self, char: str, start: int, end: int) -> None:
        """One character that stands for source offsets `start` to `end`."""
        self.pieces.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def copy(self, text: Text, start: int, stop: int) -> None:
        """Characters `start` to `stop` of `text`, with their origins."""
        self.take(text.text, text.starts, text.ends, start, stop)

    def take(self, text: str, starts: Sequence[int], ends: Sequence[int], start: int, stop: int) -> None:
        """Characters `start` to `stop` of a text given as its parts (one being made)."""
        self.pieces.append(text[start:stop])
        self.starts.extend(starts[start:stop])
        self.ends.extend(ends[start:stop])

    def extend(self, text: Text) -> None:
        self.pieces.append(text.text)
        self.starts.extend(text.starts)
        self.ends.extend(text.ends)

    def build(self) -> Text:
        return Text("".join(self.pieces), tuple(self.starts), tuple(self.ends), self.anchor)


def join(pieces: list[Text]) -> Text:
    """The lines of one statement as one text; a line break reads as a space."""
    if len(pieces) == 1:
        return pieces[0]  # most statements are one line: that line is the text (a Text never changes)
    out = Builder(pieces[0].anchor if pieces else 0)
    for piece in pieces:
        if not piece.text:
            continue
        if out.starts:
            out.add(" ", out.ends[-1], piece.start)
        out.extend(piece)
    return out.build()
