"""PF202 goal-without-output."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf202_goal_without_output import RULE
from perfform.taxonomy import OUTPUT


def test_pf202_passes_goals_with_output_indicators() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf202_fails_on_a_goal_without_output() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    goal = filing.goals[0]
    goal.indicators = [i for i in goal.indicators if i.level1 != OUTPUT]
    [finding] = RULE.check(filing, RULE.options())
    assert RULE.code == "PF202"
    assert finding.path == "goals[0].indicators"
    assert finding.loc == goal.loc
    assert "产出指标" in finding.message


def test_pf202_leaves_empty_goals_to_pf201() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[0].indicators = []
    assert list(RULE.check(filing, RULE.options())) == []
