"""The `.okr` document format (docs/format.md): one item a line, in the layouts people type.

The document level is read line by line, not by a grammar: every line is classified on its
own, so a line that fits nothing becomes one syntax problem and the next line is read as if
nothing had happened. Statements (the text of a key result or KPI) go to the Lark grammar.
"""

from __future__ import annotations

import re

from goallint.lines import split_lines
from goallint.model import KPI, Commitment, Directive, Document, KeyResult, Objective, Period, SyntaxProblem, TextField
from goallint.syntax.build import LineText, key_result, kpi, kpi_field, take_markers
from goallint.syntax.checkins import attach_line, split_written, written_after
from goallint.syntax.dates import PlanningPeriod, parse_period
from goallint.syntax.markdown.evidence import grade_of, number_of, owner_prefix
from goallint.syntax.markdown.labels import OWNER_KR_RE
from goallint.syntax.markdown.period import date_range

_BULLET_RE = re.compile(r"^(?:[-*•+‣◦▪–]|\d{1,2}[.)])\s+")
_DIRECTIVE_RE = re.compile(r"^#\s*goallint\s*:", re.I)
# Blanks are taken possessively (`\s*+`) and a run is entered at its start only (`(?<!\s)`): a
# long run of spaces or tabs is then scanned once, not once from each of its blanks.
_TRAILING_DIRECTIVE_RE = re.compile(r"(?<!\s)\s++(#\s*+goallint\s*+:.*)$", re.I)
_SEPARATOR = r"\s*+(?:[:.)\-–—]\s*+|(?<=\s)(?=\S))"
_OBJECTIVE_RE = re.compile(
    rf"^(?:objective(?:\s*+#?\s*+(?P<n1>\d+))?|O\s?(?P<n2>\d+)){_SEPARATOR}(?P<text>\S.*)$", re.I
)
_KEY_RESULT_RE = re.compile(
    rf"^(?:KR|key\s+result)(?:\s*+#?\s*+(?P<n>\d+(?:\.\d+)?))?{_SEPARATOR}(?P<text>\S.*)$", re.I
)
_KPI_RE = re.compile(rf"^KPI(?:\s*+#?\s*+(?P<n>\d+))?{_SEPARATOR}(?P<text>\S.*)$", re.I)
_FIELD_RE = re.compile(
    r"^(?P<key>period|owner|parent|title|aligns?\s+to|alignment|target|source|data\s+source|cadence|"
    r"frequency|reporting\s+cadence|annual\s+target)\s*:\s*(?P<value>.*)$",
    re.I,
)
_HEADER_KEYS = {"period", "owner", "parent", "title", "align to", "aligns to", "alignment"}
_KPI_KEYS = {"target", "source", "data source", "cadence", "frequency", "reporting cadence", "annual target", "owner"}
_OBJECTIVE_KEYS = {"owner", "parent", "align to", "aligns to", "alignment"}
_PERIOD_HINT = "Write the period like 2026-Q3, FY27 Q1, 2026 H2 or 2026."


def _lines(text: str) -> list[LineText]:
    """Split into lines, keeping each line's offset; CRLF, CR and LF all end a line."""
    result: list[LineText] = []
    offset = 0
    for number, raw in enumerate(split_lines(text, keepends=True), start=1):
        content = raw.rstrip("\r\n")
        result.append(LineText(content, number, 0, offset))
        offset += len(raw)
    return result


def _label(prefix: str, number: str | None) -> str:
    return f"{prefix}{number}" if number else prefix


class _Reader:
    """Reads lines in order, remembering which objective and which item they belong to."""

    def __init__(self, path: str | None, fy_start_month: int) -> None:
        self.document = Document.model_construct(
            path=path, format="okr", title=None, period=None, owner=None, parent=None,
            objectives=[], kpis=[], directives=[], syntax_errors=[],
        )
        self.fy_start_month = fy_start_month
        self.period: PlanningPeriod | None = None
        self.objective: Objective | None = None
        self.objective_indent = 0
        self.item: KeyResult | KPI | None = None
        self.item_indent = 0
        self.lines: list[LineText] = []
        self.index = 0  # of the line being read

    def problem(self, where: LineText, message: str, hint: str) -> None:
        self.document.syntax_errors.append(SyntaxProblem.model_construct(message=message, hint=hint, span=where.span()))

    def read(self, text: str) -> Document:
        lines = _lines(text)
        self._find_period(lines)
        self.lines = lines
        for index, line in enumerate(lines):
            self.index = index
            self._line(line)
        return self.document

    def _heads_bullets(self, indent: int) -> bool:
        """Whether the next line with content is a bullet indented under this one: then this
        line, which carries no label, is their objective ("CFO: Grow net revenue" over
        "  - CFO KR: Close the books in 5 days")."""
        for line in self.lines[self.index + 1 : self.index + 50]:
            piece = line.stripped()
            if not piece.text or piece.text.startswith("#"):
                continue
            return piece.column > indent and _BULLET_RE.match(piece.text) is not None
        return False

    def _find_period(self, lines: list[LineText]) -> None:
        """Deadlines anywhere resolve against the period, so it is read before anything else."""
        for line in lines:
            piece = line.stripped()
            match = _FIELD_RE.match(_BULLET_RE.sub("", piece.text))
            if match and match["key"].lower() == "period" and line.text[:1] not in (" ", "\t"):
                value = piece.part(piece.text.index(match["value"]) if match["value"] else len(piece.text)).stripped()
                self.period = parse_period(value.text, self.fy_start_month) or date_range(
                    value.text, self.fy_start_month)
                if self.period is not None:
                    self.document.period = Period.model_construct(
                        text=value.text, label=self.period.label, start=self.period.start.isoformat(),
                        end=self.period.end.isoformat(), span=value.span(),
                    )
                return

    def _line(self, line: LineText) -> None:
        piece = line.stripped()
        if not piece.text:
            return
        indent = piece.column
        if piece.text.startswith("#"):
            if _DIRECTIVE_RE.match(piece.text):
                self.document.directives.append(Directive.model_construct(text=piece.text, span=piece.span()))
            return
        trailing = _TRAILING_DIRECTIVE_RE.search(piece.text)
        if trailing:  # "KR: … # goallint: disable=kr-count" is a directive, not statement text
            directive = piece.part(trailing.start(1))
            self.document.directives.append(Directive.model_construct(text=directive.text, span=directive.span()))
            piece = piece.part(0, trailing.start()).stripped()
        # check-ins, grades and milestones indented under a key result, KPI or objective
        owner = self.item if self.item is not None and indent > self.item_indent else self.objective
        if owner is not None and indent > (self.item_indent if owner is self.item else self.objective_indent) \
                and attach_line(owner, piece, self.period):
            return
        bullet = _BULLET_RE.match(piece.text)
        body = piece.part(bullet.end()) if bullet else piece
        field = _FIELD_RE.match(body.text)
        if field and self._field(field, body, line, indent, bool(bullet)):
            return
        if match := _OBJECTIVE_RE.match(body.text):
            self._objective(_label("O", match["n1"] or match["n2"]), body.part(match.start("text")), line, indent)
        elif match := _KEY_RESULT_RE.match(body.text):
            self._key_result(_label("KR", match["n"]), body.part(match.start("text")), line, indent)
            if match["n"] and isinstance(self.item, KeyResult):
                self.item.label_span = body.span(match.start("n"), match.end("n"))
        elif match := _KPI_RE.match(body.text):
            self._kpi(_label("KPI", match["n"]), body.part(match.start("text")), line, indent)
        elif "KR" in body.text and (match := OWNER_KR_RE.match(body.text)):  # "VP Eng KR: …", "[Finance] KR: …"
            self._key_result(_label("KR", match["n"]), body.part(match.start("text")), line, indent)
            who = body.part(match.start("who"), match.end("who")).stripped()
            if isinstance(self.item, KeyResult) and self.item.line_span == line.span() and who.text:
                self.item.owner = TextField.model_construct(text=who.text, span=who.span())
        elif (self.objective is None or indent <= self.objective_indent) and self._heads_bullets(indent):
            self._unlabelled_objective(piece if bullet else body, line, indent)
        elif bullet and self.objective is not None:
            self._key_result(None, body, line, indent)
        else:
            self.problem(
                piece,
                "goallint could not tell what this line is.",
                "Start it with 'Objective:', 'KR:' or 'KPI:', put it as a bullet under an objective, "
                "or make it a comment with '#'.",
            )

    def _field(self, field: re.Match[str], body: LineText, line: LineText, indent: int, bullet: bool) -> bool:
        key = " ".join(field["key"].lower().split())
        value = body.part(field.start("value")).stripped()
        under_item = self.item is not None and (indent > self.item_indent or bullet)
        if isinstance(self.item, KPI) and under_item and key in _KPI_KEYS:
            kpi_field(self.item, key, value, self.period, self.fy_start_month)
            return True
        if isinstance(self.item, KeyResult) and under_item and key == "owner":
            self.item.owner = TextField.model_construct(text=value.text, span=value.span())
            return True
        objective = self.objective
        if objective is not None and indent > self.objective_indent and key in _OBJECTIVE_KEYS:
            as_field = TextField.model_construct(text=value.text, span=value.span())
            if key == "owner":
                objective.owner = as_field
            else:
                objective.parent = as_field
            return True
        if key not in _HEADER_KEYS:
            return False
        if self.objective is not None or self.document.kpis:
            self.problem(
                body, f"'{field['key']}:' belongs at the top of the document.",
                "Move header fields (period, owner, parent, title) above the first objective, "
                "or indent it under the item it belongs to.",
            )
            return True
        as_field = TextField.model_construct(text=value.text, span=value.span())
        if key == "period":
            if self.document.period is None:
                message = f"goallint does not understand the period '{value.text}'."
                self.problem(value if value.text else body, message, _PERIOD_HINT)
        elif key == "owner":
            self.document.owner = as_field
        elif key == "title":
            self.document.title = as_field
        else:
            self.document.parent = as_field
        return True

    def _objective(self, label: str, body: LineText, line: LineText, indent: int) -> None:
        body, written = split_written(body, objective=True)
        body, markers = take_markers(body)
        commitment: Commitment | None = None
        if "committed" in markers:
            commitment = "committed"
        elif markers & {"aspirational", "stretch"}:
            commitment = "aspirational"
        self.objective = Objective.model_construct(
            label=label, text=body.text, span=body.span(), commitment=commitment, owner=None, parent=None,
            key_results=[], kpis=[], line_span=line.span(),
        )
        written.apply(self.objective)
        self.objective_indent = indent
        self.item = None
        self.document.objectives.append(self.objective)

    def _unlabelled_objective(self, body: LineText, line: LineText, indent: int) -> None:
        """ "2. Marketing — Grow pipeline": the number is its label, the owner its owner."""
        label = "O"
        if number := number_of(body.text):
            label, body = f"O{number['n']}", body.part(number.end()).stripped()
        owner: LineText | None = None
        if (prefix := owner_prefix(body.text)) and prefix.end() < len(body.text):
            who = "tag" if prefix["tag"] else "who"
            owner, body = body.part(prefix.start(who), prefix.end(who)).stripped(), body.part(prefix.end()).stripped()
        self._objective(label, body, line, indent)
        if owner is not None and self.objective is not None and owner.text:
            self.objective.owner = TextField.model_construct(text=owner.text, span=owner.span())

    def _key_result(self, label: str | None, body: LineText, line: LineText, indent: int) -> None:
        if self.objective is None:
            self.problem(
                line.stripped(), "This key result has no objective above it.",
                "Write the objective first ('Objective: Delight our customers'), then its key results below it.",
            )
            self.item = None
            return
        body, written = split_written(body)
        grade = grade_of(body.text, scores=False)  # "Launch the podcast - DONE", "#growth"
        if grade.end < len(body.text) and grade.end > grade.start:
            written.merge(written_after(body.text, grade.end, where=body))  # "… P1", "… - DONE"
            body = body.part(grade.start, grade.end).stripped()
        item = key_result(label, body, line, self.period, self.fy_start_month)
        written.apply(item)
        self.objective.key_results.append(item)
        self.item, self.item_indent = item, indent

    def _kpi(self, label: str, body: LineText, line: LineText, indent: int) -> None:
        item = kpi(label, body, line, self.period, self.fy_start_month)
        # a KPI indented under an objective is that objective's; one at the margin is the plan's
        if self.objective is not None and indent > self.objective_indent:
            self.objective.kpis.append(item)
        else:
            self.objective = None
            self.document.kpis.append(item)
        self.item, self.item_indent = item, indent


def parse_okr(text: str, path: str | None = None, fy_start_month: int = 1) -> Document:
    """Read an `.okr` document. Never raises on content: problems become `syntax_errors`."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return _Reader(path, fy_start_month).read(text)
