"""Tables as JSON Lines: one file, one object per row, each with a `"table"` field naming its table.

    {"table": "filings", "file": "forms/a.docx", "status": "invalid", ...}
    {"table": "indicators", "file": "forms/a.docx", "level1": "产出指标", "target_number": "2", ...}

One file rather than one per table, so that a single stream can be filtered (`jq 'select(.table ==
"indicators")'`). Rows come table by table (filings, indicators, funding, findings), in input order. Numbers
are JSON strings with their exact digits, as in `perfform parse` output; every key is always present (null
when missing). Keys are the English column names unless `--headers zh` is given.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from perfform.fileio import write_atomic
from perfform.tables import TABLES, Cell, Entry, Lang, build, decimal_text

TABLE_KEY = "table"


def write(out: Path, entries: Iterable[Entry], lang: Lang) -> list[Path]:
    rows = build(entries)
    lines = []
    for table in TABLES:
        for row in rows[table.name]:
            record: dict[str, Cell] = {TABLE_KEY: table.name}
            record.update({column.header(lang): _json(row.get(column.key)) for column in table.columns})
            lines.append(json.dumps(record, ensure_ascii=False) + "\n")
    write_atomic(out, "".join(lines))
    return [out]


def _json(value: Cell) -> Cell:
    return decimal_text(value) if isinstance(value, Decimal) else value
