"""A 长期目标 has no 年度目标 of the same name, or a 年度目标 no 长期目标 of the same name.

Why: the goal names link each year's goal to the long-term goal it serves (统战业务补助经费 in both tables, in
the sample); the annual indicators are read against the long-term ones (rules-research VAL-20, SEC-03). A name
on one side only means a goal was renamed on one side, dropped, or added without its counterpart. Names are
compared after removing whitespace and punctuation. The check runs only when the form has both long-term and
annual goals (PF003 reports a side that is missing altogether).

Fails:
    长期目标2：党派及其相关团体工作经费 · 年度目标2：党派团体工作经费

Passes:
    长期目标2：党派及其相关团体工作经费 · 年度目标2：党派及其相关团体工作经费。
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from perfform.diagnostics import Severity
from perfform.model import Filing, Goal
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.rules.pf201_goal_without_indicators import goal_label

_NOISE = re.compile(r"[\s\W_]+")
_OTHER = {"long_term": "年度目标", "annual": "长期目标"}


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The name without whitespace or punctuation, full-width folded: "党派、团体 经费。" → "党派团体经费"."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", name))


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    names = {kind: {name_key(g.name) for g in filing.goals if g.kind == kind} for kind in _OTHER}
    if not all(names.values()):
        return
    for i, goal in enumerate(filing.goals):
        other_kind = "annual" if goal.kind == "long_term" else "long_term"
        if name_key(goal.name) in names[other_kind]:
            continue
        yield Finding(
            message=f"{goal_label(goal)}没有同名的{_OTHER[goal.kind]}",
            path=f"goals[{i}].name",
            loc=goal.loc,
            found=goal.name,
            suggestion=_suggestion(filing.goals, goal, other_kind),
        )


def _suggestion(goals: list[Goal], goal: Goal, other_kind: str) -> str:
    twin = next((g for g in goals if g.kind == other_kind and g.index == goal.index), None)
    if twin is None:
        return f"补充同名的{_OTHER[goal.kind]}，或核对目标名称"
    return f"若与{goal_label(twin)}是同一目标，请统一名称"


RULE = Rule(
    code="PF204",
    name="unmatched-goal",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("goals", "consistency"),
    options=RuleOptions,
)
