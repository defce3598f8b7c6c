"""Write a table plan as a .docx with python-docx: A4 landscape, one table, 仿宋 body and 宋体 title.

Each planned cell becomes one `w:tc` (`w:gridSpan` for column spans, `w:vMerge` restart/continue for row
spans); the first table row (部门名称) repeats on every page; indicator rows do not split across pages and
goal labels stay with their table headings. The East Asian font is set in `w:rFonts/@w:eastAsia` of the
document defaults and of every run, so Word and WPS do not fall back to a theme font.

The bytes are deterministic: the core properties carry a fixed date and the zip entries fixed timestamps,
so the same filing always gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell

from perfform.render.plan import DocumentPlan, PlannedCell, PlannedRow, TablePlan

if TYPE_CHECKING:
    from perfform.render.findings import Placed

FIXED_TIME: Final = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""The date written into the core properties (and comments), so that output does not depend on the clock."""
_ZIP_TIME: Final = (1980, 1, 1, 0, 0, 0)

BODY_FONT: Final = "仿宋"
TITLE_FONT: Final = "宋体"
LATIN_FONT: Final = "Times New Roman"
BODY_PT: Final = 10.5
TITLE_PT: Final = 16
PAGE_CM: Final = (29.7, 21.0)
MARGIN_CM: Final = 2.0
ROW_MIN_CM: Final = 0.6

# XML 1.0 forbids most C0 controls; a filing read from a dump may still carry them.
_NOT_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CellMap = dict[tuple[int, int], _Cell]
"""python-docx cells by (row index, cell index) of the plan."""


def write_docx(plan: DocumentPlan, findings: Sequence[Placed] | None = None) -> bytes:
    """The document; with `findings` (even none) annotated and ended by the table of findings."""
    document: Any = Document()
    _page(document)
    _defaults(document)
    _drop_thumbnail(document)
    _page_numbers(document)
    title_run = _title(document, plan.title) if plan.title else None
    cells = _table(document, plan.table)
    if findings is not None:
        from perfform.render.docx_findings import annotate

        annotate(document, plan.table, cells, title_run, findings)
    _properties(document, plan.title)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text)


def set_font(run: Any, east_asia: str, size_pt: float, bold: bool = False) -> None:
    run.font.size = Pt(size_pt)
    if bold:
        run.font.bold = True
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    for attr, name in (
        ("ascii", LATIN_FONT),
        ("hAnsi", LATIN_FONT),
        ("eastAsia", east_asia),
        ("cs", east_asia),
    ):
        fonts.set(qn(f"w:{attr}"), name)


def _page(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    section.header_distance = section.footer_distance = Cm(1.0)


def _defaults(document: Any) -> None:
    """Document defaults: 仿宋 10.5 pt, Chinese language, no paragraph spacing."""
    defaults = _child(document.styles.element, "w:docDefaults")
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    fonts = _child(rpr, "w:rFonts")
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr, name in (
        ("ascii", LATIN_FONT),
        ("hAnsi", LATIN_FONT),
        ("eastAsia", BODY_FONT),
        ("cs", BODY_FONT),
    ):
        fonts.set(qn(f"w:{attr}"), name)
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), str(round(BODY_PT * 2)))
    _child(rpr, "w:lang").set(qn("w:eastAsia"), "zh-CN")
    spacing = _child(_child(_child(defaults, "w:pPrDefault"), "w:pPr"), "w:spacing")
    for attr, value in (("before", "0"), ("after", "0"), ("line", "240"), ("lineRule", "auto")):
        spacing.set(qn(f"w:{attr}"), value)


def _child(parent: Any, tag: str) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _drop_thumbnail(document: Any) -> None:
    """python-docx's template carries a thumbnail of another document; a viewer would show it."""
    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL]:
        del rels[rid]


def _page_numbers(document: Any) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in ("第 ", "PAGE", " 页，共 ", "NUMPAGES", " 页"):
        if piece.isupper():
            field = parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {piece} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            )
            paragraph._p.append(field)
        else:
            set_font(paragraph.add_run(piece), BODY_FONT, 9)


def _title(document: Any, title: str) -> Any:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(8)
    run = paragraph.add_run(xml_safe(title))
    set_font(run, TITLE_FONT, TITLE_PT, bold=True)
    return run


def _table(document: Any, plan: TablePlan) -> CellMap:
    table: Table = document.add_table(rows=0, cols=plan.columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl: Any = table._tbl
    for column, width in zip(tbl.tblGrid.gridCol_lst, plan.widths_cm, strict=True):
        column.w = Cm(width)
    table_width = tbl.tblPr.find(qn("w:tblW"))
    if table_width is not None:
        table_width.set(qn("w:type"), "dxa")
        table_width.set(qn("w:w"), str(sum(round(Cm(w).twips) for w in plan.widths_cm)))
    cells: CellMap = {}
    for r, row in enumerate(plan.rows):
        tr = tbl.add_tr()
        _row_properties(tr, row)
        for c, cell in enumerate(row.cells):
            cells[r, c] = _cell(table, tr, cell, row, plan.widths_cm)
    return cells


def _row_properties(tr: Any, row: PlannedRow) -> None:
    """w:trPr children in schema order: cantSplit, trHeight, tblHeader."""
    properties = tr.get_or_add_trPr()
    if row.keep_together:
        properties.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(round(Cm(ROW_MIN_CM).twips)))
    height.set(qn("w:hRule"), "atLeast")
    properties.append(height)
    if row.repeat:
        properties.append(OxmlElement("w:tblHeader"))


def _cell(table: Table, tr: Any, cell: PlannedCell, row: PlannedRow, widths: tuple[float, ...]) -> _Cell:
    tc = tr.add_tc()
    tc.width = Cm(sum(widths[cell.col : cell.col + cell.colspan]))
    if cell.colspan > 1:
        tc.grid_span = cell.colspan
    if cell.rowspan > 1:
        tc.vMerge = "restart"
    elif cell.continued:
        tc.vMerge = "continue"
    tc.get_or_add_tcPr().vAlign_val = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    docx_cell = _Cell(tc, table)
    align = WD_ALIGN_PARAGRAPH.JUSTIFY if cell.role == "text" else WD_ALIGN_PARAGRAPH.CENTER
    bold = cell.role in ("label", "heading")
    for k, text in enumerate(cell.paragraphs or [""]):
        paragraph = docx_cell.paragraphs[0] if k == 0 else docx_cell.add_paragraph()
        paragraph.alignment = align
        if row.keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        if text:
            set_font(paragraph.add_run(xml_safe(text)), BODY_FONT, BODY_PT, bold)
    return docx_cell


def _properties(document: Any, title: str | None) -> None:
    properties = document.core_properties
    properties.title = title or ""
    properties.author = "perfform"
    properties.last_modified_by = "perfform"
    properties.comments = ""
    properties.revision = 1
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps (python-docx stamps each entry with the current time)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return out.getvalue()
