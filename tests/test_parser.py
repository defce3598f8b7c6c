"""Parser behaviour on small forms written as row-per-line text dumps (the parser sees only the grid)."""

from __future__ import annotations

import hashlib
from decimal import Decimal

import pytest
from pydantic import ValidationError

from perfform.errors import NotAFiling
from perfform.grid import Cell, Grid, Ref, Row, Table
from perfform.model import Filing, Source
from perfform.parser import parse_bytes, parse_grid

HEAD = [
    ["部门（单位）名称：", "示范区卫生健康局"],
    ["填报人", "王敏", "联系电话", "86312270", "填报日期", "2021年12月20日"],
    ["部门总体资金情况（万元）", "总体资金情况", "当年预算收支", "占比", "近两年收支情况"],
    ["", "", "", "", "2020年", "2021年"],
    ["", "收入构成", "财政拨款", "900", "92.3%", "800", "850"],
    ["", "", "其他资金", "75", "7.7%", "50", "60"],
    ["", "", "合计", "975", "100%", "850", "910"],
    ["", "支出构成", "基本支出", "600", "61.5%", "500", "560"],
    ["", "", "项目支出", "375", "38.5%", "350", "350"],
    ["", "", "合计", "975", "100%", "850", "910"],
    ["部门职能概述", "负责全区卫生健康工作。"],
    ["年度工作任务", "完成基本公共卫生服务项目。"],
    ["整体绩效目标", "长期目标", "年度目标"],
    ["", "目标1：服务能力持续提高。", "目标1：完成基本公共卫生服务。"],
]
LONG_HEADER = ["长期绩效目标", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"]
ANNUAL_HEADER = [
    ["年度绩效目标", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"],
    ["", "", "", "", "近两年指标值", "预期当年实现值", ""],
    ["", "", "", "", "2020年", "2021年", "", ""],
]


def dump(rows: list[list[str]], title: str | None = "示范区卫生健康局2022年部门整体支出绩效目标表") -> bytes:
    lines = [title] if title else []
    lines += ["\t" + "\t".join(row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def parse_rows(rows: list[list[str]], **kw: str | None) -> Filing:
    return parse_bytes(dump(rows, **kw), "form.txt")  # type: ignore[arg-type]


def annual(*rows: list[str], label: str = "年度目标1：", name: str = "公共卫生") -> list[list[str]]:
    return [[label, name], *ANNUAL_HEADER, *rows]


def test_header_funding_and_text_sections() -> None:
    filing = parse_rows(HEAD)
    assert (filing.department, filing.preparer, filing.phone, filing.date) == (
        "示范区卫生健康局",
        "王敏",
        "86312270",
        "2021年12月20日",
    )
    assert filing.year == 2022
    assert filing.funding is not None
    assert filing.funding.history_years == [2020, 2021]
    income = filing.funding.income
    assert [i.name for i in income.items] == ["财政拨款", "其他资金"]
    assert income.total is not None and income.total.amount.number == Decimal("975")
    assert income.items[0].share.raw == "92.3%"
    assert income.items[0].history["2021"].number == Decimal("850")
    assert [i.name for i in filing.funding.expenditure.items] == ["基本支出", "项目支出"]
    assert filing.functions == "负责全区卫生健康工作。"
    assert filing.annual_tasks == "完成基本公共卫生服务项目。"
    assert filing.overall_goals.long_term.startswith("目标1：服务能力")
    assert filing.overall_goals.annual.startswith("目标1：完成")
    assert filing.unplaced == []


def test_locations_are_frozen_and_shared_between_filings() -> None:
    first, second = parse_rows(HEAD), parse_rows(HEAD)
    assert first.funding is not None and second.funding is not None
    loc = first.funding.income.items[0].amount.loc
    assert loc is not None and loc.line == 6
    assert second.funding.income.items[0].amount.loc is loc
    with pytest.raises(ValidationError):
        loc.line = 7


def test_shared_locations_stay_bounded() -> None:
    from perfform.parser import rows

    for line in range(rows._LOCATIONS_MAX + 10):
        rows.to_location(Ref("body", 1, 1, 1, line + 1))
    assert len(rows._LOCATIONS) <= rows._LOCATIONS_MAX


def test_funding_with_spacer_column_and_history_before_share() -> None:
    rows = [
        ["部门名称", "甲"],
        ["部门总体资金情况（万元）", "总体资金情况", "当年预算收支", "近两年收支情况", "占比"],
        ["", "", "", "2020年", "2021年", ""],
        ["", "收入构成", "财政拨款", "100", "80", "90", "100%"],
        ["", "", "合计", "100", "80", "90", "100%"],
    ]
    funding = parse_rows(rows).funding
    assert funding is not None
    line = funding.income.items[0]
    assert (line.amount.raw, line.share.raw, line.history["2020"].raw, line.history["2021"].raw) == (
        "100",
        "100%",
        "80",
        "90",
    )


def test_level1_inferred_when_empty_and_when_merged_label_sits_lower() -> None:
    rows = annual(
        ["", "", "数量指标", "会议次数", "4次", "4次", "≥2次", "计划标准"],
        ["", "产出指标", "数量指标", "采购完成率", "100%", "100%", "100%", "计划标准"],
        ["", "", "社会效益指标", "调研报告", "3篇", "2篇", "1篇", "计划标准"],
        ["", "效益指标", "社会效益指标", "示范社区", "3个", "3个", "≥2个", "计划标准"],
    )
    goal = parse_rows(HEAD + rows).goals[0]
    assert goal.kind == "annual"
    assert [(i.level1, i.level2) for i in goal.indicators] == [
        ("产出指标", "数量指标"),
        ("产出指标", "数量指标"),
        ("效益指标", "社会效益指标"),
        ("效益指标", "社会效益指标"),
    ]
    assert goal.indicators[0].level1_filed is None
    first = goal.indicators[0]
    assert first.target.op == ">=" and first.target.number == 2 and first.target.unit == "次"
    assert {k: v.raw for k, v in first.history.items()} == {"2020": "4次", "2021": "4次"}
    assert first.standard is not None and first.standard.raw == "计划标准"


def test_merged_level2_cells_are_carried_down() -> None:
    rows = annual(
        ["", "产出指标", "数量指标", "培训人次", "1000人次", "1100人次", "≥1200人次", "计划标准"],
        ["", "", "", "培训场次", "10场", "11场", "≥12场", "计划标准"],
    )
    goal = parse_rows(HEAD + rows).goals[0]
    assert [(i.level2, i.name) for i in goal.indicators] == [
        ("数量指标", "培训人次"),
        ("数量指标", "培训场次"),
    ]
    assert goal.indicators[1].level2_filed is None


def test_label_variants_and_aliases() -> None:
    rows = [
        ["长期目标一：", "公共卫生"],
        LONG_HEADER,
        ["", "产出", "进度指标", "资金拨付时间", "12月底前", "计划标准"],
        ["", "效果指标", "环境效益", "医疗废物处置率", "100%", "行业标准"],
    ]
    goal = parse_rows(HEAD + rows).goals[0]
    assert (goal.kind, goal.index, goal.name) == ("long_term", 1, "公共卫生")
    assert [(i.level1, i.level2) for i in goal.indicators] == [
        ("产出指标", "时效指标"),
        ("效益指标", "生态效益指标"),
    ]
    assert goal.indicators[0].history == {}


def test_goal_kind_from_table_header_when_label_cell_is_odd() -> None:
    rows = [
        ["示范区卫生健康局2022年部门整体支出绩效目标表", "公共卫生"],
        *ANNUAL_HEADER,
        ["", "产出指标", "数量指标", "建档人数", "38.2万人", "39.1万人", "不少于39.5万人", "计划标准"],
    ]
    filing = parse_rows(HEAD + rows, title=None)
    assert filing.title == "示范区卫生健康局2022年部门整体支出绩效目标表"
    assert filing.year == 2022
    assert [(g.kind, g.index, g.name, g.label) for g in filing.goals] == [
        ("annual", 1, "公共卫生", "示范区卫生健康局2022年部门整体支出绩效目标表")
    ]
    assert filing.unplaced == []


def test_year_from_history_years_without_title() -> None:
    filing = parse_rows(HEAD, title=None)
    assert filing.title is None
    assert filing.year == 2022


def test_newer_taxonomy_detected_and_satisfaction_level1() -> None:
    rows = annual(
        ["", "成本指标", "经济成本指标", "人均经费", "79元", "84元", "≤89元", "预算支出标准"],
        ["", "满意度指标", "服务对象满意度指标", "居民满意度", "90%", "91%", "≥92%", "历史标准"],
    )
    filing = parse_rows(HEAD + rows)
    assert filing.taxonomy == "2021"
    assert [i.level1 for i in filing.goals[0].indicators] == ["成本指标", "满意度指标"]


def test_older_taxonomy_puts_satisfaction_under_benefit() -> None:
    rows = [
        ["长期目标1：", "公共卫生"],
        LONG_HEADER,
        ["", "产出指标", "数量指标", "会议次数", "2次", "2次"],
        ["", "", " 服务对象满意度指标", "来访人员满意率", "100%", "100%"],
    ]
    filing = parse_rows(HEAD + rows)
    assert filing.taxonomy == "older"
    assert filing.goals[0].indicators[1].level1 == "效益指标"


def test_shifted_columns_placed_by_vocabulary() -> None:
    rows = [
        ["长期目标1：", "公共卫生"],
        ["长期绩效目标", "一级指标", "二级指标", "指标值", "绩效标准"],
        ["", "数量指标", "会议次数", "2次", "计划标准"],
    ]
    indicator = parse_rows(HEAD + rows).goals[0].indicators[0]
    assert (indicator.level1, indicator.level2, indicator.name, indicator.target.raw) == (
        "产出指标",
        "数量指标",
        "会议次数",
        "2次",
    )


def test_content_that_cannot_be_placed_is_kept() -> None:
    filing = parse_rows([*HEAD[:4], ["", "", "这一行不属于任何栏目"], *HEAD[4:]])
    assert [u.text for u in filing.unplaced] == ["这一行不属于任何栏目"]
    assert filing.unplaced[0].loc is not None and filing.unplaced[0].loc.line is not None


def test_extra_value_cells_in_an_indicator_row_are_reported() -> None:
    rows = [
        ["长期目标1：", "公共卫生"],
        LONG_HEADER,
        ["", "产出指标", "数量指标", "会议次数", "2次", "计划标准", "多余的内容"],
    ]
    filing = parse_rows(HEAD + rows)
    assert [u.text for u in filing.unplaced] == ["多余的内容"]


def test_repeated_page_header_is_not_a_second_department() -> None:
    filing = parse_rows([*HEAD, ["部门名称", "示范区卫生健康局"]])
    assert filing.department == "示范区卫生健康局"
    assert filing.unplaced == []


def test_conflicting_department_is_reported() -> None:
    filing = parse_rows([*HEAD, ["部门名称", "别的部门"]])
    assert filing.department == "示范区卫生健康局"
    assert len(filing.unplaced) == 1


def test_notes_collected() -> None:
    filing = parse_rows([*HEAD, ["备注：1.第一条。"], ["2.第二条。"]])
    assert filing.notes == ["1.第一条。", "2.第二条。"]


def test_text_that_is_no_form_is_not_a_filing() -> None:
    with pytest.raises(NotAFiling):
        parse_bytes("今天天气很好。\n我们去公园散步。\n".encode(), "diary.txt")


def test_locations_point_at_text_lines() -> None:
    rows = annual(["", "产出指标", "数量指标", "会议次数", "4次", "4次", "≥2次", "计划标准"])
    filing = parse_rows(HEAD + rows)
    target = filing.goals[0].indicators[0].target
    assert target.loc is not None
    expected_line = 1 + len(HEAD) + 1 + len(ANNUAL_HEADER) + 1
    assert target.loc.line == expected_line


def test_history_years_named_in_the_header_cells() -> None:
    rows = [
        ["年度目标1：", "公共卫生"],
        ["一级指标", "二级指标", "指标名称", "2020年实际值", "2021年实际值", "预期当年实现值", "绩效标准"],
        ["产出指标", "数量指标", "会议次数", "3次", "4次", "≥4次", "计划标准"],
    ]
    indicator = parse_rows(HEAD + rows).goals[0].indicators[0]
    assert {k: v.raw for k, v in indicator.history.items()} == {"2020": "3次", "2021": "4次"}
    assert indicator.target.raw == "≥4次"


def test_history_years_fall_back_to_the_funding_years() -> None:
    rows = [
        ["年度目标1：", "公共卫生"],
        ["一级指标", "二级指标", "指标名称", "近两年指标值", "", "预期当年实现值", "绩效标准"],
        ["产出指标", "数量指标", "会议次数", "3次", "4次", "≥4次", "计划标准"],
    ]
    indicator = parse_rows(HEAD + rows).goals[0].indicators[0]
    assert {k: v.raw for k, v in indicator.history.items()} == {"2020": "3次", "2021": "4次"}


def test_goal_label_as_paragraph_above_its_own_table() -> None:
    data = (
        dump(HEAD).decode() + "\n长期目标1：公共卫生\n" + "\t一级指标\t二级指标\t指标名称\t指标值\t绩效标准\n"
    )
    data += "\t产出指标\t数量指标\t会议次数\t2次\t计划标准\n"
    goal = parse_bytes(data.encode(), "form.txt").goals[0]
    assert (goal.kind, goal.name, len(goal.indicators)) == ("long_term", "公共卫生", 1)


def test_source_digest_computed_or_taken_as_given() -> None:
    data = dump(HEAD)
    assert parse_bytes(data, "form.txt").source.sha256 == hashlib.sha256(data).hexdigest()
    assert parse_bytes(data, "form.txt", sha256="ab" * 32).source.sha256 == "ab" * 32


def test_one_location_per_cell_shared_by_everything_that_points_at_it() -> None:
    filing = parse_rows(
        HEAD + annual(["", "产出指标", "数量指标", "会议次数", "4次", "4次", "≥2次", "计划标准"])
    )
    goal = filing.goals[0]
    assert goal.loc is filing.sections["goals"]
    indicator = goal.indicators[0]
    assert indicator.standard is not None
    values = (indicator.target, indicator.standard, *indicator.history.values())
    assert len({id(v.loc) for v in values}) == 4 and all(v.loc is not None for v in values)


def test_a_hand_made_grid_with_odd_placeholder_flags_is_read_as_validation_would() -> None:
    rows = [
        ["部门名称", "甲"],
        ["长期目标1：", "公共卫生"],
        ["长期绩效目标", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"],
        ["", "产出指标", "数量指标", "会议次数", "≥2次", "计划标准"],
    ]
    odd: bool = 1  # type: ignore[assignment]
    cells = [
        [Cell(text, Ref("body", 1, r, c), placeholder=odd) for c, text in enumerate(row, 1)]
        for r, row in enumerate(rows, 1)
    ]
    table = Table([Row(row, Ref("body", 1, r)) for r, row in enumerate(cells, 1)], Ref("body", 1))
    source = Source(path="form.docx", format="docx", sha256="0" * 64)
    target = parse_grid(Grid("docx", [table]), source).goals[0].indicators[0].target
    assert target.placeholder is True and target.number == 2
