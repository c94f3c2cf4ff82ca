"""The configuration each request is linted with: the operator's, with the caller's overrides.

The operator's file (`--config`, else the nearest `goallint.toml` from the working directory)
is checked once at start-up. A caller may send a table in the same shape; it is laid over the
operator's: `severity`, `rules` (per rule, per option) and `per-file-ignores` are merged key by
key, `extend-select` and `ignore` add to the operator's, and any other key replaces it.

A caller may set only `CALLER_KEYS`. As with `goallint check`, a file name in a request is taken
relative to the directory the service runs in, so started from a project's root, `legacy/plan.okr`
matches the `per-file-ignores` glob `legacy/**` of the project's goallint.toml.
"""

from __future__ import annotations

import json
import tomllib
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from goallint.config import (
    SETTING_KEYS,
    Config,
    ConfigError,
    ConfigFinder,
    ConfigProblem,
    config_from_table,
    load_config,
)
from goallint.engine.plugins import Plugins

# What a caller may set: how documents are judged. Never what is loaded (packs, plugins), which
# could make the service read its own files or change what every request runs.
CALLER_KEYS = ("select", "extend-select", "ignore", "severity", "rules", "per-file-ignores", "fail-on",
               "fiscal-year-start")
OPERATOR_KEYS = frozenset(SETTING_KEYS) - frozenset(CALLER_KEYS)
# Without an operator's file, the table is read as a file in the working directory.
DEFAULT_SOURCE = Path("goallint.toml")
_ADDED = ("extend-select", "ignore")
_MERGED = ("severity", "per-file-ignores")


def operator_table(plugins: Plugins, path: Path | None) -> tuple[dict[str, Any], Path | None]:
    """The operator's settings as a table, and the file they came from (None: the defaults).

    Raises `ConfigError` (with file and line) when the file cannot be used."""
    found = path if path is not None else ConfigFinder(plugins).for_path(Path("<request>")).path
    if found is None:
        return {}, None
    load_config(found, plugins)  # checks it, with line numbers in its messages
    data: Any = tomllib.loads(found.read_text(encoding="utf-8"))
    if found.name == "pyproject.toml":
        data = data.get("tool", {}).get("goallint", {})
    return dict(data), found


def merge(base: Mapping[str, Any], overrides: Mapping[str, Any], plugins: Plugins) -> dict[str, Any]:
    """The operator's table with a caller's overrides laid over it (see the module's docstring)."""
    merged = dict(base)
    for key, value in overrides.items():
        old = merged.get(key)
        if key in _ADDED and isinstance(old, list) and isinstance(value, list):
            merged[key] = [*old, *value]
        elif key in _MERGED and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = {**old, **value}
        elif key == "rules" and isinstance(old, dict) and isinstance(value, dict):
            merged[key] = _merge_rule_options(old, value, plugins)
        else:
            merged[key] = value
    return merged


def _merge_rule_options(old: dict[str, Any], new: dict[str, Any], plugins: Plugins) -> dict[str, Any]:
    # `[rules.GL101]` and `[rules.kr-count]` are the same rule: merge under its name
    def by_name(table: dict[str, Any]) -> dict[str, Any]:
        named: dict[str, Any] = {}
        for key, value in table.items():
            rule = plugins.rule(key)
            named[rule.name if rule is not None else key] = value
        return named

    merged = by_name(old)
    for name, options in by_name(new).items():
        before = merged.get(name)
        merged[name] = {**before, **options} if isinstance(before, dict) and isinstance(options, dict) else options
    return merged


class Configs:
    """Builds (and remembers a few of) the configurations requests ask for.

    Many requests send the same overrides (a page re-linting as someone types), so the last few
    are kept; what a request gets never depends on what came before it."""

    def __init__(self, plugins: Plugins, base: Mapping[str, Any], source: Path | None, size: int = 64) -> None:
        self.plugins = plugins
        self.base = dict(base)
        # read as the operator's file is, so that its packs are found beside it
        self.source = str(source or DEFAULT_SOURCE)
        self.default = config_from_table(self.base, plugins, self.source)
        self._recent: OrderedDict[str, Config] = OrderedDict()
        self._size = size

    def get(self, overrides: Mapping[str, Any] | None) -> Config:
        """The configuration for these overrides. Raises `ConfigError`."""
        if not overrides:
            return self.default
        key = json.dumps(overrides, sort_keys=True, default=str)
        config = self._recent.get(key)
        if config is None:
            refused = [ConfigProblem("config", None, f"'{name}' can be set only in the service's own configuration")
                       for name in overrides if name in OPERATOR_KEYS]
            if refused:
                raise ConfigError(refused)
            config = config_from_table(merge(self.base, overrides, self.plugins), self.plugins, self.source)
            self._recent[key] = config
            if len(self._recent) > self._size:
                self._recent.popitem(last=False)
        else:
            self._recent.move_to_end(key)
        return config


def problems_of(error: ConfigError) -> list[str]:
    """The messages of a configuration error, without the made-up file name they carry."""
    return [problem.message for problem in error.problems]
