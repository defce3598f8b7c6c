"""A qualitative 指标值 names a trend, not a checkable level ("有所提升", "进一步提高").

Why: targets must be measurable ("尽量进行定量表述…定性的分级分档形式表述", 88号 "应具有可衡量性"). Trend words
(有所提升, 进一步提高, 明显改善, 有效促进, 显著, 效果明显 …) cannot be judged met or missed at year end and are the
reviewers' most frequent complaint. Write a number, a deadline or a level (好/较好/一般, 符合《XX规范》,
无重大安全事故). Option `terms` adds words to the built-in list.

Fails:
    统战干部业务能力提升度 · 有所提升
    民主党派新成员发展情况 · 有所增长

Passes:
    设备采购合规性 · 合规 · 主题活动如期举行 · 按时举行 · 培训人次 · ≥1200人次
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import clean, rows_with_target, words
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.values import normalize

VAGUE_TERMS = words(
    """
    有所提升 有所提高 有所增长 有所改善 有所增加 进一步提高 进一步提升 进一步加强 进一步完善
    逐步改善 逐步提高 逐步提升 明显改善 明显提升 明显提高 有效促进 有效提升 有效提高 显著
    大幅提升 大幅提高 不断完善 不断提高 不断提升 持续提升 持续提高 稳步推进 稳步提升 效果明显 成效明显
    """
)


class Options(RuleOptions):
    terms: tuple[str, ...] = ()
    """Further vague words, added to the built-in list."""


@lru_cache(maxsize=4096)
def _vague_term(raw: str, terms: tuple[str, ...]) -> str | None:
    """The first of `terms` in the value's text; memoized, as forms repeat their qualitative targets."""
    text = normalize(raw)
    return next((t for t in terms if t in text), None)


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    terms = VAGUE_TERMS + tuple(t for t in options.terms if t)
    for row in rows_with_target(filing, "text"):
        value = row.indicator.target
        if value.placeholder:
            continue
        term = _vague_term(value.raw, terms)
        if term is None:
            continue
        cell = row.target
        yield cell.finding(
            f"指标「{row.name}」的{cell.label}「{clean(cell.value.raw)}」是模糊表述（「{term}」），无法考核",
            expected="可考核的数值、时限或等级",
            suggestion="改为具体数值（如 ≥95%、≥3次）、时限或分级描述（好/较好/一般）",
        )


RULE = Rule(
    code="PF408",
    name="vague-target",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators"),
    options=Options,
)
