"""Shared arithmetic of the funding rules: Decimal sums compared at the precision the form was filed with."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.model import FundBlock, FundLine, Value
from perfform.rules.base import Finding


def amount(value: Value, unit: str = "万元") -> Decimal | None:
    """The money in a cell in the table's `unit`, or None when it is not a plain number (PF106 reports those)."""
    if value.kind != "number" or value.op is not None or value.number is None:
        return None
    return value.number if value.unit in (None, unit) else None


def percent(value: Value) -> Decimal | None:
    """The percentage in a 占比 cell ("74.8%", "74.8", "748‰"), or None when it is not a plain figure."""
    if value.kind not in ("percent", "number") or value.op is not None or value.number is None:
        return None
    if value.unit == "‰":
        return value.number / 10
    return value.number if value.unit in (None, "%") else None


def tolerance(values: list[Decimal], floor: Decimal) -> Decimal:
    """Half a unit of the coarsest precision among the figures, per figure, and at least `floor`."""
    places = min((decimal_places(v) for v in values), default=2)
    half_unit = Decimal(1).scaleb(-places) / 2
    return max(floor, half_unit * len(values))


def beyond(difference: Decimal, values: list[Decimal], floor: Decimal) -> bool:
    """`difference > tolerance(values, floor)`, without working out the precisions when it is within
    `floor` (as almost every difference is: the tolerance is never below it)."""
    return difference > floor and difference > tolerance(values, floor)


def decimal_places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def columns(line: FundLine) -> Iterator[tuple[str, Value]]:
    """The current-year amount ("当年") and each history year of a fund line."""
    yield "当年", line.amount
    yield from line.history.items()


def sum_mismatches(
    block: FundBlock, block_path: str, block_name: str, floor: Decimal, unit: str = "万元"
) -> Iterator[Finding]:
    """Items of a block that do not add up to its 合计, column by column."""
    total = block.total
    if total is None or not block.items:
        return
    for column, total_value in columns(total):
        expected = amount(total_value, unit)
        if expected is None:
            continue
        figures = _column_amounts(block.items, column, unit)
        if figures is None:
            continue
        found = sum(figures, Decimal(0))
        if beyond(abs(found - expected), [*figures, expected], floor):
            names = " + ".join(item.name for item in block.items)
            where = "amount" if column == "当年" else f"history.{column}"
            yield Finding(
                message=f"{block_name}{_column_label(column)}：{names} = {found}，与合计 {expected} 不符",
                path=f"{block_path}.total.{where}",
                loc=total_value.loc or total.loc,
                expected=str(expected),
                found=str(found),
            )


def _column_amounts(lines: list[FundLine], column: str, unit: str) -> list[Decimal] | None:
    """The lines' amounts in `column`; None when one of them has no plain amount there."""
    figures = []
    for line in lines:
        figure = _column(line, column, unit)
        if figure is None:
            return None
        figures.append(figure)
    return figures


def _column(line: FundLine, column: str, unit: str) -> Decimal | None:
    value = line.amount if column == "当年" else line.history.get(column)
    return amount(value, unit) if value is not None else None


def _column_label(column: str) -> str:
    return column if column == "当年" else f"{column}年"
