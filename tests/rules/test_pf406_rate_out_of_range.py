from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf406_rate_out_of_range as rule


def test_pf406_garbled_rate_target() -> None:
    ind = factory.indicator("产出指标", "质量指标", "验收合格率", "292%", history=("100%", "100%"))
    findings = run(rule, with_indicator(ind, index=2))
    assert [(f.path, f.loc, f.found) for f in findings] == [
        ("goals[1].indicators[2].target", ind.target.loc, "292%")
    ]


def test_pf406_history_cell_out_of_range() -> None:
    ind = factory.indicator("满意度指标", "服务对象满意度指标", "居民满意度", "≥92%", history=("90%", "105%"))
    findings = run(rule, with_indicator(ind, index=5))
    assert [(f.path, f.loc) for f in findings] == [
        ("goals[1].indicators[5].history.2021", ind.history["2021"].loc)
    ]


def test_pf406_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize(
    ("name", "raw"), [("验收合格率", "100%"), ("营业收入增长率", "150%"), ("差错率", "≤5‰")]
)
def test_pf406_in_range_and_growth_pass(name: str, raw: str) -> None:
    ind = factory.indicator("产出指标", "质量指标", name, raw)
    assert run(rule, with_indicator(ind, goal=0, index=2)) == []
