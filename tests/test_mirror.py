"""The mirror images of tested behaviour: what a baseline fingerprint, a SARIF result, a cache key,
`--fail-on`, a Markdown directive and a plugin rule's isolation must also do, beyond the case
their own test files show. Each test here fails when that one behaviour is broken."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import goallint.cache as cache_module
import goallint.checking as checking
from goallint.baseline import Baseline, entries, fingerprint
from goallint.cache import ResultCache
from goallint.cli import main
from goallint.config import ConfigFinder
from goallint.engine.plugins import load_plugins
from goallint.engine.suppression import find_suppressions
from goallint.model import Finding, Position, Span
from goallint.report import Report
from goallint.report.sarif import sarif_log
from harness import check_files, write
from test_plugins import NO_BONUS, findings

PLUGINS = load_plugins(include_installed=False)


def finding_at(text: str, flagged: str, rule: str = "missing-baseline", severity: str = "warning",
               path: str = "plan.okr", after: int = 0) -> Finding:
    """A finding of `rule` on the first `flagged` in `text` at or after offset `after`."""
    start = text.index(flagged, after)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1

    def position(offset: int, col: int) -> Position:
        return Position(line=line, column=col, offset=offset)

    span = Span(start=position(start, column), end=position(start + len(flagged), column + len(flagged)))
    code = PLUGINS.rules[rule].code
    return Finding(code=code, rule=rule, severity=severity, message="m", path=path, span=span)  # type: ignore[arg-type]


# --- Baseline: the flagged line's text is part of the fingerprint --------------------------------


PLAN = "period: 2026-Q3\nObjective: Delight customers\n  KR: Lift NPS to 50\n"


def test_a_fingerprint_changes_with_the_line_even_when_the_flagged_text_does_not() -> None:
    before, after = PLAN, PLAN.replace("Lift NPS", "Lift CSAT")
    assert fingerprint(finding_at(before, "50"), before) != fingerprint(finding_at(after, "50"), after)


def test_a_fingerprint_changes_with_the_flagged_text_and_the_rule() -> None:
    edited = PLAN.replace("NPS to 50", "NPS to 60")
    assert fingerprint(finding_at(PLAN, "50"), PLAN) != fingerprint(finding_at(edited, "60"), edited)
    assert fingerprint(finding_at(PLAN, "50"), PLAN) != fingerprint(finding_at(PLAN, "50", rule="kr-count"), PLAN)


def test_a_fingerprint_ignores_whitespace_and_where_the_line_is() -> None:
    moved = "title: Growth\n\n" + PLAN.replace("  KR: Lift NPS to 50", "\tKR:  Lift NPS   to 50")
    assert fingerprint(finding_at(PLAN, "50"), PLAN) == fingerprint(finding_at(moved, "50"), moved)


def test_a_fingerprint_reads_only_its_own_line_with_any_line_ending() -> None:
    crlf = PLAN.replace("\n", "\r\n")
    neighbours = PLAN.replace("Delight customers", "Delight all customers") + "  KR: Cut churn to 2%\n"
    expected = fingerprint(finding_at(PLAN, "50"), PLAN)
    assert fingerprint(finding_at(crlf, "50"), crlf) == expected
    assert fingerprint(finding_at(neighbours, "50"), neighbours) == expected


def test_a_fingerprint_without_the_text_uses_the_message() -> None:
    one, other = finding_at(PLAN, "50"), finding_at(PLAN, "50").model_copy(update={"message": "n"})
    assert fingerprint(one, None) != fingerprint(other, None)
    assert fingerprint(one, None) == fingerprint(finding_at(PLAN, "to"), None)


def test_a_baselined_finding_on_an_edited_key_result_is_new(tmp_path: Path) -> None:
    plan = tmp_path / "plan.okr"
    baseline = Baseline(tmp_path / "base.json", entries([finding_at(PLAN, "50", path=str(plan))],
                                                        {str(plan): PLAN}, tmp_path))
    same = finding_at(PLAN, "50", path=str(plan))
    assert baseline.new_findings([same], {str(plan): PLAN}) == []
    edited = PLAN.replace("Lift NPS", "Lift CSAT")
    moved = finding_at(edited, "50", path=str(plan))
    assert baseline.new_findings([moved], {str(plan): edited}) == [moved]


def test_the_occurrence_tells_identical_lines_apart(tmp_path: Path) -> None:
    text = PLAN + "  KR: Lift NPS to 50\n"
    first, second = finding_at(text, "50"), finding_at(text, "50", after=text.index("50") + 1)
    recorded = entries([first, second], {"plan.okr": text}, tmp_path)
    assert [entry.occurrence for entry in recorded] == [0, 1]
    assert recorded[0].fingerprint == recorded[1].fingerprint
    baseline = Baseline(tmp_path / "base.json", recorded[:1])
    assert baseline.new_findings([first, second], {"plan.okr": text}) == [second]


# --- SARIF: info is a note, and identical lines have distinct fingerprints -------------------------


def sarif(findings: list[Finding], sources: dict[str, str]) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(json.dumps(sarif_log(Report(findings, sources, PLUGINS.rules))))
    return log


@pytest.mark.parametrize(("severity", "level"), [("info", "note"), ("warning", "warning"), ("error", "error")])
def test_a_finding_s_severity_is_its_sarif_level(severity: str, level: str) -> None:
    log = sarif([finding_at(PLAN, "50", severity=severity)], {"plan.okr": PLAN})
    assert [result["level"] for result in log["runs"][0]["results"]] == [level]


@pytest.mark.parametrize(("severity", "command"), [("info", "notice"), ("warning", "warning"), ("error", "error")])
def test_a_finding_s_severity_is_its_github_workflow_command(severity: str, command: str) -> None:
    from goallint.report.github import render_github

    rendered = render_github(Report([finding_at(PLAN, "50", severity=severity)], {"plan.okr": PLAN}, PLUGINS.rules))
    assert rendered.startswith(f"::{command} file=plan.okr,line=3,"), rendered


def test_an_info_rule_s_default_level_is_note() -> None:
    rules = {rule["id"]: rule for rule in sarif([], {})["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["GL702"]["defaultConfiguration"]["level"] == "note"  # number-format is an info rule
    assert rules["GL202"]["defaultConfiguration"]["level"] == "warning"
    assert rules["GL205"]["defaultConfiguration"]["level"] == "error"


def test_identical_lines_have_distinct_fingerprints_and_moving_them_keeps_them() -> None:
    text = PLAN + "  KR: Lift NPS to 50\n"
    twice = [finding_at(text, "50"), finding_at(text, "50", after=text.index("50") + 1)]
    prints = [r["partialFingerprints"]["goallint/v1"] for r in sarif(twice, {"plan.okr": text})["runs"][0]["results"]]
    assert len(set(prints)) == 2
    assert prints[0].split(":")[0] == prints[1].split(":")[0]  # the same line text, told apart by occurrence
    moved = "title: Growth\n\n" + text
    again = [finding_at(moved, "50"), finding_at(moved, "50", after=moved.index("50") + 1)]
    assert [r["partialFingerprints"]["goallint/v1"] for r in sarif(again, {"plan.okr": moved})["runs"][0]["results"]] \
        == prints


def test_the_same_line_in_two_files_or_of_two_rules_has_distinct_fingerprints() -> None:
    found = [finding_at(PLAN, "50", path="a.okr"), finding_at(PLAN, "50", path="b.okr"),
             finding_at(PLAN, "50", path="a.okr", rule="no-change")]
    results = sarif(found, {"a.okr": PLAN, "b.okr": PLAN})["runs"][0]["results"]
    assert len({r["partialFingerprints"]["goallint/v1"] for r in results}) == 3


def test_a_sarif_fingerprint_changes_with_its_line() -> None:
    edited = PLAN.replace("Lift NPS", "Lift CSAT")
    one = sarif([finding_at(PLAN, "50")], {"plan.okr": PLAN})["runs"][0]["results"][0]
    other = sarif([finding_at(edited, "50")], {"plan.okr": edited})["runs"][0]["results"][0]
    assert one["partialFingerprints"] != other["partialFingerprints"]


# --- The cache key: the configured severity and the installed plugins ------------------------------


KR_COUNT_PLAN = "Objective: Grow\n  KR: Increase retention from 70% to 80% by end of Q3 2026\n"


def cached_run(tmp_path: Path, cache: Path) -> list[tuple[str, str]]:
    sources = {str(tmp_path / "plan.okr"): KR_COUNT_PLAN}
    found = checking.check_sources(sources, ConfigFinder(PLUGINS), cache=ResultCache(cache), jobs=1)
    return [(f.rule, f.severity) for f in found if f.rule == "kr-count"]


def test_a_configured_severity_is_part_of_the_cache_key(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert cached_run(tmp_path, cache) == [("kr-count", "warning")]
    write(tmp_path, {"goallint.toml": '[severity]\nkr-count = "error"\n'})
    assert cached_run(tmp_path, cache) == [("kr-count", "error")]
    write(tmp_path, {"goallint.toml": '[severity]\nkr-count = "info"\n'})
    assert cached_run(tmp_path, cache) == [("kr-count", "info")]
    (tmp_path / "goallint.toml").unlink()
    assert cached_run(tmp_path, cache) == [("kr-count", "warning")]


class _Dist:
    def __init__(self, name: str, version: str) -> None:
        self.name, self.version = name, version


class _EntryPoint:
    """What the cache reads of an installed plugin's entry point."""

    def __init__(self, name: str, value: str, dist: _Dist) -> None:
        self.name, self.value, self.dist = name, value, dist
        self.module = value.partition(":")[0]


def test_the_installed_plugins_are_part_of_the_cache_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def key_with(*installed: _EntryPoint) -> str:
        monkeypatch.setattr(cache_module, "installed_entry_points", lambda group: list(installed))
        return ResultCache(tmp_path).key("document", "plan.okr", PLAN)

    sales = _EntryPoint("sales", "goallint_sales", _Dist("goallint-sales", "1.0"))
    keys = [
        key_with(),
        key_with(sales),
        key_with(_EntryPoint("sales", "goallint_sales", _Dist("goallint-sales", "1.1"))),  # upgraded
        key_with(sales, _EntryPoint("sheets", "goallint_sheets", _Dist("goallint-sheets", "1.0"))),
    ]
    assert len(set(keys)) == len(keys)
    assert key_with(sales) == keys[1]  # and the key is stable


def test_a_plugin_installed_between_two_runs_is_not_hidden_by_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache_module, "installed_entry_points", lambda group: [])
    assert cached_run(tmp_path, tmp_path / "cache") == [("kr-count", "warning")]
    sales = _EntryPoint("sales", "goallint_sales", _Dist("goallint-sales", "1.0"))
    monkeypatch.setattr(cache_module, "installed_entry_points", lambda group: [sales])
    hits: list[str] = []
    real_get = ResultCache.get

    def get(self: ResultCache, key: str) -> Any:
        found = real_get(self, key)
        hits.extend([key] if found is not None else [])
        return found

    monkeypatch.setattr(ResultCache, "get", get)
    assert cached_run(tmp_path, tmp_path / "cache") == [("kr-count", "warning")]
    assert hits == []  # parsed and linted again, not taken from the first run's entries


# --- --fail-on, at every level ---------------------------------------------------------------------


INFO_ONLY = "period: 2026-Q3\nObjective: Grow\n  KR: Reach 20000 users by end of Q3\n"  # number-format: info


@pytest.mark.parametrize(("fail_on", "severity", "code"), [
    ("info", "info", 1), ("warning", "info", 0), ("error", "info", 0), ("never", "info", 0),
    ("info", "warning", 1), ("warning", "warning", 1), ("error", "warning", 0),
    ("info", "error", 1), ("warning", "error", 1), ("error", "error", 1), ("never", "error", 0),
])
def test_fail_on_exits_1_at_or_above_its_level(tmp_path: Path, fail_on: str, severity: str, code: int) -> None:
    write(tmp_path, {"plan.okr": INFO_ONLY, "goallint.toml": f'[severity]\nnumber-format = "{severity}"\n'})
    arguments = ["check", str(tmp_path / "plan.okr"), "--select", "number-format", "--no-cache"]
    result = CliRunner().invoke(main, [*arguments, "--fail-on", fail_on])
    assert f"{severity} GL702 number-format" in result.stdout
    assert result.exit_code == code, result.output


@pytest.mark.parametrize(("fail_on", "code"), [("info", 1), ("warning", 0)])
def test_fail_on_info_from_the_configuration(tmp_path: Path, fail_on: str, code: int) -> None:
    write(tmp_path, {"plan.okr": INFO_ONLY, "goallint.toml": f'fail-on = "{fail_on}"\nselect = ["number-format"]\n'})
    result = CliRunner().invoke(main, ["check", str(tmp_path / "plan.okr"), "--no-cache"])
    assert result.exit_code == code, result.output


# --- A Markdown directive written over several lines -------------------------------------------------


MARKDOWN = """# Growth OKRs

period: 2026-Q3

## Objective 1: Make onboarding effortless

- KR: Lift NPS to 50
"""  # kr-count on line 5, missing-baseline on line 7


def check_markdown(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    write(tmp_path, {"plan.md": text})
    return [(line, rule) for _, line, rule in check_files(tmp_path, "plan.md")]


def test_a_multi_line_markdown_disable_silences_the_line_after_the_comment(tmp_path: Path) -> None:
    text = MARKDOWN.replace("## Objective 1", "<!--\n  goallint: disable=kr-count\n-->\n\n## Objective 1")
    assert check_markdown(tmp_path, text) == [(11, "missing-baseline")]


def test_a_multi_line_markdown_disable_may_list_rules_on_several_lines(tmp_path: Path) -> None:
    text = MARKDOWN.replace("- KR", "<!-- goallint: disable=kr-count,\n     missing-baseline -->\n- KR")
    # the KR is on line 9; kr-count flags the objective's line, so that part of the directive is unused
    assert check_markdown(tmp_path, text) == [(5, "kr-count"), (7, "unused-suppression")]
    found = find_suppressions(text, "md")
    assert [(s.rules, s.line) for s in found] == [(("kr-count", "missing-baseline"), 9)]


def test_a_multi_line_markdown_comment_ending_a_line_silences_the_line_it_starts_on(tmp_path: Path) -> None:
    text = MARKDOWN.replace("to 50", "to 50 <!-- goallint:\n  disable=GL202 -->")
    assert check_markdown(tmp_path, text) == [(5, "kr-count")]


def test_a_multi_line_markdown_directive_s_span_covers_the_whole_comment() -> None:
    text = MARKDOWN.replace("## Objective 1", "<!--\n  goallint: disable=kr-count\n-->\n\n## Objective 1")
    (found,) = find_suppressions(text, "md")
    assert (found.span.start.line, found.span.start.column, found.span.end.line, found.span.end.column) == (5, 1, 7, 4)
    assert found.line == 9


# --- Plugin isolation: any exception, and a rule that never ends ------------------------------------


RAISING = NO_BONUS.replace(
    '        if "bonus" in node.text.lower():',
    '        if "bonus" in node.text.lower():\n            {raise_it}\n        if False:',
)


@pytest.mark.parametrize("raise_it", [
    "raise KeyError('bonus table')", "raise RuntimeError('no table')", "1 / 0", "None.text",
    "raise TypeError('bad')", "assert False, 'never'", "raise OSError('disk')", "raise RecursionError('deep')",
    "raise LookupError('where')", "raise NotImplementedError",
])
def test_a_plugin_rule_raising_any_exception_is_one_finding_naming_the_plugin(
    offer, raise_it: str  # type: ignore[no-untyped-def]
) -> None:
    offer(acme=RAISING.replace("{raise_it}", raise_it))
    plugins = load_plugins()
    found = findings(plugins, "Objective: Sell\n  KR: Pay a bonus to 5 reps\n  KR: Sign 5 new logos\n")
    failures = [(f.span.start.line, f.message) for f in found if f.rule == "internal-error"]
    assert len(failures) == 1 and failures[0][0] == 2, failures
    assert failures[0][1].startswith("Rule ACME1 no-bonus of plugin 'acme' failed here (")
    assert "missing-deadline" in {f.rule for f in found}  # the other rules still ran
    assert plugins.rule_failed(found)


SPINNING = NO_BONUS.replace(
    '        if "bonus" in node.text.lower():',
    '        if "spin" in node.text.lower():\n'
    '            import time\n'
    '            give_up = time.monotonic() + {give_up}  # a test that fails, rather than hangs, when not stopped\n'
    '            while time.monotonic() < give_up:\n'
    '                {work}\n'
    '        if "bonus" in node.text.lower():',
)


@pytest.mark.parametrize("work", ["pass", "time.sleep(0.01)"], ids=["computes", "waits"])
def test_a_plugin_rule_past_its_time_limit_is_stopped(
    offer, monkeypatch: pytest.MonkeyPatch, work: str  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_RULE_TIME_LIMIT", "0.2")
    offer(acme=SPINNING.replace("{give_up}", "20").replace("{work}", work))
    plugins = load_plugins()
    started = time.monotonic()
    found = findings(plugins, "Objective: Sell\n  KR: Spin the wheel\n  KR: Pay a bonus to 5 reps\n")
    assert time.monotonic() - started < 10  # 0.2 s of CPU, or 6 times that of waiting
    assert [(f.span.start.line, f.message) for f in found if f.rule == "internal-error"] == [
        (2, "Rule ACME1 no-bonus of plugin 'acme' took longer than 0.2 s on one statement and was stopped "
            "(it is not run again); the other rules still ran. Please tell the plugin's authors."),
    ]
    assert "no-bonus" not in {f.rule for f in found}  # not run again on the next key result


def test_a_plugin_rule_within_its_time_limit_is_not_stopped(
    offer, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("GOALLINT_RULE_TIME_LIMIT", "2")
    offer(acme=SPINNING.replace("{give_up}", "0.1").replace("{work}", "pass"))
    found = findings(load_plugins(), "Objective: Sell\n  KR: Spin the wheel\n  KR: Pay a bonus to 5 reps\n")
    assert [f.rule for f in found if f.rule in ("internal-error", "no-bonus")] == ["no-bonus"]


@pytest.mark.parametrize("raise_it", ["raise RuntimeError('half a file')", "raise KeyError('sheet')", "[][1]",
                                      "raise UnicodeDecodeError('utf-8', b'', 0, 1, 'bad')"])
def test_an_input_format_raising_any_exception_is_one_message_naming_the_plugin(
    offer, tmp_path: Path, raise_it: str  # type: ignore[no-untyped-def]
) -> None:
    from test_plugins import TSV

    offer(tabs=TSV.replace("    lines, pieces = [], {}\n", f"    {raise_it}\n", 1))
    sheet = tmp_path / "okrs.tsv"
    sheet.write_text("Sell\tImprove the pipeline\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(sheet), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert f"goallint: {sheet}: the input format 'tsv' of plugin 'tabs' failed to read it (" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("raise_it", ["raise RuntimeError('no rules today')", "1 / 0", "raise ImportError('x')"])
def test_a_rules_hook_raising_any_exception_is_a_problem_naming_the_plugin(
    offer, raise_it: str  # type: ignore[no-untyped-def]
) -> None:
    hook = "def goallint_rules():\n    return"
    offer(acme=NO_BONUS.replace(hook, hook.replace("return", f"{raise_it}\n    return")))
    plugins = load_plugins()
    assert [p.message.split(" raised ")[0] for p in plugins.problems] == ["plugin 'acme': hook goallint_rules"]
    assert "no-bonus" not in plugins.rules and "kr-count" in plugins.rules  # the others still load
