from __future__ import annotations

import pytest
from _run import factory, run, with_indicator

from perfform.rules import pf404_missing_unit as rule


def test_pf404_count_without_unit_suggests_the_history_unit() -> None:
    ind = factory.indicator("产出指标", "数量指标", "培训人次", "≥1200", history=("1000人次", "1100人次"))
    findings = run(rule, with_indicator(ind, index=1))
    assert [(f.path, f.loc) for f in findings] == [("goals[1].indicators[1].target", ind.target.loc)]
    assert findings[0].suggestion == "≥1200人次"


def test_pf404_rate_written_zero_suggests_zero_percent() -> None:
    # the sample: "0" in the long-term table, "0%" in the annual one
    ind = factory.indicator("产出指标", "质量指标", "主题活动安全事故发生率", "0")
    findings = run(rule, with_indicator(ind, goal=0, index=2))
    assert [(f.path, f.loc, f.suggestion) for f in findings] == [
        ("goals[0].indicators[2].target", ind.target.loc, "0%")
    ]


def test_pf404_unit_from_the_name_when_no_cell_has_one() -> None:
    ind = factory.indicator("产出指标", "数量指标", "全年党派培训次数", "6")
    [finding] = run(rule, with_indicator(ind, goal=0, index=1))
    assert finding.suggestion == "6次"


def test_pf404_bare_zero_count_is_accepted_unless_configured() -> None:
    ind = factory.indicator("效益指标", "社会效益指标", "重大活动安全事故发生数", "0")
    filing = with_indicator(ind, goal=0, index=4)
    assert run(rule, filing) == []
    assert [f.path for f in run(rule, filing, allow_bare_zero=False)] == ["goals[0].indicators[4].target"]


def test_pf404_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


@pytest.mark.parametrize("raw", ["0%", "≥９０％", "不少于3600人次", "2022年12月底前", "按时完成"])
def test_pf404_values_with_units_dates_and_texts_pass(raw: str) -> None:
    ind = factory.indicator("产出指标", "质量指标", "培训覆盖率", raw)
    assert run(rule, with_indicator(ind, goal=0, index=2)) == []
