from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.rules import pf301_unknown_level1 as rule


def test_pf301_level2_name_filed_as_level1() -> None:
    ind = factory.indicator(
        "社会效益指标", "社会效益指标", "来访人数", "≥200人次", history=("180人次", "190人次")
    )
    findings = run(rule, with_indicator(ind, index=4))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[4].level1", ind.loc)]
    assert findings[0].found == "社会效益指标"
    assert "效益指标" in (findings[0].suggestion or "")


def test_pf301_evaluation_heading_filed_as_level1() -> None:
    ind = factory.indicator("决策", "数量指标", "立项论证", "充分")
    findings = run(rule, with_indicator(ind, goal=0, index=1))
    assert [f.path for f in findings] == ["goals[0].indicators[1].level1"]


def test_pf301_empty_level1_that_cannot_be_inferred() -> None:
    ind = factory.indicator("", "", "来访人数", "≥200人次").model_copy(update={"level1_filed": None})
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc, f.found) for f in findings] == [("goals[1].indicators[1].level1", ind.loc, None)]


def test_pf301_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf301_aliases_and_merged_cells_pass() -> None:
    alias = factory.indicator("效益指标", "社会效益指标", "规范管理率", "≥65%").model_copy(
        update={"level1_filed": "效果指标"}
    )
    merged = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200人次").model_copy(
        update={"level1_filed": None}
    )
    filing = with_indicator(alias, index=4)
    filing.goals[1].indicators[1] = merged
    assert run(rule, filing) == []
