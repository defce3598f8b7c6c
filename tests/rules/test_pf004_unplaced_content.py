"""PF004 unplaced-content."""

from __future__ import annotations

from _run import factory

from perfform.model import Location, Unplaced
from perfform.rules.pf004_unplaced_content import RULE


def test_pf004_passes_when_everything_is_placed() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf004_reports_each_unplaced_entry_at_its_place() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.unplaced = [
        Unplaced(text="说明：项目支出含上年结转资金", loc=Location(line=9)),
        Unplaced(text="附件：" + "很长的说明" * 20, loc=Location(table=2, row=3, column=1)),
    ]
    first, second = RULE.check(filing, RULE.options())
    assert (first.path, first.loc) == ("unplaced[0]", Location(line=9))
    assert first.found == "说明：项目支出含上年结转资金"
    assert (second.path, second.loc) == ("unplaced[1]", Location(table=2, row=3, column=1))
    assert "…" in second.message and "\n" not in second.message
