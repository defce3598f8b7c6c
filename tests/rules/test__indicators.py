from __future__ import annotations

import pytest

from perfform.rules._indicators import is_known_unit, is_lower_better, is_rate, is_satisfaction


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
