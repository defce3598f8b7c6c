"""A flat view of the grid for the parser: every paragraph and table row in reading order, cells trimmed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from perfform._construct import builder
from perfform.grid import Block, Cell, Grid, Paragraph, Ref, Table
from perfform.model import Location

_TRIM = " \t\r\n\u00a0\u3000\ufeff"
_KEY_DROP = re.compile(r"[\s\u00a0\u3000\ufeff：:（）()【】\[\]]+")


def trim(text: str) -> str:
    """Cell text without surrounding whitespace, U+00A0 and ideographic space included."""
    return text.strip(_TRIM)


def key(text: str) -> str:
    """Label-matching key: no whitespace, colons or brackets ("部门（单位）名称：" → "部门单位名称")."""
    # Letters and digits only (most cells: "产出指标", "2020"): nothing to drop, no regex needed.
    return text if text.isalnum() else _KEY_DROP.sub("", text)


# eq=False: these records are compared by identity only, and no __eq__ is generated at import time.
@dataclass(slots=True, eq=False)
class CellView:
    text: str
    key: str
    ref: Ref
    merged: bool = False
    placeholder: bool = False
    _loc: Location | None = field(default=None, init=False, repr=False, compare=False)

    def loc(self) -> Location:
        """The cell's `Location`, built once: every model field that points at this cell shares it."""
        if self._loc is None:
            self._loc = to_location(self.ref)
        return self._loc


@dataclass(slots=True, eq=False)
class RowView:
    cells: list[CellView]
    ref: Ref
    from_paragraph: bool = False
    filled: list[CellView] = field(init=False, repr=False, compare=False)
    """The cells with text, in order (computed once: the parser asks for them several times per row)."""

    def __post_init__(self) -> None:
        self.filled = [c for c in self.cells if c.text]

    def is_blank(self) -> bool:
        return not self.filled

    def text(self) -> str:
        return " | ".join(c.text for c in self.cells if c.text)


_location = builder(Location)


def to_location(ref: Ref) -> Location:
    # Built without validation: a `Ref` holds a part name and ints or None, the field types (the tests
    # compare with validated models). Defaults left out, as `Location(...)` would be called.
    if ref.part != "body":
        return _location(part=ref.part, table=ref.table, row=ref.row, column=ref.column, line=ref.line)
    if ref.line is None:
        return _location(table=ref.table, row=ref.row, column=ref.column)
    return _location(table=ref.table, row=ref.row, column=ref.column, line=ref.line)


def _cell_view(cell: Cell) -> CellView:
    # `trim` and `key` inlined: this runs for every cell of the form.
    text = cell.text
    if text:
        text = text.strip(_TRIM)
        cell_key = text if text.isalnum() else _KEY_DROP.sub("", text)
    else:
        cell_key = text
    return CellView(text, cell_key, cell.ref, cell.merged, cell.placeholder)


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
            if cell.tables:
                stack.extend(iter(nested.rows) for nested in reversed(cell.tables))


def body_rows(grid: Grid) -> list[RowView]:
    return list(_rows_of(grid.body))


def margin_rows(grid: Grid) -> list[RowView]:
    """Rows of page headers and footers."""
    return list(_rows_of(grid.headers)) + list(_rows_of(grid.footers))
