"""An indicator has no 指标值 (预期当年实现值).

Why: the value is what the indicator is checked against at year end; a row without one cannot be assessed,
and review sheets require "填报内容完整…无缺项". The history cells (近两年指标值) are not required here: they
may be blank or "—" for a new indicator.

Fails:
    产出指标 · 数量指标 · 培训人次 · (blank)

Passes:
    产出指标 · 数量指标 · 培训人次 · ≥1200人次
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import rows_with_target
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows_with_target(filing, "empty"):
        cell = row.target
        yield cell.finding(
            f"指标「{row.name}」的{cell.label}为空",
            expected="数值（含运算符和单位）或可考核的定性描述",
            suggestion="填写指标值，如 ≥1200人次、≥90%、2022年12月底前完成",
        )


RULE = Rule(
    code="PF401",
    name="missing-value",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators"),
    options=Options,
)
