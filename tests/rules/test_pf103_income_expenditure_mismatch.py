"""PF103 income-expenditure-mismatch."""

from __future__ import annotations

from decimal import Decimal

from _run import factory

from perfform.model import Filing, Location
from perfform.rules.base import Finding
from perfform.rules.pf103_income_expenditure_mismatch import RULE


def findings(filing: Filing, **options: object) -> list[Finding]:
    return list(RULE.check(filing, RULE.options(**options)))


def test_pf103_passes_when_totals_agree() -> None:
    assert findings(factory.clean_filing()) == []


def test_pf103_fails_when_expenditure_total_differs() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.expenditure.total is not None
    filing.funding.expenditure.total.amount = factory.value("980.00", line=70)
    [finding] = findings(filing)
    assert RULE.code == "PF103"
    assert finding.path == "funding.expenditure.total.amount"
    assert finding.loc == Location(line=70)
    assert (finding.expected, finding.found) == ("975.00", "980.00")


def test_pf103_compares_history_columns() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.income.total is not None
    filing.funding.income.total.history["2021"] = factory.value("920")
    [finding] = findings(filing)
    assert finding.path == "funding.expenditure.total.history.2021"
    assert "2021年" in finding.message


def test_pf103_passes_rounding_and_skips_unparsable_totals() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.expenditure.total is not None
    filing.funding.expenditure.total.amount = factory.value("975.0018")
    assert findings(filing) == []
    filing.funding.expenditure.total.amount = factory.value("约980")
    assert findings(filing) == []
    filing.funding.expenditure.total.amount = factory.value("976")
    assert findings(filing, tolerance=Decimal("2")) == []
