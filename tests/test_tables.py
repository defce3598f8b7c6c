"""perfform.tables: filings → rows of the filings, indicators, funding and findings tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from factory import clean_filing, value
from perfform.diagnostics import Diagnostic, Severity
from perfform.model import Location
from perfform.tables import (
    FINDINGS,
    FUNDING,
    HISTORY_SLOTS,
    INDICATORS,
    TABLES,
    Entry,
    build,
    decimal_text,
    filing_row,
    finding_rows,
    funding_rows,
    indicator_rows,
    place,
)

SHA = "ab" * 32


def entry() -> Entry:
    filing = clean_filing()
    return Entry("forms/clean.txt", "ok", [], filing, SHA)


def finding(code: str = "PF104", severity: Severity = Severity.ERROR) -> Diagnostic:
    return Diagnostic(
        code=code,
        name="share-mismatch",
        severity=severity,
        message="占比 82% 应为 100%",
        path="funding.income.items[0].share",
        location=Location(table=1, row=5, column=6),
        expected="100%",
        found="82%",
        suggestion="改为 100%",
    )


def test_tables_columns_unique_and_headers_in_both_languages() -> None:
    for table in TABLES:
        keys = [c.key for c in table.columns]
        assert len(keys) == len(set(keys)), table.name
        zh = [c.header("zh") for c in table.columns]
        assert len(zh) == len(set(zh)), table.name
        assert [c.header("en") for c in table.columns] == keys
        assert table.columns[-1].key == "sha256"


def test_indicator_rows_one_per_indicator_with_values() -> None:
    rows = indicator_rows(entry())
    assert len(rows) == 12
    assert all(set(row) == {c.key for c in INDICATORS.columns} for row in rows)
    first = rows[0]
    assert first["file"] == "forms/clean.txt"
    assert first["department"] == "示范区卫生健康局"
    assert first["year"] == 2022
    assert (first["goal_kind"], first["goal_index"], first["indicator_index"]) == ("long_term", 1, 1)
    assert (first["level1"], first["level2"], first["name"]) == ("成本指标", "经济成本指标", "人均服务经费")
    assert (first["target_raw"], first["target_op"], first["target_number"], first["target_unit"]) == (
        "≤89元",
        "<=",
        Decimal("89"),
        "元",
    )
    assert first["standard_raw"] == "预算支出标准"
    assert first["history_1_year"] is None and first["history_1_raw"] is None
    assert isinstance(first["location"], str) and first["location"].startswith("line ")
    assert first["sha256"] == SHA


def test_indicator_rows_history_slots_hold_the_two_years_in_order() -> None:
    annual = [r for r in indicator_rows(entry()) if r["goal_kind"] == "annual"]
    row = annual[1]
    assert row["name"] == "培训人次"
    assert (row["history_1_year"], row["history_1_raw"], row["history_1_number"]) == (
        2020,
        "1000人次",
        Decimal("1000"),
    )
    assert (row["history_2_year"], row["history_2_raw"], row["history_2_number"]) == (
        2021,
        "1100人次",
        Decimal("1100"),
    )


def test_indicator_rows_stable_shape_for_other_and_unordered_years() -> None:
    filing = clean_filing()
    ind = filing.goals[1].indicators[0]
    # three years, out of order: the slots take the last two, ascending
    ind.history.clear()
    ind.history.update({"2021": value("3"), "2019": value("1"), "2020": value("2")})
    rows = indicator_rows(Entry("a.txt", "ok", [], filing, SHA))
    row = next(r for r in rows if r["goal_kind"] == "annual")
    assert HISTORY_SLOTS == 2
    assert (row["history_1_year"], row["history_2_year"]) == (2020, 2021)
    assert (row["history_1_raw"], row["history_2_raw"]) == ("2", "3")
    assert "history_3_year" not in row


def test_funding_rows_items_then_total_per_block() -> None:
    rows = funding_rows(entry())
    assert [(r["block"], r["name"], r["is_total"]) for r in rows] == [
        ("收入", "财政拨款", False),
        ("收入", "其他资金", False),
        ("收入", "合计", True),
        ("支出", "基本支出", False),
        ("支出", "项目支出", False),
        ("支出", "合计", True),
    ]
    first = rows[0]
    assert set(first) == {c.key for c in FUNDING.columns}
    assert (first["amount_raw"], first["amount"]) == ("900.00", Decimal("900.00"))
    assert (first["share_raw"], first["share"]) == ("92.3%", Decimal("92.3"))
    assert (first["history_1_year"], first["history_1_amount"]) == (2020, Decimal("800"))
    assert (first["history_2_year"], first["history_2_amount"]) == (2021, Decimal("850"))
    assert first["unit"] == "万元"


def test_finding_rows_carry_place_and_values() -> None:
    e = Entry("a.docx", "invalid", [finding()], clean_filing(), SHA)
    (row,) = finding_rows(e)
    assert set(row) == {c.key for c in FINDINGS.columns}
    assert row["code"] == "PF104" and row["severity"] == "error"
    assert row["location"] == "table 1, row 5, column 6"
    assert (row["found"], row["expected"], row["suggestion"]) == ("82%", "100%", "改为 100%")
    assert row["department"] == "示范区卫生健康局"


def test_unreadable_entry_has_a_filing_row_and_its_finding_only() -> None:
    pf001 = Diagnostic(code="PF001", name="unreadable-input", severity=Severity.ERROR, message="not a form")
    e = Entry("junk.docx", "unreadable", [pf001], None, None)
    tables = build([e])
    assert tables["indicators"] == [] and tables["funding"] == []
    (filing,) = tables["filings"]
    assert filing["status"] == "unreadable" and filing["department"] is None
    assert (filing["errors"], filing["findings"], filing["indicators"]) == (1, 1, 0)
    (row,) = tables["findings"]
    assert (row["code"], row["file"], row["location"], row["sha256"]) == ("PF001", "junk.docx", None, None)


def test_filing_row_counts() -> None:
    e = Entry("a.txt", "invalid", [finding(), finding("PF409", Severity.WARNING)], clean_filing(), SHA)
    row = filing_row(e)
    assert (row["indicators"], row["fund_lines"], row["findings"]) == (12, 6, 2)
    assert (row["errors"], row["warnings"], row["infos"]) == (1, 1, 0)
    assert (row["format"], row["taxonomy"], row["form_type"]) == ("text", "2021", "部门整体支出绩效目标表")


@pytest.mark.parametrize(
    ("number", "text"),
    [(Decimal("717.28"), "717.28"), (Decimal("1E+2"), "100"), (Decimal("0.050"), "0.050")],
)
def test_decimal_text_exact_without_exponent(number: Decimal, text: str) -> None:
    assert decimal_text(number) == text


@pytest.mark.parametrize(
    ("loc", "text"),
    [
        (None, None),
        (Location(line=12, table=1, row=2, column=3), "line 12"),
        (Location(table=1, row=27, column=4), "table 1, row 27, column 4"),
        (Location(part="footer", table=1, row=1, column=2), "footer, table 1, row 1, column 2"),
        (Location(), None),
    ],
)
def test_place(loc: Location | None, text: str | None) -> None:
    assert place(loc) == text


def test_docs_list_every_column() -> None:
    """docs/export.md carries the column tables as generated from TABLES (regenerate it when this fails)."""
    doc = (Path(__file__).resolve().parent.parent / "docs" / "export.md").read_text(encoding="utf-8")
    for table in TABLES:
        lines = [f"### `{table.name}` ({table.zh})", "", "| key (en) | 中文 | type |", "|---|---|---|"]
        lines += [f"| `{c.key}` | {c.zh} | {c.kind} |" for c in table.columns]
        assert "\n".join(lines) + "\n" in doc, table.name
