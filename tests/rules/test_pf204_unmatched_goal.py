"""PF204 unmatched-goal."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf204_unmatched_goal import RULE


def test_pf204_passes_matching_names_up_to_spacing_and_punctuation() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[1].name = " 基本公共卫生 服务。"
    assert list(RULE.check(filing, RULE.options())) == []


def test_pf204_fails_both_ways_on_a_renamed_goal() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals[1].name = "公共卫生服务"
    long_term, annual = RULE.check(filing, RULE.options())
    assert RULE.code == "PF204"
    assert (long_term.path, long_term.loc) == ("goals[0].name", filing.goals[0].loc)
    assert "没有同名的年度目标" in long_term.message
    assert (annual.path, annual.loc) == ("goals[1].name", filing.goals[1].loc)
    assert annual.suggestion is not None and "长期目标1" in annual.suggestion


def test_pf204_fails_on_an_annual_goal_without_long_term() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals.append(factory.goal("annual", 2, "重大疾病防控", filing.goals[1].indicators))
    [finding] = RULE.check(filing, RULE.options())
    assert finding.path == "goals[2].name"
    assert finding.found == "重大疾病防控"


def test_pf204_skips_when_one_kind_is_missing() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals = filing.goals[:1]
    assert list(RULE.check(filing, RULE.options())) == []
