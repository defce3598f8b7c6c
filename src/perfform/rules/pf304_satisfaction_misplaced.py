"""A satisfaction indicator (满意度/满意率) sits outside 服务对象满意度指标.

Why: satisfaction is measured and weighted under its own heading: 满意度指标 → 服务对象满意度指标 (2015 and 2021
rules) or 效益指标 → 服务对象满意度指标 (older template). Filed under 社会效益指标 or 质量指标, it inflates that
category and leaves the satisfaction heading empty; reviewers list "满意度 used in place of 效益" as a common
error.

Fails:
    效益指标 · 社会效益指标 · 来访人员满意率 · 100%

Passes:
    效益指标 · 服务对象满意度指标 · 来访人员满意率 · 100%   (older template)
    满意度指标 · 服务对象满意度指标 · 居民满意度 · ≥90%
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform import taxonomy
from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import canonical_level2, clean, is_satisfaction, rows, version_of
from perfform.rules.base import Finding, Rule, RuleOptions

Options = RuleOptions
"""No options."""


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    parent = version_of(filing).parent(taxonomy.SATISFACTION_L2) or taxonomy.SATISFACTION
    home = f"{parent}/{taxonomy.SATISFACTION_L2}"
    for row in rows(filing):
        if not is_satisfaction(row.name):
            continue
        ind = row.indicator
        level2 = canonical_level2(ind.level2) if ind.level2 else None
        if level2 == taxonomy.SATISFACTION_L2:
            continue
        filed = level2 or clean(ind.level2_filed or "") or "（空）"
        yield Finding(
            message=f"满意度指标「{row.name}」填在二级指标「{filed}」下，应归入{taxonomy.SATISFACTION_L2}",
            path=f"{row.path}.level2",
            loc=ind.loc,
            expected=home,
            found=f"{ind.level1}/{filed}",
            suggestion=f"移到一级指标「{parent}」、二级指标「{taxonomy.SATISFACTION_L2}」下",
        )


RULE = Rule(
    code="PF304",
    name="satisfaction-misplaced",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("taxonomy", "indicators", "satisfaction"),
    options=Options,
)
