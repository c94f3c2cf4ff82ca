"""Check-ins and grades as people write them in a plan (docs/format.md, "Check-ins").

Both front ends call this module; it never decides what a line *is* on its own, only whether a
line under an item is a check-in, a grade or a milestone, and what it says:

- `2026-08-14: 1,650 (confidence 0.6) signup flow shipped late`, `Aug 14 — done`;
- `=> 60%`, `=> 0.7 shipped two of three`, `grade: 0.7`, `projection: 0.6`, `=> shipped` (a note);
- `[x] milestone` / `[ ] milestone` under an effort key result;
- `weight: 2` under a key result.

Values are read with the statement grammar's quantity reader (`read_quantity`), so "1.65k",
"$2.1M" and "42%" mean here what they mean in the key result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from goallint.model import KPI, Checkin, CheckinKind, KeyResult, Objective, Span
from goallint.syntax.build import LineText
from goallint.syntax.dates import PlanningPeriod
from goallint.syntax.quantities import read_quantity

if TYPE_CHECKING:
    from goallint.syntax.markdown.blocks import Node
    from goallint.syntax.markdown.reader import Reader

_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_RE = re.compile(
    rf"""^(?:(?:check-?in|update[ds]?|progress)\s*(?:on\s+|as\s+of\s+)?[:–—-]?\s*)?(?:
        (?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}})
      | {_MONTH}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?
      | (?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.replace('mon', 'mon3')}(?:,?\s+(?P<y3>\d{{4}}))?
    )(?![\w/-])\s*(?:[:=–—-]|\|)?\s*""",
    re.I | re.X,
)
_BULLET_RE = re.compile(r"^(?:[-*•+‣◦▪–]|\d{1,2}[.)])\s+")
_CHECKBOX_RE = re.compile(r"^\[(?P<tick>[ xX✓✔])\]\s*")
# "=> 0.7", "→ 60%", "--> shipped", "grade: 0.7", "score 0.4", "final: 70%", "projection: 0.6"
_GRADE_RE = re.compile(
    r"^(?:(?:=+>|-+>|→|⇒)\s*|(?P<label>grade|score|final(?:\s+score)?|result|projection|projected)\s*[:=]\s*)", re.I
)
# "->" and "→" are not here: a statement uses them for "5% → 3%"
_TRAILING_GRADE_RE = re.compile(r"(?<!\s)\s++(?:=++>|-{2,}+>|⇒)\s*+(?P<rest>.*)$")
# "… P1 0.70" after a statement (Chromium), or "… 0.40" after an objective
# ("P1" alone stays: "Triage every P1" is a statement; "(P1)" or "P1 0.70" are not)
_SCORE = r"(?:0?\.\d{1,2}|1\.0{1,2}|[01])"
_PRIORITY_SCORE_RE = re.compile(
    rf"(?<!\s)\s++(?:\(P(?P<p>[0-4])\)(?:\s++(?P<score>{_SCORE}))?|P(?P<p2>[0-4])\s++(?P<score2>{_SCORE}))\s*+$"
)
# two decimals, as graded pages write them, so "Launch version 1.0" keeps its number
_OBJECTIVE_SCORE_RE = re.compile(r"(?<=[A-Za-z)\]])\s++(?P<score>0\.\d\d|1\.00)\s*+$")
_WEIGHT_RE = re.compile(r"^weight\s*[:=]\s*(?P<w>\d+(?:\.\d+)?)\s*%?\s*$", re.I)
_SCORE_RE = re.compile(r"^(?P<num>\d+(?:\.\d+)?)\s*(?P<pct>%)?(?:\s*/\s*(?P<out>10|100|1\.0|1))?(?![\w.])")
_DONE_RE = re.compile(
    r"^(?P<not>not\s+done|not\s+started|not\s+yet|open|todo|to\s+do|no)\b|^(?P<yes>done|complete[d]?|finished|shipped|"
    r"launched|yes|✓|✔)(?!\w)", re.I
)
_STATUS_WORDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bon[\s-]track\b|\bgreen\b", re.I), "on-track"),
    (re.compile(r"\bat[\s-]risk\b|\bamber\b|\byellow\b", re.I), "at-risk"),
    (re.compile(r"\boff[\s-]track\b|\bbehind\b|\bblocked\b|\bred\b", re.I), "off-track"),
]
# Possessive runs and anchored starts keep every pattern here linear on hostile lines (long runs of
# blanks or digits), like the .okr line classifier.
_CONFIDENCE_RE = re.compile(
    r"\b(?:confidence|conf\.?)\s*+[:=]?\s*+(?P<a>\d++(?:\.\d+)?)(?:\s*+(?P<apct>%|/10))?"
    r"|(?<![\d.])(?P<b>\d++(?:\.\d+)?)(?:\s*+(?P<bpct>%|/10))?\s++confiden",
    re.I,
)
_NOTE_LEAD = " \t-–—:;,|"


@dataclass
class Written:
    """What a statement's own line says besides the statement: a priority and grades."""

    priority: int | None = None
    checkins: list[Checkin] = field(default_factory=list)

    def merge(self, other: Written) -> Written:
        self.priority = self.priority if other.priority is None else other.priority
        self.checkins += other.checkins
        return self

    def apply(self, item: KeyResult | KPI | Objective) -> None:
        item.checkins.extend(self.checkins)
        if self.priority is not None and isinstance(item, KeyResult):
            item.priority = self.priority


def _fraction(number: float, percent: bool, out_of: str | None) -> float:
    if percent:
        return number / 100
    if out_of:
        return number / float(out_of)
    return number / 100 if number > 1.0 else number


def read_score(text: str) -> tuple[float | None, int]:
    """A grade as written: "0.7", "70%", "7/10" -> 0.7; returns (grade, characters read)."""
    match = _SCORE_RE.match(text)
    if match is None:
        return None, 0
    number = float(match["num"])
    if not match["pct"] and not match["out"] and number > 1.0 and number > 100:
        return None, 0
    return round(_fraction(number, bool(match["pct"]), match["out"]), 6), match.end()


def _date(match: re.Match[str], period: PlanningPeriod | None) -> date | None:
    try:
        if match["y"]:
            return date(int(match["y"]), int(match["m"]), int(match["d"]))
        month_name, day, year = (match["mon"], match["d2"], match["y2"]) if match["mon"] else (
            match["mon3"], match["d3"], match["y3"])
        month = _MONTHS[month_name.lower().rstrip(".")]
        if year is None:
            if period is None:
                return None
            # the year that puts the day inside the period (or nearest its start)
            year = period.start.year if month >= period.start.month else period.end.year
        return date(int(year), month, int(day))
    except (ValueError, KeyError):
        return None


_PARENS_RE = re.compile(r"\(([^()]*)\)")
# "confidence 0.6, …": a decimal point goes on (written unrolled and possessive: linear, no
# backtracking point a character)
_LEAD_RE = re.compile(r"^([^,;.—–]*+(?:\.(?=\d)[^,;.—–]*+)*+)[,;.—–]?\s*")
_STATUS_RE = re.compile("|".join(f"(?P<s{i}>{p.pattern})" for i, (p, _) in enumerate(_STATUS_WORDS)), re.I)


def _says(text: str) -> bool:
    """Whether a piece of text gives a confidence or a status."""
    return _CONFIDENCE_RE.search(text) is not None or _STATUS_RE.search(text) is not None


def _details(piece: LineText, checkin: dict[str, object]) -> None:
    """Confidence and a status in parentheses or in the note; the rest is the note."""
    text = piece.text
    note_parts: list[str] = []
    position = 0
    if "(" in text:
        for group in _PARENS_RE.finditer(text):
            inside = group.group(1)
            if _says(inside):
                _confidence_and_status(inside, checkin)
                note_parts.append(text[position:group.start()])
                position = group.end()
    note_parts.append(text[position:])
    note = " ".join(" ".join(note_parts).split()).strip(_NOTE_LEAD)
    if note and checkin.get("confidence") is None and checkin.get("status") is None:
        # "on track, signup flow shipped late", "confidence 0.6 — …" written without parentheses
        lead = _LEAD_RE.match(note)
        said = lead.group(1) if lead else ""
        if len(said.split()) <= 4 and _says(said):
            _confidence_and_status(said, checkin)
            note = note[lead.end() if lead else 0:].strip(_NOTE_LEAD)
    checkin["note"] = note or None


def _confidence_and_status(text: str, checkin: dict[str, object]) -> None:
    confidence = _CONFIDENCE_RE.search(text)
    if confidence:
        number = float(confidence["a"] or confidence["b"])
        unit = confidence["apct"] or confidence["bpct"]
        value = number / 10 if unit == "/10" else number / 100 if unit == "%" or number > 1 else number
        if 0 <= value <= 1:
            checkin["confidence"] = round(value, 6)
    status = _STATUS_RE.search(text)
    if status and status.lastgroup:
        checkin["status"] = _STATUS_WORDS[int(status.lastgroup[1:])][1]


# Units of time a value may carry without the key result writing them the same way ("900 s" under
# "20 min"); other units are taken only when they are the key result's own ("1,650 signups").
_TIME_WORDS = frozenset(
    "ms millisecond milliseconds s sec secs second seconds min mins minute minutes h hr hrs hour hours "
    "d day days wk wks week weeks month months year years".split()
)


_NUMBER_START_RE = re.compile(r"^[~≈<>≤≥=]*\s*(?:[A-Z]{3}\s?)?[$€£¥+]?\d")
_WORD_RE = re.compile(r"[^\s(;|]+")
_UNIT_WORD_RE = re.compile(r"\s+([A-Za-zµ]+)\b")
_DETAILS_NEXT_RE = re.compile(r"\s*(?:$|\(|[-–—;|]\s)")


def _same_noun(word: str, unit: str | None) -> bool:
    if unit is None:
        return False
    word, unit = word.lower().rstrip("s"), unit.lower().rstrip("s")
    return bool(word) and word == unit


def _value(piece: LineText, checkin: dict[str, object], unit_hint: str | None = None) -> LineText:
    """Read the value at the start of `piece` (done/not done, or a quantity); return the rest.

    The quantity is decoded by `read_quantity`, the statement grammar's own reader; its extent is
    the first word, and the next one or two while they change what `read_quantity` reads
    ("2.1 million", "42 percent", "USD 5k"). A word after it is its unit when it is a unit of
    time, the key result's own noun (`unit_hint`), or the only word before the details ("1,200
    users (…)"); otherwise it starts the note."""
    done = _DONE_RE.match(piece.text)
    if done:
        checkin["done"] = done["yes"] is not None
        return piece.part(done.end())
    if not _NUMBER_START_RE.match(piece.text):
        return piece
    words = list(_WORD_RE.finditer(piece.text, 0, 80))
    if not words:
        return piece
    end = words[0].end()
    parts = read_quantity(piece.text[:end].rstrip(",.;:"))
    if parts.value is None:
        return piece
    for word in words[1:3]:
        longer = read_quantity(piece.text[:word.end()])
        if (longer.value, longer.unit) == (parts.value, parts.unit):
            break
        parts, end = longer, word.end()
    token = piece.text[:end].rstrip(",.;:")
    end = len(token)
    unit = parts.unit
    after = _UNIT_WORD_RE.match(piece.text, end)
    # "1,200 users (…)": one word alone between the number and the details is its unit too
    alone = after is not None and _DETAILS_NEXT_RE.match(piece.text, after.end()) is not None
    if unit is None and after and (after.group(1).lower() in _TIME_WORDS or _same_noun(after.group(1), unit_hint)
                                   or alone):
        unit = after.group(1)
        end = after.end()
    checkin["value"] = {  # validated with the check-in, in one pydantic-core call
        "value": parts.value, "unit": unit, "comparator": parts.comparator, "text": token,
        "span": piece.span_fields(0, len(token)),
    }
    return piece.part(end)


def _make(fields: dict[str, object]) -> Checkin:
    return Checkin.model_validate(fields)


def read_checkin(piece: LineText, period: PlanningPeriod | None, unit_hint: str | None = None) -> Checkin | None:
    """A check-in, grade or milestone written on a line of its own under an item; None if the
    line is something else. `piece` is the line without its indentation; `unit_hint` is the
    unit of the item's target, which a noun after the value may repeat."""
    body = piece
    bullet = _BULLET_RE.match(body.text)
    if bullet:
        body = body.part(bullet.end())
    box = _CHECKBOX_RE.match(body.text)
    grade = None if box else _GRADE_RE.match(body.text)
    dated = None if box or grade else _DATE_RE.match(body.text)
    if not (box or grade or dated):
        return None  # most lines under an item are its key results, not check-ins: no span made for them
    fields: dict[str, object] = {"span": piece.stripped().span_fields()}
    if box:
        fields["done"] = box["tick"] != " "
        rest = body.part(box.end())
        dated = _DATE_RE.match(rest.text)
        if dated and (day := _date(dated, period)) is not None:
            fields["date"] = day.isoformat()
            rest = rest.part(dated.end())
        fields["note"] = rest.text.strip() or None
        fields["kind"] = "check-in"
        return _make(fields)
    if grade:
        return _grade(body.part(grade.end()), fields, _kind(grade["label"]))
    day = _date(dated, period) if dated is not None else None
    if dated is None or day is None:
        return None
    fields["date"] = day.isoformat()
    rest = body.part(dated.end())
    after_grade = _GRADE_RE.match(rest.text)
    if after_grade:  # "2026-09-30: => 0.7" or "2026-09-30 grade: 0.7"
        return _grade(rest.part(after_grade.end()), fields, _kind(after_grade["label"]))
    rest = _value(rest, fields, unit_hint)
    _details(rest, fields)
    if "value" not in fields and "done" not in fields and not fields.get("note") and "status" not in fields:
        return None
    return _make(fields)


def _kind(label: str | None) -> CheckinKind:
    return "projection" if label and label.lower().startswith("project") else "grade"


def _grade(rest: LineText, fields: dict[str, object], kind: CheckinKind) -> Checkin:
    rest = rest.stripped()
    score, used = read_score(rest.text)
    if score is not None:
        fields["grade"] = score
        rest = rest.part(used)
    fields["kind"] = kind
    _details(rest, fields)
    return _make(fields)


def read_weight(piece: LineText) -> float | None:
    """`weight: 2` (or `weight: 30%`) under a key result."""
    body = piece.text
    bullet = _BULLET_RE.match(body)
    match = _WEIGHT_RE.match(body[bullet.end():] if bullet else body)
    return float(match["w"]) if match else None


def unit_of(item: KeyResult | KPI | Objective) -> str | None:
    """The unit an item's numbers are in (its target's, else its baseline's), if it has one."""
    if isinstance(item, Objective):
        return None
    written = item.measure.target or item.measure.baseline
    return written.unit if written is not None else None


def attach_line(item: KeyResult | KPI | Objective, piece: LineText, period: PlanningPeriod | None) -> bool:
    """Attach a line written under `item` if it is a check-in, grade, milestone or weight;
    False (and nothing attached) if it is not one of those."""
    if isinstance(item, KeyResult) and (weight := read_weight(piece)) is not None:
        item.weight = weight
        return True
    checkin = read_checkin(piece, period, unit_of(item))
    if checkin is None:
        return False
    if isinstance(item, Objective) and checkin.kind == "check-in":
        return False  # an objective is graded, its key results are checked in
    item.checkins.append(checkin)
    return True


def statement_end(text: str) -> int:
    """Where a statement ends before a grade written after it with "=>" ("… => 0.7 shipped late")."""
    arrow = _TRAILING_GRADE_RE.search(text)
    return arrow.start() if arrow and arrow.start() > 0 else len(text)


def split_written(body: LineText, objective: bool = False) -> tuple[LineText, Written]:
    """Take a trailing grade and priority off a statement: "Ship X P1 0.70", "Ship X => 60%",
    "Improve latency 0.40" (an objective). Returns the statement without them."""
    written = Written()
    arrow = _TRAILING_GRADE_RE.search(body.text)
    if arrow and arrow.start() > 0:
        grade_piece = body.part(arrow.start("rest"))
        written.checkins.append(_grade(grade_piece, {"span": body.part(arrow.start()).stripped().span_fields()},
                                       "grade"))
        body = body.part(0, arrow.start()).stripped()
    priority = _PRIORITY_SCORE_RE.search(body.text)
    if priority and priority.start() > 0:
        written.priority = int(priority["p"] or priority["p2"])
        group = "score" if priority["score"] else "score2"
        if priority[group]:
            at = body.part(priority.start(group), priority.end(group))
            written.checkins.append(_make({"grade": float(priority[group]), "kind": "grade", "span": at.span_fields()}))
        body = body.part(0, priority.start()).stripped()
    elif objective:
        score = _OBJECTIVE_SCORE_RE.search(body.text)
        if score:
            at = body.part(score.start("score"), score.end("score"))
            written.checkins.append(_make({"grade": float(score["score"]), "kind": "grade", "span": at.span_fields()}))
            body = body.part(0, score.start()).stripped()
    return body, written


# --- what the Markdown reader hands over -------------------------------------------------------

_DONE_AFTER_RE = re.compile(
    r"^(?:[-–—]\s*)?\(?(?P<yes>done|complete[d]?|achieved|shipped)\)?\.?$|^(?:[-–—]\s*)?\(?(?P<no>missed|dropped|"
    r"not\s+done)\)?\.?$|^(?P<tick>[✅✔☑])$",
    re.I,
)


_PRIORITY_ALONE_RE = re.compile(r"^\(?P(?P<p>[0-4])\)?$")


def written_after(text: str, end: int, objective: bool = False, where: LineText | None = None) -> Written:
    """What a page wrote after a statement that its reader has already cut off (`text[end:]`):
    "P1 0.70", "P1", "0.40", "=> 60% achieved", "- DONE". Spans are on `where` (which holds `text`),
    else local to `text` (line 1, offset 0)."""
    if where is None and (end >= len(text) or text[end:].isspace()):
        return Written()  # nothing after the statement (most items): nothing to read
    whole = where if where is not None else LineText(text, 1, 0, 0)
    trailing = whole.part(end).stripped()
    written = Written()
    if not trailing.text:
        return written
    arrow = re.match(r"^(?:=+>|-+>|→|⇒)\s*", trailing.text)
    if arrow:
        written.checkins.append(_grade(trailing.part(arrow.end()), {"span": trailing.span_fields()}, "grade"))
        return written
    alone = _PRIORITY_ALONE_RE.match(trailing.text)
    if alone:
        written.priority = int(alone["p"])
        return written
    done = _DONE_AFTER_RE.match(trailing.text)
    if done:
        written.checkins.append(_make({"done": done["no"] is None, "kind": "check-in", "span": trailing.span_fields()}))
        return written
    _, found = split_written(whole, objective=objective)
    if found.priority is not None or found.checkins:
        return found
    score, used = read_score(trailing.text)
    if score is not None and used == len(trailing.text) and score <= 1.0:
        written.checkins.append(_make({"grade": score, "kind": "grade", "span": trailing.span_fields()}))
    return written


_DATE_HEADER_RE = re.compile(r"^(?:date|day|when|week(?:\s+of)?|as\s+of|check-?in(?:\s+date)?|updated?)$", re.I)
_VALUE_HEADER_RE = re.compile(r"^(?:value|actual|current|result|measured?|reading|progress|number|metric)$", re.I)
_CONFIDENCE_HEADER_RE = re.compile(r"^(?:confidence|conf\.?)$", re.I)
_NOTE_HEADER_RE = re.compile(r"^(?:notes?|comments?|what\s+changed|why|remarks?)$", re.I)
_STATUS_HEADER_RE = re.compile(r"^(?:status|health|rag)$", re.I)
# the columns of a key-result table that grade or rank the row
_GRADE_HEADER_RE = re.compile(r"^(?:score|final(?:\s+score)?|grade|end[-\s]?(?:q|quarter)|result|achieved|"
                              r"final\s+grade)$", re.I)
_PROJECTION_HEADER_RE = re.compile(r"^(?:(?:mid[-\s]?q(?:uarter)?\s+)?projection|projected(?:\s+score)?|forecast)$",
                                   re.I)
_MIDWAY_HEADER_RE = re.compile(r"^(?:mid[-\s]?q(?:uarter)?(?:\s+(?:actual|score))?|midpoint|mid-?term)$", re.I)
_PRIORITY_HEADER_RE = re.compile(r"^(?:priority|prio|p)$", re.I)
_PRIORITY_CELL_RE = re.compile(r"^P(?P<p>[0-4])$", re.I)

Cell = tuple[str, Span]


def checkin_columns(header: list[str]) -> dict[str, int] | None:
    """The columns of a table of check-ins (a date column and a value or done column), or None."""
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        name = name.strip().strip("*_ ").strip()
        for role, pattern in (("date", _DATE_HEADER_RE), ("value", _VALUE_HEADER_RE),
                              ("confidence", _CONFIDENCE_HEADER_RE), ("note", _NOTE_HEADER_RE),
                              ("status", _STATUS_HEADER_RE)):
            if role not in roles and pattern.match(name):
                roles[role] = index
    return roles if "date" in roles and ("value" in roles or "status" in roles) else None


def row_checkin(cells: list[Cell], roles: dict[str, int], period: PlanningPeriod | None) -> Checkin | None:
    """One row of a table of check-ins, read as the same check-in written on one line would be."""
    def cell(role: str) -> str:
        index = roles.get(role)
        return cells[index][0].strip() if index is not None and index < len(cells) else ""

    parts = [cell("date") + ":", cell("value")]
    extras = [f"confidence {cell('confidence')}" if cell("confidence") else "", cell("status")]
    extras = [e for e in extras if e]
    if extras:
        parts.append("(" + ", ".join(extras) + ")")
    if cell("note"):
        parts.append("— " + cell("note"))
    line = " ".join(p for p in parts if p)
    checkin = read_checkin(LineText(line, 1, 0, 0), period)
    if checkin is None:
        return None
    first, last = cells[roles["date"]][1], cells[max(roles.values())][1]
    checkin.span = first.model_copy(update={"end": last.end})
    if checkin.value is not None and "value" in roles:
        checkin.value.span = cells[roles["value"]][1]
    return checkin


def grade_columns(header: list[str]) -> dict[str, int]:
    """The columns of a key-result table that grade, project or rank each row (the IPFS tables:
    "Priority", "Mid-Q Actual", "Mid-Q Projection", "End-Q")."""
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        name = name.strip().strip("*_ ").strip()
        for role, pattern in (("projection", _PROJECTION_HEADER_RE), ("midway", _MIDWAY_HEADER_RE),
                              ("grade", _GRADE_HEADER_RE), ("priority", _PRIORITY_HEADER_RE)):
            if role not in roles and pattern.match(name):
                roles[role] = index
                break
    return roles


def row_grades(item: KeyResult, cells: list[Cell], roles: dict[str, int]) -> None:
    """Attach what a key-result row's grading columns say: a mid-period score (a check-in without a
    date), a projection, the final grade, a priority."""
    for role in ("midway", "projection", "grade"):
        index = roles.get(role)
        if index is None or index >= len(cells):
            continue
        text, span = cells[index]
        score, _ = read_score(text.strip().strip("*").strip())
        if score is None or score > 1.0:
            continue
        kind: CheckinKind = "projection" if role == "projection" else "grade" if role == "grade" else "check-in"
        item.checkins.append(_make({"grade": score, "kind": kind, "span": span, "note": None if role != "midway"
                                    else "mid-period score"}))
    index = roles.get("priority")
    if index is not None and index < len(cells):
        match = _PRIORITY_CELL_RE.match(cells[index][0].strip().strip("*").strip())
        if match:
            item.priority = int(match["p"])


def checkins_under(reader: Reader, made: KeyResult | KPI, children: list[Node]) -> list[Node]:
    """Read the nested bullets under a Markdown key result or KPI that are check-ins, grades,
    milestones or a weight (`- 2026-08-14: 1,650 (confidence 0.6) …`, `- [x] Google sign-in`,
    `- weight: 2`) onto it; return the blocks left for the reader."""
    if not children:
        return []  # nothing under the item (most items)
    from goallint.syntax.markdown.blocks import ListBlock
    from goallint.syntax.markdown.reader import remap
    from goallint.syntax.markdown.text import join

    kept: list[Node] = []
    for child in children:
        if not isinstance(child, ListBlock):
            kept.append(child)
            continue
        left = []
        for sub in child.items:
            head = sub.head
            if head is None or sub.rest:
                left.append(sub)
                continue
            raw = join(head.body.pieces).strip()
            box = _CHECKBOX_RE.match(raw.text)
            text = raw if box else reader.clean(raw)
            piece = LineText(text.text, 1, 0, 0)
            if isinstance(made, KeyResult) and (weight := read_weight(piece)) is not None:
                made.weight = weight
                continue
            checkin = read_checkin(piece, reader.period, unit_of(made))
            if checkin is None:
                left.append(sub)
                continue
            remap(checkin, text, reader.source)
            made.checkins.append(checkin)
        if left:
            kept.append(ListBlock(left) if len(left) != len(child.items) else child)
    return kept
