"""`perfform export`: the samples into xlsx, csv, sqlite and jsonl; re-runs, unreadable inputs, safety."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from factory import clean_filing
from perfform import batch
from perfform.cli import main
from perfform.config import Config
from perfform.exporters import csv as csv_exporter
from perfform.exporters import tabular, xlsx
from perfform.tables import FINDINGS, FUNDING, INDICATORS, TABLES, Entry

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
WUCHANG = SAMPLES / "wuchang-2020" / "form.txt"
QINGSHAN = SAMPLES / "qingshan-2022" / "form.txt"
INDICATOR_COUNTS = {"武昌区委统一战线工作部": 58, "青山区卫生健康局": 28}


@pytest.fixture
def forms(tmp_path: Path) -> list[Path]:
    """Copies of the two sample dumps (so that outputs can never land beside the real samples)."""
    folder = tmp_path / "forms"
    folder.mkdir()
    return [
        Path(shutil.copy(WUCHANG, folder / "wuchang.txt")),
        Path(shutil.copy(QINGSHAN, folder / "qingshan.txt")),
    ]


def export(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["export", *map(str, args)], catch_exceptions=False)


def test_export_xlsx_sheets_headers_numbers(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    result = export(*forms, "-o", out, "-j", "1")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [t.zh for t in TABLES]
    sheet = book[INDICATORS.zh]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.zh for c in INDICATORS.columns]
    assert {"部门", "一级指标", "二级指标", "指标名称", "指标值", "绩效标准"} <= set(headers)
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert Counter(r["部门"] for r in rows) == INDICATOR_COUNTS
    first = next(r for r in rows if r["部门"] == "武昌区委统一战线工作部")
    assert first["指标名称"] == "统战工作领导小组会议次数"
    assert (first["指标值"], first["指标值数值"], first["运算符"]) == ("≥2次", 2, ">=")
    assert isinstance(first["指标值数值"], int | float)
    assert isinstance(first["年度"], int)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(headers)).column_letter}{len(rows) + 1}"
    # CJK text counts double: the 部门 column is wider than its 10 characters
    department = headers.index("部门") + 1
    assert sheet.column_dimensions[sheet.cell(1, department).column_letter].width >= 22
    funding = book[FUNDING.zh]
    money = [c.value for c in funding[2]]
    fund_headers = [c.value for c in funding[1]]
    line = dict(zip(fund_headers, money, strict=True))
    assert line["部门"] == "青山区卫生健康局"  # inputs in path order: qingshan.txt first
    assert (line["项目"], line["当年预算"], line["当年预算数值"]) == ("财政拨款", "8532.46", 8532.46)
    assert line["合计行"] is False


def test_export_xlsx_text_is_never_a_formula(tmp_path: Path) -> None:
    filing = clean_filing()
    filing.department = '=HYPERLINK("http://example.invalid","x")'
    out = tmp_path / "x.xlsx"
    xlsx.write(out, [Entry("a.txt", "ok", [], filing, "0" * 64)], "en")
    cell = openpyxl.load_workbook(out)["indicators"]["B2"]
    assert cell.value == filing.department
    assert cell.data_type == "s"


def test_export_sqlite_counts_types_and_rerun_replaces(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "archive.sqlite"
    for _ in range(2):
        result = export(*forms, "-o", out, "-j", "2")
        assert result.exit_code == 0, result.output
    db = sqlite3.connect(out)
    try:
        counts = dict(db.execute("SELECT department, count(*) FROM indicators GROUP BY department"))
        assert counts == INDICATOR_COUNTS
        joined = db.execute(
            "SELECT f.department, count(*) FROM indicators i JOIN filings f ON i.filing_id = f.id "
            "GROUP BY f.department"
        )
        assert dict(joined) == INDICATOR_COUNTS
        assert db.execute("SELECT count(*) FROM filings").fetchone() == (2,)
        assert db.execute("SELECT count(*) FROM funding").fetchone() == (12,)
        status = dict(db.execute("SELECT department, status FROM filings"))
        assert status == {"武昌区委统一战线工作部": "invalid", "青山区卫生健康局": "ok"}
        row = db.execute(
            "SELECT amount, amount_exact, typeof(amount), typeof(year), typeof(is_total) FROM funding "
            "WHERE department = '武昌区委统一战线工作部' AND name = '财政拨款'"
        ).fetchone()
        assert row == (717.28, "717.28", "real", "integer", "integer")
        findings = db.execute("SELECT count(*) FROM findings WHERE department = '武昌区委统一战线工作部'")
        assert findings.fetchone()[0] > 0
        indexes = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"filings_department", "filings_year", "indicators_department", "indicators_year"} <= indexes
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        db.close()


def test_export_sqlite_same_bytes_at_two_paths_is_one_filing(forms: list[Path], tmp_path: Path) -> None:
    copy = Path(shutil.copy(forms[1], forms[1].with_name("qingshan-copy.txt")))
    out = tmp_path / "a.sqlite"
    assert export(forms[1], copy, "-o", out).exit_code == 0
    db = sqlite3.connect(out)
    try:
        (count, file) = db.execute("SELECT count(*), max(file) FROM filings").fetchone()
        assert count == 1 and file in {str(copy), str(forms[1])}
        assert db.execute("SELECT count(*) FROM indicators").fetchone() == (28,)
    finally:
        db.close()


def test_export_sqlite_refuses_a_file_that_is_not_a_database(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "notes.sqlite"
    out.write_text("not a database, keep me\n", encoding="utf-8")
    result = export(*forms, "-o", out)
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "not a database, keep me\n"


def test_export_csv_one_file_per_table_with_bom(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert export(*forms, "-o", out, "-j", "1").exit_code == 0
    assert not out.exists()
    names = sorted(p.name for p in tmp_path.glob("x-*.csv"))
    assert names == sorted(f"x-{t.name}.csv" for t in TABLES)
    raw = (tmp_path / "x-indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv

    with (tmp_path / "x-indicators.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Counter(r["部门"] for r in rows) == INDICATOR_COUNTS
    wuchang = next(r for r in rows if r["部门"] == "武昌区委统一战线工作部")
    assert (wuchang["指标值"], wuchang["指标值数值"]) == ("≥2次", "2")


def test_export_csv_english_headers(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert export(*forms, "-o", out, "--headers", "en").exit_code == 0
    first = (tmp_path / "x-findings.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert first.split(",") == [c.key for c in FINDINGS.columns]


@pytest.mark.parametrize(
    ("text", "written"),
    [("=1+1", "'=1+1"), ("@SUM(A1)", "'@SUM(A1)"), ("-5%", "-5%"), ("+3", "+3"), ("-", "-"), ("—", "—")],
)
def test_csv_field_neutralises_formulas(text: str, written: str) -> None:
    assert csv_exporter.field(text) == written


def test_export_jsonl_one_object_per_row(forms: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    assert export(*forms, "-o", out).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    tables = Counter(r["table"] for r in records)
    assert tables["filings"] == 2 and tables["indicators"] == 86 and tables["funding"] == 12
    indicator = next(r for r in records if r["table"] == "indicators" and "wuchang" in r["file"])
    assert indicator["target_number"] == "2" and indicator["department"] == "武昌区委统一战线工作部"
    assert set(indicator) == {"table", *(c.key for c in INDICATORS.columns)}


def test_export_unreadable_file_is_in_filings_and_findings(forms: list[Path], tmp_path: Path) -> None:
    junk = forms[0].with_name("broken.docx")
    junk.write_bytes(b"PK\x03\x04 this is not a zip archive")
    out = tmp_path / "x.jsonl"
    result = export(*forms, junk, "-o", out)
    assert result.exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (filing,) = [r for r in records if r["table"] == "filings" and r["file"] == str(junk)]
    assert filing["status"] == "unreadable" and filing["sha256"]
    (found,) = [r for r in records if r["table"] == "findings" and r["file"] == str(junk)]
    assert found["code"] in {"PF001", "PF002"}


def test_export_never_writes_over_an_input(forms: list[Path]) -> None:
    before = forms[0].read_bytes()
    target = forms[0].with_suffix(".jsonl")
    os.link(forms[0], target)  # the output path names the same file as an input
    result = export(forms[0], target, "-o", target, "-f", "jsonl")
    assert result.exit_code == 2
    assert "input" in result.output
    assert forms[0].read_bytes() == before


def test_export_usage_errors(forms: list[Path], tmp_path: Path) -> None:
    assert export(*forms, "-o", tmp_path / "x.pdf").exit_code == 2
    assert export(*forms, "-o", tmp_path / "x.sqlite", "--headers", "zh").exit_code == 2
    assert not (tmp_path / "x.sqlite").exists()


def test_collect_survives_a_worker_that_dies(forms: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.check_file

    def crashing(path: str, config: Config, max_bytes: int = batch.MAX_FILE_BYTES, **kw: bool) -> Entry:
        if path.endswith("crash.txt"):
            os._exit(3)
        return real(path, config, max_bytes, **kw)

    monkeypatch.setattr(batch, "check_file", crashing)
    paths = [str(forms[0]), "crash.txt", str(forms[1])]
    entries = list(tabular.collect(paths, Config(), jobs=2))
    assert [e.path for e in entries] == paths
    assert [e.status for e in entries] == ["invalid", "unreadable", "ok"]
    assert entries[1].diagnostics[0].code == "PF000"
    assert entries[0].filing is not None and entries[0].sha256 is not None
