"""Tables as CSV: `-o out.csv` writes `out-filings.csv`, `out-indicators.csv`, `out-funding.csv` and
`out-findings.csv`.

Encoding: UTF-8 with a byte-order mark, because Excel opens a BOM-less UTF-8 file as the local ANSI code page
and garbles the Chinese; Python (`encoding="utf-8-sig"`), pandas and LibreOffice read the BOM transparently.
Comma-separated, RFC 4180 quoting, CRLF line ends. Numbers are written exactly (`717.28`, never
`717.2799999`), booleans as `true` / `false`, missing values as empty fields.

Spreadsheet programs evaluate a field that starts with `=`, `+`, `-` or `@` as a formula, and these files
consolidate forms sent in by others: a text field that starts that way (and is not a plain number) is written
with a leading apostrophe, which Excel shows as text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from perfform.fileio import write_atomic
from perfform.tables import TABLES, Cell, Entry, Lang, build, decimal_text

_FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?!\d+(?:\.\d+)?%?$).)", re.DOTALL)


def outputs(out: Path) -> list[Path]:
    """The files written for `out`: one per table, named after it."""
    return [out.with_name(f"{out.stem}-{table.name}{out.suffix}") for table in TABLES]


def write(out: Path, entries: Iterable[Entry], lang: Lang) -> list[Path]:
    rows = build(entries)
    written = []
    for table, path in zip(TABLES, outputs(out), strict=True):
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([column.header(lang) for column in table.columns])
        for row in rows[table.name]:
            writer.writerow([field(row.get(column.key)) for column in table.columns])
        write_atomic(path, "\ufeff" + buffer.getvalue())
        written.append(path)
    return written


def field(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, int):
        return str(value)
    return "'" + value if _FORMULA.match(value) else value
