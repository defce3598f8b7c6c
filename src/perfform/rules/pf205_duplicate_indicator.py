"""The same indicator name appears twice in one goal.

Why: each 三级指标 of a goal measures one thing. A name filed twice is a row copied and not edited, or the same
measure with two different values, which a reviewer cannot reconcile. Names are compared after removing
whitespace and punctuation; the second and later rows are reported, pointing back at the first.

Fails:
    年度目标1：… | 产出指标 | 数量指标 | 培训人次 | ≥1200人次
                 | 产出指标 | 质量指标 | 培训人次 | ≥1000人次

Passes:
    年度目标1：… | 产出指标 | 数量指标 | 培训人次 | ≥1200人次
                 | 产出指标 | 质量指标 | 培训合格率 | ≥90%
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.rules.pf201_goal_without_indicators import goal_label
from perfform.rules.pf204_unmatched_goal import name_key


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for i, goal in enumerate(filing.goals):
        first: dict[str, int] = {}
        for j, indicator in enumerate(goal.indicators):
            key = name_key(indicator.name)
            if not key:
                continue
            if key not in first:
                first[key] = j
                continue
            yield Finding(
                message=f"{goal_label(goal)}中三级指标「{indicator.name}」重复（第 {first[key] + 1} 行与第 {j + 1} 行）",
                path=f"goals[{i}].indicators[{j}].name",
                loc=indicator.loc,
                found=indicator.name,
                suggestion="删除重复行，或改为不同的指标名称",
            )


RULE = Rule(
    code="PF205",
    name="duplicate-indicator",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("goals", "indicators", "consistency"),
    options=RuleOptions,
)
