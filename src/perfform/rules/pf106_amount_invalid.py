"""A money cell of 部门总体资金情况 is not a plain non-negative amount in the table's unit.

Why: every figure of the funding table is an amount in 万元 (or the unit in the table's heading), and the sums
and 占比 are computed from them (rules-research FIN-07). Text ("约500", "待定"), a negative, an operator
("≥500"), a percent or another unit ("500元" in a 万元 table) cannot be added up, so PF101–PF105 skip the cell
and the table goes unchecked. The current-year column (当年) must be filled: write 0 for a line with no money,
not a blank or "—". In the two history columns (近两年) a blank or "—" is accepted — a line or a department may
be new — unless `history_required` is set (FIN-08 asks for them to be filled; that is a completeness question,
not a figure that is wrong).

Fails:
    其他资金 | 约50 | …        → funding.income.items[1].amount
    基本支出 | 600 | -12.5 | …  → funding.expenditure.items[0].history.2020
    项目支出 | (blank) | …     → funding.expenditure.items[1].amount

Passes:
    其他资金 | 0 | 0% | — | 50     (no money this year; none in the first history year)
    财政拨款 | 1,200.50 | …        (thousands separators are read)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing, FundLine, Value
from perfform.rules._funding import columns
from perfform.rules.base import Finding, Rule, RuleOptions

_ZERO = Decimal(0)


class Options(RuleOptions):
    history_required: bool = False
    """Report blank or "—" cells in the history columns too."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    funding = filing.funding
    if funding is None:
        return
    unit, history_required = funding.unit, options.history_required
    for path, label, block in (
        ("funding.income", "收入构成", funding.income),
        ("funding.expenditure", "支出构成", funding.expenditure),
    ):
        lines: list[tuple[int | None, FundLine]] = list(enumerate(block.items))  # None: the 合计
        if block.total is not None:
            lines.append((None, block.total))
        for index, line in lines:
            for column, value in columns(line):
                current = column == "当年"
                problem = _problem(value, unit, required=current or history_required)
                if problem is None:
                    continue
                line_path = f"{path}.total" if index is None else f"{path}.items[{index}]"
                where = "amount" if current else f"history.{column}"
                heading = column if current else f"{column}年"
                shown = f"「{value.raw}」" if value.raw else ""
                yield Finding(
                    message=f"{label}「{line.name}」{heading}金额{shown}{problem}",
                    path=f"{line_path}.{where}",
                    loc=value.loc or line.loc,
                    expected=f"不小于 0 的数字（{unit}）",
                    found=value.raw,
                )


def _problem(value: Value, unit: str, *, required: bool) -> str | None:
    """What is wrong with a money cell, or None when it is a plain amount (or an allowed blank)."""
    if value.placeholder:
        return "是占位内容，未填写金额"
    if value.kind in ("empty", "none"):
        return "未填写，无金额应填 0" if required else None
    if value.kind != "number" or value.number is None:
        return "不是金额"
    if value.op is not None:
        return "带比较符号，金额应为确数"
    if value.number < _ZERO:
        return "为负数"
    if value.unit is not None and value.unit != unit:
        return f"的单位「{value.unit}」与表头单位「{unit}」不符"
    return None


RULE = Rule(
    code="PF106",
    name="amount-invalid",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "amounts"),
    options=Options,
)
