"""The standard layout of the form as a table plan: one table of 8 grid columns, section by section.

Columns (cm on A4 landscape): section label · 一级/收入构成 · 二级/line name · 指标名称/当年预算收支 ·
history year 1 · history year 2 · 预期当年实现值 · 绩效标准. Values are shown exactly as filed (`Value.raw`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from perfform.model import Filing, FundBlock, FundLine, Goal, Indicator, Value
from perfform.render import standard
from perfform.render.clean import clean_filing
from perfform.render.plan import DocumentPlan, Span, TableBuilder
from perfform.render.standard import LevelRun

WIDTHS_CM: Final = (2.6, 2.4, 3.0, 6.7, 2.6, 2.6, 2.9, 2.9)
COLUMNS: Final = len(WIDTHS_CM)
BLOCKS: Final = (("income", "收入构成"), ("expenditure", "支出构成"))
NOTE_PREFIX: Final = "备注："


def plan_filing(filing: Filing) -> DocumentPlan:
    """The document of `filing` in the standard layout (it shows `clean_filing(filing)`)."""
    clean = clean_filing(filing)
    b = TableBuilder(WIDTHS_CM)
    _header(b, clean)
    _funding(b, clean)
    _texts(b, clean)
    _overall_goals(b, clean)
    version = standard.version_of(clean.goals)
    for i, goal in enumerate(clean.goals):
        runs = standard.level_runs(goal.indicators, version)
        _goal(b, clean, i, goal, runs)
    _notes(b, clean)
    return DocumentPlan(clean.title, b.finish())


def _label(text: str, cols: int = 1, rows: int = 1, paths: tuple[str, ...] = ()) -> Span:
    return Span(text, cols, rows, "label", paths)


def _heading(text: str, cols: int = 1, rows: int = 1) -> Span:
    return Span(text, cols, rows, "heading")


def _value(value: Value | str | None, path: str, cols: int = 1, *more: str) -> Span:
    text = value.raw if isinstance(value, Value) else (value or "")
    return Span(text.strip(), cols, 1, "value", (path, *more))


def _text(text: str | None, path: str, cols: int) -> Span:
    return Span((text or "").strip(), cols, 1, "text", (path,))


def _header(b: TableBuilder, f: Filing) -> None:
    b.add(_label("部门名称"), _value(f.department, "department", 7), repeat=True)
    b.add(
        _label("填报人"),
        _value(f.preparer, "preparer"),
        _label("联系电话"),
        _value(f.phone, "phone", 2),
        _label("填报日期"),
        _value(f.date, "date", 2),
        keep_together=True,
    )


def _funding(b: TableBuilder, f: Filing) -> None:
    funding = f.funding
    if funding is None:
        return
    years = standard.funding_years(funding, f.year)
    blocks = [(key, name, getattr(funding, key)) for key, name in BLOCKS]
    blocks = [(key, name, block) for key, name, block in blocks if standard.lines_of(block)]
    count = sum(len(standard.lines_of(block)) for _, _, block in blocks)
    unit = "元" if funding.unit == "元" else "万元"
    b.add(
        _label(f"部门总体资金情况（{unit}）", rows=2 + count, paths=("funding",)),
        _heading("总体资金情况", 2, 2),
        _heading("当年预算收支", 1, 2),
        _heading("占比", 2, 2),
        _heading("近两年收支情况", 2),
        keep_together=True,
        keep_with_next=True,
    )
    b.add(*_year_headings(years, "funding.history_years"), keep_together=True)
    for key, name, block in blocks:
        _fund_block(b, f"funding.{key}", block, name, years)


def _year_headings(years: Sequence[str], path: str) -> list[Span]:
    if not years:
        return [_heading(""), _heading("")]
    return [Span(f"{y}年", 1, 1, "heading", (f"{path}[{i}]",)) for i, y in enumerate(years)]


def _fund_block(b: TableBuilder, path: str, block: FundBlock, name: str, years: list[str]) -> None:
    lines = standard.lines_of(block)
    for j, line in enumerate(lines):
        line_path = f"{path}.items[{j}]" if j < len(block.items) else f"{path}.total"
        spans = [_label(block.label or name, rows=len(lines), paths=(path,))] if j == 0 else []
        spans += _fund_line(line, line_path, years)
        b.add(*spans, keep_together=True)


def _fund_line(line: FundLine, path: str, years: list[str]) -> list[Span]:
    return [
        _value(line.name, path, 1, f"{path}.name"),
        _value(line.amount, f"{path}.amount"),
        _value(line.share, f"{path}.share", 2),
        *_history(line.history, path, years),
    ]


def _history(history: dict[str, Value], path: str, years: list[str]) -> list[Span]:
    if not years:
        return [Span(), Span()]
    return [_value(history.get(y), f"{path}.history.{y}") for y in years]


def _texts(b: TableBuilder, f: Filing) -> None:
    b.add(_label("部门职能概述"), _text(f.functions, "functions", 7))
    b.add(_label("年度工作任务"), _text(f.annual_tasks, "annual_tasks", 7))


def _overall_goals(b: TableBuilder, f: Filing) -> None:
    overall = f.overall_goals
    b.add(
        _label("整体绩效目标", rows=2, paths=("overall_goals",)),
        _heading("长期目标", 3),
        _heading("年度目标", 4),
        keep_together=True,
        keep_with_next=True,
    )
    b.add(
        _text(overall.long_term, "overall_goals.long_term", 3),
        _text(overall.annual, "overall_goals.annual", 4),
    )


def _goal(b: TableBuilder, f: Filing, i: int, goal: Goal, runs: list[LevelRun]) -> None:
    path = f"goals[{i}]"
    b.add(
        _label(goal.label or standard.goal_label(goal.kind, goal.index), paths=(path,)),
        _value(goal.name, f"{path}.name", 7),
        keep_together=True,
        keep_with_next=True,
    )
    table_label = f"{standard.GOAL_WORD[goal.kind]}绩效目标"
    rows = len(goal.indicators)
    if standard.has_history_columns(goal):
        years = standard.goal_years(goal, f)
        heads = dict(keep_together=True, keep_with_next=True)
        b.add(
            _label(table_label, rows=3 + rows, paths=(f"{path}.indicators",)),
            _heading("一级指标", 1, 3),
            _heading("二级指标", 1, 3),
            _heading("指标名称", 1, 3),
            _heading("指标值", 3),
            _heading("绩效标准", 1, 3),
            **heads,
        )
        b.add(_heading("近两年指标值", 2), _heading("预期当年实现值", 1, 2), **heads)
        b.add(*_year_headings(years, f"{path}.years"), **heads)
    else:
        years = []
        b.add(
            _label(table_label, rows=1 + rows, paths=(f"{path}.indicators",)),
            _heading("一级指标"),
            _heading("二级指标"),
            _heading("指标名称"),
            _heading("指标值", 2),
            _heading("绩效标准", 2),
            keep_together=True,
            keep_with_next=True,
        )
    for j, (indicator, run) in enumerate(zip(goal.indicators, runs, strict=True)):
        row_path = f"{path}.indicators[{j}]"
        spans = _levels(indicator, run, path, j)
        spans.append(_value(indicator.name, row_path, 1, f"{row_path}.name"))
        if standard.has_history_columns(goal):
            spans += _history(indicator.history, row_path, years)
            spans.append(_value(indicator.target, f"{row_path}.target"))
            spans.append(_value(indicator.standard, f"{row_path}.standard"))
        else:
            spans.append(_value(indicator.target, f"{row_path}.target", 2))
            spans.append(_value(indicator.standard, f"{row_path}.standard", 2))
        b.add(*spans, keep_together=True)


def _levels(indicator: Indicator, run: LevelRun, goal_path: str, j: int) -> list[Span]:
    """The 一级 and 二级 cells a row starts (none when both are merged from above)."""
    spans: list[Span] = []
    for start, rows, text, field in (
        (run.level1_start, run.level1_rows, indicator.level1, "level1"),
        (run.level2_start, run.level2_rows, indicator.level2, "level2"),
    ):
        if start:
            paths = tuple(f"{goal_path}.indicators[{k}].{field}" for k in range(j, j + rows))
            spans.append(_label(text, rows=rows, paths=paths))
    return spans


def _notes(b: TableBuilder, f: Filing) -> None:
    notes = [note.strip() for note in f.notes if note.strip()]
    first = notes[0] if notes else ""
    b.add(Span(NOTE_PREFIX + first, COLUMNS, 1, "text", ("notes", "notes[0]")))
    for k, note in enumerate(notes[1:], 1):
        b.add(Span(note, COLUMNS, 1, "text", (f"notes[{k}]",)))
