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


@pytest.fixture
def offer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Offer plugins (entry-point name -> module source) as the installed entry points."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def install(**sources: str) -> None:
        entries = []
        for name, source in sources.items():
            module = f"goallint_mutants_plugin_{name}_{time.monotonic_ns()}"
            (tmp_path / f"{module}.py").write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
            entries.append(EntryPoint(name, module, plugin_loading.ENTRY_POINT_GROUP))
        monkeypatch.setattr(plugin_loading, "entry_points", lambda group: entries)

    return install


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
