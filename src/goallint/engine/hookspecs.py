"""The plugin contract: every hook a goallint plugin may implement.

goallint's own rules, reporters and packs are registered through these same hooks. A plugin is
a module (or any object) with functions marked `@hookimpl`, published under the entry-point
group `goallint`, and saying which plugin API it was written for (`goallint_api = "1.1"`, see
`goallint.plugin`). A hook implementation may take fewer arguments than the specification
lists, so hooks can gain arguments without breaking plugins.

Every hook is called once, when plugins load, and each plugin's implementation is called on
its own: one that raises is reported, naming the plugin, and the others still count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from goallint.engine.rule import Rule
    from goallint.inputs import InputFormat
    from goallint.report import Reporter

PROJECT = "goallint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def goallint_rules() -> list[type[Rule]]:  # type: ignore[empty-body]
    """Return the rule classes this plugin provides (subclasses of `goallint.plugin.Rule`;
    rules read from a TOML pack with `goallint.plugin.load_pack` are rule classes too)."""


@hookspec
def goallint_reporters() -> dict[str, Reporter]:  # type: ignore[empty-body]
    """Return output formats by name (`--output-format NAME`): functions from a
    `goallint.plugin.Report` to the text to print."""


@hookspec
def goallint_input_formats() -> list[InputFormat]:  # type: ignore[empty-body]
    """Return the input formats this plugin reads (`goallint.plugin.InputFormat`): files with
    other suffixes than `.okr` and Markdown, converted to a plan goallint checks."""


@hookspec
def goallint_config_defaults() -> dict[str, Any]:  # type: ignore[empty-body]
    """Return default settings for this plugin's own rules, in the shape of `goallint.toml`:
    `{"severity": {"rule-name": "error"}, "rules": {"rule-name": {"option": value}}}`.
    A user's configuration wins over them."""
