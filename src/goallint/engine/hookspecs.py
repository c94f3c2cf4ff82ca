"""The plugin contract: every hook a goallint plugin may implement.

goallint's own rules and reporters are registered through these same hooks. A plugin is a
module or object with functions marked `@hookimpl`, published under the entry-point group
`goallint`. A hook implementation may take fewer arguments than the specification lists, so
hooks can gain arguments without breaking plugins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from goallint.engine.rule import Rule
    from goallint.report import Reporter

PROJECT = "goallint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def goallint_rules() -> list[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides. Called once, when plugins load."""


@hookspec
def goallint_reporters() -> dict[str, Reporter]:  # type: ignore[empty-body]
    """Return output formats by name (`--output-format NAME`). Called once."""
