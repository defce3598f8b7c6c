"""A target is below both 近两年指标值 (above both, for a lower-is-better indicator).

Why: reviewers reject targets set lower than what the unit already achieved ("不能设定过低的产出和效益目标";
88号 适当性). Only annual goals carry history. A target is flagged when it is worse than every history year
(at least two): below them for ordinary indicators, above them for lower-is-better ones (成本, 费用, 经费,
投诉, 事故, 发生率, 时长, 天数 …). Values are compared only within one unit family (万人次 and 人次 convert;
次 and 资 do not); dates, texts and "—" are skipped. Indicators whose 绩效标准 is one of `exempt_standards`
(default 预算支出标准) take their value from a spending standard, not from history, and are skipped.

Fails:
    统战工作领导小组会议次数 · 4次 · 4次 · ≥2次
    人均培训费用 · 700元 · 720元 · ≤800元   (a cost above both years)

Passes:
    培训人次 · 1000人次 · 1100人次 · ≥1200人次
    引进台资企业落户武昌 · 2家 · 1家 · 1家  (not below both years)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing, Value
from perfform.rules._indicators import TARGET, clean, fmt, is_lower_better, rows, unit_scale
from perfform.rules.base import Finding, Rule, RuleOptions


class Options(RuleOptions):
    exempt_standards: tuple[str, ...] = ("预算支出标准",)
    """绩效标准 texts whose indicators are not compared with history."""


def _figure(value: Value, family: str | None) -> Decimal | None:
    """The value in the unit of `family`; None unless it is a number or a percentage (not a placeholder)
    of that family."""
    if value.kind not in ("number", "percent") or value.number is None or value.placeholder:
        return None
    unit, factor = unit_scale(value.unit)
    return value.number * factor if unit == family else None


def _years_better_than(
    target: Decimal, history: tuple[Value, ...], family: str | None, lower: bool
) -> list[Decimal] | None:
    """The history figures when every one is better than the target (below it, for lower-is-better); None
    as soon as one is not, or is no figure of the target's family."""
    years = []
    for value in history:
        year = _figure(value, family)
        if year is None or (year >= target if lower else year <= target):
            return None
        years.append(year)
    return years


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows(filing):
        ind = row.indicator
        if len(row.years) < 2:  # most rows: long-term goals have no history columns
            continue
        if ind.standard is not None and clean(ind.standard.raw) in options.exempt_standards:
            continue
        value = row.values[TARGET]
        family, factor = unit_scale(value.unit)
        target = _figure(value, family)
        if target is None:
            continue
        lower = is_lower_better(row.name)
        years = _years_better_than(target, row.values[TARGET + 1 :], family, lower)
        if years is None:
            continue
        cell = row.target
        bound = max(years) if lower else min(years)
        history = "、".join(f"{y}年 {clean(v.raw)}" for y, v in sorted(ind.history.items()))
        expected = f"{'≤' if lower else '≥'}{fmt(bound / factor)}{value.unit or ''}"
        word = "高于" if lower else "低于"
        yield cell.finding(
            f"指标「{row.name}」的{cell.label}「{clean(value.raw)}」{word}近两年指标值（{history}）",
            expected=expected,
            suggestion=f"按历史水平设定目标（{expected}），或在备注中说明下调原因",
        )


RULE = Rule(
    code="PF409",
    name="target-below-history",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators", "history"),
    options=Options,
)
