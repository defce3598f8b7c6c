"""PF203 goal-without-outcome."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf203_goal_without_outcome import RULE
from perfform.taxonomy import BENEFIT


def test_pf203_passes_goals_with_benefit_indicators() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf203_fails_when_satisfaction_is_the_only_benefit() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    goal = filing.goals[1]
    goal.indicators = [i for i in goal.indicators if i.level1 != BENEFIT]
    goal.indicators.append(factory.indicator("效益指标", "服务对象满意度指标", "来访人员满意率", "≥90%"))
    goal.indicators.append(factory.indicator("效益指标", "社会效益指标", "群众满意度", "≥90%"))
    [finding] = RULE.check(filing, RULE.options())
    assert RULE.code == "PF203"
    assert finding.path == "goals[1].indicators"
    assert finding.loc == goal.loc
    assert "效益指标" in finding.message


def test_pf203_leaves_empty_goals_to_pf201() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[1].indicators = []
    assert list(RULE.check(filing, RULE.options())) == []
