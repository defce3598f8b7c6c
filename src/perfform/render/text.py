"""Write a table plan as a tab-indented text dump (docs/form-guide.md §4), in either layout.

- "cells": each cell on a TAB-led line, its later paragraphs on lines of their own, an empty line after
  each row;
- "rows": each row on one TAB-led line (`\\tA\\tB`); after a cell's later paragraphs the next cell starts a
  new TAB-led line; an empty line after the table.

A vertical-merge continuation is an empty field; a horizontally merged cell is one field. The title is a
plain line before the table. Output is deterministic: "\\n" line ends, one final newline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from perfform.render.plan import DocumentPlan, PlannedRow

TextLayout = Literal["cells", "rows"]


def write_text(plan: DocumentPlan, layout: TextLayout = "cells", trailer: Sequence[str] = ()) -> str:
    """The dump of `plan`; `trailer` lines (e.g. findings) follow the table as plain paragraphs."""
    if layout not in ("cells", "rows"):
        raise ValueError(f"layout must be 'cells' or 'rows', not {layout!r}")
    lines: list[str] = []
    if plan.title:
        lines.append(plan.title)
    write_row = _cells_row if layout == "cells" else _rows_row
    for row in plan.table.rows:
        write_row(row, lines)
    if layout == "rows":
        lines.append("")
    lines.extend(trailer)
    return "\n".join(lines) + "\n"


def _cells_row(row: PlannedRow, lines: list[str]) -> None:
    for cell in row.cells:
        first, *rest = cell.paragraphs or [""]
        lines.append("\t" + first)
        lines.extend(rest)
    lines.append("")


def _rows_row(row: PlannedRow, lines: list[str]) -> None:
    line = ""
    for cell in row.cells:
        first, *rest = cell.paragraphs or [""]
        line += "\t" + first
        if rest:
            lines.append(line)
            lines.extend(rest)
            line = ""
    if line:
        lines.append(line)
