"""The reader: walks the block tree and decides, from the labels and the layout, which lines
are objectives, key results and KPIs and which objective each belongs to.

A handbook is mostly prose: anything that does not look like a goal is ignored, and a syntax
problem is reported only for an item that clearly means to be one ("KR:" with no text, a key
result with no objective). Statements are read by the shared builders in `build.py` on the
cleaned text; every span they return is then mapped back onto the characters of the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TypeVar

from pydantic import BaseModel

from goallint.model import (
    KPI,
    Commitment,
    Document,
    KeyResult,
    Objective,
    Period,
    PeriodSource,
    Span,
    SyntaxProblem,
    TextField,
    constructed,
)
from goallint.syntax.build import LineText, key_result, kpi, kpi_field, take_markers
from goallint.syntax.checkins import checkins_under, statement_end, written_after
from goallint.syntax.dates import PlanningPeriod, parse_period
from goallint.syntax.markdown.blocks import Heading, Item, Lines, ListBlock, Node, Para, Quote, Source, Table
from goallint.syntax.markdown.evidence import (
    goal_label,
    goal_number,
    grade_of,
    is_goal_section,
    is_metadata,
    is_only_link,
    is_toc_entry,
    number_of,
    owner_after,
    owner_after_span,
    owner_prefix,
    reads_as_goal,
    reads_as_result,
)
from goallint.syntax.markdown.inline import clean_markup
from goallint.syntax.markdown.labels import (
    BOLD_ONLY_RE,
    CHECKBOX_RE,
    FIELD_RE,
    GOAL_LEAD_RE,
    INTRO_HEADING_RE,
    INTRO_RE,
    KPI_KEYS,
    KPI_RE,
    KR_RE,
    MAY_BE_LABELLED_RE,
    MEASURE_LEAD_RE,
    NUMBERED_RESULT_RE,
    OBJECTIVE_RE,
    OKR_WORDS_RE,
    OWNER_KEYS,
    OWNER_KR_RE,
    PARENT_KEYS,
    PERIOD_HINT,
    PERIOD_KEYS,
    decor_end,
    label_of,
    only,
)
from goallint.syntax.markdown.layout import (
    Layout,
    item_over_results,
    objective_code,
    read_layout,
    sub_numbered,
    talks_of_okrs,
)
from goallint.syntax.markdown.period import DateRange, Found, date_range, dates_in, fiscal_start, in_title, ranged
from goallint.syntax.markdown.plans import lettered, measure_dimension, roman_mark
from goallint.syntax.markdown.tables import read_table
from goallint.syntax.markdown.text import Text, join

Goal = Objective | KeyResult | KPI
G = TypeVar("G", Objective, KeyResult, KPI)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a block sits."""

    target: Goal | None = None  # what an `owner:` / `source:` line here describes
    objective: Objective | None = None  # the objective this block belongs to (for KPIs)
    parent: Objective | None = None  # the objective whose bullet this block is nested in
    plain_krs: bool = False  # unlabelled list items here are key results
    okr: bool = False  # the section is about OKRs
    nested: bool = False  # inside a list item


@dataclass(slots=True)
class Group:
    """Lines that make one statement: a labelled line and the lines that continue it."""

    kind: str  # objective, kr, owner_kr, kpi, bold (a bold item), plain (an unlabelled item)
    pieces: list[Text]
    lines: list[int]
    first: bool  # it starts on the block's first line


def span_in(local: Span, body: Text, source: Source) -> Span:
    """A span the builders computed on `body.text` (offsets from 0), on the source."""
    start, end = local.start.offset, local.end.offset
    size = len(body.text)
    begin = body.starts[start] if start < size else body.end
    finish = body.ends[min(end, size) - 1] if end > start and size else begin
    return source.span(begin, finish)


def remap(value: object, body: Text, source: Source) -> None:
    """Move every span inside a freshly built model object from `body.text` to the source."""
    if isinstance(value, BaseModel):
        for name, inner in list(value.__dict__.items()):
            if isinstance(inner, Span):
                setattr(value, name, span_in(inner, body, source))
            elif isinstance(inner, BaseModel | list):  # texts and numbers hold no span: no call for them
                remap(inner, body, source)
    elif isinstance(value, list):
        for inner in value:
            remap(inner, body, source)


# a lead-in to the work planned, not to results: "Key Activities and Deliverables for OKR 1", "Initiatives:"
_ACTIVITIES_RE = re.compile(
    r"^(?:key\s+|sample\s+|planned\s+)?(?:activities|initiatives|deliverables|tasks|actions|projects)\b", re.I
)
# a lead-in to questions or examples, closed by a colon: "We'll answer questions like:", "Some
# examples of what we're looking for:", "Examples might include:"
_EXAMPLES_LEAD_RE = re.compile(
    r"\b(?:questions?|examples?|e\.g\.|for\s+instance|such\s+as|ideas?)\b[^:]{0,60}:\s*$", re.I
)


# a label followed by a sentence that defines its term, as a guide writes it: "Objective: The objective
# is a planning element that describes …", "KPI: A KPI is …", "Key results: Key results are …"
_DEFINITION_RE = re.compile(
    r"^(?:the|an?|each|every)?\s*+(?:objectives?|goals?|key\s+results?|KRs?|KPIs?|OKRs?)\s+"
    r"(?:is|are|describes?|means?|defines?|should|must)\b",
    re.I,
)


def _is_status_mark(char: str) -> bool:
    return "\u2600" <= char <= "\u27bf" or "\U0001f000" <= char <= "\U0001faff" or char in "\ufe0f\u200d"


def _status_marks_start(text: str) -> int:
    """Where the emoji written after a statement start ("Grow revenue 🟢"): a walk back from the
    end over emoji and blanks (linear, no pattern to backtrack)."""
    end = len(text)
    while end and (text[end - 1].isspace() or _is_status_mark(text[end - 1])):
        end -= 1
    return end if any(_is_status_mark(char) for char in text[end:]) else len(text)


# a year in a sentence: "… focus on in 2010.", "… objectives for 2012. Those …"
_LEAD_IN_YEAR_RE = re.compile(r"(?<![\w.-])(?:19|20)\d\d(?![\w-])")


def _results_after(text: str) -> int | None:
    """Where a goal's name ends before its results, "Diversify produce sources: recruit 10 farm
    partners … by Q4, 2029; add a 3rd hub …": at its first colon, when two clauses or more follow."""
    colon = text.find(": ", 0, 150)
    if colon <= 0 or not text[colon - 1].isalnum():
        return None
    rest = text[colon + 2:].rstrip(" .")
    clauses = [clause for clause in re.split(r"[;.][ \t]+", rest) if len(clause) >= 20]
    return colon if len(clauses) >= 2 and ":" not in rest else None


# "Objective", "**Key Results**", "🎯 Objective": a kind's name alone on its line, no colon
_KIND_LINE_RE = re.compile(
    r"^(?:[^\w\s]{1,3}[ \t]*+)?(?:(?P<objective>objective)|key[ \t]++results|KRs)[ \t]*+$", re.I
)
# "| Cycle | Q2 2026 |": a row that gives the project's period
_PERIOD_ROW_KEYS = frozenset({"period", "quarter", "cycle", "okr cycle", "timeframe", "time frame", "planning period"})
# "1.1.1. Create a map …": a result numbered in its plan's outline (goal 1.1, its first part)
_OUTLINE_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2}){2,3}\.?[ \t]++(?=[A-Z])")
# a sentence ends and another starts: "… any time soon. The last time …"
_NEXT_SENTENCE_RE = re.compile(r"[.!?][)\"'’”]?\s+[A-Z]")


def _argument(text: str, lines: int) -> bool:
    """A point of an argument with its sub-points, not a goal over its results: several
    sentences, a long wrapped paragraph, or a lead-in ending in a colon ("… we would need to
    make a duplicate of all of the API code, because:")."""
    text = text.strip()
    return text.endswith(":") or len(text) > 200 or lines > 2 or _NEXT_SENTENCE_RE.search(text) is not None


def local(text: Text) -> LineText:
    return LineText(text.text, 1, 0, 0)


def in_place(text: Text, source: Source) -> LineText | None:
    """`text` as a piece of its source line, when it is written there as read (one line, no
    markup taken out): a builder then makes its spans on the source at once, and nothing is
    remapped (most key results of a page; remapping built every span twice)."""
    size = len(text.text)
    start = text.starts[0] if size else 0
    if not size or source.text[start : start + size] != text.text:
        return None
    if not text.verbatim():
        return None
    line = bisect_right(source.line_starts, start)
    if bisect_right(source.line_starts, start + size) != line:
        return None
    return LineText(text.text, line, start - source.line_starts[line - 1], start)


# the pattern that reads the label of each kind of group (a plain or layout-given line has none)
_LABEL_PATTERNS = {"objective": OBJECTIVE_RE, "bold": OBJECTIVE_RE, "kr": KR_RE, "owner_kr": OWNER_KR_RE,
                   "kpi": KPI_RE, "numbered": NUMBERED_RESULT_RE}


class Reader:
    def __init__(self, source: Source, references: frozenset[str], path: str | None, fy_start_month: int) -> None:
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
        # a paragraph that only states an objective ("**Objective 1:** Grow revenue"): the list
        # right under it holds its results
        self.objective_para: Objective | None = None
        # the block just read introduced key results ("Key results:", "### Key Results") or was one of
        # the paragraphs after it that are results, one a line (a copy that lost its bullets)
        self.results_run = False
        self.level = 0  # level of the latest heading
        self.headings: list[tuple[int, bool]] = []  # (level, whether it speaks of OKRs) of the open headings
        self.okr_headings = 0  # how many open headings speak of OKRs
        self.layout = Layout()
        self.front_title: Text | None = None  # the `title:` of the front matter
        self._cleaned: dict[tuple[int, str], Text] = {}
        # what each line says it is: the layout and the walk ask it of a line three times or more
        self._classified: dict[str, tuple[str, re.Match[str]] | None] = {}
        self._kinds: dict[tuple[int, str], str | None] = {}

    # ---- helpers

    def clean(self, text: Text) -> Text:
        key = (text.anchor, text.text)
        found = self._cleaned.get(key)
        if found is None:
            found = self._cleaned[key] = clean_markup(text, self.references).strip()
        return found

    def text_field(self, value: Text) -> TextField:
        return TextField.model_construct(text=value.text, span=self.source.span(value.start, value.end))

    def link_field(self, value: Text) -> TextField:
        """A `parent:` value: as written when it holds a link, whose address names the parent
        plan (`parent: [Company O2](../company.md#o2)`), else as read."""
        source = self.source.text
        line_start = source.rfind("\n", 0, value.start) + 1
        line_end = source.find("\n", value.end)
        line = source[line_start:line_end if line_end >= 0 else len(source)]
        colon = line.find(":", 0, value.start - line_start + 1)
        if colon >= 0 and "](" in line[colon:]:
            raw = line[colon + 1:]
            start = line_start + colon + 1 + (len(raw) - len(raw.lstrip()))
            end = line_start + len(line.rstrip())
            return TextField.model_construct(text=source[start:end], span=self.source.span(start, end))
        return self.text_field(value)

    def problem(self, where: Text, message: str, hint: str) -> None:
        self.document.syntax_errors.append(
            SyntaxProblem.model_construct(message=message, hint=hint, span=self.source.span(where.start, where.end))
        )

    def line_span(self, first: int, last: int) -> Span:
        last = min(last, len(self.source.lines) - 1)
        start = self.source.line_starts[first]
        return self.source.span(start, self.source.line_starts[last] + len(self.source.lines[last]))

    def classify(self, text: str) -> tuple[str, re.Match[str]] | None:
        if text in self._classified:
            return self._classified[text]
        found: tuple[str, re.Match[str]] | None = None
        for kind, pattern in (("field", FIELD_RE), ("objective", OBJECTIVE_RE), ("kr", KR_RE),
                              ("owner_kr", OWNER_KR_RE), ("kpi", KPI_RE), ("intro", INTRO_RE)):
            match = pattern.match(text)
            if match:
                found = kind, match
                break
        self._classified[text] = found
        return found

    def labelled(self, piece: Text, kinds: tuple[str, ...] = ("objective", "kr", "owner_kr", "kpi")) -> bool:
        found = self.classify(self.clean(piece).text)
        return found is not None and found[0] in kinds

    def okr_context(self) -> bool:
        return self.okr_headings > 0 or self.layout.okr

    def kind_of(self, piece: Text) -> str | None:
        key = (piece.anchor, piece.text)
        if key in self._kinds:
            return self._kinds[key]
        found = self.classify(self.clean(piece).text) if MAY_BE_LABELLED_RE.search(piece.text) else None
        kind = self._kinds[key] = found[0] if found else None
        return kind

    def top(self) -> Context:
        return Context(
            target=self.section_objective, objective=self.section_objective, parent=None,
            plain_krs=self.section_plain and self.objective is not None, okr=self.okr_context(), nested=False,
        )

    # ---- the document

    def read(self, nodes: list[Node], front_matter: list[int]) -> Document:
        self._front_matter(front_matter)
        self._find_period(nodes)
        if self.document.title is not None:
            title = self.document.title.text
        else:
            title = found.text if (found := self._metadata_title(nodes)) is not None else ""
        self.layout = read_layout(nodes, title, self.clean, self.kind_of, self.document.path)
        if self.document.period is None and self.layout.goals_lead_in is not None:
            self._period_of_lead_in(self.layout.goals_lead_in)
        for node in nodes:
            self.node(node, self.top())
        return self.document

    def _front_matter(self, lines: list[int]) -> None:
        for index in lines:
            piece = Text.raw(self.source.lines[index], self.source.line_starts[index]).strip()
            match = FIELD_RE.match(piece.text)
            if not match:
                continue
            value = piece.sub(match.start("value")).strip()
            if len(value.text) >= 2 and value.text[0] == value.text[-1] and value.text[0] in "\"'":
                value = value.sub(1, len(value.text) - 1)
            key = " ".join(match["key"].lower().split())
            if key in PERIOD_KEYS:
                if self.document.period is None:
                    self._set_period(value, report=True)
            elif key == "title" and value.text:
                self.front_title = value
                self._field(key, value, None, Context())
            elif value.text:
                self._field(key, value, None, Context())

    def _set_period(
        self, value: Text, report: bool, source: PeriodSource = "period", period: PlanningPeriod | None = None
    ) -> bool:
        self.period = period or parse_period(value.text, self.fy_start_month) or date_range(
            value.text, self.fy_start_month)
        if self.period is None:
            if report:
                self.problem(value, f"goallint does not understand the period '{value.text}'.", PERIOD_HINT)
            return False
        self.document.period = Period.model_construct(
            text=value.text, label=self.period.label, start=self.period.start.isoformat(),
            end=self.period.end.isoformat(), span=self.source.span(value.start, value.end), source=source,
        )
        return True

    def _find_period(self, nodes: list[Node]) -> None:
        """Deadlines resolve against the period, so it is found before anything is read:
        a `period:` line at the top level first, else the first heading that names one."""
        if self.document.period is not None:
            return
        for piece in self._top_lines(nodes):
            cleaned = self.clean(piece)
            match = FIELD_RE.match(cleaned.text)
            if match and " ".join(match["key"].lower().split()) in PERIOD_KEYS:
                value = cleaned.sub(match.start("value")).strip()
                if value.text:
                    self._set_period(value, report=True)
                    return
        if self._period_row(nodes):
            return
        named = self._named_period(nodes)
        sentence = self._period_sentence(nodes)
        if sentence is not None and self.fy_start_month == 1:
            _, span = sentence
            # a quarter that starts in February tells the fiscal year (a configured start wins)
            start = fiscal_start(span.first, span.last, named[1].period if named else None)
            if start is not None and start != 1:
                self.fy_start_month = start
                if named is not None:
                    found = in_title(named[0].text, start)
                    named = (named[0], found, named[2]) if found is not None else None
        if named is not None:
            text, found, source = named
            self._set_period(text.sub(found.start, found.end), False, source, found.period)
        elif sentence is not None:
            # dates that are no whole quarter are the period as the page gives it
            text, span = sentence
            period = ranged(span.first, span.last, span.written, self.fy_start_month)
            self._set_period(text.sub(span.start, span.end), False, "sentence", period)

    def _period_row(self, nodes: list[Node]) -> bool:
        """A row of a table of the project's facts that names its period: "| **Cycle** | Q2 2026 (90
        days) |", as a `period:` line would (the first few tables at the top level)."""
        tables = [node for node in nodes[:60] if isinstance(node, Table)][:3]
        for table in tables:
            for row in [*([table.header] if table.header is not None else []), *table.rows[:20]]:
                if len(row.cells) < 2:
                    continue
                key = self.clean(row.cells[0]).text.strip().rstrip(":").strip().lower()
                if " ".join(key.split()) not in _PERIOD_ROW_KEYS:
                    continue
                value = self.clean(row.cells[1]).strip()
                found = in_title(value.text, self.fy_start_month)
                if found is not None:
                    return self._set_period(value.sub(found.start, found.end), False, "period", found.period)
        return False

    def _period_of_lead_in(self, lead_in: Text) -> None:
        """The one year a page names where it introduces its goals ("… identified six high-level
        objectives for 2012. Those objectives are:"), when it names no period elsewhere."""
        years = {found.group() for found in _LEAD_IN_YEAR_RE.finditer(lead_in.text)}
        if len(years) != 1:
            return
        found = next(_LEAD_IN_YEAR_RE.finditer(lead_in.text))
        period = parse_period(found.group(), self.fy_start_month)
        if period is not None:
            self._set_period(lead_in.sub(found.start(), found.end()), False, "sentence", period)

    def _metadata_title(self, nodes: list[Node]) -> Text | None:
        """The `Title:` a blog engine's metadata lines give at the top of a page, before any
        heading ("Title: Project roadmap 2020", Pelican and MultiMarkdown write no `---` fences)."""
        for node in nodes[:3]:
            if isinstance(node, Heading):
                return None
            if isinstance(node, Para):
                for piece in node.body.pieces:
                    match = FIELD_RE.match(self.clean(piece).text)
                    if match and match["key"].lower() == "title":
                        return self.clean(piece).sub(match.start("value")).strip()
        return None

    def _named_period(self, nodes: list[Node]) -> tuple[Text, Found, PeriodSource] | None:
        """The first period named by the title or a heading: "FY23-Q1 OKRs", "Priorities 2025"."""
        titles: list[tuple[Text, PeriodSource]] = []
        if self.front_title is not None:
            titles.append((self.front_title, "title"))
        elif (metadata := self._metadata_title(nodes)) is not None:
            titles.append((metadata, "title"))
        for node in nodes:
            if isinstance(node, Heading):
                cleaned = self.clean(join(node.body.pieces))
                if self.classify(cleaned.text) is None:
                    first = node.level == 1 and not titles
                    titles.append((cleaned, "title" if first else "heading"))
        # a page converted from the web or a wiki starts with its title as a short line, before
        # any heading: "Mozilla Foundation 2020 OKRs"
        # (or as the first lines of the first paragraph, where the copy keeps no blank lines:
        # "Measures of Success" / "2030 Strategy" / "We have established …")
        for position, node in enumerate(nodes[:5]):
            if isinstance(node, Heading):
                break
            if isinstance(node, Para) and (len(node.body.pieces) == 1 or position == 0):
                for piece in node.body.pieces[:3]:
                    cleaned = self.clean(piece)
                    if len(cleaned.text) > 80 or cleaned.text.endswith((".", ":")) or self.classify(cleaned.text):
                        break
                    titles.append((cleaned, "title"))
        for index, (text, source) in enumerate(titles):
            if (found := in_title(text.text, self.fy_start_month)) is not None:
                if source == "heading" and is_goal_section(text.text):
                    return self._latest_goals(titles[index:], (text, found, source))
                return text, found, source
        return None

    def _latest_goals(
        self, titles: list[tuple[Text, PeriodSource]], first: tuple[Text, Found, PeriodSource]
    ) -> tuple[Text, Found, PeriodSource]:
        """A report that names the goals of more than one period in its headings ("## Goals for 2022",
        then "## Goals for 2023"): the plan is for the latest; the others look back."""
        latest = first
        for text, source in titles:
            if source == "heading" and is_goal_section(text.text) \
                    and (found := in_title(text.text, self.fy_start_month)) is not None \
                    and found.period.start > latest[1].period.start:
                latest = (text, found, source)
        return latest

    def _period_sentence(self, nodes: list[Node]) -> tuple[Text, DateRange] | None:
        """ "This quarter will run from February 1, 2022 to April 30, 2022." in the page's
        first paragraphs."""
        paragraphs = [child for node in nodes for child in (node.children if isinstance(node, Quote) else [node])
                      if isinstance(child, Para)]
        for node in paragraphs[:12]:
            cleaned = self.clean(join(node.body.pieces))
            if (found := dates_in(cleaned.text)) is not None:
                return cleaned, found
        return None

    def _top_lines(self, nodes: list[Node]) -> list[Text]:
        lines: list[Text] = []
        for node in nodes:
            if isinstance(node, Para) or (isinstance(node, Heading) and node.setext):
                lines.extend(node.body.pieces)
            elif isinstance(node, ListBlock):
                lines.extend(item.head.body.pieces[0] for item in node.items if item.head)
            elif isinstance(node, Quote):
                lines.extend(self._top_lines(node.children))
        return lines

    def node(self, node: Node, context: Context) -> None:
        stated = None
        run = False
        if not context.nested:
            stated, self.objective_para = self.objective_para, None
            run, self.results_run = self.results_run, False
        if isinstance(node, Heading):
            if context.nested or (node.setext and any(FIELD_RE.match(self.clean(p).text) for p in node.body.pieces)):
                self.lines(node.body, context, "paragraph")
            else:
                self.heading(node)
        elif isinstance(node, Para):
            role = None if context.nested else self.layout.role(node)
            if role is not None:
                if role != "none":
                    self._para_statement(role, node, context)
                return
            if not context.nested and id(node) in self.layout.result_lines:
                self._result_lines(node, context)
                return
            if not context.nested and (positions := self.layout.kpi_lines.get(id(node))):
                self._kpi_lines(node, positions, context)
                return
            if not context.nested and (positions := self.layout.kr_lines.get(id(node))):
                for position in sorted(positions):  # "North star: …" over the prose that explains it
                    self.role_statement("kr", Lines([node.body.pieces[position]], [node.body.lines[position]]), context)
                return
            if run and self.objective is not None and self._results_paragraph(node):
                for piece, line in zip(node.body.pieces, node.body.lines, strict=True):
                    self.role_statement("kr", Lines([piece], [line]), context)
                self.results_run = True
                return
            made, intro = self.lines(node.body, context, "paragraph")
            if intro and not context.nested and self.objective is not None:
                self.section_plain = True
                self.results_run = self.clean(node.body.pieces[-1]).text.endswith(":")
            elif isinstance(made, Objective) and made is self.objective and not made.key_results \
                    and not made.kpis and not context.nested and self.labelled(node.body.pieces[0], ("objective",)):
                self.objective_para = made
            elif not context.nested and (_ACTIVITIES_RE.match(last := self.clean(node.body.pieces[-1]).text)
                                         or _EXAMPLES_LEAD_RE.search(last)):
                # "Key Activities and Deliverables for OKR 1": the work, not results; "We'll answer
                # questions like:", "Examples might include:": what the goal is about, not results
                self.section_plain = False
        elif isinstance(node, ListBlock):
            if not context.nested and self.layout.role(node) == "none":
                return  # read with the line above it ("Goal 1" over its statement as a bullet)
            if not context.nested and id(node) in self.layout.kpi_lists:
                for item in node.items:  # "Strategic measures" … "- MRSA bacteraemia count"
                    if item.head is not None:
                        self.role_statement("kpi", item.head.body, context)
                return
            stated = stated if stated is None or not talks_of_okrs(node, self.clean) else None
            if (id(node) in self.layout.result_lists or stated is not None) and self.objective is not None:
                context = replace(context, plain_krs=True)  # the results under a bold lead-in
            elif id(node) in self.layout.detail_lists:
                context = replace(context, plain_krs=False)  # the details under a bold result
            self.list(node, context)
        elif isinstance(node, Table):
            self.table(node, context)
        else:
            for child in node.children:
                self.node(child, self.top() if not context.nested else context)

    def _para_statement(self, role: str, node: Para, context: Context) -> None:
        """A paragraph the layout gives a role; "Goal 1" alone over its statement (the layout's
        `label_texts`) is one objective, on the label's line and numbered by it."""
        said = self.layout.label_texts.get(id(node))
        if said is None or role != "objective":
            made = self.role_statement(role, node.body, context)
            if isinstance(made, Objective) and id(node) in self.layout.stated_objectives:
                # "### Objective" over this paragraph: its section, and the parts beside it, are the objective's
                self.section_objective, self.section_level = made, self.level
            return
        made = self.role_statement(role, said.body, context)
        if isinstance(made, Objective):
            made.line_span = self.line_span(node.body.lines[0], said.body.lines[-1])
            digits = "".join(char for char in self.clean(node.body.pieces[0]).text if char.isdigit())
            made.label = made.label or (f"O{digits}" if digits else None)

    def _kpi_lines(self, node: Para, positions: set[int], context: Context) -> None:
        """The lines of a paragraph that the layout reads as the plan's measures, each a KPI without
        the dimension written in front ("Effectiveness: Increase in healthy life expectancy …")."""
        for position, (piece, line) in enumerate(zip(node.body.pieces, node.body.lines, strict=True)):
            if position in positions:
                dimension = measure_dimension(piece.text)
                body = piece.sub(dimension.end()) if dimension else piece
                self.role_statement("kpi", Lines([body], [line]), context)

    def _result_lines(self, node: Para, context: Context) -> None:
        """A paragraph whose every line is a result numbered in roman numerals ("i A detailed
        budget …", "ii Annual costs …"): one key result a line, without its numeral."""
        for piece, line in zip(node.body.pieces, node.body.lines, strict=True):
            mark = roman_mark(piece.text)
            body = piece.sub(mark.end()) if mark else piece
            self.role_statement("kr", Lines([body], [line]), context)

    # ---- headings

    def heading(self, heading: Heading) -> None:
        role = self.layout.role(heading)
        if (said := self.layout.label_texts.get(id(heading))) is not None:
            # "## Objective 1" over "Increase the number of …": one item on the heading's line
            merged = join([*heading.body.pieces, *self._unlabelled(said.body.pieces)])
            heading = Heading(heading.level, Lines([merged], [heading.body.lines[0]]), heading.setext)
        cleaned = self.clean(join(heading.body.pieces))
        found = self.classify(cleaned.text)
        kind = found[0] if found else None
        if role == "part":
            kind = role = None  # "## Team OKR — Shared Q2 Goal" over "### Objective": a part of the page
        if kind in ("kr", "owner_kr", "kpi") or role in ("kr", "none"):
            # a result written as a heading, at any level, stays under its objective
            if role is None or (role == "kr" and kind in ("kr", "owner_kr", "kpi")):
                written = self.lines(heading.body, self.top(), "heading")[0]
                if isinstance(written, KeyResult):
                    self.section_plain = False  # bullets under a key result heading are its details
            elif role == "kr":
                self.role_statement("kr", heading.body, self.top())
                self.section_plain = False  # bullets under a result heading are its details
            return
        # "# Key Results KR Lead" (a flattened table's header row) under "OKR 1: …" keeps the objective
        part = id(heading) in self.layout.objective_parts
        # "### 📈 Key Results": the emoji in front is no part of the label
        intro = INTRO_HEADING_RE.match(cleaned.text[decor_end(cleaned.text):]) is not None
        self._enter(heading.level, cleaned.text, keep=intro or part, part=part)
        if kind == "objective" or role == "objective":
            if role == "objective":
                made: Goal | None = self.role_statement("objective", heading.body, self.top())
            else:
                made = self.lines(heading.body, self.top(), "heading")[0]
            if isinstance(made, Objective):
                self.objective_level = heading.level
                self.section_objective, self.section_level, self.section_plain = made, heading.level, True
            return
        if intro and self.objective is not None:
            self.section_plain = self.results_run = True
        if heading.level == 1 and self.document.title is None and cleaned.text:
            self.document.title = self.text_field(cleaned)

    def _unlabelled(self, pieces: list[Text]) -> list[Text]:
        """The lines of a paragraph under a label heading without the label it writes again
        ("#### O1KR1" over "_Key Result_: At least one …"; an empty first line's label, then the
        next line's: "_Key Result_:" over "Key Result 2: At least 4 members …")."""
        rest = list(pieces)
        while rest:
            cleaned = self.clean(rest[0])
            found = self.classify(cleaned.text)
            if found is None or found[0] not in ("objective", "kr"):
                break
            text = cleaned.sub(found[1].start("text")).strip()
            rest = [text, *rest[1:]] if text.text else rest[1:]
            if text.text:
                break
        return rest or list(pieces)

    def _enter(self, level: int, text: str, keep: bool = False, part: bool = False) -> None:
        while self.headings and self.headings[-1][0] >= level:
            self.okr_headings -= self.headings.pop()[1]
        speaks = OKR_WORDS_RE.search(text) is not None
        self.headings.append((level, speaks))
        self.okr_headings += speaks
        self.level = level
        if self.objective is not None and level <= self.objective_level and not keep:
            self.objective = None
        if self.section_objective is not None and level <= self.section_level and not part:
            self.section_objective = None
        self.section_plain = False

    # ---- lines: paragraphs, headings and the first paragraph of a list item

    def lines(
        self, body: Lines, context: Context, block: str, mode: str | None = None, has_list: bool = False
    ) -> tuple[Goal | None, bool]:
        """Read a block line by line. `mode` says how an unlabelled first line reads: "bold"
        (the item is an objective), "plain" (a key result) or None (prose). Returns the item
        the first line made, and whether the block introduces key results ("Key results:")."""
        first_made: Goal | None = None
        intro = False
        last: Goal | None = None
        group: Group | None = None

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

        stating = False  # the line before was "Objective" alone: this one states it
        for index, (piece, line) in enumerate(zip(body.pieces, body.lines, strict=True)):
            if index == 0 and block == "item" and self.link_entry(body, has_list):
                return None, False
            # "**Objective**" over its statement, "Key Results" over the list: labels without a colon
            if block == "paragraph" and (kind_name := _KIND_LINE_RE.match(self.clean(piece).text)) \
                    and (kind_name["objective"] is None or index + 1 < len(body.pieces)):
                close()
                stating = kind_name["objective"] is not None
                intro = intro or not stating
                continue
            if stating:
                stating = False
                group = Group("bold", [piece], [line], True)
                continue
            if index == 0 and block == "item" and (box := CHECKBOX_RE.match(piece.text)):
                piece = piece.sub(box.end())
            if index == 0 and mode == "bold":
                group = Group("bold", [piece], [line], True)
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
                group = Group(kind, [piece], [line], index == 0)
            elif kind == "intro":
                close()
                intro = intro or index == 0 or block == "paragraph"
            elif kind is None and self._numbered_result(cleaned.text):
                close()
                group = Group("numbered", [piece], [line], index == 0)
            elif index == 0 and mode == "plain" and not self.note(join(body.pieces), cleaned):
                group = Group("plain", [piece], [line], True)
            elif group is None and intro and block == "paragraph" and self.objective is not None \
                    and cleaned.text and not self.note(join(body.pieces), cleaned):
                # "We'll know we're successful when:" and the result on the next line of the paragraph
                group = Group("plain", [piece], [line], False)
            elif group is not None:
                group.pieces.append(piece)
                group.lines.append(line)
        close()
        return first_made, intro

    def _results_paragraph(self, node: Para) -> bool:
        """A paragraph right after "Key results:" (or after another such) whose every line is a
        result of its own, as a copy that lost the bullets keeps them: each starts a sentence
        (no wrapped line), is short, and measures or is worded as a goal."""
        for piece in node.body.pieces:
            text = self.clean(piece).text
            if not text[:1].isupper() and not text[:1].isdigit():
                return False
            if len(text) > 200 or text.endswith(":") or self.classify(text) is not None or is_metadata(text):
                return False
            if not (reads_as_result(text) or reads_as_goal(text)):
                return False
        return True

    def _numbered_result(self, text: str) -> bool:
        """ "1.1 Publish a whitepaper …" under "OKR 1: …": numbered after the current objective."""
        label = self.objective.label if self.objective is not None else None
        match = NUMBERED_RESULT_RE.match(text) if label else None
        return match is not None and label == f"O{match['o']}"

    def link_entry(self, body: Lines, has_list: bool) -> bool:
        """An item that is one link and nothing under it: an entry of a table of contents or a
        list of links, "[Objective 1: Grow revenue](#objective-1)", never a goal itself."""
        return not has_list and is_only_link(join(body.pieces).text)

    def note(self, raw: Text, cleaned: Text) -> bool:
        """A line written about an item, not an item: "**Notes:** …", "Tracked: Weekly", a link
        to a part of the page."""
        return is_metadata(cleaned.text) or is_toc_entry(raw.text)

    def trim(self, body: Text) -> Text:
        """The statement without the grading notes, priorities and tags written around it."""
        body = body.sub(0, statement_end(body.text)).strip()  # "… => 0.7 what happened" (syntax/checkins.py)
        if (end := _status_marks_start(body.text)) < len(body.text) and end:
            body = body.sub(0, end).strip()  # "Grow revenue 🟢": a status mark after it
        grade = grade_of(body.text, self.layout.scored)
        if grade.start or grade.end < len(body.text):
            trimmed = body.sub(grade.start, grade.end).strip()
            if trimmed.text:
                return trimmed
        return body

    def unlabelled_objective(self, body: Text) -> tuple[str | None, Text | None, Text]:
        """Label, owner and text of an objective written without "Objective:":
        "2. Marketing — Grow pipeline", "CFO: Grow net revenue", "➡️ Grow the community"."""
        if decor := decor_end(body.text):
            body = body.sub(decor).strip()
        if body.text.endswith(":") and len(body.text) > 1:
            body = body.sub(0, len(body.text) - 1).strip()  # "Promote Lifelong Learning:" over its list
        label = None
        if code := objective_code(body.text):  # "WE1: Contributor experience": its code is its label
            return code["code"], None, body.sub(code.end()).strip()
        if lead := GOAL_LEAD_RE.match(body.text):  # "Goal: Grow the community"
            body = body.sub(lead.end()).strip()
        elif letter := lettered(body.text):  # "A.  Improve data sharing": its letter is its label
            return f"O{letter['letter']}", None, body.sub(letter.end()).strip()
        if number := number_of(body.text):  # "2. …"
            digits = "".join(char for char in number.group() if char.isdigit())
            label, body = f"O{digits}", body.sub(number.end()).strip()
        elif goal := goal_label(body.text):  # "Priority 2: …", "Focus area IV - …"
            label, body = f"O{goal_number(goal)}", body.sub(goal.end()).strip()
            # "Goal One: Diversify produce sources: recruit 10 farm partners …; add a hub …": its results after
            if (colon := _results_after(body.text)) is not None:
                body = body.sub(0, colon).strip()
        owner = None
        prefix = owner_prefix(body.text)
        # "Reliability: Our customers rely on … We will improve …": over a paragraph, a title, not an owner
        if prefix and prefix.end() < len(body.text) and not _NEXT_SENTENCE_RE.search(body.text, prefix.end()):
            who = "tag" if prefix["tag"] else "who"
            owner, body = body.sub(prefix.start(who), prefix.end(who)).strip(), body.sub(prefix.end()).strip()
        return label, owner, body

    def role_statement(self, role: str, body: Lines, context: Context) -> Goal | None:
        """An unlabelled heading or paragraph that the layout says is an objective or result."""
        kind = {"objective": "bold", "kpi": "kpi"}.get(role, "plain")
        return self.statement(Group(kind, list(body.pieces), list(body.lines), True), context, "layout", False)[0]

    def statement(self, group: Group, context: Context, block: str, may_intro: bool) -> tuple[Goal | None, bool]:
        """Make the objective, key result or KPI a group of lines writes."""
        joined = join(group.pieces)
        cleaned = self.clean(joined)
        line_span = self.line_span(group.lines[0], group.lines[-1])
        pattern = _LABEL_PATTERNS.get(group.kind)
        match = pattern.match(cleaned.text) if pattern else None
        whole = cleaned.sub(match.start("text")).strip() if match else cleaned
        body = self.trim(whole)
        after_owner: Text | None = None
        if group.kind != "kpi" and (owned := owner_after(body.text)) is not None and owned.start():
            after_owner = body.sub(*owner_after_span(owned))  # "Scale go-to-market (Owner: CRO)"
            body = body.sub(0, owned.start()).strip()
        if group.kind == "objective" and block == "paragraph" and match is not None and self._restates_heading(match):
            return None, False  # "O1 Build Data Platform" over "_Objective_: Design, implement, …": said again
        if match is not None and group.kind in ("objective", "kr", "kpi") and _DEFINITION_RE.match(body.text):
            return None, False  # "Objective: The objective is a planning element that …": a guide defines the term
        if group.kind in ("objective", "bold"):
            if not body.text:
                self.problem(cleaned, "This objective has no text.",
                             "Write the objective after its label, e.g. 'Objective: Delight our customers'.")
                return None, False
            label = label_of("O", match["n1"] or match["n2"] or match["n3"]) if match else None
            if match is not None and match["code"]:  # "OKR '2022.M1': …": the objective's code
                label = match["code"].strip("'\"`‘’")
            owner: Text | None = None
            if match is None:
                label, owner, body = self.unlabelled_objective(body)
            elif match["who"]:  # "OCTO Objective 1: …": the team whose objective it is
                owner = cleaned.sub(match.start("who"), match.end("who")).strip()
            objective = self.new_objective(label, body, line_span, context)
            owner = owner if owner is not None and owner.text else after_owner
            if owner is not None and owner.text:
                objective.owner = self.text_field(owner)
            return self.graded(objective, whole, body), False
        label = label_of("KPI" if group.kind == "kpi" else "KR", match["n"]) if match else None
        if group.kind == "plain" and (sub := sub_numbered(body.text)) and sub.end() < len(body.text):
            label, body = f"KR{sub['n']}{sub['sub']}", body.sub(sub.end()).strip()  # "Goal 1a: Scale up …"
        elif group.kind == "plain" and (outline := _OUTLINE_NUMBER_RE.match(body.text)):
            body = body.sub(outline.end()).strip()
        elif group.kind == "plain" and (lead := MEASURE_LEAD_RE.match(body.text) or GOAL_LEAD_RE.match(body.text)):
            body = body.sub(lead.end()).strip()  # "Measure: 500 monthly active contributors", "Goal: …"
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
            return self.graded(self.new_kpi(label, body, line_span, context), whole, body), False
        owner = after_owner
        if match and group.kind == "owner_kr":
            owner = cleaned.sub(match.start("who"), match.end("who")).strip()
        return self.graded(self.new_key_result(label, body, line_span, owner, joined), whole, body), False

    def _restates_heading(self, match: re.Match[str]) -> bool:
        """An unnumbered "Objective: …" line in the section of a heading that is an objective,
        before any of its results: the heading names the objective, the line states it ("### O1
        Build Data Platform" over "_Objective_: Design, implement, …"; "### OKR '2022.M1': …" over
        "**Objective: We will validate …**"). A numbered one is an objective of its own."""
        if match["n1"] or match["n2"] or match["n3"] or match["code"]:
            return False
        heading = self.section_objective
        return heading is not None and self.objective is heading and not heading.key_results and not heading.kpis

    def graded(self, made: G | None, whole: Text, body: Text) -> G | None:
        """Attach the grade and priority written after the statement ("… P1 0.70", "=> 60%"), which
        `trim` cut off, as goallint.syntax.checkins reads them."""
        if made is None or not body.text:
            return made
        written = written_after(whole.text, whole.text.find(body.text) + len(body.text), isinstance(made, Objective))
        remap(written.checkins, whole, self.source)
        written.apply(made)
        return made

    def new_objective(self, label: str | None, body: Text, line_span: Span, context: Context) -> Objective:
        piece, markers = take_markers(local(body))
        commitment: Commitment | None = None
        if "committed" in markers:
            commitment = "committed"
        elif markers & {"aspirational", "stretch"}:
            commitment = "aspirational"
        # every field, in the model's order: `constructed` skips model_construct's loop over them
        objective = constructed(
            Objective, label=label, text=piece.text, span=span_in(piece.span(), body, self.source),
            commitment=commitment, owner=None, parent=None, key_results=[], kpis=[], line_span=line_span, checkins=[],
        )
        if context.parent is not None:
            objective.parent = TextField.model_construct(text=context.parent.text, span=context.parent.span)
        self.document.objectives.append(objective)
        self.objective, self.objective_level = objective, self.level
        return objective

    def new_key_result(
        self, label: str | None, body: Text, line_span: Span, owner: Text | None, where: Text
    ) -> KeyResult | None:
        if self.objective is None:
            self.problem(where.strip(), "This key result has no objective above it.",
                         "Write the objective first ('## Objective: Delight our customers' or "
                         "'- **Objective:** …'), then its key results below it.")
            return None
        placed = in_place(body, self.source)
        if placed is not None:
            item = key_result(label, placed, placed, self.period, self.fy_start_month)
        else:
            item = key_result(label, local(body), local(body), self.period, self.fy_start_month)
            remap(item, body, self.source)
        item.line_span = line_span
        if owner is not None and owner.text:
            item.owner = self.text_field(owner)
        self.objective.key_results.append(item)
        return item

    def new_kpi(self, label: str | None, body: Text, line_span: Span, context: Context) -> KPI:
        item = kpi(label, local(body), local(body), self.period, self.fy_start_month)
        remap(item, body, self.source)
        item.line_span = line_span
        # a KPI inside an objective's bullet or section is that objective's; elsewhere the plan's
        if context.objective is not None:
            context.objective.kpis.append(item)
        else:
            self.objective = None
            self.document.kpis.append(item)
        return item

    def _field(self, key: str, value: Text, target: Goal | None, context: Context) -> None:
        """`owner: …`, `source: …` and the like, for the item they are written under."""
        if isinstance(target, KPI) and (key in KPI_KEYS or key in OWNER_KEYS):
            watched = ("source", "cadence", "owner", "annual_target", "deadline")
            before = [getattr(target, name) for name in watched]
            before_target = target.measure.target
            kpi_field(target, "owner" if key in OWNER_KEYS else key, local(value), self.period, self.fy_start_month)
            for name, old in zip(watched, before, strict=True):
                new = getattr(target, name)
                if new is not None and new is not old:
                    remap(new, value, self.source)
            if target.measure.target is not None and target.measure.target is not before_target:
                remap(target.measure.target, value, self.source)
        elif isinstance(target, KeyResult | Objective) and key in OWNER_KEYS:
            target.owner = self.text_field(value)
        elif isinstance(target, Objective) and key in PARENT_KEYS:
            target.parent = self.link_field(value)
        elif target is None and not context.nested and self.objective is None and not self.document.kpis:
            if key in OWNER_KEYS and self.document.owner is None:
                self.document.owner = self.text_field(value)
            elif key in PARENT_KEYS and self.document.parent is None:
                self.document.parent = self.link_field(value)
            elif key == "title" and self.document.title is None:
                self.document.title = self.text_field(value)

    # ---- lists

    def list(self, node: ListBlock, context: Context) -> None:
        bold = self._bold_objectives(node, context)
        intro = self._results_item(node)
        for index, item in enumerate(node.items):
            # beside a "**Key Results:**" item holding the results, the other items are notes about
            # the objective ("**Tracking Manager:** Martin", "**Active from:** 20.08.19")
            inner = context if intro is None or index == intro else replace(context, plain_krs=False)
            self.item(item, inner, index in bold)

    def _results_item(self, node: ListBlock) -> int | None:
        """The item "Key results:" whose nested list holds the objective's results, if any."""
        for index, item in enumerate(node.items):
            head = item.head
            if head is None or not any(isinstance(child, ListBlock) and child.items for child in item.rest):
                continue
            if self.kind_of(head.body.pieces[0]) == "intro":
                return index
        return None

    def _bold_objectives(self, node: ListBlock, context: Context) -> set[int]:
        """Unlabelled items that are objectives: bold items with labelled key results under
        them or with bullets under them in a section about OKRs, and their bold siblings; plain
        items with bullets under them where two or more siblings do so (a table of objectives
        and results flattened into nested bullets); the items of a "Q2 goals" list."""
        bold: set[int] = set()
        plain: set[int] = set()
        qualified = False
        for index, item in enumerate(node.items):
            head = item.head
            if head is None or self.labelled(head.body.pieces[0]):
                continue
            if id(item) in self.layout.objective_items:
                bold.add(index)
                qualified = True
                continue
            raw = join(head.body.pieces).text.strip()
            if is_toc_entry(raw) or is_metadata(self.clean(head.body.pieces[0]).text):
                continue
            has_list = any(isinstance(c, ListBlock) and c.items for c in item.rest)
            if not only(BOLD_ONLY_RE, raw):
                if has_list and context.okr and not context.plain_krs and not context.nested \
                        and not _argument(self.clean(head.body.pieces[0]).text, len(head.body.pieces)) \
                        and (not self.layout.goals_listed or item_over_results(item, self.clean)):
                    plain.add(index)
                continue
            bold.add(index)
            # under an objective, bold items with bullets are its results (with their details)
            if self._labelled_below(item) or (context.okr and has_list and not context.plain_krs):
                qualified = True
        if len(plain) >= 2 and len(plain) > len(bold):
            return plain
        return bold if qualified else set()

    def _labelled_below(self, item: Item) -> bool:
        for child in item.rest:
            if isinstance(child, Para) and any(self.labelled(p) for p in child.body.pieces):
                return True
            if isinstance(child, Quote) and self._labelled_below(Item(-1, child.children)):
                return True
            if isinstance(child, ListBlock):
                for sub in child.items:
                    if (sub.head and self.labelled(sub.head.body.pieces[0])) or self._labelled_below(sub):
                        return True
        return False

    def _labelled_children(self, item: Item) -> bool:
        """Whether an objective's bullets name their key results ("KR: …"): then the others are notes."""
        kinds = ("kr", "owner_kr")
        for child in item.rest:
            if isinstance(child, ListBlock) and any(
                sub.head and self.labelled(sub.head.body.pieces[0], kinds) for sub in child.items
            ):
                return True
            if isinstance(child, Para) and any(self.labelled(p, kinds) for p in child.body.pieces):
                return True
        return False

    def item(self, item: Item, context: Context, bold_objective: bool) -> None:
        head = item.head
        has_list = any(isinstance(child, ListBlock) and child.items for child in item.rest)
        mode = "bold" if bold_objective else "plain" if context.plain_krs and self.objective is not None else None
        made, intro = (self.lines(head.body, context, "item", mode, has_list) if head else (None, False))
        if isinstance(made, Objective):
            inner = Context(target=made, objective=made, parent=made,
                             plain_krs=not self._labelled_children(item), okr=context.okr, nested=True)
        elif made is not None:
            inner = Context(target=made, objective=context.objective, parent=context.parent,
                             plain_krs=False, okr=context.okr, nested=True)
        else:
            inner = replace(context, target=None, plain_krs=intro and self.objective is not None, nested=True)
        self.item_children(made, item, inner)
        if isinstance(made, Objective):
            self.objective = made  # a bullet after this one, at its level, is this objective's

    def item_children(self, made: Goal | None, item: Item, inner: Context) -> None:
        """The blocks nested under a list item (`made` is what its first line wrote, if
        anything). The hook for reading what is written under an item: check-ins, notes and
        tables under a key result are looked at here, before the blocks are read as goals."""
        rest = checkins_under(self, made, item.rest) if isinstance(made, KeyResult | KPI) else item.rest
        for child in rest:
            self.node(child, inner)

    # ---- tables

    def table(self, node: Table, context: Context) -> None:
        read_table(self, node, context)
