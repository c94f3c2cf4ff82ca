"""Inline directives: the `goallint: disable=…` comments of a document, read once from its text.

In `.okr`:

    # goallint: disable=kr-count          the next line that has content (blank lines and
                                          other comments between are skipped)
    KR: Ship it   # goallint: disable=GL203    this line
    # goallint: disable-file=kr-count     the whole file, wherever it is written

In Markdown the same directives are HTML comments, `<!-- goallint: disable=kr-count -->`,
except inside fenced code blocks, where a directive is an example. `parse_document` puts them
in `Document.directives`; suppression (goallint.engine.suppression) applies them to findings.
Every step is one pass over the text: a file of nothing but directives, a directive naming a
rule thousands of times or a run of blanks inside one stays linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import Literal

from goallint.lines import split_lines
from goallint.model import Directive, Position, Span

_ANY_DIRECTIVE_RE = re.compile(r"goallint\s*+:", re.I)
_OKR_RE = re.compile(r"(?:^|(?<=\s))#\s*+goallint\s*+:", re.I)
_MARKDOWN_OPEN_RE = re.compile(r"<!--\s*+goallint\s*+:", re.I)
_ACTION_RE = re.compile(r"(?<!\s)\s*+(disable(?:-file)?)\s*+=", re.I)
_RULE_SEPARATOR_RE = re.compile(r"[\s,]++")
_MARKDOWN_EOL_RE = re.compile(r"\r\n|\r|\n")  # what the Markdown reader counts as a line end
_FENCE_RE = re.compile(r" {0,3}(```|~~~)")


def read_directives(text: str, fmt: str) -> list[Directive]:
    """The directives of a document's text, in order; `fmt` is "okr" or "md". Offsets count from
    after a byte order mark, as the readers do."""
    text = text.removeprefix("\ufeff")
    if _ANY_DIRECTIVE_RE.search(text) is None:  # most files have none: one scan, no pass per line
        return []
    return _markdown(text) if fmt == "md" else _okr(text)


def _okr(text: str) -> list[Directive]:
    pieces = split_lines(text, keepends=True)  # the lines the .okr reader numbers
    starts = _starts(pieces)
    lines = [piece.rstrip("\r\n") for piece in pieces]
    following = _next_content(lines, lambda line: not line.lstrip().startswith("#"))
    position = _Positions(starts)
    found: list[Directive] = []
    for index, line in enumerate(lines):
        if "goallint" not in line.lower():
            continue
        match = _OKR_RE.search(line)
        if match is None:
            continue
        own_line = not line[: match.start()].strip()
        target = following[index + 1] if own_line else index + 1
        found.append(_directive(text, starts[index] + match.start(), starts[index] + len(line),
                                line[match.end():], target, position))
    return found


def _markdown(text: str) -> list[Directive]:
    starts = [0, *(m.end() for m in _MARKDOWN_EOL_RE.finditer(text))]
    ends = [*(start - _eol_length(text, start) for start in starts[1:]), len(text)]
    lines = [text[start:end] for start, end in zip(starts, ends, strict=True)]
    fenced = _fenced_lines(lines)
    following = _next_content(lines, lambda line: not _comments_only(line))
    position = _Positions(starts)
    found: list[Directive] = []
    at = 0
    while (match := _MARKDOWN_OPEN_RE.search(text, at)) is not None:
        close = text.find("-->", match.end())
        if close < 0:
            break  # no comment after this one closes either
        end = close + 3
        at = end
        index = position.line(match.start()) - 1
        if index in fenced:
            continue
        last = position.line(end) - 1
        before = text[starts[index] : match.start()]
        after = text[end : ends[last]]
        own_line = not before.strip() and not after.strip()
        target = following[last + 1] if own_line else index + 1
        found.append(_directive(text, match.start(), end, text[match.end() : close], target, position))
    return found


def _eol_length(text: str, start: int) -> int:
    return 2 if text[start - 2 : start] == "\r\n" else 1


def _starts(pieces: Sequence[str]) -> list[int]:
    starts: list[int] = []
    offset = 0
    for piece in pieces:
        starts.append(offset)
        offset += len(piece)
    return starts


def _next_content(lines: Sequence[str], counts: Callable[[str], bool]) -> list[int]:
    """For each line index, the 1-based number of the first line from there on that has content
    and passes `counts`, or 0; one pass from the end (a scan per directive was quadratic)."""
    following = [0] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        following[index] = index + 1 if line.strip() and counts(line) else following[index + 1]
    return following


def _comments_only(line: str) -> bool:
    """Whether a Markdown line holds nothing but HTML comments (a loop, not a nested pattern,
    which backtracks exponentially on a line of many comments followed by text)."""
    rest = line.lstrip()
    if not rest.startswith("<!--"):
        return False
    while rest.startswith("<!--"):
        close = rest.find("-->", 4)
        if close < 0:
            return False
        rest = rest[close + 3 :].lstrip()
    return not rest


def _fenced_lines(lines: Sequence[str]) -> set[int]:
    """Lines inside fenced code blocks, where a directive is an example, not an instruction."""
    inside: set[int] = set()
    fence: str | None = None
    for index, line in enumerate(lines):
        opening = _FENCE_RE.match(line)
        if fence is None:
            if opening:
                fence = opening[1]
            continue
        if opening and opening[1] == fence:
            fence = None
        else:
            inside.add(index)
    return inside


class _Positions:
    """Offsets to positions, given where each line starts."""

    def __init__(self, starts: Sequence[int]) -> None:
        self.starts = starts or [0]

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def __call__(self, offset: int) -> Position:
        line = self.line(offset)
        return Position.model_construct(line=line, column=offset - self.starts[line - 1] + 1, offset=offset)


def _directive(text: str, start: int, end: int, body: str, target: int, position: _Positions) -> Directive:
    span = Span.model_construct(start=position(start), end=position(end))
    parsed = _ACTION_RE.match(body)
    if parsed is None:
        return Directive.model_construct(text=text[start:end], span=span, action=None, rules=(), line=None)
    action: Literal["disable", "disable-file"] = "disable-file" if parsed[1].lower() == "disable-file" else "disable"
    rules = tuple(word for word in _RULE_SEPARATOR_RE.split(body[parsed.end():]) if word)
    return Directive.model_construct(
        text=text[start:end], span=span, action=action, rules=rules, line=None if action == "disable-file" else target
    )
