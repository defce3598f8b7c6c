"""A line's 占比 is not its share of the block's 合计.

Why: in 部门总体资金情况, 占比 is the line's current-year amount divided by the 合计 of the same block (收入构成
or 支出构成) × 100 % (rules-research FIN-04, verified on a published form: 724.2318 ÷ 968.1918 = 74.8 %). It
is not growth against the history columns and not a share of some other total. A 占比 is accepted within half
a unit of the precision it was filed with and at least `tolerance_points` percentage points. The expected
value is shown at the filed precision. Lines are skipped when the 合计 is 0 or when the amount, 合计 or 占比 is
not a plain figure (PF106 reports money cells that are not). A 占比 filed as a bare number ("74.8") is read
as percent; a 占比 of "0" for an amount of 0 passes.

Fails:
    基本支出 724.2318 · 占比 70%     (724.2318 ÷ 968.1918 × 100 = 74.8 %)
    财政拨款 717.28 · 占比 82%       (the only income line: 100 %)

Passes:
    基本支出 724.2318 · 占比 74.8%  · 项目支出 243.96 · 占比 25.2%  · 合计 968.1918
    其他资金 0 · 占比 0
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing, FundBlock
from perfform.rules._funding import amount, decimal_places, percent
from perfform.rules.base import Finding, Rule, RuleOptions

_HUNDRED = Decimal(100)


class Options(RuleOptions):
    tolerance_points: Decimal = Decimal("0.1")
    """Smallest difference, in percentage points, that is reported."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    if filing.funding is None:
        return
    for path, label, block in (
        ("funding.income", "收入构成", filing.funding.income),
        ("funding.expenditure", "支出构成", filing.funding.expenditure),
    ):
        yield from _block(block, path, label, options.tolerance_points, filing.funding.unit)


def _block(block: FundBlock, path: str, label: str, floor: Decimal, money_unit: str) -> Iterator[Finding]:
    total = amount(block.total.amount, money_unit) if block.total is not None else None
    if total is None or total == 0:
        return
    for i, line in enumerate(block.items):
        part, share = amount(line.amount, money_unit), percent(line.share)
        if part is None or share is None:
            continue
        exact = part / total * _HUNDRED
        difference = abs(share - exact)
        if difference <= floor:
            continue
        unit = Decimal(1).scaleb(-decimal_places(share))
        if difference <= unit / 2:  # rounding at the precision filed
            continue
        expected = f"{exact.quantize(unit, rounding=ROUND_HALF_UP)}%"
        yield Finding(
            message=f"{label}「{line.name}」占比 {line.share.raw}，按 {part} ÷ 合计 {total} × 100% 应为 {expected}",
            path=f"{path}.items[{i}].share",
            loc=line.share.loc or line.loc,
            expected=expected,
            found=line.share.raw,
            suggestion=f"改为 {expected}",
        )


RULE = Rule(
    code="PF104",
    name="share-mismatch",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "arithmetic", "shares"),
    options=Options,
)
