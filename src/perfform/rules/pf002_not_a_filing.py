"""The input reads, but it is not a performance-target form (部门整体支出绩效目标表).

Why: a readable document with none of the form's sections (部门名称, 部门总体资金情况, 整体绩效目标, 绩效指标 …)
is some other paper — a cover letter, a report, an evaluation table — and every other check would only add
noise. The parser reports this once for the file, and the run goes on with the next file. This finding cannot
be turned off.

Fails:
    a .docx holding only the cover letter 关于报送2022年部门整体支出绩效目标的函
    a text dump of a 项目支出绩效自评表

Passes:
    a .docx or text dump whose table carries the form's labels: 部门名称 · 部门总体资金情况（万元） · 部门职能概述 ·
    年度工作任务 · 整体绩效目标 · 长期目标1： · 年度目标1：
"""

from __future__ import annotations

from perfform.diagnostics import Severity
from perfform.rules.base import Rule, RuleOptions, no_check

RULE = Rule(
    code="PF002",
    name="not-a-filing",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=no_check,
    tags=("input",),
    options=RuleOptions,
    input_only=True,
)
