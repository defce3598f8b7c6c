"""A goal has indicators, but none under 产出指标.

Why: the 部门整体 form measures each goal by 产出指标 (what is delivered: 数量, 质量, 时效) and 效益指标 (what it
achieves) — "主要包括：产出指标和效益指标等一级指标" (rules-research TAX-10, TAX-12). A goal measured only by
效益 or 满意度 says nothing checkable about the work done. The 一级 is the canonical one, inferred from the 二级
where the 一级 cell was empty or merged away. Goals without any indicator are PF201's.

Fails:
    年度目标1：… | 效益指标 | 社会效益指标 | 规范管理率 | ≥65%
                 | 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥92%

Passes:
    年度目标1：… | 产出指标 | 数量指标 | 培训人次 | ≥1200人次
                 | 效益指标 | 社会效益指标 | 规范管理率 | ≥65%
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.rules.pf201_goal_without_indicators import goal_label
from perfform.taxonomy import OUTPUT


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for i, goal in enumerate(filing.goals):
        if goal.indicators and not any(ind.level1 == OUTPUT for ind in goal.indicators):
            yield Finding(
                message=f"{goal_label(goal)}没有产出指标（一级指标）",
                path=f"goals[{i}].indicators",
                loc=goal.loc,
                expected=OUTPUT,
                suggestion="至少设一项产出指标（数量指标、质量指标或时效指标）",
            )


RULE = Rule(
    code="PF202",
    name="goal-without-output",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("goals", "completeness"),
    options=RuleOptions,
)
