"""A 指标值 or 绩效标准 is a placeholder, not a value.

Why: template placeholders left in a filed form (XX, **, ？, 待定, 另定, the "单击或点击此处输入文字。" text of an
unfilled content control) and a bare "—", "-" or "/" in the target cell mean the value was never set. In a
近两年指标值 cell the dashes mean "new indicator, no value that year" and are fine; a placeholder text there
is reported too. "无" is a value ("无重大事故"), not a placeholder.

Fails:
    培训人次 · ≥XX人次
    培训人次 · —                      (target cell)
    培训人次 · ≥1200人次 · 待定        (绩效标准)

Passes:
    培训人次 · — · — · ≥1200人次      (history cells "—": a new indicator)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import TARGET, clean, rows
from perfform.rules.base import Finding, Rule, RuleOptions

_MARKS = re.compile(r"[xX]{2,}|\*{2,}|[?？]{1,}|待定|另定|待确定|单击或点击此处|单击此处")


@lru_cache(maxsize=4096)
def _marked(raw: str) -> bool:
    return _MARKS.search(raw) is not None


Options = RuleOptions
"""No options."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows(filing):
        for position, value in enumerate(row.values_and_standard):
            dash = position == TARGET and value.kind == "none" and clean(value.raw) != "无"
            if not (value.placeholder or dash or _marked(value.raw)):
                continue
            cell = row.cell(position)
            what = "只有「—」「/」等无值标记" if dash else "是未替换的占位内容"
            yield cell.finding(
                f"指标「{row.name}」的{cell.label}「{clean(value.raw)}」{what}",
                expected="绩效标准或其取值" if cell.part == "standard" else "实际的指标值",
                suggestion="填写确定的数值或可考核的描述",
            )


RULE = Rule(
    code="PF402",
    name="placeholder-value",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators"),
    options=Options,
)
