"""The Markdown front end (docs/format.md): OKRs kept in handbooks as headings, bullets and tables.

markdown-it-py finds the blocks (headings, paragraphs, list items, table rows) and the lines
they sit on; this module finds the columns itself in the original lines, strips inline
markup (bold, links, code, HTML) while remembering where every remaining character came
from, and classifies what it finds. A handbook is mostly prose: anything that does not look
like a goal is ignored, and a syntax problem is reported only for an item that clearly means
to be one ("KR:" with no text, a key result with no objective).

Statements are read by the shared builders in `build.py` on the cleaned text; every span
they return is then mapped back onto the characters of the Markdown file.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.token import Token
from pydantic import BaseModel

from goallint.model import (
    KPI,
    Commitment,
    Document,
    KeyResult,
    Objective,
    Period,
    Position,
    Span,
    SyntaxProblem,
    TextField,
)
from goallint.syntax.build import LineText, key_result, kpi, kpi_field, take_markers
from goallint.syntax.dates import PlanningPeriod, parse_period

Goal = Objective | KeyResult | KPI

# --------------------------------------------------------------------------- labels

# What ends a label: "Objective:", "KR1.", "O2)", "Objective 2 - …", "KR – …".
_END = r"(?:\s*[:.)]|\s+[-–—](?=\s)|\s*[–—](?=\s*\S))"
_OBJECTIVE_RE = re.compile(
    rf"^(?:objective(?:\s*#?\s*(?P<n1>\d+))?{_END}|objective\s*#?\s*(?P<n3>\d+)(?=\s)"
    rf"|(?-i:O)(?P<n2>\d+)(?:{_END}|(?=\s)))\s*(?P<text>.*)$",
    re.I | re.S,
)
_KR_RE = re.compile(
    rf"^(?:KR|key\s+result)(?:\s*#?\s*(?P<n>\d+(?:\.\d+)?))?(?:{_END}|(?<=\d)\s)\s*(?P<text>.*)$", re.I | re.S
)
# "Sales (Closing Deals) KR: …", "VP Eng KR: …": a key result with its owner in front
_OWNER_KR_RE = re.compile(
    r"^(?P<who>[A-Z][\w&/.,'()+ -]{0,60}?)\s+KR(?:\s*#?\s*(?P<n>\d+(?:\.\d+)?))?\s*:\s*(?P<text>.*)$", re.S
)
_KPI_RE = re.compile(rf"^KPI(?:\s*#?\s*(?P<n>\d+))?(?:{_END}|(?<=\d)\s)\s*(?P<text>.*)$", re.I | re.S)
# "Key results:" alone: the bullets that follow are key results
_INTRO_RE = re.compile(r"^(?:key\s+results|KRs)\s*:\s*$", re.I)
_INTRO_HEADING_RE = re.compile(r"^(?:key\s+results?|KRs?)\s*:?\s*$", re.I)
_FIELD_RE = re.compile(
    r"^(?P<key>period|quarter|owners?|dri|parent|title|aligns?\s+to|alignment|target|source|data\s+source|"
    r"cadence|frequency|reporting\s+cadence|annual\s+target)\s*:\s*(?P<value>.*)$",
    re.I | re.S,
)
_OWNER_KEYS = {"owner", "owners", "dri"}
_PARENT_KEYS = {"parent", "align to", "aligns to", "alignment"}
_KPI_KEYS = {"target", "source", "data source", "cadence", "frequency", "reporting cadence", "annual target"}
_PERIOD_KEYS = {"period", "quarter"}
_PERIOD_HINT = "Write the period like 2026-Q3, FY27 Q1, 2026 H2 or 2026."

# A heading that names the planning period: "## 2026-Q3", "# FY22-Q3 OKRs", "## Q3 2026"
_PERIOD_IN_HEADING_RE = re.compile(
    r"(?<![\w-])(?:(?:FY|CY)\s?'?\d{2,4}(?:[\s\-_/]*(?:Q[1-4]|H[12]))?|\d{4}[\s\-_/]*(?:Q[1-4]|H[12])"
    r"|(?:Q[1-4]|H[12])[\s\-_/]*(?:(?:FY|CY)\s?'?\d{2,4}|\d{4}))(?!\w)",
    re.I,
)
_YEAR_HEADING_RE = re.compile(r"^(?:OKRs?\s+(?:for\s+)?)?(?P<year>\d{4})(?:\s+OKRs?)?$", re.I)
# A section about OKRs: unlabelled bold items with bullets under them read as objectives there
_OKR_WORDS_RE = re.compile(r"\bOKRs?\b|\bobjectives?\b|\bkey\s+results?\b", re.I)

_BOLD_ONLY_RE = re.compile(r"^(\*\*|__)(?P<inner>\S(?:.*?\S)?)\1[\s.:;!?]*$", re.S)
_ITALIC_ONLY_RE = re.compile(r"^([*_])(?!\1)(?P<inner>\S(?:.*?\S)?)\1[\s.:;!?]*$", re.S)
_CHECKBOX_RE = re.compile(r"^\[[ xX]\]\s+")
_TABLE_NUMBER_RE = re.compile(r"^(?P<n>\d{1,2})[.):]?\s+(?P<text>\S.*)$", re.S)
_KR_HEADER_RE = re.compile(r"^(?:key\s*results?|krs?)\b", re.I)
_OBJECTIVE_HEADER_RE = re.compile(r"^objectives?\b", re.I)
_OWNER_HEADER_RE = re.compile(r"^(?:owners?|dri|lead|responsible|assignee|who)\b", re.I)

_EOL_RE = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_OPEN_RE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def _label(prefix: str, number: str | None) -> str:
    return f"{prefix}{number}" if number else prefix


# --------------------------------------------------------------------------- text with origins


@dataclass(frozen=True, slots=True)
class _Text:
    """Text in which every character remembers the source offsets it came from
    (`starts[i]` to `ends[i]`); `anchor` is where the text sits when it is empty."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    anchor: int

    @staticmethod
    def raw(text: str, offset: int) -> _Text:
        size = len(text)
        return _Text(text, tuple(range(offset, offset + size)), tuple(range(offset + 1, offset + size + 1)), offset)

    @property
    def start(self) -> int:
        return self.starts[0] if self.text else self.anchor

    @property
    def end(self) -> int:
        return self.ends[-1] if self.text else self.anchor

    def sub(self, start: int, end: int | None = None) -> _Text:
        stop = len(self.text) if end is None else end
        anchor = self.starts[start] if start < len(self.text) else self.end
        return _Text(self.text[start:stop], self.starts[start:stop], self.ends[start:stop], anchor)

    def strip(self) -> _Text:
        lead = len(self.text) - len(self.text.lstrip())
        return self.sub(lead, len(self.text.rstrip()))


class _Builder:
    def __init__(self, anchor: int) -> None:
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.anchor = anchor

    def add(self, char: str, start: int, end: int) -> None:
        self.chars.append(char)
        self.starts.append(start)
        self.ends.append(end)

    def extend(self, text: _Text) -> None:
        self.chars.extend(text.text)
        self.starts.extend(text.starts)
        self.ends.extend(text.ends)

    def build(self) -> _Text:
        return _Text("".join(self.chars), tuple(self.starts), tuple(self.ends), self.anchor)


def _join(pieces: list[_Text]) -> _Text:
    """The lines of one statement as one text; a line break reads as a space."""
    out = _Builder(pieces[0].anchor if pieces else 0)
    for piece in pieces:
        if not piece.text:
            continue
        if out.chars:
            out.add(" ", out.ends[-1], piece.start)
        out.extend(piece)
    return out.build()


# --------------------------------------------------------------------------- inline markup

_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
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
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in ("P", "S")


def _run(text: _Text, index: int, length: int) -> _Run:
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


def _clean(text: _Text, references: frozenset[str], depth: int = 0) -> _Text:
    """The text a reader sees: without emphasis markers, link targets, code backticks and
    HTML tags, with escapes and entities resolved and white space collapsed."""
    source = text.text
    pairs = _Pairs.of(source) if "[" in source else _Pairs({}, {})
    parts: list[_Text | _Run] = []
    literal = _Builder(text.anchor)

    def flush() -> None:
        nonlocal literal
        if literal.chars:
            parts.append(literal.build())
        literal = _Builder(text.anchor)

    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\" and index + 1 < len(source) and source[index + 1] in _ASCII_PUNCTUATION:
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
            literal.extend(_clean(text.sub(link[0], link[1]), references, depth + 1))
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
    out = _Builder(text.anchor)
    for part in parts:
        if isinstance(part, _Text):
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


# --------------------------------------------------------------------------- source and blocks


class _Source:
    """The document text with its line table: offsets to lines and columns."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0]
        self.lines: list[str] = []
        for match in _EOL_RE.finditer(text):
            self.lines.append(text[self.line_starts[-1] : match.start()])
            self.line_starts.append(match.end())
        self.lines.append(text[self.line_starts[-1] :])

    def position(self, offset: int) -> Position:
        line = bisect_right(self.line_starts, offset)
        return Position.model_construct(line=line, column=offset - self.line_starts[line - 1] + 1, offset=offset)

    def span(self, start: int, end: int) -> Span:
        return Span.model_construct(start=self.position(start), end=self.position(max(start, end)))

    def locate(self, index: int, content: str) -> _Text:
        """Where the text of one content line sits in source line `index`."""
        if index >= len(self.lines):
            return _Text("", (), (), len(self.text))
        line = self.lines[index]
        wanted = content.strip()
        body = line.rstrip()
        if wanted and body.endswith(wanted):
            column = len(body) - len(wanted)
        elif wanted and (found := line.find(wanted)) >= 0:
            column = found
        else:  # markdown-it changed the text (tabs): fall back to the line itself
            column = len(line) - len(line.lstrip())
            wanted = body[column:]
        return _Text.raw(wanted, self.line_starts[index] + column)


@dataclass(slots=True)
class _Lines:
    """Source pieces of a paragraph or heading, one per line (0-based line numbers)."""

    pieces: list[_Text]
    lines: list[int]


@dataclass(slots=True)
class _Heading:
    level: int
    body: _Lines
    setext: bool


@dataclass(slots=True)
class _Para:
    body: _Lines


@dataclass(slots=True)
class _Item:
    line: int
    children: list[_Node] = field(default_factory=list)

    @property
    def head(self) -> _Para | None:
        first = self.children[0] if self.children else None
        if isinstance(first, _Para) and first.body.lines and first.body.lines[0] == self.line:
            return first
        return None

    @property
    def rest(self) -> list[_Node]:
        return self.children[1:] if self.head else self.children


@dataclass(slots=True)
class _List:
    items: list[_Item] = field(default_factory=list)


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[_Text]


@dataclass(slots=True)
class _Table:
    header: _Row | None = None
    rows: list[_Row] = field(default_factory=list)


@dataclass(slots=True)
class _Quote:
    children: list[_Node] = field(default_factory=list)


_Node = _Heading | _Para | _List | _Table | _Quote


def _column(header: list[str], pattern: re.Pattern[str], taken: int | None = None) -> int | None:
    return next((k for k, name in enumerate(header) if pattern.match(name) and k != taken), None)


def _pad(cells: list[_Text], width: int) -> list[_Text]:
    """Exactly `width` cells, as GFM reads a row with too few or too many."""
    anchor = cells[-1].end if cells else 0
    return (cells + [_Text("", (), (), anchor)] * width)[:width]


def _only(pattern: re.Pattern[str], raw: str) -> bool:
    """Whether the whole text is one bold (or italic) span."""
    match = pattern.match(raw)
    return match is not None and match[1] not in match["inner"]


def _row_cells(source: _Source, index: int) -> list[_Text]:
    """The cells of a table row, split at unescaped pipes, each without its spaces."""
    line = source.lines[index] if index < len(source.lines) else ""
    base = source.line_starts[index] if index < len(source.line_starts) else len(source.text)
    start = len(line) - len(line.lstrip(" \t>"))
    body = line.rstrip()
    if body[start:start + 1] == "|":
        start += 1
    stop = len(body)
    if stop > start and body[stop - 1] == "|" and (stop < 2 or body[stop - 2] != "\\"):
        stop -= 1
    cells: list[_Text] = []
    cell_start = start
    position = start
    while position <= stop:
        if position == stop or body[position] == "|":
            cells.append(_Text.raw(body[cell_start:position], base + cell_start).strip())
            cell_start = position + 1
        elif body[position] == "\\":
            position += 1
        position += 1
    return cells


_CLOSERS = frozenset({"bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close", "table_close"})


def _tree(tokens: list[Token], source: _Source) -> list[_Node]:
    """The blocks goallint cares about, nested as in the document."""
    root: list[_Node] = []
    stack: list[list[_Node] | _List | _Table] = [root]
    pending: tuple[str, int, bool] | None = None
    in_head = False

    def children() -> list[_Node]:
        top = stack[-1]
        return top if isinstance(top, list) else root

    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            pending = ("heading", int(token.tag[1:]), token.markup in ("=", "-"))
        elif kind == "paragraph_open":
            pending = ("paragraph", 0, False)
        elif kind == "inline" and pending is not None and token.map is not None:
            first = token.map[0]
            contents = token.content.split("\n")
            body = _Lines([source.locate(first + k, c) for k, c in enumerate(contents)],
                          [first + k for k in range(len(contents))])
            node: _Node = _Heading(pending[1], body, pending[2]) if pending[0] == "heading" else _Para(body)
            children().append(node)
            pending = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            new_list = _List()
            children().append(new_list)
            stack.append(new_list)
        elif kind == "list_item_open":
            top = stack[-1]
            item = _Item(token.map[0] if token.map else 0)
            if isinstance(top, _List):
                top.items.append(item)
            stack.append(item.children)
        elif kind == "blockquote_open":
            quote = _Quote()
            children().append(quote)
            stack.append(quote.children)
        elif kind == "table_open":
            table = _Table()
            children().append(table)
            stack.append(table)
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and isinstance(stack[-1], _Table) and token.map is not None:
            row = _Row(token.map[0], _row_cells(source, token.map[0]))
            if in_head:
                stack[-1].header = row
            else:
                stack[-1].rows.append(row)
        elif kind in _CLOSERS and len(stack) > 1:
            stack.pop()
    return root


# --------------------------------------------------------------------------- the reader


@dataclass(frozen=True, slots=True)
class _Context:
    """Where a block sits."""

    target: Goal | None = None  # what an `owner:` / `source:` line here describes
    objective: Objective | None = None  # the objective this block belongs to (for KPIs)
    parent: Objective | None = None  # the objective whose bullet this block is nested in
    plain_krs: bool = False  # unlabelled list items here are key results
    okr: bool = False  # the section is about OKRs
    nested: bool = False  # inside a list item


@dataclass(slots=True)
class _Group:
    """Lines that make one statement: a labelled line and the lines that continue it."""

    kind: str  # objective, kr, owner_kr, kpi, bold (a bold item), plain (an unlabelled item)
    pieces: list[_Text]
    lines: list[int]
    first: bool  # it starts on the block's first line


def _span_in(local: Span, body: _Text, source: _Source) -> Span:
    """A span the builders computed on `body.text` (offsets from 0), on the source."""
    start, end = local.start.offset, local.end.offset
    size = len(body.text)
    begin = body.starts[start] if start < size else body.end
    finish = body.ends[min(end, size) - 1] if end > start and size else begin
    return source.span(begin, finish)


def _remap(value: object, body: _Text, source: _Source) -> None:
    """Move every span inside a freshly built model object from `body.text` to the source."""
    if isinstance(value, BaseModel):
        for name, inner in list(value.__dict__.items()):
            if isinstance(inner, Span):
                setattr(value, name, _span_in(inner, body, source))
            else:
                _remap(inner, body, source)
    elif isinstance(value, list):
        for inner in value:
            _remap(inner, body, source)


def _local(text: _Text) -> LineText:
    return LineText(text.text, 1, 0, 0)


class _Reader:
    def __init__(self, source: _Source, references: frozenset[str], path: str | None, fy_start_month: int) -> None:
        self.source = source
        self.references = references
        self.document = Document.model_construct(
            path=path, format="md", title=None, period=None, owner=None, parent=None,
            objectives=[], kpis=[], directives=[], syntax_errors=[],
        )
        self.fy_start_month = fy_start_month
        self.period: PlanningPeriod | None = None
        self.objective: Objective | None = None  # the most recent objective
        self.objective_level = 0  # a heading at this level or above ends it
        self.section_objective: Objective | None = None  # the objective a heading or paragraph opened
        self.section_level = 0
        self.section_plain = False  # unlabelled top-level bullets in this section are key results
        self.level = 0  # level of the latest heading
        self.headings: list[tuple[int, str]] = []
        self._cleaned: dict[tuple[int, str], _Text] = {}

    # ---- helpers

    def clean(self, text: _Text) -> _Text:
        key = (text.anchor, text.text)
        found = self._cleaned.get(key)
        if found is None:
            found = self._cleaned[key] = _clean(text, self.references).strip()
        return found

    def text_field(self, value: _Text) -> TextField:
        return TextField.model_construct(text=value.text, span=self.source.span(value.start, value.end))

    def problem(self, where: _Text, message: str, hint: str) -> None:
        self.document.syntax_errors.append(
            SyntaxProblem.model_construct(message=message, hint=hint, span=self.source.span(where.start, where.end))
        )

    def line_span(self, first: int, last: int) -> Span:
        last = min(last, len(self.source.lines) - 1)
        start = self.source.line_starts[first]
        return self.source.span(start, self.source.line_starts[last] + len(self.source.lines[last]))

    def classify(self, text: str) -> tuple[str, re.Match[str]] | None:
        for kind, pattern in (("field", _FIELD_RE), ("objective", _OBJECTIVE_RE), ("kr", _KR_RE),
                              ("owner_kr", _OWNER_KR_RE), ("kpi", _KPI_RE), ("intro", _INTRO_RE)):
            match = pattern.match(text)
            if match:
                return kind, match
        return None

    def labelled(self, piece: _Text, kinds: tuple[str, ...] = ("objective", "kr", "owner_kr", "kpi")) -> bool:
        found = self.classify(self.clean(piece).text)
        return found is not None and found[0] in kinds

    def okr_context(self) -> bool:
        return any(_OKR_WORDS_RE.search(text) for _, text in self.headings)

    def top(self) -> _Context:
        return _Context(
            target=self.section_objective, objective=self.section_objective, parent=None,
            plain_krs=self.section_plain and self.objective is not None, okr=self.okr_context(), nested=False,
        )

    # ---- the document

    def read(self, nodes: list[_Node], front_matter: list[int]) -> Document:
        self._front_matter(front_matter)
        self._find_period(nodes)
        for node in nodes:
            self.node(node, self.top())
        return self.document

    def _front_matter(self, lines: list[int]) -> None:
        for index in lines:
            piece = _Text.raw(self.source.lines[index], self.source.line_starts[index]).strip()
            match = _FIELD_RE.match(piece.text)
            if not match:
                continue
            value = piece.sub(match.start("value")).strip()
            if len(value.text) >= 2 and value.text[0] == value.text[-1] and value.text[0] in "\"'":
                value = value.sub(1, len(value.text) - 1)
            key = " ".join(match["key"].lower().split())
            if key in _PERIOD_KEYS:
                if self.document.period is None:
                    self._set_period(value, report=True)
            elif value.text:
                self._field(key, value, None, _Context())

    def _set_period(self, value: _Text, report: bool) -> bool:
        self.period = parse_period(value.text, self.fy_start_month)
        if self.period is None:
            if report:
                self.problem(value, f"goallint does not understand the period '{value.text}'.", _PERIOD_HINT)
            return False
        self.document.period = Period.model_construct(
            text=value.text, label=self.period.label, start=self.period.start.isoformat(),
            end=self.period.end.isoformat(), span=self.source.span(value.start, value.end),
        )
        return True

    def _find_period(self, nodes: list[_Node]) -> None:
        """Deadlines resolve against the period, so it is found before anything is read:
        a `period:` line at the top level first, else the first heading that names one."""
        if self.document.period is not None:
            return
        for piece in self._top_lines(nodes):
            cleaned = self.clean(piece)
            match = _FIELD_RE.match(cleaned.text)
            if match and " ".join(match["key"].lower().split()) in _PERIOD_KEYS:
                value = cleaned.sub(match.start("value")).strip()
                if value.text:
                    self._set_period(value, report=True)
                    return
        for node in nodes:
            if not isinstance(node, _Heading):
                continue
            cleaned = self.clean(_join(node.body.pieces))
            if self.classify(cleaned.text) is not None:
                continue
            found = _PERIOD_IN_HEADING_RE.search(cleaned.text)
            year = _YEAR_HEADING_RE.match(cleaned.text)
            named: _Text | None = None
            if found:
                named = cleaned.sub(found.start(), found.end())
            elif year:
                named = cleaned.sub(year.start("year"), year.end("year"))
            if named is not None and self._set_period(named, report=False):
                return

    def _top_lines(self, nodes: list[_Node]) -> list[_Text]:
        lines: list[_Text] = []
        for node in nodes:
            if isinstance(node, _Para) or (isinstance(node, _Heading) and node.setext):
                lines.extend(node.body.pieces)
            elif isinstance(node, _List):
                lines.extend(item.head.body.pieces[0] for item in node.items if item.head)
            elif isinstance(node, _Quote):
                lines.extend(self._top_lines(node.children))
        return lines

    def node(self, node: _Node, context: _Context) -> None:
        if isinstance(node, _Heading):
            if context.nested or (node.setext and any(_FIELD_RE.match(self.clean(p).text) for p in node.body.pieces)):
                self.lines(node.body, context, "paragraph")
            else:
                self.heading(node)
        elif isinstance(node, _Para):
            intro = self.lines(node.body, context, "paragraph")[1]
            if intro and not context.nested and self.objective is not None:
                self.section_plain = True
        elif isinstance(node, _List):
            self.list(node, context)
        elif isinstance(node, _Table):
            self.table(node, context)
        else:
            for child in node.children:
                self.node(child, self.top() if not context.nested else context)

    # ---- headings

    def heading(self, heading: _Heading) -> None:
        cleaned = self.clean(_join(heading.body.pieces))
        found = self.classify(cleaned.text)
        kind = found[0] if found else None
        if kind in ("kr", "owner_kr", "kpi"):
            self.lines(heading.body, self.top(), "heading")
            return
        self._enter(heading.level, cleaned.text)
        if kind == "objective":
            made = self.lines(heading.body, self.top(), "heading")[0]
            if isinstance(made, Objective):
                self.objective_level = heading.level
                self.section_objective, self.section_level, self.section_plain = made, heading.level, True
            return
        if _INTRO_HEADING_RE.match(cleaned.text) and self.objective is not None:
            self.section_plain = True
        if heading.level == 1 and self.document.title is None and cleaned.text:
            self.document.title = self.text_field(cleaned)

    def _enter(self, level: int, text: str) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))
        self.level = level
        if self.objective is not None and level <= self.objective_level:
            self.objective = None
        if self.section_objective is not None and level <= self.section_level:
            self.section_objective = None
        self.section_plain = False

    # ---- lines: paragraphs, headings and the first paragraph of a list item

    def lines(
        self, body: _Lines, context: _Context, block: str, mode: str | None = None, has_list: bool = False
    ) -> tuple[Goal | None, bool]:
        """Read a block line by line. `mode` says how an unlabelled first line reads: "bold"
        (the item is an objective), "plain" (a key result) or None (prose). Returns the item
        the first line made, and whether the block introduces key results ("Key results:")."""
        first_made: Goal | None = None
        intro = False
        last: Goal | None = None
        group: _Group | None = None

        def close() -> None:
            nonlocal group, last, first_made, intro
            if group is None:
                return
            made, is_intro = self.statement(group, context, block, has_list and group.first)
            if made is not None:
                last = made
                if group.first:
                    first_made = made
            intro = intro or is_intro
            group = None

        for index, (piece, line) in enumerate(zip(body.pieces, body.lines, strict=True)):
            if index == 0 and block == "item" and (box := _CHECKBOX_RE.match(piece.text)):
                piece = piece.sub(box.end())
            if index == 0 and mode == "bold":
                group = _Group("bold", [piece], [line], True)
                continue
            cleaned = self.clean(piece)
            found = self.classify(cleaned.text)
            kind = found[0] if found else None
            if found is not None and kind == "field":
                close()
                value = cleaned.sub(found[1].start("value")).strip()
                if value.text:
                    self._field(" ".join(found[1]["key"].lower().split()), value, last or context.target, context)
            elif kind in ("objective", "kr", "owner_kr", "kpi"):
                close()
                group = _Group(kind, [piece], [line], index == 0)
            elif kind == "intro":
                close()
                intro = intro or index == 0 or block == "paragraph"
            elif index == 0 and mode == "plain":
                group = _Group("plain", [piece], [line], True)
            elif group is not None:
                group.pieces.append(piece)
                group.lines.append(line)
        close()
        return first_made, intro

    def statement(self, group: _Group, context: _Context, block: str, may_intro: bool) -> tuple[Goal | None, bool]:
        """Make the objective, key result or KPI a group of lines writes."""
        joined = _join(group.pieces)
        cleaned = self.clean(joined)
        line_span = self.line_span(group.lines[0], group.lines[-1])
        pattern = {"objective": _OBJECTIVE_RE, "bold": _OBJECTIVE_RE, "kr": _KR_RE, "owner_kr": _OWNER_KR_RE,
                   "kpi": _KPI_RE}.get(group.kind)
        match = pattern.match(cleaned.text) if pattern else None
        body = cleaned.sub(match.start("text")).strip() if match else cleaned
        if group.kind in ("objective", "bold"):
            if not body.text:
                self.problem(cleaned, "This objective has no text.",
                             "Write the objective after its label, e.g. 'Objective: Delight our customers'.")
                return None, False
            label = _label("O", match["n1"] or match["n2"] or match["n3"]) if match else None
            return self.new_objective(label, body, line_span, context), False
        label = _label("KPI" if group.kind == "kpi" else "KR", match["n"]) if match else None
        if not body.text:
            if may_intro and group.kind != "kpi":
                return None, True
            what = "KPI" if group.kind == "kpi" else "key result"
            self.problem(cleaned, f"This {what} has no text.",
                         f"Write the {what} after its label, e.g. "
                         + ("'KPI: Weekly active users ≥ 5,000'." if group.kind == "kpi"
                            else "'KR: Raise NPS from 30 to 50 by end of Q3'."))
            return None, False
        if group.kind == "kpi":
            return self.new_kpi(label, body, line_span, context), False
        owner = None
        if match and group.kind == "owner_kr":
            owner = cleaned.sub(match.start("who"), match.end("who")).strip()
        return self.new_key_result(label, body, line_span, owner, joined), False

    def new_objective(self, label: str | None, body: _Text, line_span: Span, context: _Context) -> Objective:
        piece, markers = take_markers(_local(body))
        commitment: Commitment | None = None
        if "committed" in markers:
            commitment = "committed"
        elif markers & {"aspirational", "stretch"}:
            commitment = "aspirational"
        objective = Objective.model_construct(
            label=label, text=piece.text, span=_span_in(piece.span(), body, self.source), commitment=commitment,
            owner=None, parent=None, key_results=[], kpis=[], line_span=line_span,
        )
        if context.parent is not None:
            objective.parent = TextField.model_construct(text=context.parent.text, span=context.parent.span)
        self.document.objectives.append(objective)
        self.objective, self.objective_level = objective, self.level
        return objective

    def new_key_result(
        self, label: str | None, body: _Text, line_span: Span, owner: _Text | None, where: _Text
    ) -> KeyResult | None:
        if self.objective is None:
            self.problem(where.strip(), "This key result has no objective above it.",
                         "Write the objective first ('## Objective: Delight our customers' or "
                         "'- **Objective:** …'), then its key results below it.")
            return None
        item = key_result(label, _local(body), _local(body), self.period, self.fy_start_month)
        _remap(item, body, self.source)
        item.line_span = line_span
        if owner is not None and owner.text:
            item.owner = self.text_field(owner)
        self.objective.key_results.append(item)
        return item

    def new_kpi(self, label: str | None, body: _Text, line_span: Span, context: _Context) -> KPI:
        item = kpi(label, _local(body), _local(body), self.period, self.fy_start_month)
        _remap(item, body, self.source)
        item.line_span = line_span
        # a KPI inside an objective's bullet or section is that objective's; elsewhere the plan's
        if context.objective is not None:
            context.objective.kpis.append(item)
        else:
            self.objective = None
            self.document.kpis.append(item)
        return item

    def _field(self, key: str, value: _Text, target: Goal | None, context: _Context) -> None:
        """`owner: …`, `source: …` and the like, for the item they are written under."""
        if isinstance(target, KPI) and (key in _KPI_KEYS or key in _OWNER_KEYS):
            watched = ("source", "cadence", "owner", "annual_target", "deadline")
            before = [getattr(target, name) for name in watched]
            before_target = target.measure.target
            kpi_field(target, "owner" if key in _OWNER_KEYS else key, _local(value), self.period, self.fy_start_month)
            for name, old in zip(watched, before, strict=True):
                new = getattr(target, name)
                if new is not None and new is not old:
                    _remap(new, value, self.source)
            if target.measure.target is not None and target.measure.target is not before_target:
                _remap(target.measure.target, value, self.source)
        elif isinstance(target, KeyResult | Objective) and key in _OWNER_KEYS:
            target.owner = self.text_field(value)
        elif isinstance(target, Objective) and key in _PARENT_KEYS:
            target.parent = self.text_field(value)
        elif target is None and not context.nested and self.objective is None and not self.document.kpis:
            if key in _OWNER_KEYS and self.document.owner is None:
                self.document.owner = self.text_field(value)
            elif key in _PARENT_KEYS and self.document.parent is None:
                self.document.parent = self.text_field(value)
            elif key == "title" and self.document.title is None:
                self.document.title = self.text_field(value)

    # ---- lists

    def list(self, node: _List, context: _Context) -> None:
        bold = self._bold_objectives(node, context)
        for index, item in enumerate(node.items):
            self.item(item, context, index in bold)

    def _bold_objectives(self, node: _List, context: _Context) -> set[int]:
        """Unlabelled bold items that are objectives: those with labelled key results under
        them, those with bullets under them in a section about OKRs, and their bold siblings."""
        bold: set[int] = set()
        qualified = False
        for index, item in enumerate(node.items):
            head = item.head
            if head is None or self.labelled(head.body.pieces[0]):
                continue
            if not _only(_BOLD_ONLY_RE, _join(head.body.pieces).text.strip()):
                continue
            bold.add(index)
            if self._labelled_below(item) or (context.okr and any(isinstance(c, _List) and c.items for c in item.rest)):
                qualified = True
        return bold if qualified else set()

    def _labelled_below(self, item: _Item) -> bool:
        for child in item.rest:
            if isinstance(child, _Para) and any(self.labelled(p) for p in child.body.pieces):
                return True
            if isinstance(child, _Quote) and self._labelled_below(_Item(-1, child.children)):
                return True
            if isinstance(child, _List):
                for sub in child.items:
                    if (sub.head and self.labelled(sub.head.body.pieces[0])) or self._labelled_below(sub):
                        return True
        return False

    def _labelled_children(self, item: _Item) -> bool:
        """Whether an objective's bullets name their key results ("KR: …"): then the others are notes."""
        kinds = ("kr", "owner_kr")
        for child in item.rest:
            if isinstance(child, _List) and any(
                sub.head and self.labelled(sub.head.body.pieces[0], kinds) for sub in child.items
            ):
                return True
            if isinstance(child, _Para) and any(self.labelled(p, kinds) for p in child.body.pieces):
                return True
        return False

    def item(self, item: _Item, context: _Context, bold_objective: bool) -> None:
        head = item.head
        has_list = any(isinstance(child, _List) and child.items for child in item.rest)
        mode = "bold" if bold_objective else "plain" if context.plain_krs and self.objective is not None else None
        made, intro = (self.lines(head.body, context, "item", mode, has_list) if head else (None, False))
        if isinstance(made, Objective):
            inner = _Context(target=made, objective=made, parent=made,
                             plain_krs=not self._labelled_children(item), okr=context.okr, nested=True)
        elif made is not None:
            inner = _Context(target=made, objective=context.objective, parent=context.parent,
                             plain_krs=False, okr=context.okr, nested=True)
        else:
            inner = replace(context, target=None, plain_krs=intro and self.objective is not None, nested=True)
        for child in item.rest:
            self.node(child, inner)
        if isinstance(made, Objective):
            self.objective = made  # a bullet after this one, at its level, is this objective's

    # ---- tables

    def table(self, node: _Table, context: _Context) -> None:
        """One key result a row: from a "Key result" column, or from the first column when bold
        rows with otherwise empty cells name the objectives; an "Objective" column names the
        objective of each row."""
        header = [self.clean(cell).text for cell in node.header.cells] if node.header else []
        kr_column = _column(header, _KR_HEADER_RE)
        objective_column = _column(header, _OBJECTIVE_HEADER_RE, kr_column)
        owner_column = _column(header, _OWNER_HEADER_RE)
        width = len(header)
        rows = [(row, [self.clean(cell) for cell in _pad(row.cells, width)]) for row in node.rows]
        fallback = kr_column is None and objective_column is None
        if fallback:
            has_objective_rows = any(
                _only(_BOLD_ONLY_RE, row.cells[0].text) and not any(c.text for c in cells[1:])
                for row, cells in rows
                if row.cells
            )
            if not ((context.okr and has_objective_rows) or (context.plain_krs and self.objective is not None)):
                return  # a table, not a table of key results
            kr_column = 0
        orphan: _Text | None = None
        last_objective = ""
        for row, cells in rows:
            if not any(cell.text for cell in cells):
                continue
            line_span = self.line_span(row.line, row.line)
            named = cells[objective_column] if objective_column is not None else None
            if named is not None and named.text and named.text != last_objective:
                last_objective = named.text
                self._table_objective(named, line_span, context)
            if kr_column is None or not cells[kr_column].text:
                continue
            cell = cells[kr_column]
            raw = row.cells[kr_column].text if kr_column < len(row.cells) else ""
            alone = not any(c.text for k, c in enumerate(cells) if k not in (kr_column, objective_column))
            if alone and objective_column is None and _only(_BOLD_ONLY_RE, raw):
                self._table_objective(cell, line_span, context)
            elif alone and _only(_ITALIC_ONLY_RE, raw):
                continue  # a note between the rows
            elif self.objective is None:
                orphan = orphan or cell
            else:
                match = _KR_RE.match(cell.text)
                body = cell.sub(match.start("text")).strip() if match else cell
                label = _label("KR", match["n"]) if match else None
                item = self.new_key_result(label, body, line_span, None, cell) if body.text else None
                if item is not None and owner_column is not None and cells[owner_column].text:
                    item.owner = self.text_field(cells[owner_column])
        if orphan is not None and not fallback:
            self.problem(orphan, "These key results have no objective above them.",
                         "Add an 'Objective' column, a bold row naming the objective, "
                         "or a heading like '## Objective: …' above the table.")

    def _table_objective(self, cell: _Text, line_span: Span, context: _Context) -> None:
        match = _OBJECTIVE_RE.match(cell.text)
        number = None if match else _TABLE_NUMBER_RE.match(cell.text)
        if match:
            label: str | None = _label("O", match["n1"] or match["n2"] or match["n3"])
            body = cell.sub(match.start("text")).strip()
        elif number:
            label, body = f"O{number['n']}", cell.sub(number.start("text")).strip()
        else:
            label, body = None, cell
        if body.text:
            self.new_objective(label, body, line_span, context)


# --------------------------------------------------------------------------- entry point


def _split_front_matter(source: _Source) -> list[int]:
    """Line indexes inside a leading `---` … `---` block (its fields), or none."""
    if not source.lines or not _FRONT_MATTER_OPEN_RE.match(source.lines[0]):
        return []
    for index in range(1, len(source.lines)):
        if _FRONT_MATTER_CLOSE_RE.match(source.lines[index]):
            return list(range(1, index)) if index > 1 else [-1]
    return []


def parse_markdown(text: str, path: str | None = None, fy_start_month: int = 1) -> Document:
    """Read OKRs from a Markdown document. Never raises on content: prose is ignored, and
    items that mean to be goals but are broken become `syntax_errors`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    source = _Source(text)
    front = _split_front_matter(source)
    markdown_text = text
    fields = [index for index in front if index >= 0]
    if front:
        # hide the front matter from markdown-it, keeping the line numbers
        hidden = (fields[-1] if fields else 0) + 2
        markdown_text = "\n" * hidden + "\n".join(source.lines[hidden:])
    env: dict[str, object] = {}
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown_text, env)
    found = env.get("references")
    references = frozenset(found) if isinstance(found, dict) else frozenset()
    reader = _Reader(source, references, path, fy_start_month)
    return reader.read(_tree(tokens, source), fields)
