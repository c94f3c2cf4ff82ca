"""Inline markup: the text a reader sees, without emphasis markers, link targets, code
backticks and HTML tags, with escapes and entities resolved (CommonMark's rules, simplified)."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from markdown_it.common.utils import normalizeReference

from goallint.syntax.markdown.text import Builder, Text

ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*)>")
_HTML_RE = re.compile(
    r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?"
    r"|!--.*?--|\?.*?\?|![A-Za-z][^>]*|!\[CDATA\[.*?\]\])>",
    re.S,
)
_BREAK_TAG_RE = re.compile(r"<br\s*/?>", re.I)
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MAX_LINK_DEPTH = 8


@dataclass(slots=True)
class _Run:
    """A run of emphasis delimiters (`**`, `_`, `~~`); the characters left in [left, right)
    after matching are literal."""

    char: str
    origins: list[tuple[int, int]]
    can_open: bool
    can_close: bool
    left: int = 0
    right: int = 0

    @property
    def remaining(self) -> int:
        return self.right - self.left


def _is_space(char: str | None) -> bool:
    return char is None or char.isspace()


def _is_punctuation(char: str | None) -> bool:
    if char is None:
        return False
    return char in ASCII_PUNCTUATION or unicodedata.category(char)[0] in ("P", "S")


def _run(text: Text, index: int, length: int) -> _Run:
    """Classify a delimiter run as CommonMark does (left- and right-flanking)."""
    source = text.text
    char = source[index]
    before = source[index - 1] if index > 0 else None
    after = source[index + length] if index + length < len(source) else None
    left = not _is_space(after) and (not _is_punctuation(after) or _is_space(before) or _is_punctuation(before))
    right = not _is_space(before) and (not _is_punctuation(before) or _is_space(after) or _is_punctuation(after))
    if char == "_":
        can_open = left and (not right or _is_punctuation(before))
        can_close = right and (not left or _is_punctuation(after))
    else:
        can_open, can_close = left, right
    origins = [(text.starts[k], text.ends[k]) for k in range(index, index + length)]
    return _Run(char, origins, can_open, can_close, 0, length)


def _run_length(source: str, index: int, char: str) -> int:
    position = index
    while position < len(source) and source[position] == char:
        position += 1
    return position - index


def _skip_code(source: str, index: int) -> int:
    """Index just past the code span that starts at `index`, or past its backticks if unclosed."""
    length = _run_length(source, index, "`")
    position = index + length
    while (found := source.find("`", position)) >= 0:
        run = _run_length(source, found, "`")
        if run == length:
            return found + run
        position = found + run
    return index + length


@dataclass(frozen=True, slots=True)
class _Pairs:
    """Matching `[`/`]` (outside code spans) and `(`/`)` of one text, found in one pass each."""

    brackets: dict[int, int]
    parens: dict[int, int]

    @staticmethod
    def of(source: str) -> _Pairs:
        brackets: dict[int, int] = {}
        parens: dict[int, int] = {}
        for pairs, opening, closing, skip_code in ((brackets, "[", "]", True), (parens, "(", ")", False)):
            stack: list[int] = []
            position = 0
            while position < len(source):
                char = source[position]
                if char == "\\":
                    position += 2
                    continue
                if char == "`" and skip_code:
                    position = _skip_code(source, position)
                    continue
                if char == opening:
                    stack.append(position)
                elif char == closing and stack:
                    pairs[stack.pop()] = position
                elif char == "\n" and not skip_code:
                    stack.clear()
                position += 1
        return _Pairs(brackets, parens)


def _link_at(source: str, index: int, pairs: _Pairs, references: frozenset[str]) -> tuple[int, int, int] | None:
    """A link whose text starts with the `[` at `index`: (text start, text end, link end)."""
    close = pairs.brackets.get(index)
    if close is None:
        return None
    after = close + 1
    if source.startswith("(", after):
        end = pairs.parens.get(after)
        return (index + 1, close, end + 1) if end is not None else None
    if source.startswith("[", after):
        end = pairs.brackets.get(after)
        if end is not None and "[" not in source[after + 1 : end]:
            return index + 1, close, end + 1
        return None
    if normalizeReference(source[index + 1 : close]) in references:
        return index + 1, close, close + 1
    return None


def clean_markup(text: Text, references: frozenset[str], depth: int = 0) -> Text:
    """The text a reader sees: without emphasis markers, link targets, code backticks and
    HTML tags, with escapes and entities resolved and white space collapsed."""
    source = text.text
    pairs = _Pairs.of(source) if "[" in source else _Pairs({}, {})
    parts: list[Text | _Run] = []
    literal = Builder(text.anchor)

    def flush() -> None:
        nonlocal literal
        if literal.chars:
            parts.append(literal.build())
        literal = Builder(text.anchor)

    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and source[index + 1] in ASCII_PUNCTUATION:
            literal.add(source[index + 1], text.starts[index], text.ends[index + 1])
            index += 2
        elif char == "`":
            stop = _skip_code(source, index)
            length = _run_length(source, index, "`")
            if stop > index + length:
                inner = text.sub(index + length, stop - length)
                if len(inner.text) > 1 and inner.text[0] == inner.text[-1] == " " and inner.text.strip():
                    inner = inner.sub(1, len(inner.text) - 1)
                literal.extend(inner)
            else:
                literal.extend(text.sub(index, stop))
            index = stop
        elif char == "<":
            autolink = _AUTOLINK_RE.match(source, index)
            tag = None if autolink else _HTML_RE.match(source, index)
            if autolink:
                literal.extend(text.sub(index + 1, autolink.end() - 1))
                index = autolink.end()
            elif tag:
                if _BREAK_TAG_RE.fullmatch(tag.group()):
                    literal.add(" ", text.starts[index], text.ends[tag.end() - 1])
                index = tag.end()
            else:
                literal.extend(text.sub(index, index + 1))
                index += 1
        elif (char == "[" or (char == "!" and source.startswith("[", index + 1))) and depth < _MAX_LINK_DEPTH and (
            link := _link_at(source, index + (char == "!"), pairs, references)
        ):
            literal.extend(clean_markup(text.sub(link[0], link[1]), references, depth + 1))
            index = link[2]
        elif char == "&" and (entity := _ENTITY_RE.match(source, index)):
            decoded = html.unescape(entity.group())
            if decoded != entity.group():
                for letter in decoded:
                    literal.add(letter, text.starts[index], text.ends[entity.end() - 1])
            else:
                literal.extend(text.sub(index, entity.end()))
            index = entity.end()
        elif char in "*_~":
            length = _run_length(source, index, char)
            if char == "~" and length != 2:
                literal.extend(text.sub(index, index + length))
            else:
                flush()
                parts.append(_run(text, index, length))
            index += length
        else:
            literal.add(char, text.starts[index], text.ends[index])
            index += 1
    flush()
    _match_emphasis([part for part in parts if isinstance(part, _Run)])
    out = Builder(text.anchor)
    for part in parts:
        if isinstance(part, Text):
            pieces: list[tuple[str, int, int]] = list(zip(part.text, part.starts, part.ends, strict=True))
        else:
            pieces = [(part.char, start, end) for start, end in part.origins[part.left : part.right]]
        for letter, start, end in pieces:
            if letter.isspace():
                if out.chars and out.chars[-1] == " ":
                    out.ends[-1] = end
                    continue
                letter = " "
            out.add(letter, start, end)
    return out.build()


def _match_emphasis(runs: list[_Run]) -> None:
    """Pair openers with closers; matched delimiters are dropped from the text."""
    openers: list[_Run] = []
    for run in runs:
        if run.can_close:
            while run.remaining > 0:
                found = next(
                    (k for k in range(len(openers) - 1, -1, -1)
                     if openers[k].char == run.char and openers[k].remaining > 0),
                    None,
                )
                if found is None:
                    break
                opener = openers[found]
                use = 2 if opener.remaining >= 2 and run.remaining >= 2 else 1
                opener.right -= use
                run.left += use
                del openers[found + 1 :]
                if opener.remaining == 0:
                    del openers[found]
        if run.can_open and run.remaining > 0:
            openers.append(run)
