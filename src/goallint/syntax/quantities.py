"""Reading one quantity token ("≥ $2.5M", "4.1%", "85%+", "at least one") into its parts.

The statement grammar decides *where* a quantity is; this module decides what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from goallint.model import Comparator

CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# Signs written before an amount in India, Nigeria, Kenya and Tanzania ("₹5,056 crore", "Rs 10,000 crore",
# "KSh 2 billion"), by their currency's code
_LOCAL_SIGNS = {"₹": "INR", "rs": "INR", "rs.": "INR", "₦": "NGN", "ksh": "KES", "tsh": "TZS"}
MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9,
    "trillion": 1e12, "tn": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7, "lakh crore": 1e12,
}
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "fifty": 50
}
# Longest phrases first, so "no more than" is not read as "more than".
_COMPARATORS: list[tuple[str, Comparator]] = [
    (r"at\s+or\s+(?:above|over)", ">="), (r"at\s+or\s+(?:below|under)", "<="),
    (r"no\s+(?:more)\s+than|not\s+more\s+than", "<="), (r"no\s+(?:less|fewer)\s+than", ">="),
    (r"not\s+less\s+than", ">="), (r"at\s+least", ">="), (r"at\s+most", "<="),
    (r"up\s+to", "<="), (r"(?:more|greater|higher)\s+than", ">"),
    (r"(?:less|fewer|lower)\s+than", "<"), (r"over|above", ">"), (r"under|below", "<"),
    (r"around|about|approximately|approx\.?|nearly|almost|~", "~"),
    (r">=|≥", ">="), (r"<=|≤", "<="), (r">", ">"), (r"<", "<"), (r"==?", "~"),
]
_CMP_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_COMPARATORS)), re.I)
_AFTER: list[tuple[re.Pattern[str], Comparator]] = [
    (re.compile(r"or\s+(?:more|higher|above|better|greater|over)|and\s+(?:above|up|over)|plus|\+", re.I), ">="),
    (re.compile(r"or\s+(?:less|lower|below|fewer|under)|and\s+(?:below|under)", re.I), "<="),
]
_FRACTION_RE = re.compile(r"([1-9])/(10|[2-9])(?![\d/])")
_CODES = "USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|NZD|SEK|NOK|DKK|SGD|KES|NGN|TZS|UGX|RWF|ZAR|GHS"
_NUM = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)"  # ".5": a decimal written without its zero
_QTY_RE = re.compile(
    rf"""
    (?P<code1>{_CODES})?\s?(?P<sym>[$€£¥₹₦]|Rs\.?|KSh|Ksh|TSh)?\s?
    (?P<num>{_NUM})(?:\s?[-–]\s?[$€£]?(?P<num2>{_NUM}))?
    (?:\s?(?P<mult>thousand|million|billion|trillion|lakh\s+crore|crores?|lakhs?|lacs?|cr|mm|mn|bn|tn|k|m|b)(?!\w))?
    (?:\s?(?P<unit>%|per\s+cent|percent(?:age\s+points?)?|percentage\s+points?|p\.p\.|pp|ppts?|points?|pts|x|×)(?!\w))?
    (?:\s?(?P<code2>{_CODES})(?!\w))?
    """,
    re.X | re.I,
)
_UNIT_NAMES = {
    "%": "%", "percent": "%", "per cent": "%",
    "pp": "pp", "p.p.": "pp", "ppt": "pp", "ppts": "pp",
    "percentage point": "pp", "percentage points": "pp",
    "percent point": "pp", "percent points": "pp",
    "percentagepoint": "pp", "percentagepoints": "pp",
    "point": "points", "points": "points", "pts": "points",
    "x": "x", "×": "x",
}


@dataclass(frozen=True, slots=True)
class QuantityParts:
    value: float | None
    unit: str | None
    comparator: Comparator | None


def _comparator_before(text: str) -> tuple[Comparator | None, str]:
    match = _CMP_RE.match(text)
    if not match or match.lastgroup is None:
        return None, text
    comparator = _COMPARATORS[int(match.lastgroup[1:])][1]
    return comparator, text[match.end():].lstrip()


def _comparator_after(rest: str) -> Comparator | None:
    rest = rest.strip()
    for pattern, comparator in _AFTER:
        if pattern.fullmatch(rest):
            return comparator
    return None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


@lru_cache(maxsize=16384)  # the reader and several rules decode the same few quantity texts
def read_quantity(token: str) -> QuantityParts:
    """Decode a QTY token. Ranges ("20–30%") keep their lower bound: what is promised."""
    comparator, rest = _comparator_before(token)
    rest = rest.lstrip("+")
    fraction = _FRACTION_RE.match(rest)
    if fraction:  # "over 2/3 of key users": a share
        share = round(100 * int(fraction[1]) / int(fraction[2]), 2)
        return QuantityParts(share, "%", comparator or _comparator_after(rest[fraction.end():]))
    words = rest.strip().lower().split(" or ")[0].split(" and ")[0].strip()
    number, _, scale = words.partition(" ")
    if number in NUMBER_WORDS and scale in ("thousand", "million", "billion"):  # "six million households"
        return QuantityParts(float(NUMBER_WORDS[number] * MULTIPLIERS[scale]), None, comparator)
    if number in NUMBER_WORDS and " ".join(scale.split()) in _UNIT_NAMES:  # "by five percent", "three points"
        return QuantityParts(float(NUMBER_WORDS[number]), _UNIT_NAMES[" ".join(scale.split())], comparator)
    if words in NUMBER_WORDS:
        after = _comparator_after(rest.strip()[len(words):])
        return QuantityParts(float(NUMBER_WORDS[words]), None, comparator or after)
    match = _QTY_RE.match(rest)
    if match is None:  # the grammar only hands over what this pattern reads
        return QuantityParts(None, None, comparator)
    value = _number(match["num"])
    if match["mult"]:
        value *= MULTIPLIERS[" ".join(match["mult"].lower().split())]
    unit: str | None = None
    if match["unit"]:
        unit = _UNIT_NAMES.get(" ".join(match["unit"].lower().split()), "%")
    code = match["code1"] or match["code2"]
    if code:
        unit = code.upper()
    elif match["sym"]:
        unit = CURRENCY_SYMBOLS.get(match["sym"]) or _LOCAL_SIGNS[match["sym"].lower()]
    after = _comparator_after(rest[match.end():])
    return QuantityParts(round(value, 6), unit, comparator or after)


def read_placeholder(token: str) -> QuantityParts:
    """A placeholder has no value; a currency sign or a % still says what it counts."""
    comparator, rest = _comparator_before(token)
    unit = CURRENCY_SYMBOLS.get(rest[:1])
    if rest.rstrip().endswith("%"):
        unit = "%"
    return QuantityParts(None, unit, comparator)
