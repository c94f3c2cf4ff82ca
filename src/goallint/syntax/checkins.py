"""Check-ins and grades as people write them in a plan (docs/format.md, "Check-ins").

Both front ends call this module; it never decides what a line *is* on its own, only whether a
line under an item is a check-in, a grade or a milestone, and what it says:

- `2026-08-14: 1,650 (confidence 0.6) signup flow shipped late`, `Aug 14 — done`;
- `=> 60%`, `=> 0.7 shipped two of three`, `grade: 0.7`, `projection: 0.6`, `=> shipped` (a note);
- `[x] milestone` / `[ ] milestone` under an effort key result;
- `weight: 2` under a key result.

Values are read with the statement grammar's quantity reader (`read_statement`), so "1.65k",
"$2.1M" and "42%" mean here what they mean in the key result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from goallint.model import KPI, Checkin, CheckinKind, KeyResult, Objective, Quantity
from goallint.syntax.build import LineText
from goallint.syntax.dates import PlanningPeriod
from goallint.syntax.statement import RawQuantity, read_statement

_MONTHS = {name: number for number, names in enumerate(
    ("jan january", "feb february", "mar march", "apr april", "may", "jun june", "jul july",
     "aug august", "sep sept september", "oct october", "nov november", "dec december"), start=1)
    for name in names.split()}
_MONTH = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DATE_RE = re.compile(
    rf"""^(?:
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
_TRAILING_GRADE_RE = re.compile(r"\s+(?:=+>|-{2,}>|⇒)\s*(?P<rest>.*)$")
# "… P1 0.70" after a statement (Chromium), or "… 0.40" after an objective
# ("P1" alone stays: "Triage every P1" is a statement; "(P1)" or "P1 0.70" are not)
_SCORE = r"(?:0?\.\d{1,2}|1\.0{1,2}|[01])"
_PRIORITY_SCORE_RE = re.compile(
    rf"\s+(?:\(P(?P<p>[0-4])\)(?:\s+(?P<score>{_SCORE}))?|P(?P<p2>[0-4])\s+(?P<score2>{_SCORE}))\s*$"
)
# two decimals, as graded pages write them, so "Launch version 1.0" keeps its number
_OBJECTIVE_SCORE_RE = re.compile(r"(?<=[A-Za-z)\]])\s+(?P<score>0\.\d\d|1\.00)\s*$")
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
_CONFIDENCE_RE = re.compile(
    r"\b(?:confidence|conf\.?)\s*[:=]?\s*(?P<a>\d+(?:\.\d+)?)\s*(?P<apct>%|/10)?|(?P<b>\d+(?:\.\d+)?)\s*(?P<bpct>%|/10)?\s+confiden",
    re.I,
)
_NOTE_LEAD = " \t-–—:;,|"


@dataclass
class Written:
    """What a statement's own line says besides the statement: a priority and grades."""

    priority: int | None = None
    checkins: list[Checkin] = field(default_factory=list)

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


def _details(piece: LineText, checkin: dict[str, object]) -> None:
    """Confidence and a status in parentheses or in the note; the rest is the note."""
    text = piece.text
    note_parts: list[str] = []
    position = 0
    for group in re.finditer(r"\(([^()]*)\)", text):
        inside = group.group(1)
        if _CONFIDENCE_RE.search(inside) or any(p.search(inside) for p, _ in _STATUS_WORDS):
            _confidence_and_status(inside, checkin)
            note_parts.append(text[position:group.start()])
            position = group.end()
    note_parts.append(text[position:])
    note = " ".join(" ".join(note_parts).split()).strip(_NOTE_LEAD)
    if checkin.get("confidence") is None and checkin.get("status") is None and note:
        # "on track, signup flow shipped late", "confidence 0.6 — …" written without parentheses
        lead = re.match(r"^([^,;.—–]*)[,;.—–]?\s*", note)
        said = lead.group(1) if lead else ""
        if (_CONFIDENCE_RE.search(said) or any(p.search(said) for p, _ in _STATUS_WORDS)) and len(said.split()) <= 4:
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
    for pattern, status in _STATUS_WORDS:
        if pattern.search(text):
            checkin["status"] = status
            break


def _quantity(raw: RawQuantity, where: LineText) -> Quantity:
    return Quantity.model_validate({
        "value": raw.value, "unit": raw.unit, "comparator": raw.comparator, "text": raw.text,
        "span": where.span_fields(raw.start, raw.end),
    })


def _value(piece: LineText, checkin: dict[str, object]) -> LineText:
    """Read the value at the start of `piece` (done/not done, or a quantity); return the rest."""
    done = _DONE_RE.match(piece.text)
    if done:
        checkin["done"] = done["yes"] is not None
        return piece.part(done.end())
    # the value is what comes before a parenthesis or a dash that starts the note
    stop = re.search(r"\s*(?:\(|\s[-–—]\s|;|\s\|)", piece.text)
    head = piece.part(0, stop.start()) if stop else piece
    reading = read_statement(head.text)
    found = [q for q in (reading.baseline, reading.target, reading.change) if q is not None]
    first = min(found, key=lambda q: q.start) if found else None
    if first is None or head.text[:first.start].strip(" ~≈"):
        return piece
    checkin["value"] = _quantity(first, head)
    end = first.end
    if first.unit and head.text[end:].lstrip().lower().startswith(first.unit.lower()):
        rest = head.text[end:]
        end += len(rest) - len(rest.lstrip()) + len(first.unit)
    return piece.part(end)


def _make(fields: dict[str, object]) -> Checkin:
    return Checkin.model_validate(fields)


def read_checkin(piece: LineText, period: PlanningPeriod | None) -> Checkin | None:
    """A check-in, grade or milestone written on a line of its own under an item; None if the
    line is something else. `piece` is the line without its indentation."""
    body = piece
    bullet = _BULLET_RE.match(body.text)
    if bullet:
        body = body.part(bullet.end())
    fields: dict[str, object] = {"span": piece.stripped().span_fields()}
    box = _CHECKBOX_RE.match(body.text)
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
    grade = _GRADE_RE.match(body.text)
    if grade:
        return _grade(body.part(grade.end()), fields, _kind(grade["label"]))
    dated = _DATE_RE.match(body.text)
    if dated is None:
        return None
    day = _date(dated, period)
    if day is None:
        return None
    fields["date"] = day.isoformat()
    rest = body.part(dated.end())
    after_grade = _GRADE_RE.match(rest.text)
    if after_grade:  # "2026-09-30: => 0.7" or "2026-09-30 grade: 0.7"
        return _grade(rest.part(after_grade.end()), fields, _kind(after_grade["label"]))
    rest = _value(rest, fields)
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


def attach_line(item: KeyResult | KPI | Objective, piece: LineText, period: PlanningPeriod | None) -> bool:
    """Attach a line written under `item` if it is a check-in, grade, milestone or weight;
    False (and nothing attached) if it is not one of those."""
    if isinstance(item, KeyResult) and (weight := read_weight(piece)) is not None:
        item.weight = weight
        return True
    checkin = read_checkin(piece, period)
    if checkin is None:
        return False
    if isinstance(item, Objective) and checkin.kind == "check-in":
        return False  # an objective is graded, its key results are checked in
    item.checkins.append(checkin)
    return True


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
