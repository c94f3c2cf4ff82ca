"""Loading plugins: goallint's own, then each installed one in isolation.

An installed plugin is an entry point of the group `goallint`. Each is loaded on its own: one
that fails to import, says it was written for another plugin API, or whose hook raises, is
reported as a `PluginProblem` naming it, and the others still load. Rules are checked as they
load (a code, a name, a scope…), and a code or name that clashes with one already loaded is
reported. A plugin's rules run guarded (`guard`): one that raises or runs past its time limit
gives one finding naming the plugin, and the other rules still run.
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from typing import TYPE_CHECKING, Any, get_args

import pluggy
from pydantic import BaseModel, ValidationError

from goallint import __version__
from goallint.engine import hookspecs
from goallint.engine.isolation import guard, traceback_text
from goallint.engine.rule import Rule, Scope
from goallint.model import Finding, Severity

if TYPE_CHECKING:
    from goallint.inputs import InputFormat
    from goallint.report import Report, Reporter

ENTRY_POINT_GROUP = "goallint"
# The plugin API this goallint provides, "MAJOR.MINOR": a plugin written for the same major
# version and an equal or lower minor one loads; any other is refused. What each version added
# is listed in docs/plugins.md ("The public API and its version").
API_VERSION = "1.1"
# the suppression module registers `unused-suppression`, which it reports after the other rules
BUILTIN_PLUGINS = ("goallint.checks", "goallint.engine.suppression", "goallint.report")
BUILTIN = "goallint"  # how `goallint plugins` names goallint's own
INTERNAL_ERROR = ("GL000", "internal-error")  # as the runner reports a built-in rule's failure

_CODE_RE = re.compile(r"^[A-Z]+[0-9]+$")
_NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
_API_RE = re.compile(r"^(\d+)\.(\d+)$")
_SCOPES = frozenset(get_args(Scope))
# how isolation.guard's findings start: "Rule CODE name of plugin 'x' (dist 1.0) failed here (…"
_FAILED_RULE_RE = re.compile(r"^Rule [A-Z]+[0-9]+ \S+ of .+?(?= (?:failed here|took longer|yielded|returned) )")
_SEVERITIES = frozenset(get_args(Severity))


@dataclass(frozen=True)
class PluginProblem:
    """Something wrong with a plugin: `message` names it and says what; `detail` is the
    traceback where there is one (shown with `--debug`)."""

    plugin: str
    message: str
    detail: str | None = None


LOADED, PARTLY_LOADED, NOT_LOADED, DISABLED = "loaded", "partly loaded", "not loaded", "disabled"


@dataclass
class PluginInfo:
    """One plugin as `goallint plugins` lists it."""

    name: str
    distribution: str | None = None
    version: str | None = None
    api: str | None = None
    rules: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    input_formats: list[str] = field(default_factory=list)
    status: str = LOADED  # or PARTLY_LOADED, NOT_LOADED, DISABLED

    @property
    def label(self) -> str:
        """How messages name it: the entry point, and the package it comes from."""
        if self.name == BUILTIN:
            return "goallint"
        if self.distribution is None:
            return f"plugin '{self.name}'"
        return f"plugin '{self.name}' ({self.distribution} {self.version or ''})".replace(" )", ")")


@dataclass
class Plugins:
    """What loaded: the rules by name, the reporters by name, the input formats, the plugins'
    default settings, and what went wrong."""

    rules: dict[str, type[Rule]] = field(default_factory=dict)
    reporters: dict[str, Reporter] = field(default_factory=dict)
    input_formats: list[InputFormat] = field(default_factory=list)
    problems: list[PluginProblem] = field(default_factory=list)
    origin: dict[str, str] = field(default_factory=dict)  # rule name -> plugin name
    reporter_origin: dict[str, str] = field(default_factory=dict)  # format name -> plugin name
    info: dict[str, PluginInfo] = field(default_factory=dict)  # plugin name -> what it provides
    default_options: dict[str, BaseModel] = field(default_factory=dict)  # rule name -> options
    default_severity: dict[str, Severity] = field(default_factory=dict)  # rule name -> severity
    # whether a rule failing while checking (an internal-error finding) makes the run exit 2;
    # `plugin-errors = "warn"` in the run's configuration turns it off
    count_rule_failures: bool = True

    _by_name: dict[str, type[Rule]] = field(default_factory=dict, repr=False, compare=False)
    _by_name_of: tuple[int, int] = field(default=(0, -1), repr=False, compare=False)  # (id, len) of `rules`

    def rule(self, name_or_code: str) -> type[Rule] | None:
        """The rule with this name or code (a code in any case), through a dictionary rebuilt when the
        rules change: directives and configurations name rules thousands of times."""
        wanted = name_or_code.strip()
        for attempt in range(2):
            found = self._by_name.get(wanted) or self._by_name.get(wanted.upper())
            if found is not None and self.rules.get(found.name) is found:
                return found
            if found is None and self._by_name_of == (id(self.rules), len(self.rules)):
                return None
            if attempt == 0:  # not built yet, or stale: the rules changed since
                self._by_name = {}
                for rule in self.rules.values():
                    self._by_name.setdefault(rule.name, rule)
                    self._by_name.setdefault(rule.code, rule)
                self._by_name_of = (id(self.rules), len(self.rules))
        return None

    def severity_of(self, rule: type[Rule], configured: Mapping[str, Severity] | None = None) -> Severity:
        """The severity a rule reports with: as configured, else its plugin's default, else its own."""
        if configured and rule.name in configured:
            return configured[rule.name]
        return self.default_severity.get(rule.name, rule.severity)

    def disable(self, names: Collection[str]) -> None:
        """Leave out the plugins `disable-plugins` names: no output or input formats, their
        problems do not count, and `goallint plugins` shows them as disabled. (Their rules are
        left out of the selection by the configuration.)"""
        if not names:
            return
        self.reporters = {name: reporter for name, reporter in self.reporters.items()
                          if self.reporter_origin.get(name) not in names}
        self.input_formats = [f for f in self.input_formats if f.plugin not in names]
        self.problems[:] = [p for p in self.problems if p.plugin not in names]
        for name in names:
            if name in self.info:
                self.info[name].status = DISABLED

    def failed_rules(self, findings: Iterable[Finding]) -> list[str]:
        """Each rule that failed while checking, once, as its `internal-error` findings name it
        ("Rule ACME101 no-bonus of plugin 'acme' (goallint-acme 1.2.0)")."""
        named = (_FAILED_RULE_RE.match(f.message) for f in findings if f.rule == INTERNAL_ERROR[1])
        return list(dict.fromkeys(match[0] for match in named if match is not None))

    def rule_failed(self, findings: Iterable[Finding]) -> bool:
        """Whether a rule failed while checking (a finding of `internal-error`) and that counts
        as something wrong with the run (exit 2)."""
        return self.count_rule_failures and any(f.rule == INTERNAL_ERROR[1] for f in findings)


def describe_plugins(plugins: Plugins) -> str:
    """`goallint plugins`: each plugin, its package and version, its API, and what it provides."""
    out: list[str] = []
    for info in plugins.info.values():
        package = f"{info.distribution} {info.version}" if info.distribution else "(no package)"
        head = f"{info.name:<16} {package:<28} API {info.api or '?':<5} {info.status}"
        if info.status == NOT_LOADED:  # what it would give does not count; stderr says why
            out.append(head)
            continue
        provides = []
        if info.rules:
            codes = ", ".join(plugins.rules[name].code for name in info.rules[:6])
            more = ", …" if len(info.rules) > 6 else ""
            provides.append(f"{len(info.rules)} rule{'s' if len(info.rules) != 1 else ''} ({codes}{more})")
        if info.reporters:
            provides.append("output formats: " + ", ".join(info.reporters))
        if info.input_formats:
            formats = [f for f in plugins.input_formats if f.plugin == info.name]
            provides.append("reads " + ", ".join(suffix for f in formats for suffix in f.suffixes))
        out.append(head + (": " + "; ".join(provides) if provides else ""))
    return "\n".join(out) + "\n"


def _manager() -> pluggy.PluginManager:
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    return manager


def load_plugins(include_installed: bool = True) -> Plugins:
    """goallint's own plugins, then (unless told not to) every installed one."""
    manager = _manager()
    loaded = Plugins()
    loaded.info[BUILTIN] = PluginInfo(BUILTIN, "goallint", __version__, API_VERSION)
    for module_name in BUILTIN_PLUGINS:
        manager.register(importlib.import_module(module_name), name=module_name)
    if include_installed:
        _scanned[ENTRY_POINT_GROUP] = found = list(entry_points(group=ENTRY_POINT_GROUP))
        # by name (then module, for two of one name), so that which of two clashing plugins loads
        # does not depend on the file system
        for entry in sorted(found, key=lambda entry: (entry.name, entry.value)):
            _register(manager, entry, loaded)
    while True:  # a misspelt hook name: say so, and leave that plugin out
        try:
            manager.check_pending()
            break
        except pluggy.PluginValidationError as error:
            name = manager.get_name(error.plugin) or str(error.plugin)
            loaded.problems.append(PluginProblem(name, f"{_label(loaded, name)}: {error}; it was not loaded"))
            manager.unregister(error.plugin)
            _not_loaded(loaded, name)
    _collect(manager, loaded)
    _settle_status(loaded)
    return loaded


def _settle_status(loaded: Plugins) -> None:
    """Say of each plugin what became of it: a plugin with a problem that still gives something
    is partly loaded; one that gives nothing is not loaded."""
    troubled = {problem.plugin for problem in loaded.problems}
    for info in loaded.info.values():
        if info.status != LOADED or info.name not in troubled or info.name == BUILTIN:
            continue  # goallint's own loads whole; a problem under its name is an impostor's
        gives = info.rules or info.reporters or info.input_formats or any(
            loaded.origin.get(name) == info.name for name in {*loaded.default_options, *loaded.default_severity})
        info.status = PARTLY_LOADED if gives else NOT_LOADED


# entry-point group -> its entry points, as the last load_plugins found them
_scanned: dict[str, list[EntryPoint]] = {}


def installed_entry_points(group: str = ENTRY_POINT_GROUP) -> list[EntryPoint]:
    """The installed entry points of `group`, as `load_plugins` last found them: looking again
    reads every installed package's metadata (8 ms with a hundred packages installed)."""
    if group not in _scanned:
        _scanned[group] = list(entry_points(group=group))
    return _scanned[group]


def _register(manager: pluggy.PluginManager, entry: EntryPoint, loaded: Plugins) -> None:
    distribution = entry.dist.name if entry.dist is not None else None
    version = entry.dist.version if entry.dist is not None else None
    info = PluginInfo(entry.name, distribution, version)
    if entry.name in BUILTIN_PLUGINS or entry.name == BUILTIN or manager.has_plugin(entry.name):
        # not listed: the listing of that name stays the one that loaded
        _refuse(loaded, info, "has the name of a plugin already loaded; it was not loaded")
        return
    loaded.info[entry.name] = info
    try:
        plugin = entry.load()
    except (Exception, SystemExit) as error:  # a broken plugin must not stop the run (nor end it: sys.exit)
        _refuse(loaded, info, f"could not be loaded ({type(error).__name__}: {error})", traceback_text(error))
        return
    info.api = declared = getattr(plugin, "goallint_api", None)
    refusal = api_refusal(declared, info)
    if refusal is not None:
        _refuse(loaded, info, refusal)
        return
    try:
        manager.register(plugin, name=entry.name)
    except (ValueError, pluggy.PluginValidationError) as error:
        _refuse(loaded, info, f"could not be registered: {error}")


def api_refusal(declared: object, info: PluginInfo) -> str | None:
    """Why a plugin declaring plugin API `declared` cannot load here, or None if it can."""
    upgrade_plugin = f"upgrade the plugin (pip install --upgrade {info.distribution or info.name})"
    upgrade_goallint = "upgrade goallint (pip install --upgrade goallint)"
    if declared is None:
        return (f"does not say which goallint plugin API it was written for; its authors should add "
                f'goallint_api = "{API_VERSION}" to the module its entry point names, or {upgrade_plugin}')
    match = _API_RE.match(declared) if isinstance(declared, str) else None
    if match is None:
        return f'says goallint_api = {declared!r}, which is not a version such as "{API_VERSION}"'
    major, minor = int(match[1]), int(match[2])
    ours_major, ours_minor = (int(part) for part in API_VERSION.split("."))
    if major == ours_major and minor <= ours_minor:
        return None
    newer = (major, minor) > (ours_major, ours_minor)
    return (f"was written for goallint plugin API {declared}, and this goallint ({__version__}) provides "
            f"{API_VERSION}: {upgrade_goallint if newer else upgrade_plugin}; it was not loaded")


def _refuse(loaded: Plugins, info: PluginInfo, message: str, detail: str | None = None) -> None:
    info.status = NOT_LOADED
    loaded.problems.append(PluginProblem(info.name, f"{info.label} {message}", detail))


def _not_loaded(loaded: Plugins, name: str) -> None:
    if name in loaded.info:
        loaded.info[name].status = NOT_LOADED


def _label(loaded: Plugins, name: str) -> str:
    info = loaded.info.get(name)
    return info.label if info is not None else f"plugin '{name}'"


def _implementations(manager: pluggy.PluginManager, hook: str, loaded: Plugins) -> Iterator[tuple[str, Any]]:
    """Each plugin's answer to one hook, called on its own; a hook that raises is a problem."""
    for implementation in getattr(manager.hook, hook).get_hookimpls():
        name = implementation.plugin_name
        try:
            yield name, implementation.function()
        except (Exception, SystemExit) as error:
            message = f"{_label(loaded, name)}: hook {hook} raised {type(error).__name__}: {error}"
            loaded.problems.append(PluginProblem(name, message, traceback_text(error)))


def _plugin_of(module_name: str) -> str:
    return BUILTIN if module_name in BUILTIN_PLUGINS else module_name


def _answer(loaded: Plugins, plugin: str, hook: str, answer: Any, kinds: tuple[type, ...], wanted: str) -> Any:
    """A hook's answer if it is of the kind the hook returns (None counts as empty), else a
    problem naming the plugin, and an empty answer."""
    if answer is None:
        return kinds[0]()
    if isinstance(answer, kinds):
        return answer
    message = f"{_label(loaded, plugin)}: hook {hook} returned {answer!r:.80}; it should return {wanted}"
    loaded.problems.append(PluginProblem(plugin, message))
    return kinds[0]()


def _collect(manager: pluggy.PluginManager, loaded: Plugins) -> None:
    """Call each plugin's hooks one by one, so a failure is pinned on the plugin that failed."""
    for name, rules in _implementations(manager, "goallint_rules", loaded):
        plugin = _plugin_of(name)
        for rule in _answer(loaded, plugin, "goallint_rules", rules, (list, tuple), "a list of rule classes"):
            _add_rule(loaded, plugin, rule)
    for name, reporters in _implementations(manager, "goallint_reporters", loaded):
        plugin = _plugin_of(name)
        formats = _answer(loaded, plugin, "goallint_reporters", reporters, (dict,), "{format name: reporter function}")
        for format_name, reporter in formats.items():
            if format_name in loaded.reporters:
                clash = loaded.reporter_origin[format_name]
                message = f"{_label(loaded, plugin)}: output format '{format_name}' is already given by {clash}"
                loaded.problems.append(PluginProblem(plugin, message))
                continue
            loaded.reporters[format_name] = reporter if plugin == BUILTIN else _guarded_reporter(
                reporter, format_name, _label(loaded, plugin))
            loaded.reporter_origin[format_name] = plugin
            loaded.info[plugin].reporters.append(format_name)
    for name, formats in _implementations(manager, "goallint_input_formats", loaded):
        plugin = _plugin_of(name)
        wanted = "a list of goallint.plugin.InputFormat"
        for input_format in _answer(loaded, plugin, "goallint_input_formats", formats, (list, tuple), wanted):
            _add_input_format(loaded, plugin, input_format)
    for name, defaults in _implementations(manager, "goallint_config_defaults", loaded):
        plugin = _plugin_of(name)
        wanted = 'a table such as {"severity": {...}, "rules": {...}}'
        _add_defaults(loaded, plugin, _answer(loaded, plugin, "goallint_config_defaults", defaults, (dict,), wanted))


class PluginFailed(Exception):
    """A plugin's output format failed: the message names it; `detail` is the traceback."""

    def __init__(self, message: str, detail: str | None = None) -> None:
        super().__init__(message)
        self.detail = detail


def _guarded_reporter(reporter: Reporter, format_name: str, label: str) -> Reporter:
    """A plugin's output format that raises `PluginFailed`, naming it, instead of anything else."""
    def render(report: Report) -> str:
        try:
            rendered = reporter(report)
        except (Exception, SystemExit) as error:
            raise PluginFailed(f"the output format '{format_name}' of {label} failed "
                               f"({type(error).__name__}: {error})", traceback_text(error)) from None
        if not isinstance(rendered, str):
            raise PluginFailed(f"the output format '{format_name}' of {label} returned {rendered!r:.60}, "
                               "not the text to print (a str)")
        return rendered

    return render


def _add_rule(loaded: Plugins, plugin: str, rule: object) -> None:
    problem = rule_problem(rule, builtin=plugin == BUILTIN)
    shown = getattr(rule, "__name__", repr(rule))
    if problem is not None:
        loaded.problems.append(PluginProblem(plugin, f"{_label(loaded, plugin)}: rule {shown} {problem}"))
        return
    assert isinstance(rule, type) and issubclass(rule, Rule)
    clash = next((r for r in loaded.rules.values() if rule.code == r.code or rule.name == r.name), None)
    if clash is not None:
        message = (f"{_label(loaded, plugin)}: rule {rule.code} {rule.name} clashes with {clash.code} {clash.name} "
                   f"of {_label(loaded, loaded.origin[clash.name])}; it was not loaded")
        loaded.problems.append(PluginProblem(plugin, message))
        return
    if plugin != BUILTIN:
        rule = guard(rule, plugin, _label(loaded, plugin), loaded.info[plugin].api)
    loaded.rules[rule.name] = rule
    loaded.origin[rule.name] = plugin
    loaded.info[plugin].rules.append(rule.name)


def rule_problem(rule: object, builtin: bool = False) -> str | None:
    """What is wrong with a rule a plugin gives, in words for its author; None if nothing."""
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        return "is not a rule class (a subclass of goallint.plugin.Rule)"
    for attribute in ("code", "name", "summary", "scope"):
        if not isinstance(getattr(rule, attribute, None), str) or not getattr(rule, attribute):
            return f"has no {attribute} (every rule needs code, name, summary and scope)"
    if not _CODE_RE.match(rule.code):
        return f"has the code {rule.code!r}: a code is capital letters then digits, such as 'ACME101'"
    if not builtin and rule.code.startswith("GL"):
        return f"has the code {rule.code!r}: codes starting with GL are goallint's own; choose your own letters"
    if not _NAME_RE.match(rule.name):
        return f"has the name {rule.name!r}: a name is lowercase words joined by hyphens, such as 'revenue-currency'"
    if rule.scope not in _SCOPES:
        return f"has the scope {rule.scope!r}; use one of {', '.join(sorted(_SCOPES))}"
    if rule.severity not in _SEVERITIES:
        return f"has the severity {rule.severity!r}; use error, warning or info"
    if not (isinstance(rule.Options, type) and issubclass(rule.Options, BaseModel)):
        return "has Options that are not a RuleOptions class"
    if rule.check is Rule.check:
        return "does not implement check()"
    try:
        inspect.signature(rule.check).bind(None, None, None)  # self, node, context
    except TypeError:
        return "has a check() that does not take (self, node, context): write def check(self, node, context)"
    except ValueError:  # no signature to read (a builtin): let it run
        pass
    return None


def _add_input_format(loaded: Plugins, plugin: str, input_format: Any) -> None:
    from goallint.inputs import InputFormat

    if not isinstance(input_format, InputFormat):
        message = f"{_label(loaded, plugin)}: {input_format!r} is not a goallint.plugin.InputFormat"
        loaded.problems.append(PluginProblem(plugin, message))
        return
    for other in loaded.input_formats:
        shared = sorted(set(other.suffixes) & set(input_format.suffixes))
        if shared:
            message = (f"{_label(loaded, plugin)}: input format '{input_format.name}' reads {', '.join(shared)}, "
                       f"which '{other.name}' of {_label(loaded, other.plugin)} already reads; it was not loaded")
            loaded.problems.append(PluginProblem(plugin, message))
            return
    loaded.input_formats.append(input_format.claimed_by(plugin))
    loaded.info[plugin].input_formats.append(input_format.name)


def _add_defaults(loaded: Plugins, plugin: str, defaults: Mapping[str, Any]) -> None:
    """A plugin's default settings for its own rules; each mistake is a problem naming it."""
    def problem(message: str) -> None:
        loaded.problems.append(PluginProblem(plugin, f"{_label(loaded, plugin)}: config defaults: {message}"))

    for key in defaults:
        if key not in ("severity", "rules"):
            problem(f"'{key}' cannot be given a default (only 'severity' and 'rules')")
    own = {name for name, origin in loaded.origin.items() if origin == plugin}
    for name, level in dict(defaults.get("severity") or {}).items():
        if name not in own:
            problem(f"severity.{name}: not a rule of this plugin")
        elif level not in _SEVERITIES:
            problem(f"severity.{name}: {level!r} is not error, warning or info")
        else:
            loaded.default_severity[name] = level
    for name, options in dict(defaults.get("rules") or {}).items():
        if name not in own:
            problem(f"rules.{name}: not a rule of this plugin")
            continue
        try:
            values = {str(key).replace("-", "_"): value for key, value in dict(options).items()}
            loaded.default_options[name] = loaded.rules[name].Options.model_validate(values)
        except (ValidationError, TypeError, ValueError) as error:
            problem(f"rules.{name}: {error}")
