"""Loading plugins: goallint's own, then each installed one in isolation.

A plugin that fails to import, or whose hook raises, is reported as a `PluginProblem` naming
it; the others still load. Rule codes and names that clash are reported too.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, cast

import pluggy

from goallint.engine import hookspecs
from goallint.engine.rule import Rule

if TYPE_CHECKING:
    from goallint.report import Reporter

ENTRY_POINT_GROUP = "goallint"
# the suppression module registers `unused-suppression`, which it reports after the other rules
BUILTIN_PLUGINS = ("goallint.checks", "goallint.engine.suppression", "goallint.report")


@dataclass(frozen=True)
class PluginProblem:
    plugin: str
    message: str


@dataclass
class Plugins:
    """What loaded: the rules by name, the reporters by name, and what went wrong."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    reporters: dict[str, Reporter] = field(default_factory=dict)
    problems: list[PluginProblem] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule name -> plugin name

    def rule(self, name_or_code: str) -> type[Rule] | None:
        wanted = name_or_code.strip()
        for rule in self.rules.values():
            if wanted in (rule.name, rule.code) or wanted.upper() == rule.code:
                return rule
        return None


def _manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def load_plugins(include_installed: bool = True) -> Plugins:
    manager = _manager()
    loaded = Plugins()
    for module_name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    if include_installed:
        for entry in entry_points(group=ENTRY_POINT_GROUP):
            try:
                plugin = entry.load()
                manager.register(plugin, name=entry.name)
            except Exception as error:  # a broken plugin must not stop the run
                loaded.problems.append(PluginProblem(entry.name, f"could not be loaded: {error!r}"))
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        loaded.problems.append(PluginProblem(str(error.plugin), str(error)))
    _collect(manager, loaded)
    return loaded


def _collect(manager: pluggy.PluginManager, loaded: Plugins) -> None:
    """Call each plugin's hooks one by one, so a failure is pinned on the plugin that failed."""
    for implementation in manager.hook.goallint_rules.get_hookimpls():
        name = implementation.plugin_name
        try:
            rules = cast("list[type[Rule]]", implementation.function() or [])
        except Exception as error:
            loaded.problems.append(PluginProblem(name, f"hook goallint_rules raised {error!r}"))
            continue
        for rule in rules:
            clash = next((r for r in loaded.rules.values() if rule.code == r.code or rule.name == r.name), None)
            if clash is not None:
                message = f"rule {rule.code} {rule.name} clashes with {clash.code} {clash.name}"
                loaded.problems.append(PluginProblem(name, message))
                continue
            loaded.rules[rule.name] = rule
            loaded.origin[rule.name] = name
    for implementation in manager.hook.goallint_reporters.get_hookimpls():
        try:
            reporters = cast("dict[str, Reporter]", implementation.function() or {})
            loaded.reporters.update(reporters)
        except Exception as error:
            message = f"hook goallint_reporters raised {error!r}"
            loaded.problems.append(PluginProblem(implementation.plugin_name, message))
