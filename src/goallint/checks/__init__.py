"""goallint's built-in rules, registered through the same hook a third-party plugin uses."""

from __future__ import annotations

from goallint.checks import measure, structure
from goallint.engine.hookspecs import hookimpl
from goallint.engine.rule import Rule


@hookimpl
def goallint_rules() -> list[type[Rule]]:
    return [*structure.RULES, *measure.RULES]
