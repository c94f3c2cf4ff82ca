"""`goallint check --output-format sarif|github|junit|text` end to end, through the installed script.

The document has findings on lines holding €, ≥ and emoji: goallint counts columns in characters,
SARIF and GitHub in UTF-16 code units (an emoji is two), the terminal in cells (an emoji is two).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from harness import CLEAN_PLAN, SARIF_SCHEMA, goallint

PLAN = """\
period: 2026-Q3
owner: Growth 🚀 team

Objective: Delight € customers 🎯
  KR: Increase revenue to €5M by end of Q3
  KR: Reduce churn from 4% to 6% 🎯 in ≥ 3 regions

Objective: Keep the lights on
  KR: Raise NPS from 30 to 45
  KR: Cut first response time from 9 h to 2 h
  KR: 🚀🚀 Increase retention from 90% to 90%
"""


# The rules this file is about, so that rules added later do not change the expected findings.
SELECT = ("--select", "GL101", "--select", "GL202", "--select", "GL205", "--select", "GL206")

# code, severity, flagged text, (start line, column, end line, column) in characters, then in UTF-16
EXPECTED = [
    ("GL101", "warning", "Delight € customers 🎯", (4, 12, 4, 33), (4, 12, 4, 34)),
    ("GL202", "warning", "€5M", (5, 27, 5, 30), (5, 27, 5, 30)),
    ("GL205", "error", "Reduce churn from 4% to 6% 🎯 in ≥ 3 regions", (6, 7, 6, 50), (6, 7, 6, 51)),
    ("GL206", "error", "90%", (11, 41, 11, 44), (11, 43, 11, 46)),
]


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "goals").mkdir()
    (tmp_path / "goals" / "q3.okr").write_text(PLAN, encoding="utf-8")
    (tmp_path / "goals" / "clean.okr").write_text(CLEAN_PLAN, encoding="utf-8")
    return tmp_path


def sarif_of(workdir: Path, *paths: str) -> dict[str, Any]:
    result = goallint("check", "--output-format", "sarif", "--output-file", "out.sarif", *SELECT, *paths, cwd=workdir)
    assert result.returncode == (1 if "goals/q3.okr" in paths else 0), result.stderr
    log: dict[str, Any] = json.loads((workdir / "out.sarif").read_text(encoding="utf-8"))
    return log


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_is_valid_against_the_oasis_schema(workdir: Path) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for paths in (["goals/q3.okr"], ["goals/clean.okr"], ["goals/q3.okr", "goals/clean.okr"]):
        log = sarif_of(workdir, *paths)
        jsonschema.validators.validator_for(schema)(schema).validate(log)
        assert log["version"] == "2.1.0"


def test_sarif_on_stdout_is_the_same_log(workdir: Path) -> None:
    printed = goallint("check", "--output-format", "sarif", *SELECT, "goals/q3.okr", cwd=workdir)
    assert printed.returncode == 1
    assert json.loads(printed.stdout) == sarif_of(workdir, "goals/q3.okr")


def test_sarif_results_point_at_the_spans_in_utf16_columns(workdir: Path) -> None:
    run = sarif_of(workdir, "goals/q3.okr")["runs"][0]
    assert run["columnKind"] == "utf16CodeUnits"
    lines = PLAN.splitlines()
    seen = []
    for result, (code, severity, flagged, _, utf16) in zip(run["results"], EXPECTED, strict=True):
        location = result["locations"][0]["physicalLocation"]
        region = location["region"]
        assert location["artifactLocation"]["uri"] == "goals/q3.okr"
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == utf16
        line = lines[region["startLine"] - 1].encode("utf-16-le")
        assert line[2 * (region["startColumn"] - 1) : 2 * (region["endColumn"] - 1)].decode("utf-16-le") == flagged
        assert region["snippet"]["text"] == flagged
        assert result["ruleId"] == code
        assert result["level"] == {"error": "error", "warning": "warning"}[severity]
        seen.append(code)
    assert seen == [code for code, *_ in EXPECTED]


def test_sarif_describes_every_rule_a_result_names(workdir: Path) -> None:
    run = sarif_of(workdir, "goals/q3.okr")["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "goallint" and driver["version"]
    rules = driver["rules"]
    listed = goallint("rules", cwd=workdir).stdout.split()
    assert {rule["id"] for rule in rules} >= {"GL001", "GL101", "GL202", "GL205", "GL206"}
    for rule in rules:
        assert rule["id"] in listed and rule["name"] in listed
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        message = result["message"]["text"]
        assert "\n" in message, "the message is followed by its hint"
    kr_count = next(rule for rule in rules if rule["id"] == "GL101")
    assert kr_count["name"] == "kr-count"
    explained = goallint("explain", "GL101", cwd=workdir).stdout
    assert kr_count["help"]["text"] == explained
    assert "KR: Lift NPS from 30 to 45" in kr_count["help"]["markdown"]
    assert kr_count["defaultConfiguration"]["parameters"] == {"min": 3, "max": 5}


def test_sarif_fingerprints_survive_lines_added_above(workdir: Path) -> None:
    before = sarif_of(workdir, "goals/q3.okr")["runs"][0]["results"]
    (workdir / "goals" / "q3.okr").write_text("# draft for review\n" + PLAN, encoding="utf-8")
    after = sarif_of(workdir, "goals/q3.okr")["runs"][0]["results"]
    fingerprints = [r["partialFingerprints"] for r in before]
    assert len({json.dumps(f) for f in fingerprints}) == len(fingerprints)
    assert [r["partialFingerprints"] for r in after] == fingerprints
    shifted = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]
    assert shifted == [utf16[0] + 1 for *_, utf16 in EXPECTED]


def test_sarif_uris_are_relative_with_forward_slashes_even_for_absolute_arguments(workdir: Path) -> None:
    (workdir / "goals" / "Q3 plan #2.okr").write_text(PLAN, encoding="utf-8")
    absolute = workdir / "goals" / "Q3 plan #2.okr"
    run = sarif_of(workdir, str(absolute), "goals/q3.okr")["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert uris == {"goals/Q3%20plan%20%232.okr", "goals/q3.okr"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == workdir.resolve().as_uri() + "/"


def test_sarif_carries_a_findings_fix() -> None:
    from goallint.model import Edit, Finding, Fix, Position, Span
    from goallint.report import Report
    from goallint.report.sarif import sarif_log

    def span(line: int, start: int, end: int) -> Span:
        return Span(start=Position(line=line, column=start, offset=0), end=Position(line=line, column=end, offset=0))

    text = "Objective: Grow\n  KR: 🚀 Increase revenue to €5M\n"
    baseline = Edit(span=span(2, 29, 29), replacement="from €4M ")
    fix = Fix(message="Add a baseline", edits=[baseline], applicability="unsafe")
    finding = Finding(code="GL202", rule="missing-baseline", severity="warning", message="No start.",
                      path="plan.okr", span=span(2, 29, 32), fix=fix)
    log = sarif_log(Report([finding], {"plan.okr": text}))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    result = log["runs"][0]["results"][0]
    assert result["message"]["text"] == "No start."
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"], region["snippet"]["text"]) == (30, 33, "€5M")
    assert result["ruleIndex"] == 0 and log["runs"][0]["tool"]["driver"]["rules"][0]["id"] == "GL202"
    [sarif_fix] = result["fixes"]
    assert sarif_fix["description"]["text"] == "Add a baseline"
    assert sarif_fix["properties"]["applicability"] == "unsafe"
    [change] = sarif_fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "plan.okr"
    assert change["replacements"] == [{
        "deletedRegion": {"startLine": 2, "startColumn": 30, "endLine": 2, "endColumn": 30},
        "insertedContent": {"text": "from €4M "},
    }]


def test_sarif_is_written_a_result_at_a_time_as_the_same_json() -> None:
    """`goallint check` writes the log as it is made: its pieces join to what json.dumps writes,
    and no piece holds more than one result, so a large log is never held whole."""
    from goallint.model import Finding, Position, Span
    from goallint.report import Report, goallint_reporters, pieces_of
    from goallint.report.sarif import sarif_chunks, sarif_log

    text = "".join(f"Objective: Grow {n}\n" for n in range(50))
    findings = [
        Finding(code="GL101", rule="kr-count", severity="warning", message=f"Objective {n} has no key results.",
                path="plan.okr", span=Span(start=Position(line=n + 1, column=1, offset=0),
                                           end=Position(line=n + 1, column=16, offset=0)))
        for n in range(50)
    ]
    report = Report(findings, {"plan.okr": text})
    pieces = list(sarif_chunks(report))
    whole = json.dumps(sarif_log(report), ensure_ascii=False, indent=2) + "\n"
    assert "".join(pieces) == whole
    assert max(piece.count('"ruleId"') for piece in pieces) == 1
    assert len(pieces) > len(findings)
    assert "".join(pieces_of(goallint_reporters()["sarif"], report)) == whole
    empty = Report([], {"plan.okr": text})
    assert "".join(sarif_chunks(empty)) == json.dumps(sarif_log(empty), ensure_ascii=False, indent=2) + "\n"


# --- GitHub workflow commands ----------------------------------------------------------------


def test_github_prints_one_workflow_command_per_finding(workdir: Path) -> None:
    result = goallint("check", "--output-format", "github", *SELECT, "goals/q3.okr", cwd=workdir)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::warning file=goals/q3.okr,line=4,col=12,endLine=4,endColumn=34,title=GL101 kr-count::"
        "This objective has 2 key results; aim for 3 to 5.%0AAdd the measurable results that would show "
        "this objective is met, for example 'Raise CSAT from 82%25 to 90%25 by end of Q3'.",
        "::warning file=goals/q3.okr,line=5,col=27,endLine=5,endColumn=30,title=GL202 missing-baseline::"
        "This key result says where you aim but not where you start.%0A"
        "Say where you start and where you aim: 'from <today's value> to €5M'.",
        "::error file=goals/q3.okr,line=6,col=7,endLine=6,endColumn=51,title=GL205 direction-contradiction::"
        "The key result says reduce, but the number goes up (from 4%25 to 6%25).%0A"
        "Swap the numbers, or change the verb so that both say the same thing.",
        "::error file=goals/q3.okr,line=11,col=43,endLine=11,endColumn=46,title=GL206 no-change::"
        "The target (90%25) is the same as where you start (90%25).%0A"
        "Set a target that asks for a change, or track this as a KPI with 'KPI: …'.",
    ]


def test_github_escapes_commas_and_colons_in_the_file_name(workdir: Path) -> None:
    (workdir / "goals" / "a,b:c.okr").write_text("Objective: Grow\n  KR: Raise NPS from 30 to 45\n", encoding="utf-8")
    result = goallint("check", "--output-format", "github", "--select", "GL101", "goals/a,b:c.okr", cwd=workdir)
    assert result.stdout.splitlines() == [
        "::warning file=goals/a%2Cb%3Ac.okr,line=1,col=12,endLine=1,endColumn=16,title=GL101 kr-count::"
        "This objective has 1 key result; aim for 3 to 5.%0AAdd the measurable results that would show "
        "this objective is met, for example 'Raise CSAT from 82%25 to 90%25 by end of Q3'.",
    ]


def test_github_prints_nothing_for_a_clean_file(workdir: Path) -> None:
    result = goallint("check", "--output-format", "github", *SELECT, "goals/clean.okr", cwd=workdir)
    assert (result.returncode, result.stdout) == (0, "")


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_failure_per_finding(workdir: Path) -> None:
    result = goallint("check", "--output-format", "junit", *SELECT, "goals/q3.okr", "goals/clean.okr", cwd=workdir)
    assert result.returncode == 1
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "4", "0")
    plan, clean = root.findall("testsuite")
    assert (plan.get("name"), plan.get("tests"), plan.get("failures")) == ("goals/q3.okr", "4", "4")
    failures = [case.find("failure") for case in plan.findall("testcase")]
    assert [f.get("type") for f in failures if f is not None] == [severity for _, severity, *_ in EXPECTED]
    names = [case.get("name") for case in plan.findall("testcase")]
    assert names[0] == "GL101 kr-count at 4:12"
    first = failures[0]
    assert first is not None and first.get("message") == "This objective has 2 key results; aim for 3 to 5."
    assert "Delight € customers 🎯" in (first.text or "")
    assert (clean.get("name"), clean.get("tests"), clean.get("failures")) == ("goals/clean.okr", "1", "0")
    assert clean.find("testcase/failure") is None


# --- text ------------------------------------------------------------------------------------


def test_text_carets_sit_under_the_span_counting_terminal_cells(workdir: Path) -> None:
    result = goallint("check", *SELECT, "goals/q3.okr", cwd=workdir)
    lines = result.stdout.splitlines()
    # an emoji takes two cells, € and ≥ one
    assert lines[1:3] == [
        "   4 | Objective: Delight € customers 🎯",
        "                  ^^^^^^^^^^^^^^^^^^^^^^",
    ]
    assert lines[5:7] == [
        "   5 |   KR: Increase revenue to €5M by end of Q3",
        "                                 ^^^",
    ]
    assert lines[13:15] == [
        "  11 |   KR: 🚀🚀 Increase retention from 90% to 90%",
        "                                                 ^^^",
    ]
    assert lines[-1] == "Found 2 errors, 2 warnings in 1 file."


# --- exit codes ------------------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "github", "junit"])
def test_exit_codes(workdir: Path, output_format: str) -> None:
    def check(*args: str) -> int:
        return goallint("check", "--output-format", output_format, *SELECT, *args, cwd=workdir).returncode

    assert check("goals/clean.okr") == 0
    assert check("goals/q3.okr") == 1
    assert check("--fail-on", "error", "goals/q3.okr") == 1
    assert check("--fail-on", "never", "goals/q3.okr") == 0
    (workdir / "warnings.okr").write_text("period: 2026-Q3\n\nObjective: Grow\n  KR: Raise NPS from 30 to 45\n")
    assert check("--fail-on", "warning", "warnings.okr") == 1
    assert check("--fail-on", "error", "warnings.okr") == 0


def test_a_missing_file_exits_2_with_one_line(workdir: Path) -> None:
    result = goallint("check", "--output-format", "sarif", "goals/missing.okr", cwd=workdir)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == ["goallint: goals/missing.okr: no such file"]


def test_an_unknown_output_format_exits_2_naming_the_known_ones(workdir: Path) -> None:
    result = goallint("check", "--output-format", "sarif2", "goals/q3.okr", cwd=workdir)
    assert result.returncode == 2
    assert "unknown output format 'sarif2'" in result.stderr
    for known in ("github", "json", "junit", "sarif", "text"):
        assert known in result.stderr
