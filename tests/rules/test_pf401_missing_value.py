from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.rules import pf401_missing_value as rule


def test_pf401_empty_target() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "", history=("1000人次", "1100人次"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[1].target", ind.target.loc)]
    assert "预期当年实现值" in findings[0].message


def test_pf401_empty_long_term_value_names_the_column() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "\u00a0")
    findings = run(rule, with_indicator(ind, goal=0, index=1))
    assert [f.path for f in findings] == ["goals[0].indicators[1].target"]
    assert "指标值为空" in findings[0].message


def test_pf401_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf401_blank_history_is_not_a_missing_value() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200人次", history=("", "—"))
    assert run(rule, with_indicator(ind, index=1)) == []
