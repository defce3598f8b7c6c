"""A quantitative 指标值 has no unit.

Why: quantitative indicators carry a unit (财政 systems keep a 计量单位 for every 定量 indicator): "≥500" may mean
500人, 500人次 or 500万元. A rate (…率, 满意度, 占比) written as a bare number is reported with the "%" form
suggested: the sample files "0" in one table and "0%" in the other for the same 发生率. Deadlines and
percentages are complete as they are. A bare "0" for a count (安全事故发生数 0) is accepted by default: zero
reads the same in any unit (option `allow_bare_zero`).

Fails:
    培训人次 · ≥1200                 (suggestion: ≥1200人次)
    主题活动安全事故发生率 · 0         (suggestion: 0%)

Passes:
    培训人次 · ≥1200人次 · 验收合格率 · 100% · 资金拨付时间 · 2022年12月底前 · 安全事故发生数 · 0
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import clean, fmt, is_rate, rows_with_target, suggest_unit
from perfform.rules.base import Finding, Rule, RuleOptions


class Options(RuleOptions):
    allow_bare_zero: bool = True
    """Accept a bare "0" for counts (not for rates, which should read "0%")."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows_with_target(filing, "number"):
        value = row.indicator.target
        if value.number is None or value.unit:
            continue
        raw = clean(value.raw)
        rate = is_rate(row.name)
        if value.number == 0 and options.allow_bare_zero and not rate:
            continue
        if rate:
            expected = "百分数（如 90%）"
            suggestion = f"{raw}%"
            if 0 < value.number < 1:
                suggestion += f"；若 {fmt(value.number)} 是小数比例，应写作 {fmt(value.number * 100)}%"
        else:
            unit = suggest_unit(filing, row)
            expected = "数值 + 计量单位"
            suggestion = f"{raw}{unit}" if unit else "补写计量单位（人次、次、个、万元、天…）"
        cell = row.target
        yield cell.finding(
            f"指标「{row.name}」的{cell.label}「{raw}」缺少计量单位",
            expected=expected,
            suggestion=suggestion,
        )


RULE = Rule(
    code="PF404",
    name="missing-unit",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators", "units"),
    options=Options,
)
