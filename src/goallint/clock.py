"""The day goallint judges plans as of: today, or the `--as-of DATE` of the command line.

Rules that depend on the date (is a period half over? is a check-in overdue?) ask `today()`
instead of the system clock, so a run with `--as-of` is the same on every machine and every
day, and the result cache keys on this date (see `goallint.checking`).
"""

from __future__ import annotations

from datetime import date

_as_of: date | None = None


def today() -> date:
    """The as-of date of this run."""
    return _as_of or date.today()


def set_as_of(day: date | None) -> None:
    """Judge as of `day` (None: the real today) from now on, in this process."""
    global _as_of
    _as_of = day
