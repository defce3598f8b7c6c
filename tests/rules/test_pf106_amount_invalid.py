"""PF106 amount-invalid."""

from __future__ import annotations

import pytest
from _run import factory

from perfform.model import Filing, Location
from perfform.rules.base import Finding
from perfform.rules.pf106_amount_invalid import RULE


def findings(filing: Filing, **options: object) -> list[Finding]:
    return list(RULE.check(filing, RULE.options(**options)))


def with_amount(raw: str) -> Filing:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.income.items[1].amount = factory.value(raw, line=20)
    return filing


def with_history(raw: str) -> Filing:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[0].history["2020"] = factory.value(raw, line=21)
    return filing


def test_pf106_passes_plain_amounts() -> None:
    assert findings(factory.clean_filing()) == []


@pytest.mark.parametrize("raw", ["约75", "-12.5", "≥75", "75元", "7.7%", "待定", "XX", "", "—"])
def test_pf106_fails_on_a_current_year_cell(raw: str) -> None:
    [finding] = findings(with_amount(raw))
    assert RULE.code == "PF106"
    assert finding.path == "funding.income.items[1].amount"
    assert finding.loc == Location(line=20)
    assert finding.found == raw


@pytest.mark.parametrize("raw", ["0", "75.00", "1,200.50", "75万元"])
def test_pf106_passes_current_year_amounts(raw: str) -> None:
    assert findings(with_amount(raw)) == []


@pytest.mark.parametrize("raw", ["约500", "-12.5", "500元"])
def test_pf106_fails_on_a_history_cell(raw: str) -> None:
    [finding] = findings(with_history(raw))
    assert finding.path == "funding.expenditure.items[0].history.2020"
    assert finding.loc == Location(line=21)
    assert "2020年" in finding.message


@pytest.mark.parametrize("raw", ["", "—", "-", "/"])
def test_pf106_allows_blank_history_unless_required(raw: str) -> None:
    assert findings(with_history(raw)) == []
    [finding] = findings(with_history(raw), history_required=True)
    assert finding.path == "funding.expenditure.items[0].history.2020"


def test_pf106_checks_total_rows() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.expenditure.total is not None
    filing.funding.expenditure.total.amount = factory.value("975.00万")
    [finding] = findings(filing)
    assert finding.path == "funding.expenditure.total.amount"
