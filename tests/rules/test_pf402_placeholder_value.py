from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf402_placeholder_value as rule


@pytest.mark.parametrize("raw", ["≥XX人次", "XX", "**", "待定", "—", "-", "/", "单击或点击此处输入文字。"])
def test_pf402_placeholder_in_target(raw: str) -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", raw, history=("1000人次", "1100人次"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[1].target", ind.target.loc)]


def test_pf402_placeholder_in_standard() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200人次", standard="待定")
    findings = run(rule, with_indicator(ind, goal=0, index=1))
    assert ind.standard is not None
    assert [(f.path, f.loc) for f in findings] == [("goals[0].indicators[1].standard", ind.standard.loc)]


def test_pf402_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize("history", [("—", "—"), ("-", "1100人次"), ("/", "/")])
def test_pf402_dashes_in_history_mean_a_new_indicator(history: tuple[str, str]) -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200人次", history=history)
    assert run(rule, with_indicator(ind, index=1)) == []


def test_pf402_none_as_a_target_is_a_value() -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "重大安全事故", "无")
    assert run(rule, with_indicator(ind, index=4)) == []
