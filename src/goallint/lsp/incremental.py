"""Re-linting after a keystroke: only the objective an edit touched is read and checked again.

An `.okr` plan is cut into blocks: the header (everything before the first objective at the
margin) and one block per objective. The reader carries nothing from one objective to the next
except what the header says, so each block is read as its own small document (header + block),
and goallint's own rules that look at one objective, key result or KPI (and rule packs that
judge one statement or objective at a time) are run on it once, for as long as the block's text
and the header stay the same. Those results are then moved to where
the block now sits: a line added above moves it down, and only line and offset numbers change
(such rules do not write line numbers into their messages; a rule that did would have to run
whole, as the plugins' rules do).

What looks across the whole plan (document rules, plugins' rules, suppressions, per-file
ignores) runs each time on the plan put together from the blocks. A line that looked like an
objective but is not read as one joins the block above it; whenever a block would be read
differently inside the plan (a `period:` or header field below the header) the whole text is
checked as `goallint check` does. tests/test_lsp_incremental.py compares the two after random
edits. Markdown pages are always checked whole.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from goallint.checking import check_text
from goallint.checks.packs import PackRule
from goallint.config import Config
from goallint.engine.plugins import Plugins
from goallint.engine.runner import Selection, lint, sort_findings
from goallint.engine.suppression import apply_suppressions
from goallint.lines import split_lines
from goallint.model import KPI, Document, Finding, Position, Span
from goallint.syntax import Format, parse_document
from goallint.syntax.directives import read_directives

# A line that may start an objective: at the margin, perhaps after a bullet, as docs/format.md
# writes them. It is only a candidate: one the reader does not take as an objective is read as
# part of the block above it.
_OBJECTIVE_START = re.compile(
    r"^(?:(?:[-*•+‣◦▪–]|\d{1,2}[.)])\s+)?(?:objective(?:\s*#?\s*\d+)?|O\s?\d+)(?:\s*[:.)\-–—]\s*|\s+)\S", re.I
)
# the same, matched line by line in the whole text: spaces that do not run into the next line
_OBJECTIVE_START_LF = re.compile(_OBJECTIVE_START.pattern.replace(r"\s", r"[^\S\n]"), re.I | re.M)
_DIRECTIVE = re.compile(r"goallint\s*:", re.I)  # what every directive holds, in both formats
_LOCAL_SCOPES = ("objective", "key_result", "kpi")
_BUILT_IN = "goallint."


@dataclass
class Checked:
    """One version's document and findings (spans in the text as checked, BOM removed)."""

    document: Document
    findings: list[Finding]
    incremental: bool


@dataclass
class _Block:
    """One objective's block, read with the header above it, and its local rules' findings."""

    document: Document  # the block's items only (plus the header's fields)
    findings: list[Finding]
    positions: list[Position]  # every position in the above, once each, for moving them
    line: int = 0  # where the block sits now: its first line and offset as parsed and moved
    offset: int = 0

    def move_to(self, line: int, offset: int) -> None:
        lines, chars = line - self.line, offset - self.offset
        if not lines and not chars:
            return
        for position in self.positions:  # plain attributes of the models: no validation needed
            values = position.__dict__
            values["line"] += lines
            values["offset"] += chars
        self.line, self.offset = line, offset


@dataclass
class DocumentChecker:
    """Checks the successive versions of one document, keeping what an edit did not touch."""

    path: str
    fmt: Format
    incremental: bool = True  # False checks every version whole (to compare, in bench/lsp.py)
    _blocks: dict[tuple[str, str, int], _Block] = field(default_factory=dict)
    _built_for: tuple[Config, Plugins] | None = None

    def check(self, text: str, config: Config, plugins: Plugins) -> Checked:
        text = text.removeprefix("\ufeff")
        if self.fmt != "okr" or not self.incremental:
            document, findings = check_text(text, self.path, config, plugins, self.fmt)
            return Checked(document, findings, incremental=False)
        if self._built_for is None or self._built_for[0] is not config or self._built_for[1] is not plugins:
            self._blocks.clear()  # read with another configuration: nothing of it holds
            self._built_for = (config, plugins)
        checked = self._check_blocks(text, config, plugins)
        if checked is None:
            document, findings = check_text(text, self.path, config, plugins, "okr")
            return Checked(document, findings, incremental=False)
        return checked

    def _check_blocks(self, text: str, config: Config, plugins: Plugins) -> Checked | None:
        header, pieces = split_blocks(text)
        if not pieces:
            return None
        local, rest = _split_selection(config.selection(plugins))
        head = self._block(header, "", 0, 1, 0, config, local, None)
        if head is None:
            return None
        placed: list[tuple[int, int, str, _Block]] = []
        copies: Counter[str] = Counter()  # a pasted copy of an objective is a block of its own
        for line, offset, piece in pieces:
            block = self._block(header, piece, copies[piece], line, offset, config, local, head)
            if block is None and placed:  # not an objective after all: it belongs to the block above
                line, offset, above, _ = placed.pop()
                copies[above] -= 1
                piece = above + piece
                block = self._block(header, piece, copies[piece], line, offset, config, local, head)
            if block is None:
                return None
            copies[piece] += 1
            placed.append((line, offset, piece, block))
        blocks = [block for *_, block in placed]
        # What this version does not use goes: typing makes a new block at each keystroke.
        kept = {(header, "", 0): head}
        seen: Counter[str] = Counter()
        for *_, piece, block in placed:
            kept[(header, piece, seen[piece])] = block
            seen[piece] += 1
        self._blocks = kept
        document = _assemble(head.document, [block.document for block in blocks])
        findings = [*head.findings, *(f for block in blocks for f in block.findings)]
        findings = sort_findings([*findings, *lint([document], rest)])
        selection = Selection([*local.rules, *rest.rules], {**local.options, **rest.options}, local.severity)
        found = findings
        if _DIRECTIVE.search(text):  # without a directive, suppression changes nothing
            # read over the whole text: a block's directive may silence the first line of the next
            document.directives = read_directives(text, "okr")
            found = apply_suppressions(findings, [document], {self.path: text}, plugins, selection)
        if config.per_file_ignores:
            found = [f for f in found if not config.ignores(f, plugins)]
        return Checked(document, found, incremental=True)

    def _block(
        self, header: str, piece: str, copy: int, line: int, offset: int, config: Config, local: Selection,
        head: _Block | None,
    ) -> _Block | None:
        key = (header, piece, copy)
        block = self._blocks.get(key)
        if block is None:
            block = _read_block(header, piece, self.path, config, local, head)
            if block is None:
                return None
            self._blocks[key] = block
        block.move_to(line, offset)
        return block


def split_blocks(text: str) -> tuple[str, list[tuple[int, int, str]]]:
    """The header's text, and each block's first line (1-based), offset and text."""
    starts: list[tuple[int, int]] = []
    if "\r" in text:  # lines may end in CR alone: count them as the reader does
        offset = 0
        for number, raw in enumerate(split_lines(text, keepends=True), start=1):
            if _OBJECTIVE_START.match(raw):
                starts.append((number, offset))
            offset += len(raw)
    else:  # one regex over the text: a tenth of the time, on every keystroke
        number, counted = 1, 0
        for match in _OBJECTIVE_START_LF.finditer(text):
            number += text.count("\n", counted, match.start())
            counted = match.start()
            starts.append((number, match.start()))
    if not starts:
        return text, []
    header_end = starts[0][1]
    ends = [start for _, start in starts[1:]] + [len(text)]
    blocks = [(line, start, text[start:end]) for (line, start), end in zip(starts, ends, strict=True)]
    return text[:header_end], blocks


def _split_selection(selection: Selection) -> tuple[Selection, Selection]:
    """goallint's own rules of one objective, key result or KPI, and rule packs that judge one
    objective at a time (run per block); and the rest.

    A plugin's Python rule may look anywhere in the document it is given, so it always sees the
    whole. A pack, a plugin's too, is data goallint's own code reads: it knows what the pack
    looks at.
    """
    local = [
        rule for rule in selection.rules
        if (rule.scope in _LOCAL_SCOPES and type(rule).__module__.startswith(_BUILT_IN))
        or (isinstance(rule, PackRule) and rule.pack.per_objective)
    ]
    rest = [rule for rule in selection.rules if rule not in local]
    return (Selection(local, selection.options, selection.severity),
            Selection(rest, selection.options, selection.severity))


def _read_block(
    header: str, piece: str, path: str, config: Config, local: Selection, head: _Block | None
) -> _Block | None:
    """Read header + block and keep the block's own items, with their local rules' findings.

    None when the block would not be read the same way inside the whole plan: its first line is
    not an objective, or it holds what the reader takes as the whole plan's (a `period:`, a
    header field)."""
    whole = parse_document(header + piece, path, "okr", config.fiscal_year_start)
    first_line = len(split_lines(header)) + 1  # the block's first line in `whole`
    if head is not None:
        if not whole.objectives or whole.objectives[0].line_span.start.line != first_line:
            return None
        ours = head.document
        if (whole.period, whole.title, whole.owner, whole.parent) != (ours.period, ours.title, ours.owner, ours.parent):
            return None
    else:
        first_line = 1

    def mine(line: int) -> bool:
        return line >= first_line

    document = Document.model_construct(
        path=whole.path, format="okr", title=whole.title, period=whole.period, owner=whole.owner,
        parent=whole.parent, objectives=whole.objectives,
        kpis=[kpi for kpi in whole.kpis if mine(kpi.line_span.start.line)],
        directives=[d for d in whole.directives if mine(d.span.start.line)],
        syntax_errors=[e for e in whole.syntax_errors if mine(e.span.start.line)],
    )
    findings = [_own_copy(finding) for finding in lint([document], local)]
    if head is not None:  # the header's fields belong to the header block: only the block's items move
        document = document.model_copy(update={"title": None, "owner": None, "parent": None, "period": None})
    positions = list(_unique_positions([document.objectives, document.kpis, document.directives,
                                        document.syntax_errors, findings]))
    return _Block(document, findings, positions, line=first_line, offset=len(header) if head else 0)


def _own_copy(finding: Finding) -> Finding:
    """A finding whose spans belong to it alone: a rule may hand back a span it keeps elsewhere,
    and moving the block must not move that. (Cheaper than a deep copy, which copies the text.)"""
    fix = finding.fix
    if fix is not None:
        edits = [edit.model_copy(update={"span": _own_span(edit.span)}) for edit in fix.edits]
        fix = fix.model_copy(update={"edits": edits})
    return finding.model_copy(update={"span": _own_span(finding.span), "fix": fix})


def _own_span(span: Span) -> Span:
    return Span.model_construct(
        start=Position.model_construct(**span.start.__dict__), end=Position.model_construct(**span.end.__dict__)
    )


def _unique_positions(roots: Iterable[Any]) -> Iterator[Position]:
    seen: set[int] = set()
    stack: list[Any] = list(roots)
    while stack:
        item = stack.pop()
        if isinstance(item, Position):
            if id(item) not in seen:
                seen.add(id(item))
                yield item
        elif isinstance(item, BaseModel):
            stack.extend(item.__dict__.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)


def _assemble(head: Document, blocks: list[Document]) -> Document:
    """The plan: the header's fields and items, then each block's, in order."""
    kpis: list[KPI] = [*head.kpis]
    document = Document.model_construct(
        path=head.path, format="okr", title=head.title, period=head.period, owner=head.owner,
        parent=head.parent, objectives=[], kpis=kpis, directives=[*head.directives],
        syntax_errors=[*head.syntax_errors],
    )
    for block in blocks:
        document.objectives.extend(block.objectives)
        kpis.extend(block.kpis)
        document.directives.extend(block.directives)
        document.syntax_errors.extend(block.syntax_errors)
    return document
