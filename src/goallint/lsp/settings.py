"""The configuration each open document is checked with, as `goallint check` finds it, reloaded
when a configuration file changes.

A configuration goallint cannot use never stops the server: the documents it covers are checked
with goallint's defaults, and the problems are shown as diagnostics on the configuration file
and once as a message.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from goallint.config import CONFIG_FILES, Config, ConfigError, ConfigFinder, ConfigProblem
from goallint.engine.plugins import Plugins, load_plugins


@dataclass
class Looked:
    """The configuration for one document, and why it is the defaults when it could not be read."""

    config: Config
    error: ConfigError | None = None


@dataclass
class Settings:
    """Plugins (loaded once) and the configuration finder, which starts afresh on reload."""

    plugins: Plugins = field(default_factory=load_plugins)
    override: Path | None = None  # the `configFile` initialization option, like `--config`
    _finder: ConfigFinder | None = None
    _failed: dict[Path, ConfigError] = field(default_factory=dict)
    _defaults: Config = field(default_factory=Config)

    def reload(self) -> None:
        self._finder = None
        self._failed.clear()
        self._defaults = Config()

    def for_path(self, path: Path) -> Looked:
        directory = path.parent
        if directory in self._failed:
            return Looked(self._defaults, self._failed[directory])
        try:
            if self._finder is None:
                self._finder = ConfigFinder(self.plugins, self.override)
            return Looked(self._finder.for_path(path))
        except ConfigError as error:
            self._failed[directory] = error
            return Looked(self._defaults, error)

    def plugin_problems(self) -> list[str]:
        return [f"The goallint plugin '{p.plugin}' {_sentence(p.message)}" for p in self.plugins.problems]


def is_config_file(path: Path) -> bool:
    return path.name in CONFIG_FILES


def problems_by_file(error: ConfigError) -> dict[str, list[ConfigProblem]]:
    found: dict[str, list[ConfigProblem]] = defaultdict(list)
    for problem in error.problems:
        found[problem.source].append(problem)
    return found


def describe_error(error: ConfigError) -> str:
    first = error.problems[0] if error.problems else None
    where = str(first) if first else str(error)
    more = f" (and {len(error.problems) - 1} more)" if len(error.problems) > 1 else ""
    return f"goallint could not use its configuration: {where}{more}. Until it is fixed, goallint's defaults apply."


def _sentence(message: str) -> str:
    return message if message.endswith(".") else message + "; its rules are not run, the others are."
