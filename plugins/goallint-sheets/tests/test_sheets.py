"""goallint-sheets: spreadsheets in the template shape, read and checked as goallint check does."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from goallint_sheets import read_csv, read_xlsx
from goallint_sheets.table import columns_of
from openpyxl import Workbook

from goallint.plugin import InputError
from goallint.testing import plugins_for_tests

CSV = """\
Objective,Key Result (KR),DRI,Start,Goal value,Actual,Due date
Make onboarding effortless,Grow weekly active teams,Dana,1200,2000,1450,2026-09-30
,Improve the onboarding flow,Sam,,,,
"""


def goallint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    beside = Path(sys.executable).parent / "goallint"
    command = str(beside) if beside.exists() else shutil.which("goallint")
    assert command, "goallint is not installed"
    result = subprocess.run([command, *map(str, args)], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_headers_are_matched_loosely() -> None:
    columns = columns_of(["Objective", "Key Result (KR)", "DRI", "Start", "Goal value", "Actual", "Due date"])
    assert columns == {"objective": 0, "key_result": 1, "owner": 2, "baseline": 3, "target": 4, "current": 5,
                       "due": 6}
    assert columns_of(["Name", "Notes"]) == {}  # no key-result column: not the template


def test_a_row_becomes_a_key_result_with_its_columns_and_the_objective_carries_on() -> None:
    converted = read_csv(Path("okrs.csv"), CSV.encode())
    assert converted.text.splitlines() == [
        "# okrs.csv",
        "Objective: Make onboarding effortless",
        "  KR: Grow weekly active teams from 1200 to 2000 by 2026-09-30",
        "    owner: Dana",
        "  KR: Improve the onboarding flow",
        "    owner: Sam",
    ]
    target = converted.text.splitlines()[2].index("2000") + 1
    cell = converted.cell_at(3, target)
    assert cell is not None and cell.reference == "E2"


def test_numbers_in_the_statement_win_over_the_columns() -> None:
    text = "Key result,Baseline,Target\nCut churn from 4% to 3%,5%,2%\n"
    assert "  KR: Cut churn from 4% to 3%" in read_csv(Path("x.csv"), text.encode()).text.splitlines()


def test_a_csv_without_a_key_result_column_is_named() -> None:
    with pytest.raises(InputError, match=r"data\.csv: has no 'Key result' column"):
        read_csv(Path("data.csv"), b"Name,Revenue\nAcme,100\n")


def workbook(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Q3 plan"
    sheet.append(["Team OKRs, third quarter"])  # a title row above the header
    sheet.append(["Objective", "Key result", "Owner", "Baseline", "Target", "Current", "Due"])
    sheet.append(["Delight customers", "Raise retention", "Kim", 0.73, 0.8, 0.75, dt.datetime(2026, 9, 30)])
    for cell in ("D3", "E3", "F3"):
        sheet[cell].number_format = "0%"
    sheet.append([None, "Improve the onboarding flow", "Sam"])
    book.create_sheet("Notes").append(["Nothing here"])
    book.save(path)
    return path


def test_a_workbook_reads_percentages_and_dates_as_excel_shows_them(tmp_path: Path) -> None:
    converted = read_xlsx(tmp_path / "okrs.xlsx", workbook(tmp_path / "okrs.xlsx").read_bytes())
    assert "  KR: Raise retention from 73% to 80% by 2026-09-30" in converted.text.splitlines()
    assert "# sheet Notes" not in converted.text


def test_findings_point_at_the_sheet_row_and_column(tmp_path: Path) -> None:
    path = workbook(tmp_path / "okrs.xlsx")
    result = goallint("check", path, "--select", "vague-language,kr-count")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if ": warning " in line]
    assert lines == [
        f"{path}:3:1: warning GL101 kr-count: This objective has 2 key results; aim for 3 to 5. (cell 'Q3 plan'!A3)",
        f"{path}:4:2: warning GL601 vague-language: 'Improve' is vague: each reader will take it differently, "
        "and nobody can tell when this is done. (cell 'Q3 plan'!B4)",
    ]


def test_fix_leaves_a_spreadsheet_alone(tmp_path: Path) -> None:
    path = tmp_path / "okrs.csv"
    path.write_text("Objective,KR\nGrow,Reach 10000 users\n", encoding="utf-8")  # number-format could fix it
    result = goallint("check", path, "--select", "number-format", "--fix")
    assert "(cell B2)" in result.stdout
    assert path.read_text(encoding="utf-8") == "Objective,KR\nGrow,Reach 10000 users\n"


def test_a_file_that_is_not_a_workbook_is_one_message(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip file")
    result = goallint("check", path)
    assert result.returncode == 2
    assert f"goallint: {path}: cannot be read as an Excel workbook" in result.stderr


def test_the_plugin_loads_and_claims_its_suffixes() -> None:
    plugins = plugins_for_tests()
    assert plugins.info["sheets"].status == "loaded"
    assert sorted(s for f in plugins.input_formats if f.plugin == "sheets" for s in f.suffixes) == [
        ".csv", ".xlsm", ".xlsx"]


def test_a_directory_search_passes_over_csv_files_of_data(tmp_path: Path) -> None:
    (tmp_path / "okrs.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "prices.csv").write_text("Product,Price\nBasic,10\n", encoding="utf-8")
    result = goallint("check", tmp_path, "--output-format", "json", "--no-cache")
    assert result.returncode == 1, result.stderr
    assert "okrs.csv" in result.stdout and "prices.csv" not in result.stdout + result.stderr
