"""The document still holds tracked changes (修订) that were neither accepted nor rejected.

Why: perfform reads the text as it would stand with every change accepted, and a reviewer's Word may show
something else (the deleted figures, the markup). A form submitted with open revisions is not final: the
figures checked may not be the figures filed. Accept or reject all changes (审阅 → 接受 → 接受所有修订), then
save.

Fails:
    a .docx in which 合计 was changed from 968.19 to 975.00 with 修订 on, and the change never accepted

Passes:
    a .docx with no w:ins / w:del revision marks; any text dump
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules.base import Finding, Rule, RuleOptions


def check(filing: Filing, options: RuleOptions) -> Iterator[Finding]:
    if filing.tracked_changes > 0:
        yield Finding(
            message=f"文档含 {filing.tracked_changes} 处未接受或拒绝的修订",
            path="tracked_changes",
            found=str(filing.tracked_changes),
            expected="0",
            suggestion="在 Word 中「审阅 → 接受所有修订」（或拒绝）后重新保存",
        )


RULE = Rule(
    code="PF005",
    name="tracked-changes",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("input", "docx"),
    options=RuleOptions,
)
