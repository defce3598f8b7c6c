"""Tests for the text-dump reader (perfform.readers.text)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from perfform.errors import UnreadableInput
from perfform.grid import Grid, Paragraph, Ref, Row, Table
from perfform.readers.text import Layout, decode, detect_layout, opens_row, parse_text, read_text

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WUCHANG = SAMPLES / "wuchang-2020" / "form.txt"
QINGSHAN = SAMPLES / "qingshan-2022" / "form.txt"


def tables(grid: Grid) -> list[Table]:
    return [b for b in grid.body if isinstance(b, Table)]


def row_starting(table: Table, label: str) -> tuple[int, Row]:
    for i, row in enumerate(table.rows):
        if row.cells and row.cells[0].text == label:
            return i, row
    raise AssertionError(f"no row starts with {label!r}")


def shape(grid: Grid) -> list[object]:
    return [b.text if isinstance(b, Paragraph) else [r.texts() for r in b.rows] for b in grid.body]


# --- the real samples ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wuchang() -> Grid:
    return read_text(WUCHANG.read_bytes())


@pytest.fixture(scope="module")
def qingshan() -> Grid:
    return read_text(QINGSHAN.read_bytes())


def test_wuchang_is_cells_layout(wuchang: Grid) -> None:
    assert detect_layout(WUCHANG.read_text(encoding="utf-8")) == "cells"
    assert wuchang.format == "text"
    assert wuchang.encoding == "utf-8"


def test_wuchang_first_row_and_funding(wuchang: Grid) -> None:
    main = wuchang.body[0]
    assert isinstance(main, Table)
    assert main.rows[0].texts() == ["部门名称", "武昌区委统一战线工作部"]
    assert main.rows[1].texts() == ["填报人", "周军", "联系电话", "88936066"]
    _, funding = row_starting(main, "部门总体资金情况（万元）")
    assert funding.texts() == [
        "部门总体资金情况（万元）",
        "总体资金情况",
        "当年预算收支",
        "",
        "占比",
        "近两年收支情况",
    ]
    grants = next(r for r in main.rows if len(r.cells) > 2 and r.cells[2].text == "财政拨款")
    assert grants.texts() == ["", "收入构成", "财政拨款", "717.28", "", "82%", "502.4", "679.61"]
    assert grants.ref == Ref(table=1, row=5, line=24)
    assert [c.ref.column for c in grants.cells] == list(range(1, 9))
    assert grants.cells[3].ref == Ref(table=1, row=5, column=4, line=27)
    assert all(c.col is None for c in grants.cells)


def test_wuchang_functions_cell_and_merged_rows(wuchang: Grid) -> None:
    main = tables(wuchang)[0]
    i, functions = row_starting(main, "部门职能概述")
    assert len(functions.cells) == 2
    assert functions.cells[1].text.startswith("部门主要职能：组织和落实党中央")
    assert functions.cells[1].text.endswith("联谊会等团体的管理工作。")
    assert "\n" not in functions.cells[1].text
    # the label's vertical merge: six rows of two empty fields follow
    assert [r.texts() for r in main.rows[i + 1 : i + 7]] == [["", ""]] * 6
    assert main.rows[i + 7].texts()[0] == "年度工作任务"


def test_wuchang_quirks_kept(wuchang: Grid) -> None:
    main = tables(wuchang)[0]
    texts = [c.text for r in main.rows for c in r.cells]
    assert "6资\u00a0" in texts  # U+00A0 kept, the parser trims
    assert "\u00a0组织赴台考察" in texts
    _, title_goal = row_starting(main, "武昌区委统战部2020年部门整体支出绩效目标表")
    assert title_goal.texts() == ["武昌区委统战部2020年部门整体支出绩效目标表", "统战业务补助经费"]


def test_wuchang_row_count_and_trailing_footer_pair(wuchang: Grid) -> None:
    # lines 1-719 hold 107 blank-line-separated rows; the stray " \t部门名称" at line 720 starts a new
    # table (it is the page-footer table), and the final " " line is blank.
    assert [type(b) for b in wuchang.body] == [Table, Table]
    main, footer = tables(wuchang)
    assert len(main.rows) == 107
    assert main.rows[-1].texts() == [
        "\u00a0\u00a0\u00a0\u00a0 3.“绩效标准”：设定绩效指标值时的依据或参考标准。"
    ]
    assert main.rows[-1].ref.line == 719
    assert footer.ref == Ref(table=2, line=720)
    assert [r.texts() for r in footer.rows] == [["部门名称", "武昌区委统一战线工作部"]]
    assert footer.rows[0].cells[1].ref == Ref(table=2, row=1, column=2, line=721)


def test_qingshan_is_rows_layout(qingshan: Grid) -> None:
    assert detect_layout(QINGSHAN.read_text(encoding="utf-8")) == "rows"
    title = qingshan.body[0]
    assert isinstance(title, Paragraph)
    assert title.text == "青山区卫生健康局2022年部门整体支出绩效目标表"
    assert title.ref == Ref(line=1)
    assert len(qingshan.body) == 2
    main = qingshan.body[1]
    assert isinstance(main, Table)
    assert main.ref == Ref(table=1, line=2)
    assert len(main.rows) == 66
    assert main.rows[0].texts() == ["部门（单位）名称", "青山区卫生健康局"]
    assert main.rows[1].texts() == ["填报人", "王敏", "联系电话", "86312270", "填报日期", "2021年12月20日"]


def test_qingshan_multi_paragraph_cells(qingshan: Grid) -> None:
    main = tables(qingshan)[0]
    i, functions = row_starting(main, "部门职能概述")
    assert functions.texts() == [
        "部门职能概述",
        "1.贯彻执行国家、省、市卫生健康工作方针政策，拟订全区卫生健康事业发展规划；\n"
        "2.协调推进深化医药卫生体制改革，组织实施基本公共卫生服务项目；\n"
        "3.负责全区疾病预防控制、卫生应急和爱国卫生工作。",
    ]
    assert functions.ref == Ref(table=1, row=i + 1, line=12)
    assert functions.cells[1].ref == Ref(table=1, row=i + 1, column=2, line=12)
    # the "\t\t" lines after the duty text are rows of their own (vertical-merge continuations)
    assert [r.texts() for r in main.rows[i + 1 : i + 3]] == [["", ""], ["", ""]]
    assert [r.ref.line for r in main.rows[i + 1 : i + 3]] == [15, 16]
    tasks = main.rows[i + 3]
    assert tasks.texts()[0] == "年度工作任务"
    assert tasks.texts()[1].split("\n") == [
        "1.完成基本公共卫生服务项目，居民电子健康档案建档率不低于90%；",
        "2.推进社区卫生服务中心标准化建设；",
        "3.做好传染病防控和卫生应急处置。",
    ]
    assert main.rows[i + 4].texts() == ["", ""]
    assert main.rows[i + 5].texts() == ["整体绩效目标", "长期目标", "年度目标"]


def test_qingshan_annual_goal_table(qingshan: Grid) -> None:
    main = tables(qingshan)[0]
    i, header = row_starting(main, "年度绩效目标")
    assert main.rows[i - 1].texts() == ["年度目标1：", "基本公共卫生服务"]
    assert header.texts() == ["年度绩效目标", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"]
    assert main.rows[i + 1].texts() == ["", "", "", "", "近两年指标值", "预期当年实现值", ""]
    assert main.rows[i + 2].texts() == ["", "", "", "", "2020年", "2021年", "", ""]
    assert main.rows[i + 3].texts() == [
        "", "成本指标", "经济成本指标", "人均基本公共卫生服务经费", "79元", "84元", "≤89元", "预算支出标准",
    ]  # fmt: skip
    assert main.rows[i + 5].texts() == [
        "", "", "质量指标", "居民电子健康档案建档率", "88%", "89.5%", "不低于90%", "行业标准",
    ]  # fmt: skip
    notes = main.rows[-3:]
    assert [r.texts()[0][:4] for r in notes] == ["备注：1", "2.一级", "3.“绩"]
    assert all(len(r.cells) == 1 for r in notes)


@pytest.mark.parametrize("path", [WUCHANG, QINGSHAN], ids=["wuchang", "qingshan"])
@pytest.mark.parametrize(
    ("encoding", "newline", "name"),
    [
        ("gb18030", "\r\n", "gb18030"),
        ("utf-8-sig", "\n", "utf-8-sig"),
        ("utf-16", "\n", "utf-16-le"),
        ("utf-16-be", "\n", "utf-16-be"),
        ("gb18030", "\r", "gb18030"),
    ],
)
def test_reencoded_samples_read_the_same(path: Path, encoding: str, newline: str, name: str) -> None:
    original = read_text(path.read_bytes())
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    grid = read_text(data)
    assert grid.encoding == name
    assert grid.body == original.body


# --- synthetic dumps -----------------------------------------------------------------------------------

NBSP = "\u00a0"
# Row 1 has a two-paragraph cell in the middle, an empty cell and U+00A0 padding; CR-only line ends.
CELLS_DUMP = "\r".join(
    ["标题", "\tA", "\t第一段", "第二段", "\tB", "\t", f"\t{NBSP}C{NBSP}", "", "\t部门名称", "\tX", "", ""]
)
ROWS_DUMP = "\r".join(["标题", "\tA\t第一段", "第二段", f"\tB\t\t{NBSP}C{NBSP}", "\t部门名称\tX", ""])
EXPECTED = ["标题", [["A", "第一段\n第二段", "B", "", f"{NBSP}C{NBSP}"], ["部门名称", "X"]]]


@pytest.mark.parametrize(("dump", "layout"), [(CELLS_DUMP, "cells"), (ROWS_DUMP, "rows")])
def test_synthetic_table_both_layouts(dump: str, layout: Layout) -> None:
    assert detect_layout(dump) == layout
    forced: Layout
    for forced in ("auto", layout):
        grid = read_text(dump.encode("utf-8"), layout=forced)
        assert shape(grid) == EXPECTED
    table = tables(grid)[0]
    assert [c.ref.line for c in table.rows[0].cells] == (
        [2, 3, 5, 6, 7] if layout == "cells" else [2, 2, 4, 4, 4]
    )
    assert table.rows[1].ref == Ref(table=1, row=2, line=9 if layout == "cells" else 5)


def test_rows_layout_ambiguity_heuristic() -> None:
    dump = "\n".join(
        [
            "\t部门职能概述\t1.甲",
            "2.乙",
            "\t\t",  # empty first field: a new row
            "\t长期目标\t目标1：甲",
            "目标2：乙",
            "\t目标1：丙",  # not a label: the next cell of the same row
            "\t年度工作任务\t1.甲",
            "2.乙",
            "\t年度目标 2：\t名称",  # a label (spaces and colon ignored): a new row
            "\tX\t一",
            "二",
            "\t备注：1.说明",
            "",
        ]
    )
    assert shape(parse_text(dump, layout="rows")) == [
        [
            ["部门职能概述", "1.甲\n2.乙"],
            ["", ""],
            ["长期目标", "目标1：甲\n目标2：乙", "目标1：丙"],
            ["年度工作任务", "1.甲\n2.乙"],
            ["年度目标 2：", "名称"],
            ["X", "一\n二"],
            ["备注：1.说明"],
        ]
    ]


@pytest.mark.parametrize(
    ("field", "opens"),
    [
        ("", True),
        (f" {NBSP}", True),
        ("部门名称：", True),
        ("部门（单位）名称", True),
        ("部门(单位)名称", True),
        ("填报人", True),
        ("部门总体资金情况（万元）", True),
        ("整体绩效目标", True),
        ("长期目标1：", True),
        ("年度目标３", True),
        ("年度目标二：", True),
        ("长期绩效目标", True),
        ("年度绩效目标", True),
        ("备注：1.说明", True),
        ("武昌区委统战部2020年部门整体支出绩效目标表", True),
        ("长期目标", False),
        ("目标1：完成", False),
        ("≥2次", False),
        ("收入构成", False),
    ],
)
def test_opens_row(field: str, opens: bool) -> None:
    assert opens_row(field) is opens


def test_tables_split_by_plain_lines_and_rows_layout_blank_lines() -> None:
    cells = "\tA\n\tB\n\n\n\tC\n\n说明\n\tD\n"
    assert shape(parse_text(cells, layout="cells")) == [[["A", "B"], ["C"]], "说明", [["D"]]]
    rows = "\tA\tB\n\n\tC\tD\n说明\n\n说明二\n\tE\tF"
    grid = parse_text(rows, layout="rows")
    # "说明" directly after a row is a continuation paragraph of that row's last cell
    assert shape(grid) == [[["A", "B"]], [["C", "D\n说明"]], "说明二", [["E", "F"]]]
    assert [b.ref for b in grid.body] == [
        Ref(table=1, line=1),
        Ref(table=2, line=3),
        Ref(line=6),
        Ref(table=3, line=7),
    ]


def test_blank_edges_whitespace_lines_and_no_final_newline() -> None:
    dump = "\n \n\u3000\n\tA\n\tB\n  \n\tC\n\t"
    grid = read_text(dump.encode("utf-8"))
    assert shape(grid) == [[["A", "B"], ["C", ""]]]
    assert tables(grid)[0].rows[1].cells[1].ref == Ref(table=1, row=2, column=2, line=8)
    assert shape(read_text(b"\n\n\tA\tB\n\tC\tD\n\n\n  \n")) == [[["A", "B"], ["C", "D"]]]


def test_stray_space_before_tab_starts_a_table_in_rows_layout() -> None:
    dump = "\tA\tB\n\tC\tD\n \t部门名称\t武昌\n"
    assert shape(parse_text(dump)) == [[["A", "B"], ["C", "D"]], [["部门名称", "武昌"]]]


def test_plain_line_with_tab_is_a_paragraph() -> None:
    assert shape(parse_text("注\t一\n\tA\tB\n")) == ["注\t一", [["A", "B"]]]


# --- decoding and bad input -----------------------------------------------------------------------------


def test_decode_encodings() -> None:
    assert decode("\t部门名称\n".encode()) == ("\t部门名称\n", "utf-8")
    assert decode(codecs.BOM_UTF8 + "\t部门\n".encode()) == ("\t部门\n", "utf-8-sig")
    assert decode("\t部门\n".encode("utf-16")) == ("\t部门\n", "utf-16-le")
    assert decode("\t部门名称\r\n".encode("gbk")) == ("\t部门名称\r\n", "gb18030")
    assert decode("\t𠀀字\n".encode("gb18030")) == ("\t𠀀字\n", "gb18030")
    latin = "Preis: 5€ – naïve Straße, Größe\n\tZelle\tZweite\n"
    text, name = decode(latin.encode("cp1252"))  # neither UTF-8 nor GB18030: charset-normalizer guesses
    assert text.startswith("Preis: 5") and text.endswith("\tZelle\tZweite\n")
    assert name not in ("utf-8", "gb18030")


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        bytes(range(1, 32)) * 20,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"\x89PNG\r\n\x1a\n",
        b"PK\x03\x04\x14\x00\x06\x00",
        "\t部门\n".encode("utf-16-le"),  # UTF-16 without a BOM: NUL bytes
        codecs.BOM_UTF16_LE + "".join(map(chr, range(1, 0x100))).encode("utf-16-le"),
        "".join(map(chr, range(0xE000, 0xE100))).encode(),  # private use
        codecs.BOM_UTF8 + b"\tA\x00B\n",
    ],
    ids=[
        "all-bytes",
        "controls",
        "png",
        "png-signature",
        "zip",
        "utf16-no-bom",
        "utf16-controls",
        "private-use",
        "utf8-bom-nul",
    ],
)
def test_binary_garbage(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match="binary data, not a text dump"):
        read_text(data)


@pytest.mark.parametrize(
    "data", [codecs.BOM_UTF8 + b"\t\xff\xfe\n", codecs.BOM_UTF16_LE + b"\t\x00A"], ids=["utf8", "utf16-odd"]
)
def test_invalid_after_bom(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match="byte-order mark"):
        read_text(data)


def test_oversize() -> None:
    with pytest.raises(UnreadableInput, match="limit of 16 bytes"):
        read_text(b"\tA\n" * 10, max_bytes=16)
    assert shape(read_text(b"\tA\n" * 5, max_bytes=16)) == [[["A", "A", "A", "A", "A"]]]


@pytest.mark.parametrize("data", [b"", b"\n\r\n  \n", " \u3000\n".encode(), codecs.BOM_UTF8])
def test_empty(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match="empty file"):
        read_text(data)


def test_bad_layout_argument() -> None:
    with pytest.raises(ValueError, match="layout"):
        read_text(b"\tA\n", layout="columns")  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------------------------

cell_text = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Co", "Cn"),
        exclude_characters="\ufeff\ufffd",
    ),
    max_size=12,
)
table_rows = st.lists(st.lists(cell_text, min_size=1, max_size=8), min_size=1, max_size=20)
titles = st.none() | cell_text.filter(lambda t: t != "" and not t.isspace())


def render(rows: list[list[str]], layout: str, title: str | None) -> str:
    lines = [] if title is None else [title]
    for row in rows:
        if layout == "cells":
            lines += ["\t" + text for text in row] + [""]
        else:
            lines.append("\t" + "\t".join(row))
    if layout == "rows":
        lines.append("")
    return "\n".join(lines)


@settings(max_examples=300, deadline=None)
@given(rows=table_rows, layout=st.sampled_from(["cells", "rows"]), title=titles)
def test_random_tables_round_trip(rows: list[list[str]], layout: Layout, title: str | None) -> None:
    data = render(rows, layout, title).encode("utf-8")
    expected: list[object] = ([] if title is None else [title]) + [rows]
    assert shape(read_text(data, layout=layout)) == expected
    # auto-detection needs one TAB-led line with several fields to tell single-cell rows from cells
    assume(layout == "cells" or any(len(row) > 1 for row in rows))
    assert shape(read_text(data)) == expected


boms = st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE])
dump_like = st.text(st.sampled_from("\t\n\r \u00a0\u3000a部门名称：1备注\x00\x0b"), max_size=200)
any_bytes = (
    st.binary(max_size=400)
    | st.builds(bytes.__add__, boms, st.binary(max_size=200))
    | dump_like.map(str.encode)
    | st.builds(str.encode, dump_like, st.sampled_from(["gb18030", "utf-16", "utf-8-sig"]))
)
layouts: st.SearchStrategy[Layout] = st.sampled_from(["auto", "cells", "rows"])


@settings(max_examples=500, deadline=None)
@given(data=any_bytes, layout=layouts)
def test_any_bytes_give_grid_or_unreadable(data: bytes, layout: Layout) -> None:
    try:
        grid = read_text(data, layout=layout)
    except UnreadableInput as exc:
        assert "\n" not in exc.message
        return
    assert grid.body
    table_number = 0
    for block in grid.body:
        if isinstance(block, Table):
            table_number += 1
            assert block.ref.table == table_number and block.rows
            for r, row in enumerate(block.rows, 1):
                assert row.ref.row == r and row.cells
                assert [c.ref.column for c in row.cells] == list(range(1, len(row.cells) + 1))
        else:
            assert block.ref.line is not None


def test_refs_are_immutable_hashable_records() -> None:
    ref = Ref(table=2, row=3, column=4, line=9)
    assert (ref.part, ref.table, ref.row, ref.column, ref.line) == ("body", 2, 3, 4, 9)
    assert ref == Ref("body", 2, 3, 4, 9) and {ref: 1}[Ref("body", 2, 3, 4, 9)] == 1
    with pytest.raises(AttributeError):
        ref.row = 5  # type: ignore[misc]
    assert ref.describe() == "line 9"
    assert Ref("footer", 1, 2, 3).describe() == "page footer, table 1, row 2, column 3"
    assert Ref().describe() == "document"


def test_continuation_lines_join_the_cell_they_follow() -> None:
    cells = parse_text("\tA\n\tB\nB2\nB3\n\n\tC\nC2\n", layout="cells")
    rows = parse_text("\tA\tB\nB2\nB3\n\tC\nC2\n", layout="rows")
    assert shape(cells) == [[["A", "B\nB2\nB3"], ["C\nC2"]]]
    assert shape(rows) == [[["A", "B\nB2\nB3", "C\nC2"]]]
    assert [c.ref for c in tables(rows)[0].rows[0].cells] == [
        Ref(table=1, row=1, column=1, line=1),
        Ref(table=1, row=1, column=2, line=1),
        Ref(table=1, row=1, column=3, line=4),
    ]
