"""Tables: one key result a row, the columns named by the header row ("Key result",
"Objective", "Owner"), or bold rows with otherwise empty cells naming the objectives."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from goallint.model import KPI, Deadline, KeyResult, Objective, Quantity, Span
from goallint.syntax.build import LineText
from goallint.syntax.checkins import checkin_columns, grade_columns, row_checkin, row_grades
from goallint.syntax.dates import resolve_deadline
from goallint.syntax.markdown.blocks import Row, Table
from goallint.syntax.markdown.labels import (
    BOLD_ONLY_RE,
    ITALIC_ONLY_RE,
    KR_HEADER_RE,
    KR_RE,
    OBJECTIVE_HEADER_RE,
    OBJECTIVE_RE,
    OWNER_HEADER_RE,
    TABLE_NUMBER_RE,
    label_of,
    only,
)
from goallint.syntax.markdown.text import Text
from goallint.syntax.statement import read_statement

if TYPE_CHECKING:
    from goallint.syntax.markdown.reader import Context, Reader


# "Date | KR #1 | KR #2 | Comments": a column a key result, a row a date of scores: tracking, not items
_NUMBERED_KR_HEADER_RE = re.compile(r"^(?:KR|key\s*+result)\s*+#?\s*+\d{1,2}\s*+$", re.I)


# "One year ambition | Q4 2021 goal": two columns of goals, the longer one's goal on the left and
# the nearer step toward it on the right (an objective and its key result a row); "2024 goal |
# Long-term ambition | Owner": the goals of the period a row, the ambition beside each its theme
_GOAL_HEADER_RE = re.compile(r"\b(?:ambitions?|goals?|objectives?|outcomes?|aims?)\b", re.I)
_LONGER_HEADER_RE = re.compile(
    r"\b(?:ambitions?|long[- ]term|themes?|working\s+towards?|missions?|visions?|one[- ]year|annual|multi[- ]year)\b",
    re.I,
)
# "Outcome V.S. Output", "OKRs vs KPIs": a guide's column that compares two ideas, not one of goals
_COMPARISON_RE = re.compile(r"\b(?:v\.?s\.?|versus)(?=\s|$)", re.I)
# "Method | Q1 | Q2 …" under a V2MOM's numbered methods: a column naming the objective each row measures
_REFERENCE_HEADER_RE = re.compile(r"^(?:methods?|objectives?|goals?|priorit(?:y|ies)|outcomes?)\b", re.I)
_EMPTY_CELL = frozenset({"", "-", "–", "—", "n/a", "na", "tbd"})


def column_of(header: list[str], pattern: re.Pattern[str], taken: int | None = None) -> int | None:
    return next((k for k, name in enumerate(header) if pattern.match(name) and k != taken), None)


def pad(cells: list[Text], width: int) -> list[Text]:
    """Exactly `width` cells, as GFM reads a row with too few or too many."""
    anchor = cells[-1].end if cells else 0
    return (cells + [Text("", (), (), anchor)] * width)[:width]


# "KR 1", "KR1", "KR #2": a cell that is a key result's label alone
_KR_CODE_CELL_RE = re.compile(r"^(?:KR|key\s++result)\s*+#?\s*+(?P<n>\d{1,2})$", re.I)


def read_table(reader: Reader, node: Table, context: Context) -> None:
    """One key result a row: from a "Key result" column, or from the first column when bold
    rows with otherwise empty cells name the objectives; an "Objective" column names the
    objective of each row."""
    header = [reader.clean(cell).text for cell in node.header.cells] if node.header else []
    if sum(1 for name in header if _NUMBERED_KR_HEADER_RE.match(name)) >= 2:
        return  # scores a row, one key result a column ("Date | KR #1 | KR #2"): a tracking table
    kr_column = column_of(header, KR_HEADER_RE)
    objective_column = column_of(header, OBJECTIVE_HEADER_RE, kr_column)
    owner_column = column_of(header, OWNER_HEADER_RE)
    width = len(header)
    rows = [(row, [reader.clean(cell) for cell in pad(row.cells, width)]) for row in node.rows]
    if kr_column is None and _read_measure_table(reader, header, rows, context):
        return  # one KPI a row: "Measure | Baseline | Target | Year"
    if read_checkin_table(reader, header, [cells for _, cells in rows]):
        return  # dated values under the key result above it (syntax/checkins.py)
    if kr_column is None and objective_column is None:
        if _read_reference_table(reader, header, rows):
            return  # "1) Reliability | Improved logging | …": each row measures an objective above
        goals = [k for k, name in enumerate(header) if _GOAL_HEADER_RE.search(name) and not _COMPARISON_RE.search(name)]
        longer = [k for k in goals if _LONGER_HEADER_RE.search(header[k])]
        nearer = [k for k in goals if k not in longer]
        if longer and nearer and longer[0] < nearer[0]:
            objective_column, kr_column = longer[0], nearer[0]
        elif nearer and context.okr:
            objective_column = nearer[0]  # one goal a row, with no results
    grading = grade_columns(header)
    fallback = kr_column is None and objective_column is None
    if fallback:
        has_objective_rows = any(
            only(BOLD_ONLY_RE, row.cells[0].text) and not any(c.text for c in cells[1:])
            for row, cells in rows
            if row.cells
        )
        if not ((context.okr and has_objective_rows) or (context.plain_krs and reader.objective is not None)):
            return  # a table, not a table of key results
        kr_column = 0
    orphan: Text | None = None
    last_objective = ""
    for row, cells in rows:
        if not any(cell.text for cell in cells):
            continue
        line_span = reader.line_span(row.line, row.line)
        named = cells[objective_column] if objective_column is not None else None
        if named is not None and named.text and named.text != last_objective:
            last_objective = named.text
            _table_objective(reader, named, line_span, context)
        if kr_column is None or not cells[kr_column].text:
            continue
        cell = cells[kr_column]
        raw = row.cells[kr_column].text if kr_column < len(row.cells) else ""
        alone = not any(c.text for k, c in enumerate(cells) if k not in (kr_column, objective_column))
        if alone and objective_column is None and only(BOLD_ONLY_RE, raw):
            _table_objective(reader, cell, line_span, context)
        elif alone and only(ITALIC_ONLY_RE, raw):
            continue  # a note between the rows
        elif reader.objective is None:
            orphan = orphan or cell
        else:
            match = KR_RE.match(cell.text)
            body = cell.sub(match.start("text")).strip() if match else cell
            label = label_of("KR", match["n"]) if match else None
            code = _KR_CODE_CELL_RE.match(cell.text)
            if code and kr_column + 1 < len(cells) and cells[kr_column + 1].text:
                # "| **KR 1** | Validate at least 500 entries … |": the label's column, the statement after it
                body, label = cells[kr_column + 1], f"KR{code['n']}"
            item = reader.new_key_result(label, body, line_span, None, cell) if body.text else None
            if item is not None and owner_column is not None and cells[owner_column].text:
                item.owner = reader.text_field(cells[owner_column])
            if item is not None and grading:  # "Priority", "Mid-Q Actual", "Projection", "End-Q" columns
                row_grades(item, [(c.text, reader.source.span(c.start, c.end)) for c in cells], grading)
    if orphan is not None and not fallback:
        reader.problem(orphan, "These key results have no objective above them.",
                     "Add an 'Objective' column, a bold row naming the objective, "
                     "or a heading like '## Objective: …' above the table.")

def _named_objective(reader: Reader, cell: Text) -> Objective | None:
    """The objective read above that a cell names: "1) Reliability" for "1. Reliability: Our
    customers rely on …" (by its number and its first words, or its owner or title prefix)."""
    number = TABLE_NUMBER_RE.match(cell.text)
    name = (number["text"] if number else cell.text).strip().lower()
    if not name:
        return None
    for objective in reader.document.objectives:
        if number and objective.label not in (None, f"O{number['n']}"):
            continue
        titles = [objective.text.lower()] + ([objective.owner.text.lower()] if objective.owner else [])
        if any(title == name or title.startswith(name + " ") or title.startswith(name + ":") for title in titles):
            return objective
    return None


def _read_reference_table(reader: Reader, header: list[str], rows: list[tuple[Row, list[Text]]]) -> bool:
    """A table of results whose first column names the objective each row measures ("Method |
    Q1 | Q2 | Q3 | Q4" under a V2MOM's methods): each row is a key result of that objective, read
    from its last filled cell (where the row ends up). False unless every named row names an
    objective read above."""
    if not header or not _REFERENCE_HEADER_RE.match(header[0]) or not reader.document.objectives:
        return False
    named = [(row, cells, _named_objective(reader, cells[0])) for row, cells in rows if cells and cells[0].text]
    if not named or any(objective is None for _, _, objective in named):
        return False
    for row, cells, objective in named:
        filled = [cell for cell in cells[1:] if cell.text.strip().lower() not in _EMPTY_CELL]
        if not filled or objective is None:
            continue
        reader.objective = objective
        reader.new_key_result(None, filled[-1], reader.line_span(row.line, row.line), None, filled[-1])
    return True


def _table_objective(reader: Reader, cell: Text, line_span: Span, context: Context) -> None:
    match = OBJECTIVE_RE.match(cell.text)
    number = None if match else TABLE_NUMBER_RE.match(cell.text)
    if match:
        label: str | None = label_of("O", match["n1"] or match["n2"] or match["n3"])
        body = cell.sub(match.start("text")).strip()
    elif number:
        label, body = f"O{number['n']}", cell.sub(number.start("text")).strip()
    else:
        label, body = None, cell
    if body.text:
        reader.new_objective(label, body, line_span, context)


def read_checkin_table(reader: Reader, header: list[str], rows: list[list[Text]]) -> bool:
    """A table with a date column and a value (or status) column under a key result or KPI: one
    check-in a row, on the most recent key result or KPI. False when it is not such a table."""
    roles = checkin_columns(header)
    objective = reader.objective
    target: KeyResult | KPI | None = None
    if objective is not None and (objective.key_results or objective.kpis):
        items: list[KeyResult | KPI] = [*objective.key_results, *objective.kpis]
        target = max(items, key=lambda item: item.span.start.offset)
    elif reader.document.kpis:
        target = reader.document.kpis[-1]
    if roles is None or target is None:
        return False
    for cells in rows:
        checkin = row_checkin([(c.text, reader.source.span(c.start, c.end)) for c in cells], roles, reader.period)
        if checkin is not None:
            target.checkins.append(checkin)
    return True


# The columns of a table of measures, by their headings.
_MEASURE_HEADER_RE = re.compile(
    r"^(?:(?:key\s+)?performance\s+(?:measures?|indicators?)|measures?|metrics?|kpis?|indicators?|"
    r"key\s+performance\s+indicators?)\b",
    re.I,
)
# a column headed by its year: "2030 Target", "FY25 goal"; "2021-22 Performance" (a past year's figure, the baseline)
_HEADER_YEAR = r"(?:(?:FY|CY)?\s*+\d{2,4}(?:[-/–]\d{2,4})?\s++)?"
_BASELINE_HEADER_RE = re.compile(
    r"^(?:baseline|starting\s+point|start(?:ing)?(?:\s+value)?|current|today|(?:FY|CY)?\s*+\d{2,4}(?:[-/–]\d{2,4})?"
    r"\s++(?:performance|actual|outturn|result|baseline))\b",
    re.I,
)
_TARGET_HEADER_RE = re.compile(rf"^{_HEADER_YEAR}(?:targets?|goal|aim|ambition)\b", re.I)
_WHEN_HEADER_RE = re.compile(r"^(?:year|period|deadline|due|by\s+when|target\s+(?:year|date)|timeframe|when)\b", re.I)
_CADENCE_HEADER_RE = re.compile(r"^(?:cadence|frequency|reporting\s+frequency|reported)\b", re.I)
_SOURCE_HEADER_RE = re.compile(r"^(?:(?:data\s+)?source)\b", re.I)


def _cell_quantity(reader: Reader, cell: Text) -> Quantity | None:
    """The number written in a cell ("45%", "$2.5m", "≥ 90%"), its span on the cell."""
    from goallint.syntax.markdown.reader import remap  # the reader imports this module

    reading = read_statement(cell.text, True)
    raw = reading.target or reading.change or reading.baseline
    if raw is None:
        return None
    quantity = Quantity.model_validate({
        "value": raw.value, "unit": raw.unit, "comparator": raw.comparator, "text": raw.text,
        "span": LineText(cell.text, 1, 0, 0).span_fields(raw.start, raw.end),
    })
    remap(quantity, cell, reader.source)
    return quantity


def _read_measure_table(
    reader: Reader, header: list[str], rows: list[tuple[Row, list[Text]]], context: Context
) -> bool:
    """A table of measures whose headings say what each cell is ("Measure | Baseline | Target |
    Year", "KPI | Owner | Target | Frequency"): one KPI a row, named by the measure's cell, its
    baseline, target, owner, deadline, cadence and source from the others. False when the
    headings do not name a measure and a baseline or target."""
    name = column_of(header, _MEASURE_HEADER_RE)
    target = column_of(header, _TARGET_HEADER_RE, name)
    baseline = column_of(header, _BASELINE_HEADER_RE, name)
    if name is None or (target is None and baseline is None):
        return False
    when = column_of(header, _WHEN_HEADER_RE, name)
    owner = column_of(header, OWNER_HEADER_RE, name)
    cadence = column_of(header, _CADENCE_HEADER_RE, name)
    source = column_of(header, _SOURCE_HEADER_RE, name)
    for row, cells in rows:
        if not cells[name].text:
            continue
        item = reader.new_kpi(None, cells[name], reader.line_span(row.line, row.line), context)
        item.name = item.measure.metric = cells[name].text  # the name cell is the measure, numbers and all
        if target is not None and cells[target].text:
            item.measure.target = None  # the target column says it, not a number in the name
        for key, column in (("target", target), ("owner", owner), ("cadence", cadence), ("source", source)):
            if column is not None and cells[column].text:
                reader._field(key, cells[column], item, context)
        if baseline is not None and cells[baseline].text and item.measure.baseline is None:
            item.measure.baseline = _cell_quantity(reader, cells[baseline])
        start = item.measure.baseline.value if item.measure.baseline else None
        aim = item.measure.target.value if item.measure.target else None
        # "1,200 | 1,500": the columns say which way the measure should move
        if start is not None and aim is not None and aim != start and item.measure.direction in (None, "reach"):
            item.measure.direction = "increase" if aim > start else "decrease"
        if when is not None and cells[when].text and item.deadline is None:
            cell = cells[when]
            day = resolve_deadline(cell.text, reader.period, reader.fy_start_month)
            item.deadline = Deadline.model_construct(text=cell.text, date=day.isoformat() if day else None,
                                                     span=reader.source.span(cell.start, cell.end))
    return True


def is_measure_table(header: list[str]) -> bool:
    """Whether a table's headings name a measure and its baseline or target."""
    name = column_of(header, _MEASURE_HEADER_RE)
    return name is not None and (column_of(header, _TARGET_HEADER_RE, name) is not None
                                 or column_of(header, _BASELINE_HEADER_RE, name) is not None)
