"""Third-party plugins: loading each in isolation, refusing what cannot work, and a broken rule
never taking the run with it. Plugins are modules written to a temporary directory and offered
to goallint as entry points."""

from __future__ import annotations

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
    (NO_BONUS.replace('"1.0"', '"0.9"'), f"provides {API_VERSION}: upgrade the plugin (pip install --upgrade acme)"),
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
    ("import sys\nsys.exit(3)\n", "plugin 'acme' could not be loaded (SystemExit: 3)"),
    (NO_BONUS.replace("def check(self, node, context):", "def check(self, node):"),
     "rule NoBonus has a check() that does not take (self, node, context): write def check(self, node, context)"),
], ids=["import", "no-api", "newer-api", "older-api", "bad-api", "hook-raises", "misspelt-hook", "gl-code", "bad-code",
        "name-clash", "bad-scope", "not-a-rule", "exits-on-import", "check-arguments"])
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
    assert lines[0].startswith("goallint ") and " rules (GL" in lines[0]
    assert lines[1].split() == ["acme", "(no", "package)", "API", "1.0", "loaded:", "1", "rule", "(ACME1)"]
    assert lines[2].split() == ["broken", "(no", "package)", "API", "?", "not", "loaded"]
    assert "plugin 'broken' could not be loaded (RuntimeError: half-installed)" in result.stderr
    assert "Traceback" not in result.stderr and "run with --debug" in result.stderr


def status_of(output: str, plugin: str) -> str:
    """What `goallint plugins` says became of a plugin: loaded, partly loaded, not loaded, disabled."""
    line = next(line for line in output.splitlines() if line.split()[0] == plugin)
    return line.split(" API ", 1)[1].split(None, 1)[1].split(":")[0].strip()


def test_goallint_plugins_says_truthfully_what_did_not_load(offer) -> None:  # type: ignore[no-untyped-def]
    malformed = NO_BONUS.replace("return [NoBonus]", "return [NoBonus, Nameless]").replace(
        "@hookimpl", "class Nameless(Rule):\n    code = 'HALF2'\n    scope = 'kpi'\n\n@hookimpl")
    offer(
        acme=NO_BONUS,
        raises=NO_BONUS.replace("ACME1", "RAISE1").replace("def goallint_rules():\n    return",
                                                         "def goallint_rules():\n    raise KeyError('x')\n    return"),
        half=malformed.replace("ACME1", "HALF1").replace("no-bonus", "half-bonus"),
        clash=NO_BONUS,  # ACME1 no-bonus again: refused, and nothing else to give
        wrong=NO_BONUS.replace("ACME1", "WRONG1").replace("return [NoBonus]", "return NoBonus"),
    )
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 2
    assert [status_of(result.stdout, name) for name in ("acme", "raises", "half", "clash", "wrong")] == [
        "loaded", "not loaded", "partly loaded", "not loaded", "not loaded"]
    assert "1 rule (HALF1)" in result.stdout
    assert "plugin 'half': rule Nameless has no name (every rule needs code, name, summary and scope)" in result.stderr
    assert "plugin 'wrong': hook goallint_rules returned <class" in result.stderr
    assert "it should return a list of rule classes" in result.stderr
    assert "plugins 'clash', 'half', 'raises', 'wrong' are broken" in result.stderr


def test_goallint_plugins_honours_disable_plugins(offer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS, broken="raise RuntimeError('half-installed')\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "goallint.toml").write_text('disable-plugins = ["broken"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["plugins"])
    assert result.exit_code == 0, result.output
    assert status_of(result.stdout, "broken") == "disabled" and status_of(result.stdout, "acme") == "loaded"


def test_debug_shows_where_a_plugin_failed_to_load(offer, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOALLINT_DEBUG", "")  # restored after --debug sets it
    offer(broken="def helper():\n    raise RuntimeError('half-installed')\n\nhelper()\n")
    result = CliRunner().invoke(main, ["--debug", "plugins"])
    assert result.exit_code == 2
    assert "Traceback (most recent call last):" in result.stderr
    assert "in helper" in result.stderr and "RuntimeError: half-installed" in result.stderr
    assert "importlib" not in result.stderr  # only the plugin's own frames


def test_rules_and_explain_show_the_severity_in_effect_and_name_broken_plugins(
    offer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    offer(acme=DEFAULTS, broken="raise RuntimeError('half-installed')\n")
    monkeypatch.chdir(tmp_path)
    listed = CliRunner().invoke(main, ["rules"])
    assert listed.exit_code == 2 and "plugin 'broken' could not be loaded" in listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("ACME1"))
    assert line.split()[:3] == ["ACME1", "no-bonus", "error"]
    assert line.endswith("[acme; severity from the defaults of plugin 'acme']")
    explained = CliRunner().invoke(main, ["explain", "no-bonus"])
    assert explained.exit_code == 2
    assert explained.stdout.splitlines()[0] == (
        "ACME1 no-bonus (error: set by the defaults of plugin 'acme'; the rule's own is warning)")
    # the user's configuration wins, and disabling the broken plugin makes the listing clean
    (tmp_path / "goallint.toml").write_text('disable-plugins = ["broken"]\n[severity]\nno-bonus = "info"\n',
                                            encoding="utf-8")
    listed = CliRunner().invoke(main, ["rules"])
    assert listed.exit_code == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("ACME1"))
    assert line.split()[:3] == ["ACME1", "no-bonus", "info"] and "severity from" in line
    assert CliRunner().invoke(main, ["explain", "ACME1"]).stdout.startswith("ACME1 no-bonus (info: set by ")


# --- A rule that fails while checking ----------------------------------------------------------

FAILING = NO_BONUS.replace(
    '        if "bonus" in node.text.lower():',
    '        if "loop" in node.text.lower():\n'
    '            import time\n'
    '            give_up = time.monotonic() + 30  # a failure, not a hang, if the time limit is not armed\n'
    '            while time.monotonic() < give_up:\n'
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


# --- A rule that breaks the contract: yields something else, or returns instead of yielding -----

YIELDS_TEXT = NO_BONUS.replace('yield context.finding(node.span, "Bonuses are not goals.")', 'yield "revenue found"')
RETURNS = NO_BONUS.replace('        if "bonus" in node.text.lower():\n            yield',
                           '        if "bonus" in node.text.lower():\n            return')
RETURNS_NOTHING = NO_BONUS.replace('            yield context.finding(node.span, "Bonuses are not goals.")',
                                   '            print("found")')
SPAN_IS_A_NODE = NO_BONUS.replace("context.finding(node.span,", "context.finding(node,")
FULL_PLAN = "Objective: Sell\n  KR: Pay a bonus to 5 reps\n  KR: Sign 5 new logos\n  KR: Pay a bonus to 3 reps\n"


@pytest.mark.parametrize(("source", "said"), [
    (YIELDS_TEXT, "yielded 'revenue found' (a str), not a finding made with context.finding(...), so it is not "
                  "run again"),
    (RETURNS, "returned a finding instead of yielding it (use `yield`, not `return`), so it is not run again"),
    (RETURNS_NOTHING, "returned nothing instead of yielding findings (use `yield`, not `return`), so it is not "
                      "run again"),
    (NO_BONUS.replace('context.finding(node.span, "Bonuses are not goals.")',
                      'Finding.model_construct(code="ACME1", rule="no-bonus", message="x")'),
     "yielded a finding without a span or a message (make it with context.finding(...)), so it is not run again"),
], ids=["yields-text", "returns-a-finding", "returns-nothing", "finding-without-span"])
def test_a_rule_that_does_not_yield_findings_is_named_once_with_the_fix(
    offer, source: str, said: str  # type: ignore[no-untyped-def]
) -> None:
    offer(acme=source, other=NO_BONUS.replace("ACME1", "OTHER1").replace("no-bonus", "other-bonus"))
    plugins = load_plugins()
    found = findings(plugins, FULL_PLAN)
    failures = [f for f in found if f.rule == "internal-error"]
    assert [(f.span.start.line, f.message) for f in failures] == [
        (2, f"Rule ACME1 no-bonus of plugin 'acme' {said}; the other rules still ran. Please tell the plugin's "
            "authors.")]
    assert failures[0].hint == ("For the plugin's authors: write `yield context.finding(span, message)` for each "
                                "finding in check().")
    # every other rule's findings are kept: the other plugin's, and goallint's own
    assert [f.span.start.line for f in found if f.rule == "other-bonus"] == [2, 4]
    assert "missing-deadline" in {f.rule for f in found}
    assert plugins.rule_failed(found)


def test_check_names_a_rule_that_yields_text_and_exits_2_without_a_traceback(
    offer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_DEBUG", "")
    offer(acme=YIELDS_TEXT, other=NO_BONUS.replace("ACME1", "OTHER1").replace("no-bonus", "other-bonus"))
    plan = tmp_path / "plan.okr"
    plan.write_text(FULL_PLAN, encoding="utf-8")
    for output_format in ("text", "json", "sarif"):
        result = CliRunner().invoke(main, ["check", str(plan), "--no-cache", "--output-format", output_format])
        assert result.exit_code == 2, result.output
        assert "Rule ACME1 no-bonus of plugin 'acme' yielded 'revenue found'" in result.stdout
        assert "OTHER1" in result.stdout and "Traceback" not in result.output
        assert result.stderr == ("goallint: rule ACME1 no-bonus of plugin 'acme' failed while checking; see the "
                                 "internal-error (GL000) findings\n")
    debugged = CliRunner().invoke(main, ["--debug", "check", str(plan), "--no-cache"])
    assert debugged.exit_code == 2
    assert "goallint: --debug: rule ACME1 no-bonus of plugin 'acme' yielded 'revenue found'" in debugged.stderr
    assert "check() is at " in debugged.stderr and "goallint_test_plugin_" in debugged.stderr


def test_debug_shows_the_traceback_of_a_rule_that_raises(
    offer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_DEBUG", "")
    offer(acme=FAILING.replace('"loop"', '"never matches"'))
    plan = tmp_path / "plan.okr"
    plan.write_text(PLAN, encoding="utf-8")
    quiet = CliRunner().invoke(main, ["check", str(plan), "--no-cache"])
    assert quiet.exit_code == 2 and "Traceback" not in quiet.output
    debugged = CliRunner().invoke(main, ["--debug", "check", str(plan), "--no-cache"])
    assert debugged.exit_code == 2
    assert "where rule ACME1 no-bonus of plugin 'acme' failed:\nTraceback (most recent call last):" in debugged.stderr
    assert 'raise ValueError("no bonus table")' in debugged.stderr
    assert "isolation.py" not in debugged.stderr  # the plugin's frames, not goallint's around them
    after = CliRunner().invoke(main, ["check", str(plan), "--debug"])  # after the command too, cache or not
    assert 'raise ValueError("no bonus table")' in after.stderr


def test_a_rule_that_calls_sys_exit_does_not_end_the_run(offer) -> None:  # type: ignore[no-untyped-def]
    exits = "raise SystemExit(1)\n        yield from ()"
    offer(acme=NO_BONUS.replace('yield context.finding(node.span, "Bonuses are not goals.")', exits))
    found = findings(load_plugins())
    assert [f.message for f in found if f.rule == "internal-error"] == [
        "Rule ACME1 no-bonus of plugin 'acme' failed here (SystemExit: 1); the other rules still ran. Please tell "
        "the plugin's authors."]
    assert "missing-deadline" in {f.rule for f in found}


def test_a_finding_made_without_a_span_says_what_to_pass(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=SPAN_IS_A_NODE)
    failure = next(f for f in findings(load_plugins()) if f.rule == "internal-error")
    assert "failed here (TypeError: context.finding() takes the span to flag, such as node.span, not KeyResult(" \
        in failure.message


def test_a_hook_that_returns_the_wrong_kind_of_thing_is_named(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS + "\n@hookimpl\ndef goallint_config_defaults():\n    return ['severity']\n")
    plugins = load_plugins()
    assert messages(plugins) == ["plugin 'acme': hook goallint_config_defaults returned ['severity']; it should "
                                 'return a table such as {"severity": {...}, "rules": {...}}']
    assert plugins.info["acme"].status == "partly loaded" and "no-bonus" in plugins.rules


def test_an_output_format_that_raises_is_named_and_exits_2(
    offer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_DEBUG", "")
    offer(acme=NO_BONUS + "\n@hookimpl\ndef goallint_reporters():\n    return {'acme-csv': lambda report: 1 / 0}\n")
    plan = tmp_path / "plan.okr"
    plan.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan), "--no-cache", "--output-format", "acme-csv"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr == "goallint: the output format 'acme-csv' of plugin 'acme' failed (ZeroDivisionError: " \
                            "division by zero)\n"
    debugged = CliRunner().invoke(main, ["--debug", "check", str(plan), "--no-cache", "--output-format", "acme-csv"])
    assert "Traceback (most recent call last):" in debugged.stderr and "1 / 0" in debugged.stderr


# --- What a rule sees (plugin API 1.1) -----------------------------------------------------------

TYPED = '''
from goallint.plugin import Context, KeyResult, Objective, is_currency

goallint_api = "1.1"

class Options(RuleOptions):
    words: list[str] = ["revenue"]

class RevenueOwner(Rule[KeyResult, Options]):
    code = "ACME7"
    name = "revenue-objective"
    summary = "Revenue key results name their objective."
    scope = "key_result"
    docs_url = "https://example.com/acme#acme7"

    def check(self, node: KeyResult, context: Context[Options]):
        if not any(word in node.text.lower() for word in context.options.words):
            return
        objective = context.objective_of(node)
        amounts = [q for q in (node.measure.target,) if q is not None and is_currency(q.unit)]
        severity = "error" if amounts else None
        yield context.finding(node.span, f"under {objective.text!r} in {context.document.path}", severity=severity)

@hookimpl
def goallint_rules():
    return [RevenueOwner]
'''


def test_a_rule_reaches_its_objective_its_document_and_sets_a_severity_per_finding(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=TYPED)
    plugins = load_plugins()
    assert plugins.problems == [] and plugins.info["acme"].api == "1.1"
    text = "Objective: Sell more\n  KR: Grow revenue to $2M\n  KR: Grow revenue to 2M\n"
    found = [(f.span.start.line, f.severity, f.message) for f in findings(plugins, text) if f.code == "ACME7"]
    assert found == [(2, "error", "under 'Sell more' in plan.okr"), (3, "warning", "under 'Sell more' in plan.okr")]
    # a configured severity wins over the finding's own
    config = config_from_table({"severity": {"revenue-objective": "info"}}, plugins)
    assert {f.severity for f in findings(plugins, text, config) if f.code == "ACME7"} == {"info"}


def test_a_rules_docs_url_is_its_sarif_help_uri_and_its_editor_link(offer) -> None:  # type: ignore[no-untyped-def]
    import json

    from goallint.lsp.diagnostics import Diagnostics
    from goallint.lsp.positions import LineIndex
    from goallint.report import Report
    from goallint.report.sarif import render_sarif

    offer(acme=TYPED)
    plugins = load_plugins()
    text = "Objective: Sell more\n  KR: Grow revenue to $2M\n"
    found = [f for f in findings(plugins, text) if f.code == "ACME7"]
    sarif = json.loads(render_sarif(Report(found, {"plan.okr": text}, plugins.rules)))
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["ACME7"]["helpUri"] == "https://example.com/acme#acme7" and "helpUri" not in rules["GL101"]
    diagnostics = Diagnostics(links={"revenue-objective": "https://example.com/acme#acme7"})
    made = diagnostics.diagnostic(found[0], LineIndex(text))
    assert made["codeDescription"] == {"href": "https://example.com/acme#acme7"}
    assert "More: https://example.com/acme#acme7" in plugins.rules["revenue-objective"].docs()


# --- The test harness (goallint.testing) with broken plugins installed beside ----------------------

SPINS_AND_CRASHES = NO_BONUS.replace("ACME1", "BRK1").replace("no-bonus", "crash").replace(
    '        if "bonus" in node.text.lower():', '        while "logos" in node.text:\n            pass\n'
    '        raise ZeroDivisionError("division by zero")\n        if False:')


def test_rule_examples_and_cases_run_only_their_own_rules(
    offer, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from goallint.testing import Case, check_case, check_examples

    monkeypatch.setenv("GOALLINT_RULE_TIME_LIMIT", "0.2")
    offer(acme=NO_BONUS, crash=SPINS_AND_CRASHES, broken="raise RuntimeError('half-installed')\n",
          yields=YIELDS_TEXT.replace("ACME1", "YLD1").replace("no-bonus", "yields-text"))
    plugins = load_plugins()
    assert {p.plugin for p in plugins.problems} == {"broken"}
    check_examples(plugins.rules["no-bonus"], plugins)  # the bad example fires, the good one is quiet
    check_case(Case("no-bonus", "Objective: Sell\n  KR: Pay a bonus to 5 reps", ["no-bonus:2"]), plugins)
    with pytest.raises(AssertionError) as raised:  # the broken rules themselves do fail their tests
        check_examples(plugins.rules["crash"], plugins)
    assert "crash, on its bad example: Rule BRK1 crash of plugin 'crash' failed here (ZeroDivisionError" \
        in str(raised.value)


def test_the_harness_names_a_rule_that_yields_text_with_the_fix(
    offer, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    from goallint.testing import Case, check_case

    offer(acme=YIELDS_TEXT)
    plugins = load_plugins()
    case = Case("no-bonus", "Objective: Sell\n  KR: Pay a bonus to 5 reps", ["no-bonus:2"], name="bonus")
    monkeypatch.setenv("GOALLINT_DEBUG", "")
    with pytest.raises(AssertionError) as raised:
        check_case(case, plugins)
    assert str(raised.value).splitlines() == [
        "case 'bonus': Rule ACME1 no-bonus of plugin 'acme' yielded 'revenue found' (a str), not a finding made with "
        "context.finding(...), so it is not run again; the other rules still ran. Please tell the plugin's authors.",
        "For the plugin's authors: write `yield context.finding(span, message)` for each finding in check().",
        "(run with GOALLINT_DEBUG=1 to see where it failed)",
    ]
    monkeypatch.setenv("GOALLINT_DEBUG", "1")
    offer(acme=FAILING.replace('"loop"', '"never matches"'))
    with pytest.raises(AssertionError) as raised:
        check_case(case, load_plugins())
    assert "Traceback (most recent call last):" in str(raised.value)
    assert 'raise ValueError("no bonus table")' in str(raised.value)


def test_a_missing_rule_or_cases_file_says_why(offer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from goallint.testing import Case, check_case, load_cases

    offer(acme="raise RuntimeError('half-installed')\n")
    with pytest.raises(AssertionError) as raised:
        check_case(Case("no-bonus", "Objective: Sell\n  KR: Pay a bonus"), load_plugins())
    assert "no rule called 'no-bonus' is loaded; these plugin problems may be why:\n  plugin 'acme' could not be " \
        "loaded (RuntimeError: half-installed)" in str(raised.value)
    with pytest.raises(ValueError, match=r"no such file .*Path\(__file__\)\.parent / 'cases\.toml'"):
        load_cases("no-such-cases.toml")


def test_render_shows_what_an_output_format_prints(offer) -> None:  # type: ignore[no-untyped-def]
    from goallint.testing import render, report_of

    csv = ('\ndef render_csv(report):\n    return "".join(f"{f.path},{f.span.start.line},{f.code}\\n" '
           'for f in report.findings)\n\n@hookimpl\ndef goallint_reporters():\n    return {"acme-csv": render_csv}\n')
    offer(acme=NO_BONUS + csv)
    plugins = load_plugins()
    text = "Objective: Sell\n  KR: Pay a bonus to 5 reps\n"
    assert render("acme-csv", text, rules=["no-bonus"], plugins=plugins) == "plan.okr,2,ACME1\n"
    report = report_of(text, path="q3.okr", plugins=plugins)  # goallint's own rules: no plugin's
    assert report.sources == {"q3.okr": text} and "kr-count" in {f.rule for f in report.findings}
    assert "no-bonus" not in {f.rule for f in report.findings}
    with pytest.raises(AssertionError, match="no output format 'acme-tsv' is loaded"):
        render("acme-tsv", text, plugins=plugins)


def test_the_options_of_a_rule_come_from_its_type_unless_it_says_otherwise() -> None:
    from goallint.plugin import KeyResult, Rule, RuleOptions

    class Words(RuleOptions):
        words: tuple[str, ...] = ("bonus",)

    class Other(RuleOptions):
        other: int = 1

    class Typed(Rule[KeyResult, Words]):
        pass

    class Says(Rule[KeyResult, Words]):
        Options = Other

    guarded: type[Says] = type("Guarded", (Says,), {})  # how goallint wraps a plugin's rule
    assert (Typed.Options, Says.Options, guarded.Options) == (Words, Other, Other)


def test_the_cache_key_follows_a_plugins_code_on_disk(offer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    from goallint.cache import ResultCache, plugin_code_fingerprint

    offer(acme=NO_BONUS)
    load_plugins()
    entry = plugin_loading.installed_entry_points()[0]
    module = next(tmp_path.glob("goallint_test_plugin_*.py"))
    before, key = plugin_code_fingerprint(entry), ResultCache(tmp_path / "cache").key("plan.okr", PLAN)
    assert before != "?" and ResultCache(tmp_path / "cache").key("plan.okr", PLAN) == key  # stable
    module.write_text(module.read_text(encoding="utf-8").replace("not goals", "never goals"), encoding="utf-8")
    os.utime(module, ns=(module.stat().st_atime_ns, module.stat().st_mtime_ns + 1_000_000))
    assert plugin_code_fingerprint(entry) != before
    assert ResultCache(tmp_path / "cache").key("plan.okr", PLAN) != key


def test_a_forbidden_word_gives_its_suggestion_once(tmp_path: Path) -> None:
    from goallint.plugin import load_pack
    from goallint.testing import Case, run_case

    def hints(message: str) -> list[tuple[str, str | None]]:
        pack = tmp_path / "pack.toml"
        pack.write_text(f'kind = "forbidden-words"\nmessage = "{message}"\n[rule]\ncode = "HOUSE1"\n'
                        'name = "no-client"\nsummary = "Says client."\n[[words]]\nword = "client*"\n'
                        'suggestion = "We say customer."\n', encoding="utf-8")
        plugins = load_plugins(include_installed=False)
        rule = load_pack(pack)
        plugins.rules[rule.name] = rule
        found = run_case(Case("no-client", "Objective: Sell\n  KR: Sign 5 clients"), plugins).findings
        return [(f.message, f.hint) for _, f in found]

    assert hints("'{word}': {suggestion}") == [("'clients': We say customer.", None)]
    assert hints("Avoid '{word}'.") == [("Avoid 'clients'.", "We say customer.")]


SET_RULE = '''
goallint_api = "{api}"

class Plans(Rule):
    code = "SET1"
    name = "plan-count"
    summary = "Counts plans."
    scope = "documents"

    def check(self, node, context):
        try:
            said = repr(context.document)
        except AttributeError as error:
            said = str(error)
        yield context.about(node[0]).finding(node[0].objectives[0].span, said)

@hookimpl
def goallint_rules():
    return [Plans]
'''


@pytest.mark.parametrize(("api", "said"), [
    ("1.0", "None"),
    ("1.1", 'rule plan-count looks at several documents (scope "documents"), so there is no one context.document: '
            "report on one of them with context.about(document).finding(...)"),
])
def test_a_set_rule_reads_context_document_as_its_plugin_api_says(offer, api: str, said: str) -> None:  # type: ignore[no-untyped-def]
    offer(acme=SET_RULE.replace("{api}", api))
    assert [f.message for f in findings(load_plugins()) if f.code == "SET1"] == [said]


def test_goallint_plugins_check_runs_each_plugin_rule_on_its_examples(offer) -> None:  # type: ignore[no-untyped-def]
    offer(acme=NO_BONUS, yields=YIELDS_TEXT.replace("ACME1", "YLD1").replace("no-bonus", "yields-text"))
    listed = CliRunner().invoke(main, ["plugins"])
    assert listed.exit_code == 0 and status_of(listed.stdout, "yields") == "loaded"
    checked = CliRunner().invoke(main, ["plugins", "--check"])
    assert checked.exit_code == 2
    assert "  ACME1 no-bonus (acme): fires on its bad example, quiet on its good one" in checked.stdout
    assert "  YLD1 yields-text (yields): fails: on its bad example: Rule YLD1 yields-text of plugin 'yields' " \
           "yielded 'revenue found' (a str)" in checked.stdout
