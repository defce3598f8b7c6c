"""The logical table plan: rows of cells with spans, and the model paths each cell shows.

One plan feeds every output (.docx, text dump) and the annotation of findings, so the table logic exists
once. Rows are written left to right with `Span`s; `TableBuilder` places them on the grid, fills the columns
that a vertical merge from above still covers with continuation cells, and refuses a row that does not
cover the grid exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Role = Literal["label", "heading", "value", "text"]
"""label: a section or row label; heading: a column heading; value: a short filed value; text: free text."""


@dataclass(frozen=True, slots=True)
class Span:
    """A cell as the layout writes it: text, how many columns and rows it covers, what it shows."""

    text: str = ""
    cols: int = 1
    rows: int = 1
    role: Role = "value"
    paths: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlannedCell:
    text: str
    col: int
    """0-based first grid column."""
    colspan: int = 1
    rowspan: int = 1
    continued: bool = False
    """Covered by the vertical merge of a cell above (shows nothing of its own)."""
    role: Role = "value"
    paths: tuple[str, ...] = ()
    """Model paths whose value this cell shows ("goals[0].indicators[2].target")."""

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass(slots=True)
class PlannedRow:
    cells: list[PlannedCell]
    repeat: bool = False
    """Repeated at the top of every page."""
    keep_together: bool = False
    """Not split across pages."""
    keep_with_next: bool = False
    """Kept on the page of the row below (goal labels and table headings)."""


@dataclass(slots=True)
class TablePlan:
    widths_cm: tuple[float, ...]
    rows: list[PlannedRow] = field(default_factory=list)

    @property
    def columns(self) -> int:
        return len(self.widths_cm)

    def cells(self) -> Iterator[tuple[int, int, PlannedCell]]:
        """(row index, cell index, cell) of every cell, continuation cells included."""
        for r, row in enumerate(self.rows):
            for c, cell in enumerate(row.cells):
                yield r, c, cell


@dataclass(slots=True)
class DocumentPlan:
    title: str | None
    table: TablePlan


class PlanError(ValueError):
    """A row that does not fit the grid: a bug in the layout, never in the input."""


@dataclass(slots=True)
class _Merge:
    rows_left: int
    colspan: int


class TableBuilder:
    def __init__(self, widths_cm: tuple[float, ...]) -> None:
        self.plan = TablePlan(widths_cm)
        self._below: dict[int, _Merge] = {}
        """Vertical merges still open, by first column."""

    def add(
        self, *spans: Span, repeat: bool = False, keep_together: bool = False, keep_with_next: bool = False
    ) -> None:
        """Place one row; a row that does not fit raises `PlanError` and leaves the table as it was."""
        cells: list[PlannedCell] = []
        queue = list(spans)
        below = {col: _Merge(m.rows_left, m.colspan) for col, m in self._below.items()}
        col = 0
        while col < self.plan.columns:
            merge = below.get(col)
            if merge is not None:
                cells.append(PlannedCell("", col, merge.colspan, continued=True))
                merge.rows_left -= 1
                if merge.rows_left == 0:
                    del below[col]
                col += merge.colspan
                continue
            if not queue:
                raise PlanError(f"row {len(self.plan.rows) + 1}: grid column {col} is not covered")
            span = queue.pop(0)
            if span.cols < 1 or span.rows < 1 or col + span.cols > self.plan.columns:
                raise PlanError(f"row {len(self.plan.rows) + 1}: {span} does not fit at column {col}")
            if any(c in below for c in range(col + 1, col + span.cols)):
                raise PlanError(f"row {len(self.plan.rows) + 1}: {span} overlaps a merge from above")
            cells.append(PlannedCell(span.text, col, span.cols, span.rows, False, span.role, span.paths))
            if span.rows > 1:
                below[col] = _Merge(span.rows - 1, span.cols)
            col += span.cols
        if queue:
            raise PlanError(f"row {len(self.plan.rows) + 1}: {len(queue)} cell(s) beyond the last column")
        self._below = below
        self.plan.rows.append(PlannedRow(cells, repeat, keep_together, keep_with_next))

    def finish(self) -> TablePlan:
        if self._below:
            raise PlanError(f"vertical merges run past the last row at columns {sorted(self._below)}")
        return self.plan
