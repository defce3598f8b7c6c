"""`perfform render` (issue 5): the table plan, the .docx and text outputs, annotation, the command, PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from perfform.cli import main
from perfform.config import Config
from perfform.diagnostics import Diagnostic, Severity
from perfform.engine import check_filing
from perfform.exporters import to_json, to_yaml
from perfform.model import Filing
from perfform.parser import parse_file
from perfform.render import plan_filing, render_docx, render_text
from perfform.render.findings import parent_path, place
from perfform.render.plan import PlanError, Span, TableBuilder, TablePlan

ROOT = Path(__file__).resolve().parent.parent
WUCHANG = ROOT / "samples" / "wuchang-2020" / "form.docx"
QINGSHAN = ROOT / "samples" / "qingshan-2022" / "form.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@cache
def sample(path: Path) -> Filing:
    return parse_file(path)


def document_xml(data: bytes, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(part))


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def rows_of(root: etree._Element, table: int = 0) -> list[etree._Element]:
    return root.find(f"{W}body").findall(f"{W}tbl")[table].findall(f"{W}tr")


def cell_text(tc: etree._Element) -> str:
    return "\n".join(text_of(p) for p in tc.findall(f"{W}p"))


def diagnostic(code: str, path: str | None, severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(code=code, name="test-rule", severity=severity, message=f"{code} message", path=path)


# -- plan --------------------------------------------------------------------------------------------------


def covered_columns(plan: TablePlan) -> None:
    """Every row covers the grid once; a continuation sits under a live merge of the same width."""
    open_merges: dict[int, tuple[int, int]] = {}
    for row in plan.rows:
        col = 0
        for cell in row.cells:
            assert cell.col == col
            if cell.continued:
                rows_left, width = open_merges[col]
                assert width == cell.colspan
                open_merges[col] = (rows_left - 1, width)
                if rows_left == 1:
                    del open_merges[col]
            else:
                assert col not in open_merges
                if cell.rowspan > 1:
                    open_merges[col] = (cell.rowspan - 1, cell.colspan)
            col += cell.colspan
        assert col == plan.columns
    assert not open_merges


@pytest.mark.parametrize("path", [WUCHANG, QINGSHAN])
def test_plan_covers_the_grid(path: Path) -> None:
    covered_columns(plan_filing(sample(path)).table)


def test_plan_shows_every_value_as_filed() -> None:
    filing = sample(QINGSHAN)
    shown = {path: cell.text for _, _, cell in plan_filing(filing).table.cells() for path in cell.paths}
    for i, goal in enumerate(filing.goals):
        for j, ind in enumerate(goal.indicators):
            row = f"goals[{i}].indicators[{j}]"
            assert shown[f"{row}.target"] == ind.target.raw
            assert shown[f"{row}.level1"] == ind.level1 and shown[f"{row}.level2"] == ind.level2
            for year, value in ind.history.items():
                assert shown[f"{row}.history.{year}"] == value.raw
    assert shown["funding.expenditure.items[0].share"] == "44.0%"


def test_plan_merges_level_runs() -> None:
    plan = plan_filing(sample(QINGSHAN)).table
    level1 = [c for _, _, c in plan.cells() if c.paths and c.paths[0].endswith(".level1")]
    spans = [(c.text, c.rowspan) for c in level1 if c.paths[0].startswith("goals[3].")]
    assert spans == [("成本指标", 1), ("产出指标", 3), ("效益指标", 2), ("满意度指标", 1)]
    funding_blocks = [(c.text, c.rowspan) for _, _, c in plan.cells() if c.paths == ("funding.income",)]
    assert funding_blocks == [("收入构成", 3)]


def test_plan_breaks_a_level1_run_where_a_reader_would_infer_another() -> None:
    filing = sample(QINGSHAN)
    goal = filing.goals[0]
    odd = goal.indicators[1].model_copy(update={"level1": "成本指标"})  # 质量指标 under 成本指标
    goals = [goal.model_copy(update={"indicators": [goal.indicators[0], odd]}), *filing.goals[1:]]
    plan = plan_filing(filing.model_copy(update={"goals": goals})).table
    starts = [c.text for _, _, c in plan.cells() if c.paths and c.paths[0].startswith("goals[0].indicators[")]
    assert starts.count("成本指标") == 2


def test_builder_refuses_rows_that_do_not_fit() -> None:
    builder = TableBuilder((1.0, 1.0))
    with pytest.raises(PlanError):
        builder.add(Span("a"))
    builder.add(Span("a", rows=2), Span("b"))
    with pytest.raises(PlanError):
        builder.add(Span("x"), Span("y"))
    builder.add(Span("c"))
    assert [c.continued for c in builder.finish().rows[1].cells] == [True, False]


# -- .docx -------------------------------------------------------------------------------------------------


def test_docx_page_title_and_fonts() -> None:
    root = document_xml(render_docx(sample(WUCHANG)))
    size = root.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h"), size.get(f"{W}orient")) == ("16838", "11906", "landscape")
    title = root.find(f"{W}body/{W}p")
    assert text_of(title) == "武昌区委统战部2020年部门整体支出绩效目标表"
    assert title.find(f".//{W}rFonts").get(f"{W}eastAsia") == "宋体"
    cell_fonts = {f.get(f"{W}eastAsia") for f in root.find(f"{W}body/{W}tbl").iter(f"{W}rFonts")}
    assert cell_fonts == {"仿宋"}


def test_docx_repeats_the_department_row_only() -> None:
    rows = rows_of(document_xml(render_docx(sample(QINGSHAN))))
    repeated = [i for i, tr in enumerate(rows) if tr.find(f"{W}trPr/{W}tblHeader") is not None]
    assert repeated == [0]
    assert cell_text(rows[0].findall(f"{W}tc")[0]) == "部门名称"


def test_docx_merges_cells() -> None:
    rows = rows_of(document_xml(render_docx(sample(QINGSHAN))))
    merges = [
        (r, cell_text(tc), tc.find(f"{W}tcPr/{W}gridSpan"), tc.find(f"{W}tcPr/{W}vMerge"))
        for r, tr in enumerate(rows)
        for tc in tr.findall(f"{W}tc")
    ]
    restart = {text: r for r, text, _, v in merges if v is not None and v.get(f"{W}val") == "restart"}
    assert {
        "部门总体资金情况（万元）",
        "收入构成",
        "支出构成",
        "整体绩效目标",
        "长期绩效目标",
        "年度绩效目标",
    } <= set(restart)
    funding_row = restart["收入构成"]
    below = [v for r, _, _, v in merges if r in (funding_row + 1, funding_row + 2) and v is not None]
    assert len(below) >= 2
    spans = {text: int(g.get(f"{W}val")) for _, text, g, _ in merges if g is not None}
    assert spans["青山区卫生健康局"] == 7 and spans["近两年收支情况"] == 2 and spans["指标值"] in (2, 3)
    for tr in rows:
        widths = [tc.find(f"{W}tcPr/{W}gridSpan") for tc in tr.findall(f"{W}tc")]
        assert sum(1 if g is None else int(g.get(f"{W}val")) for g in widths) == 8


def test_docx_is_deterministic() -> None:
    filing = sample(WUCHANG)
    first = render_docx(filing)
    assert render_docx(filing) == first
    core = document_xml(first, "docProps/core.xml")
    dates = [e.text for e in core if e.tag.endswith(("created", "modified"))]
    assert dates == ["2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z"]
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in archive.namelist()


# -- annotation --------------------------------------------------------------------------------------------


def test_place_falls_back_to_the_nearest_shown_parent() -> None:
    table = plan_filing(sample(WUCHANG)).table
    diagnostics = [
        diagnostic("PF104", "funding.income.items[0].share"),
        diagnostic("PF105", "funding.income.items"),
        diagnostic("PF405", "goals[5].indicators[1].history.2019"),
        diagnostic("PF201", "goals[2].indicators"),
        diagnostic("PF005", "tracked_changes"),
        diagnostic("PF003", None),
    ]
    texts = [
        None if p.cell is None else table.rows[p.cell[0]].cells[p.cell[1]].text
        for p in place(table, diagnostics)
    ]
    assert texts == ["82%", "收入构成", "6资", "长期绩效目标", None, None]
    assert parent_path("goals[1].indicators[0].target") == "goals[1].indicators[0]"
    assert parent_path("goals[1]") == "goals" and parent_path("goals") is None


def test_annotated_docx_has_comments_shading_and_findings_table() -> None:
    filing = sample(WUCHANG)
    diagnostics = check_filing(filing, Config())
    assert diagnostics
    data = render_docx(filing, diagnostics)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        content_types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert "word/comments.xml" in names
    assert "comments+xml" in content_types and "relationships/comments" in rels
    comments = document_xml(data, "word/comments.xml").findall(f"{W}comment")
    assert len(comments) == len(diagnostics)
    first = diagnostics[0]
    assert text_of(comments[0]).startswith(f"{first.code} {first.name}")
    assert first.message in text_of(comments[0])
    root = document_xml(data)
    assert len(list(root.iter(f"{W}commentRangeStart"))) == len(diagnostics)
    assert len(list(root.iter(f"{W}commentReference"))) == len(diagnostics)
    shaded = {
        cell_text(tc): shd.get(f"{W}fill")
        for tr in rows_of(root)
        for tc in tr.findall(f"{W}tc")
        if (shd := tc.find(f"{W}tcPr/{W}shd")) is not None
    }
    assert shaded["82%"] == "F8CBAD" and shaded["有所提升"] == "FFE699"
    findings = rows_of(root, table=1)
    assert len(findings) == 1 + len(diagnostics)
    assert cell_text(findings[1].findall(f"{W}tc")[0]).startswith(first.code)


def test_annotated_without_findings_says_so() -> None:
    root = document_xml(render_docx(sample(QINGSHAN), []))
    assert "审核意见（共 0 条）" in text_of(root) and "未发现问题" in text_of(root)


# -- text --------------------------------------------------------------------------------------------------


def test_text_cells_layout() -> None:
    text = render_text(sample(QINGSHAN), "cells")
    assert text.startswith("青山区卫生健康局2022年部门整体支出绩效目标表\n\t部门名称\n\t青山区卫生健康局\n\n")
    assert (
        "\t部门职能概述\n\t1.贯彻执行国家、省、市卫生健康工作方针政策，拟订全区卫生健康事业发展规划；\n2.协调"
        in text
    )
    assert "\n\n\t\n\t收入构成\n\t财政拨款\n\t8532.46\n\t91.2%\n\t7810.2\n\t8120.35\n\n" in text


def test_text_rows_layout() -> None:
    text = render_text(sample(QINGSHAN), "rows")
    lines = text.split("\n")
    assert lines[1] == "\t部门名称\t青山区卫生健康局"
    assert "\t\t收入构成\t财政拨款\t8532.46\t91.2%\t7810.2\t8120.35" in lines
    assert "\t\t\t\t\t2020年\t2021年" in lines
    assert "\t\t\t\t\t近两年指标值\t预期当年实现值\t" in lines
    assert text.endswith("\n\n")


def test_text_is_deterministic_and_annotatable() -> None:
    filing = sample(WUCHANG)
    assert render_text(filing) == render_text(filing)
    annotated = render_text(filing, "rows", [diagnostic("PF104", "funding.income.items[0].share")])
    assert annotated.endswith(
        "审核意见（共 1 条：错误 1）\n[错误] PF104 test-rule funding.income.items[0].share：PF104 message\n"
    )


# -- command -----------------------------------------------------------------------------------------------


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def test_command_writes_docx_from_a_form(tmp_path: Path) -> None:
    out = tmp_path / "clean.docx"
    code, _, err = invoke(str(WUCHANG), "-o", str(out))
    assert (code, err) == (0, "")
    assert out.read_bytes() == render_docx(sample(WUCHANG))


@pytest.mark.parametrize(("suffix", "dump"), [(".json", to_json), (".yaml", to_yaml)])
def test_command_reads_a_parsed_filing(tmp_path: Path, suffix: str, dump: Callable[[Filing], str]) -> None:
    source = tmp_path / f"filing{suffix}"
    source.write_text(dump(sample(QINGSHAN)), encoding="utf-8")
    code, out, _ = invoke(str(source), "--format", "text", "--layout", "rows")
    assert code == 0 and out == render_text(sample(QINGSHAN), "rows")


def test_command_text_from_output_suffix(tmp_path: Path) -> None:
    out = tmp_path / "form.txt"
    assert invoke(str(QINGSHAN), "-o", str(out))[0] == 0
    assert out.read_text(encoding="utf-8") == render_text(sample(QINGSHAN), "cells")


def test_command_annotates_with_config(tmp_path: Path) -> None:
    config = tmp_path / "perfform.toml"
    config.write_text('ignore = ["PF104", "PF105"]\n', encoding="utf-8")
    out = tmp_path / "checked.docx"
    code, _, _ = invoke(str(WUCHANG), "-o", str(out), "--annotate", "--config", str(config))
    assert code == 0
    comments = text_of(document_xml(out.read_bytes(), "word/comments.xml"))
    assert "PF408" in comments and "PF104" not in comments


@pytest.mark.parametrize("content", [b"{not json", b'{"form_type": 3}', b"\x00\x01"])
def test_command_unreadable_input_is_one_line(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "bad.json"
    source.write_bytes(content)
    code, out, err = invoke(str(source), "-o", str(tmp_path / "x.docx"))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"{source}: PF001")
    assert not (tmp_path / "x.docx").exists()


def test_command_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    source = tmp_path / "form.docx"
    source.write_bytes(WUCHANG.read_bytes())
    code, _, err = invoke(str(source), "-o", str(source))
    assert code == 2 and "input" in err
    assert source.read_bytes() == WUCHANG.read_bytes()


def test_command_needs_an_output_for_docx() -> None:
    code, _, err = invoke(str(WUCHANG))
    assert code == 2 and "-o" in err


def test_command_bad_config_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke(
        str(WUCHANG), "-o", str(tmp_path / "x.docx"), "--annotate", "--config", str(tmp_path / "no.toml")
    )
    assert code == 2 and "no.toml" in err


# -- PDF through LibreOffice -------------------------------------------------------------------------------


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf.read_bytes()))


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
@pytest.mark.parametrize(("path", "pages"), [(QINGSHAN, range(2, 6)), (WUCHANG, range(3, 9))])
def test_pdf_through_libreoffice(tmp_path: Path, path: Path, pages: range) -> None:
    filing = sample(path)
    source = tmp_path / "form.docx"
    source.write_bytes(render_docx(filing))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=True,
    )
    pdf = tmp_path / "form.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf_pages(pdf) in pages
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60, check=True
        )
        assert filing.department is not None
        assert filing.department in text.stdout.replace(" ", "")
