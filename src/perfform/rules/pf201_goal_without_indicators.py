"""A goal (长期目标N / 年度目标N) has no 绩效指标 rows.

Why: each 目标 of the 部门整体 form is measured by its own indicator table (rules-research TAX-12, SEC-02): a
goal without indicators cannot be reviewed or evaluated. Usually the table was left blank, or its rows were
pasted under the previous goal.

Fails:
    年度目标3：提升履职能力
    年度绩效目标 | 一级指标 | 二级指标 | 指标名称 | 指标值   (no rows follow)

Passes:
    年度目标3：提升履职能力
    产出指标 | 数量指标 | 培训人次 | ≥1200人次
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing, Goal
from perfform.rules.base import Finding, Rule, RuleOptions


def goal_label(goal: Goal) -> str:
    """长期目标1「基本公共卫生服务」"""
    kind = "长期目标" if goal.kind == "long_term" else "年度目标"
    return f"{kind}{goal.index}「{goal.name}」"


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for i, goal in enumerate(filing.goals):
        if not goal.indicators:
            yield Finding(
                message=f"{goal_label(goal)}没有绩效指标",
                path=f"goals[{i}].indicators",
                loc=goal.loc,
                suggestion="为该目标填写产出指标和效益指标",
            )


RULE = Rule(
    code="PF201",
    name="goal-without-indicators",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("goals", "completeness"),
    options=RuleOptions,
)
