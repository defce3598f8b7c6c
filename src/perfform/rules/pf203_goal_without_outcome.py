"""A goal has no 效益指标 other than satisfaction.

Why: a goal states what the money achieves, not only what it delivers, so each goal needs at least one 效益指标
(经济, 社会, 生态效益 or 可持续影响; rules-research TAX-11, TAX-12). Satisfaction does not count: in the older
template 服务对象满意度 sits inside 效益, and "satisfaction used in place of 效益" is a common review finding
(S20). Indicators under 效益指标 whose 二级 is 服务对象满意度指标 or whose name contains 满意 are ignored. No
official text requires 效益 per goal word for word, hence a warning. Goals without any indicator are PF201's.

Fails:
    年度目标1：… | 产出指标 | 数量指标 | 培训人次 | ≥1200人次
                 | 效益指标 | 服务对象满意度指标 | 来访人员满意率 | ≥90%

Passes:
    年度目标1：… | 产出指标 | 数量指标 | 培训人次 | ≥1200人次
                 | 效益指标 | 社会效益指标 | 规范管理率 | ≥65%
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing, Indicator
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.rules.pf201_goal_without_indicators import goal_label
from perfform.taxonomy import BENEFIT, SATISFACTION_L2


def is_outcome(indicator: Indicator) -> bool:
    """A 效益指标 that is not a satisfaction measure."""
    return (
        indicator.level1 == BENEFIT and indicator.level2 != SATISFACTION_L2 and "满意" not in indicator.name
    )


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for i, goal in enumerate(filing.goals):
        if goal.indicators and not any(is_outcome(ind) for ind in goal.indicators):
            yield Finding(
                message=f"{goal_label(goal)}没有效益指标（满意度指标除外）",
                path=f"goals[{i}].indicators",
                loc=goal.loc,
                expected=BENEFIT,
                suggestion="至少设一项效益指标（经济效益、社会效益、生态效益或可持续影响指标）",
            )


RULE = Rule(
    code="PF203",
    name="goal-without-outcome",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("goals", "completeness"),
    options=RuleOptions,
)
