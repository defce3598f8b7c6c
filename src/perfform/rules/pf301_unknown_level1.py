"""An indicator's 一级指标 is not a known 一级指标.

Why: every indicator sits under one of the template's 一级指标 (成本指标, 产出指标, 效益指标, 满意度指标, depending
on the version; 效果指标 = 效益指标 and a missing 指标 suffix are accepted). A 一级 cell holding a 二级 name
(社会效益指标), an evaluation-framework heading (决策, 过程) or other text means the row is misfiled; a row whose
一级 is empty and cannot be inferred from its 二级指标 cannot be placed at all.

Fails:
    一级指标 社会效益指标 · 二级指标 社会效益指标 · 来访人数 · ≥200人次
    (empty 一级) · 二级指标 (empty) · 来访人数 · ≥200人次

Passes:
    一级指标 产出指标 · 二级指标 数量指标 · 来访人数 · ≥200人次
    (empty 一级, merged from above) · 二级指标 数量指标 · …   (一级 inferred: 产出指标)
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from perfform import taxonomy
from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import canonical_level1, canonical_level2, clean, rows, version_of
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""


@lru_cache(maxsize=1024)
def _unknown(level1_filed: str) -> str | None:
    """The filed 一级 text, cleaned, when it is no known 一级; None for a known one or a blank cell."""
    filed = clean(level1_filed)
    return filed if filed and canonical_level1(filed) is None else None


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    version = version_of(filing)
    known = "、".join(version.tree)
    for row in rows(filing):
        ind = row.indicator
        filed = _unknown(ind.level1_filed) if ind.level1_filed else None
        if filed is not None:
            as_level2 = canonical_level2(filed)
            parent = taxonomy.infer_level1(as_level2, version) if as_level2 else None
            suggestion = (
                f"「{filed}」是二级指标，应填在二级指标列，一级指标填「{parent}」"
                if parent
                else f"一级指标应为{known}之一"
            )
            yield Finding(
                message=f"指标「{row.name}」的一级指标「{filed}」不是已知的一级指标",
                path=f"{row.path}.level1",
                loc=ind.loc,
                expected=known,
                found=filed,
                suggestion=suggestion,
            )
        elif ind.level1 not in taxonomy.LEVEL1:
            found = clean(ind.level1) or None
            what = f"一级指标「{found}」不是已知的一级指标" if found else "一级指标为空，且无法从二级指标推断"
            yield Finding(
                message=f"指标「{row.name}」的{what}",
                path=f"{row.path}.level1",
                loc=ind.loc,
                expected=known,
                found=found,
                suggestion=f"填写一级指标（{known}）及对应的二级指标",
            )


RULE = Rule(
    code="PF301",
    name="unknown-level1",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("taxonomy", "indicators"),
    options=Options,
)
