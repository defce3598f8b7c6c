"""收入构成 合计 and 支出构成 合计 differ.

Why: a department's budget is balanced: what it plans to spend is what it receives, so the 合计 of 收入构成
equals the 合计 of 支出构成 in the current-year column and in each history column (rules-research FIN-03).
A difference usually means one block was updated and the other was not. Some localities file 上年结转 or
年末结余 so that the totals legitimately differ; this rule compares the totals only and cannot tell, so it is a
warning — waive it for such a form, or turn it off. Differences within half a unit of the precision filed
(at least `tolerance`) are rounding.

Fails:
    收入构成 合计 968.19 · 支出构成 合计 980.00

Passes:
    收入构成 合计 968.1918 · 支出构成 合计 968.19   (difference 0.0018 is rounding)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._funding import amount, beyond, columns
from perfform.rules.base import Finding, Rule, RuleOptions


class Options(RuleOptions):
    tolerance: Decimal = Decimal("0.01")
    """Smallest difference (in the form's money unit) that is reported."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    funding = filing.funding
    if funding is None or funding.income.total is None or funding.expenditure.total is None:
        return
    income = dict(columns(funding.income.total))
    for column, value in columns(funding.expenditure.total):
        other = income.get(column)
        spent = amount(value, funding.unit)
        received = amount(other, funding.unit) if other is not None else None
        if spent is None or received is None:
            continue
        if beyond(abs(spent - received), [spent, received], options.tolerance):
            where = "amount" if column == "当年" else f"history.{column}"
            label = column if column == "当年" else f"{column}年"
            yield Finding(
                message=f"{label}支出构成合计 {spent} 与收入构成合计 {received} 不符（相差 {spent - received}）",
                path=f"funding.expenditure.total.{where}",
                loc=value.loc or funding.expenditure.total.loc,
                expected=str(received),
                found=str(spent),
            )


RULE = Rule(
    code="PF103",
    name="income-expenditure-mismatch",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("funding", "arithmetic", "consistency"),
    options=Options,
)
