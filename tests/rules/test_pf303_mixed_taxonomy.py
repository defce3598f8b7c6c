from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.rules import pf303_mixed_taxonomy as rule


def test_pf303_satisfaction_as_level1_and_under_benefit() -> None:
    # long-term goal: 满意度指标 as its own 一级 (2021 rules); annual goal: under 效益指标 (older template)
    ind = factory.indicator("效益指标", "服务对象满意度指标", "居民满意度", "≥92%", history=("90%", "91%"))
    findings = run(rule, with_indicator(ind, index=5))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[5].level1", ind.loc)]
    assert "长期目标1「居民满意度」" in findings[0].message


def test_pf303_cost_as_level1_and_under_output() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    ind = factory.indicator("产出指标", "成本指标", "人均培训费用", "≤800元", history=("800元", "800元"))
    filing.goals[1].indicators.append(ind)
    findings = run(rule, filing)
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[6].level1", ind.loc)]
    assert findings[0].expected == "成本指标作为一级指标"


def test_pf303_minority_placement_is_reported() -> None:
    # three rows under 效益指标 against one own 一级: the single own-一级 row is the odd one
    filing = factory.clean_filing().model_copy(deep=True)
    benefit = [factory.indicator("效益指标", "服务对象满意度指标", f"满意度{k}", "≥92%") for k in range(3)]
    filing.goals[0].indicators[5:6] = benefit
    findings = run(rule, filing)
    assert [f.path for f in findings] == ["goals[1].indicators[5].level1"]


def test_pf303_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf303_one_placement_throughout_passes() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    for goal in filing.goals:
        goal.indicators[5] = factory.indicator("效益指标", "服务对象满意度指标", "居民满意度", "≥92%")
        goal.indicators[0] = factory.indicator("产出指标", "成本指标", "人均服务经费", "≤89元")
    filing.taxonomy = "older"
    assert run(rule, filing) == []
