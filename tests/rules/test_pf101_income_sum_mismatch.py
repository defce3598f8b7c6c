"""PF101 income-sum-mismatch."""

from __future__ import annotations

from decimal import Decimal

from _run import factory

from perfform.model import Filing, Location
from perfform.rules.base import Finding
from perfform.rules.pf101_income_sum_mismatch import RULE


def findings(filing: Filing, **options: object) -> list[Finding]:
    return list(RULE.check(filing, RULE.options(**options)))


def test_pf101_passes_when_income_adds_up() -> None:
    assert findings(factory.clean_filing()) == []


def test_pf101_fails_on_a_wrong_current_year_total() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.income.total is not None
    filing.funding.income.total.amount = factory.value("968.19", line=40)
    [finding] = findings(filing)
    assert RULE.code == "PF101"
    assert finding.path == "funding.income.total.amount"
    assert finding.loc == Location(line=40)
    assert (finding.expected, finding.found) == ("968.19", "975.00")


def test_pf101_fails_on_a_wrong_history_column() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.income.items[1].history["2020"] = factory.value("500", line=41)
    [finding] = findings(filing)
    assert finding.path == "funding.income.total.history.2020"


def test_pf101_passes_rounding_and_honours_tolerance() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.income.total is not None
    filing.funding.income.total.amount = factory.value("975.0018")
    assert findings(filing) == []
    filing.funding.income.total.amount = factory.value("980")
    assert findings(filing, tolerance=Decimal("10")) == []


def test_pf101_does_not_sum_an_amount_filed_in_another_unit() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.income.items[1].amount = factory.value("750000元", line=42)
    assert findings(filing) == []
