from __future__ import annotations

from _run import factory, run, with_indicator

from perfform.model import Indicator
from perfform.rules import pf407_satisfaction_below_threshold as rule


def _satisfaction(raw: str) -> Indicator:
    return factory.indicator("满意度指标", "服务对象满意度指标", "居民满意度", raw, history=("90%", "91%"))


def test_pf407_below_the_default_threshold() -> None:
    ind = _satisfaction("≥80%")
    findings = run(rule, with_indicator(ind, index=5))
    assert [(f.path, f.loc, f.expected) for f in findings] == [
        ("goals[1].indicators[5].target", ind.target.loc, "≥90%")
    ]


def test_pf407_ceiling_operator_on_satisfaction() -> None:
    ind = _satisfaction("≤95%")
    findings = run(rule, with_indicator(ind, index=5))
    assert [(f.path, f.suggestion) for f in findings] == [("goals[1].indicators[5].target", "≥95%")]


def test_pf407_threshold_is_configurable() -> None:
    filing = with_indicator(_satisfaction("≥85%"), index=5)
    assert [f.path for f in run(rule, filing)] == ["goals[1].indicators[5].target"]
    assert run(rule, filing, threshold=85) == []
    assert [f.path for f in run(rule, factory.clean_filing(), threshold=95)] == [
        "goals[0].indicators[5].target",
        "goals[1].indicators[5].target",
    ]


def test_pf407_clean_filing_passes() -> None:
    assert run(rule, factory.clean_filing()) == []


def test_pf407_full_width_value_at_the_threshold_passes() -> None:
    assert run(rule, with_indicator(_satisfaction("≥９０％"), index=5)) == []
