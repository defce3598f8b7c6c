from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.rules import pf302_level2_not_under_level1 as rule


def test_pf302_level2_under_the_wrong_level1() -> None:
    ind = factory.indicator("效益指标", "数量指标", "培训人次", "≥1200人次", history=("1000人次", "1100人次"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[1].level2", ind.loc)]
    assert (findings[0].expected, findings[0].found) == ("产出指标/数量指标", "效益指标/数量指标")


def test_pf302_pair_of_another_version_is_judged_by_the_filings_version() -> None:
    # 产出指标 → 成本指标 is the 2015 / older layout; the clean filing follows the 2021 rules
    ind = factory.indicator("产出指标", "成本指标", "人均服务经费", "≤89元", history=("79元", "84元"))
    findings = run(rule, with_indicator(ind, index=0))
    assert [f.path for f in findings] == ["goals[1].indicators[0].level2"]
    assert "PF303" in (findings[0].suggestion or "")


def test_pf302_unknown_level2() -> None:
    ind = factory.indicator("产出指标", "工作指标", "培训人次", "≥1200人次")
    findings = run(rule, with_indicator(ind, goal=0, index=1))
    assert [(f.path, f.found) for f in findings] == [("goals[0].indicators[1].level2", "工作指标")]


def test_pf302_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf302_level1_not_filed_is_not_judged() -> None:
    ind = factory.indicator("效益指标", "数量指标", "培训人次", "≥1200人次").model_copy(
        update={"level1_filed": None}
    )
    assert run(rule, with_indicator(ind, index=1)) == []


def test_pf302_satisfaction_under_benefit_passes_in_the_older_template() -> None:
    ind = factory.indicator("效益指标", "服务对象满意度指标", "来访人员满意率", "100%")
    filing = with_indicator(ind, index=5).model_copy(update={"taxonomy": "older"})
    assert [f for f in run(rule, filing) if f.path == "goals[1].indicators[5].level2"] == []
