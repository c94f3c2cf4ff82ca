"""Configuration: `goallint.toml`, `.goallint.toml`, or `[tool.goallint]` in `pyproject.toml`.

Each checked file uses the configuration file nearest to it: goallint looks in the file's
directory, then in each parent, and the first directory holding one wins (in the order of
`CONFIG_FILES`; a `pyproject.toml` without a `[tool.goallint]` table does not count). Files
are not merged. `--config PATH` names one file for every checked file instead.

A file is read with tomllib, its keys are validated with pydantic and then against the installed
rules; every problem is a `ConfigProblem` naming the file, the line (found by searching the
text) and the key, with a "did you mean" where one is close. See docs/configuration.md.

A file may also name rule packs (`packs = ["./house-rules.toml"]`, relative to the file) and
plugins to leave out (`disable-plugins`); a pack's rules run only for the files that
configuration applies to.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from goallint.engine.plugins import BUILTIN, Plugins
from goallint.engine.rule import Rule
from goallint.engine.runner import Selection
from goallint.model import Finding, Severity

if TYPE_CHECKING:
    import pathspec

CONFIG_FILES = ("goallint.toml", ".goallint.toml", "pyproject.toml")
FailOn = Literal["error", "warning", "info", "never"]
PluginErrors = Literal["fail", "warn"]
PACK_ORIGIN = "pack "  # the origin of a rule read from a pack a configuration names: "pack <path>"
DEFAULT_FAIL_ON: FailOn = "warning"
DEFAULT_FISCAL_YEAR_START = 1
DEFAULT_OUTPUT_FORMAT = "text"
# Where rule links point (SARIF helpUri, an editor's link on a diagnostic): a page with a section
# per rule, `{code}` ("GL202"), `{code_lower}` ("gl202") and `{name}` filled in. goallint has no
# published site, and a link to a guessed address would 404: without `docs-url` there is no link,
# and `goallint explain CODE` (the same text as docs/rules.md) is where a rule is explained.
DEFAULT_DOCS_URL: str | None = None
DOCS_URL_FIELDS = ("code", "code_lower", "name")
FISCAL_YEAR_ASSUMED = "fiscal-year-assumed"  # the rule told whether fiscal-year-start was configured
_PYPROJECT_TABLE = ("tool", "goallint")


class Settings(BaseModel):
    """The keys of a configuration file, as written; rule names are checked afterwards."""

    model_config = ConfigDict(extra="forbid", strict=True, defer_build=True)  # built only when a file is read

    select: list[str] | None = None
    extend_select: list[str] = Field(default_factory=list, alias="extend-select")
    ignore: list[str] = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    fail_on: FailOn | None = Field(None, alias="fail-on")
    fiscal_year_start: int | None = Field(None, ge=1, le=12, alias="fiscal-year-start")
    output_format: str | None = Field(None, alias="output-format")
    packs: list[str] = Field(default_factory=list)
    disable_plugins: list[str] = Field(default_factory=list, alias="disable-plugins")
    plugin_errors: PluginErrors | None = Field(None, alias="plugin-errors")
    exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = Field(True, alias="respect-gitignore")
    docs_url: str | None = Field(None, alias="docs-url")


SETTING_KEYS = [field.alias or name for name, field in Settings.model_fields.items()]


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with a configuration: where (a file and line, or a command-line option)
    and what, in words that name the key."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.message}" if self.line else f"{self.source}: {self.message}"


class ConfigError(Exception):
    """A configuration goallint cannot use; `problems` lists everything wrong with it."""

    def __init__(self, problems: Sequence[ConfigProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = list(problems)


@dataclass(frozen=True)
class FileIgnore:
    """A `per-file-ignores` entry: a glob (relative to the configuration's directory) and rules."""

    glob: str
    rules: tuple[str, ...]
    pattern: re.Pattern[str]


@dataclass(frozen=True, eq=False)
class Config:
    """The configuration in effect for some files: validated, with rule names resolved.

    `path` is the file it was read from, or None for goallint's defaults. Rule patterns are
    kept as written (a name, a code, or a code prefix such as "GL2").
    """

    path: Path | None = None
    directory: Path = field(default_factory=Path.cwd)
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, BaseModel] = field(default_factory=dict)
    per_file_ignores: tuple[FileIgnore, ...] = ()
    fail_on: FailOn = DEFAULT_FAIL_ON
    fiscal_year_start: int = DEFAULT_FISCAL_YEAR_START
    output_format: str = DEFAULT_OUTPUT_FORMAT
    packs: tuple[type[Rule], ...] = ()
    disabled_plugins: frozenset[str] = frozenset()
    plugin_errors: PluginErrors = "fail"
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to `directory`
    respect_gitignore: bool = True
    fiscal_year_start_set: bool = False  # whether the file says it (else January is assumed)
    docs_url: str | None = DEFAULT_DOCS_URL

    def excludes(self, path: Path) -> bool:
        """Whether `exclude` leaves out this file or directory (met while walking a directory)."""
        if not self.exclude:
            return False
        relative = _relative_posix(path, self.directory)
        if relative.startswith("../"):
            return False
        return _exclude_spec(self.exclude).match_file(relative + ("/" if path.is_dir() else ""))

    def rule_url(self, rule: type[Rule], plugins: Plugins) -> str | None:
        """Where a rule is documented: the page its plugin gives, else, for goallint's own rules,
        `docs-url` filled in; None where there is no page (`goallint explain` says it all)."""
        if rule.docs_url:
            return rule.docs_url
        if self.docs_url is None or plugins.origin.get(rule.name, BUILTIN) != BUILTIN:
            return None
        return self.docs_url.format(code=rule.code, code_lower=rule.code.lower(), name=rule.name)

    def enabled_rules(
        self, plugins: Plugins, select: Sequence[str] = (), ignore: Sequence[str] = ()
    ) -> list[type[Rule]]:
        """The rules that run: `select` (all rules when unset) plus `extend-select`, minus `ignore`.

        `select` and `ignore` from the command line (each item may be a comma-separated list)
        are checked like the file's: a `select` replaces the file's `select` and
        `extend-select`, an `ignore` adds to its `ignore`.
        """
        select, ignore = _split_commas(select), _split_commas(ignore)
        problems = _unknown_patterns(plugins, select, "--select") + _unknown_patterns(plugins, ignore, "--ignore")
        if problems:
            raise ConfigError(problems)
        chosen: Sequence[str] | None = list(select) if select else None
        if chosen is None and self.select is not None:
            chosen = [*self.select, *self.extend_select]
        ignored = [*self.ignore, *ignore]
        return [
            rule for rule in self.available_rules(plugins)
            if (chosen is None or rule_matches(rule, chosen)) and not rule_matches(rule, ignored)
        ]

    def available_rules(self, plugins: Plugins) -> list[type[Rule]]:
        """The rules this configuration may run: those of the plugins it does not disable, and
        of the packs it names (not the packs other configurations name)."""
        def available(rule: type[Rule]) -> bool:
            origin = plugins.origin.get(rule.name, BUILTIN)
            if origin.startswith(PACK_ORIGIN):
                return rule in self.packs
            return origin not in self.disabled_plugins

        return [rule for rule in plugins.rules.values() if available(rule)]

    def apply_to_run(self, plugins: Plugins) -> None:
        """Settle the run's plugins by this, the run's configuration: disabled plugins give no
        output or input formats and their problems do not count; with `plugin-errors = "warn"`
        no plugin problem, nor a plugin rule failing, makes the run exit 2."""
        plugins.disable(self.disabled_plugins)
        if self.plugin_errors == "warn":
            plugins.problems.clear()
            plugins.count_rule_failures = False

    def selection(self, plugins: Plugins, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> Selection:
        """The runner's selection: the enabled rules, their options and severity overrides."""
        rules = [rule_class() for rule_class in self.enabled_rules(plugins, select, ignore)]
        options = {rule.name: self.options_of(type(rule), plugins) for rule in rules}
        if FISCAL_YEAR_ASSUMED in options:  # whether FY periods are read with a start nobody chose
            assumed = None if self.fiscal_year_start_set else self.fiscal_year_start
            options[FISCAL_YEAR_ASSUMED] = options[FISCAL_YEAR_ASSUMED].model_copy(update={"assumed_start": assumed})
        return Selection(rules, options, {**plugins.default_severity, **self.severity})

    def options_of(self, rule: type[Rule], plugins: Plugins | None = None) -> BaseModel:
        """The rule's options: as configured, or its plugin's defaults, or its own defaults."""
        configured = self.options.get(rule.name)
        if configured is None and plugins is not None:
            configured = plugins.default_options.get(rule.name)
        # the defaults need no validation, and skipping it keeps start-up from building every schema
        return configured if configured is not None else rule.Options.model_construct()

    def file_ignores(self, path: str | Path) -> list[FileIgnore]:
        """The `per-file-ignores` entries whose glob matches this file."""
        if not self.per_file_ignores:
            return []
        relative = _relative_posix(Path(path), self.directory)
        name = relative.rsplit("/", 1)[-1]
        return [
            entry for entry in self.per_file_ignores
            if entry.pattern.match(relative) or ("/" not in entry.glob and entry.pattern.match(name))
        ]

    def ignores(self, finding: Finding, plugins: Plugins) -> bool:
        """Whether `per-file-ignores` silences this finding in its file."""
        if finding.path is None:
            return False
        rule = plugins.rules.get(finding.rule)
        return rule is not None and any(rule_matches(rule, entry.rules) for entry in self.file_ignores(finding.path))

    def describe(self, plugins: Plugins, path: Path | None = None) -> dict[str, Any]:
        """The configuration in effect for `path` (a file or a directory), every default filled in.

        For a file, the rules its `per-file-ignores` entries silence are left out of `select`.
        """
        rules = self.enabled_rules(plugins)
        file_ignores = self.per_file_ignores
        if path is not None and not path.is_dir():
            file_ignores = tuple(self.file_ignores(path))
            rules = [r for r in rules if not any(rule_matches(r, entry.rules) for entry in file_ignores)]
        options = {}
        for rule in rules:
            if rule.Options.model_fields:
                options[rule.name] = self.options_of(rule, plugins).model_dump(mode="json")
        return {
            "path": str(path) if path is not None else None,
            "config-file": str(self.path) if self.path else None,
            "fail-on": self.fail_on,
            "fiscal-year-start": self.fiscal_year_start,
            "output-format": self.output_format,
            "plugin-errors": self.plugin_errors,
            "disable-plugins": sorted(self.disabled_plugins),
            "packs": [str(getattr(rule, "source", rule.name)) for rule in self.packs],
            "exclude": list(self.exclude),
            "respect-gitignore": self.respect_gitignore,
            "docs-url": self.docs_url,
            "select": [rule.name for rule in rules],
            "severity": {
                rule.name: self.severity.get(rule.name, plugins.default_severity.get(rule.name, rule.severity))
                for rule in rules
            },
            "per-file-ignores": {entry.glob: list(entry.rules) for entry in file_ignores},
            "rules": options,
        }


def rule_matches(rule: type[Rule], patterns: Iterable[str]) -> bool:
    """Whether a rule is named by any pattern: its name, its code, or a prefix of its code."""
    return any(p and (p == rule.name or rule.code.startswith(p.upper())) for p in patterns)


def _split_commas(items: Sequence[str]) -> list[str]:
    return [part.strip() for item in items for part in item.split(",") if part.strip()]


def _unknown_patterns(plugins: Plugins, patterns: Iterable[str], source: str) -> list[ConfigProblem]:
    return [
        ConfigProblem(source, None, f"unknown rule '{p}'{_did_you_mean(p, _rule_words(plugins))}")
        for p in patterns if not any(rule_matches(rule, [p]) for rule in plugins.rules.values())
    ]


def _rule_words(plugins: Plugins) -> list[str]:
    return [word for rule in plugins.rules.values() for word in (rule.name, rule.code)]


def _did_you_mean(word: str, candidates: Iterable[str], prefix: str = "") -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{prefix}{close[0]}'?" if close else ""


# --- Finding and reading files --------------------------------------------------------------


def config_file_in(directory: Path) -> Path | None:
    """The configuration file of one directory, if it has one."""
    for name in CONFIG_FILES:
        candidate = directory / name
        if candidate.is_file() and (name != "pyproject.toml" or _read(candidate)[1] is not None):
            return candidate
    return None


def _read(path: Path) -> tuple[str, dict[str, Any] | None]:
    """The file's text and its goallint table (None for a pyproject.toml without one)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError([ConfigProblem(str(path), None, f"cannot be read ({reason})")]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r" \(at line (\d+).*\)$", str(error))
        reason = str(error)[: found.start()] if found else str(error)
        line = int(found[1]) if found else None
        raise ConfigError([ConfigProblem(str(path), line, f"is not valid TOML: {reason}")]) from None
    if path.name != "pyproject.toml":
        return text, data
    table: Any = data
    for key in _PYPROJECT_TABLE:
        table = table.get(key) if isinstance(table, dict) else None
    if table is not None and not isinstance(table, dict):
        line = _line_of(text, _PYPROJECT_TABLE, ())
        raise ConfigError([ConfigProblem(str(path), line, "tool.goallint must be a table")])
    return text, table


def load_config(path: Path, plugins: Plugins) -> Config:
    """Read and check one configuration file. Raises `ConfigError` listing every problem."""
    if not path.exists():
        raise ConfigError([ConfigProblem(str(path), None, "no such configuration file")])
    if path.is_dir():
        raise ConfigError([ConfigProblem(str(path), None, "is a directory, not a configuration file")])
    text, table = _read(path)
    if table is None:
        raise ConfigError([ConfigProblem(str(path), None, "has no [tool.goallint] table")])
    prefix = _PYPROJECT_TABLE if path.name == "pyproject.toml" else ()
    return _Checker(path, text, prefix, plugins).config(table)


def config_from_table(table: Mapping[str, Any], plugins: Plugins, source: str = "<config>") -> Config:
    """A configuration given as data in the shape of `goallint.toml` (for the language server's
    and the HTTP service's callers). Problems name `source` and the key; they have no line."""
    if not isinstance(table, Mapping):
        raise ConfigError([ConfigProblem(source, None, "must be a table of settings")])
    return _Checker(Path(source), "", (), plugins).config(dict(table))


def add_configured_packs(plugins: Plugins, path: Path) -> None:
    """Load the packs the configuration of `path` names, for `goallint rules` and `explain`; a
    configuration with a mistake is left to `goallint check` and `goallint config` to report."""
    with contextlib.suppress(ConfigError):
        ConfigFinder(plugins).for_path(path)


class ConfigFinder:
    """The configuration of each checked file: the nearest file wins, looked up once per directory.

    With `override` (`--config PATH`), that one file applies to everything.
    """

    def __init__(self, plugins: Plugins, override: Path | None = None) -> None:
        self.plugins = plugins
        self._override = load_config(override, plugins) if override is not None else None
        self._by_directory: dict[Path, Config] = {}

    @classmethod
    def always(cls, plugins: Plugins, config: Config) -> ConfigFinder:
        """A finder that gives `config` for every path (the test harness's, the services')."""
        finder = cls(plugins)
        finder._override = config
        return finder

    def for_path(self, path: Path) -> Config:
        """The configuration for a file or directory (which need not exist)."""
        if self._override is not None:
            return self._override
        absolute = Path(os.path.abspath(path))
        return self._for_directory(absolute if absolute.is_dir() else absolute.parent)

    def _for_directory(self, directory: Path) -> Config:
        visited: list[Path] = []
        current = directory
        while current not in self._by_directory:
            visited.append(current)
            found = config_file_in(current)
            if found is not None:
                self._by_directory[current] = load_config(found, self.plugins)
                break
            if current.parent == current:
                self._by_directory[current] = Config()
                break
            current = current.parent
        config = self._by_directory[current]
        for seen in visited:
            self._by_directory[seen] = config
        return config


# --- Checking a file's keys -----------------------------------------------------------------


class _Checker:
    """Turns a file's table into a `Config`, collecting every problem with its line."""

    def __init__(self, path: Path, text: str, prefix: tuple[str, ...], plugins: Plugins) -> None:
        self.path, self.text, self.prefix, self.plugins = path, text, prefix, plugins
        self.problems: list[ConfigProblem] = []

    def problem(self, keys: Sequence[str], message: str, value: str | None = None) -> None:
        line = _line_of(self.text, tuple(keys), self.prefix, value)
        self.problems.append(ConfigProblem(str(self.path), line, message))

    def key(self, keys: Sequence[str]) -> str:
        return _dotted([*self.prefix, *keys])

    def config(self, table: dict[str, Any]) -> Config:
        try:
            settings = Settings.model_validate(table)
        except ValidationError as error:
            self.validation_problems(error, (), SETTING_KEYS)
            # check the rest too, so that one run lists everything to fix
            wrong = {str(item["loc"][0]) for item in error.errors() if item["loc"]}
            settings = Settings.model_validate({key: value for key, value in table.items() if key not in wrong})
        packs = self.packs(settings.packs)  # first: the other keys may name the packs' rules
        self.known_plugins(settings.disable_plugins)
        for key, patterns in (("select", settings.select or []), ("extend-select", settings.extend_select),
                              ("ignore", settings.ignore)):
            for pattern in patterns:
                self.known_pattern(pattern, (key,))
        for glob, patterns in settings.per_file_ignores.items():
            for pattern in patterns:
                self.known_pattern(pattern, ("per-file-ignores", glob))
        severity = self.severities(settings.severity)
        options: dict[str, BaseModel] = {}
        for key, values in settings.rules.items():
            name = self.rule_name(key, "rules")
            if name is None:
                continue
            if name in options:
                self.problem(("rules", key), f"{self.key(['rules', key])}: {name} is configured twice")
                continue
            if (checked := self.rule_options(self.plugins.rules[name], key, values)) is not None:
                options[name] = checked
        if settings.docs_url is not None and (problem := _docs_url_problem(settings.docs_url)):
            self.problem(("docs-url",), f"{self.key(['docs-url'])}: {problem}")
        wanted = settings.output_format
        if wanted is not None and wanted not in self.plugins.reporters:
            known = sorted(self.plugins.reporters)
            suggestion = _did_you_mean(wanted, known) or " (known: " + ", ".join(known) + ")"
            message = f"{self.key(['output-format'])}: unknown output format '{wanted}'{suggestion}"
            self.problem(("output-format",), message)
        if self.problems:
            raise ConfigError(sorted(self.problems, key=lambda problem: problem.line or 0))
        return Config(
            path=self.path,
            directory=self.path.parent.absolute(),
            select=tuple(settings.select) if settings.select is not None else None,
            extend_select=tuple(settings.extend_select),
            ignore=tuple(settings.ignore),
            severity=severity,
            options=options,
            per_file_ignores=tuple(
                FileIgnore(glob, tuple(rules), _glob_pattern(glob)) for glob, rules in settings.per_file_ignores.items()
            ),
            fail_on=settings.fail_on or DEFAULT_FAIL_ON,
            fiscal_year_start=settings.fiscal_year_start or DEFAULT_FISCAL_YEAR_START,
            output_format=settings.output_format or DEFAULT_OUTPUT_FORMAT,
            packs=packs,
            disabled_plugins=frozenset(settings.disable_plugins),
            plugin_errors=settings.plugin_errors or "fail",
            exclude=tuple(settings.exclude),
            respect_gitignore=settings.respect_gitignore,
            fiscal_year_start_set=settings.fiscal_year_start is not None,
            docs_url=settings.docs_url or DEFAULT_DOCS_URL,
        )

    def packs(self, written: Sequence[str]) -> tuple[type[Rule], ...]:
        """The rules of the packs the file names (relative to its directory), added to the
        plugins' rules; a pack read for another configuration is not read again."""
        from goallint.checks.packs import PackError, load_pack

        found: list[type[Rule]] = []
        for entry in written:
            path = Path(os.path.abspath(self.path.parent / entry))
            origin = PACK_ORIGIN + str(path)
            loaded = [self.plugins.rules[name] for name, where in self.plugins.origin.items() if where == origin]
            if loaded:
                found += loaded
                continue
            if not path.is_file():
                self.problem(("packs",), f"packs: '{entry}' is not a file (looked for {path})", entry)
                continue
            try:
                rule = load_pack(path)
            except PackError as error:
                self.problems.append(ConfigProblem(str(error.path), error.line,
                                                   f"{error.detail} (a pack named in {self.path})"))
                continue
            clash = next((r for r in self.plugins.rules.values() if rule.code == r.code or rule.name == r.name), None)
            if clash is not None:
                message = (f"packs: '{entry}' defines {rule.code} {rule.name}, "
                           f"which clashes with {clash.code} {clash.name}")
                self.problem(("packs",), message, entry)
                continue
            self.plugins.rules[rule.name] = rule
            self.plugins.origin[rule.name] = origin
            found.append(rule)
        return tuple(found)

    def known_plugins(self, names: Sequence[str]) -> None:
        known = sorted(name for name in self.plugins.info if name != BUILTIN)
        for name in names:
            if name not in known:
                installed = "; installed: " + ", ".join(known) if known else "; no plugin is installed"
                suggestion = _did_you_mean(name, known) or installed
                self.problem(("disable-plugins",), f"disable-plugins: no plugin called '{name}'{suggestion}", name)

    def known_pattern(self, pattern: str, keys: tuple[str, ...]) -> None:
        if not any(rule_matches(rule, [pattern]) for rule in self.plugins.rules.values()):
            message = f"{self.key(keys)}: unknown rule '{pattern}'{_did_you_mean(pattern, _rule_words(self.plugins))}"
            self.problem(keys, message, pattern)

    def severities(self, table: Mapping[str, Severity]) -> dict[str, Severity]:
        """Severity by rule name. A key may be a code prefix ("GL2"); a longer key wins, and a
        rule's own name or code wins over any prefix."""
        chosen: dict[str, tuple[int, Severity]] = {}
        for key, level in table.items():
            matching = [rule for rule in self.plugins.rules.values() if rule_matches(rule, [key])]
            if not matching:
                self.known_pattern(key, ("severity", key))
            for rule in matching:
                weight = 1000 if key in (rule.name, rule.code) or key.upper() == rule.code else len(key)
                if weight >= chosen.get(rule.name, (-1, level))[0]:
                    chosen[rule.name] = (weight, level)
        return {name: level for name, (_, level) in chosen.items()}

    def rule_name(self, key: str, table: str) -> str | None:
        """The name of the rule a table key names (by name or code), or None after a problem."""
        rule = self.plugins.rule(key)
        if rule is None:
            suggestion = _did_you_mean(key, _rule_words(self.plugins), f"{self.key([table])}.")
            self.problem((table, key), f"unknown rule '{self.key([table, key])}'{suggestion}")
            return None
        return rule.name

    def rule_options(self, rule: type[Rule], key: str, values: dict[str, Any]) -> BaseModel | None:
        written = {option.replace("-", "_"): option for option in values}  # `per-plan` reads as `per_plan`
        try:
            return rule.Options.model_validate({option: values[as_written] for option, as_written in written.items()},
                                               strict=True)
        except ValidationError as error:
            self.validation_problems(error, ("rules", key), list(rule.Options.model_fields), written)
            return None

    def validation_problems(
        self, error: ValidationError, base: tuple[str, ...], known: list[str], written: Mapping[str, str] | None = None
    ) -> None:
        for item in error.errors():
            location = [str(part) for part in item["loc"]]
            if location and written:
                location[0] = written.get(location[0], location[0])
            keys = (*base, *location)
            if item["type"] == "extra_forbidden" and len(location) == 1:
                prefix = self.key(base) + "." if base or self.prefix else ""
                message = f"unknown key '{self.key(keys)}'{_did_you_mean(location[0], known, prefix)}"
                if not known:
                    message += f" ({self.key(base)} takes no options)"
                self.problem(keys, message)
                continue
            given = item.get("input")
            shown = "" if isinstance(given, dict | list) else _toml_value(given)
            if item["msg"].startswith("Input should be"):
                message = f"{self.key(keys)} should be{item['msg'].removeprefix('Input should be')}"
                message += f", not {shown}" if shown else ""
            else:
                message = f"{self.key(keys)}: {item['msg']}" + (f" (got {shown})" if shown else "")
            if item["type"] == "literal_error" and isinstance(given, str):
                message += _did_you_mean(given, re.findall(r"'([^']*)'", str((item.get("ctx") or {}).get("expected"))))
            self.problem(keys, message)


# --- Where a key is written ------------------------------------------------------------------

_BARE = r"[A-Za-z0-9_-]+"
_KEY = rf"(?:{_BARE}|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED_KEY = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER_RE = re.compile(rf"^\s*\[\[?\s*({_DOTTED_KEY})\s*\]\]?")
_ASSIGNMENT_RE = re.compile(rf"^\s*({_DOTTED_KEY})\s*=")
_KEY_PART_RE = re.compile(_KEY)


def _key_parts(dotted: str) -> tuple[str, ...]:
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in _KEY_PART_RE.findall(dotted))


def _line_of(text: str, keys: tuple[str, ...], prefix: tuple[str, ...], value: str | None = None) -> int | None:
    """The line that writes `keys` (or the nearest enclosing key), found by reading the text.

    With `value`, the line of that string inside the key's value (an array over several lines).
    """
    best, best_line = 0, None
    table: tuple[str, ...] | None = None if prefix else ()
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER_RE.match(line):
            parts = _key_parts(header[1])
            table = parts[len(prefix):] if parts[: len(prefix)] == prefix else None
            written = table
        elif table is not None and (assignment := _ASSIGNMENT_RE.match(line)):
            written = table + _key_parts(assignment[1])
        else:
            continue
        if not written:
            continue
        depth = min(len(written), len(keys))
        if written[:depth] == keys[:depth] and depth > best:
            best, best_line = depth, number
    if value is None or best_line is None:
        return best_line
    lines = text.splitlines()
    quoted = (f'"{value}"', f"'{value}'")
    for number in range(best_line, len(lines) + 1):
        line = lines[number - 1]
        if number > best_line and (_HEADER_RE.match(line) or _ASSIGNMENT_RE.match(line)):
            break
        if any(q in line for q in quoted):
            return number
    return best_line


def _dotted(keys: Sequence[str]) -> str:
    return ".".join(key if re.fullmatch(_BARE, key) else json.dumps(key) for key in keys)


# --- Globs ------------------------------------------------------------------------------------


@functools.cache
def _exclude_spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    """`exclude` is read as .gitignore lines are (as ruff's is): `drafts/`, `*.old.md`, `!keep.md`."""
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _docs_url_problem(url: str) -> str | None:
    """What is wrong with a `docs-url`, if anything: it must be an address, with known fields."""
    if not re.match(r"(?:https?|file)://\S+$", url):
        example = "https://example.com/goallint/rules#{code_lower}-{name}"
        return f"should be a web address such as '{example}', not {url!r}"
    fields = re.findall(r"\{([^{}]*)\}", url)
    unknown = [name for name in fields if name not in DOCS_URL_FIELDS]
    if unknown:
        known = ", ".join("{" + name + "}" for name in DOCS_URL_FIELDS)
        return f"unknown field {{{unknown[0]}}} (known: {known})"
    return None



def _glob_pattern(glob: str) -> re.Pattern[str]:
    """A glob as a regular expression: `*` and `?` stay inside a directory, `**/` spans any."""
    glob = glob.removeprefix("./")
    out: list[str] = []
    index = 0
    while index < len(glob):
        if glob.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
            continue
        if glob.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        char = glob[index]
        closing = glob.find("]", index + 2) if char == "[" else -1
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif closing != -1 and glob[index + 1 : closing] not in ("!", ""):  # "[!]" is no class: literal
            inside = glob[index + 1 : closing]
            negate = inside[:1] == "!"
            out.append("[" + ("^" if negate else "") + re.escape(inside[1:] if negate else inside) + "]")
            index = closing
        else:
            out.append(re.escape(char))
        index += 1
    return re.compile("".join(out) + r"\Z")


def _relative_posix(path: Path, directory: Path) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, directory)).as_posix()
    except ValueError:  # another drive: no glob relative to the configuration can match
        return Path(absolute).as_posix()


# --- Showing a configuration -----------------------------------------------------------------


def render_toml(description: Mapping[str, Any]) -> str:
    """`Config.describe` as TOML a configuration file could hold, with comments saying whence."""
    out = [f"# goallint configuration for {description['path'] or 'the current directory'}"]
    source = description["config-file"]
    out.append(f"# read from {source}" if source else "# no configuration file found: goallint's defaults")
    for key in ("fail-on", "fiscal-year-start", "output-format", "plugin-errors", "disable-plugins", "packs",
                "exclude", "respect-gitignore", "docs-url"):
        if key not in description:
            continue
        value = description[key]
        out.append(f"{key} = {_toml_value(value)}" if value is not None else f"# {key} is not set")
    out.append("select = [")
    out.extend(f"    {_toml_value(name)}," for name in description["select"])
    out.append("]")
    out += ["", "[severity]"]
    out.extend(f"{_dotted([name])} = {_toml_value(level)}" for name, level in description["severity"].items())
    if description["per-file-ignores"]:
        out += ["", "[per-file-ignores]"]
        for glob, rules in description["per-file-ignores"].items():
            out.append(f"{_dotted([glob])} = {_toml_value(rules)}")
    for name, options in description["rules"].items():
        out += ["", f"[rules.{_dotted([name])}]"]
        for option, value in options.items():
            out.append(f"{option} = {_toml_value(value)}" if value is not None else f"# {option} is not set")
    return "\n".join(out) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)
