"""PF102 expenditure-sum-mismatch."""

from __future__ import annotations

from _run import factory

from perfform.model import Location
from perfform.rules.pf102_expenditure_sum_mismatch import RULE


def test_pf102_passes_when_expenditure_adds_up() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf102_fails_on_a_magnitude_error() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[0].amount = factory.value("6000000", line=50)
    total = filing.funding.expenditure.total
    assert total is not None
    [finding] = RULE.check(filing, RULE.options())
    assert RULE.code == "PF102"
    assert finding.path == "funding.expenditure.total.amount"
    assert finding.loc == total.amount.loc
    assert (finding.expected, finding.found) == ("975.00", "6000375.00")


def test_pf102_fails_on_a_history_column() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[1].history["2021"] = factory.value("300")
    [finding] = RULE.check(filing, RULE.options())
    assert finding.path == "funding.expenditure.total.history.2021"
    assert isinstance(finding.loc, Location)
