"""In-process tests for behaviour the console-script tests already show, written so that mutation
testing (bench/mutation.py) sees it: a test that runs `goallint` as a subprocess imports the
unmutated package, so it cannot kill a mutant. Each test here pins one detail a survivor changed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import test_reporters
from goallint.baseline import VERSION, Baseline, BaselineError, entries, read_baseline, record_baseline
from goallint.model import Finding, Position, Span
from test_reporters import workdir  # noqa: F401  (the fixture, used by name)


def finding(text: str, flagged: str, path: str, rule: str = "missing-baseline", code: str = "GL202") -> Finding:
    start = text.index(flagged)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    span = Span(start=Position(line=line, column=column, offset=start),
                end=Position(line=line, column=column + len(flagged), offset=start + len(flagged)))
    return Finding(code=code, rule=rule, severity="warning", message="m", path=path, span=span)


PLAN = "period: 2026-Q3\nObjective: Delight customers\n  KR: Lift NPS to 50\n  KR: Cut churn to 3%\n"


# --- baseline.py: writing and reading the file ------------------------------------------------------


def test_a_recorded_baseline_is_sorted_versioned_json_that_reads_back(tmp_path: Path) -> None:
    plan = tmp_path / "plans" / "q3.okr"
    found = [finding(PLAN, "3%", str(plan)), finding(PLAN, "50", str(plan)),
             finding(PLAN, "Delight customers", str(plan), "kr-count", "GL101")]
    file = tmp_path / "goallint-baseline.json"
    assert record_baseline(file, found, {str(plan): PLAN}) == 3
    text = file.read_text(encoding="utf-8")
    assert text.endswith("}\n") and text.startswith('{\n  "version": 1,\n  "findings": [\n    {\n      "path"')
    written = json.loads(text)
    assert written["version"] == VERSION == 1
    keys = [(e["path"], e["rule"], e["fingerprint"], e["occurrence"]) for e in written["findings"]]
    assert keys == sorted(keys) and {k[0] for k in keys} == {"plans/q3.okr"}
    assert [k[1] for k in keys] == ["kr-count", "missing-baseline", "missing-baseline"]
    baseline = read_baseline(file)
    assert baseline.new_findings(found, {str(plan): PLAN}) == []
    assert baseline.directory == tmp_path


def test_a_baseline_keeps_non_ascii_text_readable(tmp_path: Path) -> None:
    text = PLAN.replace("Delight customers", "Ravir les clients 🎯")
    file = tmp_path / "base.json"
    record_baseline(file, [finding(text, "Ravir les clients 🎯", str(tmp_path / "é.okr"), "kr-count", "GL101")],
                    {str(tmp_path / "é.okr"): text})
    assert '"path": "é.okr"' in file.read_text(encoding="utf-8")


def test_a_baseline_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(BaselineError) as raised:
        record_baseline(tmp_path / "taken", [], {})
    assert str(raised.value) == f"{tmp_path / 'taken'}: cannot be written (Is a directory)"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such baseline file (write one with --write-baseline)"),
    ("not json", "is not a goallint baseline (Invalid JSON: expected ident at line 1 column 2)"),
    ('{"version": 1}', "is not a goallint baseline (findings: Field required)"),
    ('{"version": 1, "findings": [{"path": "a"}]}', "is not a goallint baseline (findings.0.rule: Field required)"),
    ('{"version": 1, "findings": [], "more": 1}', "is not a goallint baseline (more: Extra inputs are not permitted)"),
    ('{"version": 2, "findings": []}', "baseline version 2 is not supported (expected 1)"),
    (b"\xff\xfe", "cannot be read ("),
])
def test_a_baseline_goallint_cannot_use_is_an_error_naming_it(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    file = tmp_path / "base.json"
    if isinstance(content, bytes):
        file.write_bytes(content)
    elif content is not None:
        file.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError) as raised:
        read_baseline(file)
    assert str(raised.value).startswith(f"{file}: {message}"), str(raised.value)


def test_a_directory_given_as_the_baseline_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(BaselineError) as raised:
        read_baseline(tmp_path)
    assert str(raised.value).startswith(f"{tmp_path}: cannot be read (")


def test_paths_are_relative_to_the_baseline_s_folder_and_standard_input_is_kept(tmp_path: Path) -> None:
    inside = str(tmp_path / "team" / "plan.okr")
    found = [finding(PLAN, "50", inside), finding(PLAN, "50", "<stdin>"),
             finding(PLAN, "50", str(tmp_path.parent / "other.okr"))]
    recorded = entries(found, {inside: PLAN, "<stdin>": PLAN}, tmp_path)
    assert [e.path for e in recorded] == ["team/plan.okr", "<stdin>", "../other.okr"]
    assert recorded[0].fingerprint == recorded[1].fingerprint  # the same text, wherever it is
    assert recorded[2].fingerprint != recorded[0].fingerprint  # no text: the message stands in
    nameless = Finding(**{**found[0].model_dump(), "path": None})
    assert entries([nameless], {}, tmp_path)[0].path == ""


def test_a_relative_path_is_read_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    recorded = entries([finding(PLAN, "50", "plan.okr")], {"plan.okr": PLAN}, tmp_path / "sub")
    assert recorded[0].path == "../plan.okr"
    baseline = Baseline(Path("sub") / "base.json", recorded)
    assert baseline.directory == tmp_path / "sub"
    assert baseline.new_findings([finding(PLAN, "50", "plan.okr")], {"plan.okr": PLAN}) == []


# --- baseline.py: the fingerprint is a file format ---------------------------------------------------


def documented(rule: str, line: str, flagged: str) -> str:
    """The fingerprint as baseline.py documents it (baseline files written by one version must
    still match in the next): sha256 of rule, line and flagged text with whitespace collapsed,
    joined by NUL, in hex, the first 16 digits."""
    import hashlib

    key = "\0".join((rule, " ".join(line.split()), " ".join(flagged.split())))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def test_the_fingerprint_is_the_documented_hash_of_rule_line_and_flagged_text() -> None:
    from goallint.baseline import fingerprint

    objective = finding(PLAN, "Delight customers", "p.okr", "kr-count", "GL101")
    assert fingerprint(objective, PLAN) == documented("kr-count", "Objective: Delight customers", "Delight customers")
    assert fingerprint(objective, PLAN) == "3f4ba3d3839e1225"  # as recorded in baseline files today
    target = finding(PLAN, "50", "p.okr")
    assert fingerprint(target, PLAN) == documented("missing-baseline", "KR: Lift NPS to 50", "50")
    spaced = PLAN.replace("Lift NPS to 50", "Lift  NPS\tto   50")
    assert fingerprint(finding(spaced, "50", "p.okr"), spaced) == fingerprint(target, PLAN)
    # with no text, the message stands in for the line
    assert fingerprint(target, None) == documented("missing-baseline", "", "m")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_fingerprint_reads_the_flagged_line_alone_whatever_ends_lines(newline: str) -> None:
    from goallint.baseline import fingerprint

    text = PLAN.replace("\n", newline)
    for flagged, line in (("50", "KR: Lift NPS to 50"), ("3%", "KR: Cut churn to 3%"),
                          ("Delight customers", "Objective: Delight customers")):
        assert fingerprint(finding(text, flagged, "p.okr"), text) == documented("missing-baseline", line, flagged)


def test_the_fingerprint_counts_offsets_after_a_byte_order_mark() -> None:
    from goallint.baseline import fingerprint

    # the readers drop a BOM before counting offsets, so the finding's offsets are those of PLAN
    assert fingerprint(finding(PLAN, "50", "p.okr"), "\ufeff" + PLAN) == documented(
        "missing-baseline", "KR: Lift NPS to 50", "50")


def test_three_identical_findings_are_occurrences_0_1_2(tmp_path: Path) -> None:
    text = PLAN + "  KR: Lift NPS to 50\n" * 2
    offsets = [i for i in range(len(text)) if text.startswith("50", i)]
    found = []
    for offset in offsets:
        one = finding(text[offset:], "50", "p.okr")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        span = Span(start=Position(line=line, column=column, offset=offset),
                    end=Position(line=line, column=column + 2, offset=offset + 2))
        found.append(one.model_copy(update={"span": span}))
    recorded = entries(found, {"p.okr": text}, tmp_path)
    assert [e.occurrence for e in recorded] == [0, 1, 2]
    assert len({e.fingerprint for e in recorded}) == 1


# --- report/sarif.py: test_reporters' SARIF tests, with goallint run in this process -------------------

def _sarif_in_process(root: Path, *paths: str) -> dict[str, Any]:
    from click.testing import CliRunner

    from goallint.cli import main

    arguments = ["check", "--output-format", "sarif", "--output-file", "out.sarif", *test_reporters.SELECT, *paths]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == (1 if "goals/q3.okr" in paths else 0), result.output
    log: dict[str, Any] = json.loads((root / "out.sarif").read_text(encoding="utf-8"))
    return log


@pytest.mark.parametrize("reporter_test", [
    test_reporters.test_sarif_is_valid_against_the_oasis_schema,
    test_reporters.test_sarif_on_stdout_is_the_same_log,  # the console script's log against this process's
    test_reporters.test_sarif_results_point_at_the_spans_in_utf16_columns,
    test_reporters.test_sarif_describes_every_rule_a_result_names,
    test_reporters.test_sarif_fingerprints_survive_lines_added_above,
    test_reporters.test_sarif_uris_are_relative_with_forward_slashes_even_for_absolute_arguments,
], ids=lambda test: test.__name__.removeprefix("test_"))
def test_the_sarif_report_made_in_this_process(
    reporter_test: Any, workdir: Path, monkeypatch: pytest.MonkeyPatch  # noqa: F811
) -> None:
    monkeypatch.chdir(workdir)
    monkeypatch.setattr(test_reporters, "sarif_of", _sarif_in_process)
    reporter_test(workdir)


# --- fixes.py: writing a fixed file -------------------------------------------------------------------


def test_a_fixed_file_is_written_whole_as_utf8_with_its_line_endings_and_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import stat

    from goallint import fixes

    plan = tmp_path / "plan.okr"
    plan.write_bytes(b"old\n")
    plan.chmod(0o640)
    synced: list[int] = []
    renamed: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        synced.append(descriptor)
        real_fsync(descriptor)

    def replace(source: str, target: Path) -> None:
        renamed.append((str(source), str(target)))
        assert Path(source).read_bytes() == "Objective: Réduire\r\n  KR: 🎯 20,000\r".encode()  # flushed first
        assert stat.S_IMODE(Path(source).stat().st_mode) == 0o640  # its mode before it takes the name
        real_replace(source, target)

    monkeypatch.setattr(fixes.os, "fsync", fsync)
    monkeypatch.setattr(fixes.os, "replace", replace)
    fixes.write_atomically(plan, "Objective: Réduire\r\n  KR: 🎯 20,000\r")
    assert plan.read_bytes() == "Objective: Réduire\r\n  KR: 🎯 20,000\r".encode()
    assert stat.S_IMODE(plan.stat().st_mode) == 0o640
    assert len(synced) == 1
    [(temporary, target)] = renamed
    assert target == str(plan)
    assert Path(temporary).parent == tmp_path  # beside it: the rename stays on one file system
    assert Path(temporary).name.startswith(".plan.okr.") and temporary.endswith(".tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.okr"]


def test_a_write_interrupted_at_any_step_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goallint import fixes

    plan = tmp_path / "plan.okr"
    plan.write_text("old\n", encoding="utf-8")
    for step in ("fsync", "chmod", "replace"):
        def interrupt(*arguments: object) -> None:
            raise KeyboardInterrupt  # not only OSError: Ctrl-C too

        with monkeypatch.context() as patch:
            patch.setattr(fixes.os, step, interrupt)
            with pytest.raises(KeyboardInterrupt):
                fixes.write_atomically(plan, "new\n")
        assert plan.read_text(encoding="utf-8") == "old\n", step
        assert [p.name for p in tmp_path.iterdir()] == ["plan.okr"], step


# --- checks/packs.py: child-count and required-fields at their edges -----------------------------------


def _pack_findings(tmp_path: Path, body: str, text: str, number: int) -> list[tuple[int, int, str, str | None]]:
    from goallint.checking import check_text
    from goallint.config import config_from_table
    from test_packs import PLUGINS, pack_rule

    rule = pack_rule(tmp_path, body, number)
    config = config_from_table({"select": [rule]}, PLUGINS)
    return [(f.span.start.line, f.span.start.column, f.message, f.hint)
            for f in check_text(text, "plan.okr", config, PLUGINS)[1]]


@pytest.mark.parametrize(("text", "line"), [
    ("owner: Sales\ntitle: Growth\nperiod: 2026-Q3\nObjective: Sell\n  KR: Sign 5 logos\n", 3),  # on the period
    ("owner: Sales\ntitle: Growth\n\nObjective: Sell\n  KR: Sign 5 logos\n", 2),  # else the title
    ("owner: Sales\n\nObjective: Sell\n  KR: Sign 5 logos\n", 3),  # else the first objective
    ("owner: Sales\n", 1),  # else the start of the file
])
def test_a_plan_level_child_count_is_reported_on_the_plan_s_first_header(tmp_path: Path, text: str, line: int) -> None:
    body = 'kind = "child-count"\nparent = "document"\nchildren = "objectives"\nmin = 2\n'
    count = text.count("Objective:")
    assert [(found_line, message, hint) for found_line, _, message, hint in _pack_findings(tmp_path, body, text, 11)] \
        == [(line, f"This document has {count} objectives; keep it between 2 and any.", None)]


@pytest.mark.parametrize(("count", "flagged"), [(1, True), (2, False), (3, False), (4, True)])
def test_a_child_count_pack_at_and_past_both_bounds(tmp_path: Path, count: int, flagged: bool) -> None:
    body = ('kind = "child-count"\nparent = "objective"\nchildren = "key_results"\nmin = 2\nmax = 3\n'
            'suggestion = "Split it."\n')
    text = "Objective: Sell\n" + "".join(f"  KR: Sign {n} logos\n" for n in range(count))
    expected = [(1, 1, f"This objective has {count} key results; keep it between 2 and 3.", "Split it.")]
    assert _pack_findings(tmp_path, body, text, 12) == (expected if flagged else [])


def test_a_plan_level_kpi_count_counts_only_the_plan_s_own_kpis(tmp_path: Path) -> None:
    body = 'kind = "child-count"\nparent = "document"\nchildren = "kpis"\nmax = 1\n'
    text = "period: 2026-Q3\nKPI: Uptime\nKPI: Churn\nObjective: Sell\n  KPI: Pipeline\n"
    assert [(line, message) for line, _, message, _ in _pack_findings(tmp_path, body, text, 13)] == [
        (1, "This document has 2 kpis; keep it between 0 and 1.")]


@pytest.mark.parametrize(("statement", "missing"), [
    ("Grow revenue from $1M to $2M by end of Q3", []),
    ("Grow revenue to $2M by end of Q3", ["baseline"]),
    ("Grow revenue from $1M to $2M", ["deadline"]),
    ("Grow revenue from 1 to 2 by end of Q3", ["unit"]),
    ("Grow revenue by end of Q3", ["unit", "baseline", "target"]),
])
def test_required_fields_of_a_key_result(tmp_path: Path, statement: str, missing: list[str]) -> None:
    body = ('kind = "required-fields"\nlook_in = ["key_result", "objective"]\n'
            'fields = ["owner", "unit", "deadline", "baseline", "target"]\n')
    text = f"owner: Sales\nObjective: Sell\n  KR: {statement}\n"
    found = _pack_findings(tmp_path, body, text, 14)
    hints = {"unit": "Write the unit with the number: '%', a currency ('$2M'), or what is counted ('40 customers').",
             "deadline": "Say by when: 'by end of Q3', 'by 30 September'.",
             "baseline": "Say where you start: 'from <today's value> to <target>'.",
             "target": "Say where you aim: 'to <target>'."}
    # the objective has an owner (the plan's) and no other field a key result has
    assert found == [(3, 7, f"This key result has no {name}.", hints[name]) for name in missing]


def test_required_fields_of_a_kpi_and_an_objective(tmp_path: Path) -> None:
    body = ('kind = "required-fields"\nlook_in = ["kpi", "objective"]\ninherit_owner = false\n'
            'fields = ["owner", "source", "cadence", "target"]\nmessage = "{statement}: no {field}"\n')
    text = "Objective: Sell\nKPI: Uptime – target ≥ 99.9%\n  source: Pingdom\n"
    assert [(line, message) for line, _, message, _ in _pack_findings(tmp_path, body, text, 15)] == [
        (1, "objective: no owner"), (2, "KPI: no owner"), (2, "KPI: no cadence")]


# --- fixes.py: --diff ------------------------------------------------------------------------------------


def test_the_diff_of_a_fix() -> None:
    from goallint.fixes import unified_diff

    assert unified_diff("p.okr", "a\nb\n", "a\nb\n") == ""
    assert unified_diff("p.okr", "a\nb\nc\n", "a\nB\nc\n") == (
        "--- p.okr\n+++ p.okr\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
    assert unified_diff("p.okr", "a\nb", "a\nc") == (
        "--- p.okr\n+++ p.okr\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n"
        "\\ No newline at end of file\n")
    assert unified_diff("p.okr", "a\rb\r", "a\rc\r") == "--- p.okr\n+++ p.okr\n@@ -1,2 +1,2 @@\n a\r-b\r+c\r"


@pytest.mark.parametrize(("fixes", "expected"), [
    ([(1, 3, "X"), (2, 4, "Y")], ("aXdef", 1)),  # overlapping: the second waits
    ([(1, 3, "X"), (3, 4, "Y")], ("aXYef", 2)),  # touching: both
    ([(2, 2, "+"), (2, 2, "-")], ("ab+cdef", 1)),  # two insertions at one place: their order would be a guess
    ([(2, 2, "+"), (1, 3, "X")], ("aXdef", 1)),  # an insertion inside a replacement: the earlier start first
    ([(0, 1, "A"), (5, 6, "F")], ("AbcdeF", 2)),
])
def test_fixes_that_overlap_wait_for_the_next_round(
    fixes: list[tuple[int, int, str]], expected: tuple[str, int]
) -> None:
    from goallint.fixes import apply_fixes
    from goallint.model import Edit, Fix

    def edit(start: int, end: int, replacement: str) -> Fix:
        span = Span(start=Position(line=1, column=start + 1, offset=start),
                    end=Position(line=1, column=end + 1, offset=end))
        return Fix(message="m", edits=[Edit(span=span, replacement=replacement)])

    assert apply_fixes("abcdef", [edit(*f) for f in fixes]) == expected


# --- report/sarif.py: rules that are not loaded, fixes, the rendered text -------------------------------


def test_sarif_describes_a_rule_it_does_not_know_from_its_findings() -> None:
    from goallint.report import Report
    from goallint.report.sarif import sarif_log

    internal = finding(PLAN, "50", "p.okr", "internal-error", "GL000").model_copy(update={"severity": "error"})
    foreign = finding(PLAN, "3%", "p.okr", "gone-rule", "OLD1").model_copy(update={"severity": "info"})
    rules = sarif_log(Report([internal, foreign, foreign], {"p.okr": PLAN}))["runs"][0]["tool"]["driver"]["rules"]
    crashed = "A rule failed while checking this document; the other rules still ran."
    assert rules == [
        {"id": "GL000", "name": "internal-error", "shortDescription": {"text": crashed},
         "fullDescription": {"text": crashed}, "help": {"text": crashed},
         "defaultConfiguration": {"level": "error"}},
        {"id": "OLD1", "name": "gone-rule", "shortDescription": {"text": "OLD1 gone-rule"},
         "fullDescription": {"text": "OLD1 gone-rule"}, "help": {"text": "OLD1 gone-rule"},
         "defaultConfiguration": {"level": "note"}},
    ]


def test_sarif_carries_a_finding_s_fix_in_process() -> None:
    test_reporters.test_sarif_carries_a_findings_fix()


def test_the_sarif_text_is_indented_utf8_json_ending_a_line() -> None:
    from goallint.report import Report
    from goallint.report.sarif import render_sarif

    text = PLAN.replace("Lift NPS", "Réduire 🎯")
    rendered = render_sarif(Report([finding(text, "50", "p.okr")], {"p.okr": text}))
    assert rendered.endswith("}\n") and not rendered.endswith("\n\n")
    assert rendered.startswith('{\n  "$schema": ') and "Réduire 🎯" in rendered
    assert json.loads(rendered)["version"] == "2.1.0"


# --- engine/runner.py: a built-in rule that fails --------------------------------------------------------


def test_a_failing_rule_is_one_internal_error_and_the_others_still_run() -> None:
    from goallint.engine.plugins import load_plugins
    from goallint.engine.rule import Rule
    from goallint.engine.runner import Selection, lint
    from goallint.syntax import parse_document

    class Broken(Rule):
        code = "GL999"
        name = "broken"
        summary = "Fails."
        scope = "key_result"

        def check(self, node: Any, context: Any) -> Any:
            raise KeyError("no table")

    plugins = load_plugins(include_installed=False)
    selection = Selection.all_of(plugins)
    selection.rules.insert(0, Broken())
    document = parse_document("Objective: Grow\n  KR: Lift NPS to 50\n", "p.okr")
    found = lint([document], selection)
    [failure] = [f for f in found if f.rule == "internal-error"]
    assert (failure.code, failure.severity, failure.path, failure.hint, failure.fix) == (
        "GL000", "error", "p.okr", None, None)
    assert failure.message == ("Rule GL999 broken failed here (KeyError: 'no table'); the other rules still ran. "
                               "Please report this to the rule's authors.")
    assert (failure.span.start.line, failure.span.start.column) == (2, 1)  # the key result's line
    assert "kr-count" in {f.rule for f in found}


# --- engine/plugins.py: goallint plugins ------------------------------------------------------------------


def test_goallint_plugins_says_what_each_plugin_gives(offer) -> None:  # type: ignore[no-untyped-def]
    from goallint.engine.plugins import describe_plugins, load_plugins
    from test_plugins import NO_BONUS, TSV

    many = NO_BONUS.replace("return [NoBonus]", "return [" + ", ".join(
        f"type('R{n}', (NoBonus,), {{'code': 'ACME{n + 2}', 'name': 'rule-{n}'}})" for n in range(6)) + ", NoBonus]")
    offer(acme=NO_BONUS, big=many.replace("ACME1", "BIG1").replace("no-bonus", "big-bonus"), tabs=TSV,
          broken="raise RuntimeError('half-installed')\n")
    lines = describe_plugins(load_plugins()).splitlines()
    assert lines[0].startswith("goallint         goallint ")
    by_name = {line.split()[0]: line for line in lines}
    assert by_name["acme"] == f"{'acme':<16} {'(no package)':<28} API 1.0   loaded: 1 rule (ACME1)"
    assert by_name["big"].endswith("loaded: 7 rules (ACME2, ACME3, ACME4, ACME5, ACME6, ACME7, …)")
    assert by_name["tabs"].endswith("loaded: reads .tsv")
    assert by_name["broken"] == f"{'broken':<16} {'(no package)':<28} API ?     not loaded"


def test_the_fingerprint_of_a_finding_on_a_last_line_without_a_newline() -> None:
    from goallint.baseline import fingerprint

    text = PLAN.rstrip("\n")
    expected = documented("missing-baseline", "KR: Cut churn to 3%", "3%")
    assert fingerprint(finding(text, "3%", "p.okr"), text) == expected


def test_a_failing_rule_over_a_set_of_plans_is_an_internal_error_at_the_start() -> None:
    from goallint.engine.rule import Rule
    from goallint.engine.runner import Selection, lint
    from goallint.syntax import parse_document

    class BrokenSet(Rule):
        code = "GL998"
        name = "broken-set"
        summary = "Fails."
        scope = "documents"

        def check(self, node: Any, context: Any) -> Any:
            raise RuntimeError("no history")

    found = lint([parse_document("Objective: Grow\n", "a.okr")], Selection([BrokenSet()]))
    assert [(f.rule, f.path, f.span.start.line, f.span.start.column, f.message) for f in found] == [
        ("internal-error", None, 1, 1, "Rule GL998 broken-set failed here (RuntimeError: no history); the other "
                                       "rules still ran. Please report this to the rule's authors.")]


@pytest.mark.parametrize(("edits", "applied"), [
    ([(1, 3, "X"), (2, 4, "Y")], False),  # one fix whose own edits overlap: not applied
    ([(2, 2, "+"), (2, 2, "-")], False),  # two insertions at one place
    ([(1, 2, "X"), (2, 3, "Y")], True),  # touching is fine
    ([(4, 5, "Y"), (0, 1, "X")], True),  # in any order
])
def test_a_fix_whose_own_edits_overlap_is_not_applied(edits: list[tuple[int, int, str]], applied: bool) -> None:
    from goallint.fixes import apply_fixes
    from goallint.model import Edit, Fix

    def edit(start: int, end: int, replacement: str) -> Edit:
        return Edit(span=Span(start=Position(line=1, column=start + 1, offset=start),
                              end=Position(line=1, column=end + 1, offset=end)), replacement=replacement)

    text, count = apply_fixes("abcdef", [Fix(message="m", edits=[edit(*e) for e in edits])])
    assert (count == 1) is applied and (text != "abcdef") is applied


# --- cache.py: what is stored reads back the same ----------------------------------------------------


def test_a_cached_finding_with_a_fix_reads_back_the_same(tmp_path: Path) -> None:
    from goallint.cache import Entry, ResultCache
    from goallint.model import Edit, Fix

    stored = finding(PLAN, "50", str(tmp_path / "p.okr"))
    edit = Edit(span=stored.span, replacement="from 30 to 50")
    with_fix = stored.model_copy(update={"hint": "Say where you start.", "severity": "info",
                                         "fix": Fix(message="Add a start", edits=[edit], applicability="unsafe")})
    no_path = stored.model_copy(update={"path": None, "code": "GL101", "rule": "kr-count"})
    cache = ResultCache(tmp_path / "cache")
    key = cache.key("document", "p.okr", PLAN)
    cache.put(key, Entry(findings=[with_fix, no_path], partitions={"kpi-churn": "Sales", "other": None}))
    if hasattr(cache, "flush"):
        cache.flush()
    again = ResultCache(tmp_path / "cache").get(key)
    assert again is not None
    assert [f.model_dump() for f in again.findings] == [with_fix.model_dump(), no_path.model_dump()]
    assert again.partitions == {"kpi-churn": "Sales", "other": None}
    assert ResultCache(tmp_path / "cache").get(cache.key("document", "p.okr", PLAN + " ")) is None


@pytest.mark.parametrize(("edits", "applied"), [
    ([(2, 2, "+"), (2, 4, "X")], False),  # an insertion where a replacement starts: their order would be a guess
    ([(1, 5, "X"), (2, 3, "Y")], False),  # one edit inside another
])
def test_a_fix_whose_edits_nest_or_meet_at_a_start_is_not_applied(
    edits: list[tuple[int, int, str]], applied: bool
) -> None:
    test_a_fix_whose_own_edits_overlap_is_not_applied(edits, applied)


def test_fixing_until_settled_counts_its_rounds_and_keeps_the_last_findings() -> None:
    from goallint.fixes import MAX_ROUNDS, FixesDidNotSettle, fix_until_settled
    from goallint.model import Edit, Fix

    rounds: list[str] = []

    def always_more(texts: Any) -> list[Finding]:
        rounds.append(texts["p.okr"])
        edit = Edit(span=Span(start=Position(line=1, column=1, offset=0), end=Position(line=1, column=1, offset=0)),
                    replacement="x")
        return [finding(PLAN, "50", "p.okr").model_copy(update={"fix": Fix(message="m", edits=[edit])})]

    with pytest.raises(FixesDidNotSettle) as raised:
        fix_until_settled({"p.okr": PLAN}, always_more)
    assert str(raised.value) == f"fixes did not settle after {MAX_ROUNDS} rounds: missing-baseline (GL202)"
    assert len(rounds) == MAX_ROUNDS + 1 and rounds[-1] == "x" * MAX_ROUNDS + PLAN

    left = [finding(PLAN, "50", "p.okr")]
    fixed = fix_until_settled({"p.okr": PLAN}, lambda texts: left)
    assert (fixed.sources, fixed.findings, fixed.applied) == ({"p.okr": PLAN}, left, 0)


def test_fixing_until_settled_counts_every_fix_applied_and_names_every_rule_left() -> None:
    from goallint.fixes import FixesDidNotSettle, fix_until_settled
    from goallint.model import Edit, Fix

    start = Span(start=Position(line=1, column=1, offset=0), end=Position(line=1, column=1, offset=0))

    def offering(rounds: int, *rules: str) -> Any:
        def lint(texts: Any) -> list[Finding]:
            if texts["p.okr"].startswith("x" * rounds):
                return []
            return [finding(PLAN, "50", "p.okr", rule).model_copy(update={
                "fix": Fix(message="m", edits=[Edit(span=start, replacement="x")])}) for rule in rules]
        return lint

    fixed = fix_until_settled({"p.okr": PLAN}, offering(3, "missing-baseline"))
    assert (fixed.sources["p.okr"], fixed.applied) == ("xxx" + PLAN, 3)
    with pytest.raises(FixesDidNotSettle) as raised:
        fix_until_settled({"p.okr": PLAN}, offering(99, "b-rule", "a-rule"))
    assert str(raised.value).endswith(": a-rule (GL202), b-rule (GL202)")


def test_a_fix_past_the_end_of_the_text_is_skipped_and_the_next_still_applied() -> None:
    from goallint.fixes import apply_fixes
    from goallint.model import Edit, Fix

    def fix(start: int, end: int, replacement: str) -> Fix:
        span = Span(start=Position(line=1, column=start + 1, offset=start),
                    end=Position(line=1, column=end + 1, offset=end))
        return Fix(message="m", edits=[Edit(span=span, replacement=replacement)])

    assert apply_fixes("abcdef", [fix(1, 999, "X"), fix(3, 4, "Y")]) == ("abcYef", 1)
