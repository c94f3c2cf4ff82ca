"""`goallint parse` and `goallint schema` end to end, through the installed console script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from harness import goallint

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "growth-q3.okr"


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def without_offsets(node: Any) -> Any:
    """The dumped model with character offsets left out (a CRLF file shifts them, rightly)."""
    if isinstance(node, dict):
        return {key: without_offsets(value) for key, value in node.items() if key not in ("offset", "path")}
    if isinstance(node, list):
        return [without_offsets(value) for value in node]
    return node


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "growth-q3.okr"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_missing_file_exits_2_with_a_message_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.okr"
    result = goallint("parse", missing)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert str(missing) in message
    assert "no such file" in message


def test_a_directory_exits_2(tmp_path: Path) -> None:
    result = goallint("parse", tmp_path)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert str(tmp_path) in message
    assert "directory" in message


def test_a_binary_file_exits_2(tmp_path: Path) -> None:
    binary = tmp_path / "logo.okr"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    result = goallint("parse", binary)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert str(binary) in message
    assert "binary" in message


def test_invalid_utf8_exits_2_naming_path_and_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.okr"
    latin1.write_bytes("period: 2026-Q3\nObjective: Ship the café menu\n  KR: Sell 40 crêpes\n".encode("latin-1"))
    result = goallint("parse", latin1)
    assert result.returncode == 2
    message = one_line(result.stderr)
    assert f"{latin1}:2:" in message
    assert "UTF-8" in message
    assert result.stdout == ""


def test_a_good_file_and_a_missing_one_prints_the_good_one_and_exits_2(good: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.okr"
    result = goallint("parse", good, missing)
    assert result.returncode == 2
    assert str(missing) in one_line(result.stderr)
    assert "Make onboarding effortless" in result.stdout
    assert "Grow weekly active teams from 1.2k to 2,000 by Sept 30" in result.stdout


def test_a_good_file_parses_with_exit_0(good: Path) -> None:
    result = goallint("parse", good)
    assert result.returncode == 0
    assert result.stderr == ""
    assert "O1  Make onboarding effortless" in result.stdout


def test_json_for_one_file_is_one_document(good: Path) -> None:
    result = goallint("parse", good, "--format", "json")
    assert result.returncode == 0
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    assert document["path"] == str(good)
    assert document["period"]["label"] == "2026-Q3"
    assert [o["label"] for o in document["objectives"]] == ["O1", "O2"]
    assert [kr["label"] for kr in document["objectives"][0]["key_results"]] == ["KR1", "KR2", None, "KR3"]
    assert [k["name"] for k in document["kpis"]] == ["Customer satisfaction score"]
    assert document["syntax_errors"] == []


def test_json_for_two_files_is_a_list(good: Path, tmp_path: Path) -> None:
    second = tmp_path / "second.okr"
    second.write_text(
        "period: 2026-Q4\nObjective: Keep it simple\n  KR: Cut setup time from 2 days to 1 hour\n", encoding="utf-8"
    )
    result = goallint("parse", good, second, "--format", "json")
    assert result.returncode == 0
    documents = json.loads(result.stdout)
    assert isinstance(documents, list)
    assert [d["path"] for d in documents] == [str(good), str(second)]
    assert documents[1]["objectives"][0]["key_results"][0]["measure"]["direction"] == "decrease"


def test_schema_is_the_json_schema_of_a_document() -> None:
    result = goallint("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Document"
    assert schema["type"] == "object"
    assert {"path", "period", "objectives", "kpis", "syntax_errors"} <= set(schema["properties"])
    assert {"Objective", "KeyResult", "KPI", "Span", "Position"} <= set(schema["$defs"])


def test_crlf_and_bom_files_read_like_the_lf_file(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "\r" not in text
    variants = {
        "lf.okr": text.encode(),
        "crlf.okr": text.replace("\n", "\r\n").encode(),
        "bom.okr": b"\xef\xbb\xbf" + text.encode(),
        "bom-crlf.okr": b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
    }
    parsed = {}
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        result = goallint("parse", tmp_path / name, "--format", "json")
        assert result.returncode == 0, result.stderr
        parsed[name] = json.loads(result.stdout)

    lf = parsed["lf.okr"]
    assert lf["objectives"] and lf["objectives"][0]["key_results"]
    for name in ("crlf.okr", "bom.okr", "bom-crlf.okr"):
        assert without_offsets(parsed[name]) == without_offsets(lf), name
    # a BOM is not text: offsets are those of the document without it
    assert parsed["bom.okr"] == {**lf, "path": parsed["bom.okr"]["path"]}
    # CRLF counts one more character a line: KR1 is on line 5 (four line ends before it)
    kr1_lf = lf["objectives"][0]["key_results"][0]["span"]["start"]
    kr1_crlf = parsed["crlf.okr"]["objectives"][0]["key_results"][0]["span"]["start"]
    assert (kr1_lf["line"], kr1_crlf["line"]) == (5, 5)
    assert kr1_crlf["offset"] == kr1_lf["offset"] + 4


def test_python_dash_m_runs_the_same_command(good: Path) -> None:
    import subprocess
    import sys

    as_module = subprocess.run([sys.executable, "-m", "goallint", "check", "--no-cache", good],
                               capture_output=True, text=True, timeout=60)
    as_script = goallint("check", "--no-cache", good)
    assert (as_module.returncode, as_module.stdout) == (as_script.returncode, as_script.stdout)
    assert as_script.stdout  # the example has findings to compare
    usage = subprocess.run([sys.executable, "-m", "goallint", "--help"], capture_output=True, text=True, timeout=60)
    assert usage.returncode == 0 and usage.stdout.startswith("Usage: goallint ")


def test_a_large_report_arrives_whole_before_the_process_exits(tmp_path: Path) -> None:
    """`check` ends with os._exit (nothing is freed one object at a time): the report must still
    be flushed whole first, far beyond a pipe's buffer."""
    plan = tmp_path / "big.okr"
    plan.write_text("".join(f"Objective: Grow region {n}\n  KR: Improve things\n" for n in range(3000)),
                    encoding="utf-8")
    result = goallint("check", "--no-cache", "--output-format", "json", plan)
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert len(result.stdout) > 1_000_000 and {f["rule"] for f in findings} >= {"kr-count", "kr-not-measurable"}
    assert sum(f["rule"] == "kr-count" for f in findings) == 3000
