"""PF205 duplicate-indicator."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf205_duplicate_indicator import RULE


def test_pf205_passes_distinct_names() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf205_fails_on_a_repeated_name() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    repeated = factory.indicator("产出指标", "质量指标", "培训 人次", "≥1000人次")
    filing.goals[1].indicators.append(repeated)
    [finding] = RULE.check(filing, RULE.options())
    assert RULE.code == "PF205"
    assert finding.path == "goals[1].indicators[6].name"
    assert finding.loc == repeated.loc
    assert "第 2 行与第 7 行" in finding.message


def test_pf205_allows_the_same_name_in_different_goals() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.goals[0].indicators[1].name == filing.goals[1].indicators[1].name
    assert list(RULE.check(filing, RULE.options())) == []
