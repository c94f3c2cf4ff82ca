"""Plugin loading (engine/plugins.py) and a plugin rule's isolation (engine/isolation.py) pinned in
process, so that mutation testing (bench/mutation.py) sees them: what `goallint plugins` lists,
an output format that returns no text, and the time limit's watchdog. The watchdog tests use a
watchdog of their own, so its thread starts inside the test that checks it."""

from __future__ import annotations

import os
import textwrap
import threading
import time
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

from goallint.engine import plugins as plugin_loading
from goallint.engine.isolation import RuleTimeout, Watchdog, guard, traceback_text
from goallint.engine.plugins import (
    NOT_LOADED,
    PluginFailed,
    PluginInfo,
    describe_plugins,
    load_plugins,
)
from goallint.engine.rule import Rule
from goallint.engine.runner import Selection, lint
from goallint.inputs import InputFormat
from goallint.report import Report
from goallint.syntax import parse_document

HEADER = "from goallint.plugin import Rule, hookimpl\n"




# --- goallint plugins ---------------------------------------------------------------------------------------


def _listing(**infos: PluginInfo) -> list[str]:
    plugins = load_plugins(include_installed=False)
    plugins.info.update(infos)
    plugins.input_formats.append(InputFormat("tabs", (".tsv", ".tab"), lambda path, data: None, plugin="tabs"))  # type: ignore[arg-type,return-value]
    return describe_plugins(plugins).splitlines()


def test_the_plugin_listing_says_what_each_plugin_gives() -> None:
    six = [rule.name for rule in load_plugins(include_installed=False).rules.values()][:7]
    lines = _listing(
        six=PluginInfo("six", "goallint-six", "1.0", "1.1", rules=six[:6]),
        seven=PluginInfo("seven", "goallint-seven", "1.0", "1.1", rules=six),
        csv=PluginInfo("csv", "goallint-csv", "2.0", "1.0", reporters=["csv", "csv-long"]),
        tabs=PluginInfo("tabs", None, None, "1.1", input_formats=["tabs"]),
        empty=PluginInfo("empty", "goallint-empty", "0.1", "1.1"),
        broken=PluginInfo("broken", "goallint-broken", "0.1", None, rules=six[:1], status=NOT_LOADED),
    )
    assert lines[1:] == [
        "six              goallint-six 1.0             API 1.1   loaded: 6 rules (GL001, GL101, GL102, GL103, "
        "GL201, GL202)",
        "seven            goallint-seven 1.0           API 1.1   loaded: 7 rules (GL001, GL101, GL102, GL103, "
        "GL201, GL202, …)",
        "csv              goallint-csv 2.0             API 1.0   loaded: output formats: csv, csv-long",
        "tabs             (no package)                 API 1.1   loaded: reads .tsv, .tab",
        "empty            goallint-empty 0.1           API 1.1   loaded",
        "broken           goallint-broken 0.1          API ?     not loaded",
    ]
    one = PluginInfo("one", "goallint-one", "1.0", "1.1", rules=six[:1], reporters=["one"])
    assert _listing(one=one)[1].endswith("loaded: 1 rule (GL001); output formats: one")


def test_a_plugin_with_a_misspelt_hook_is_listed_as_not_loaded(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme="goallint_api = '1.0'\n\n@hookimpl\ndef goallint_rulez():\n    return []\n")
    plugins = load_plugins()
    assert plugins.info["acme"].status == NOT_LOADED
    assert "acme" not in describe_plugins(plugins).split("not loaded")[-1]  # nothing listed after its status


def test_an_output_format_that_returns_no_text_is_named(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme="goallint_api = '1.0'\n\n@hookimpl\ndef goallint_reporters():\n    return {'acme-csv': lambda r: 1}\n")
    plugins = load_plugins()
    with pytest.raises(PluginFailed) as failed:
        plugins.reporters["acme-csv"](Report(findings=[]))
    assert str(failed.value) == ("the output format 'acme-csv' of plugin 'acme' returned 1, not the text to print "
                                 "(a str)")


# --- a broken rule's traceback and where its check is written -------------------------------------------------


def test_a_traceback_is_shown_as_python_shows_it() -> None:
    try:
        raise ValueError("no bonus table")
    except ValueError as error:
        lines = traceback_text(error).splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert lines[1].startswith('  File "') and lines[1].endswith("in test_a_traceback_is_shown_as_python_shows_it")
    assert lines[-1] == "ValueError: no bonus table"


class _ReturnsNothing:
    """A check() that is an object, not a function: it has no code to point at."""

    def __call__(self, rule: Any, node: Any, context: Any) -> None:
        return None

    def __repr__(self) -> str:
        return "<the acme check>"


class _NoCode(Rule):
    code = "ACME9"
    name = "acme-nine"
    summary = "A rule whose check() is an object."
    scope = "key_result"
    check = _ReturnsNothing()  # type: ignore[assignment]


def test_a_rule_breaking_the_contract_is_pointed_at_its_check_even_without_code() -> None:
    guarded: Any = guard(_NoCode, "acme", "plugin 'acme'")
    found = lint([parse_document("Objective: Sell\n  KR: Sign 5 logos\n", "plan.okr")],
                 Selection([guarded()], {guarded.name: guarded.Options()}))
    assert [finding.rule for finding in found] == ["internal-error"]
    assert guarded.last_failure == ("rule ACME9 acme-nine of plugin 'acme' returned nothing instead of yielding "
                                    "findings (use `yield`, not `return`)\n  check() is at <the acme check>\n")


# --- the watchdog ---------------------------------------------------------------------------------------------


def _busy(seconds: float, until: threading.Event | None = None) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end and not (until is not None and until.is_set()):
        pass


def _cpu() -> float:
    return time.thread_time()


@pytest.fixture
def dog() -> Iterator[Watchdog]:
    yield Watchdog()


def test_a_call_past_its_budget_is_stopped_soon_after_and_every_time(dog: Watchdog) -> None:
    for _ in range(2):  # the watchdog carries on after stopping one
        start = _cpu()
        used = None
        try:
            dog.arm(0.2)
            _busy(5)
        except RuleTimeout:
            used = _cpu() - start
        finally:
            dog.disarm()
        assert used is not None and 0.15 <= used < 0.7


def test_a_call_within_its_budget_is_left_alone(dog: Watchdog) -> None:
    dog.arm(0.5)
    _busy(0.1)
    dog.disarm()
    _busy(0.6)  # a stray timeout would land here


def test_a_call_stopped_and_not_yet_disarmed_is_stopped_once_and_holds_up_no_other(dog: Watchdog) -> None:
    stops = {"first": 0, "second": 0}
    second_done = threading.Event()

    def first() -> None:
        dog.arm(0.1)
        try:
            for _ in range(2):  # stopped once, then busy (still armed) until the second call is over
                try:
                    _busy(3, second_done)
                except RuleTimeout:
                    stops["first"] += 1
        finally:
            dog.disarm()

    def second() -> None:
        time.sleep(0.05)
        try:
            dog.arm(0.3)
            _busy(3)
        except RuleTimeout:
            stops["second"] += 1
        finally:
            dog.disarm()
            second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert stops == {"first": 1, "second": 1}


def test_the_watchdog_sleeps_while_calls_wait(dog: Watchdog) -> None:
    dog.arm(2.0)
    try:
        watcher: Any = dog._thread
        clock = time.pthread_getcpuclockid(watcher.ident)
        before = time.clock_gettime(clock)
        time.sleep(0.5)
        assert time.clock_gettime(clock) - before < 0.05
    finally:
        dog.disarm()


def test_a_process_forked_after_the_watchdog_started_has_one_of_its_own(dog: Watchdog) -> None:
    dog.arm(5)  # the watchdog's thread now runs in this process
    dog.disarm()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        code = 1
        try:
            try:
                dog.arm(0.2)
                _busy(3)
            except RuleTimeout:
                code = 0
            finally:
                dog.disarm()
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0



# --- input formats, disabling, the entry points found ---------------------------------------------------------

FORMATS = """
goallint_api = "1.0"
from goallint.plugin import InputFormat

def read(path, data):
    raise ValueError("not read in this test")

@hookimpl
def goallint_input_formats():
    return [InputFormat("{name}", {suffixes}, read), {extra}]

@hookimpl
def goallint_reporters():
    return {{"{name}-csv": lambda report: ""}}
"""


def _formats(name: str, suffixes: tuple[str, ...], extra: str = "InputFormat('none', (), read)") -> str:
    return FORMATS.format(name=name, suffixes=suffixes, extra=extra)


def test_an_input_format_that_clashes_or_is_not_one_is_a_problem_naming_the_plugin(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_formats("tabs", (".tsv",)), beta=_formats("tabs2", (".tab", ".tsv"), extra="'nope'"))
    plugins = load_plugins()
    assert [(problem.plugin, problem.message) for problem in plugins.problems] == [
        ("beta", "plugin 'beta': input format 'tabs2' reads .tsv, which 'tabs' of plugin 'acme' already reads; it "
                 "was not loaded"),
        ("beta", "plugin 'beta': 'nope' is not a goallint.plugin.InputFormat")]
    assert [(f.name, f.plugin) for f in plugins.input_formats] == [("tabs", "acme"), ("none", "acme")]


def test_a_disabled_plugin_gives_no_formats_and_its_problems_do_not_count(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_formats("tabs", (".tsv",), extra="'nope'"), beta=_formats("tabs2", (".tab",)))
    plugins = load_plugins()
    plugins.disable(["acme"])
    assert "tabs-csv" not in plugins.reporters and "tabs2-csv" in plugins.reporters and "text" in plugins.reporters
    assert [f.name for f in plugins.input_formats] == ["tabs2", "none"]
    assert plugins.problems == [] and plugins.info["acme"].status == "disabled"


def test_the_entry_points_of_a_group_are_looked_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def entry_points(group: str) -> list[EntryPoint]:
        asked.append(group)
        return [EntryPoint(f"{group}-plugin", "goallint_no_such_module", group)]

    monkeypatch.setattr(plugin_loading, "entry_points", entry_points)
    monkeypatch.setattr(plugin_loading, "_scanned", {})
    first = plugin_loading.installed_entry_points("acme-group")
    assert [entry.name for entry in first] == ["acme-group-plugin"]
    assert plugin_loading.installed_entry_points("acme-group") == first and asked == ["acme-group"]


@pytest.mark.parametrize(("value", "on"), [("", False), ("0", False), ("1", True), ("yes", True)])
def test_debugging_is_on_for_any_value_but_empty_or_0(monkeypatch: pytest.MonkeyPatch, value: str, on: bool) -> None:
    from goallint.engine.isolation import DEBUG_ENV, debug_enabled

    monkeypatch.setenv(DEBUG_ENV, value)
    assert debug_enabled() is on


# --- a plugin rule that fails, breaks the contract, or names itself -------------------------------------------

ACME = """
goallint_api = "1.1"
from goallint.plugin import RuleOptions

class AcmeOptions(RuleOptions):
    max_share: float = 0.5

class Acme(Rule):
    code = "ACME1"
    name = "acme-rule"
    summary = "A plugin's rule."
    scope = "{scope}"
    Options = AcmeOptions

    def check(self, node, context):
{body}

@hookimpl
def goallint_rules():
    return [Acme]
"""


def _acme(scope: str, body: str, extra: str = "") -> str:
    return ACME.format(scope=scope, body=textwrap.indent(textwrap.dedent(body), " " * 8)) + extra


def _failures(plugins: Any, text: str, path: str = "plan.okr") -> list[tuple[str, str | None, int, str, str | None]]:
    from goallint.checking import check_text
    from goallint.config import Config

    return [(f.code, f.path, f.span.start.line, f.message, f.hint)
            for f in check_text(text, path, Config(), plugins)[1] if f.rule == "internal-error"]


TWO_KRS = "Objective: Sell\n  KR: Sign 5 new logos\n  KR: Sign 6 new logos\n"


def test_a_failing_rule_is_reported_on_its_statement_with_how_to_see_where(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", "raise KeyError('logos')"))
    failure = ("Rule ACME1 acme-rule of plugin 'acme' failed here (KeyError: 'logos'); the other rules still ran. "
               "Please tell the plugin's authors.")
    hint = "For the plugin's authors: `goallint --debug check …` shows where it failed."
    assert _failures(load_plugins(), TWO_KRS) == [("GL000", "plan.okr", 2, failure, hint),
                                                 ("GL000", "plan.okr", 3, failure, hint)]


def test_a_failing_rule_across_documents_is_reported_at_the_top_of_the_first(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("documents", "raise KeyError('plans')"))
    [(code, path, line, message, _)] = _failures(load_plugins(), TWO_KRS, "team/plan.okr")
    assert (code, path, line) == ("GL000", "team/plan.okr", 1) and "failed here (KeyError: 'plans')" in message


def test_a_rule_that_broke_the_contract_is_said_once_in_each_later_run(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", "return None"))
    plugins = load_plugins()
    stopped = ("Rule ACME1 acme-rule of plugin 'acme' returned nothing instead of yielding findings (use `yield`, not "
               "`return`), so it is not run again; the other rules still ran. Please tell the plugin's authors.")
    fix = "For the plugin's authors: write `yield context.finding(span, message)` for each finding in check()."
    assert _failures(plugins, TWO_KRS) == [("GL000", "plan.okr", 2, stopped, fix)]
    assert _failures(plugins, TWO_KRS) == [("GL000", "plan.okr", 2, stopped, fix)]  # a new run: said once more


def test_a_plugin_rule_runs_as_its_own_instance(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", "yield context.finding(node.span, f'{self.code} {self.name} looked here.')"))
    from goallint.checking import check_text
    from goallint.config import Config

    found = check_text(TWO_KRS, "plan.okr", Config(), load_plugins())[1]
    assert [(f.rule, f.message) for f in found if f.rule in ("acme-rule", "internal-error")] == [
        ("acme-rule", "ACME1 acme-rule looked here."), ("acme-rule", "ACME1 acme-rule looked here.")]


# --- a plugin's name, package, API and default settings ----------------------------------------------------------


def test_a_plugin_is_named_with_its_package_and_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from types import SimpleNamespace

    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "goallint_mutants_versioned.py").write_text(HEADER + "goallint_api = 1.1\n", encoding="utf-8")
    entry = EntryPoint("acme", "goallint_mutants_versioned", plugin_loading.ENTRY_POINT_GROUP)
    entry = entry._for(SimpleNamespace(name="goallint-acme", version="1.2.0"))  # type: ignore[attr-defined]
    monkeypatch.setattr(plugin_loading, "entry_points", lambda group: [entry])
    plugins = load_plugins()
    info = plugins.info["acme"]
    assert (info.distribution, info.version, info.status) == ("goallint-acme", "1.2.0", NOT_LOADED)
    assert [problem.message for problem in plugins.problems] == [
        "plugin 'acme' (goallint-acme 1.2.0) says goallint_api = 1.1, which is not a version such as \"1.1\""]


def test_a_plugin_named_goallint_is_refused(offer) -> None:  # type: ignore[no-untyped-def]
    offer(goallint=_acme("key_result", "yield from ()"))
    plugins = load_plugins()
    assert [problem.message for problem in plugins.problems] == [
        "goallint has the name of a plugin already loaded; it was not loaded"]
    assert "acme-rule" not in plugins.rules


DEFAULTS = """
@hookimpl
def goallint_config_defaults():
    return {
        "colour": "red",
        "severity": {"acme-rule": "loud", "kr-count": "error"},
        "rules": {"kr-count": {"max": 3}, "acme-rule": {"max-share": 0.25}},
    }
"""


def test_a_plugins_default_settings_apply_to_its_own_rules_and_each_mistake_is_named(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", "yield from ()", DEFAULTS))
    plugins = load_plugins()
    start = "plugin 'acme': config defaults: "
    assert [(problem.plugin, problem.message) for problem in plugins.problems] == [
        ("acme", start + "'colour' cannot be given a default (only 'severity' and 'rules')"),
        ("acme", start + "severity.acme-rule: 'loud' is not error, warning or info"),
        ("acme", start + "severity.kr-count: not a rule of this plugin"),
        ("acme", start + "rules.kr-count: not a rule of this plugin")]
    assert plugins.default_options["acme-rule"].max_share == 0.25  # type: ignore[attr-defined]
    offer(acme=_acme("key_result", "yield from ()", DEFAULTS.replace("0.25", "'a quarter'")))
    [*_, last] = load_plugins().problems
    assert last.message.startswith(start + "rules.acme-rule: 1 validation error for AcmeOptions\nmax_share\n")


def test_without_a_thread_cpu_clock_the_budget_is_wall_time(dog: Watchdog, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_clock(ident: int) -> int:
        raise OSError("no CPU clock for threads here")

    monkeypatch.setattr(time, "pthread_getcpuclockid", no_clock)
    start = time.monotonic()
    waited = None
    try:
        dog.arm(0.3)
        while time.monotonic() - start < 3:
            time.sleep(0.01)  # waiting, not computing: only the wall clock moves
    except RuleTimeout:
        waited = time.monotonic() - start
    finally:
        dog.disarm()
    assert waited is not None and 0.25 <= waited < 0.9


@pytest.mark.parametrize("returned", ["5", "'a finding'"])
def test_a_rule_that_returns_a_value_is_told_it_returned_it(offer, returned: str) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", f"return {returned}"))
    [(_, _, line, message, _)] = _failures(load_plugins(), TWO_KRS)
    assert line == 2 and message.startswith("Rule ACME1 acme-rule of plugin 'acme' returned ")
    assert " instead of yielding findings (use `yield`), so it is not run again" in message
    assert returned.strip("'") in message


# --- what each hook gives, and what becomes of each plugin ------------------------------------------------------

HOOKS = ("goallint_rules", "goallint_reporters", "goallint_input_formats", "goallint_config_defaults")


def _hook(hook: str, body: str) -> str:
    return f"goallint_api = '1.0'\n\n@hookimpl\ndef {hook}():\n    {body}\n"


@pytest.mark.parametrize("hook", HOOKS)
def test_a_hook_that_raises_is_a_problem_naming_the_plugin_with_its_traceback(offer, hook: str) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_hook(hook, f"raise KeyError('{hook} table')"), beta=_formats("tabs", (".tsv",)))
    plugins = load_plugins()
    [problem] = plugins.problems
    assert (problem.plugin, problem.message) == ("acme", f"plugin 'acme': hook {hook} raised KeyError: '{hook} table'")
    assert problem.detail is not None and problem.detail.startswith("Traceback (most recent call last):\n")
    assert f", in {hook}\n" in problem.detail and problem.detail.endswith(f"KeyError: '{hook} table'\n")
    assert plugins.info["acme"].status == NOT_LOADED and "tabs-csv" in plugins.reporters  # the other one loaded


@pytest.mark.parametrize(("hook", "wanted"), [
    ("goallint_rules", "a list of rule classes"),
    ("goallint_reporters", "{format name: reporter function}"),
    ("goallint_input_formats", "a list of goallint.plugin.InputFormat"),
    ("goallint_config_defaults", 'a table such as {"severity": {...}, "rules": {...}}'),
])
def test_a_hook_that_returns_the_wrong_kind_is_told_what_to_return(offer, hook: str, wanted: str) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_hook(hook, "return 'acme'"))
    assert [(problem.plugin, problem.message) for problem in load_plugins().problems] == [
        ("acme", f"plugin 'acme': hook {hook} returned 'acme'; it should return {wanted}")]


def test_hooks_that_return_nothing_give_nothing_and_are_no_problem(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme="goallint_api = '1.0'\n" + "".join(f"\n@hookimpl\ndef {hook}():\n    return None\n" for hook in HOOKS))
    plugins = load_plugins()
    assert plugins.problems == [] and plugins.info["acme"].status == "loaded"


def test_an_output_format_already_given_is_refused_and_the_plugins_others_still_load(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_formats("tabs", (".tsv",)),
          beta=_hook("goallint_reporters", "return {'tabs-csv': str, 'text': str, 'beta-csv': str}"))
    plugins = load_plugins()
    assert [(problem.plugin, problem.message) for problem in plugins.problems] == [
        ("beta", "plugin 'beta': output format 'tabs-csv' is already given by acme"),
        ("beta", "plugin 'beta': output format 'text' is already given by goallint")]
    assert [plugins.reporter_origin[name] for name in ("tabs-csv", "text", "beta-csv")] == ["acme", "goallint", "beta"]
    assert plugins.info["beta"].reporters == ["beta-csv"] and plugins.info["beta"].status == "partly loaded"


def test_goallints_own_output_formats_are_loaded_as_they_are(offer) -> None:  # type: ignore[no-untyped-def]
    # unwrapped, so that SARIF is still written a piece at a time (a plugin's format is written whole)
    from goallint.report import pieces_of

    offer(acme=_formats("tabs", (".tsv",)))
    plugins = load_plugins()
    found = check_text_findings(plugins, TWO_KRS)
    assert len(list(pieces_of(plugins.reporters["sarif"], Report(findings=found)))) > 1
    assert len(list(pieces_of(plugins.reporters["tabs-csv"], Report(findings=found)))) == 1


def check_text_findings(plugins: Any, text: str) -> list[Any]:
    from goallint.checking import check_text
    from goallint.config import Config

    return check_text(text, "plan.okr", Config(), plugins)[1]


def test_an_input_format_clashing_on_several_suffixes_names_them_all(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_formats("tabs", (".tsv", ".tab")), beta=_formats("tabs2", (".tab", ".tsv", ".tsv2")))
    plugins = load_plugins()
    assert [problem.message for problem in plugins.problems] == [
        "plugin 'beta': input format 'tabs2' reads .tab, .tsv, which 'tabs' of plugin 'acme' already reads; it was "
        "not loaded"]
    assert plugins.info["acme"].input_formats == ["tabs", "none"] and plugins.info["beta"].input_formats == ["none"]


def test_what_becomes_of_a_plugin_follows_what_it_still_gives(offer) -> None:  # type: ignore[no-untyped-def]
    offer(
        acme=_acme("key_result", "yield from ()", '\n@hookimpl\ndef goallint_config_defaults():\n'
                                                  '    return {"severity": {"acme-rule": "error"}}\n'),
        broken=_hook("goallint_rules", "raise KeyError('rules')"),  # gives nothing: not loaded
        readers=FORMATS.split("@hookimpl\ndef goallint_reporters")[0].format(  # only input formats, one wrong
            name="tabs", suffixes=(".tsv",), extra="'nope'"),
        writers=_hook("goallint_reporters", "return {'text': str, 'writers-csv': str}"),  # only an output format
    )
    plugins = load_plugins()
    assert {name: info.status for name, info in plugins.info.items()} == {
        "goallint": "loaded", "acme": "loaded", "broken": "not loaded", "readers": "partly loaded",
        "writers": "partly loaded"}


def test_goallint_lists_itself_with_its_version_and_plugin_api() -> None:
    from goallint import __version__
    from goallint.engine.plugins import API_VERSION

    head = describe_plugins(load_plugins(include_installed=False)).splitlines()[0].split()
    assert head[:6] == ["goallint", "goallint", __version__, "API", API_VERSION, "loaded:"]


def test_a_plugin_named_goallint_leaves_goallints_own_listing_as_it_was(offer) -> None:  # type: ignore[no-untyped-def]
    own = describe_plugins(load_plugins(include_installed=False)).splitlines()[0]
    offer(goallint="goallint_api = '1.1'\n")
    plugins = load_plugins()
    assert describe_plugins(plugins).splitlines()[0] == own and plugins.info["goallint"].status == "loaded"


def test_a_misspelt_hook_is_named_with_the_plugin_it_is_in(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_hook("goallint_rulez", "return []"))
    [message] = [problem.message for problem in load_plugins().problems]
    assert message.startswith("plugin 'acme': unknown hook 'goallint_rulez' in plugin ")
    assert message.endswith("; it was not loaded")


TWIN = HEADER + """goallint_api = "1.1"

class Twin(Rule):
    code = "TWIN1"
    name = "twin-{letter}"
    summary = "A rule of one of two plugins of one name."
    scope = "key_result"

    def check(self, node, context):
        yield from ()

@hookimpl
def goallint_rules():
    return [Twin]
"""


def test_of_two_plugins_of_one_name_the_first_by_module_loads_whichever_is_found_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    for letter in "ab":
        (tmp_path / f"goallint_mutants_twin_{letter}.py").write_text(TWIN.format(letter=letter), encoding="utf-8")
    twins = [EntryPoint("twin", f"goallint_mutants_twin_{letter}", plugin_loading.ENTRY_POINT_GROUP) for letter in "ab"]
    for found in (twins, twins[::-1]):
        monkeypatch.setattr(plugin_loading, "entry_points", lambda group, found=found: found)
        plugins = load_plugins()
        assert [problem.message for problem in plugins.problems] == [
            "plugin 'twin' has the name of a plugin already loaded; it was not loaded"]
        assert plugins.origin["twin-a"] == "twin" and "twin-b" not in plugins.rules
        twin = plugins.info["twin"]  # listed as the one that loaded, with a problem under its name
        assert (twin.rules, twin.status) == (["twin-a"], "partly loaded")


def test_a_plugin_module_offered_under_two_names_loads_once(offer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    offer(acme=_acme("key_result", "yield from ()"))
    [entry] = plugin_loading.entry_points(group=plugin_loading.ENTRY_POINT_GROUP)
    again = EntryPoint("beta", entry.value, plugin_loading.ENTRY_POINT_GROUP)
    monkeypatch.setattr(plugin_loading, "entry_points", lambda group: [entry, again])
    plugins = load_plugins()
    [problem] = plugins.problems
    assert problem.plugin == "beta" and problem.message.startswith(
        "plugin 'beta' could not be registered: Plugin already registered under a different name: beta=")
    assert plugins.info["beta"].status == NOT_LOADED and plugins.origin["acme-rule"] == "acme"


# --- finding a rule by name or code ----------------------------------------------------------------------------


class _Counted(dict[str, type[Rule]]):
    """The rules, counting how often they are gone through: what finding one by name costs."""

    def __init__(self, rules: dict[str, type[Rule]]) -> None:
        super().__init__(rules)
        self.passes = 0

    def values(self) -> Any:
        self.passes += 1
        return super().values()


def test_a_rule_is_found_by_name_or_by_code_in_any_case() -> None:
    plugins = load_plugins(include_installed=False)
    kr_count = plugins.rules["kr-count"]
    assert [plugins.rule(wanted) for wanted in ("kr-count", " GL101 ", "gl101", "Gl101")] == [kr_count] * 4
    assert plugins.rule("no-such-rule") is None and plugins.rule("GL999") is None


def test_rules_are_gone_through_again_only_when_they_change() -> None:
    plugins = load_plugins(include_installed=False)
    plugins.rules = rules = _Counted(plugins.rules)
    for _ in range(100):  # directives and configurations name rules thousands of times
        assert plugins.rule("kr-count") is rules["kr-count"] and plugins.rule("no-such-rule") is None
    assert rules.passes == 1
    renamed: Any = type("Renamed", (rules["kr-count"],), {"code": "ACME7"})
    added: Any = type("Added", (renamed,), {"code": "ACME8", "name": "acme-new"})
    rules["kr-count"] = renamed  # replaced in place: as many rules as before
    assert plugins.rule("kr-count") is renamed and plugins.rule("ACME7") is renamed and plugins.rule("GL101") is None
    rules["acme-new"] = added
    assert plugins.rule("acme8") is added and rules.passes == 3


# --- a rule refused at load, in words for its author ------------------------------------------------------------

PLAIN_RULE = """
goallint_api = "1.1"

class Acme(Rule):
    code = "ACME1"
    name = "acme-rule"
    summary = "A plugin's rule."
    scope = "key_result"

    def check(self, node, context):
        yield from ()

@hookimpl
def goallint_rules():
    return [Acme]
"""


@pytest.mark.parametrize(("change", "problem"), [
    (("return [Acme]", "return [Acme, 'nothing']"), "rule 'nothing' is not a rule class (a subclass of "
                                                      "goallint.plugin.Rule)"),
    (('scope = "key_result"', 'scope = "kr"'), "rule Acme has the scope 'kr'; use one of document, documents, "
                                               "key_result, kpi, objective"),
    (('scope = "key_result"', 'scope = "key_result"\n    Options = {"max": 3}'),
     "rule Acme has Options that are not a RuleOptions class"),
    (("def check(self, node, context):\n        yield from ()", "pass"), "rule Acme does not implement check()"),
], ids=["not-a-rule", "scope", "options", "no-check"])
def test_a_rule_that_cannot_run_is_refused_saying_why(offer, change: tuple[str, str], problem: str) -> None:  # type: ignore[no-untyped-def]
    offer(acme=PLAIN_RULE.replace(*change))
    plugins = load_plugins()
    assert [(p.plugin, p.message) for p in plugins.problems] == [("acme", f"plugin 'acme': {problem}")]


# --- waking the watchdog ------------------------------------------------------------------------------------------


class _CountedEvent(threading.Event):
    def __init__(self) -> None:
        super().__init__()
        self.sets = 0

    def set(self) -> None:
        self.sets += 1
        super().set()


def test_a_call_wakes_the_watchdog_only_when_it_would_sleep_past_its_budget(dog: Watchdog) -> None:
    # a call costs a lock and a dictionary entry, not a wake-up of another thread
    dog._wake = wake = _CountedEvent()
    armed, done = threading.Event(), threading.Event()

    def waiting_call() -> None:  # an armed call the watchdog sleeps until (a second of CPU time)
        dog.arm(1.0)
        armed.set()
        done.wait(10)
        dog.disarm()

    holder = threading.Thread(target=waiting_call)
    holder.start()
    try:
        armed.wait(5)
        deadline = time.monotonic() + 5
        while dog._sleeping_until is None and time.monotonic() < deadline:  # the watchdog has gone to sleep
            time.sleep(0.01)
        assert wake.sets == 1
        for _ in range(200):
            dog.arm(2.0)  # ends later than the watchdog sleeps: it wakes in time for it anyway
            dog.disarm()
        assert wake.sets == 1
        dog.arm(0.05)  # ends sooner
        dog.disarm()
        assert wake.sets == 2
    finally:
        done.set()
        holder.join(10)


def test_the_watchdog_thread_says_what_it_is(dog: Watchdog) -> None:
    dog.arm(1.0)
    dog.disarm()
    assert dog._thread is not None and dog._thread.name == "goallint-rule-watchdog"  # as thread dumps show it
