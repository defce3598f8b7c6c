"""支出构成 components do not add up to 合计.

Why: 基本支出 + 项目支出 (and any other expenditure line filed) must equal the block's 合计, in the
current-year column and in each of the two history columns (rules-research FIN-02). A mismatch is a typo, a
missing line or a magnitude error (7242318 for 724.2318 万元). Sums are exact Decimal arithmetic, compared
within half a unit of the precision the form was filed with (at least `tolerance`).

Fails:
    基本支出 724.2318 · 项目支出 243.96 · 合计 980.00   (724.2318 + 243.96 = 968.1918 ≠ 980.00)

Passes:
    基本支出 724.2318 · 项目支出 243.96 · 合计 968.1918
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
        filing.funding.expenditure, "funding.expenditure", "支出构成", options.tolerance, filing.funding.unit
    )


RULE = Rule(
    code="PF102",
    name="expenditure-sum-mismatch",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "arithmetic"),
    options=Options,
)
