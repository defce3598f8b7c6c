from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf403_malformed_value as rule


@pytest.mark.parametrize(
    "raw", ["≥≤5次", "≤5天以上", "≥100百分比", "百分之95", "±5%", "≈90%", "≥=90%", "≥约90%"]
)
def test_pf403_malformed_target(raw: str) -> None:
    ind = factory.indicator("产出指标", "质量指标", "验收合格率", raw, history=("100%", "100%"))
    findings = run(rule, with_indicator(ind, index=2))
    assert [(f.path, f.loc, f.found) for f in findings] == [
        ("goals[1].indicators[2].target", ind.target.loc, raw)
    ]


def test_pf403_percent_word_gets_the_percent_sign() -> None:
    ind = factory.indicator("产出指标", "质量指标", "验收合格率", "≥100百分比")
    [finding] = run(rule, with_indicator(ind, goal=0, index=2))
    assert finding.suggestion == "≥100%"


def test_pf403_malformed_history_cell() -> None:
    ind = factory.indicator(
        "产出指标", "数量指标", "培训人次", "≥1200人次", history=("1000人次", "≥≤1100人次")
    )
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [
        ("goals[1].indicators[1].history.2021", ind.history["2021"].loc)
    ]


def test_pf403_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize(
    "raw",
    ["≥5次", "5天以内", "≥90%以上", "不少于3600人次", "≥９０％", ">=90%", "100%（=合格数/验收数×100%）"],
)
def test_pf403_well_formed_values_pass(raw: str) -> None:
    ind = factory.indicator("产出指标", "质量指标", "验收合格率", raw)
    assert run(rule, with_indicator(ind, goal=0, index=2)) == []


@pytest.mark.parametrize(
    "raw",
    [
        "＞＜5次",
        "＋－5%",
        "５０百分比",
        "百分之９５",
        "≧≦5",
        "不低于5天以下",
        "超过5次以内",
        "＜＝90％",
        "较好",
    ],
)
def test_pf403_the_cheap_test_lets_through_every_problem(raw: str) -> None:
    """`_suspect` looks at the raw text (full-width forms included) before `_problem` normalizes it."""
    found = [rule._problem(raw, kind) for kind in ("number", "percent", "date", "text")]
    if any(problem is not None for problem in found):
        assert rule._suspect(raw)
    ind = factory.indicator("产出指标", "质量指标", "验收合格率", raw)
    findings = run(rule, with_indicator(ind, goal=0, index=2))
    assert bool(findings) is (rule._problem(raw, ind.target.kind) is not None)
