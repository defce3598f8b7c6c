"""占比 of a block do not total 100 %: the 合计 row's 占比 is not 100 %, or the lines' 占比 do not add up to it.

Why: every line's 占比 is its share of the block's 合计, so the 合计 row's own 占比 is 100 % and the lines' 占比
add up to 100 % (rules-research FIN-05). A 合计 of "82%", or lines adding up to 95 %, mean the column was
computed against the wrong base or copied from another year. The 合计 row is accepted within
`tolerance_points`; the lines' sum within half a unit of the filed precision per line, and at least
`tolerance_points` (three lines of 33.3 % add up to 99.9 %). The sum is skipped when a line's 占比 is not a plain
figure or when the block's 合计 amount is 0.

Fails:
    收入构成 合计 717.28 · 占比 82%
    基本支出 占比 74.8% · 项目支出 占比 20.2%   (95.0 %)

Passes:
    基本支出 占比 74.8% · 项目支出 占比 25.2% · 合计 占比 100%
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing, FundBlock
from perfform.rules._funding import amount, beyond, percent
from perfform.rules.base import Finding, Rule, RuleOptions

_HUNDRED = Decimal(100)


class Options(RuleOptions):
    tolerance_points: Decimal = Decimal("0.1")
    """Smallest difference from 100, in percentage points, that is reported."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    if filing.funding is None:
        return
    for path, label, block in (
        ("funding.income", "收入构成", filing.funding.income),
        ("funding.expenditure", "支出构成", filing.funding.expenditure),
    ):
        yield from _total_row(block, path, label, options.tolerance_points)
        yield from _lines(block, path, label, options.tolerance_points)


def _total_row(block: FundBlock, path: str, label: str, floor: Decimal) -> Iterator[Finding]:
    total = block.total
    share = percent(total.share) if total is not None else None
    if total is None or share is None or abs(share - _HUNDRED) <= floor:
        return
    yield Finding(
        message=f"{label}合计的占比 {total.share.raw}，应为 100%",
        path=f"{path}.total.share",
        loc=total.share.loc or total.loc,
        expected="100%",
        found=total.share.raw,
        suggestion="改为 100%",
    )


def _lines(block: FundBlock, path: str, label: str, floor: Decimal) -> Iterator[Finding]:
    base = amount(block.total.amount) if block.total is not None else None
    shares = [percent(line.share) for line in block.items]
    if not block.items or base == 0 or any(s is None for s in shares):
        return
    figures = [s for s in shares if s is not None]
    found = sum(figures, Decimal(0))
    if not beyond(abs(found - _HUNDRED), figures, floor):
        return
    first = block.items[0]
    parts = " + ".join(line.share.raw for line in block.items)
    yield Finding(
        message=f"{label}各行占比合计 {parts} = {found}%，应为 100%",
        path=f"{path}.items",
        loc=first.share.loc or first.loc,
        expected="100%",
        found=f"{found}%",
    )


RULE = Rule(
    code="PF105",
    name="share-total",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "arithmetic", "shares"),
    options=Options,
)
