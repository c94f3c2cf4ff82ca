"""goallint-sheets: OKRs kept in spreadsheets (CSV and XLSX), one row per key result.

Reading a sheet is two steps: the file's rows (`csv`, or `openpyxl` for a workbook, imported
only when a workbook is read), then the rows as an `.okr` plan whose every piece remembers its
cell (`table.py`), so that goallint puts each finding on the cell it is about.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from goallint.plugin import Converted, InputError, InputFormat, hookimpl
from goallint_sheets.table import HEADER_ROWS, Row, columns_of, rows_to_plan

goallint_api = "1.0"  # the goallint plugin API this plugin is written for


def read_csv(path: Path, data: bytes) -> Converted:
    """A CSV file: UTF-8 (with or without a BOM) or, failing that, Windows-1252 as Excel saves it."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [Row(None, number, cells) for number, cells in enumerate(csv.reader(io.StringIO(text), dialect), start=1)]
    return rows_to_plan(path, rows)


def read_xlsx(path: Path, data: bytes) -> Converted:
    """An Excel workbook: every sheet with a key-result column."""
    from goallint_sheets.workbook import workbook_rows

    try:
        rows = workbook_rows(data)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise InputError(f"{path}: cannot be read as an Excel workbook ({type(error).__name__}: {error})") from None
    return rows_to_plan(path, rows)


def csv_holds_goals(path: Path) -> bool:
    """Whether a CSV found in a directory is an OKR sheet: a key-result column in its first rows."""
    with path.open("rb") as file:
        head = file.read(16384).decode("utf-8", errors="replace")
    return any(columns_of(cells) for cells in csv.reader(io.StringIO(head).readlines()[:HEADER_ROWS]))


@hookimpl
def goallint_input_formats() -> list[InputFormat]:
    return [
        InputFormat("csv", (".csv",), read_csv, holds_goals=csv_holds_goals),
        InputFormat("xlsx", (".xlsx", ".xlsm"), read_xlsx),
    ]
