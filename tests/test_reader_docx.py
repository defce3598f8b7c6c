"""Tests for the .docx reader (perfform.readers.docx); fixtures are built in memory with `docxbuild`."""

from __future__ import annotations

import io
import struct
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from lxml import etree

from docxbuild import W_NS, document_xml, docx, p, r, tbl, tc, tr
from perfform.errors import UnreadableInput
from perfform.grid import Cell, Grid, Paragraph, Ref, Table
from perfform.readers import docx as reader
from perfform.readers.docx import MAX_TABLE_DEPTH, read_docx

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

SDT_PLACEHOLDER = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"


def tables(grid: Grid) -> list[Table]:
    return [b for b in grid.body if isinstance(b, Table)]


def texts(blocks: list[Paragraph | Table]) -> list[object]:
    return [b.text if isinstance(b, Paragraph) else [row.texts() for row in b.rows] for b in blocks]


def body(xml: str) -> list[object]:
    return texts(read_docx(docx(xml)).body)


def one_table(xml: str) -> Table:
    (table,) = tables(read_docx(docx(xml)))
    return table


def sdt(content: str, pr: str = "") -> str:
    return f"<w:sdt>{pr}<w:sdtContent>{content}</w:sdtContent></w:sdt>"


# --- blocks and text --------------------------------------------------------------------------------


def test_paragraphs_and_tables_in_order() -> None:
    assert body(p("标题") + tbl(tr("a", "b")) + p() + p("备注")) == ["标题", [["a", "b"]], "", "备注"]


def test_block_level_wrappers_are_unwrapped_in_place() -> None:
    xml = (
        p("one")
        + sdt(p("two") + tbl(tr("cell")))
        + '<w:customXml w:element="x">'
        + p("three")
        + "</w:customXml>"
        + "<w:smartTag>"
        + p("four")
        + "</w:smartTag>"
        + p("five")
    )
    assert body(xml) == ["one", "two", [["cell"]], "three", "four", "five"]


def test_inline_wrappers_keep_their_text_and_field_codes_do_not() -> None:
    xml = p(
        r("A"),
        sdt(r("B")),
        '<w:hyperlink r:id="rId9">' + r("C") + "</w:hyperlink>",
        '<w:fldSimple w:instr=" PAGE ">' + r("D") + "</w:fldSimple>",
        '<w:smartTag w:element="date">' + r("E") + "</w:smartTag>",
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + r("F")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    assert body(xml) == ["ABCDEF"]


def test_tab_breaks_and_special_characters() -> None:
    xml = p(
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/><w:t>d</w:t>"
        '<w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:sym w:font="Symbol" w:char="F0B3"/>'
        '<w:t>2</w:t><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:font="SimSun" w:char="2264"/></w:r>'
    )
    assert body(xml) == ["a\tb\nc\nd-e≥2≤"]


def test_runs_split_mid_number_concatenate() -> None:
    table = one_table(tbl(tr(tc(p(r("71"), r("7.28", "<w:rPr><w:b/></w:rPr>"))))))
    assert table.rows[0].cells[0].text == "717.28"


def test_cell_paragraphs_join_with_newline() -> None:
    table = one_table(tbl(tr(tc("1.贯彻执行", "2.协调推进", ""))))
    assert table.rows[0].cells[0].text == "1.贯彻执行\n2.协调推进\n"


def test_ruby_keeps_base_text_only() -> None:
    xml = p(
        "<w:ruby><w:rubyPr/><w:rt>" + r("tǒng") + "</w:rt><w:rubyBase>" + r("统") + "</w:rubyBase></w:ruby>",
        "战",
    )
    assert body(xml) == ["统战"]


# --- tracked changes ----------------------------------------------------------------------------------


def test_insertions_kept_deletions_dropped_and_counted() -> None:
    xml = p(
        r("财政拨款"),
        '<w:ins w:id="1" w:author="a">' + r("717") + "</w:ins>",
        '<w:del w:id="2" w:author="a"><w:r><w:delText>502</w:delText></w:r></w:del>',
        '<w:moveFrom w:id="3" w:author="a">' + r("moved-away") + "</w:moveFrom>",
        '<w:moveTo w:id="4" w:author="a">' + r(".28") + "</w:moveTo>",
    )
    grid = read_docx(docx(xml))
    assert texts(grid.body) == ["财政拨款717.28"]
    assert grid.tracked_changes == 4


def test_deleted_row_dropped_and_cell_changes_counted() -> None:
    xml = tbl(
        tr(tc("keep", props='<w:vMerge w:val="restart"/>'), "1"),
        tr(tc("gone", props="<w:vMerge/>"), "2", props='<w:del w:id="1" w:author="a"/>'),
        tr(tc(props="<w:vMerge/>"), tc("3", props='<w:cellIns w:id="2" w:author="a"/>')),
        tr("x", tc("deleted", props='<w:cellDel w:id="3" w:author="a"/>'), "y"),
    )
    grid = read_docx(docx(xml))
    (table,) = tables(grid)
    assert [row.texts() for row in table.rows] == [["keep", "1"], ["", "3"], ["x", "y"]]
    assert table.rows[0].cells[0].rowspan == 2
    assert [row.ref.row for row in table.rows] == [1, 2, 3]
    assert grid.tracked_changes == 3


def test_no_tracked_changes_counts_zero() -> None:
    assert read_docx(docx(p("plain"))).tracked_changes == 0


# --- content controls ---------------------------------------------------------------------------------


def test_row_and_cell_level_content_controls_are_unwrapped() -> None:
    xml = tbl(
        tr("a", "b"), sdt(tr("c", sdt(tc("d")))), '<w:customXml w:element="row">' + tr("e") + "</w:customXml>"
    )
    table = one_table(xml)
    assert [row.texts() for row in table.rows] == [["a", "b"], ["c", "d"], ["e"]]
    assert [c.col for c in table.rows[1].cells] == [0, 1]
    assert not any(c.placeholder for row in table.rows for c in row.cells)


@pytest.mark.parametrize(
    "cell",
    [
        tc(p(r("值："), sdt(r("单击或点击此处输入文字。"), SDT_PLACEHOLDER))),  # inline
        tc(sdt(p("单击或点击此处输入文字。"), SDT_PLACEHOLDER)),  # block level inside the cell
        sdt(tc("单击或点击此处输入文字。"), SDT_PLACEHOLDER),  # around the cell
    ],
    ids=["inline", "block", "cell"],
)
def test_placeholder_content_control_marks_the_cell(cell: str) -> None:
    table = one_table(tbl(tr("指标值", cell)))
    label, value = table.rows[0].cells
    assert value.placeholder and not label.placeholder
    assert value.text.endswith("单击或点击此处输入文字。")


def test_placeholder_around_a_row_marks_its_cells() -> None:
    table = one_table(tbl(sdt(tr("a", "b"), SDT_PLACEHOLDER), tr("c")))
    assert [[c.placeholder for c in row.cells] for row in table.rows] == [[True, True], [False]]


def test_filled_content_control_is_not_a_placeholder() -> None:
    off = '<w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr>'
    table = one_table(tbl(tr(tc(p(sdt(r("717.28"), off))), tc(p(sdt(r("82%"), "<w:sdtPr/>"))))))
    assert [c.placeholder for c in table.rows[0].cells] == [False, False]
    assert table.rows[0].texts() == ["717.28", "82%"]


# --- table geometry -----------------------------------------------------------------------------------


def test_grid_span_sets_colspan_and_columns() -> None:
    table = one_table(
        tbl(tr("部门名称", tc("武昌区委统一战线工作部", props='<w:gridSpan w:val="7"/>')), tr(*"abcdefgh"))
    )
    first = table.rows[0].cells
    assert [(c.col, c.colspan) for c in first] == [(0, 1), (1, 7)]
    assert first[1].ref == Ref("body", 1, 1, 2)
    assert [c.col for c in table.rows[1].cells] == list(range(8))


def test_vertical_merge_rowspan_and_continuations() -> None:
    restart = '<w:vMerge w:val="restart"/>'
    xml = tbl(
        tr(tc("收入构成", props=restart), "财政拨款"),
        tr(tc(props="<w:vMerge/>"), "其他资金"),
        tr(tc("stray text", props='<w:vMerge w:val="continue"/>'), "合计"),
        tr("支出构成", "基本支出"),
    )
    rows = one_table(xml).rows
    assert [row.texts() for row in rows] == [
        ["收入构成", "财政拨款"],
        ["", "其他资金"],
        ["", "合计"],
        ["支出构成", "基本支出"],
    ]
    head = rows[0].cells[0]
    assert head.rowspan == 3 and not head.merged
    for row in rows[1:3]:
        cont = row.cells[0]
        assert cont.merged and cont.col == 0 and cont.rowspan == 1
        assert cont.ref == Ref("body", 1, row.ref.row, 1)
    assert not rows[3].cells[0].merged


def test_continuation_without_a_merge_above_starts_one() -> None:
    rows = one_table(tbl(tr(tc("orphan", props="<w:vMerge/>")), tr(tc(props="<w:vMerge/>")))).rows
    assert rows[0].cells[0].text == "orphan" and rows[0].cells[0].rowspan == 2
    assert rows[1].cells[0].merged


def test_grid_before_shifts_columns() -> None:
    rows = one_table(
        tbl(tr("a", "b", "c"), tr("x", props='<w:gridBefore w:val="2"/><w:gridAfter w:val="0"/>'))
    ).rows
    (cell,) = rows[1].cells
    assert cell.col == 2 and cell.ref.column == 3


def test_legacy_hmerge_widens_the_previous_cell() -> None:
    xml = tbl(tr(tc("wide", props='<w:hMerge w:val="restart"/>'), tc("ignored", props="<w:hMerge/>"), "c"))
    cells = one_table(xml).rows[0].cells
    assert [(c.text, c.col, c.colspan) for c in cells] == [("wide", 0, 2), ("c", 2, 1)]


def test_hostile_spans_are_clamped() -> None:
    xml = tbl(tr(tc("a", props='<w:gridSpan w:val="999999999"/>'), tc("b", props='<w:gridSpan w:val="x"/>')))
    cells = one_table(xml).rows[0].cells
    assert [(c.col, c.colspan) for c in cells] == [(0, 63), (63, 1)]


def test_nested_table_kept_nested_and_out_of_outer_text() -> None:
    inner = tbl(tr("inner 1", "inner 2"))
    grid = read_docx(docx(tbl(tr(tc("before", inner, "after"), "next")) + tbl(tr("second"))))
    outer, second = tables(grid)
    cell = outer.rows[0].cells[0]
    assert cell.text == "before\nafter"
    (nested,) = cell.tables
    assert nested.rows[0].texts() == ["inner 1", "inner 2"]
    assert nested.ref == Ref("body", 1) and nested.rows[0].cells[1].ref == Ref("body", 1, 1, 2)
    assert second.ref == Ref("body", 2)


# --- text boxes ---------------------------------------------------------------------------------------


def text_box(text: str) -> str:
    """A text box as Word writes it: a DrawingML Choice and a VML Fallback holding the same text."""
    content = "<w:txbxContent>" + p(text) + "</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_box_follows_its_paragraph_once() -> None:
    assert body(p("anchor", text_box("in the box")) + p("next")) == ["anchor", "in the box", "next"]


def test_text_box_in_a_cell_adds_lines() -> None:
    table = one_table(tbl(tr(tc(p("anchor", text_box("boxed")), "last"))))
    assert table.rows[0].cells[0].text == "anchor\nboxed\nlast"


def test_vml_only_text_box_is_read() -> None:
    vml = (
        "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
        + p("vml")
        + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )
    assert body(p("a", vml)) == ["a", "vml"]


# --- headers and footers ------------------------------------------------------------------------------


FOOTER_TABLE = p() + tbl(tr("部门名称", "武昌区委统一战线工作部"))


def test_headers_and_footers_kept_apart_from_the_body() -> None:
    grid = read_docx(docx(p("body"), headers=[p("页眉")], footers=[FOOTER_TABLE, p("第 1 页")]))
    assert texts(grid.body) == ["body"]
    assert texts(grid.headers) == ["页眉"]
    assert texts(grid.footers) == ["", [["部门名称", "武昌区委统一战线工作部"]], "第 1 页"]
    assert grid.headers[0].ref.part == "header"
    footer_table = grid.footers[1]
    assert isinstance(footer_table, Table)
    assert footer_table.ref == Ref("footer", 1)
    assert footer_table.rows[0].cells[1].ref == Ref("footer", 1, 1, 2)


def test_headers_found_by_name_without_relationships() -> None:
    grid = read_docx(docx(p("body"), headers=[p("h1"), p("h2")], footers=[p("f")], rels=False))
    assert texts(grid.headers) == ["h1", "h2"] and texts(grid.footers) == ["f"]


def test_relationships_decide_which_parts_are_read() -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"'
        ' Target="/word/footer1.xml"/></Relationships>'
    )
    grid = read_docx(
        docx(p("body"), headers=[p("orphan")], footers=[p("f")], parts={"word/_rels/document.xml.rels": rels})
    )
    assert grid.headers == [] and texts(grid.footers) == ["f"]


def test_tracked_changes_in_footers_are_counted() -> None:
    grid = read_docx(docx(p("b"), footers=[p('<w:ins w:id="1" w:author="a">' + r("x") + "</w:ins>")]))
    assert grid.tracked_changes == 1 and texts(grid.footers) == ["x"]


# --- bad input ----------------------------------------------------------------------------------------


def refused(data: bytes) -> str:
    with pytest.raises(UnreadableInput) as info:
        read_docx(data)
    message = info.value.message
    assert message and "\n" not in message
    return message


def test_not_a_zip() -> None:
    assert "not a zip" in refused("部门名称\t武昌区委统一战线工作部\n".encode())
    refused(b"")


def test_truncated_zip() -> None:
    data = docx(p("x"))
    refused(data[: len(data) // 2])


def test_zip_without_document_xml() -> None:
    assert "word/document.xml" in refused(docx(p("x"), parts={"word/document.xml": None}))


def test_malformed_xml() -> None:
    assert "not well-formed" in refused(docx(document=document_xml("<w:p><w:r></w:p>")))


def test_not_wordprocessingml() -> None:
    refused(docx(document="<html><body/></html>"))


def test_ole2_file_is_named() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    assert "encrypted or legacy Word file" in refused(ole)


def test_sample_doc_is_refused_as_ole2() -> None:
    assert "OLE2" in refused((SAMPLES / "wuchang-2020" / "form.doc").read_bytes())


def test_declared_size_over_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_DOCUMENT_SIZE", 1000)
    assert "too large" in refused(docx(p("x" * 2000)))


def test_compression_ratio_bomb() -> None:
    bomb = document_xml("<w:p/>" * 300_000)  # about 1.8 MB that deflates far past 200:1
    assert "zip bomb" in refused(docx(document=bomb))


def _patch_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size of `name` in its local header and central directory entry."""
    out = bytearray(data)
    local = out.find(b"PK\x03\x04")
    while local != -1:
        (name_len,) = struct.unpack_from("<H", out, local + 26)
        if out[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", out, local + 22, size)
        local = out.find(b"PK\x03\x04", local + 4)
    central = out.find(b"PK\x01\x02")
    while central != -1:
        (name_len,) = struct.unpack_from("<H", out, central + 28)
        if out[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", out, central + 24, size)
        central = out.find(b"PK\x01\x02", central + 4)
    return bytes(out)


def test_lying_size_header_is_caught() -> None:
    data = _patch_sizes(docx(p("x" * 50_000)), b"word/document.xml", 100)
    refused(data)


def test_encrypted_zip_entry() -> None:
    data = bytearray(docx(p("x")))
    central = data.find(b"PK\x01\x02")
    while central != -1:
        struct.pack_into("<H", data, central + 8, struct.unpack_from("<H", data, central + 8)[0] | 1)
        central = data.find(b"PK\x01\x02", central + 4)
    refused(bytes(data))


def rezipped(data: bytes, compression: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", compression) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
    return out.getvalue()


@pytest.mark.parametrize("compression", [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_members_stored_or_compressed_otherwise_read_the_same(compression: int) -> None:
    data = docx(p("标题") + tbl(tr("a", "b")))
    assert read_docx(rezipped(data, compression)) == read_docx(data)


def _document_offsets(data: bytes) -> tuple[int, zipfile.ZipInfo]:
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    (name_len, extra_len) = struct.unpack_from("<HH", data, info.header_offset + 26)
    return info.header_offset + 30 + name_len + extra_len, info


def test_damaged_member_data_is_refused() -> None:
    data = docx(p("x" * 5000))
    start, info = _document_offsets(data)
    damaged = bytearray(data)
    damaged[start + info.compress_size // 2] ^= 0xFF
    assert "cannot read word/document.xml" in refused(bytes(damaged))


def test_bad_crc_is_refused() -> None:
    data = bytearray(docx(p("x")))
    _, info = _document_offsets(bytes(data))
    central = data.find(b"PK\x01\x02")
    while central != -1:
        (name_len,) = struct.unpack_from("<H", data, central + 28)
        if data[central + 46 : central + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", data, central + 16, info.CRC ^ 1)
        central = data.find(b"PK\x01\x02", central + 4)
    assert "cannot read word/document.xml" in refused(bytes(data))


def test_member_without_local_header_is_refused() -> None:
    data = bytearray(docx(p("x")))
    _, info = _document_offsets(bytes(data))
    data[info.header_offset : info.header_offset + 4] = b"XXXX"
    assert "cannot read word/document.xml" in refused(bytes(data))


def test_external_entity_is_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    )
    message = refused(docx(document=document))
    assert "DOCTYPE" in message and "TOP-SECRET" not in message


def test_billion_laughs_finishes_fast() -> None:
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    document = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
    )
    start = time.perf_counter()
    refused(docx(document=document))
    assert time.perf_counter() - start < 1.0


def test_doctype_in_a_footer_is_refused_too() -> None:
    data = docx(
        p("b"), parts={"word/footer1.xml": '<!DOCTYPE x><w:ftr xmlns:w="' + W_NS + '"/>'}, footers=[""]
    )
    refused(data)


# --- deep nesting -------------------------------------------------------------------------------------


def nested_xml(levels: int) -> str:
    xml = p("deepest")
    for level in range(levels, 0, -1):
        xml = tbl(tr(tc(p(f"level {level}"), xml)))
    return xml


def nesting_depth(table: Table) -> int:
    depth = 1
    while table.rows[0].cells[0].tables:
        table = table.rows[0].cells[0].tables[0]
        depth += 1
    return depth


def innermost_cell(table: Table) -> Cell:
    cell = table.rows[0].cells[0]
    while cell.tables:
        cell = cell.tables[0].rows[0].cells[0]
    return cell


def test_nesting_past_the_cap_is_flattened() -> None:
    levels = 60  # as deep as the parser's 256-element limit allows
    (table,) = tables(read_docx(docx(nested_xml(levels))))
    assert nesting_depth(table) == MAX_TABLE_DEPTH
    last = innermost_cell(table)
    assert last.text.splitlines() == [f"level {i}" for i in range(MAX_TABLE_DEPTH, levels + 1)] + ["deepest"]


def test_two_thousand_levels_from_bytes_do_not_crash() -> None:
    start = time.perf_counter()
    try:
        grid = read_docx(docx(nested_xml(2000)))
    except UnreadableInput as exc:
        assert "depth" in exc.message.lower()
    else:
        assert nesting_depth(tables(grid)[0]) == MAX_TABLE_DEPTH
    assert time.perf_counter() - start < 5.0


def test_two_thousand_levels_in_a_tree_do_not_recurse() -> None:
    # The parser stops at 256 levels; a tree built in memory has no such limit.
    w = "{" + W_NS + "}"
    root = etree.Element(w + "body")
    parent = root
    for level in range(2000):
        cell = etree.SubElement(etree.SubElement(etree.SubElement(parent, w + "tbl"), w + "tr"), w + "tc")
        run = etree.SubElement(etree.SubElement(cell, w + "p"), w + "r")
        etree.SubElement(run, w + "t").text = str(level)
        parent = etree.SubElement(etree.SubElement(cell, w + "sdt"), w + "sdtContent")
    out: list[Paragraph | Table] = []
    reader._blocks(iter(root), reader._Ctx("body"), out, 0, None)
    (table,) = out
    assert isinstance(table, Table)
    assert nesting_depth(table) == MAX_TABLE_DEPTH
    assert innermost_cell(table).text.splitlines()[-1] == "1999"


# --- formatting skipped before parsing ---------------------------------------------------------------

RPR = '<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:kern w:val="0"/><w:sz w:val="21"/></w:rPr>'
PPR = '<w:pPr><w:spacing w:line="240"/><w:jc w:val="center"/>' + RPR + "</w:pPr>"
BORDERS = '<w:tcBorders><w:top w:val="single" w:sz="4"/><w:left w:val="nil"/></w:tcBorders>'


def stripped(xml: str) -> str:
    return reader.without_formatting(xml.encode()).decode()


def test_simple_properties_are_removed_before_parsing() -> None:
    cell = f'<w:tc><w:tcPr><w:tcW w:w="900"/>{BORDERS}<w:gridSpan w:val="2"/></w:tcPr>'
    xml = cell + f"<w:p>{PPR}<w:r>{RPR}<w:t>7</w:t></w:r></w:p></w:tc>"
    assert (
        stripped(xml)
        == '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc>'
    )


@pytest.mark.parametrize(
    "xml",
    [
        '<w:rPr><w:b/><w:rPrChange w:id="2" w:author="a"><w:i/></w:rPrChange></w:rPr>',  # nested
        '<w:pPr>\n  <w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>\n  <w:jc w:val="center"/>\n</w:pPr>',
    ],
)
def test_properties_with_nested_children_are_removed(xml: str) -> None:
    assert stripped(xml) == ""


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ('<w:tcPr><w:tcW w:w="900"/><w:vAlign w:val="center"/></w:tcPr><w:p/>', "<w:p/>"),
        (
            f'<w:tcPr><w:tcW w:w="900"/>{BORDERS}<w:vMerge/><w:shd w:fill="auto"/></w:tcPr>',
            "<w:tcPr><w:vMerge/></w:tcPr>",
        ),
        (
            '<w:tcPr><w:tcW w:w="900"/><w:vMerge/><w:hMerge w:val="continue"/></w:tcPr>',
            '<w:tcPr><w:vMerge/><w:hMerge w:val="continue"/></w:tcPr>',
        ),
        (  # tracked cell changes are counted, so they stay
            '<w:tcPr><w:tcW w:w="900"/><w:cellDel w:id="1"/></w:tcPr>',
            '<w:tcPr><w:cellDel w:id="1"/></w:tcPr>',
        ),
        ('<w:trPr><w:cantSplit/><w:trHeight w:val="340"/></w:trPr><w:tc/>', "<w:tc/>"),
        (
            '<w:trPr><w:gridBefore w:val="1"/>\n <w:trHeight w:val="340"/><w:del w:id="2"/></w:trPr>',
            '<w:trPr><w:gridBefore w:val="1"/><w:del w:id="2"/></w:trPr>',
        ),
        ("<w:trPr></w:trPr><w:tc/>", "<w:tc/>"),
    ],
)
def test_cell_and_row_properties_keep_only_what_is_read(xml: str, expected: str) -> None:
    assert stripped(xml) == expected


@pytest.mark.parametrize(
    "xml",
    [
        "<w:tcPr></></w:tcPr>",  # no name: not simple, left to the XML parser to refuse
        '<w:tcPr><w:gridSpan w:val="2"></w:gridSpan></w:tcPr>',  # read, but not written as an empty tag
        "<w:tcPr><w:tcW/></w:tcW></w:tcPr>",  # an end tag that closes nothing
        "<w:tcPr><a <b/>x/></w:tcPr>",
        '<w:tcPr><w:tcW w:w="9"/>x > y</w:tcPr>',
        '<w:tcPr><w:shd w:val="a/>b"/></w:tcPr>',  # "/>" inside an attribute value
    ],
)
def test_cell_properties_that_are_not_simple_stay(xml: str) -> None:
    assert stripped(xml) == xml


@pytest.mark.parametrize(
    "xml",
    [
        '<w:rPr><w:ins w:id="1" w:author="a"/></w:rPr>',  # a tracked paragraph mark: counted, so kept
        '<w:rPr><w:del w:id="1" w:author="a"/></w:rPr>',
        "<w:rPr><w:b/><!-- x --></w:rPr>",  # a comment
        "<w:rPr><w:b/> -> </w:rPr>",  # text
        "<w:rPr><w:b/>",  # no end tag
        "<w:pPr><w:tabs><w:tab/></w:pPr>",  # not nested properly
        "<w:pPr><w:rPr><w:ins w:id='1'/></w:rPr></w:pPr>",  # a counted mark inside a child
        "<w:pPr><?pi x?></w:pPr>",  # a processing instruction
    ],
)
def test_properties_that_are_not_simple_stay(xml: str) -> None:
    assert stripped(xml) == xml


@pytest.mark.parametrize(
    "xml",
    [
        "<w:t><![CDATA[<w:rPr><w:b/></w:rPr>]]></w:t>" + RPR,
        RPR + "<w:t><![CDATA[x]]></w:t>",  # after everything that would be cut
        f"<w:pPr><w:jc/><![CDATA[{RPR}]]></w:pPr>",  # inside property content
    ],
)
def test_a_part_with_cdata_is_left_alone(xml: str) -> None:
    assert stripped(xml) == xml


def test_properties_inside_a_comment_cannot_swallow_its_end() -> None:
    xml = f"<!-- <w:rPr> --><w:r>{RPR}<w:t>a</w:t></w:r>"
    assert stripped(xml) == "<!-- <w:rPr> --><w:r><w:t>a</w:t></w:r>"
    etree.fromstring(f"<w:p xmlns:w='{W_NS}'>{stripped(xml)}</w:p>")  # still well-formed


def test_nested_property_changes_keep_the_xml_well_formed() -> None:
    xml = (
        f'<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a">{RPR}</w:rPrChange></w:rPr><w:t>x</w:t></w:r>'
    )
    out = stripped(xml)
    assert (
        out == '<w:r><w:rPr><w:b/><w:rPrChange w:id="1" w:author="a"></w:rPrChange></w:rPr><w:t>x</w:t></w:r>'
    )
    etree.fromstring(f"<w:p xmlns:w='{W_NS}'>{out}</w:p>")


_PROPERTY_CHILDREN = st.sampled_from(
    [
        "<w:b/>",
        '<w:rFonts w:ascii="宋体"/>',
        '<w:ins w:id="1" w:author="a"/>',
        "<w:del/>",
        '<w:gridSpan w:val="2"/>',
        "<w:vMerge/>",
        "<w:gridBefore/>",
        "x",
        "<!-- c -->",
        "<w:t>a</w:t>",
    ]
)


def _properties(name: str, children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(children, max_size=4).map(lambda kids: f"<w:{name}>{''.join(kids)}</w:{name}>")


# Run properties as Word writes them: never holding paragraph properties.
_RUN_PROPERTIES = st.recursive(
    _PROPERTY_CHILDREN,
    lambda inner: _properties("rPr", inner) | _properties("rPrChange", inner),
    max_leaves=8,
)
_ANY_PROPERTIES = st.recursive(
    _RUN_PROPERTIES,
    lambda inner: st.sampled_from(["pPr", "pPrChange", "tcPr", "trPr", "r", "p"]).flatmap(
        lambda name: _properties(name, inner)
    ),
    max_leaves=12,
)


def _cut_runs_first(raw: bytes) -> bytes:
    passes = dict(reader._FORMATTING)
    for name in (b"rPr", b"pPr", b"tcPr", b"trPr"):
        raw = reader._cut_properties(raw, name, passes[name])
    return raw


@given(st.lists(_ANY_PROPERTIES, min_size=1, max_size=5).map("".join))
@example(f"<w:p><w:pPr><w:jc/>{RPR}</w:pPr><w:r>{RPR}<w:t>a</w:t></w:r></w:p>")
@example('<w:pPr><w:rPr><w:ins w:id="1"/><w:b/></w:rPr><w:jc/></w:pPr>')
@example(f'<w:pPr><w:pPrChange w:id="1"><w:pPr>{RPR}</w:pPr></w:pPrChange></w:pPr>')
def test_the_order_of_the_cuts_does_not_matter(xml: str) -> None:
    """Paragraph properties are cut before run properties, for speed; cutting run properties first gives
    the same bytes as long as run properties hold no paragraph properties, as in every Word document."""
    raw = xml.encode()
    assert reader.without_formatting(raw) == _cut_runs_first(raw)


def test_where_run_properties_hold_paragraph_properties_the_order_shows_but_reads_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    odd = "<w:pPr><w:rPr><w:pPr></w:pPr></w:rPr></w:pPr>"  # never written by Word
    assert stripped(odd) == "<w:pPr></w:pPr>"
    assert _cut_runs_first(odd.encode()) == b""
    data = docx(f"<w:p>{odd}{r('a')}</w:p>" + tbl(tr(tc(f"<w:p>{odd}{r('b')}</w:p>"))))
    fast = read_docx(data)
    monkeypatch.setattr(reader, "without_formatting", _cut_runs_first)
    assert read_docx(data) == fast


def test_tracked_marks_in_properties_are_still_counted() -> None:
    mark = '<w:rPr><w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr>'
    grid = read_docx(docx(f"<w:p><w:pPr>{mark}</w:pPr>{r('a', RPR)}</w:p>"))
    assert texts(grid.body) == ["a"] and grid.tracked_changes == 1


@pytest.mark.parametrize("sample", ["wuchang-2020", "qingshan-2022"])
def test_skipping_formatting_reads_the_same_grid(sample: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = (SAMPLES / sample / "form.docx").read_bytes()
    fast = read_docx(data)
    monkeypatch.setattr(reader, "without_formatting", lambda raw: raw)
    assert read_docx(data) == fast


def test_skipping_formatting_reads_the_same_grid_with_formatting_everywhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    width = '<w:tcW w:w="900" w:type="dxa"/>'
    cell = tc(f"<w:p>{PPR}{r('≥95%', RPR)}<w:r>{RPR}<w:tab/></w:r></w:p>", props=width + BORDERS)
    merged = tc(p(), props=BORDERS + '<w:vMerge w:val="restart"/><w:vAlign w:val="center"/>')
    wide = tc(p("宽"), props=width + '<w:gridSpan w:val="2"/>')
    data = docx(
        p("标题")
        + tbl(
            tr(cell, merged, props='<w:cantSplit/><w:trHeight w:val="340"/>'),
            tr(cell, tc(p(), props="<w:vMerge/>" + BORDERS)),
            tr(wide, props='<w:gridBefore w:val="1"/><w:trHeight w:val="340"/>'),
        )
    )
    fast = read_docx(data)
    monkeypatch.setattr(reader, "without_formatting", lambda raw: raw)
    assert read_docx(data) == fast


# --- Strict Open XML ----------------------------------------------------------------------------------


def test_strict_namespace_is_read() -> None:
    strict = document_xml(
        p("严格") + tbl(tr("a")), ns='xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"'
    )
    assert texts(read_docx(docx(document=strict)).body) == ["严格", [["a"]]]


# --- the samples --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wuchang() -> Grid:
    return read_docx((SAMPLES / "wuchang-2020" / "form.docx").read_bytes())


def test_wuchang_body_is_one_table(wuchang: Grid) -> None:
    assert wuchang.format == "docx"
    assert [type(b) for b in wuchang.body] == [Table]
    (table,) = tables(wuchang)
    assert len(table.rows) == 107
    assert max(c.col + c.colspan for row in table.rows for c in row.cells if c.col is not None) == 8
    first = table.rows[0]
    assert first.texts() == ["部门名称", "武昌区委统一战线工作部"]
    assert first.cells[1].colspan == 7 and first.cells[1].col == 1
    assert wuchang.tracked_changes == 0 and wuchang.headers == []


def test_wuchang_funding_row(wuchang: Grid) -> None:
    row = tables(wuchang)[0].rows[4]
    assert row.texts() == ["", "收入构成", "财政拨款", "717.28", "", "82%", "502.4", "679.61"]
    assert row.cells[0].merged and not any(c.merged for c in row.cells[1:])
    assert row.cells[3].ref == Ref("body", 1, 5, 4)
    funding = tables(wuchang)[0].rows[2].cells[0]
    assert funding.text == "部门总体资金情况（万元）" and funding.rowspan == 8


def test_wuchang_footer_table(wuchang: Grid) -> None:
    footer_tables = [b for b in wuchang.footers if isinstance(b, Table)]
    assert [row.texts() for row in footer_tables[0].rows] == [["部门名称", "武昌区委统一战线工作部"]]
    assert footer_tables[0].ref.part == "footer"


def test_qingshan_title_paragraph_before_the_table() -> None:
    grid = read_docx((SAMPLES / "qingshan-2022" / "form.docx").read_bytes())
    title, table = grid.body[:2]
    assert isinstance(title, Paragraph) and title.text == "青山区卫生健康局2022年部门整体支出绩效目标表"
    assert isinstance(table, Table) and table.rows[0].texts() == ["部门（单位）名称", "青山区卫生健康局"]
    multi = next(c for row in table.rows for c in row.cells if c.text.startswith("1.贯彻执行"))
    assert multi.text.count("\n") == 2


def test_docxbuild_makes_a_valid_zip() -> None:
    with zipfile.ZipFile(io.BytesIO(docx(p("x"), headers=[p("h")]))) as zf:
        assert {"word/document.xml", "word/header1.xml", "word/_rels/document.xml.rels"} <= set(zf.namelist())
