"""The stable imports a goallint plugin may rely on. Everything else in goallint is private and may
change in any release; what is here changes only with a new `API_VERSION` (see docs/plugins.md).

    from goallint.plugin import Context, Finding, KeyResult, Rule, RuleOptions, hookimpl

    goallint_api = "1.1"        # the plugin API this plugin is written for

    class RevenueHasCurrency(Rule[KeyResult, NoOptions]):
        code = "ACME101"
        ...

    @hookimpl
    def goallint_rules():
        return [RevenueHasCurrency]
"""

from __future__ import annotations

from goallint.checks.packs import PackError, load_pack, load_packs
from goallint.checks.units import is_currency, seconds_per
from goallint.engine.hookspecs import hookimpl
from goallint.engine.plugins import API_VERSION
from goallint.engine.rule import Context, NoOptions, Rule, RuleOptions, Scope, text_span
from goallint.inputs import Cell, Converted, InputFormat, Piece
from goallint.loading import InputError
from goallint.model import (
    KPI,
    CadenceField,
    Deadline,
    Document,
    Edit,
    Finding,
    Fix,
    KeyResult,
    Measure,
    Objective,
    Period,
    Position,
    Quantity,
    Severity,
    Span,
    TextField,
)
from goallint.report import Report, Reporter

# What the statement reader puts in `Quantity.unit` (docs/plugins.md, "Units"): "%" for percent,
# "pp" for percentage points, "points", "x" for a multiple ("3x"), a currency as its ISO code
# ("$2M" is USD), a unit of time as written ("ms", "days"), or the counted noun in lowercase
# ("40 customers" is "customers"); None when the number has no unit.


def is_percentage(unit: str | None) -> bool:
    """Whether a unit is percent ("20%", "20 percent")."""
    return unit == "%"


def is_percentage_points(unit: str | None) -> bool:
    """Whether a unit is percentage points ("2pp", "2 percentage points")."""
    return unit == "pp"


def is_multiple(unit: str | None) -> bool:
    """Whether a unit is a multiple or ratio ("3x", "3×")."""
    return unit == "x"


def is_duration(unit: str | None) -> bool:
    """Whether a unit is a unit of time ("800 ms", "3 days", "2 weeks")."""
    return seconds_per(unit) is not None

__all__ = [
    "API_VERSION",
    "KPI",
    "CadenceField",
    "Cell",
    "Context",
    "Converted",
    "Deadline",
    "Document",
    "Edit",
    "Finding",
    "Fix",
    "InputError",
    "InputFormat",
    "KeyResult",
    "Measure",
    "NoOptions",
    "Objective",
    "PackError",
    "Period",
    "Piece",
    "Position",
    "Quantity",
    "Report",
    "Reporter",
    "Rule",
    "RuleOptions",
    "Scope",
    "Severity",
    "Span",
    "TextField",
    "hookimpl",
    "is_currency",
    "is_duration",
    "is_multiple",
    "is_percentage",
    "is_percentage_points",
    "load_pack",
    "load_packs",
    "seconds_per",
    "text_span",
]
