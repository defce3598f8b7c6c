"""An indicator's 二级指标 is unknown, or does not belong to its 一级指标 in the filing's template version.

Why: each template version fixes which 二级指标 sit under which 一级指标 (财预〔2015〕88号: 成本指标 under 产出指标;
财预〔2021〕101号: 经济成本指标 under 成本指标; the older Hubei template: 服务对象满意度指标 under 效益指标). A pair
the version does not have means the row is misfiled. The 一级 is judged only where the row itself files one;
a 一级 merged from above or inferred from the 二级 is consistent by construction. Rows whose pair fits another
version are also reported by PF303 (mixed-taxonomy).

Fails:
    (2015 template) 效益指标 · 成本指标 · 人均接待费用 · ≤200元
    (any template)  产出指标 · 工作指标 · 接待人次 · ≥500人次

Passes:
    (2015 template) 产出指标 · 成本指标 · 人均接待费用 · ≤200元
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform import taxonomy
from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import (
    canonical_level1,
    canonical_level2,
    clean,
    rows,
    version_name,
    version_of,
)
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    version = version_of(filing)
    for row in rows(filing):
        ind = row.indicator
        level2 = canonical_level2(ind.level2) if ind.level2 else None
        if level2 is None:
            filed = clean(ind.level2_filed or ind.level2) or None
            children = version.tree.get(ind.level1, ())
            what = f"二级指标「{filed}」不是已知的二级指标" if filed else "二级指标为空"
            yield Finding(
                message=f"指标「{row.name}」的{what}",
                path=f"{row.path}.level2",
                loc=ind.loc,
                expected="、".join(children) or None,
                found=filed,
                suggestion=f"二级指标填写{'、'.join(children)}之一" if children else None,
            )
            continue
        level1 = canonical_level1(ind.level1_filed) if ind.level1_filed else None
        if level1 is None or level2 in version.tree.get(level1, ()):
            continue
        parent = version.parent(level2)
        fits = [version_name(v) for v in taxonomy.VERSIONS.values() if level2 in v.tree.get(level1, ())]
        suggestion = f"归入一级指标「{parent}」" if parent else f"改用{version_name(version)}的二级指标"
        if fits:
            suggestion += f"（「{level1}/{level2}」是{'、'.join(fits)}的分类，见 PF303）"
        yield Finding(
            message=f"指标「{row.name}」的二级指标「{level2}」不属于一级指标「{level1}」（{version_name(version)}）",
            path=f"{row.path}.level2",
            loc=ind.loc,
            expected=f"{parent}/{level2}" if parent else None,
            found=f"{level1}/{level2}",
            suggestion=suggestion,
        )


RULE = Rule(
    code="PF302",
    name="level2-not-under-level1",
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
    tags=("taxonomy", "indicators"),
    options=Options,
)
