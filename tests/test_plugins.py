"""Third-party plugins: loading each in isolation, refusing what cannot work, and a broken rule
never taking the run with it. Plugins are modules written to a temporary directory and offered
to goallint as entry points."""

from __future__ import annotations

import itertools
import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from click.testing import CliRunner

from goallint.checking import check_text
from goallint.cli import main
from goallint.config import Config, ConfigError, config_from_table
from goallint.engine import plugins as plugin_loading
from goallint.engine.plugins import API_VERSION, Plugins, load_plugins
from goallint.inputs import Inputs
from goallint.model import Finding

_numbers = itertools.count()

HEADER = 'from goallint.plugin import Cell, Converted, InputFormat, Piece, Rule, RuleOptions, hookimpl\n'

NO_BONUS = '''
goallint_api = "1.0"

class NoBonus(Rule):
    code = "ACME1"
    name = "no-bonus"
    summary = "A key result about bonuses."
    scope = "key_result"
    why = "Pay is not a goal."
    bad = "Objective: Sell\\n  KR: Pay a bonus to 5 reps"
    good = "Objective: Sell\\n  KR: Sign 5 new logos"

    def check(self, node, context):
        if "bonus" in node.text.lower():
            yield context.finding(node.span, "Bonuses are not goals.")

@hookimpl
def goallint_rules():
    return [NoBonus]
'''

PLAN = "Objective: Sell\n  KR: Pay a bonus to 5 reps\n  KR: Loop forever\n  KR: Sign 5 new logos\n"


@pytest.fixture
def offer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Offer plugins (entry-point name -> module source) as the installed entry points."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def install(**sources: str) -> None:
        entries = []
        for name, source in sources.items():
            module = f"goallint_test_plugin_{next(_numbers)}"
            (tmp_path / f"{module}.py").write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
            entries.append(EntryPoint(name, module, plugin_loading.ENTRY_POINT_GROUP))
        monkeypatch.setattr(plugin_loading, "entry_points", lambda group: entries)

    return install


def messages(plugins: Plugins) -> list[str]:
    return [problem.message for problem in plugins.problems]


def findings(plugins: Plugins, text: str = PLAN, config: Config | None = None) -> list[Finding]:
    return check_text(text, "plan.okr", config or Config(), plugins)[1]


# --- Loading ----------------------------------------------------------------------------------


def test_a_plugin_adds_its_rules_which_report_like_any_other(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS)
    plugins = load_plugins()
    assert plugins.problems == []
    assert plugins.origin["no-bonus"] == "acme" and plugins.info["acme"].rules == ["no-bonus"]
    assert [(f.rule, f.span.start.line) for f in findings(plugins) if f.rule == "no-bonus"] == [("no-bonus", 2)]


@pytest.mark.parametrize(("source", "problem"), [
    ("import goallint_no_such_module\n", "plugin 'acme' could not be loaded (ModuleNotFoundError: No module named"),
    (NO_BONUS.replace('goallint_api = "1.0"', ""), "does not say which goallint plugin API it was written for"),
    (NO_BONUS.replace('"1.0"', '"2.0"'),
     f"was written for goallint plugin API 2.0, and this goallint (0.1.0) provides {API_VERSION}: upgrade goallint"),
    (NO_BONUS.replace('"1.0"', '"0.9"'), "provides 1.0: upgrade the plugin (pip install --upgrade acme)"),
    (NO_BONUS.replace('"1.0"', '"one"'), "says goallint_api = 'one', which is not a version"),
    (NO_BONUS.replace("def goallint_rules():\n    return",
                      "def goallint_rules():\n    raise KeyError('x')\n    return"),
     "plugin 'acme': hook goallint_rules raised KeyError: 'x'"),
    (NO_BONUS.replace("def goallint_rules", "def goallint_rulez"), "unknown hook 'goallint_rulez'"),
    (NO_BONUS.replace('"ACME1"', '"GL999"'), "codes starting with GL are goallint's own"),
    (NO_BONUS.replace('"ACME1"', '"acme-1"'), "a code is capital letters then digits"),
    (NO_BONUS.replace('"no-bonus"', '"kr-count"'),
     "rule ACME1 kr-count clashes with GL101 kr-count of goallint; it was not loaded"),
    (NO_BONUS.replace('scope = "key_result"', 'scope = "kr"'), "has the scope 'kr'; use one of"),
    (NO_BONUS.replace("return [NoBonus]", "return [NoBonus, 'nothing']"), "'nothing' is not a rule class"),
], ids=["import", "no-api", "newer-api", "older-api", "bad-api", "hook-raises", "misspelt-hook", "gl-code", "bad-code",
        "name-clash", "bad-scope", "not-a-rule"])
def test_a_broken_plugin_is_reported_by_name_and_the_others_still_load(
    offer, source: str, problem: str  # type: ignore[no-untyped-def]
) -> None:
    offer(acme=source, other=NO_BONUS.replace("ACME1", "OTHER1").replace("no-bonus", "no-bonus-either"))
    plugins = load_plugins()
    assert len(plugins.problems) == 1 and plugins.problems[0].plugin == "acme"
    assert problem in plugins.problems[0].message
    assert "no-bonus-either" in plugins.rules and "kr-count" in plugins.rules


def test_codes_that_clash_between_two_plugins_are_reported_at_load(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS, copycat=NO_BONUS.replace("no-bonus", "no-bonuses"))
    assert messages(load_plugins()) == [
        "plugin 'copycat': rule ACME1 no-bonuses clashes with ACME1 no-bonus of plugin 'acme'; it was not loaded"
    ]


def test_goallint_plugins_lists_each_plugin_and_exits_2_for_a_broken_one(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS, broken="raise RuntimeError('half-installed')\n")
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0].startswith("goallint ") and "28 rules" in lines[0]
    assert lines[1].split() == ["acme", "(no", "package)", "API", "1.0", "loaded:", "1", "rule", "(ACME1)"]
    assert lines[2].split()[:5] == ["broken", "(no", "package)", "API", "?"] and "not loaded" in lines[2]
    assert "plugin 'broken' could not be loaded (RuntimeError: half-installed)" in result.stderr


# --- A rule that fails while checking ----------------------------------------------------------

FAILING = NO_BONUS.replace(
    '        if "bonus" in node.text.lower():',
    '        if "loop" in node.text.lower():\n'
    '            while True:\n'
    '                try:\n'
    '                    pass\n'
    '                except Exception:\n'  # a rule's own `except Exception` cannot swallow the time limit
    '                    pass\n'
    '        if "bonus" in node.text.lower():\n'
    '            raise ValueError("no bonus table")\n'
    '        if False:',
)


def test_a_rule_that_raises_or_loops_gives_one_finding_naming_the_plugin(
    offer, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_RULE_TIME_LIMIT", "0.3")
    offer(acme=FAILING)
    plugins = load_plugins()
    found = findings(plugins)
    failures = [(f.span.start.line, f.message) for f in found if f.rule == "internal-error"]
    assert failures == [
        (2, "Rule ACME1 no-bonus of plugin 'acme' failed here (ValueError: no bonus table); the other rules "
            "still ran. Please tell the plugin's authors."),
        (3, "Rule ACME1 no-bonus of plugin 'acme' took longer than 0.3 s on one statement and was stopped "
            "(it is not run again); the other rules still ran. Please tell the plugin's authors."),
    ]
    assert "missing-deadline" in {f.rule for f in found}  # the other rules still ran
    assert plugins.rule_failed(found)
    # checked again (the language server does, on every change): said once more, not run again
    again = [f for f in findings(plugins, "Objective: Sell\n  KR: Sign 5 new logos\n") if f.rule == "internal-error"]
    assert [f.span.start.line for f in again] == [2]


def test_the_time_limit_does_not_outlive_the_rule(offer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import time

    monkeypatch.setenv("GOALLINT_RULE_TIME_LIMIT", "0.2")
    offer(acme=NO_BONUS)
    plugins = load_plugins()
    assert [f.rule for f in findings(plugins) if f.rule == "no-bonus"] == ["no-bonus"]
    time.sleep(0.4)  # a stray timeout would land here, in the test
    assert not plugins.rule_failed(findings(plugins))


def test_check_exits_2_for_a_failing_plugin_rule_unless_configured_to_warn(
    offer, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    offer(acme=FAILING.replace('"loop"', '"never matches"'))
    plan = tmp_path / "plan.okr"
    plan.write_text("Objective: Sell\n  KR: Pay a bonus to 5 reps by end of Q3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--no-cache"])
    assert result.exit_code == 2 and "internal-error: Rule ACME1 no-bonus of plugin 'acme' failed" in result.stdout
    (tmp_path / "goallint.toml").write_text('plugin-errors = "warn"\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(plan), "--no-cache"]).exit_code == 1


# --- Configuration ----------------------------------------------------------------------------


def test_a_plugin_can_be_disabled_in_the_configuration(offer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS, broken="raise RuntimeError('half-installed')\n")
    plugins = load_plugins()
    config = config_from_table({"disable-plugins": ["acme"]}, plugins)
    assert "no-bonus" not in {f.rule for f in findings(plugins, config=config)}
    assert "no-bonus" in {f.rule for f in findings(plugins)}
    plan = tmp_path / "plan.okr"
    plan.write_text("Objective: Sell\n  KR: Pay a bonus to 5 reps\n", encoding="utf-8")
    (tmp_path / "goallint.toml").write_text('disable-plugins = ["broken"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--no-cache"])
    assert result.exit_code == 1  # the broken plugin is still named, but no longer fails the run
    assert "plugin 'broken' could not be loaded" in result.stderr


def test_disabling_a_plugin_that_is_not_installed_is_a_mistake(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS)
    with pytest.raises(ConfigError) as raised:
        config_from_table({"disable-plugins": ["acne"]}, load_plugins())
    assert str(raised.value) == "<config>: disable-plugins: no plugin called 'acne'; did you mean 'acme'?"


DEFAULTS = NO_BONUS.replace("class NoBonus(Rule):", '''class Options(RuleOptions):
    words: list[str] = ["bonus"]

class NoBonus(Rule):
    Options = Options''').replace('if "bonus" in node.text.lower():',
                                   'if any(w in node.text.lower() for w in context.options.words):') + '''
@hookimpl
def goallint_config_defaults():
    return {"severity": {"no-bonus": "error"}, "rules": {"no-bonus": {"words": ["bonus", "commission"]}}}
'''


def test_a_plugin_gives_defaults_for_its_own_rules_which_configuration_overrides(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=DEFAULTS)
    plugins = load_plugins()
    text = "Objective: Sell\n  KR: Pay a commission to 5 reps\n"
    assert [(f.rule, f.severity) for f in findings(plugins, text) if f.rule == "no-bonus"] == [("no-bonus", "error")]
    mine = config_from_table({"severity": {"no-bonus": "info"}, "rules": {"no-bonus": {"words": ["bonus"]}}}, plugins)
    assert [f for f in findings(plugins, text, mine) if f.rule == "no-bonus"] == []


def test_defaults_for_another_plugins_rule_are_refused(offer) -> None:  # type: ignore[no-untyped-def]
    defaults = '\n@hookimpl\ndef goallint_config_defaults():\n    return {"severity": {"kr-count": "info"}}\n'
    offer(acme=NO_BONUS + defaults)
    assert messages(load_plugins()) == ["plugin 'acme': config defaults: severity.kr-count: not a rule of this plugin"]


# --- Input formats -----------------------------------------------------------------------------

TSV = '''
goallint_api = "1.0"

def read(path, data):
    lines, pieces = [], {}
    for row, line in enumerate(data.decode().splitlines(), start=1):
        objective, key_result = line.split("\\t")
        lines += ["Objective: " + objective, "  KR: " + key_result]
        pieces[len(lines)] = [Piece(7, len(key_result), Cell(None, row, 2))]
    return Converted("\\n".join(lines) + "\\n", pieces)

@hookimpl
def goallint_input_formats():
    return [InputFormat("tsv", (".tsv",), read)]
'''


def test_an_input_format_is_read_and_its_findings_point_at_cells(offer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offer(tabs=TSV)
    plugins = load_plugins()
    (tmp_path / "goals").mkdir()
    sheet = tmp_path / "goals" / "okrs.tsv"
    sheet.write_text("Sell\tImprove the pipeline\n", encoding="utf-8")
    inputs = Inputs(plugins)
    assert inputs.expand([tmp_path / "goals"]) == [sheet]
    text = inputs.read(sheet)
    found = inputs.locate(check_text(text, str(sheet), Config(), plugins)[1])
    vague = next(f for f in found if f.rule == "vague-language")
    assert (vague.span.start.line, vague.span.start.column) == (1, 2)
    assert vague.message.endswith("(cell B1)") and vague.fix is None
    assert inputs.shown({str(sheet): text}) == {}


def test_a_reader_that_raises_is_one_message_naming_the_plugin(offer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offer(tabs=TSV)
    sheet = tmp_path / "okrs.tsv"
    sheet.write_text("no tab here\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(sheet), "--no-cache"])
    assert result.exit_code == 2
    assert f"goallint: {sheet}: the input format 'tsv' of plugin 'tabs' failed to read it (ValueError:" in result.stderr


def test_a_worker_process_forked_after_a_timed_rule_still_has_a_time_limit() -> None:
    import os
    import time

    from goallint.engine import isolation

    isolation.WATCHDOG.arm(5)  # the watchdog thread now runs in this process
    isolation.WATCHDOG.disarm()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through its exit status
        stopped, give_up = False, time.monotonic() + 10  # a failure, not a hang
        try:
            isolation.WATCHDOG.arm(0.2)
            while time.monotonic() < give_up:
                pass
        except isolation.RuleTimeout:
            stopped = True
        finally:
            isolation.WATCHDOG.disarm()
        os._exit(0 if stopped else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
