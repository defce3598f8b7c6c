"""A 指标值 has operators that contradict or cannot be read, or a malformed percentage.

Why: a value states one operator (≥ ≤ ＞ ＜ ＝ or 不低于/不超过/…以上/…以内), one number and one unit. Two operator
symbols ("≥≤5"), contradicting markers ("≤5天以上"), "±" or "≈" markers and percentages written with
百分比/百分之 next to digits ("≥100百分比") leave the reviewer guessing what the target is. Checked in the target,
history and 绩效标准 cells; text in brackets (a formula such as "（=实际数/计划数×100%）") is ignored.

Fails:
    ≥≤5次 · ≤5天以上 · ≥100百分比 · 百分之95 · ±5% · ≈90%

Passes:
    ≥5次 · 5天以内 · ≥100% · ≥90%以上 (redundant, but not contradictory)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import clean, rows
from perfform.rules.base import Finding, Rule, RuleOptions
from perfform.values import normalize, op_conflict

_SYMBOL = re.compile(r">=|<=|=>|=<|==|[≥≤≧≦⩾⩽≮≯<>=]")
_PERCENT_WORD = re.compile(r"[0-9]\s*(?:百分比|百分之)|百分之\s*[0-9]|百分比\s*[0-9]")
_APPROX = re.compile(r"[±≈≒∓]|\+/-|\+-")
_ASIDE = re.compile(r"[(（][^)）]*[)）]")
_CLUES = re.compile(r"[±≈≒∓+＋≥≤≧≦⩾⩽≮≯<>=＜＞＝百]")
"""The characters _APPROX, _SYMBOL and _PERCENT_WORD look for, as the raw text may have them (`normalize`
turns ＋＜＞＝ into +<>=)."""


Options = RuleOptions
"""No options."""


@lru_cache(maxsize=4096)
def _suspect(raw: str) -> bool:
    """Whether `_problem` can find anything in `raw`: it has one of the _CLUES, or operator markers that
    disagree. Most values have neither; this is the cheap test that spares them the full look."""
    return _CLUES.search(raw) is not None or op_conflict(raw)


@lru_cache(maxsize=4096)
def _problem(raw: str, kind: str) -> tuple[str, str | None] | None:
    """(what is wrong, suggestion) or None; memoized, as forms repeat their values."""
    text = _ASIDE.sub("", normalize(raw))
    if _APPROX.search(text):
        return "含「±」「≈」等近似或浮动标记", "改为一个运算符和一个确定的数值，如 ≥90%"
    symbols = _SYMBOL.findall(text)
    if len(symbols) > 1:
        return f"含多个运算符（{''.join(symbols)}）", "只保留一个运算符，如 ≥5次"
    if op_conflict(raw):
        return "运算符前后矛盾", "只保留一个方向的运算符，如 ≤5天 或 5天以内"
    if _PERCENT_WORD.search(text):
        fixed = re.sub(r"百分之\s*([0-9.]+)", r"\1%", text).replace("百分比", "%").replace("百分之", "%")
        return "百分数应写作「%」", fixed
    if symbols and kind == "text":
        return "运算符后不是可读的数值", "写作运算符 + 数值 + 单位，如 ≥90%"
    return None


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows(filing):
        for position, value in enumerate(row.values_and_standard):
            if not _suspect(value.raw):
                continue
            kind = value.kind
            if kind in ("empty", "none") or value.placeholder:
                continue
            problem = _problem(value.raw, kind)
            if problem is not None:
                what, suggestion = problem
                cell = row.cell(position)
                yield cell.finding(
                    f"指标「{row.name}」的{cell.label}「{clean(value.raw)}」格式有误：{what}",
                    expected="运算符 + 数值 + 单位，如 ≥90%、≤5天",
                    suggestion=suggestion,
                )


RULE = Rule(
    code="PF403",
    name="malformed-value",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators"),
    options=Options,
)
