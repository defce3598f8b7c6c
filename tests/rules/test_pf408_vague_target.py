from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf408_vague_target as rule


@pytest.mark.parametrize("raw", ["有所提升", "服务水平进一步提高", "效果明显", "有所增长"])
def test_pf408_vague_target(raw: str) -> None:
    ind = factory.indicator(
        "效益指标", "社会效益指标", "统战干部业务能力提升度", raw, history=("有所提升", "有所提升")
    )
    findings = run(rule, with_indicator(ind, index=4))
    assert [(f.path, f.loc, f.found) for f in findings] == [
        ("goals[1].indicators[4].target", ind.target.loc, raw)
    ]


def test_pf408_terms_extend_the_list() -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "促进两岸友好发展", "稳定发展")
    filing = with_indicator(ind, goal=0, index=4)
    assert run(rule, filing) == []
    assert [f.path for f in run(rule, filing, terms=["稳定发展"])] == ["goals[0].indicators[4].target"]


def test_pf408_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize("raw", ["合规", "按时举行", "无重大安全事故", "≥95%"])
def test_pf408_checkable_values_pass(raw: str) -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "设备采购合规性", raw)
    assert run(rule, with_indicator(ind, goal=0, index=4)) == []
