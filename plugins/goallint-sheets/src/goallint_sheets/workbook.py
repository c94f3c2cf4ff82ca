"""The rows of an Excel workbook, each cell as Excel shows it (dates, percentages, currencies)."""

from __future__ import annotations

import datetime as dt
import io
import re

from openpyxl import load_workbook

from goallint_sheets.table import Row

_CURRENCY_RE = re.compile(r"[$€£¥]")


def workbook_rows(data: bytes) -> list[Row]:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        rows: list[Row] = []
        for sheet in workbook.worksheets:
            for number, cells in enumerate(sheet.iter_rows(), start=1):
                rows.append(Row(sheet.title, number, [_shown(cell.value, cell.number_format) for cell in cells]))
        return rows
    finally:
        workbook.close()


def _shown(value: object, number_format: str | None) -> str:
    """A cell's value as text a goal statement can hold."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        pattern = number_format or ""
        if "%" in pattern:
            return f"{value * 100:g}%"
        text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")
        symbol = _CURRENCY_RE.search(pattern)
        return f"{symbol[0]}{text}" if symbol else text
    return str(value).strip()
