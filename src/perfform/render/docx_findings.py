"""Findings in a .docx: the cell a diagnostic points to is shaded by severity and carries a Word comment
(code, message, suggestion) in the comments part, and the document ends with a table of all findings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Cell

from perfform.diagnostics import Severity
from perfform.render.docx import BODY_FONT, TITLE_FONT, CellMap, set_font, xml_safe
from perfform.render.findings import FINDINGS_COLUMNS, CellIndex, Placed, comment_lines, summary, table_row
from perfform.render.plan import TablePlan

FILL: Final = {Severity.ERROR: "F8CBAD", Severity.WARNING: "FFE699", Severity.INFO: "DDEBF7"}
AUTHOR: Final = "perfform"
INITIALS: Final = "PF"
FINDINGS_WIDTHS_CM: Final = (3.2, 1.5, 5.8, 9.2, 6.0)
FINDINGS_PT: Final = 9
# w:tcPr children that must follow w:shd (ECMA-376 order).
_AFTER_SHADING: Final = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)


def annotate(
    document: Any, table: TablePlan, cells: CellMap, title_run: Any | None, findings: Sequence[Placed]
) -> None:
    anchors: dict[CellIndex | None, list[Any]] = {}
    worst: dict[CellIndex, Severity] = {}
    for placed in findings:
        key = placed.cell if placed.cell is not None or title_run is not None else (0, 0)
        if key not in anchors:
            anchors[key] = [title_run] if key is None else _runs(cells[key])
        first, *rest = [xml_safe(line) for line in comment_lines(placed.diagnostic)]
        comment = document.add_comment(anchors[key], text=first, author=AUTHOR, initials=INITIALS)
        for line in rest:
            comment.add_paragraph(line)
        comment._comment_elm.date = None
        if key is not None:
            severity = placed.diagnostic.severity
            if key not in worst or severity.rank > worst[key].rank:
                worst[key] = severity
    for key, severity in worst.items():
        shade(cells[key], FILL[severity])
    _findings_table(document, findings)


def shade(cell: _Cell, fill: str) -> None:
    properties: Any = cell._tc.get_or_add_tcPr()
    for old in properties.findall(qn("w:shd")):
        properties.remove(old)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.insert_element_before(shading, *_AFTER_SHADING)


def _runs(cell: _Cell) -> list[Any]:
    """The runs a comment spans: all of the cell's text, or an empty run in an empty cell."""
    runs = [run for paragraph in cell.paragraphs for run in paragraph.runs]
    return runs or [cell.paragraphs[0].add_run("")]


def _findings_table(document: Any, findings: Sequence[Placed]) -> None:
    diagnostics = [p.diagnostic for p in findings]
    heading = document.add_paragraph()
    heading.add_run().add_break(WD_BREAK.PAGE)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(heading.add_run(summary(diagnostics)), TITLE_FONT, 14, bold=True)
    if not diagnostics:
        set_font(document.add_paragraph().add_run("未发现问题。"), BODY_FONT, FINDINGS_PT)
        return
    table = document.add_table(rows=1 + len(diagnostics), cols=len(FINDINGS_COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, FINDINGS_WIDTHS_CM, strict=True):
        column.width = Cm(width)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    rows = [(FINDINGS_COLUMNS, None), *((table_row(d), d.severity) for d in diagnostics)]
    for (texts, severity), row in zip(rows, table.rows, strict=True):
        for k, (text, cell) in enumerate(zip(texts, row.cells, strict=True)):
            cell.width = Cm(FINDINGS_WIDTHS_CM[k])
            _fill(cell, text, bold=severity is None, centred=severity is None or k < 2)
        if severity is not None:
            shade(row.cells[1], FILL[severity])


def _fill(cell: _Cell, text: str, bold: bool, centred: bool) -> None:
    for k, line in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
        set_font(paragraph.add_run(xml_safe(line)), BODY_FONT, FINDINGS_PT, bold)
