"""Blocks: the document's lines, and the headings, paragraphs, list items, quotes and table
rows markdown-it finds in them, nested as in the document and located on the source lines."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from goallint.model import Position, Span, constructed
from goallint.syntax.markdown.text import Text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

_EOL_RE = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_OPEN_RE = re.compile(r"^---[ \t]*$")
_FRONT_MATTER_CLOSE_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")



class Source:
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
        return constructed(Position, line=line, column=offset - self.line_starts[line - 1] + 1, offset=offset)

    def span(self, start: int, end: int) -> Span:
        starts = self.line_starts
        end = max(start, end)
        line = bisect_right(starts, start)
        # most spans end on the line they start on: one search for both ends
        last = line if line == len(starts) or end < starts[line] else bisect_right(starts, end, line)
        return constructed(
            Span,
            start=constructed(Position, line=line, column=start - starts[line - 1] + 1, offset=start),
            end=constructed(Position, line=last, column=end - starts[last - 1] + 1, offset=end),
        )

    def locate(self, index: int, content: str) -> Text:
        """Where the text of one content line sits in source line `index`."""
        if index >= len(self.lines):
            return Text("", (), (), len(self.text))
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
        return Text.raw(wanted, self.line_starts[index] + column)


@dataclass(slots=True)
class Lines:
    """Source pieces of a paragraph or heading, one per line (0-based line numbers)."""

    pieces: list[Text]
    lines: list[int]


@dataclass(slots=True)
class Heading:
    level: int
    body: Lines
    setext: bool


@dataclass(slots=True)
class Para:
    body: Lines


@dataclass(slots=True)
class Item:
    line: int
    children: list[Node] = field(default_factory=list)
    # `head`, worked out on first use (the reader and the layout ask about ten times an item);
    # the tree is complete by then: only `block_tree` adds children
    _head: Para | None = field(default=None, repr=False, compare=False)
    _head_known: bool = field(default=False, repr=False, compare=False)

    @property
    def head(self) -> Para | None:
        if not self._head_known:
            first = self.children[0] if self.children else None
            if isinstance(first, Para) and first.body.lines and first.body.lines[0] == self.line:
                self._head = first
            self._head_known = True
        return self._head

    @property
    def rest(self) -> list[Node]:
        return self.children[1:] if self.head else self.children


@dataclass(slots=True)
class ListBlock:
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    line: int
    cells: list[Text]


@dataclass(slots=True)
class Table:
    header: Row | None = None
    rows: list[Row] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    children: list[Node] = field(default_factory=list)


Node = Heading | Para | ListBlock | Table | Quote


def row_cells(source: Source, index: int) -> list[Text]:
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
    cells: list[Text] = []
    cell_start = start
    position = start
    while position <= stop:
        if position == stop or body[position] == "|":
            cells.append(Text.raw(body[cell_start:position], base + cell_start).strip())
            cell_start = position + 1
        elif body[position] == "\\":
            position += 1
        position += 1
    return cells


_CLOSERS = frozenset({"bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close", "table_close"})


_SUMMARY_RE = re.compile(r"<summary>[ \t]*+(?P<text>[^<\n]{1,300}?)[ \t]*+</summary>", re.I)


def block_tree(tokens: list[Token], source: Source) -> list[Node]:
    """The blocks goallint cares about, nested as in the document."""
    root: list[Node] = []
    stack: list[list[Node] | ListBlock | Table] = [root]
    pending: tuple[str, int, bool] | None = None
    in_head = False

    def children() -> list[Node]:
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
            body = Lines([source.locate(first + k, c) for k, c in enumerate(contents)],
                          [first + k for k in range(len(contents))])
            node: Node = Heading(pending[1], body, pending[2]) if pending[0] == "heading" else Para(body)
            children().append(node)
            pending = None
        elif kind == "html_block" and token.map is not None and (summary := _SUMMARY_RE.search(token.content)):
            # "<details><summary>Go live with Ramp</summary>": a disclosure's title heads what it hides
            first = token.map[0] + token.content.count("\n", 0, summary.start())
            children().append(Heading(6, Lines([source.locate(first, summary["text"])], [first]), False))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            new_list = ListBlock()
            children().append(new_list)
            stack.append(new_list)
        elif kind == "list_item_open":
            top = stack[-1]
            item = Item(token.map[0] if token.map else 0)
            if isinstance(top, ListBlock):
                top.items.append(item)
            stack.append(item.children)
        elif kind == "blockquote_open":
            quote = Quote()
            children().append(quote)
            stack.append(quote.children)
        elif kind == "table_open":
            table = Table()
            children().append(table)
            stack.append(table)
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open" and isinstance(stack[-1], Table) and token.map is not None:
            row = Row(token.map[0], row_cells(source, token.map[0]))
            if in_head:
                stack[-1].header = row
            else:
                stack[-1].rows.append(row)
        elif kind in _CLOSERS and len(stack) > 1:
            stack.pop()
    return root

# A table's cells are read from its source lines (`row_cells`): markdown-it's three tokens a cell
# (opening, text, closing) would be made for nothing, and were half the time of a page of wide
# tables. The rows and the table keep their tokens.
_CELL_TOKENS = frozenset({"th_open", "th_close", "td_open", "td_close", "inline"})


def with_rows_only_tables(parser: MarkdownIt) -> MarkdownIt:
    """`parser`, its table rule making no token for a table's cells."""
    from markdown_it.rules_block import table
    from markdown_it.token import Token

    scratch = Token("inline", "", 0)  # what the rule fills in for a cell, then forgets

    def rows_only(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        # Whether a table starts here, asked silently first (the rule answers so before it makes
        # anything): `push` is replaced on the state only for a table. Replacing it at every
        # line made the state's attributes a plain dict, every rule's look-ups slower after it
        # (a third of markdown-it's time on a page of bullets).
        if not table(state, start, end, True):
            return False
        if silent:
            return True
        push = state.push

        def push_rows(kind: str, tag: str, nesting: Literal[-1, 0, 1]) -> Token:
            # a cell's opening and closing tokens are left out together: the nesting level of
            # the tokens after the cell is as it was
            return scratch if kind in _CELL_TOKENS else push(kind, tag, nesting)

        vars(state)["push"] = push_rows
        try:
            return table(state, start, end, silent)
        finally:
            del vars(state)["push"]

    ruler = parser.block.ruler
    alternatives = list(ruler.__rules__[ruler.__find__("table")].alt)  # where else it may interrupt
    ruler.at("table", rows_only, {"alt": alternatives})
    return parser


def front_matter_lines(source: Source) -> list[int]:
    """Line indexes inside a leading `---` … `---` block (its fields), or none."""
    if not source.lines or not _FRONT_MATTER_OPEN_RE.match(source.lines[0]):
        return []
    for index in range(1, len(source.lines)):
        if _FRONT_MATTER_CLOSE_RE.match(source.lines[index]):
            return list(range(1, index)) if index > 1 else [-1]
    return []


_MARKDOWN_LINE_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|[*+-][ \t]+\S|\d{1,3}[.)][ \t]+\S)")
_HEADING_LINE_RE = re.compile(r"^[ \t]*#{1,6}[ \t]")
# "    KR1: All tasks are defined": a goal's label at the start of an indented line
_LABEL_LINE_RE = re.compile(
    r"^[ \t]*+(?:KRs?[ \t]*+#?\d{0,3}(?:\.\d{1,2})?|key[ \t]++results?[ \t]*+\d{0,3}|objective[ \t]*+#?\d{0,3}"
    r"|(?-i:O)\d{1,2})[ \t]*+[:.)]",
    re.I,
)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


_DASH_ITEM_RE = re.compile(r"^([ \t]*)([-*+])(?=[^\s\-*+])")  # "-users can create clones" (no space)


def _after_heading(lines: list[str], first: int) -> bool:
    """Whether the nearest line with text above line `first` is a heading."""
    for index in range(first - 1, -1, -1):
        if lines[index].strip():
            return _HEADING_LINE_RE.match(lines[index]) is not None
    return False


def undo_code_indent(markdown_text: str, tokens: list[Token]) -> str | None:
    """A page converted from another format sometimes indents whole sections, so Markdown
    shows them as code where a reader sees headings and bullets: "    ### Improve interop
    testing" over "        #### Imports happening daily" (Chromium platform predictability
    OKRs), or "### Be profitable" over "        - make £15,000 RR p/m" and "        -users can
    create clones" (a company handbook), or "Objective 2: …" over "    KR1: All tasks are
    defined" (an agency's team OKRs). Such a block, one that holds headings, that is a list
    right under a heading or whose lines are mostly labelled results, is moved left: each
    heading to the start of the line, the lines under it keeping their indentation relative to
    it, and "-text" read as a bullet. None when there is no such block."""
    blocks = [token.map for token in tokens if token.type == "code_block" and token.level == 0 and token.map]
    if not blocks:
        return None
    lines = _EOL_RE.split(markdown_text)  # as markdown-it counts lines: CR, LF and CRLF end one
    changed = False
    for first, last in blocks:
        first, last = min(first, len(lines)), min(last, len(lines))
        body = lines[first:last]
        marked = sum(1 for line in body if _MARKDOWN_LINE_RE.match(line) or _DASH_ITEM_RE.match(line))
        headed = any(_HEADING_LINE_RE.match(line) for line in body)
        filled = [_indent(line) for line in body if line.strip()]
        # "    KR1: All tasks are defined" under "Objective 2: …": labelled results, indented (the
        # lines indented further are their details)
        labelled = sum(1 for line in body if _LABEL_LINE_RE.match(line))
        outer = filled.count(min(filled)) if filled else 0
        if not (headed and marked >= 2) and not (_after_heading(lines, first) and marked * 2 >= len(filled)) \
                and not (labelled and labelled * 2 >= outer):
            continue
        written = [_indent(line) for line in body if line.strip()]
        base = min(written) if written else 0
        for index in range(first, last):
            line = lines[index]
            if _HEADING_LINE_RE.match(line):
                base = _indent(line)
                line = line.lstrip(" ")
            elif line.strip():
                line = line[min(base, _indent(line)):]
            lines[index] = _DASH_ITEM_RE.sub(r"\1\2 ", line, count=1)
        changed = True
    return "\n".join(lines) if changed else None


# "  • Goal 1a: …": a bullet as a page converted to text writes it (a web page's or a word
# processor's list), read as the Markdown bullet it stands for
_DOT_BULLET_RE = re.compile(r"^([ \t]*+)[•◦▪‣](?=[ \t])", re.M)


def with_dot_bullets(markdown_text: str) -> str:
    """The text with each "•" (or "◦", "▪", "‣") that starts a line read as "-": one character
    for one, so lines and offsets stay where they were."""
    if "•" not in markdown_text and "◦" not in markdown_text and "▪" not in markdown_text and "‣" not in markdown_text:
        return markdown_text
    return _DOT_BULLET_RE.sub(r"\1-", markdown_text)


# markdown-it fills every row of a table up to the header's width (up to 65,536 cells a table):
# a wide header over many short rows would cost far more than the text it is written in.
_CELLS_PER_CHARACTER = 2
_DELIMITER_ROW_RE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*(?::?-+:?[ \t]*)?$")


def without_wide_tables(markdown_text: str) -> str:
    """The text with the delimiter row of every table that would hold more cells than twice
    its characters (a wide header over many short rows) spoilt, its first `-` made a `~`, so
    that markdown-it reads those lines as a paragraph. No table of goals is like that; line
    numbers do not change."""
    lines = markdown_text.split("\n")
    changed = False
    index = 1
    while index < len(lines):
        line = lines[index]
        if "-" in line and "|" in line and _DELIMITER_ROW_RE.match(line):
            width = len(line.strip().strip("|").split("|"))
            end = index + 1
            size = len(lines[index - 1]) + len(line)
            while end < len(lines) and lines[end].strip():
                size += len(lines[end]) + 1
                end += 1
            if width * (end - index + 1) > _CELLS_PER_CHARACTER * size + 256:
                lines[index] = line.replace("-", "~", 1)
                changed = True
            index = end
        index += 1
    return "\n".join(lines) if changed else markdown_text
