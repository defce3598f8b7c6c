from __future__ import annotations

import pytest
from _run import factory

from perfform.rules._indicators import (
    is_known_unit,
    is_lower_better,
    is_rate,
    is_satisfaction,
    rows,
    rows_with_target,
    shared_rows,
)


@pytest.mark.parametrize(
    ("name", "lower"),
    [
        ("人均基本公共卫生服务经费", True),
        ("人均培训成本", True),
        ("群众投诉件数", True),
        ("安全事故发生率", True),
        ("办理时长", True),
        ("改造工程验收不合格率", True),
        ("居民满意度", False),
        ("投诉办结率", False),
        ("成本节约率", False),
        ("经费保障率", False),
        ("培训人次", False),
        ("审批办结时限", True),
        ("办理时长缩短率", False),
        ("疫情处置经费控制率", True),
        ("故障修复率", False),
        ("群众不满意率", True),
    ],
)
def test_polarity(name: str, lower: bool) -> None:
    assert is_lower_better(name) is lower


@pytest.mark.parametrize(
    ("unit", "known"),
    [
        ("次", True),
        ("万人", True),
        ("元/生·年", True),
        ("个工作日", True),
        ("万元/公里", True),
        ("资", False),
    ],
)
def test_known_units(unit: str, known: bool) -> None:
    assert is_known_unit(unit) is known


def test_rates_and_satisfaction() -> None:
    assert is_rate("验收合格率") and is_rate("基层诊疗量占比") and not is_rate("培训人次")
    assert is_satisfaction("来访人员满意率") and not is_satisfaction("群众不满意率")


def test_rows_carry_place_name_and_values_in_form_order() -> None:
    filing = factory.clean_filing()
    indicator = filing.goals[1].indicators[1]
    indicator.name = " 培训\u00a0 人次 "
    indicator.history = {"2021": indicator.history["2021"], "2020": indicator.history["2020"]}
    row = rows(filing)[len(filing.goals[0].indicators) + 1]
    assert (row.goal_index, row.index, row.path) == (1, 1, "goals[1].indicators[1]")
    assert row.name == "培训 人次" and row.years == ("2020", "2021")
    history = indicator.history
    assert row.values == (indicator.target, history["2020"], history["2021"])
    assert row.values_and_standard == (*row.values, indicator.standard)


def test_cells_are_made_with_their_path_label_and_location() -> None:
    filing = factory.clean_filing()
    annual, long_term = rows(filing)[len(filing.goals[0].indicators)], rows(filing)[0]
    assert [(c.path, c.label, c.is_target) for c in annual.cells] == [
        ("goals[1].indicators[0].target", "预期当年实现值", True),
        ("goals[1].indicators[0].history.2020", "近两年指标值（2020年）", False),
        ("goals[1].indicators[0].history.2021", "近两年指标值（2021年）", False),
    ]
    standard = annual.cell(len(annual.values_and_standard) - 1)
    assert (standard.path, standard.label, standard.value) == (
        "goals[1].indicators[0].standard",
        "绩效标准",
        annual.indicator.standard,
    )
    assert long_term.target.label == "指标值" and long_term.history == []
    target = long_term.indicator.target
    assert long_term.target.loc == target.loc
    target.loc = None
    assert long_term.target.loc == long_term.indicator.loc


def test_rows_with_target_keeps_form_order_per_kind() -> None:
    filing = factory.clean_filing()
    every = rows(filing)
    for kind in ("number", "percent", "date", "text", "empty"):
        expected = [row.path for row in every if row.indicator.target.kind == kind]
        assert [row.path for row in rows_with_target(filing, kind)] == expected
    assert rows_with_target(filing, "empty") == ()


def test_shared_rows_are_built_once_per_filing() -> None:
    filing, other = factory.clean_filing(), factory.clean_filing()
    with shared_rows(filing):
        assert rows(filing) is rows(filing)
        assert rows_with_target(filing, "percent") is rows_with_target(filing, "percent")
        assert rows(other) is not rows(other)
    assert rows(filing) is not rows(filing)
