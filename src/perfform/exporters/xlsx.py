"""Tables as an Excel workbook: one sheet per table, header row frozen and filtered, columns sized to fit.

Numbers are numeric cells (openpyxl writes a `Decimal` with its exact digits); the raw text of every value
stays in its own column. Text is always a text cell: a form cell holding "=HYPERLINK(…)" is shown, never
evaluated. Characters that XML cannot carry (control bytes from a damaged file) become U+FFFD.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from perfform.fileio import write_atomic
from perfform.tables import TABLES, Cell, Entry, Lang, Table, build

MIN_WIDTH = 6
MAX_WIDTH = 60
SAMPLE_ROWS = 2000
"""Column widths are measured on the header and the first rows of each sheet."""


def write(out: Path, entries: Iterable[Entry], lang: Lang) -> list[Path]:
    """Write the workbook to `out` atomically; the written paths."""
    rows = build(entries)
    workbook = Workbook(write_only=True)
    for table in TABLES:
        _sheet(workbook, table, rows[table.name], lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(out, buffer.getvalue())
    return [out]


def _sheet(workbook: Workbook, table: Table, rows: list[dict[str, Cell]], lang: Lang) -> None:
    """A streamed (write-only) sheet: layout first, then the rows, each written once."""
    sheet = workbook.create_sheet(table.title(lang))
    headers = [column.header(lang) for column in table.columns]
    for index, column in enumerate(table.columns, start=1):
        texts = [headers[index - 1], *(_shown(row.get(column.key)) for row in rows[:SAMPLE_ROWS])]
        width = max(display_width(text) for text in texts) + 2
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, max(MIN_WIDTH, width))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(rows) + 1}"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, row.get(column.key)) for column in table.columns])


def _cell(sheet: object, value: Cell) -> object:
    """The value to append; text that openpyxl would take for a formula becomes an explicit text cell."""
    if not isinstance(value, str):
        return value
    text = str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
    if not text.startswith("="):
        return text
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # shown, never evaluated
    return cell


def _shown(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "FALSE" if not value else "TRUE"
    return str(value)


def display_width(text: str) -> int:
    """Columns a text takes in a spreadsheet: wide (CJK) and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
