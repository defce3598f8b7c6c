"""PF105 share-total."""

from __future__ import annotations

from _run import factory

from perfform.model import Filing, Location
from perfform.rules.base import Finding
from perfform.rules.pf105_share_total import RULE


def findings(filing: Filing) -> list[Finding]:
    return list(RULE.check(filing, RULE.options()))


def test_pf105_passes_shares_that_total_100() -> None:
    assert findings(factory.clean_filing()) == []


def test_pf105_fails_on_a_total_row_share() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None and filing.funding.income.total is not None
    filing.funding.income.total.share = factory.value("82%", line=30)
    [finding] = findings(filing)
    assert RULE.code == "PF105"
    assert finding.path == "funding.income.total.share"
    assert finding.loc == Location(line=30)
    assert (finding.expected, finding.found) == ("100%", "82%")


def test_pf105_fails_when_line_shares_do_not_add_up() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    expenditure = filing.funding.expenditure
    expenditure.items[0].share = factory.value("74.8%", line=61)
    expenditure.items[1].share = factory.value("20.2%", line=62)
    [finding] = findings(filing)
    assert finding.path == "funding.expenditure.items"
    assert finding.loc == Location(line=61)
    assert finding.found == "95.0%"


def test_pf105_passes_rounded_thirds() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    items = filing.funding.expenditure.items
    items.append(items[1].model_copy(deep=True))
    for item in items:
        item.share = factory.value("33.3%")
    assert findings(filing) == []


def test_pf105_skips_sum_when_a_share_is_unparsable() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure.items[0].share = factory.value("见说明")
    assert findings(filing) == []
