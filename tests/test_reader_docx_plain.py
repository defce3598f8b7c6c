"""The one-pass reader of plain tables (`readers.docx._plain_table`) reads exactly what the walk reads.

Each document is read twice: as `read_docx` reads it (plain tables in one pass) and with the one-pass
reader turned off (every table walked). The grids must be equal, and the one-pass reader must have been
used for the plain tables and refused the others.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings

from docxbuild import docx, p, r, tbl, tc, tr
from perfform.grid import Grid
from perfform.model import Filing
from perfform.readers import docx as reader
from strategies import filings

SAMPLES = sorted(Path(__file__).resolve().parent.parent.glob("samples/*/*.docx"))
RESTART = '<w:vMerge w:val="restart"/>'
SHOWN = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
HIDDEN = '<w:sdtPr><w:showingPlcHdr w:val="false"/></w:sdtPr>'


def sdt(content: str, pr: str = "") -> str:
    return f"<w:sdt>{pr}<w:sdtContent>{content}</w:sdtContent></w:sdt>"


def walked(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Grid:
    with monkeypatch.context() as m:
        m.setattr(reader, "_plain_table", lambda *args: None)
        return reader.read_docx(data)


def one_pass_used(data: bytes, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """For each table read: whether the one-pass reader read it."""
    used: list[bool] = []
    original = reader._plain_table

    def spy(*args: object) -> object:
        table = original(*args)  # type: ignore[arg-type]
        used.append(table is not None)
        return table

    with monkeypatch.context() as m:
        m.setattr(reader, "_plain_table", spy)
        reader.read_docx(data)
    return used


PLAIN = {
    "cells": tbl(tr("部门名称", "武昌区委统一战线工作部"), tr("a", "b")),
    "paragraphs": tbl(tr(tc("one", "two", "<w:p/>", "four"), tc())),
    "runs": tbl(tr(tc(p(r("≥"), r("95"), r("%")), p(r("")), "<w:p><w:r><w:t/></w:r></w:p>"))),
    "chars": tbl(
        tr(
            tc(
                p(
                    "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:cr/>"
                    '<w:noBreakHyphen/><w:ptab w:alignment="left"/></w:r>'
                )
            )
        )
    ),
    "symbols": tbl(
        tr(tc(p('<w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>90%</w:t><w:sym w:char="4E00"/></w:r>')))
    ),
    "text beside runs": tbl(tr(tc(p("<w:t>bare</w:t>", r("run"), "<w:tab/>")))),
    "ignored run content": tbl(
        tr(
            tc(
                p(
                    '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
                    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
                    '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkStart w:id="0" w:name="x"/>'
                    "<w:proofErr/><w:r><w:lastRenderedPageBreak/><w:delText>no</w:delText></w:r>"
                )
            )
        )
    ),
    "spans and merges": tbl(
        tr(tc("一级", props=RESTART), tc("wide", props='<w:gridSpan w:val="2"/>')),
        tr(tc("ignored", props="<w:vMerge/>"), "x", "y"),
        tr(tc(props='<w:vMerge w:val="continue"/>'), tc("z", props='<w:gridSpan w:val="99"/>')),
        tr(tc("new", props="<w:vMerge/>"), "q"),
    ),
    "orphan continuation": tbl(tr(tc("orphan", props="<w:vMerge/>")), tr(tc(props="<w:vMerge/>"))),
    "grid before": tbl(tr("a", "b", "c"), tr("x", props='<w:gridBefore w:val="2"/>')),
    "row properties after a cell": (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
        '<w:trPr><w:gridBefore w:val="3"/></w:trPr><w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    ),
    "no cell properties": "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc/></w:tr></w:tbl>",
    "formatting": tbl(
        tr(
            tc(
                p(r("b", "<w:rPr><w:b/><w:sz w:val='22'/></w:rPr>")),
                props='<w:tcW w:w="1725" w:type="dxa"/><w:vAlign w:val="center"/>',
            ),
            props='<w:trHeight w:val="400"/><w:cantSplit/>',
        )
    ),
    "empty table": "<w:tbl><w:tblPr/></w:tbl>",
    "content control": tbl(tr(tc(sdt(p("x"))))),
    "content controls at every level": tbl(
        tr("a", sdt(tc("b"), SHOWN)),
        sdt(
            tr(tc(sdt(p("c"), HIDDEN)), tc(p(r("d"), sdt(r("e"), SHOWN), sdt("<w:t>f</w:t><w:tab/>")))), SHOWN
        ),
        tr(tc("g", props=RESTART), tc(p(sdt(r("h"), "<w:sdtPr/>")))),
        sdt(sdt(tr(tc(props="<w:vMerge/>"), tc(sdt(sdt(p("i"), SHOWN)))))),
    ),
    "placeholders": tbl(
        tr(tc(p(r("值："), sdt(r("单击或点击此处输入文字。"), SHOWN)))),
        tr(tc(sdt(p("单击或点击此处输入文字。"), SHOWN))),
        tr(sdt(tc("单击或点击此处输入文字。"), SHOWN)),
    ),
    "control without content": tbl(tr(tc(p(r("a"), f"<w:sdt>{SHOWN}</w:sdt>")), "b")),
    "placeholders in merged cells": tbl(
        tr(tc("a", props=RESTART), tc("b", props=RESTART)),
        tr(tc(sdt(p("x"), SHOWN), props="<w:vMerge/>"), sdt(tc(props="<w:vMerge/>"), SHOWN)),
        tr(tc(p(sdt(r("y"), SHOWN)), props="<w:vMerge/>"), "c"),
    ),
}

NOT_PLAIN = {
    "content control in a run": tbl(tr(tc(p("<w:r>" + sdt("<w:t>x</w:t>") + "<w:t>y</w:t></w:r>")))),
    "content control with two contents": tbl(
        tr(
            tc(
                "<w:sdt><w:sdtContent>"
                + p("one")
                + "</w:sdtContent><w:sdtContent>"
                + p("two")
                + "</w:sdtContent></w:sdt>"
            )
        )
    ),
    "row properties in a content control": tbl(tr(sdt('<w:trPr><w:gridBefore w:val="1"/></w:trPr>'), "a")),
    "cell outside a row": tbl(sdt(tc("x")), tr("a")),
    "inserted run": tbl(tr(tc(p('<w:ins w:id="1" w:author="a">' + r("new") + "</w:ins>")))),
    "deleted run": tbl(
        tr(tc(p('<w:del w:id="1" w:author="a"><w:r><w:t>old</w:t></w:r></w:del>', r("kept"))))
    ),
    "nested table": tbl(tr(tc("outer", tbl(tr("inner"))))),
    "hyperlink": tbl(tr(tc(p('<w:hyperlink r:id="rId9">' + r("link") + "</w:hyperlink>")))),
    "legacy merge": tbl(tr(tc("a", props='<w:hMerge w:val="restart"/>'), tc("b", props="<w:hMerge/>"))),
    "text in an unknown wrapper": tbl(tr(tc(p("<w:foo>" + r("hidden") + "</w:foo>", r("shown"))))),
    "text in nested runs": tbl(tr(tc(p("<w:r><w:r><w:t>odd</w:t></w:r><w:t>ok</w:t></w:r>")))),
    "paragraph outside a cell": tbl(tr("a", p("stray"))),
    "cell properties not first": (
        '<w:tbl><w:tr><w:tc><w:p/><w:tcPr><w:gridSpan w:val="2"/></w:tcPr></w:tc></w:tr></w:tbl>'
    ),
    "changed cell properties": tbl(
        tr(
            tc(
                "a",
                props='<w:tcPrChange w:id="1" w:author="a"><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange>',
            )
        )
    ),
    "deleted row": tbl(tr("a"), tr("b", props='<w:del w:id="1" w:author="a"/>')),
    "two merge marks": tbl(tr(tc("a", props=RESTART)), tr(tc("b", props=RESTART + "<w:vMerge/>"))),
}


def tables(body: str) -> Iterator[str]:
    yield body
    yield p("title") + body + p("after")


@pytest.mark.parametrize("name", PLAIN)
def test_plain_tables_are_read_in_one_pass(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for body in tables(PLAIN[name]):
        data = docx(body)
        assert one_pass_used(data, monkeypatch) == [True]
        assert reader.read_docx(data) == walked(data, monkeypatch)


@pytest.mark.parametrize("name", NOT_PLAIN)
def test_other_tables_are_walked(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = docx(NOT_PLAIN[name])
    assert one_pass_used(data, monkeypatch)[0] is False
    assert reader.read_docx(data) == walked(data, monkeypatch)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.parent.name)
def test_samples_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    assert True in one_pass_used(data, monkeypatch)
    assert reader.read_docx(data) == walked(data, monkeypatch)


@settings(max_examples=25)
@given(filings())
def test_rendered_filings_read_the_same(filing: Filing) -> None:
    from perfform.render import render_docx

    data = render_docx(filing)
    fast = reader.read_docx(data)
    original = reader._plain_table
    reader._plain_table = lambda *args: None  # type: ignore[assignment]
    try:
        assert fast == reader.read_docx(data)
    finally:
        reader._plain_table = original
