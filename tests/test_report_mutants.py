"""Details of goallint's report pinned in process, so that mutation testing (bench/mutation.py) sees
them: each test here states a behaviour a user would notice that a surviving mutant changed."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from pydantic import Field

from goallint.engine.rule import Rule, RuleOptions
from goallint.model import Finding, Position, Span
from goallint.report import Report
from goallint.report.sarif import render_sarif, sarif_log

PLAN = "Objective: Réduire le churn\n  KR: Lift NPS from 30 to 50\n"


def _finding(message: str = "No start.", path: str = "plan.okr") -> Finding:
    span = Span(start=Position(line=2, column=7, offset=34), end=Position(line=2, column=11, offset=38))
    return Finding(code="GL990", rule="tuned", severity="warning", message=message, path=path, span=span)


def _rule_with(**defaults: object) -> type[Rule]:
    fields: dict[str, object] = {name: Field(default, description=name) for name, default in defaults.items()}
    options = type("TunedOptions", (RuleOptions,), {"__annotations__": {n: type(d) for n, d in defaults.items()},
                                                  **fields})

    class Tuned(Rule):
        code = "GL990"
        name = "tuned"
        summary = "Has options."
        scope = "key_result"
        Options = options

    return Tuned


def _report(rule: type[Rule], message: str = "No start.") -> Report:
    return Report([_finding(message)], {"plan.okr": PLAN}, {"tuned": rule})


# --- report/sarif.py: the text written is the json module's, whatever the log holds ----------------------


@pytest.mark.parametrize("defaults", [
    {"share": 0.5}, {"tiny": 1e-05}, {"tinies": [1e-05]}, {"table": {"a": 1e-05}}, {"big": 1e22}, {"count": 3},
], ids=["float", "small-float", "float-in-a-list", "float-in-a-table", "large-float", "integer"])
def test_the_sarif_text_is_the_json_module_s_indented_text(defaults: dict[str, object]) -> None:
    report = _report(_rule_with(**defaults), "Démarrer: say where you start.")
    text = render_sarif(report)
    assert text == json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
    written = json.loads(text)["runs"][0]["tool"]["driver"]["rules"][0]["defaultConfiguration"]["parameters"]
    assert written == defaults
    assert '"text": "Démarrer: say where you start."' in text  # not escaped


def test_a_lone_surrogate_in_a_message_is_written_not_refused() -> None:
    """A file read with surrogateescape carries its undecodable bytes as lone surrogates."""
    report = _report(_rule_with(count=3), "Caf\udce9 is not a number.")
    text = render_sarif(report)
    assert text == json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
    assert text.endswith("}\n") and '  "version": "2.1.0"' in text
    assert json.loads(text)["runs"][0]["results"][0]["message"]["text"] == "Caf\udce9 is not a number."


def test_an_option_json_cannot_hold_is_described_as_text() -> None:
    rule = _rule_with(since=datetime.date(2026, 1, 1), count=3)
    [descriptor] = sarif_log(_report(rule))["runs"][0]["tool"]["driver"]["rules"]
    assert descriptor["defaultConfiguration"]["parameters"] == {"since": "2026-01-01", "count": 3}


# --- report/sarif.py: file names in uris -------------------------------------------------------------------


def test_a_file_name_is_quoted_in_its_uri_only_where_a_uri_needs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "team plans/Q3 (draft)+final!,v2;a=b@x$y&z'~*.okr"
    report = Report([_finding(path=name)], {name: PLAN}, {"tuned": _rule_with(count=3)})
    [artifact] = sarif_log(report)["runs"][0]["artifacts"]
    assert artifact["location"] == {"uri": "team%20plans/Q3%20(draft)+final!,v2;a=b@x$y&z'~*.okr",
                                    "uriBaseId": "%SRCROOT%"}
    accented = Report([_finding(path="équipe/plan#1.okr")], {}, {"tuned": _rule_with(count=3)})
    assert sarif_log(accented)["runs"][0]["artifacts"][0]["location"]["uri"] == "%C3%A9quipe/plan%231.okr"


def test_a_file_outside_the_working_folder_is_named_by_its_absolute_uri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    outside = str(tmp_path / "other" / "plan.okr")
    report = Report([_finding(path=outside)], {outside: PLAN}, {"tuned": _rule_with(count=3)})
    run = sarif_log(report)["runs"][0]
    assert run["artifacts"][0]["location"] == {"uri": (tmp_path / "other" / "plan.okr").as_uri()}
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (tmp_path / "other" / "plan.okr").as_uri(), "index": 0}


# --- report/sarif.py: a result on a very long line quotes the part around it --------------------------------


def test_a_finding_on_a_very_long_line_quotes_two_hundred_characters_either_side() -> None:
    line = "".join(f"{n % 10}" for n in range(3000))
    text = f"Objective: Grow\n  KR: {line}\n"
    start = text.index(line) + 1500
    span = Span(start=Position(line=2, column=1507, offset=start), end=Position(line=2, column=1517, offset=start + 10))
    found = Finding(code="GL990", rule="tuned", severity="info", message="Here.", path="plan.okr", span=span)
    report = Report([found], {"plan.okr": text}, {"tuned": _rule_with(count=3)})
    physical = sarif_log(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    written = f"  KR: {line}"
    assert physical["contextRegion"] == {"startLine": 2, "endLine": 2, "startColumn": 1307, "endColumn": 1717,
                                         "snippet": {"text": written[1306:1716]}}
    assert physical["region"]["snippet"] == {"text": written[1506:1516]}
    near_start = found.model_copy(update={"span": Span(start=Position(line=2, column=7, offset=22),
                                                       end=Position(line=2, column=9, offset=24))})
    report = Report([near_start], {"plan.okr": text}, {"tuned": _rule_with(count=3)})
    physical = sarif_log(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert physical["contextRegion"] == {"startLine": 2, "endLine": 2, "startColumn": 1, "endColumn": 209,
                                         "snippet": {"text": written[:208]}}


# --- report/sarif.py: a rule's help in Markdown ----------------------------------------------------------


def test_a_rule_s_help_fences_its_examples_past_their_own_backticks() -> None:
    from goallint.report.sarif import _help_markdown

    class Quoting(Rule):
        code = "GL992"
        name = "quoting"
        summary = "Quotes code."
        scope = "key_result"
        bad = "\n  KR: Run ````make```` daily\n"
        good = "  KR: Cut build time from 9 min to 4 min\n\n"

    help_text = _help_markdown(Quoting)
    assert "Flagged:\n\n`````text\n  KR: Run ````make```` daily\n`````" in help_text
    assert "Better:\n\n```text\n  KR: Cut build time from 9 min to 4 min\n```" in help_text
    one_tick = type("OneTick", (Quoting,), {"bad": "KR: Use `make`"})
    assert "```text\nKR: Use `make`\n```" in _help_markdown(one_tick)


def test_an_option_without_a_description_has_an_empty_meaning() -> None:
    from goallint.report.sarif import _help_markdown

    rule = _rule_with(count=3)
    rule.Options.model_fields["count"].description = None
    assert "| `count` | `3` |  |" in _help_markdown(rule)


# --- report/sarif.py: fingerprints, the tool's home page, the source root ----------------------------------


def _fingerprint(code: str, path: str, line: str) -> str:
    """As _fingerprints documents it: rule code, file as shown and the line's text (whitespace
    collapsed), joined by NUL, hashed; then which such occurrence it is."""
    import hashlib

    return hashlib.sha256("\0".join((code, path, " ".join(line.split()))).encode("utf-8")).hexdigest()[:32]


def test_a_sarif_fingerprint_is_the_documented_hash_whatever_else_the_run_holds() -> None:
    def prints(*found: Finding, sources: dict[str, str]) -> list[str]:
        results = sarif_log(Report(list(found), sources, {"tuned": _rule_with(count=3)}))["runs"][0]["results"]
        return [r["partialFingerprints"]["goallint/v1"] for r in results]

    line = "  KR: Lift NPS from 30 to 50"
    in_b = _finding(path="b.okr")
    alone = prints(in_b, sources={"b.okr": PLAN})
    assert alone == [_fingerprint("GL990", "b.okr", line) + ":1"]
    assert prints(_finding(path="a.okr"), in_b, sources={"a.okr": PLAN, "b.okr": PLAN})[1] == alone[0]
    # without the file's text, the message stands in for the line; without a path, the path is empty
    assert prints(in_b, sources={}) == [_fingerprint("GL990", "b.okr", "No start.") + ":1"]
    pathless = in_b.model_copy(update={"path": None})
    assert prints(pathless, pathless, sources={}) == [_fingerprint("GL990", "", "No start.") + ":1",
                                                      _fingerprint("GL990", "", "No start.") + ":2"]


def test_the_tool_links_the_project_s_home_page_when_the_package_declares_one(
    monkeypatch: pytest.MonkeyPatch
) -> None:
    from email.message import Message
    from importlib import metadata

    from goallint.report import sarif

    def declared(*urls: str, home: str | None = None) -> None:
        meta = Message()
        for url in urls:
            meta["Project-URL"] = url
        if home is not None:
            meta["Home-page"] = home

        def lookup(name: str) -> Message:
            if name.lower() != "goallint":  # distribution names are case-insensitive
                raise metadata.PackageNotFoundError(name)
            return meta

        monkeypatch.setattr(sarif.metadata, "metadata", lookup)

    def driver() -> dict[str, object]:
        log = sarif_log(Report([], {}, {}))
        return dict(log["runs"][0]["tool"]["driver"])

    declared("Changelog, https://example.org/changes", "Documentation, https://example.org/docs")
    assert driver()["informationUri"] == "https://example.org/docs"
    declared("Bug Tracker, https://example.org/issues", home="https://example.org")
    assert driver()["informationUri"] == "https://example.org"
    declared(home="UNKNOWN")
    assert "informationUri" not in driver()


def test_the_source_root_is_the_working_folder_ending_with_a_slash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plansX").mkdir()
    monkeypatch.chdir(tmp_path / "plansX")
    root = sarif_log(Report([], {}, {}))["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert root == (tmp_path / "plansX").as_uri() + "/"


@pytest.mark.parametrize(("width", "quoted"), [(1000, True), (1001, False)])
def test_a_finding_s_own_text_is_quoted_up_to_a_long_line_s_length(width: int, quoted: bool) -> None:
    line = "x" * 1200
    text = f"Objective: Grow\n  KR: {line}\n"
    start = text.index(line)
    span = Span(start=Position(line=2, column=7, offset=start),
                end=Position(line=2, column=7 + width, offset=start + width))
    found = Finding(code="GL990", rule="tuned", severity="info", message="Here.", path="plan.okr", span=span)
    region = sarif_log(Report([found], {"plan.okr": text}, {}))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["region"]
    assert ("snippet" in region) is quoted


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("defaults", [{"share": 0.5}, {"tiny": 1e-05}], ids=["pydantic-core", "json-module"])
def test_the_sarif_text_of_any_number_of_results_is_the_json_module_s(count: int, defaults: dict[str, object]) -> None:
    from goallint.model import Edit, Fix

    found = [_finding(f"Finding {n}: démarrer.").model_copy(update={
        "hint": "Say where you start." if n % 2 else None,
        "fix": Fix(message="Add it", edits=[Edit(span=_finding().span, replacement=f"from {n}")]) if n else None})
        for n in range(count)]
    report = Report(found, {"plan.okr": PLAN}, {"tuned": _rule_with(**defaults)})
    assert render_sarif(report) == json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def test_the_log_names_its_schema_version_tool_and_each_rule_s_page() -> None:
    from goallint.report.sarif import SCHEMA_URI

    rule = _rule_with(count=3)
    log = sarif_log(Report([_finding()], {"plan.okr": PLAN}, {"tuned": rule}, links={"tuned": "https://x.org/t"}))
    assert (log["$schema"], log["version"]) == (SCHEMA_URI, "2.1.0")
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "goallint" and driver["version"] == driver["semanticVersion"]
    assert driver["rules"][0]["helpUri"] == "https://x.org/t"  # the configuration's docs-url
    assert "helpUri" not in sarif_log(Report([_finding()], {}, {"tuned": rule}))["runs"][0]["tool"]["driver"][
        "rules"][0]


def test_an_option_named_results_does_not_confuse_the_writer() -> None:
    report = _report(_rule_with(results=[], count=3))
    found = [_finding(), _finding("Another.")]
    report = Report(found, {"plan.okr": PLAN}, report.rules)
    assert render_sarif(report) == json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"


def test_a_long_line_s_window_is_placed_in_utf16_columns() -> None:
    line = "🎯" * 10 + "".join(f"{n % 10}" for n in range(3000))
    text = f"Objective: Grow\n  KR: {line}\n"
    written = f"  KR: {line}"
    column = written.index("0" * 1) + 1500  # a character column well past the emoji
    span = Span(start=Position(line=2, column=column, offset=16 + column - 1),
                end=Position(line=2, column=column + 5, offset=16 + column + 4))
    found = Finding(code="GL990", rule="tuned", severity="info", message="Here.", path="plan.okr", span=span)
    context = sarif_log(Report([found], {"plan.okr": text}, {}))["runs"][0]["results"][0]["locations"][0][
        "physicalLocation"]["contextRegion"]
    first = column - 200  # 1-based character column where the window starts
    assert (context["startColumn"], context["endColumn"]) == (first + 10, first + 10 + len(context["snippet"]["text"]))


@pytest.mark.parametrize("label", ["Homepage", "Home", "Source", "Repository", " documentation "])
def test_each_label_of_a_home_page(label: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from email.message import Message

    from goallint.report import sarif

    meta = Message()
    meta["Project-URL"] = "Changelog, https://example.org/changes"
    meta["Project-URL"] = f"{label}, https://example.org/a,b"  # a comma in the address too
    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: meta)
    assert sarif_log(Report([], {}, {}))["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/a,b"


def test_the_run_says_its_version_columns_and_each_result_s_rule() -> None:
    from goallint import __version__

    other = _finding().model_copy(update={"code": "GL991", "rule": "other"})
    log = sarif_log(Report([other, _finding()], {"plan.okr": PLAN}, {"tuned": _rule_with(count=3)}))
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("goallint", __version__, __version__)
    assert run["columnKind"] == "utf16CodeUnits"
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("GL991", 1), ("GL990", 0)]
    assert [d["id"] for d in driver["rules"]] == ["GL990", "GL991"]
