"""收入构成 components do not add up to 合计.

Why: 财政拨款 + 其他资金 (and any other income line filed) must equal the block's 合计, in the current-year
column and in each of the two history columns. A mismatch means a typo or a missing line; the reviewer
cannot tell which figure is right. Sums are exact Decimal arithmetic, compared within half a unit of the
precision the form was filed with (at least `tolerance`).

Fails:
    财政拨款 900 · 其他资金 50 · 合计 968.19   (900 + 50 = 950 ≠ 968.19)

Passes:
    财政拨款 900.00 · 其他资金 68.19 · 合计 968.1918   (difference 0.0018 is rounding)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._funding import sum_mismatches
from perfform.rules.base import Finding, Rule, RuleOptions


class Options(RuleOptions):
    tolerance: Decimal = Decimal("0.01")
    """Smallest difference (in the form's money unit) that is reported."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    if filing.funding is None:
        return
    yield from sum_mismatches(
        filing.funding.income, "funding.income", "收入构成", options.tolerance, filing.funding.unit
    )


RULE = Rule(
    code="PF101",
    name="income-sum-mismatch",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "arithmetic"),
    options=Options,
)
