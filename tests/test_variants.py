"""Another department's filing in the shapes real submissions take: Word constructs in the .docx, and its dumps
in GB18030 with CRLF in both layouts. All renderings must parse completely and to the same filing.

The filing starts from the newer-template sample with other values (full-width digits, Chinese operators,
compound units); the .docx is rendered, then edited the way Word leaves files: values in content controls,
numbers split across runs, tracked insertions and deletions, merged 二级 cells.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from perfform.model import Filing
from perfform.parser import parse_bytes, parse_file
from perfform.render import render_docx, render_text
from perfform.values import parse_value

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "qingshan-2022" / "form.txt"
PROVENANCE = {"loc", "source", "sections", "tracked_changes"}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def other_department() -> Filing:
    filing = parse_file(SAMPLE).model_copy(deep=True)
    filing.department = "洪山区教育局"
    filing.title = "洪山区教育局2022年部门整体支出绩效目标表"
    annual = filing.goals[3].indicators
    annual[1].target = parse_value("不少于3600人次")
    annual[2].target = parse_value("≥９０％")
    annual[0].target = parse_value("≤800元/生·年")
    return filing


def comparable(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: comparable(v) for k, v in node.items() if k not in PROVENANCE}
    if isinstance(node, list):
        return [comparable(v) for v in node]
    return node


def run_with(run: Any, text: str) -> Any:
    clone = copy.deepcopy(run)
    for t in clone.findall(q("t")):
        clone.remove(t)
    t = etree.SubElement(clone, q("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return clone


def word_edits(document: bytes) -> bytes:
    """Content controls, split runs and tracked changes, as Word writes them."""
    root = etree.fromstring(document)
    for t in list(root.iter(q("t"))):
        run = t.getparent()
        paragraph = run.getparent()
        text = t.text or ""
        if text == "8532.46":  # a number split across runs, the second half a tracked insertion
            ins = etree.Element(q("ins"), {q("id"): "1", q("author"): "财务科"})
            ins.append(run_with(run, ".46"))
            paragraph.insert(paragraph.index(run) + 1, ins)
            t.text = "8532"
        elif text == "≥９０％":  # an inline content control holding the value
            sdt = etree.Element(q("sdt"))
            etree.SubElement(sdt, q("sdtPr"))
            content = etree.SubElement(sdt, q("sdtContent"))
            paragraph.replace(run, sdt)
            content.append(run)
        elif text == "不少于3600人次":  # a deleted earlier value still in the file
            deleted = run_with(run, "不少于3000人次")
            for t_old in deleted.findall(q("t")):
                t_old.tag = q("delText")
            delete = etree.Element(q("del"), {q("id"): "2", q("author"): "财务科"})
            delete.append(deleted)
            paragraph.insert(paragraph.index(run), delete)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def edited_docx(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item)
            if item.filename == "word/document.xml":
                body = word_edits(body)
            target.writestr(item, body)
    return out.getvalue()


def test_word_constructs_and_gb18030_dumps_give_one_filing() -> None:
    filing = other_department()
    docx = edited_docx(render_docx(filing))
    from_docx = parse_bytes(docx, "form.docx")
    assert from_docx.tracked_changes == 2
    assert from_docx.unplaced == []
    expected = comparable(from_docx.model_dump(mode="json"))
    for layout in ("cells", "rows"):
        dump = render_text(filing, layout=layout).replace("\n", "\r\n").encode("gb18030")
        from_dump = parse_bytes(dump, f"form-{layout}.txt")
        assert from_dump.unplaced == []
        assert comparable(from_dump.model_dump(mode="json")) == expected, layout


def test_values_survive_the_word_constructs() -> None:
    filing = parse_bytes(edited_docx(render_docx(other_department())), "form.docx")
    assert filing.department == "洪山区教育局"
    assert filing.funding is not None
    assert str(filing.funding.income.items[0].amount.number) == "8532.46"
    annual = filing.goals[3].indicators
    assert (annual[1].target.op, annual[1].target.number, annual[1].target.unit) == (">=", 3600, "人次")
    assert (annual[2].target.op, annual[2].target.number, annual[2].target.unit) == (">=", 90, "%")
    assert (annual[0].target.op, annual[0].target.number, annual[0].target.unit) == ("<=", 800, "元/生·年")
    assert [len(g.indicators) for g in filing.goals] == [4, 3, 3, 7, 5, 6]
    assert {i.level1 for g in filing.goals for i in g.indicators} == {
        "成本指标",
        "产出指标",
        "效益指标",
        "满意度指标",
    }
