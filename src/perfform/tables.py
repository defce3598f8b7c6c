"""Filings as flat tables: one row per filing, per indicator, per fund line and per finding.

Pure functions shared by every tabular output (xlsx, csv, sqlite, jsonl) and by the HTML report. A row is a
dict from column key to a cell: `str`, `int`, `Decimal` (exact, as parsed), `bool` or `None`. Each table
declares its columns once, with the English key (also the English header, the SQL column name and the JSON
key) and the Chinese header, so both header languages come from one mapping.

History columns have a fixed shape whatever years a filing covers: `history_1_*` is the earlier of the two
近两年 years, `history_2_*` the later, and `history_N_year` says which year each slot holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from perfform.batch import FileResult
from perfform.diagnostics import Severity
from perfform.model import FundLine, Location, Value

Entry = FileResult
"""One checked input, as `perfform validate` produces it; `filing` is None when it was unreadable."""

Cell = str | int | Decimal | bool | None
Row = dict[str, Cell]
Kind = Literal["text", "int", "number", "money", "bool"]
"""number: a parsed Decimal (indicator values, 占比); money: a Decimal amount that sqlite also keeps as
exact text."""
Lang = Literal["zh", "en"]

HISTORY_SLOTS = 2
BLOCKS = (("income", "收入"), ("expenditure", "支出"))


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    zh: str
    kind: Kind = "text"

    def header(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.key


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    """English name: sheet name with English headers, csv file suffix, jsonl "table" field, SQL table."""
    zh: str
    columns: tuple[Column, ...]

    def title(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.name


def _history_columns(zh_value: str, value_kind: Kind) -> tuple[Column, ...]:
    number_key = "amount" if value_kind == "money" else "number"
    columns: list[Column] = []
    for slot in range(1, HISTORY_SLOTS + 1):
        columns += [
            Column(f"history_{slot}_year", f"近两年{slot}年份", "int"),
            Column(f"history_{slot}_raw", f"近两年{slot}{zh_value}", "text"),
            Column(f"history_{slot}_{number_key}", f"近两年{slot}数值", value_kind),
        ]
    return tuple(columns)


_HEAD = (Column("file", "文件"), Column("department", "部门"), Column("year", "年度", "int"))
_TAIL = (Column("sha256", "文件SHA-256"),)

FILINGS = Table(
    "filings",
    "文件",
    (
        Column("file", "文件"),
        Column("status", "状态"),
        Column("department", "部门"),
        Column("year", "年度", "int"),
        Column("form_type", "表名"),
        Column("title", "标题"),
        Column("format", "格式"),
        Column("taxonomy", "指标体系"),
        Column("preparer", "填报人"),
        Column("date", "填报日期"),
        Column("indicators", "指标数", "int"),
        Column("fund_lines", "资金行数", "int"),
        Column("findings", "问题数", "int"),
        Column("errors", "错误数", "int"),
        Column("warnings", "警告数", "int"),
        Column("infos", "提示数", "int"),
        *_TAIL,
    ),
)
INDICATORS = Table(
    "indicators",
    "绩效指标",
    (
        *_HEAD,
        Column("goal_kind", "目标类型"),
        Column("goal_index", "目标序号", "int"),
        Column("goal_name", "目标名称"),
        Column("indicator_index", "指标序号", "int"),
        Column("level1", "一级指标"),
        Column("level2", "二级指标"),
        Column("name", "指标名称"),
        Column("target_raw", "指标值"),
        Column("target_op", "运算符"),
        Column("target_number", "指标值数值", "number"),
        Column("target_unit", "单位"),
        Column("target_kind", "值类型"),
        *_history_columns("指标值", "number"),
        Column("standard_raw", "绩效标准"),
        Column("location", "位置"),
        *_TAIL,
    ),
)
FUNDING = Table(
    "funding",
    "资金情况",
    (
        *_HEAD,
        Column("block", "收支"),
        Column("line_index", "行序号", "int"),
        Column("name", "项目"),
        Column("is_total", "合计行", "bool"),
        Column("unit", "金额单位"),
        Column("amount_raw", "当年预算"),
        Column("amount", "当年预算数值", "money"),
        Column("share_raw", "占比"),
        Column("share", "占比数值", "number"),
        *_history_columns("收支", "money"),
        Column("location", "位置"),
        *_TAIL,
    ),
)
FINDINGS = Table(
    "findings",
    "审核发现",
    (
        *_HEAD,
        Column("code", "规则代码"),
        Column("name", "规则名称"),
        Column("severity", "级别"),
        Column("message", "说明"),
        Column("path", "模型路径"),
        Column("location", "位置"),
        Column("found", "填报值"),
        Column("expected", "应为"),
        Column("suggestion", "修改建议"),
        *_TAIL,
    ),
)
TABLES = (FILINGS, INDICATORS, FUNDING, FINDINGS)


# -- rows -------------------------------------------------------------------------------------------------


def place(loc: Location | None) -> str | None:
    """Where a cell is, as findings say it: "line 120", or "table 1, row 27, column 4"."""
    if loc is None:
        return None
    if loc.line is not None:
        return f"line {loc.line}"
    bits = [f"{k} {v}" for k, v in (("table", loc.table), ("row", loc.row), ("column", loc.column)) if v]
    if not bits:
        return None
    return ("" if loc.part == "body" else f"{loc.part}, ") + ", ".join(bits)


def decimal_text(number: Decimal) -> str:
    """Exact, without exponent: Decimal("1E+2") → "100"."""
    return format(number, "f")


def _head(entry: Entry) -> Row:
    filing = entry.filing
    return {
        "file": entry.path,
        "department": filing.department if filing else None,
        "year": filing.year if filing else None,
    }


def _history(history: dict[str, Value], number_key: str) -> Row:
    """The last two history years (ascending) into fixed slots; empty slots are None."""
    years = sorted(history, key=lambda y: (y.isdigit(), int(y) if y.isdigit() else 0, y))
    chosen = years[-HISTORY_SLOTS:]
    row: Row = {}
    for slot in range(1, HISTORY_SLOTS + 1):
        year = chosen[slot - 1] if slot <= len(chosen) else None
        value = history[year] if year is not None else None
        row[f"history_{slot}_year"] = int(year) if year is not None and year.isdigit() else None
        row[f"history_{slot}_raw"] = value.raw if value is not None else None
        row[f"history_{slot}_{number_key}"] = value.number if value is not None else None
    return row


def indicator_rows(entry: Entry) -> list[Row]:
    filing = entry.filing
    if filing is None:
        return []
    rows: list[Row] = []
    for goal in filing.goals:
        for index, ind in enumerate(goal.indicators, start=1):
            rows.append(
                {
                    **_head(entry),
                    "goal_kind": goal.kind,
                    "goal_index": goal.index,
                    "goal_name": goal.name,
                    "indicator_index": index,
                    "level1": ind.level1,
                    "level2": ind.level2,
                    "name": ind.name,
                    "target_raw": ind.target.raw,
                    "target_op": ind.target.op,
                    "target_number": ind.target.number,
                    "target_unit": ind.target.unit,
                    "target_kind": ind.target.kind,
                    **_history(ind.history, "number"),
                    "standard_raw": ind.standard.raw if ind.standard is not None else None,
                    "location": place(ind.loc),
                    "sha256": entry.sha256,
                }
            )
    return rows


def funding_rows(entry: Entry) -> list[Row]:
    filing = entry.filing
    if filing is None or filing.funding is None:
        return []
    funding = filing.funding
    rows: list[Row] = []
    for attr, block_name in BLOCKS:
        block = getattr(funding, attr)
        lines: list[tuple[FundLine, bool]] = [(line, False) for line in block.items]
        if block.total is not None:
            lines.append((block.total, True))
        for index, (line, is_total) in enumerate(lines, start=1):
            rows.append(
                {
                    **_head(entry),
                    "block": block_name,
                    "line_index": index,
                    "name": line.name,
                    "is_total": is_total,
                    "unit": funding.unit,
                    "amount_raw": line.amount.raw,
                    "amount": line.amount.number,
                    "share_raw": line.share.raw,
                    "share": line.share.number,
                    **_history(line.history, "amount"),
                    "location": place(line.loc),
                    "sha256": entry.sha256,
                }
            )
    return rows


def finding_rows(entry: Entry) -> list[Row]:
    return [
        {
            **_head(entry),
            "code": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "message": d.message,
            "path": d.path,
            "location": d.where() or None,
            "found": d.found,
            "expected": d.expected,
            "suggestion": d.suggestion,
            "sha256": entry.sha256,
        }
        for d in entry.diagnostics
    ]


def filing_row(entry: Entry) -> Row:
    filing = entry.filing
    counts = {s: sum(1 for d in entry.diagnostics if d.severity is s) for s in Severity}
    return {
        "file": entry.path,
        "status": entry.status,
        "department": filing.department if filing else None,
        "year": filing.year if filing else None,
        "form_type": filing.form_type if filing else None,
        "title": filing.title if filing else None,
        "format": filing.source.format if filing else None,
        "taxonomy": filing.taxonomy if filing else None,
        "preparer": filing.preparer if filing else None,
        "date": filing.date if filing else None,
        "indicators": sum(len(g.indicators) for g in filing.goals) if filing else 0,
        "fund_lines": len(funding_rows(entry)),
        "findings": len(entry.diagnostics),
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "infos": counts[Severity.INFO],
        "sha256": entry.sha256,
    }


def build(entries: Iterable[Entry]) -> dict[str, list[Row]]:
    """Every table's rows, keyed by table name, in input order."""
    tables: dict[str, list[Row]] = {table.name: [] for table in TABLES}
    for entry in entries:
        tables[FILINGS.name].append(filing_row(entry))
        tables[INDICATORS.name].extend(indicator_rows(entry))
        tables[FUNDING.name].extend(funding_rows(entry))
        tables[FINDINGS.name].extend(finding_rows(entry))
    return tables
