from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf405_unit_mismatch as rule


def test_pf405_sample_typo_in_a_history_cell() -> None:
    # the sample: 接待台湾社会各界人士到武昌访问, 2018 "5次", 2019 "6资", target "5次"
    ind = factory.indicator(
        "产出指标",
        "数量指标",
        "接待台湾社会各界人士到武昌访问",
        "5次",
        history=("5次", "6资"),
        years=(2018, 2019),
    )
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [
        ("goals[1].indicators[1].history.2019", ind.history["2019"].loc)
    ]
    assert (findings[0].found, findings[0].suggestion) == ("6资", "次")


def test_pf405_target_unit_differs_from_history() -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "打造特色示范社区", "≥2次", history=("3个", "3个"))
    findings = run(rule, with_indicator(ind, index=4))
    assert [(f.path, f.loc, f.suggestion) for f in findings] == [
        ("goals[1].indicators[4].target", ind.target.loc, "个")
    ]


def test_pf405_odd_history_year_among_agreeing_cells() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200人次", history=("1000人", "1100人次"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.suggestion) for f in findings] == [("goals[1].indicators[1].history.2020", "人次")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [("组织接待次数", "次"), ("接待台胞", "次")],  # from the name; else the typing-confusion table
)
def test_pf405_suggestion_without_other_cells(name: str, expected: str) -> None:
    ind = factory.indicator("产出指标", "数量指标", name, "5资")
    [finding] = run(rule, with_indicator(ind, goal=0, index=1))
    assert (finding.path, finding.suggestion) == ("goals[0].indicators[1].target", expected)


def test_pf405_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize(
    ("target", "history"),
    [
        ("≤800元/生·年", ("780元/生·年", "790元/生·年")),
        ("不少于39.5万人", ("38.2万人", "39.1万人")),
        ("≤3个工作日", ("5个工作日", "4个工作日")),
        ("≥９０％", ("88%", "89％")),
        ("2次", ("—", "2次")),
    ],
)
def test_pf405_known_and_matching_units_pass(target: str, history: tuple[str, str]) -> None:
    ind = factory.indicator("产出指标", "数量指标", "人均公用经费", target, history=history)
    assert run(rule, with_indicator(ind, index=1)) == []
