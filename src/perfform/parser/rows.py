"""A flat view of the grid for the parser: every paragraph and table row in reading order, cells trimmed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from perfform.grid import Block, Cell, Grid, Paragraph, Ref, Table
from perfform.model import Location

_TRIM = " \t\r\n\u00a0\u3000\ufeff"
_KEY_DROP = re.compile(r"[\s\u00a0\u3000\ufeff：:（）()【】\[\]]+")


def trim(text: str) -> str:
    """Cell text without surrounding whitespace, U+00A0 and ideographic space included."""
    return text.strip(_TRIM)


def key(text: str) -> str:
    """Label-matching key: no whitespace, colons or brackets ("部门（单位）名称：" → "部门单位名称")."""
    return _KEY_DROP.sub("", text)


@dataclass(slots=True)
class CellView:
    text: str
    key: str
    ref: Ref
    merged: bool = False
    placeholder: bool = False

    def loc(self) -> Location:
        return to_location(self.ref)


@dataclass(slots=True)
class RowView:
    cells: list[CellView]
    ref: Ref
    from_paragraph: bool = False

    @property
    def filled(self) -> list[CellView]:
        return [c for c in self.cells if c.text]

    def is_blank(self) -> bool:
        return not any(c.text for c in self.cells)

    def text(self) -> str:
        return " | ".join(c.text for c in self.cells if c.text)


def to_location(ref: Ref) -> Location:
    return Location(part=ref.part, table=ref.table, row=ref.row, column=ref.column, line=ref.line)


def _cell_view(cell: Cell) -> CellView:
    text = trim(cell.text)
    return CellView(text, key(text), cell.ref, cell.merged, cell.placeholder)


def _rows_of(blocks: list[Block]) -> Iterator[RowView]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = trim(block.text)
            if text:
                yield RowView([CellView(text, key(text), block.ref)], block.ref, from_paragraph=True)
            continue
        yield from _table_rows(block)


def _table_rows(table: Table) -> Iterator[RowView]:
    """Rows in reading order; a nested table's rows follow the row that holds it (no recursion)."""
    stack = [iter(table.rows)]
    while stack:
        row = next(stack[-1], None)
        if row is None:
            stack.pop()
            continue
        yield RowView([_cell_view(c) for c in row.cells], row.ref)
        for cell in reversed(row.cells):
            stack.extend(iter(nested.rows) for nested in reversed(cell.tables))


def body_rows(grid: Grid) -> list[RowView]:
    return list(_rows_of(grid.body))


def margin_rows(grid: Grid) -> list[RowView]:
    """Rows of page headers and footers."""
    return list(_rows_of(grid.headers)) + list(_rows_of(grid.footers))
