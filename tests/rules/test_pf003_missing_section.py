"""PF003 missing-section."""

from __future__ import annotations

import pytest
from _run import factory

from perfform.model import Filing, FundBlock, Location
from perfform.rules.base import Finding
from perfform.rules.pf003_missing_section import RULE


def findings(filing: Filing) -> list[Finding]:
    return list(RULE.check(filing, RULE.options()))


def test_pf003_passes_a_complete_filing() -> None:
    assert findings(factory.clean_filing()) == []


@pytest.mark.parametrize(
    ("field", "blank", "path", "line"),
    [
        ("department", None, "department", 1),
        ("functions", "  ", "functions", 11),
        ("annual_tasks", "", "annual_tasks", 12),
    ],
)
def test_pf003_fails_on_a_blank_text_section(field: str, blank: str | None, path: str, line: int) -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    setattr(filing, field, blank)
    [finding] = findings(filing)
    assert finding.path == path
    assert finding.loc == Location(line=line)


def test_pf003_fails_on_a_blank_overall_goal_text() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.overall_goals.long_term = "\u3000"
    [finding] = findings(filing)
    assert finding.path == "overall_goals.long_term"
    assert finding.loc == Location(line=13)
    assert "长期目标" in finding.message


def test_pf003_fails_without_funding_table() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.funding = None
    del filing.sections["funding"]
    [finding] = findings(filing)
    assert finding.path == "funding"
    assert finding.loc is None


def test_pf003_fails_on_an_empty_expenditure_block() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    assert filing.funding is not None
    filing.funding.expenditure = FundBlock()
    [finding] = findings(filing)
    assert finding.path == "funding.expenditure"
    assert finding.loc == Location(line=3)
    assert "支出构成" in finding.message


def test_pf003_fails_without_annual_goals() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals = [g for g in filing.goals if g.kind == "long_term"]
    [finding] = findings(filing)
    assert finding.path == "goals"
    assert finding.loc == Location(line=15)
    assert "年度目标" in finding.message


def test_pf003_reports_both_goal_kinds_when_there_are_no_goals() -> None:
    filing = factory.clean_filing().model_copy(deep=True)
    filing.goals = []
    assert [f.path for f in findings(filing)] == ["goals", "goals"]
