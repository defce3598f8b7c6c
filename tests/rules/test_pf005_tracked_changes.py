"""PF005 tracked-changes."""

from __future__ import annotations

from _run import factory

from perfform.rules.pf005_tracked_changes import RULE


def test_pf005_passes_without_revisions() -> None:
    assert list(RULE.check(factory.clean_filing(), RULE.options())) == []


def test_pf005_fails_with_open_revisions() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.tracked_changes = 3
    [finding] = RULE.check(filing, RULE.options())
    assert finding.path == "tracked_changes"
    assert finding.loc is None
    assert finding.found == "3"
    assert RULE.name == "tracked-changes"
