"""Content the parser could not place in any section of the form.

Why: text outside the form's sections — a stray note between tables, a row that matches no layout, a cell
after the last column — is kept rather than dropped, but nothing checks it. It may be a misplaced goal, an
indicator row the reviewer will miss, or leftover template text. Move it into its section, or delete it.

Fails:
    一、部门总体资金情况 …
    (a paragraph between two tables:) 说明：项目支出含上年结转资金
    二、部门职能概述 …

Passes:
    every line of the form sits in a section: header, 部门总体资金情况, 部门职能概述, 年度工作任务, 整体绩效目标,
    the goals and their indicator tables, 备注
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules.base import Finding, Rule, RuleOptions

_SHOWN = 30


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    for i, entry in enumerate(filing.unplaced):
        text = " ".join(entry.text.split())
        shown = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
        yield Finding(
            message=f"未归入任何栏目的内容：「{shown}」",
            path=f"unplaced[{i}]",
            loc=entry.loc,
            found=text,
            suggestion="移入所属栏目，或删除",
        )


RULE = Rule(
    code="PF004",
    name="unplaced-content",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("input", "structure"),
    options=RuleOptions,
)
