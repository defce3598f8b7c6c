"""PF201 goal-without-indicators."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf201_goal_without_indicators import RULE


def test_pf201_passes_goals_with_indicators() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf201_fails_on_a_goal_without_rows() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[1].indicators = []
    [finding] = RULE.check(filing, RULE.options())
    assert RULE.code == "PF201"
    assert finding.path == "goals[1].indicators"
    assert finding.loc == filing.goals[1].loc
    assert "年度目标1「基本公共卫生服务」" in finding.message
