"""部门总体资金情况: the header rows say which column is which; data rows are read by their line name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from perfform._construct import positional_builder
from perfform.model import FundBlock, Funding, FundLine, Value
from perfform.parser.labels import YEAR_CELL
from perfform.parser.rows import CellView, RowView

_INCOME_NAMES = (
    "财政拨款",
    "其他资金",
    "上年结转",
    "事业收入",
    "经营收入",
    "一般公共预算",
    "政府性基金",
    "财政专户",
)
_EXPENDITURE_NAMES = ("基本支出", "项目支出", "人员经费", "公用经费")
TOTAL = "合计"
_FIGURE = re.compile(r"^[-+]?[\d０-９][\d０-９,，.．]*[%％‰]?$")


def _block_of_label(cell_key: str) -> str | None:
    if cell_key.startswith("收入"):
        return "income"
    if cell_key.startswith("支出"):
        return "expenditure"
    return None


def _block_of_name(cell_key: str) -> str | None:
    if cell_key.startswith(_INCOME_NAMES):
        return "income"
    if cell_key.startswith(_EXPENDITURE_NAMES):
        return "expenditure"
    return None


def value_of(cell: CellView | None) -> Value:
    """The cell's `Value`; a blank one for a cell the row does not have."""
    return _no_value("") if cell is None else cell.value()


# Without validation: the parser passes strings, `Value`s and `Location`s (tests compare the filings with
# validated ones).
_no_value = positional_builder(Value, "raw")
_fund_line = positional_builder(FundLine, "name", "amount", "share", "history", "loc")
_fund_block = positional_builder(FundBlock, "items", "total", "label")
_funding = positional_builder(Funding, "unit", "history_years", "income", "expenditure")


# eq=False: these records are compared by identity only, and no __eq__ is generated at import time.
@dataclass(slots=True, eq=False)
class FundingReader:
    """Collects the rows of the funding section and builds `Funding`."""

    unit: str = "万元"
    order: list[str] = field(default_factory=lambda: ["amount", "share", "history"])
    years: list[int] = field(default_factory=list)
    block: str | None = None
    lines: dict[str, list[FundLine]] = field(default_factory=lambda: {"income": [], "expenditure": []})
    totals: dict[str, FundLine | None] = field(default_factory=lambda: {"income": None, "expenditure": None})
    block_labels: dict[str, str] = field(default_factory=dict)
    unplaced: list[RowView] = field(default_factory=list)

    def label_row(self, row: RowView, label_index: int) -> None:
        text = row.cells[label_index].text
        if "（元）" in text or "(元)" in text:
            self.unit = "元"
        self.header_row(row, start=label_index + 1)

    def header_row(self, row: RowView, start: int = 0) -> bool:
        """Column headings (当年预算收支, 占比, 近两年收支情况) or the year row; False when it is neither."""
        cells = row.cells[start:]
        # The year row: every filled cell a year (so the first one is; most rows fail there).
        if row.filled and YEAR_CELL.match(row.filled[0].key):
            years = [int(m.group(1)) for c in cells if (m := YEAR_CELL.match(c.key))]
            if len(years) == len(row.filled):
                self.years = years
                return True
        for cell in cells:
            if _FIGURE.match(cell.key):
                return False
        roles: list[str] = []
        for cell in cells:
            role = _heading_role(cell.key)
            if role and role not in roles:
                roles.append(role)
        if "share" in roles or "history" in roles:
            self.order = roles + [r for r in ("amount", "share", "history") if r not in roles]
            return True
        return False

    def data_row(self, row: RowView) -> bool:
        """A fund line: [block label] name amount share history…; False when the row is not one."""
        cells = row.cells
        name_at = None
        for i, cell in enumerate(cells):
            if not cell.text:
                continue
            block = _block_of_label(cell.key)
            if block is not None and cell.key.endswith("构成"):
                self.block = block
                self.block_labels[block] = cell.text
                continue
            if cell.key.startswith("部门总体资金情况") or cell.key.startswith("总体资金情况"):
                continue
            name_at = i
            break
        if name_at is None:
            return False
        name_cell = cells[name_at]
        block = _block_of_name(name_cell.key) or self.block
        is_total = name_cell.key.startswith(TOTAL) or name_cell.key in ("收入合计", "支出合计", "总计")
        if name_cell.key in ("收入合计", "收入总计"):
            block = "income"
        elif name_cell.key in ("支出合计", "支出总计"):
            block = "expenditure"
        if block is None:
            return False
        self.block = block
        line = self._line(name_cell, cells[name_at + 1 :], row)
        if is_total:
            self.totals[block] = line
        else:
            self.lines[block].append(line)
        return True

    def _line(self, name: CellView, values: list[CellView], row: RowView) -> FundLine:
        n_hist = len(self.years) or 2
        history_cells: list[CellView | None]
        if self.order[-1] == "history":
            history_cells = list(values[-n_hist:]) if len(values) > n_hist else []
            rest = values[: len(values) - len(history_cells)]
            amount, share = _amount_share(rest, self.order.index("amount") < self.order.index("share"))
        else:
            share = values[-1] if values else None
            history_cells = list(values[-1 - n_hist : -1]) if len(values) > n_hist else []
            rest = values[: max(len(values) - 1 - len(history_cells), 0)]
            amount, _ = _amount_share(rest, True)
        history_cells += [None] * (n_hist - len(history_cells))
        years = self.years or []
        history = {str(y): value_of(c) for y, c in zip(years, history_cells, strict=False)}
        return _fund_line(name.text, value_of(amount), value_of(share), history, name.loc())

    def build(self) -> Funding:
        return _funding(
            self.unit,
            list(self.years),
            _fund_block(self.lines["income"], self.totals["income"], self.block_labels.get("income")),
            _fund_block(
                self.lines["expenditure"], self.totals["expenditure"], self.block_labels.get("expenditure")
            ),
        )

    def empty(self) -> bool:
        return not any(self.lines.values()) and not any(self.totals.values())


def _heading_role(cell_key: str) -> str | None:
    if "占比" in cell_key or "比例" in cell_key:
        return "share"
    if "近两年" in cell_key or "前两年" in cell_key or "上年" in cell_key or "历史" in cell_key:
        return "history"
    if "当年" in cell_key or "预算" in cell_key or "金额" in cell_key:
        return "amount"
    return None


def _amount_share(cells: list[CellView], amount_first: bool) -> tuple[CellView | None, CellView | None]:
    """Amount and 占比 among the cells before the history columns; blank spacer cells are skipped.

    With one filled cell, a percentage is the 占比 and anything else the amount; the other stays empty.
    """
    if not cells:
        return None, None
    filled = [c for c in cells if c.text]
    if len(filled) >= 2:
        first, last = filled[0], filled[-1]
    elif len(cells) == 2:
        first, last = cells[0], cells[1]
    elif filled:
        is_share = filled[0].text.endswith(("%", "％", "‰"))
        return (None, filled[0]) if is_share else (filled[0], None)
    else:
        first, last = cells[0], cells[-1]
    return (first, last) if amount_first else (last, first)
