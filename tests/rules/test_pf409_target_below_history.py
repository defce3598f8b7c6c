from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf409_target_below_history as rule


def test_pf409_sample_meeting_count_below_both_years() -> None:
    ind = factory.indicator(
        "产出指标", "数量指标", "统战工作领导小组会议次数", "≥2次", history=("4次", "4次"), years=(2018, 2019)
    )
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[1].target", ind.target.loc)]
    assert (findings[0].expected, findings[0].found) == ("≥4次", "≥2次")


def test_pf409_cost_above_both_years_is_reversed() -> None:
    ind = factory.indicator("成本指标", "经济成本指标", "人均培训费用", "≤800元", history=("700元", "720元"))
    findings = run(rule, with_indicator(ind, index=0))
    assert [(f.path, f.expected) for f in findings] == [("goals[1].indicators[0].target", "≤720元")]


def test_pf409_longer_deadline_than_both_years() -> None:
    ind = factory.indicator(
        "产出指标", "时效指标", "审批办结时限", "≤8个工作日", history=("7个工作日", "6个工作日")
    )
    findings = run(rule, with_indicator(ind, index=3))
    assert [(f.path, f.expected) for f in findings] == [("goals[1].indicators[3].target", "≤7个工作日")]


def test_pf409_unit_family_converts_scale() -> None:
    ind = factory.indicator("产出指标", "数量指标", "建档人数", "≥30000人", history=("3.8万人", "3.9万人"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.expected) for f in findings] == [("goals[1].indicators[1].target", "≥38000人")]


def test_pf409_cost_from_a_spending_standard_is_exempt_unless_configured() -> None:
    # the clean filing's 人均服务经费 ≤89元 (79元, 84元) follows the 预算支出标准
    assert run(rule, factory.clean_filing()) == []
    findings = run(rule, factory.clean_filing(), exempt_standards=[])
    assert [f.path for f in findings] == ["goals[1].indicators[0].target"]


@pytest.mark.parametrize(
    ("name", "target", "history"),
    [
        ("引进台资企业落户武昌", "1家", ("2家", "1家")),  # below one year only
        ("接待台湾社会各界人士到武昌访问", "5次", ("6次", "6资")),  # 资 is not comparable
        ("安全事故发生次数", "0次", ("0次", "0次")),  # lower-is-better, not above
        ("审批办结时限", "≤5个工作日", ("7个工作日", "6个工作日")),  # a shorter deadline is better
        ("培训人次", "≥800人次", ("—", "1300人次")),  # new last year
        ("资金拨付时间", "2022年12月底前", ("2020年12月底前", "2021年12月底前")),
        ("发言被市委采纳次数", "≥2次", (">2次", "≥2次")),
    ],
)
def test_pf409_targets_not_below_both_comparable_years_pass(
    name: str, target: str, history: tuple[str, str]
) -> None:
    ind = factory.indicator("产出指标", "数量指标", name, target, history=history)
    assert run(rule, with_indicator(ind, index=1)) == []


def test_pf409_long_term_goals_have_no_history() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥100人次")
    assert run(rule, with_indicator(ind, goal=0, index=1)) == []
