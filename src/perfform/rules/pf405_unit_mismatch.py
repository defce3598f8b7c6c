"""A value's unit is not a known unit, or differs from the units of the same indicator's other cells.

Why: the target and the 近两年指标值 of one indicator measure the same thing, so they share a unit; a cell with
another unit is a typo ("6资" for "6次") or a change of measure that makes the years incomparable. Units are
checked against the list of common units (人次, 次, 个, 篇, %, 万元, 元/人, 个工作日 …, scaled forms such as 万人,
and compounds of known parts such as 元/生·年). The finding is reported at the cell with the odd unit, history
cells included, with the unit it most likely meant: the unit the row's other cells use, else the unit the same
indicator uses in another goal, else one the name implies (…次数 → 次), else a typing confusion (资 → 次).
"百分比" is left to PF403.

Fails:
    接待台湾社会各界人士到武昌访问 · 5次 · 6资 · 5次     (2019 history cell; suggestion 次)
    组织赴台考察 · 1个 · 1个 · 2次                        (target; suggestion 个)

Passes:
    人均公用经费 · ≤800元/生·年 · 培训人次 · ≥1200人次 · 1000人次 · 1100人次
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import TARGET, Row, clean, is_known_unit, norm_unit, rows, suggest_unit
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""


@lru_cache(maxsize=1024)
def _checked_unit(filed: str) -> tuple[str, bool] | None:
    """(the unit normalized, whether it is known) for a filed unit; None for no unit and for 百分比/百分之,
    which PF403 reports."""
    unit = norm_unit(filed)
    if not unit or unit.startswith(("百分比", "百分之")):
        return None
    return unit, is_known_unit(unit)


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    for row in rows(filing):
        known: list[tuple[int, str]] = []  # (position in row.values, unit)
        units: set[str] = set()
        for position, value in enumerate(row.values):
            filed = value.unit
            checked = _checked_unit(filed) if filed else None
            if checked is None:
                continue
            unit, is_known = checked
            if is_known:
                known.append((position, unit))
                units.add(unit)
                continue
            cell = row.cell(position)
            hint = suggest_unit(filing, row, cell)
            yield cell.finding(
                f"指标「{row.name}」的{cell.label}「{clean(cell.value.raw)}」的单位「{unit}」不是常用计量单位",
                expected=hint,
                suggestion=hint,
            )
        if len(units) > 1:
            yield from _odd_units(row, known)


def _odd_units(row: Row, known: list[tuple[int, str]]) -> Iterator[Finding]:
    """The cells whose known unit differs from the row's usual one (the row has two units or more)."""
    history = {unit for position, unit in known if position != TARGET}
    target = next((unit for position, unit in known if position == TARGET), None)
    if target is not None and len(history) == 1 and target not in history:
        odd = [(position, unit) for position, unit in known if position == TARGET]
        usual = history.pop()
        where = "近两年指标值"
    else:
        usual = Counter(unit for _, unit in known).most_common(1)[0][0]
        odd = [(position, unit) for position, unit in known if unit != usual]
        where = "同一指标其他年度"
    for position, unit in odd:
        cell = row.cell(position)
        yield cell.finding(
            f"指标「{row.name}」的{cell.label}「{clean(cell.value.raw)}」的单位「{unit}」"
            f"与{where}的单位「{usual}」不一致",
            expected=usual,
            suggestion=usual,
        )


RULE = Rule(
    code="PF405",
    name="unit-mismatch",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("values", "indicators", "units"),
    options=Options,
)
