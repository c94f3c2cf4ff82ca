"""Planning periods ("2026-Q3", "FY27 Q1") and deadlines ("by end of H1") as dates.

A fiscal year is named after the calendar year in which it ends (FY27 with an April start
runs from 2026-04-01 to 2027-03-31); with the default January start, fiscal and calendar
years are the same. A deadline resolves to the last day it allows; where the text does not
say enough (a quarter with no year and no document period), the date stays empty rather
than guessed.

Years are bounded: a date past `LAST_YEAR` (or before year 1) is read as no date at all, so
that a typo such as "FY99999" gives a "not understood" message instead of an error, and the
day after any date goallint resolves still exists.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
LAST_YEAR = 9998  # datetime stops at 9999-12-31; rules add a day to a period's end
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


@dataclass(frozen=True, slots=True)
class PlanningPeriod:
    """A resolved period; `fiscal_year` is the number of the fiscal year that holds it."""

    label: str
    start: date
    end: date
    fiscal_year: int
    quarter: int | None
    half: int | None
    fy_start_month: int


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def fiscal_year_start(fiscal_year: int, fy_start_month: int) -> date:
    return date(fiscal_year if fy_start_month == 1 else fiscal_year - 1, fy_start_month, 1)


def _block(fiscal_year: int, fy_start_month: int, first_month: int, months: int) -> tuple[date, date]:
    """Start and end of `months` months from fiscal month `first_month` (0-based)."""
    start = _add_months(fiscal_year_start(fiscal_year, fy_start_month), first_month)
    return start, _add_months(start, months) - timedelta(days=1)


def _full_year(text: str) -> int:
    digits = int(text)
    return digits if digits >= 100 else 2000 + digits


_PERIOD_RE = re.compile(
    r"""^\s*(?:
        (?P<fy1>FY|CY)?\s?'?(?P<y1>\d{4}|\d{2})[\s\-_/]*(?:(?P<q1>Q[1-4])|(?P<h1>H[12]))?
      | (?:(?P<q2>Q[1-4])|(?P<h2>H[12]))[\s\-_/]*(?P<fy2>FY|CY)?\s?'?(?P<y2>\d{4}|\d{2})
    )\s*$""",
    re.X | re.I,
)


def _in_range(*days: date) -> bool:
    return all(1 < day.year <= LAST_YEAR for day in days)


def parse_period(text: str, fy_start_month: int = 1) -> PlanningPeriod | None:
    """Read a period header value; None when it is not one goallint knows (or its years are
    outside 2 to `LAST_YEAR`)."""
    try:
        period = _parse_period(text, fy_start_month)
    except (ValueError, OverflowError):
        return None
    return period if period is None or _in_range(period.start, period.end) else None


def _parse_period(text: str, fy_start_month: int) -> PlanningPeriod | None:
    match = _PERIOD_RE.match(text)
    if match is None:
        return None
    prefix = (match["fy1"] or match["fy2"] or "").upper()
    year_text = match["y1"] or match["y2"]
    if len(year_text) == 2 and not prefix:
        return None  # "26" alone is too little to be a year
    year = _full_year(year_text)
    start_month = 1 if prefix == "CY" else fy_start_month
    quarter_text = match["q1"] or match["q2"]
    half_text = match["h1"] or match["h2"]
    quarter = int(quarter_text[1]) if quarter_text else None
    half = int(half_text[1]) if half_text else None
    if quarter:
        start, end = _block(year, start_month, 3 * (quarter - 1), 3)
        suffix = f"-Q{quarter}"
    elif half:
        start, end = _block(year, start_month, 6 * (half - 1), 6)
        suffix = f"-H{half}"
    else:
        start, end = _block(year, start_month, 0, 12)
        suffix = ""
    name = f"{prefix}{year_text}" if prefix else str(year)
    return PlanningPeriod(f"{name}{suffix}", start, end, year, quarter, half, start_month)


_PREP_RE = re.compile(
    r"^(?:by|before|until|till|til|to|through|thru|in|during|at|on|for|no\s+later\s+than|ahead\s+of|"
    r"prior\s+to|within|for\s+the\s+end\s+of|between\s+\d{4}(?:/\d{2})?\s+and)\s+",
    re.I,
)
_EDGE_RE = re.compile(
    r"^(?:the\s+)?(?:(?P<edge>end|close|start|beginning|middle|mid|last\s+day)\s+of\s+(?:the\s+)?|"
    r"(?P<mid>mid)-?\s?|(?P<late>late)\s+|(?P<early>early)\s+|(?P<endish>end)-\s?)",  # ("by end-2027")
    re.I,
)
_ISO_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_NAMES = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_MONTH_DAY_RE = re.compile(
    rf"^(?:(?P<m1>{_MONTH_NAMES})[a-z]*\.?(?:\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_NAMES})[a-z]*\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?$",
    re.I,
)
_QUARTER_RE = re.compile(
    r"^(?:(?P<fya>FY|CY)\s?'?(?P<ya>\d{2,4})[\s-]*|(?P<yb>\d{4})[\s-]*)?"
    r"(?:(?P<qn>[1-4])Q\s?'?(?P<yq>\d{4}|\d{2})|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)\s+(?P<unit>quarter|half))"
    r"(?:[\s-]*(?:of\s+)?(?:(?:(?P<fyc>FY|CY)\s?'?(?P<yc>\d{2,4}))|(?P<yd>\d{4})|'(?P<ye>\d{2})|the\s+year))?$",
    re.I,
)
# "FY2020", "fiscal 2020", "financial year 2021": a fiscal year by its number
_YEAR_RE = re.compile(
    r"^(?:(?P<fy>FY|CY)|(?P<fiscal>(?:fiscal|financial)(?:\s+year)?)\s)?\s?'?(?P<year>\d{4}|\d{2})$", re.I
)
# "2027/28", "FY 2027-28", "by 30/31": a fiscal year that straddles two calendar years, named by both
_SPLIT_YEAR_RE = re.compile(r"^(?:FY\s?)?(?P<first>\d{4}|[2-4]\d(?=/))[/-](?P<second>\d{2}|\d{4})$", re.I)
# A split year is the public-sector habit of countries whose fiscal year starts in April (the UK,
# India, Canada, Japan): read it that way unless the configuration names another start month.
SPLIT_YEAR_START_MONTH = 4
# Meteorological seasons of the northern hemisphere: the first month and the number of months.
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_RE = re.compile(r"^(?P<season>spring|summer|autumn|fall|winter)(?:\s+(?P<year>\d{4}))?$", re.I)
_RELATIVE_RE = re.compile(
    r"^(?:(?:the\s+)?(?P<which>this|next|current|coming)\s+(?P<unit>quarter|half|year|month|fiscal\s+year|financial\s+year)"
    r"|(?:the\s+)?(?:end|close)\s+of\s+(?:the\s+)?(?:(?:this|current)\s+)?(?P<unit2>year|quarter|month|half|fiscal\s+year|financial\s+year|fy|period)"
    r"|(?:the\s+)?(?P<unit3>quarter|half|year|month|fiscal\s+year|financial\s+year|fy|period)"
    r"|(?P<abbr>EOY|EOQ|EOM|EOFY|EOH)|(?:fiscal\s+|financial\s+)?(?P<ye>year)[-\s]end|(?P<qe>quarter)[-\s]end|fiscal\s+year\s+(?P<fye>end))$",
    re.I,
)


def _strip_edges(text: str) -> tuple[str, str]:
    """Remove "by", "the end of", "mid-": return the core and which edge of it is meant."""
    text = text.strip()
    core = _PREP_RE.sub("", text, count=1)
    # "before Q4" and "ahead of June" end the day before those begin
    edge = "before" if re.match(r"(?:before|ahead\s+of|prior\s+to)\s", text, re.I) else "end"
    match = _EDGE_RE.match(core)
    if match:
        word = (match["edge"] or match["mid"] or match["late"] or match["early"] or "").lower()
        if word in ("start", "beginning", "early"):
            edge = "before" if edge == "before" else "start"
        elif word in ("middle", "mid"):
            edge = "middle"
        else:  # "before the end of Q3" is still the end of Q3
            edge = "end"
        core = core[match.end():]
    return core.strip().rstrip(".,"), edge


def _pick(start: date, end: date, edge: str) -> date:
    if edge == "start":
        return start
    if edge == "middle":
        return start + (end - start) // 2
    if edge == "before":
        return start - timedelta(days=1)
    return end


def _year_for_month(month: int, period: PlanningPeriod | None) -> int | None:
    """The year of a month named without one: the one inside the period's fiscal year."""
    if period is None:
        return None
    fy_start = fiscal_year_start(period.fiscal_year, period.fy_start_month)
    return fy_start.year if month >= fy_start.month else fy_start.year + 1


def resolve_deadline(text: str, period: PlanningPeriod | None, fy_start_month: int = 1) -> date | None:
    """The ISO end date a deadline phrase allows, or None when it cannot be known (or lies
    outside the years 2 to `LAST_YEAR`)."""
    try:
        resolved = _resolve_deadline(text, period, fy_start_month)
    except (ValueError, OverflowError):
        return None
    return resolved if resolved is None or _in_range(resolved) else None


def _resolve_deadline(text: str, period: PlanningPeriod | None, fy_start_month: int) -> date | None:
    core, edge = _strip_edges(text)
    start_month = period.fy_start_month if period else fy_start_month
    iso = _ISO_RE.fullmatch(core)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    slashed = _NUMERIC_DATE_RE.fullmatch(core)
    if slashed:
        return _numeric_date(int(slashed[1]), int(slashed[2]), int(slashed[3]))
    iso_month = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", core)
    if iso_month:  # "2019-08": the end of that month
        first = date(int(iso_month[1]), int(iso_month[2]), 1)
        return _pick(first, _month_end(first.year, first.month), edge)
    match = _MONTH_DAY_RE.match(core)
    if match:
        month = MONTHS[(match["m1"] or match["m2"]).lower()]
        year = int(match["year"]) if match["year"] else _year_for_month(month, period)
        if year is None:
            return None
        day_text = match["d1"] or match["d2"]
        if day_text:
            try:
                return date(year, month, int(day_text))
            except ValueError:
                return None
        return _pick(date(year, month, 1), _month_end(year, month), edge)
    match = _QUARTER_RE.match(core)
    if match:
        year_text = match["ya"] or match["yb"] or match["yq"] or match["yc"] or match["yd"] or match["ye"]
        prefix = (match["fya"] or match["fyc"] or "").upper()
        if year_text:
            fiscal_year = _full_year(year_text)
        elif period is not None:
            fiscal_year = period.fiscal_year
        else:
            return None
        months_from = 1 if prefix == "CY" else start_month
        if match["q"] or match["qn"] or (match["unit"] or "").lower() == "quarter":
            quarter = match["q"] or match["qn"]  # "Q2", "2Q18"
            number = int(quarter) if quarter else _ORDINALS[match["ord"].lower()]
            return _pick(*_block(fiscal_year, months_from, 3 * (number - 1), 3), edge)
        number = int(match["h"]) if match["h"] else _ORDINALS[match["ord"].lower()]
        return _pick(*_block(fiscal_year, months_from, 6 * (number - 1), 6), edge)
    match = _YEAR_RE.match(core)
    if match and (match["fy"] or len(match["year"]) == 4):
        prefix = "FY" if match["fiscal"] else (match["fy"] or "").upper()
        months_from = start_month if prefix == "FY" else 1
        return _pick(*_block(_full_year(match["year"]), months_from, 0, 12), edge)
    match = _SPLIT_YEAR_RE.match(core)
    if match:
        return _split_year(_full_year(match["first"]), match["second"], start_month, edge)
    match = _SEASON_RE.match(core)
    if match:
        first_month = _SEASONS[match["season"].lower()]
        year = int(match["year"]) if match["year"] else _year_for_month(first_month, period)
        if year is None:
            return None
        start = date(year, first_month, 1)
        return _pick(start, _add_months(start, 3) - timedelta(days=1), edge)
    match = _RELATIVE_RE.match(core)
    if match and period is not None:
        # "before EOQ" means by the end of the quarter, not before it began
        return _relative(match, period, "end" if edge == "before" else edge)
    return None


# "6/30/2023" (month first, as in the US) or "31/03/2026" (day first): the order shows only when
# one of the two is above 12; "6/7/2025" could be either, and is left unresolved
_NUMERIC_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _numeric_date(first: int, second: int, year: int) -> date | None:
    if first > 12 >= second:
        return date(year, second, first)
    if second > 12 >= first:
        return date(year, first, second)
    return None


def _split_year(first: int, second_text: str, start_month: int, edge: str) -> date | None:
    """"2027/28": the fiscal year that begins in 2027 and ends in 2028 (None when the two years
    do not follow each other, as in "2027/29")."""
    second = first + 1
    if int(second_text) not in (second, second % 100):
        return None
    months_from = start_month if start_month != 1 else SPLIT_YEAR_START_MONTH
    return _pick(*_block(second, months_from, 0, 12), edge)


def _relative(match: re.Match[str], period: PlanningPeriod, edge: str) -> date | None:
    unit = " ".join((match["unit"] or match["unit2"] or match["unit3"] or "").lower().split())
    abbr = (match["abbr"] or "").upper()
    step = 1 if (match["which"] or "").lower() in ("next", "coming") else 0
    fy, start_month = period.fiscal_year, period.fy_start_month
    if unit in ("quarter",) or abbr == "EOQ" or match["qe"]:
        if period.quarter is None:
            return None
        index = period.quarter - 1 + step
        return _pick(*_block(fy + index // 4, start_month, 3 * (index % 4), 3), edge)
    if unit == "half" or abbr == "EOH":
        half = period.half or (((period.quarter or 1) - 1) // 2 + 1)
        index = half - 1 + step
        return _pick(*_block(fy + index // 2, start_month, 6 * (index % 2), 6), edge)
    if unit == "month" or abbr == "EOM":
        return None  # a document's period is at least a quarter: which month is meant is unknown
    if unit == "period":
        return _pick(period.start, period.end, edge)
    return _pick(*_block(fy + step, start_month, 0, 12), edge)
