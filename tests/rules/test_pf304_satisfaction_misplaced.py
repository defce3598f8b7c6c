from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.rules import pf304_satisfaction_misplaced as rule


def test_pf304_satisfaction_under_social_benefit() -> None:
    # the sample's 来访人员满意率 filed under 社会效益指标
    ind = factory.indicator("效益指标", "社会效益指标", "来访人员满意率", "100%", history=("100%", "100%"))
    findings = run(rule, with_indicator(ind, index=4))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[4].level2", ind.loc)]
    assert findings[0].expected == "满意度指标/服务对象满意度指标"
    assert findings[0].found == "效益指标/社会效益指标"


def test_pf304_expected_place_follows_the_template_version() -> None:
    ind = factory.indicator("产出指标", "质量指标", "群众满意度", "≥90%")
    filing = with_indicator(ind, goal=0, index=2).model_copy(update={"taxonomy": "older"})
    findings = run(rule, filing)
    assert [(f.path, f.expected) for f in findings] == [
        ("goals[0].indicators[2].level2", "效益指标/服务对象满意度指标")
    ]


def test_pf304_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf304_dissatisfaction_share_is_not_a_satisfaction_indicator() -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "群众不满意率", "≤5%")
    assert run(rule, with_indicator(ind, index=4)) == []
