"""A rate, share or satisfaction value lies outside 0–100 %.

Why: a share (…率, 满意度, 占比, any value written with %) cannot exceed the whole or fall below nothing:
"292%" is a garbled "≥92%", "≥105%" a typo. Checked in the target and the 近两年指标值 cells; ‰ values are read
as tenths of a percent. Growth-type indicators (增长率, 增幅, 同比提高 …) may exceed 100 % and are skipped.

Fails:
    验收合格率 · 292%
    服务对象满意度 · ≥105%

Passes:
    验收合格率 · 100% · 规范管理率 · ≥65% · 营业收入增长率 · 150%
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import clean, is_growth, rows, unit_scale
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows(filing):
        for position, value in enumerate(row.values):
            if value.kind != "percent" or value.number is None:
                continue
            if is_growth(row.name):  # asked only of rows with a percentage
                break
            _, factor = unit_scale(value.unit)
            if _ZERO <= value.number * factor <= _HUNDRED:
                continue
            cell = row.cell(position)
            yield cell.finding(
                f"比率类指标「{row.name}」的{cell.label}「{clean(value.raw)}」超出 0%–100% 的范围",
                expected="0%–100%",
                suggestion="核对数值，比率、占比和满意度不超过 100%",
            )


RULE = Rule(
    code="PF406",
    name="rate-out-of-range",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators"),
    options=Options,
)
