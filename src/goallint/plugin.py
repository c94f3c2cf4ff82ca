"""The stable imports a goallint plugin may rely on. Everything else in goallint is private and may
change in any release; what is here changes only with a new `API_VERSION` (see docs/plugins.md).

    from goallint.plugin import Context, Finding, KeyResult, Rule, RuleOptions, hookimpl

    goallint_api = "1.0"        # the plugin API this plugin is written for

    class RevenueHasCurrency(Rule):
        code = "ACME101"
        ...

    @hookimpl
    def goallint_rules():
        return [RevenueHasCurrency]
"""

from __future__ import annotations

from goallint.checks.packs import PackError, load_pack, load_packs
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
    "load_pack",
    "load_packs",
    "text_span",
]
