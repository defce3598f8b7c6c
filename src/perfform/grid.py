"""The grid: what every reader produces and the only thing the parser sees.

A document is a list of blocks (paragraphs and tables); a table is rows of cells. A cell carries its text
(paragraphs joined by "\\n"), where it sits in the grid when the format knows it, its spans, and a `Ref`
back to the source. Readers resolve the format's quirks (XML, merges, text layout, encodings) so that the
parser never has to.

Vertical merges: the first cell of a merge holds the text and `rowspan`; each row it covers after the first
gets an empty cell with `merged=True`, so that every row keeps one cell per column it occupies (a text dump
shows those as empty fields, and the parser reads both the same way).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Part = Literal["body", "header", "footer"]


class Ref(NamedTuple):
    """Where a piece of text came from; every number is 1-based.

    .docx and .xlsx fill table/row/column (column = first grid column of the cell); a text dump fills
    table/row/column (column = field number within the row) and line (the cell's first line).

    A named tuple (immutable, hashable): readers make one per cell, and a tuple is made several times
    faster than a frozen dataclass. (Being a tuple, it also equals a plain tuple of the same five values.)
    """

    part: Part = "body"
    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None

    def describe(self) -> str:
        """Short human form: "table 1, row 27, column 4" or "line 120"."""
        bits: list[str] = []
        if self.part != "body":
            bits.append(f"page {self.part}")
        if self.line is not None:
            bits.append(f"line {self.line}")
        else:
            if self.table is not None:
                bits.append(f"table {self.table}")
            if self.row is not None:
                bits.append(f"row {self.row}")
            if self.column is not None:
                bits.append(f"column {self.column}")
        return ", ".join(bits) or "document"


@dataclass(slots=True)
class Cell:
    text: str
    ref: Ref
    col: int | None = None
    """0-based first grid column when the format knows it (.docx, .xlsx); None for text dumps."""
    colspan: int = 1
    rowspan: int = 1
    merged: bool = False
    """A vertical-merge continuation: its text is shown once, in the first cell of the merge."""
    placeholder: bool = False
    """The text is an unfilled content control's placeholder, not a value the filer typed."""
    tables: tuple[Table, ...] = ()
    """Tables nested inside this cell (a tuple: no list to make for the many cells that have none)."""


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    ref: Ref

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass(slots=True)
class Table:
    rows: list[Row]
    ref: Ref


@dataclass(slots=True)
class Paragraph:
    text: str
    ref: Ref


Block = Paragraph | Table


@dataclass(slots=True)
class Grid:
    """One document as read: body blocks in order, page headers and footers kept apart."""

    format: str
    """"docx", "text", "xlsx" or "doc" (the format as sniffed, not as named)."""
    body: list[Block] = field(default_factory=list)
    headers: list[Block] = field(default_factory=list)
    footers: list[Block] = field(default_factory=list)
    tracked_changes: int = 0
    """Unaccepted tracked insertions and deletions seen (values are read from the accepted view)."""
    encoding: str | None = None
    """Text dumps: the encoding the bytes were decoded with."""
