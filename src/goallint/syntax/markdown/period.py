"""The planning period a page names without a `period:` line: in its title ("FY23-Q1 OKRs",
"Platform Priorities 2025", "Q3 2019 goals") or in a sentence that gives its dates ("This
quarter will run from February 1, 2022 to April 30, 2022", "Start for the first period is
23.11.2020. End is 28.02.2021."), which also tells where the fiscal year starts when the title
numbers the quarter. Dates that are no whole quarter, half or year are a period of their own,
named as the page writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from goallint.syntax.dates import MONTHS, PlanningPeriod, parse_period
from goallint.syntax.markdown.labels import PERIOD_IN_HEADING_RE

# "Platform Priorities 2025", "Goals for 2024", "2023 Roadmap", "2030 Strategy": a year with a planning word.
_PLANNING_WORDS_RE = re.compile(
    r"\b(?:OKRs?|objectives|goals|priorities|plan|planning|roadmap|targets|KPIs?|V2MOMs?|focus(?:es)?|big\s+ideas"
    r"|ambitions|aims|initiatives|strategy|measures\s+of\s+success)\b",
    re.I,
)
_YEAR_RE = re.compile(r"(?<![\w-])(?:19|20)\d{2}(?![\w-])")

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_RE = re.compile(
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
    # "23.11.2020": dots put the day first (as in German, Dutch or Russian)
    r"|(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})(?!\.?\d)",
    re.I,
)
# "runs from 2021-08-01 to 2021-10-31", "will run from February 1, 2022 to April 30, 2022"
_FROM_RE = re.compile(r"\b(?:runs?|running|will\s+run|lasts?|covers?|spans?|is|goes)\s+from\s+", re.I)
_TO_RE = re.compile(r"(?<!\s)\s*+(?:to|until|till|through|thru|-|–|—)\s*+", re.I)
# "Start for the first period is 23.11.2020. End is 28.02.2021.", "Start date: 1 March 2021, end
# date: 31 May 2021": a start and an end, each said with its date
_EDGE = r"(?:date\b|of\b|for\b)[^.:;]{0,40}?"
_START_RE = re.compile(rf"\b(?:start|begin|beginning)s?\b(?:\s+{_EDGE})?\s*(?:\bis\b|\bon\b|:)\s*", re.I)
_END_RE = re.compile(
    rf"(?<![\s.,;])[\s.,;]*+(?:and\s+)?(?:the\s+)?(?:end|finish)(?:s|es)?\b(?:\s+{_EDGE})?\s*(?:\bis\b|\bon\b|:)\s*",
    re.I,
)


class DateRange(NamedTuple):
    """The first and last day a sentence gives the period, where its dates are in the text
    (`start` to `end`), and the dates as written ("23.11.2020-28.02.2021")."""

    first: date
    last: date
    start: int
    end: int
    written: str


@dataclass(frozen=True, slots=True)
class Found:
    """A period and where its words are: `start`/`end` index the text it was read from."""

    period: PlanningPeriod
    start: int
    end: int


def _day(match: re.Match[str]) -> date | None:
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        if match["m3"]:
            return date(int(match["y3"]), int(match["m3"]), int(match["d3"]))
        month = MONTHS.get((match["m1"] or match["m2"])[:3].lower())
        day = int(match["d1"] or match["d2"])
        year = int(match["y1"] or match["y2"])
        return date(year, month, day) if month else None
    except ValueError:
        return None


def dates_in(text: str) -> DateRange | None:
    """The first and last day of a sentence that says when the period runs, and where they are."""
    for opening, between_re in ((_FROM_RE, _TO_RE), (_START_RE, _END_RE)):
        for found in opening.finditer(text):
            first = _DAY_RE.match(text, found.end())
            between = between_re.match(text, first.end()) if first else None
            last = _DAY_RE.match(text, between.end()) if between else None
            if first is None or last is None:
                continue
            start, end = _day(first), _day(last)
            if start and end and start < end:
                return DateRange(start, end, first.start(), last.end(), _written(first.group(), last.group()))
    return None


def date_range(text: str, fy_start_month: int) -> PlanningPeriod | None:
    """A period written as its two dates ("2020-11-23 to 2021-02-28", "23.11.2020-28.02.2021"):
    the quarter, half or year they are exactly, else a period of their own."""
    first = _DAY_RE.match(text)
    between = _TO_RE.match(text, first.end()) if first else None
    last = _DAY_RE.fullmatch(text, between.end()) if between else None
    start, end = (_day(first), _day(last)) if first and last else (None, None)
    if first is None or last is None or start is None or end is None or start >= end:
        return None
    return ranged(start, end, _written(first.group(), last.group()), fy_start_month)


def _written(first: str, last: str) -> str:
    """ "23.11.2020-28.02.2021", "2020-11-23 to 2021-02-28", "1 March 2021 to 31 May 2021" """
    return f"{first}-{last}" if not any(c in first + last for c in " -") else f"{first} to {last}"


def ranged(first: date, last: date, written: str, fy_start_month: int) -> PlanningPeriod:
    """The quarter, half or year that runs from `first` to `last`, else a period of those days
    named as written; its fiscal year is the one it ends in."""
    named = from_dates(first, last, fy_start_month)
    if named is not None:
        return named
    fiscal_year = last.year + (1 if fy_start_month > 1 and last.month >= fy_start_month else 0)
    return PlanningPeriod(written, first, last, fiscal_year, None, None, fy_start_month)


_SECTION_NUMBER_RE = re.compile(r"^\s*\d{1,3}[.)]\s")
_NUMBER_IN_REST_RE = re.compile(r"(?<!\w)\d")


def in_title(text: str, fy_start_month: int) -> Found | None:
    """The period a title or heading names: "FY23-Q1 OKRs", "Q3 2019 goals",
    "Platform Priorities 2025" (a year with a planning word)."""
    named = PERIOD_IN_HEADING_RE.search(text)
    if named is not None:
        period = parse_period(named.group(), fy_start_month)
        if period is not None:
            return Found(period, named.start(), named.end())
    years = list(_YEAR_RE.finditer(text))
    # "OKRs (2020 Set 1)" is a part of 2020, not the year: no other number may follow
    rest = text[: years[0].start()] + text[years[0].end():] if len(years) == 1 else ""
    rest = _SECTION_NUMBER_RE.sub("", rest, count=1)  # "21. Plan for 2024" (a record's number)
    # (a digit inside a word, "V2MOM", is no number)
    if len(years) == 1 and _PLANNING_WORDS_RE.search(text) and not _NUMBER_IN_REST_RE.search(rest):
        period = parse_period(years[0].group(), fy_start_month)
        if period is not None:
            return Found(period, years[0].start(), years[0].end())
    return None


def _months(first: date, last: date) -> int:
    return (last.year - first.year) * 12 + last.month - first.month + 1


def fiscal_start(first: date, last: date, named: PlanningPeriod | None) -> int | None:
    """The month the fiscal year starts, from a quarter's or half's dates and, when the page
    numbers it ("FY22-Q3"), its number; None when the dates are not a whole quarter or half."""
    if first.day != 1 or last + timedelta(days=1) != date(last.year + last.month // 12, last.month % 12 + 1, 1):
        return None
    months = _months(first, last)
    if months not in (3, 6, 12):
        return None
    index = 0
    if named is not None:
        if months == 3 and named.quarter:
            index = 3 * (named.quarter - 1)
        elif months == 6 and named.half:
            index = 6 * (named.half - 1)
    return (first.month - 1 - index) % 12 + 1


def from_dates(first: date, last: date, fy_start_month: int) -> PlanningPeriod | None:
    """The quarter, half or year that runs exactly from `first` to `last`, named in the
    fiscal year that starts in `fy_start_month`."""
    months = _months(first, last)
    offset = (first.month - fy_start_month) % 12
    fiscal_year = first.year + (1 if fy_start_month > 1 and first.month >= fy_start_month else 0)
    year = f"FY{fiscal_year % 100:02d}" if fy_start_month != 1 else str(fiscal_year)
    if months == 3 and offset % 3 == 0:
        text = f"{year}-Q{offset // 3 + 1}"
    elif months == 6 and offset % 6 == 0:
        text = f"{year}-H{offset // 6 + 1}"
    elif months == 12 and offset == 0:
        text = year
    else:
        return None
    period = parse_period(text, fy_start_month)
    return period if period is not None and (period.start, period.end) == (first, last) else None
