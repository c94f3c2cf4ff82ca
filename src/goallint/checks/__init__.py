"""goallint's built-in rules, registered through the same hook a third-party plugin uses.

Rules written in Python live in topic modules; rules written as data are the packs in
`rules/*.toml` (see `goallint.checks.packs`).
"""

from __future__ import annotations

from goallint.checks import alignment, fixable, kind, kpi, language, measure, periods, structure, tracking
from goallint.checks.packs import builtin_packs
from goallint.engine.hookspecs import hookimpl
from goallint.engine.rule import Rule


@hookimpl
def goallint_rules() -> list[type[Rule]]:
    return [
        *structure.RULES, *measure.RULES, *kind.RULES, *kpi.RULES, *periods.RULES, *alignment.RULES, *language.RULES,
        *fixable.RULES, *tracking.RULES,
        *builtin_packs(),
    ]
