"""Tests for the .xlsx reader (perfform.readers.xlsx).

Workbooks are built in the test: `xlsx_from_grid` renders a .docx's grid into a worksheet with openpyxl (the
same merges, numbers stored as numbers with their format), `minimal_xlsx` writes the parts by hand for what
openpyxl cannot write (Chinese built-in date formats, cached formula values, hostile parts).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from perfform.errors import NotAFiling, UnreadableInput
from perfform.grid import Grid, Paragraph, Table
from perfform.parser import parse_bytes, parse_file
from perfform.readers import read_bytes, sniff
from perfform.readers.docx import read_docx
from perfform.readers.xlsx import MAX_GRID_CELLS, format_value, read_xlsx

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PROVENANCE = {"loc", "source", "sections"}
_NUMBER = re.compile(r"-?[0-9]+(?:\.([0-9]+))?(%?)")


def without_provenance(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: without_provenance(v) for k, v in node.items() if k not in PROVENANCE}
    if isinstance(node, list):
        return [without_provenance(v) for v in node]
    return node


def xlsx_from_grid(grid: Grid, width: int = 8) -> bytes:
    """One worksheet: each body paragraph a row merged across `width` columns, each table row a sheet row,
    each cell at its grid column with its spans merged; numbers stored as numbers with a matching format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "绩效目标表"
    row = 0
    for block in grid.body:
        if isinstance(block, Paragraph):
            if block.text.strip():
                row += 1
                sheet.cell(row, 1, block.text)
                sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            continue
        for grid_row in block.rows:
            row += 1
            for cell in grid_row.cells:
                if cell.merged:
                    continue
                assert cell.col is not None
                column = cell.col + 1
                _store(sheet.cell(row, column), cell.text)
                if cell.colspan > 1 or cell.rowspan > 1:
                    sheet.merge_cells(
                        start_row=row,
                        start_column=column,
                        end_row=row + cell.rowspan - 1,
                        end_column=column + cell.colspan - 1,
                    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _store(target: Any, text: str) -> None:
    match = _NUMBER.fullmatch(text)
    if match is None:
        target.value = text or None
        return
    decimals = len(match[1] or "")
    places = "0" + ("." + "0" * decimals if decimals else "")
    if match[2]:
        target.value = float(text[:-1]) / 100
        target.number_format = places + "%"
    elif decimals:
        target.value = float(text)
        target.number_format = places
    else:
        target.value = int(text)


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def minimal_xlsx(
    sheet_data: str = "",
    *,
    after: str = "",
    numfmts: tuple[int, ...] = (0,),
    strings: tuple[str, ...] = (),
    parts: dict[str, str | bytes] | None = None,
) -> bytes:
    """A one-sheet workbook written by hand: `sheet_data` is the inside of sheetData, `after` follows it
    (mergeCells, hyperlinks), `numfmts` the numFmtId of cell styles 0, 1, …; `parts` replaces parts."""
    xfs = "".join(
        f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' for n in numfmts
    )
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/styles.xml": f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{_MAIN}">'
        '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{len(numfmts)}">{xfs}</cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}" '
        f'xmlns:r="{_REL}"><sheetData>{sheet_data}</sheetData>{after}</worksheet>',
    }
    files.update(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


def sheet_rows(grid: Grid) -> list[list[tuple[int | None, int, int, bool, str]]]:
    (table,) = [b for b in grid.body if isinstance(b, Table)]
    return [[(c.col, c.colspan, c.rowspan, c.merged, c.text) for c in row.cells] for row in table.rows]


# --- the samples, rendered as workbooks -----------------------------------------------------------------


@pytest.mark.parametrize("sample", ["wuchang-2020", "qingshan-2022"])
def test_sample_rendered_as_xlsx_gives_the_docx_filing(sample: str) -> None:
    docx = (SAMPLES / sample / "form.docx").read_bytes()
    workbook = xlsx_from_grid(read_docx(docx))
    assert sniff(workbook) == "xlsx"
    from_xlsx = parse_bytes(workbook)
    assert from_xlsx.source.format == "xlsx"
    expected = without_provenance(parse_bytes(docx).model_dump(mode="json"))
    assert without_provenance(from_xlsx.model_dump(mode="json")) == expected


def test_wuchang_grid_matches_the_docx_grid_cell_by_cell() -> None:
    docx_grid = read_docx((SAMPLES / "wuchang-2020" / "form.docx").read_bytes())
    xlsx_grid = read_xlsx(xlsx_from_grid(docx_grid))
    assert xlsx_grid.format == "xlsx"
    assert sheet_rows(xlsx_grid) == sheet_rows(docx_grid)


def test_xlsx_named_docx_and_txt_is_read_by_content(tmp_path: Path) -> None:
    workbook = xlsx_from_grid(read_docx((SAMPLES / "wuchang-2020" / "form.docx").read_bytes()))
    for name in ("form.docx", "form.txt", "form"):
        (tmp_path / name).write_bytes(workbook)
        assert parse_file(tmp_path / name).source.format == "xlsx"


# --- merges, references, sheets -------------------------------------------------------------------------


def test_merges_become_spans_and_continuations() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"], sheet["D2"], sheet["B4"], sheet["C4"], sheet["D4"] = "a", "b", "c", "d", "e"
    sheet.merge_cells("B2:C3")  # 2 × 2
    sheet.merge_cells("C4:D4")  # horizontal only
    out = io.BytesIO()
    book.save(out)
    grid = read_xlsx(out.getvalue())
    assert sheet_rows(grid) == [
        [(1, 2, 2, False, "a"), (3, 1, 1, False, "b")],
        [(1, 2, 1, True, ""), (3, 1, 1, False, "")],
        [(1, 1, 1, False, "c"), (2, 2, 1, False, "d")],
    ]
    (table,) = grid.body
    assert isinstance(table, Table)
    first = table.rows[0].cells[0]
    assert (first.ref.table, first.ref.row, first.ref.column) == (1, 2, 2)  # B2: the sheet's own numbers
    assert table.rows[2].ref.row == 4


def test_each_visible_sheet_is_a_table_numbered_by_position() -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "first"
    hidden = book.create_sheet("hidden")
    hidden["A1"] = "secret helper"
    hidden.sheet_state = "hidden"
    book.create_sheet("empty")
    book.create_sheet("third")["A1"] = "third"
    out = io.BytesIO()
    book.save(out)
    grid = read_xlsx(out.getvalue())
    assert [(b.ref.table, b.rows[0].texts()) for b in grid.body if isinstance(b, Table)] == [
        (1, ["first"]),
        (4, ["third"]),
    ]


def test_cached_formula_values_and_inline_strings() -> None:
    rows = (
        '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="inlineStr"><is><t>内联</t></is></c>'
        '<c r="C1" t="s"><v>0</v></c><c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#DIV/0!</v></c></row>'
    )
    grid = read_xlsx(minimal_xlsx(rows, strings=("共享",)))
    assert sheet_rows(grid)[0] == [
        (0, 1, 1, False, "2"),
        (1, 1, 1, False, "内联"),
        (2, 1, 1, False, "共享"),
        (3, 1, 1, False, "TRUE"),
        (4, 1, 1, False, "#DIV/0!"),
    ]


def test_chinese_builtin_date_formats_unknown_to_openpyxl() -> None:
    serial = (date(2021, 12, 20) - date(1899, 12, 30)).days
    rows = f'<row r="1"><c r="A1" s="1"><v>{serial}</v></c><c r="B1" s="2"><v>{serial}</v></c>'
    rows += f'<c r="C1" s="3"><v>{serial}</v></c><c r="D1" s="4"><v>{serial}.75</v></c></row>'
    grid = read_xlsx(minimal_xlsx(rows, numfmts=(0, 31, 58, 14, 33)))
    assert [c[4] for c in sheet_rows(grid)[0]] == ["2021年12月20日", "12月20日", "2021/12/20", "18时00分00秒"]


def test_empty_workbook_is_not_a_filing() -> None:
    book = openpyxl.Workbook()
    out = io.BytesIO()
    book.save(out)
    assert read_bytes(out.getvalue()).body == []
    with pytest.raises(NotAFiling):
        parse_bytes(out.getvalue())


def test_used_area_over_the_cap_is_refused() -> None:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    rows += '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row>'
    with pytest.raises(UnreadableInput, match="too large for a form"):
        read_xlsx(minimal_xlsx(rows))
    assert MAX_GRID_CELLS < 1048576 * 16384


def test_xlsb_and_broken_workbooks_are_unreadable() -> None:
    with pytest.raises(UnreadableInput, match="xlsb"):
        read_bytes(minimal_xlsx(parts={"xl/workbook.bin": b"\x00\x01"}))
    with pytest.raises(UnreadableInput, match="not a readable Excel workbook"):
        read_bytes(minimal_xlsx(parts={"xl/workbook.xml": "<workbook>"}))
    with pytest.raises(UnreadableInput, match="not well-formed"):
        read_bytes(minimal_xlsx(after="<mergeCells><mergeCell ref='A1:B1'></mergeCells>"))


# --- values as a person sees them -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (717.28, "General", "717.28"),
        (502.4, "General", "502.4"),
        (300.0, "General", "300"),
        (0, "General", "0"),
        (0.1 + 0.2, "General", "0.3"),
        (1e16, "General", "1E+16"),
        (0.00001, "General", "0.00001"),
        (0.82, "0%", "82%"),
        (1.06, "0%", "106%"),
        (0.825, "0.0%", "82.5%"),
        (0.0, "0.00%", "0.00%"),
        (717.2, "0.00", "717.20"),
        (717.28, "0.0", "717.3"),
        (1234.5, "#,##0.00", "1,234.50"),
        (1234567, "#,##0,", "1,235"),
        (0.5, "#.00", ".50"),
        (5, "00", "05"),
        (5, '0"万元"', "5万元"),
        (-5, "0.00", "-5.00"),
        (-5, '"¥"#,##0.00_);("¥"#,##0.00)', "(¥5.00)"),
        (5, '"¥"#,##0.00_);("¥"#,##0.00)', "¥5.00 "),
        (0, '0;-0;"—"', "—"),
        (3, "[Red][$¥-804]#,##0.00", "¥3.00"),
        (12345.0, "0.00E+00", "12345"),
        (0.5, "# ?/?", "0.5"),
        (42, "@", "42"),
        (True, "General", "TRUE"),
        ("a\r\nb\rc", "General", "a\nb\nc"),
        (None, "0.00", ""),
        (datetime(2021, 12, 20), 'yyyy"年"m"月"d"日"', "2021年12月20日"),
        (datetime(2021, 12, 20, 14, 5, 9), "yyyy-mm-dd hh:mm:ss", "2021-12-20 14:05:09"),
        (datetime(2021, 12, 20, 14, 5), "m/d/yy h:mm AM/PM", "12/20/21 2:05 PM"),
        (datetime(2021, 12, 20), "yyyy年m月d日 aaaa", "2021年12月20日 星期一"),
        (datetime(2021, 3, 5), "dd-mmm-yyyy", "05-Mar-2021"),
        (date(2021, 12, 20), "General", "2021-12-20"),
        (time(9, 30), "h:mm", "9:30"),
    ],
)
def test_format_value(value: object, number_format: str, shown: str) -> None:
    assert format_value(value, number_format) == shown


def test_absurd_formats_fall_back_without_error() -> None:
    assert format_value(1.5, "0" * 300) == "1.5"  # longer than Excel allows: General
    assert format_value(1.5, "0." + "0" * 200) == "1.5"  # beyond Decimal's precision: General
    assert format_value(float("inf"), "0.00") == "INF"
    assert format_value(1e300, "#,##0.00") == "1E+300"
