"""A flat view of the grid for the parser: every paragraph and table row in reading order, cells trimmed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from perfform._construct import positional_builder
from perfform.grid import Block, Cell, Grid, Paragraph, Ref, Table
from perfform.model import Location, Value
from perfform.values import parse_value, read_cell

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
    """A grid cell as the parser reads it: its text trimmed, and the text's `key`."""

    text: str
    key: str
    cell: Cell
    """The grid cell (a paragraph is read as a one-cell row)."""
    _loc: Location | None = field(default=None, init=False, repr=False)

    def loc(self) -> Location:
        """The cell's `Location`, built once: every model field that points at this cell shares it."""
        loc = self._loc
        if loc is None:
            loc = self._loc = to_location(self.cell.ref)
        return loc

    def value(self) -> Value:
        """The cell's `Value` (with its `Location`)."""
        placeholder = self.cell.placeholder
        if type(placeholder) is not bool:  # a grid made by hand: `parse_value` validates what it holds
            return parse_value(self.text, loc=self.loc(), placeholder=placeholder)
        return read_cell(self.text, self.loc(), placeholder)


@dataclass(slots=True, eq=False)
class RowView:
    cells: list[CellView]
    filled: list[CellView] = field(repr=False)
    """The cells with text, in order (made once: the parser asks for them several times per row)."""
    ref: Ref


# Built without validation: a `Ref` holds a part name and ints or None, the field types (the tests compare
# with validated models). Defaults left out, as `Location(...)` would be called.
_location = positional_builder(Location, "part", "table", "row", "column", "line")
_body_location = positional_builder(Location, "table", "row", "column")
_body_line_location = positional_builder(Location, "table", "row", "column", "line")


_LOCATIONS: dict[Ref, Location] = {}
_LOCATIONS_MAX = 4096
"""About ten forms' worth: text dumps number their lines, so most of their places never repeat, and each
location kept alive is memory a batch holds (65,536 of them raised the corpus run's peak RSS by 16 MB)."""


def to_location(ref: Ref) -> Location:
    """The `Location` of `ref`, shared: locations are frozen, and forms repeat the same places."""
    loc = _LOCATIONS.get(ref)
    if loc is None:
        part, table, row, column, line = ref
        if part != "body":
            loc = _location(part, table, row, column, line)
        elif line is None:
            loc = _body_location(table, row, column)
        else:
            loc = _body_line_location(table, row, column, line)
        if len(_LOCATIONS) >= _LOCATIONS_MAX:
            _LOCATIONS.clear()
        _LOCATIONS[ref] = loc
    return loc


_TEXT_KEYS: dict[str, tuple[str, str]] = {}
_TEXT_KEYS_MAX = 8192
MEMO_MAX_TEXT = 64
"""Longer texts (paragraphs of running text) are not memoized: they seldom repeat."""


def _text_and_key(text: str) -> tuple[str, str]:
    """(`trim(text)`, its `key`), memoized: forms repeat most of their cells ("", "产出指标", "计划标准")."""
    found = _TEXT_KEYS.get(text)
    if found is None:
        trimmed = trim(text)
        found = (trimmed, key(trimmed))
        if len(text) <= MEMO_MAX_TEXT:
            if len(_TEXT_KEYS) >= _TEXT_KEYS_MAX:
                _TEXT_KEYS.clear()
            _TEXT_KEYS[text] = found
    return found


def _row_view(cells: list[Cell], ref: Ref) -> RowView:
    # Runs for every cell of the form: the memo is read here, `_text_and_key` only fills it.
    views: list[CellView] = []
    filled: list[CellView] = []
    text_keys = _TEXT_KEYS
    for cell in cells:
        text, cell_key = text_keys.get(cell.text) or _text_and_key(cell.text)
        view = CellView(text, cell_key, cell)
        views.append(view)
        if text:
            filled.append(view)
    return RowView(views, filled, ref)


def _rows_of(blocks: list[Block]) -> Iterator[RowView]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = trim(block.text)
            if text:
                view = CellView(text, key(text), Cell(block.text, block.ref))
                yield RowView([view], [view], block.ref)
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
        yield _row_view(row.cells, row.ref)
        for cell in reversed(row.cells):
            if cell.tables:
                stack.extend(iter(nested.rows) for nested in reversed(cell.tables))


def body_rows(grid: Grid) -> list[RowView]:
    return list(_rows_of(grid.body))


def margin_rows(grid: Grid) -> list[RowView]:
    """Rows of page headers and footers."""
    return list(_rows_of(grid.headers)) + list(_rows_of(grid.footers))
