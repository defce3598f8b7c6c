"""The filing mixes indicator taxonomy versions.

Why: a filing follows one template version. 满意度 is either its own 一级 (满意度指标 → 服务对象满意度指标, 2015 and
2021 rules) or a 二级 under 效益指标 (older Hubei template); 成本 is either its own 一级 (成本指标 → 经济成本指标…,
2021 rules) or a 二级 under 产出指标 (older and 2015). Using both placements in one filing means some tables
were copied from another year's template. Each row of the less common placement is reported (on a tie, the
placement that does not fit the filing's version), naming a row of the other placement.

Fails:
    年度目标1: 满意度指标 · 服务对象满意度指标 · 居民满意度 · ≥90%
    年度目标2: 效益指标 · 服务对象满意度指标 · 来访人员满意率 · 100%

Passes:
    both goals: 效益指标 · 服务对象满意度指标 · …   (older template throughout)
"""

from __future__ import annotations

from collections.abc import Iterator

from perfform import taxonomy
from perfform.diagnostics import Severity
from perfform.model import Filing
from perfform.rules._indicators import Row, canonical_level2, rows, version_of
from perfform.rules.base import Finding, Rule, RuleOptions

_COST_L2 = frozenset(taxonomy.V2021.tree[taxonomy.COST])
_PLACEMENTS = {  # keyed by the 一级 of the "own 一级" placement: (own 一级, nested 二级)
    taxonomy.SATISFACTION: ("满意度指标作为一级指标", "服务对象满意度指标作为效益指标的二级指标"),
    taxonomy.COST: ("成本指标作为一级指标", "成本指标作为产出指标的二级指标"),
}


Options = RuleOptions
"""No options."""


def _placement(row: Row) -> tuple[str, int] | None:
    """(key of _PLACEMENTS, 0 = own 一级 / 1 = nested 二级) for rows whose placement is version-specific."""
    level1 = row.indicator.level1
    if level1 == taxonomy.SATISFACTION:
        return taxonomy.SATISFACTION, 0
    if level1 == taxonomy.COST:
        return taxonomy.COST, 0
    level2 = canonical_level2(row.indicator.level2) if row.indicator.level2 else None
    if level1 == taxonomy.BENEFIT and level2 == taxonomy.SATISFACTION_L2:
        return taxonomy.SATISFACTION, 1
    if level2 in _COST_L2:
        return taxonomy.COST, 0
    if level2 == "成本指标":
        return taxonomy.COST, 1
    return None


def check(filing: Filing, options: Options) -> Iterator[Finding]:
    version = version_of(filing)
    seen: dict[str, tuple[list[Row], list[Row]]] = {dim: ([], []) for dim in _PLACEMENTS}
    for row in rows(filing):
        placement = _placement(row)
        if placement is not None:
            seen[placement[0]][placement[1]].append(row)
    for dim, groups in seen.items():
        if not (groups[0] and groups[1]):
            continue
        sizes = (len(groups[0]), len(groups[1]))
        fits_version = int(dim not in version.tree)
        major = fits_version if sizes[0] == sizes[1] else int(sizes[1] > sizes[0])
        minor = 1 - major
        example, count = groups[major][0], len(groups[major])
        for row in groups[minor]:
            yield Finding(
                message=(
                    f"指标体系混用：「{row.name}」{_PLACEMENTS[dim][minor]}，"
                    f"而{example.where}等{count}个指标{_PLACEMENTS[dim][major]}"
                ),
                path=f"{row.path}.level1",
                loc=row.indicator.loc,
                expected=_PLACEMENTS[dim][major],
                found=f"{row.indicator.level1}/{row.indicator.level2}",
                suggestion="全表按同一版本的指标体系填写一级、二级指标",
            )


RULE = Rule(
    code="PF303",
    name="mixed-taxonomy",
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
    tags=("taxonomy", "indicators"),
    options=Options,
)
