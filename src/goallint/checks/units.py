"""How rules compare quantities: the unit as written, units that convert, percentage metrics."""

from __future__ import annotations

import re

from goallint.model import Measure, Quantity
from goallint.syntax.quantities import read_quantity

CURRENCIES = frozenset("USD EUR GBP CAD AUD CHF JPY INR NZD SEK NOK DKK SGD".split())
_SECONDS = {
    "ms": 0.001, "millisecond": 0.001,
    "s": 1, "sec": 1, "second": 1,
    "min": 60, "minute": 60,
    "h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600,  # "hrs": too short to lose its "s" in _singular
    "day": 86400, "week": 604800, "month": 2629800, "year": 31557600,
}
_PERCENT_METRIC_RE = re.compile(
    r"%|\b(?:rates?|churn|conversions?|retention|margins?|share|percent(?:age)?|ctr|nrr|grr)\b", re.I
)


def is_currency(unit: str | None) -> bool:
    """Whether a quantity's unit is a currency. The reader writes every currency as its ISO code
    ("$2M" is USD, "2M EUR" is EUR), and other units are lowercase or symbols, so any three
    capital letters are one (packs' `units = ["currency"]` means the same)."""
    return unit is not None and len(unit) == 3 and unit.isascii() and unit.isalpha() and unit.isupper()


def written_unit(quantity: Quantity) -> str | None:
    """The unit the quantity is written in. The reader lets one unit serve both ends of
    "from 73 to 75%", and also lets "%" override "points" in "from 30% to 45 points"; the
    text tells them apart."""
    own = read_quantity(quantity.text).unit
    return own or quantity.unit


def _singular(unit: str) -> str:
    lowered = unit.lower()
    return lowered[:-1] if len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith("ss") else lowered


def seconds_per(unit: str | None) -> float | None:
    """How many seconds one `unit` is, for units of time; None for anything else."""
    return _SECONDS.get(_singular(unit)) if unit else None


def comparable(first: str | None, second: str | None) -> bool:
    """Whether two written units measure the same thing: equal (a missing unit borrows the
    other's), singular and plural of one noun, or two units of time."""
    if first is None or second is None:
        return True
    if seconds_per(first) is not None and seconds_per(second) is not None:
        return True
    return first == second or (first not in CURRENCIES and _singular(first) == _singular(second))


def in_common_unit(quantity: Quantity) -> float | None:
    """The value, in seconds for a unit of time, else as written."""
    if quantity.value is None:
        return None
    factor = seconds_per(written_unit(quantity))
    return quantity.value * factor if factor is not None else quantity.value


def is_percentage(measure: Measure) -> bool:
    """Whether the metric is itself a percentage: its numbers are in %, or its name says rate,
    churn, conversion, retention, margin or share."""
    if any(q is not None and q.unit == "%" for q in (measure.baseline, measure.target)):
        return True
    return bool(measure.metric and _PERCENT_METRIC_RE.search(measure.metric))


def describe(unit: str | None) -> str:
    """A unit in words, for messages."""
    names = {"%": "percent", "pp": "percentage points", "points": "points", "x": "a multiple"}
    if unit is None:
        return "no unit"
    return names.get(unit, unit)
