"""A satisfaction target is below the threshold (default 90 %) or capped with ≤/＜.

Why: satisfaction targets are commonly set at "≥90%" or "≥95%", and reviewers treat lower targets as too low
to be worth funding. No national rule fixes the figure, so the threshold is an option (some localities use
85). A satisfaction target written with ≤ or ＜ sets a ceiling on satisfaction, which reverses its meaning.
Names with 不满意 (a lower-is-better share) are not satisfaction targets here.

Fails:
    服务对象满意度 · ≥80%
    居民满意度 · ≤95%

Passes:
    居民满意度 · ≥９０％   (full-width, read as ≥90%)
    服务对象满意度 · ≥85%  with `threshold = 85`
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import clean, fmt, is_satisfaction, rows_with_target, unit_scale
from perfform.rules.base import Finding, Rule, RuleOptions


class Options(RuleOptions):
    threshold: Decimal = Decimal(90)
    """Lowest acceptable satisfaction target, in percent."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    floor = f"≥{fmt(options.threshold)}%"
    for row in rows_with_target(filing, "percent"):
        value = row.indicator.target
        if value.number is None or not is_satisfaction(row.name):
            continue
        cell = row.target
        raw = clean(value.raw)
        if value.op in ("<=", "<"):
            yield cell.finding(
                f"满意度指标「{row.name}」的{cell.label}「{raw}」使用了 ≤/＜，把满意度设成了上限",
                expected=floor,
                suggestion=f"≥{fmt(value.number)}%",
            )
        elif value.number * unit_scale(value.unit)[1] < options.threshold:
            yield cell.finding(
                f"满意度指标「{row.name}」的{cell.label}「{raw}」低于 {fmt(options.threshold)}%",
                expected=floor,
                suggestion=floor,
            )


RULE = Rule(
    code="PF407",
    name="satisfaction-below-threshold",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators", "satisfaction"),
    options=Options,
)
