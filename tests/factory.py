"""Builders of small, valid filings for rule tests: start clean, then break exactly one thing.

`clean_filing()` passes every rule. Tests copy it (`model_copy(deep=True)`) or build pieces with `value`,
`indicator`, `goal` and `fund_line`, then assert on the codes and paths a rule reports.
"""

from __future__ import annotations

from perfform.model import (
    Filing,
    FundBlock,
    Funding,
    FundLine,
    Goal,
    GoalKind,
    Indicator,
    Location,
    OverallGoals,
    Source,
    Value,
)
from perfform.values import parse_value

_row = 0


def value(raw: str, *, line: int | None = None) -> Value:
    """A parsed cell value, with a text-dump location so that findings can be checked for a place."""
    global _row
    _row += 1
    return parse_value(raw, loc=Location(line=line if line is not None else _row))


def fund_line(
    name: str, amount: str, share: str, h1: str, h2: str, years: tuple[int, int] = (2020, 2021)
) -> FundLine:
    return FundLine(
        name=name,
        amount=value(amount),
        share=value(share),
        history={str(years[0]): value(h1), str(years[1]): value(h2)},
        loc=Location(line=_row),
    )


def indicator(
    level1: str,
    level2: str,
    name: str,
    target: str,
    *,
    history: tuple[str, str] | None = None,
    standard: str | None = "计划标准",
    years: tuple[int, int] = (2020, 2021),
) -> Indicator:
    hist = {} if history is None else {str(years[0]): value(history[0]), str(years[1]): value(history[1])}
    return Indicator(
        level1=level1,
        level2=level2,
        name=name,
        target=value(target),
        standard=value(standard) if standard is not None else None,
        history=hist,
        level1_filed=level1,
        level2_filed=level2,
        loc=Location(line=_row),
    )


def goal(kind: GoalKind, index: int, name: str, indicators: list[Indicator]) -> Goal:
    return Goal(kind=kind, index=index, name=name, indicators=indicators, loc=Location(line=_row))


def _indicators(annual: bool) -> list[Indicator]:
    def h(a: str, b: str) -> tuple[str, str] | None:
        return (a, b) if annual else None

    return [
        indicator(
            "成本指标",
            "经济成本指标",
            "人均服务经费",
            "≤89元",
            history=h("79元", "84元"),
            standard="预算支出标准",
        ),
        indicator("产出指标", "数量指标", "培训人次", "≥1200人次", history=h("1000人次", "1100人次")),
        indicator("产出指标", "质量指标", "验收合格率", "100%", history=h("100%", "100%")),
        indicator(
            "产出指标",
            "时效指标",
            "资金拨付时间",
            "2022年12月底前",
            history=h("2020年12月底前", "2021年12月底前"),
        ),
        indicator("效益指标", "社会效益指标", "规范管理率", "≥65%", history=h("62%", "64%")),
        indicator("满意度指标", "服务对象满意度指标", "居民满意度", "≥92%", history=h("90%", "91%")),
    ]


def clean_filing() -> Filing:
    """A complete 2021-taxonomy filing whose figures add up; every rule passes on it."""
    funding = Funding(
        unit="万元",
        history_years=[2020, 2021],
        income=FundBlock(
            items=[
                fund_line("财政拨款", "900.00", "92.3%", "800", "850"),
                fund_line("其他资金", "75.00", "7.7%", "50", "60"),
            ],
            total=fund_line("合计", "975.00", "100%", "850", "910"),
        ),
        expenditure=FundBlock(
            items=[
                fund_line("基本支出", "600.00", "61.5%", "500", "560"),
                fund_line("项目支出", "375.00", "38.5%", "350", "350"),
            ],
            total=fund_line("合计", "975.00", "100%", "850", "910"),
        ),
    )
    return Filing(
        form_type="部门整体支出绩效目标表",
        title="示范区卫生健康局2022年部门整体支出绩效目标表",
        year=2022,
        department="示范区卫生健康局",
        preparer="王敏",
        phone="86312270",
        funding=funding,
        functions="负责全区卫生健康工作。",
        annual_tasks="完成基本公共卫生服务项目。",
        overall_goals=OverallGoals(
            long_term="目标1：服务能力持续提高。", annual="目标1：完成基本公共卫生服务。"
        ),
        goals=[
            goal("long_term", 1, "基本公共卫生服务", _indicators(annual=False)),
            goal("annual", 1, "基本公共卫生服务", _indicators(annual=True)),
        ],
        notes=["一级指标包括成本指标、产出指标、效益指标和满意度指标。"],
        source=Source(path="clean.txt", format="text", sha256="0" * 64),
        taxonomy="2021",
        sections={
            "department": Location(line=1),
            "funding": Location(line=3),
            "functions": Location(line=11),
            "annual_tasks": Location(line=12),
            "overall_goals": Location(line=13),
            "goals": Location(line=15),
        },
    )
