"""A required section of the form is missing or empty.

Why: review sheets check that the form is "填报内容完整…无缺项" (rules-research SEC-01). A 部门整体支出绩效目标表
needs the 部门名称, the 部门总体资金情况 table (收入构成 and 支出构成), the 部门职能概述, the 年度工作任务, the
整体绩效目标 (长期目标 and 年度目标 texts) and at least one 长期目标 and one 年度目标 with its 绩效指标 table.
A section whose label is present but whose content is blank counts as missing; the finding points at the label.

Fails:
    部门职能概述 | (blank)                          → functions
    整体绩效目标 | 长期目标 | (blank)                 → overall_goals.long_term
    长期目标1：… and 长期目标2：…, but no 年度目标      → goals

Passes:
    every section filled, with 长期目标1 and 年度目标1 each followed by its 绩效指标 rows
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing, FundBlock, Location
from perfform.rules.base import Finding, Rule, RuleOptions

_TEXTS = (
    ("department", "部门名称", "department"),
    ("functions", "部门职能概述", "functions"),
    ("annual_tasks", "年度工作任务", "annual_tasks"),
)


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for path, label, section in _TEXTS:
        if _blank(getattr(filing, path)):
            yield _missing(filing, path, label, section)
    yield from _funding(filing)
    overall = filing.overall_goals
    for path, text, label in (
        ("long_term", overall.long_term, "长期目标"),
        ("annual", overall.annual, "年度目标"),
    ):
        if _blank(text):
            yield _missing(filing, f"overall_goals.{path}", f"整体绩效目标的{label}", "overall_goals")
    kinds = {goal.kind for goal in filing.goals}
    for kind, label in (("long_term", "长期目标"), ("annual", "年度目标")):
        if kind not in kinds:
            yield _missing(filing, "goals", f"{label}（{label}1：目标名称及其绩效指标表）", "goals")


def _funding(filing: Filing) -> Iterator[Finding]:
    funding = filing.funding
    if funding is None or (_empty(funding.income) and _empty(funding.expenditure)):
        yield _missing(filing, "funding", "部门总体资金情况", "funding")
        return
    for path, label in (("income", "收入构成"), ("expenditure", "支出构成")):
        if _empty(getattr(funding, path)):
            yield _missing(filing, f"funding.{path}", f"部门总体资金情况的{label}", "funding", funding.loc)


def _missing(filing: Filing, path: str, label: str, section: str, loc: Location | None = None) -> Finding:
    return Finding(
        message=f"缺少{label}，或该栏为空",
        path=path,
        loc=loc or filing.sections.get(section),
        suggestion=f"填写{label}",
    )


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def _empty(block: FundBlock) -> bool:
    return not block.items and block.total is None


RULE = Rule(
    code="PF003",
    name="missing-section",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("input", "structure", "completeness"),
    options=RuleOptions,
)
