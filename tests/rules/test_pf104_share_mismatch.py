"""PF104 share-mismatch."""

from __future__ import annotations

from decimal import Decimal

import pytest
from _run import factory

from perfform.model import Filing, Location
from perfform.rules.base import Finding
from perfform.rules.pf104_share_mismatch import RULE


def findings(filing: Filing, **options: object) -> list[Finding]:
    return list(RULE.check(filing, RULE.options(**options)))


def broken(share: str) -> Filing:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[0].share = factory.value(share, line=60)
    return filing


def test_pf104_passes_correct_shares() -> None:
    assert findings(factory.clean_filing()) == []


def test_pf104_fails_on_a_wrong_share() -> None:
    [finding] = findings(broken("70%"))
    assert RULE.code == "PF104"
    assert finding.path == "funding.expenditure.items[0].share"
    assert finding.loc == Location(line=60)
    assert (finding.expected, finding.found) == ("62%", "70%")
    assert finding.suggestion == "改为 62%"


def test_pf104_shows_expected_at_the_filed_precision() -> None:
    [finding] = findings(broken("58.25%"))
    assert finding.expected == "61.54%"
    [finding] = findings(broken("61.4%"))
    assert finding.expected == "61.5%"


@pytest.mark.parametrize("share", ["61.5%", "61.6%", "61.45%", "62%", "61.5", "615‰"])
def test_pf104_passes_within_tolerance_or_filed_precision(share: str) -> None:
    assert findings(broken(share)) == []


def test_pf104_honours_tolerance_points() -> None:
    assert findings(broken("61.7%")) != []
    assert findings(broken("61.7%"), tolerance_points=Decimal("0.5")) == []


@pytest.mark.parametrize("share", ["约60%", "", "—", "≥60%"])
def test_pf104_skips_unparsable_shares(share: str) -> None:
    assert findings(broken(share)) == []


def test_pf104_passes_a_bare_zero_share_for_no_money() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.income.total is not None
    income = filing.funding.income
    income.items[0].amount, income.items[0].share = factory.value("975.00"), factory.value("100%")
    income.items[1].amount, income.items[1].share = factory.value("0"), factory.value("0")
    assert findings(filing) == []


def test_pf104_skips_a_block_whose_total_is_zero() -> None:
    filing = broken("50%")
    assert filing.funding is not None and filing.funding.expenditure.total is not None
    filing.funding.expenditure.total.amount = factory.value("0")
    assert findings(filing) == []
